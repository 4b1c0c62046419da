package page

import (
	"testing"

	"github.com/galleyprint/galley/fonts"
)

// TestLabelBackgrounds checks that a text with a Background is placed
// over a box of its line's width, 1.2 ems high, and that a text drawn
// before it that the box covers whole is hidden, while one it covers in
// part stays.
func TestLabelBackgrounds(t *testing.T) {
	set, err := fonts.Default()
	if err != nil {
		t.Fatal(err)
	}
	white := &Color{R: 255, G: 255, B: 255}
	for _, c := range []struct {
		name  string
		parts []Part
		want  []string // the items' kinds, texts by their text
	}{
		{"covered placeholder hidden", []Part{
			{Text: &DrawingText{X: Pt(100), Y: Pt(50), Text: "Text", Size: Pt(8), Anchor: AnchorMiddle, Background: white}},
			{Text: &DrawingText{X: Pt(99), Y: Pt(50), Text: "used to build", Size: Pt(8), Anchor: AnchorMiddle, Background: white}},
		}, []string{"rect", "rect", "used to build"}},
		{"a text below stays", []Part{
			{Text: &DrawingText{X: Pt(100), Y: Pt(60), Text: "Text", Size: Pt(8), Anchor: AnchorMiddle}},
			{Text: &DrawingText{X: Pt(99), Y: Pt(50), Text: "used to build", Size: Pt(8), Anchor: AnchorMiddle, Background: white}},
		}, []string{"Text", "rect", "used to build"}},
		{"a wider text stays", []Part{
			{Text: &DrawingText{X: Pt(100), Y: Pt(50), Text: "a much longer label here", Size: Pt(8), Anchor: AnchorMiddle}},
			{Text: &DrawingText{X: Pt(100), Y: Pt(50), Text: "short", Size: Pt(8), Anchor: AnchorMiddle, Background: white}},
		}, []string{"a much longer label here", "rect", "short"}},
		{"no background", []Part{
			{Text: &DrawingText{X: Pt(100), Y: Pt(50), Text: "Text", Size: Pt(8)}},
		}, []string{"Text"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			d := &Drawing{W: Pt(200), H: Pt(100), Parts: c.parts}
			items := d.place(nil, Item{Kind: ItemImage, W: Pt(200), H: Pt(100)}, set)
			var got []string
			for _, it := range items {
				switch it.Kind {
				case ItemRect:
					got = append(got, "rect")
				case ItemText:
					got = append(got, it.Text)
				}
			}
			if len(got) != len(c.want) {
				t.Fatalf("items %q, want %q", got, c.want)
			}
			for i := range got {
				if got[i] != c.want[i] {
					t.Fatalf("items %q, want %q", got, c.want)
				}
			}
			for i, it := range items {
				if it.Kind != ItemRect {
					continue
				}
				next := items[i+1]
				if next.Kind != ItemText {
					continue // the background of a hidden text
				}
				if it.X != next.X || it.W != next.W || it.H != next.Size*120/100 ||
					it.Y >= next.Y-next.Size*3/4 || it.Y+it.H <= next.Y {
					t.Errorf("background %+v for text %+v", it, next)
				}
			}
		})
	}
}
