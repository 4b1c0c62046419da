package svg

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/galleyprint/galley/page"
)

func parse(t *testing.T, src string) *page.Drawing {
	t.Helper()
	d, err := Parse([]byte(src), Limits{})
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return d
}

func paths(d *page.Drawing) []*page.Path {
	var out []*page.Path
	for _, p := range d.Parts {
		if p.Path != nil {
			out = append(out, p.Path)
		}
	}
	return out
}

func texts(d *page.Drawing) []*page.DrawingText {
	var out []*page.DrawingText
	for _, p := range d.Parts {
		if p.Text != nil {
			out = append(out, p.Text)
		}
	}
	return out
}

const head = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" `

// TestSize checks the natural size: width and height in their units, the
// viewBox's, or CSS's default.
func TestSize(t *testing.T) {
	for _, c := range []struct {
		attrs string
		w, h  float64 // points
	}{
		{`width="200" height="100"`, 150, 75},
		{`width="2in" height="1in"`, 144, 72},
		{`width="100pt" height="50pt"`, 100, 50},
		{`viewBox="0 0 400 200"`, 300, 150},
		{`width="100%" viewBox="0 0 400 200"`, 300, 150},
		{`width="200" viewBox="0 0 400 200"`, 150, 75},
		{``, 225, 112.5},
	} {
		d := parse(t, head+c.attrs+`/>`)
		if d.W != page.Pt(c.w) || d.H != page.Pt(c.h) {
			t.Errorf("%s: %sx%s, want %gx%g", c.attrs, d.W, d.H, c.w, c.h)
		}
	}
}

// TestGeometry checks shapes, path data, transforms and viewBox mapping
// by the bounds of what they draw, in points.
func TestGeometry(t *testing.T) {
	for _, c := range []struct {
		name, body     string
		x0, y0, x1, y1 float64
	}{
		{"rect", `<rect x="10" y="20" width="30" height="40"/>`, 7.5, 15, 30, 45},
		{"circle", `<circle cx="50" cy="50" r="10"/>`, 30, 30, 45, 45},
		{"translate", `<g transform="translate(10,10)"><rect width="10" height="10"/></g>`, 7.5, 7.5, 15, 15},
		{"scale and rotate", `<rect width="10" height="20" transform="translate(50 50) rotate(90) scale(2)"/>`, 7.5, 37.5, 37.5, 52.5},
		{"relative path", `<path d="m10 10l10 0v10h-10z"/>`, 7.5, 7.5, 15, 15},
		{"compact numbers", `<path d="M1.5.5L10-0 10 10z"/>`, 1.125, 0, 7.5, 7.5},
		{"arc", `<path d="M10 50a40 40 0 0 1 80 0"/>`, 7.5, 7.5, 67.5, 37.5},
		{"quadratic", `<path d="M0 0Q50 100 100 0T200 0"/>`, 0, -50, 150, 50}, // control points included
		{"polygon", `<polygon points="0,0 100,0 50,50"/>`, 0, 0, 75, 37.5},
		{"viewBox", `<svg viewBox="0 0 10 10" width="100" height="100"><rect x="1" y="1" width="1" height="1"/></svg>`, 7.5, 7.5, 15, 15},
	} {
		d := parse(t, head+`width="200" height="200">`+c.body+`</svg>`)
		ps := paths(d)
		if len(ps) != 1 {
			t.Errorf("%s: %d paths", c.name, len(ps))
			continue
		}
		x0, y0, x1, y1 := ps[0].Bounds()
		near := func(u page.Unit, v float64) bool { return u-page.Pt(v) <= page.Point/2 && page.Pt(v)-u <= page.Point/2 }
		if !near(x0, c.x0) || !near(y0, c.y0) || !near(x1, c.x1) || !near(y1, c.y1) {
			t.Errorf("%s: bounds %s,%s-%s,%s, want %g,%g-%g,%g", c.name, x0, y0, x1, y1, c.x0, c.y0, c.x1, c.y1)
		}
	}
}

