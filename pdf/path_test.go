package pdf

import (
	"strings"
	"testing"

	"github.com/galleyprint/galley/internal/pdftext"
	"github.com/galleyprint/galley/page"
)

func pathItem(p *page.Path) page.Item {
	return page.Item{Kind: page.ItemPath, X: page.Pt(100), Y: page.Pt(100), W: page.Pt(100), H: page.Pt(100), More: &page.ItemMore{Path: p}, Role: page.RoleFigure}
}

func triangle() page.Outline {
	return page.Outline{Verbs: []page.Verb{page.MoveTo, page.LineTo, page.CubicTo, page.Close},
		Points: []page.PathPoint{{X: 0, Y: 0}, {X: page.Pt(100), Y: 0}, {X: page.Pt(100), Y: page.Pt(50)}, {X: page.Pt(50), Y: page.Pt(100)}, {X: 0, Y: page.Pt(100)}}}
}

// TestWritePaths checks the operators each kind of path paint is written
// with: fills and strokes in their colours, within clips, with opacity
// through a graphics state, dashes, gradients as shadings; and that the
// PDF stays valid.
func TestWritePaths(t *testing.T) {
	red := page.Paint{On: true, Color: page.Color{R: 255}, Alpha: 255}
	clip := triangle()
	for _, c := range []struct {
		name string
		p    *page.Path
		want []string
	}{
		{"fill", &page.Path{Outline: triangle(), Fill: red}, []string{"1 0 0 rg", "100 741.891 m", "200 741.891 l", "200 691.891 150 641.891 100 641.891 c", "h", "\nf\n"}},
		{"even-odd", &page.Path{Outline: page.Outline{Verbs: triangle().Verbs, Points: triangle().Points, EvenOdd: true}, Fill: red}, []string{"f*"}},
		{"stroke", &page.Path{Outline: triangle(), Stroke: red, Width: page.Pt(2), Cap: page.RoundCap, Join: page.BevelJoin,
			Dash: []page.Unit{page.Pt(3), page.Pt(1)}}, []string{"1 0 0 RG", "2 w 1 J 2 j 4 M", "[3 1] 0 d", "\nS\n"}},
		{"clip", &page.Path{Outline: triangle(), Fill: red, Clips: []*page.Outline{&clip}}, []string{"W n", "\nf\n"}},
		{"opacity", &page.Path{Outline: triangle(), Fill: page.Paint{On: true, Alpha: 128}}, []string{" gs"}},
		{"linear gradient", &page.Path{Outline: triangle(), Fill: page.Paint{On: true, Alpha: 255, Gradient: &page.Gradient{
			X2: page.Pt(100), Stops: []page.Stop{{Offset: 0, Color: page.Color{R: 255}}, {Offset: 0.5, Color: page.Color{G: 255}}, {Offset: 1, Color: page.Color{B: 255}}}}}},
			[]string{"/Sh1 sh", "/Sh2 sh"}},
		{"radial gradient", &page.Path{Outline: triangle(), Fill: page.Paint{On: true, Alpha: 255, Gradient: &page.Gradient{Kind: page.Radial,
			X1: page.Pt(50), Y1: page.Pt(50), X2: page.Pt(50), Y2: page.Pt(50), R: page.Pt(50), Stops: []page.Stop{{Color: page.White}, {Offset: 1}}}}},
			[]string{"/Sh1 sh"}},
	} {
		doc := &page.Document{Pages: []*page.Page{onePage(pathItem(c.p))}}
		pdf := write(t, doc)
		content := pageContent(t, pdf, 1)
		for _, w := range c.want {
			if !strings.Contains(content, w) {
				t.Errorf("%s: no %q in the content:\n%s", c.name, w, content)
			}
		}
		if strings.Count(content, "q") < strings.Count(content, "Q") {
			t.Errorf("%s: unbalanced q/Q:\n%s", c.name, content)
		}
		if err := pdftext.ValidateStrict(pdf); err != nil {
			t.Errorf("%s: %v", c.name, err)
		}
	}
}

// TestWriteRotatedText checks that a turned text is written in a turned
// coordinate system and still extracts.
func TestWriteRotatedText(t *testing.T) {
	it := word(serif(t), 100, 300, "Temperature")
	it.Rotate = -90
	pdf := write(t, &page.Document{Pages: []*page.Page{onePage(it)}})
	content := pageContent(t, pdf, 1)
	if !strings.Contains(content, " cm") {
		t.Errorf("no transformation for turned text:\n%s", content)
	}
	if got := read(t, pdf).Pages[0].Text(); !strings.Contains(got, "Temperature") {
		t.Errorf("text layer %q lacks the turned word", got)
	}
}

func TestPathNumbers(t *testing.T) {
	var pw pathWriter
	for _, c := range []struct {
		v    float64
		want string
	}{{0, "0"}, {12, "12"}, {12.5, "12.5"}, {-0.125, "-0.125"}, {-0.0001, "0"}, {3.1415926, "3.142"}, {841.89, "841.89"}, {-7.05, "-7.05"}} {
		if got := string(pw.num(nil, c.v)); got != c.want {
			t.Errorf("num(%g) = %q, want %q", c.v, got, c.want)
		}
	}
}
