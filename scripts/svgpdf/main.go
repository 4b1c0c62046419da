// Command svgpdf prints one SVG drawing alone, on a page of its natural
// size, as galley draws it in a figure: svgpdf in.svg out.pdf. With
// -png, it draws the page with the preview renderer instead, at -dpi.
// scripts/svg-compare uses it to set galley's drawing beside Chromium's.
package main

import (
	"context"
	"flag"
	"fmt"
	"image/png"
	"os"

	"github.com/galleyprint/galley/fonts"
	"github.com/galleyprint/galley/page"
	"github.com/galleyprint/galley/pdf"
	"github.com/galleyprint/galley/preview"
	"github.com/galleyprint/galley/svg"
)

func main() {
	asPNG := flag.Bool("png", false, "write a PNG from the preview renderer")
	dpi := flag.Float64("dpi", 50, "resolution of -png")
	flag.Parse()
	if flag.NArg() != 2 {
		fmt.Fprintln(os.Stderr, "usage: svgpdf [-png] [-dpi N] in.svg out")
		os.Exit(2)
	}
	if err := run(flag.Arg(0), flag.Arg(1), *asPNG, *dpi); err != nil {
		fmt.Fprintln(os.Stderr, "svgpdf:", err)
		os.Exit(1)
	}
}

func run(in, out string, asPNG bool, dpi float64) error {
	data, err := os.ReadFile(in)
	if err != nil {
		return err
	}
	doc, err := Document(data)
	if err != nil {
		return err
	}
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	defer f.Close()
	if asPNG {
		img, err := preview.Page(doc, 0, dpi)
		if err != nil {
			return err
		}
		return png.Encode(f, img)
	}
	return pdf.Write(context.Background(), f, doc)
}

// Document is a one-page document of the drawing at its natural size.
func Document(data []byte) (*page.Document, error) {
	d, err := svg.Parse(data, svg.Limits{})
	if err != nil {
		return nil, err
	}
	for _, w := range d.Warnings {
		fmt.Fprintln(os.Stderr, "svgpdf: not drawn as vectors:", w)
	}
	// what is rasterised is drawn at 150 pixels per inch
	svg.PrepareRasters(d, 150.0/72, 0, false)
	set, err := fonts.Default()
	if err != nil {
		return nil, err
	}
	img := &page.Image{Key: "drawing", Format: "svg", Drawing: d}
	doc := &page.Document{
		Info:   page.Info{Title: "drawing"},
		Pages:  []*page.Page{{Size: page.Size{W: d.W, H: d.H}, Items: []page.Item{{Kind: page.ItemImage, W: d.W, H: d.H, More: &page.ItemMore{Image: img.Key}, Role: page.RoleFigure}}}},
		Images: map[string]*page.Image{img.Key: img},
	}
	doc.PlaceDrawings(set)
	return doc, nil
}