// TestStyle checks the cascade: presentation attributes, <style> rules
// by specificity, style attributes, inheritance, opacity, currentColor.
func TestStyle(t *testing.T) {
	src := head + `width="100" height="100">
<style>
  rect { fill: red }
  .a { fill: green }
  g .b { stroke: blue; stroke-width: 2 }
  #c { fill: #123 }
  @import url(http://example.com/x.css);
</style>
<rect width="1" height="1"/>
<rect class="a" width="1" height="1" fill="yellow"/>
<g fill-opacity="0.5"><rect class="b" width="1" height="1" fill="black"/></g>
<rect id="c" class="a" width="1" height="1"/>
<rect width="1" height="1" style="fill: rgb(0, 0, 255); opacity: 0.5"/>
<g color="#ff8000"><rect width="1" height="1" style="fill:currentColor" stroke-dasharray="2,1" stroke="black"/></g>
</svg>`
	d := parse(t, src)
	ps := paths(d)
	if len(ps) != 6 {
		t.Fatalf("%d paths", len(ps))
	}
	want := []struct {
		fill        page.Color
		alpha       uint8
		stroke      bool
		strokeColor page.Color
	}{
		{page.Color{R: 255}, 255, false, page.Color{}},
		{page.Color{G: 128}, 255, false, page.Color{}},
		{page.Color{R: 255}, 128, true, page.Color{B: 255}}, // a rule beats a presentation attribute
		{page.Color{R: 0x11, G: 0x22, B: 0x33}, 255, false, page.Color{}},
		{page.Color{B: 255}, 128, false, page.Color{}},
		{page.Color{R: 255, G: 128}, 255, true, page.Color{}},
	}
	for i, w := range want {
		p := ps[i]
		if p.Fill.Color != w.fill || p.Fill.Alpha != w.alpha || p.Stroke.On != w.stroke || p.Stroke.Color != w.strokeColor {
			t.Errorf("path %d: fill %v@%d stroke %v %v, want %v@%d %v %v", i, p.Fill.Color, p.Fill.Alpha, p.Stroke.On, p.Stroke.Color, w.fill, w.alpha, w.stroke, w.strokeColor)
		}
	}
	if len(ps[5].Dash) != 2 {
		t.Errorf("dash %v", ps[5].Dash)
	}
	if !strings.Contains(strings.Join(d.Warnings, ";"), "@import") {
		t.Errorf("warnings %q lack @import", d.Warnings)
	}
}

// TestUseClipGradient checks <use> of <defs>, clip paths and gradients.
func TestUseClipGradient(t *testing.T) {
	src := head + `width="100" height="100">
<defs>
  <path id="m" d="M0 0h10v10h-10z"/>
  <clipPath id="cp"><rect width="50" height="50"/></clipPath>
  <linearGradient id="g0"><stop offset="0" stop-color="red"/><stop offset="100%" stop-color="blue"/></linearGradient>
  <linearGradient id="g" xlink:href="#g0" x1="0" x2="0" y2="1"/>
  <radialGradient id="r" cx="50" cy="50" r="40" gradientUnits="userSpaceOnUse"><stop offset="0" stop-color="white"/><stop offset="1" stop-color="black"/></radialGradient>
</defs>
<use xlink:href="#m" x="20" y="20"/>
<use href="#m" x="40" y="40" fill="green"/>
<rect width="100" height="100" clip-path="url(#cp)" fill="url(#g)"/>
<circle cx="50" cy="50" r="40" fill="url(#r)"/>
</svg>`
	d := parse(t, src)
	ps := paths(d)
	if len(ps) != 4 {
		t.Fatalf("%d paths", len(ps))
	}
	if x0, y0, _, _ := ps[1].Bounds(); x0 != page.Pt(30) || y0 != page.Pt(30) {
		t.Errorf("second use at %s,%s, want 30,30", x0, y0)
	}
	if ps[1].Fill.Color != (page.Color{G: 128}) {
		t.Errorf("use's fill not inherited: %v", ps[1].Fill.Color)
	}
	if len(ps[2].Clips) != 1 {
		t.Fatalf("clips %d", len(ps[2].Clips))
	}
	if _, _, x1, y1 := ps[2].Clips[0].Bounds(); x1 != page.Pt(37.5) || y1 != page.Pt(37.5) {
		t.Errorf("clip to %s,%s", x1, y1)
	}
	g := ps[2].Fill.Gradient
	if g == nil || len(g.Stops) != 2 || g.X1 != g.X2 || g.Y2 != page.Pt(75) || g.Stops[1].Color != (page.Color{B: 255}) {
		t.Errorf("linear gradient %+v", g)
	}
	if r := ps[3].Fill.Gradient; r == nil || r.Kind != page.Radial || r.R != page.Pt(30) {
		t.Errorf("radial gradient %+v", r)
	}
}

