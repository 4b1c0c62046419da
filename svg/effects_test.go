package svg

import (
	"image"
	"image/color"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/galleyprint/galley/page"
)

// rasters returns the drawing's rasterised parts.
func rasters(d *page.Drawing) []*page.DrawingImage {
	var out []*page.DrawingImage
	for _, p := range d.Parts {
		if p.Image != nil && p.Image.Raster != nil {
			out = append(out, p.Image)
		}
	}
	return out
}

// pixelAt is the colour of raster pi drawn at 4/3 pixels per point (a
// pixel per CSS pixel) at the drawing's user point (x, y); transparent
// outside it.
func pixelAt(m *image.RGBA, pi *page.DrawingImage, x, y float64) color.RGBA {
	const scale = 4.0 / 3
	px := int(math.Floor((x*pxPoints - pi.X.Points()) * scale))
	py := int(math.Floor((y*pxPoints - pi.Y.Points()) * scale))
	if !(image.Point{px, py}).In(m.Rect) {
		return color.RGBA{}
	}
	return m.RGBAAt(px, py)
}

// TestEffectsRasterised checks masks, filters and patterns: each drawn as
// a raster part with a warning naming it, its pixels as the feature
// makes them (probed at points of the drawing).
func TestEffectsRasterised(t *testing.T) {
	type probe struct {
		x, y float64
		want color.RGBA
		tol  int
	}
	red, clear := color.RGBA{255, 0, 0, 255}, color.RGBA{}
	for _, c := range []struct {
		name, body, warning string
		probes              []probe
	}{
		{"luminance mask", `<mask id="m"><rect width="20" height="40" fill="white"/><rect x="20" width="20" height="40" fill="#808080"/></mask>
<rect width="40" height="40" fill="red" mask="url(#m)"/>`, "mask rasterised",
			[]probe{{5, 20, red, 2}, {30, 20, color.RGBA{128, 0, 0, 128}, 3}}},
		{"alpha mask", `<mask id="m" style="mask-type:alpha"><rect width="20" height="40" fill="black"/></mask>
<rect width="40" height="40" fill="red" mask="url(#m)"/>`, "mask rasterised",
			[]probe{{5, 20, red, 2}, {30, 20, clear, 0}}},
		{"mask region in the box's units", `<mask id="m" x="0" y="0" width="0.5" height="1"><rect width="40" height="40" fill="white"/></mask>
<rect width="40" height="40" fill="red" mask="url(#m)"/>`, "mask rasterised",
			[]probe{{5, 20, red, 2}, {30, 20, clear, 0}}},
		{"content in the box's units", `<mask id="m" maskContentUnits="objectBoundingBox"><rect width="0.25" height="1" fill="white"/></mask>
<rect x="20" width="20" height="40" fill="red" mask="url(#m)"/>`, "mask rasterised",
			[]probe{{22, 20, red, 2}, {30, 20, clear, 0}}},
		{"flood, composite, offset, merge", `<filter id="f" x="0" y="0" width="2" height="2"><feFlood flood-color="blue"/>
<feComposite in2="SourceAlpha" operator="in"/><feOffset dx="10" dy="10" result="s"/>
<feMerge><feMergeNode in="s"/><feMergeNode in="SourceGraphic"/></feMerge></filter>
<rect width="20" height="20" fill="red" filter="url(#f)"/>`, "filter rasterised",
			[]probe{{5, 5, red, 2}, {25, 25, color.RGBA{0, 0, 255, 255}, 2}, {35, 5, clear, 0}}},
		{"blur softens edges", `<filter id="f"><feGaussianBlur stdDeviation="3"/></filter>
<rect x="10" y="10" width="20" height="20" fill="red" filter="url(#f)"/>`, "filter rasterised",
			[]probe{{20, 20, red, 4}, {10, 20, color.RGBA{128, 0, 0, 128}, 30}, {2, 20, clear, 8}}},
		{"colour matrix", `<filter id="f"><feColorMatrix type="matrix" values="0 0 0 0 0  0 0 0 0 0  0 0 0 0 0  0 0 0 0.5 0"/></filter>
<rect width="20" height="20" fill="red" filter="url(#f)"/>`, "filter rasterised",
			[]probe{{5, 5, color.RGBA{0, 0, 0, 128}, 1}}},
		{"saturate 0 greys", `<filter id="f"><feColorMatrix type="saturate" values="0"/></filter>
<rect width="20" height="20" fill="red" filter="url(#f)"/>`, "filter rasterised",
			[]probe{{5, 5, color.RGBA{54, 54, 54, 255}, 2}}},
		{"drop shadow", `<filter id="f" x="0" y="0" width="2" height="2"><feDropShadow dx="10" dy="10" stdDeviation="0" flood-color="green"/></filter>
<rect width="20" height="20" fill="red" filter="url(#f)"/>`, "filter rasterised",
			[]probe{{5, 5, red, 2}, {25, 25, color.RGBA{0, 128, 0, 255}, 2}}},
		{"pattern tiles", `<pattern id="p" patternUnits="userSpaceOnUse" width="10" height="10"><rect width="5" height="5" fill="red"/></pattern>
<rect width="40" height="40" fill="url(#p)"/>`, "pattern rasterised",
			[]probe{{2, 2, red, 2}, {7, 7, clear, 0}, {32, 22, red, 2}, {37, 27, clear, 0}}},
		{"pattern in the box's units, through href", `<pattern id="q"><rect width="5" height="5" fill="red"/></pattern>
<pattern id="p" width="0.5" height="0.5" href="#q"/><rect x="20" y="20" width="20" height="20" fill="url(#p)"/>`, "pattern rasterised",
			[]probe{{22, 22, red, 2}, {27, 27, clear, 0}, {32, 32, red, 2}}},
		{"pattern clipped to its shape", `<pattern id="p" patternUnits="userSpaceOnUse" width="40" height="40"><rect width="40" height="40" fill="red"/></pattern>
<circle cx="20" cy="20" r="10" fill="url(#p)"/>`, "pattern rasterised",
			[]probe{{20, 20, red, 2}, {2, 2, clear, 0}}},
	} {
		t.Run(c.name, func(t *testing.T) {
			d := parse(t, head+`width="40" height="40">`+c.body+`</svg>`)
			if !strings.Contains(strings.Join(d.Warnings, "; "), c.warning) {
				t.Errorf("warnings %q lack %q", d.Warnings, c.warning)
			}
			rs := rasters(d)
			if len(rs) != 1 {
				t.Fatalf("%d rasterised parts, want 1 (parts %d)", len(rs), len(d.Parts))
			}
			if len(paths(d)) != 0 {
				t.Errorf("%d paths beside the raster", len(paths(d)))
			}
			m := rs[0].Raster(4.0 / 3)
			for _, p := range c.probes {
				got := pixelAt(m, rs[0], p.x, p.y)
				if diff(got.R, p.want.R) > p.tol || diff(got.G, p.want.G) > p.tol || diff(got.B, p.want.B) > p.tol || diff(got.A, p.want.A) > p.tol {
					t.Errorf("at (%g, %g): %v, want %v", p.x, p.y, got, p.want)
				}
			}
		})
	}
}

