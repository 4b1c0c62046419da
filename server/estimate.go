package server

import (
	"bytes"
	"encoding/base64"
	"image"
	_ "image/gif" // the image headers an estimate reads
	_ "image/jpeg"
	_ "image/png"
	"math"
	"strings"

	_ "golang.org/x/image/webp"

	"github.com/galleyprint/galley"
	"github.com/galleyprint/galley/article"
)

// Memory estimates of a render, for admission. They were measured on the
// corpus (the live heap of a render is 1.5 to 14 times its body, a few
// megabytes at least) and err on the large side: what they bound is the
// service's peak memory.
const (
	// renderBase is the least a render holds: the layout, the PDF being
	// written, the fonts' subsets.
	renderBase = 8 << 20
	// bodyFactor times the body is what reading and laying it out hold.
	bodyFactor = 8
	// printPixels is the most pixels an image keeps at 200 dpi: about the
	// text width of an A4 page by 60 % of its height, where the layout
	// places figures; images are reduced to it as they are loaded.
	printPixels = 1650 * 1400
	// pixelBytes is what a pixel costs while an image is prepared.
	pixelBytes = 4
)

// renderNeed is the memory a render of a body of n bytes is estimated to
// need before its images are known.
func renderNeed(n int) int64 { return renderBase + bodyFactor*int64(n) }

// imagesNeed estimates the memory the images of a will take once loaded
// under opts: for each image that will be loaded, its pixels (read from a
// data: URI's header; the largest printable for a remote one, whose size
// is unknown until fetched, when remote images are fetched) up to the most
// it prints at.
func imagesNeed(a *article.Article, opts galley.Options, remote bool) int64 {
	if opts.NoImages || a == nil {
		return 0
	}
	dpi := opts.ImageDPI
	if !(dpi > 0) || math.IsInf(dpi, 0) {
		dpi = 200
	}
	most := int64(printPixels * dpi * dpi / (200 * 200))
	var total int64
	n := 0
	seen := map[string]bool{}
	for _, f := range a.Figures() { // in the order galley loads them
		if f.Src == "" || seen[f.Src] || opts.MaxImages > 0 && n >= opts.MaxImages {
			continue
		}
		seen[f.Src] = true
		n++ // as galley counts them: the first MaxImages distinct ones load
		var px int64
		switch {
		case strings.HasPrefix(f.Src, "data:"):
			px = dataURIPixels(f.Src, most)
		case strings.HasPrefix(f.Src, "http://") || strings.HasPrefix(f.Src, "https://"):
			if remote {
				px = most
			}
		}
		total += min(px, most) * pixelBytes
	}
	return total
}

// dataURIPixels reads the width and height of a base64 data: URI image
// from the start of its bytes; unknown when they cannot be read.
func dataURIPixels(uri string, unknown int64) int64 {
	meta, data, ok := strings.Cut(uri, ",")
	if !ok || !strings.HasSuffix(meta, ";base64") {
		return unknown
	}
	// the header of a JPEG, PNG, GIF or WebP is within its first 48 KB
	// unless a large thumbnail or profile precedes it
	data = data[:min(len(data), 64<<10)]
	data = data[:len(data)/4*4]
	raw, err := base64.StdEncoding.DecodeString(data)
	if err != nil {
		return unknown
	}
	cfg, _, err := image.DecodeConfig(bytes.NewReader(raw))
	if err != nil || cfg.Width <= 0 || cfg.Height <= 0 {
		return unknown
	}
	return int64(cfg.Width) * int64(cfg.Height)
}