// TestText checks texts: position, anchor, font, rotation, tspans.
func TestText(t *testing.T) {
	src := head + `width="200" height="200">
<text x="100" y="50" text-anchor="middle" style="font: bold 12px 'DejaVu Sans'">Total
  <tspan fill="red" font-style="italic">sales</tspan></text>
<text transform="translate(20 100) rotate(-90)" font-family="Courier" font-size="10pt">Axis</text>
<g font-family="Georgia"><text x="5" y="5"><tspan x="5" dy="1em">line one</tspan><tspan x="5" dy="1em">line two</tspan></text></g>
</svg>`
	d := parse(t, src)
	ts := texts(d)
	if len(ts) != 5 {
		for _, x := range ts {
			t.Logf("%+v", *x)
		}
		t.Fatalf("%d texts", len(ts))
	}
	if ts[0].Text != "Total " || ts[0].Anchor != page.AnchorMiddle || !ts[0].Bold || ts[0].Family != "sans" ||
		ts[0].Size != page.Pt(9) || ts[0].X != page.Pt(75) || ts[0].Y != page.Pt(37.5) {
		t.Errorf("first text %+v", *ts[0])
	}
	if ts[1].Text != "sales" || !ts[1].Follows || !ts[1].Italic || ts[1].Color != (page.Color{R: 255}) {
		t.Errorf("tspan %+v", *ts[1])
	}
	if ts[2].Rotate != -90 || ts[2].Family != "mono" || ts[2].Size != page.Pt(10) {
		t.Errorf("turned text %+v", *ts[2])
	}
	if ts[3].Text != "line one" || ts[4].Follows || ts[4].Y-ts[3].Y != page.Pt(12) || ts[3].Family != "serif" {
		t.Errorf("lines %+v %+v", *ts[3], *ts[4])
	}
}

// TestUnsupportedWarns checks that what is not drawn as vectors is named:
// a filter or mask rasterised, a pattern with no tile painted flat, an
// embedded image drawn as raster.
func TestUnsupportedWarns(t *testing.T) {
	src := head + `width="10" height="10"><defs><filter id="f"/><pattern id="p"/><mask id="m"/></defs>
<rect width="5" height="5" filter="url(#f)"/><rect width="5" height="5" fill="url(#p)"/><rect width="5" height="5" mask="url(#m)"/>
<image href="data:image/png;base64,AAAA" width="5" height="5"/></svg>`
	d := parse(t, src)
	got := strings.Join(d.Warnings, "; ")
	for _, w := range []string{"filter rasterised", "pattern (painted in one colour)", "mask rasterised", "embedded raster image (drawn as raster)"} {
		if !strings.Contains(got, w) {
			t.Errorf("warnings %q lack %q", got, w)
		}
	}
	if len(paths(d)) != 1 || len(rasters(d)) != 2 {
		t.Errorf("%d paths, %d rasters: the patterned shape is drawn plainly, the filtered and masked ones rasterised", len(paths(d)), len(rasters(d)))
	}
}

// TestBombs checks that hostile documents are refused or bounded, and
// quickly.
func TestBombs(t *testing.T) {
	laughs := `<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY lol "lol">` +
		`<!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">` +
		`<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">]>` +
		`<svg xmlns="http://www.w3.org/2000/svg"><text>&lol2;</text></svg>`
	deep := head + `>` + strings.Repeat("<g>", 10000) + strings.Repeat("</g>", 10000) + `</svg>`
	// ten levels of ten uses each: 10^9 paths
	var fan strings.Builder
	fan.WriteString(head + `><defs><path id="l0" d="M0 0h1v1z"/>`)
	for i := 1; i <= 9; i++ {
		fmt.Fprintf(&fan, `<g id="l%d">`, i)
		for range 10 {
			fmt.Fprintf(&fan, `<use href="#l%d"/>`, i-1)
		}
		fan.WriteString(`</g>`)
	}
	fan.WriteString(`</defs><use href="#l9"/></svg>`)
	loop := head + `><g id="a"><use href="#a"/><rect width="1" height="1"/></g></svg>`
	for _, c := range []struct {
		name string
		src  string
		want error
		lim  Limits
	}{
		{"billion laughs", laughs, ErrUnsafe, Limits{}},
		{"10,000 deep", deep, ErrTooDeep, Limits{}},
		{"10^9 paths through use", fan.String(), ErrTooLarge, Limits{}},
		{"10^9 paths, elements unbounded", fan.String(), ErrTooLarge, Limits{MaxElements: 1 << 40}},
		{"too many elements", head + `>` + strings.Repeat(`<rect width="1" height="1"/>`, 1001) + `</svg>`, ErrTooLarge, Limits{MaxElements: 1000}},
		{"a use of itself", loop, nil, Limits{}},
	} {
		start := time.Now()
		_, err := Parse([]byte(c.src), c.lim)
		if !errors.Is(err, c.want) && !(c.want == nil && err == nil) {
			t.Errorf("%s: %v, want %v", c.name, err, c.want)
		}
		t.Logf("%s: %v in %v", c.name, err, time.Since(start))
	}
	// a huge path is cut at the segment limit
	big := head + `><path d="M0 0` + strings.Repeat(" l1 1", 2000) + `"/></svg>`
	if _, err := Parse([]byte(big), Limits{MaxSegments: 1000}); !errors.Is(err, ErrTooLarge) {
		t.Errorf("2,000 segments over a limit of 1,000: %v", err)
	}
}