func diff(a, b uint8) int {
	if a > b {
		return int(a - b)
	}
	return int(b - a)
}

// TestEffectsKeepText checks that the texts of a filtered or masked group
// stay text, over the raster, and that what is not a mask or filter
// leaves the element drawn plainly.
func TestEffectsKeepText(t *testing.T) {
	d := parse(t, head+`width="100" height="40"><defs><filter id="f"><feOffset dx="2" dy="2"/></filter></defs>
<g filter="url(#f)"><rect width="50" height="20"/><text x="5" y="15">label</text></g>
<rect width="10" height="10" mask="url(#nothing)"/><rect width="10" height="10" filter="blur(2px)"/></svg>`)
	if len(rasters(d)) != 1 || len(texts(d)) != 1 || texts(d)[0].Text != "label" {
		t.Errorf("%d rasters, %d texts", len(rasters(d)), len(texts(d)))
	}
	if d.Parts[0].Image == nil || d.Parts[1].Text == nil {
		t.Errorf("the raster is not drawn before the text")
	}
	if len(paths(d)) != 2 {
		t.Errorf("%d paths: elements with effects that name nothing are drawn plainly", len(paths(d)))
	}
}

// TestInkscapeMaskedShadows checks a real drawing (Inkscape's import of
// a PDF, from the Rust blog): each box's shadow is a black image masked
// by a grey one whose lightest is 102 of 255, so each shadow is drawn,
// at most 40 % dark, behind the boxes.
func TestInkscapeMaskedShadows(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "testdata", "svg", "masked", "inkscape-algebra-initial.svg"))
	if err != nil {
		t.Fatal(err)
	}
	d, err := Parse(data, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	rs := rasters(d)
	if len(rs) != 10 {
		t.Fatalf("%d rasterised shadows, want 10", len(rs))
	}
	for _, pi := range rs {
		m := pi.Raster(2)
		peak := uint8(0)
		for i := 3; i < len(m.Pix); i += 4 {
			peak = max(peak, m.Pix[i])
		}
		if peak < 40 || peak > 104 {
			t.Errorf("shadow at %v,%v: darkest alpha %d, want at most 102 and visible", pi.X, pi.Y, peak)
		}
	}
}

// TestEffectsOnLines checks the box effects measure: a horizontal line
// has no height, so a filter in its box's units has an empty region and
// draws nothing (as in browsers), while one in user space draws it.
func TestEffectsOnLines(t *testing.T) {
	for _, c := range []struct {
		units string
		drawn bool
	}{{"", false}, {`filterUnits="userSpaceOnUse" x="0" y="0" width="40" height="40"`, true}} {
		d := parse(t, head+`width="40" height="40"><filter id="f" `+c.units+`><feOffset dx="1"/></filter>`+
			`<line x1="5" y1="20" x2="35" y2="20" stroke="red" stroke-width="4" filter="url(#f)"/></svg>`)
		rs := rasters(d)
		if !c.drawn {
			if len(rs) != 0 || len(paths(d)) != 0 {
				t.Errorf("%q: %d rasters, %d paths, want nothing drawn", c.units, len(rs), len(paths(d)))
			}
			continue
		}
		if len(rs) != 1 {
			t.Fatalf("%s: %d rasters", c.units, len(rs))
		}
		m := rs[0].Raster(4.0 / 3)
		if pixelAt(m, rs[0], 20, 20).A < 200 {
			t.Errorf("%q: the line is not drawn", c.units)
		}
	}
}
