package media

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/gif"
	"image/jpeg"
	"image/png"

	"golang.org/x/image/bmp"
	"golang.org/x/image/webp"

	"github.com/galleyprint/galley/internal/ctxio"
)

// format is an image format galley can decode.
type format string

const (
	fmtJPEG format = "jpeg"
	fmtPNG  format = "png"
	fmtGIF  format = "gif"
	fmtWebP format = "webp"
	fmtBMP  format = "bmp"
)

// sniff names the format of data from its magic bytes, or explains why it
// cannot be printed.
func sniff(data []byte) (format, error) {
	switch {
	case bytes.HasPrefix(data, []byte("\xff\xd8\xff")):
		return fmtJPEG, nil
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		return fmtPNG, nil
	case bytes.HasPrefix(data, []byte("GIF87a")), bytes.HasPrefix(data, []byte("GIF89a")):
		return fmtGIF, nil
	case len(data) >= 12 && string(data[:4]) == "RIFF" && string(data[8:12]) == "WEBP":
		return fmtWebP, nil
	case bytes.HasPrefix(data, []byte("BM")) && len(data) >= 26:
		return fmtBMP, nil
	case isSVG(data):
		return "", fmt.Errorf("%w: SVG is not supported yet; the figure prints its caption or alt text instead", ErrUnsupportedImage)
	case len(data) >= 12 && string(data[4:8]) == "ftyp":
		return "", fmt.Errorf("%w: %s (AVIF/HEIF) is not supported", ErrUnsupportedImage, bytes.TrimRight(data[8:12], " \x00"))
	case bytes.HasPrefix(data, []byte("II*\x00")), bytes.HasPrefix(data, []byte("MM\x00*")):
		return "", fmt.Errorf("%w: TIFF is not supported", ErrUnsupportedImage)
	case len(data) == 0:
		return "", fmt.Errorf("%w: no bytes", ErrNotImage)
	case isText(data):
		return "", fmt.Errorf("%w: the bytes are text", ErrNotImage)
	}
	return "", fmt.Errorf("%w: unknown image format", ErrUnsupportedImage)
}

// isSVG reports whether data looks like an SVG document.
func isSVG(data []byte) bool {
	head := data[:min(len(data), 4096)]
	head = bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	head = bytes.TrimLeft(head, " \t\r\n")
	if len(head) == 0 || head[0] != '<' {
		return false
	}
	return bytes.Contains(bytes.ToLower(head), []byte("<svg"))
}

// isText reports whether the start of data is printable text, as an HTML
// error page served in place of an image is.
func isText(data []byte) bool {
	head := data[:min(len(data), 512)]
	for _, c := range head {
		if c < 0x09 || c > 0x0d && c < 0x20 && c != 0x1b || c == 0x7f {
			return false
		}
	}
	return true
}

// decodeConfig reads the header of an image of format f.
func decodeConfig(f format, data []byte) (cfg image.Config, err error) {
	defer recoverDecoder(&err)
	r := bytes.NewReader(data)
	switch f {
	case fmtJPEG:
		cfg, err = jpeg.DecodeConfig(r)
	case fmtPNG:
		cfg, err = png.DecodeConfig(r)
	case fmtGIF:
		cfg, err = gif.DecodeConfig(r)
	case fmtWebP:
		cfg, err = webp.DecodeConfig(r)
	case fmtBMP:
		cfg, err = bmp.DecodeConfig(r)
	default:
		err = fmt.Errorf("%w: %s", ErrUnsupportedImage, f)
	}
	return cfg, decodeError(f, err)
}

// decode decodes an image of format f; a GIF gives its first frame.
func decode(ctx context.Context, f format, data []byte) (img image.Image, err error) {
	defer recoverDecoder(&err)
	// the decoders read as they go: they stop at the first read after
	// ctx is done (but WebP's, which reads its frame whole first)
	r := ctxio.Reader{Ctx: ctx, R: bytes.NewReader(data)}
	switch f {
	case fmtJPEG:
		img, err = jpeg.Decode(r)
	case fmtPNG:
		img, err = png.Decode(r)
	case fmtGIF:
		img, err = gif.Decode(r)
	case fmtWebP:
		img, err = webp.Decode(r)
	case fmtBMP:
		img, err = bmp.Decode(r)
	default:
		err = fmt.Errorf("%w: %s", ErrUnsupportedImage, f)
	}
	if err == nil && (img == nil || img.Bounds().Empty()) {
		err = errors.New("no pixels")
	}
	if cerr := ctx.Err(); err != nil && cerr != nil {
		return nil, cerr
	}
	return img, decodeError(f, err)
}

// recoverDecoder turns a decoder's panic into an error: the decoders are
// not supposed to panic, but a damaged image must never take the process
// down.
func recoverDecoder(err *error) {
	if r := recover(); r != nil {
		*err = fmt.Errorf("%w: the decoder failed: %v", ErrCorruptImage, r)
	}
}

// decodeError classifies a decoder's error: a feature the decoder does not
// implement is unsupported, anything else damaged.
func decodeError(f format, err error) error {
	if err == nil || errors.Is(err, ErrUnsupportedImage) || errors.Is(err, ErrCorruptImage) {
		return err
	}
	var ju jpeg.UnsupportedError
	var pu png.UnsupportedError
	if errors.As(err, &ju) || errors.As(err, &pu) || errors.Is(err, bmp.ErrUnsupported) {
		return fmt.Errorf("%w: %s: %v", ErrUnsupportedImage, f, err)
	}
	return fmt.Errorf("%w: %s: %v", ErrCorruptImage, f, err)
}

// decodedSize estimates the bytes data takes decoded, from its header: 4
// a pixel (8 for 16-bit PNGs), and 1 when the header cannot be read,
// which Prepare then reports.
func decodedSize(data []byte) int64 {
	f, err := sniff(data)
	if err != nil {
		return 1
	}
	cfg, err := decodeConfig(f, data)
	if err != nil || cfg.Width <= 0 || cfg.Height <= 0 {
		return 1
	}
	per := int64(4)
	if f == fmtPNG && len(data) > 24 && data[24] == 16 {
		per = 8
	}
	return max(1, int64(cfg.Width)*int64(cfg.Height)*per)
}
