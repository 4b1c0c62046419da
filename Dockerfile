# galley in a container: the binary, CA certificates for fetching pages and
# images, and a TrueType CJK face for Chinese and Japanese articles.
#
#   docker build -t galley .
#   docker run --rm -v "$PWD:/work" galley batch /work/archive -o /work/out
FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
# -tags cloud: batch reads and writes s3://, gs://, azblob:// (docs/kubernetes-batch.md)
RUN CGO_ENABLED=0 go build -tags cloud -trimpath -ldflags "-s -w" -o /out/galley ./cmd/galley

FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates fonts-droid-fallback \
 && rm -rf /var/lib/apt/lists/*
COPY --from=build /out/galley /usr/local/bin/galley
USER 65534:65534
WORKDIR /work
ENTRYPOINT ["/usr/local/bin/galley"]