// TestExternalReferences checks that references outside the document
// are not followed, and are named.
func TestExternalReferences(t *testing.T) {
	src := head + `width="10" height="10"><use href="http://example.com/x.svg#a"/><use xlink:href="other.svg#b"/>
<rect width="5" height="5" fill="url(other.svg#g) red"/></svg>`
	d := parse(t, src)
	if !strings.Contains(strings.Join(d.Warnings, ";"), "external reference") {
		t.Errorf("warnings %q", d.Warnings)
	}
	ps := paths(d)
	if len(ps) != 1 || ps[0].Fill.Color != (page.Color{R: 255}) {
		t.Errorf("the rect falls back to red: %v", ps)
	}
}

func TestSniff(t *testing.T) {
	for _, c := range []struct {
		src  string
		want bool
	}{
		{`<svg xmlns="http://www.w3.org/2000/svg"/>`, true},
		{"\ufeff<?xml version=\"1.0\"?>\n<!-- c -->\n<!DOCTYPE svg PUBLIC \"x\" \"y\">\n<svg>", true},
		{`<html><svg></svg></html>`, false},
		{`<svgx/>`, false},
	} {
		if got := Sniff([]byte(c.src)); got != c.want {
			t.Errorf("Sniff(%q) = %v", c.src, got)
		}
	}
}

// TestTextSpaces checks spaces as Chromium sets them: collapsed and
// trimmed by default; kept under xml:space="preserve" (on the element or
// an ancestor) or CSS white-space pre; and a position that is not a
// length (y="370x") ignored, so that the text goes on at the current
// position, as Chromium sets it.
func TestTextSpaces(t *testing.T) {
	for _, c := range []struct {
		name, body string
		want       []string
		wantY      []float64 // points, of each text
	}{
		{"collapsed", `<text x="0" y="10">  a   b  </text>`, []string{"a b"}, []float64{7.5}},
		{"xml:space preserve", `<g xml:space="preserve"><text x="0" y="10">  a
  b</text></g>`, []string{"  a   b"}, []float64{7.5}},
		{"white-space pre", `<style>tspan { white-space: pre }</style><text><tspan x="0" y="10">   |</tspan></text>`, []string{"   |"}, []float64{7.5}},
		{"white-space normal inside preserve", `<text xml:space="preserve" style="white-space: normal" x="0" y="10"> a  b </text>`, []string{"a b"}, []float64{7.5}},
		{"y not a length", `<text xml:space="preserve"><tspan x="0" y="10">   |</tspan><tspan x="0" y="30x">   = help</tspan></text>`,
			[]string{"   |", "   = help"}, []float64{7.5, 7.5}},
	} {
		t.Run(c.name, func(t *testing.T) {
			d := parse(t, head+`width="100" height="50">`+c.body+`</svg>`)
			ts := texts(d)
			if len(ts) != len(c.want) {
				t.Fatalf("%d texts, want %d", len(ts), len(c.want))
			}
			for i, x := range ts {
				if x.Text != c.want[i] || x.Y != page.Pt(c.wantY[i]) {
					t.Errorf("text %d: %q at y %v, want %q at %v", i, x.Text, x.Y, c.want[i], c.wantY[i])
				}
			}
		})
	}
}

// TestLabelBackground checks that the fallback text of a draw.io label
// set in HTML takes the label's background colour (the innermost
// element's that declares one), and no background without one.
func TestLabelBackground(t *testing.T) {
	label := func(style string) string {
		return `<switch><foreignObject width="100%" height="100%"><div xmlns="http://www.w3.org/1999/xhtml" style="display: flex">` +
			`<div style="background-color: #ffffff"><div style="font-size: 11px; ` + style + `">used to build</div></div></div></foreignObject>` +
			`<text x="50" y="20" font-size="11px" text-anchor="middle">used to build</text></switch>`
	}
	d := parse(t, head+`width="100" height="50">`+label("background-color: light-dark(#ffe6cc, #121212)")+label("")+
		`<switch><foreignObject><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject><text>x</text></switch></svg>`)
	ts := texts(d)
	if len(ts) != 3 {
		t.Fatalf("%d texts", len(ts))
	}
	if b := ts[0].Background; b == nil || *b != (page.Color{R: 255, G: 230, B: 204}) {
		t.Errorf("inner background %v, want #ffe6cc", b)
	}
	if b := ts[1].Background; b == nil || *b != (page.Color{R: 255, G: 255, B: 255}) {
		t.Errorf("outer background %v, want white", b)
	}
	if ts[2].Background != nil {
		t.Errorf("a label without a background has %v", *ts[2].Background)
	}
}
