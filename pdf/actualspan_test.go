package pdf

import (
	"strings"
	"testing"

	"github.com/galleyprint/galley/page"
)

// TestWriteActualSpan checks that a text item with ActualSpan draws the
// items after it that it covers in its one actual text span (a formula:
// /Span <</ActualText (a/b)>> BDC, its glyphs, EMC), with a rule among
// them, and that the span is closed before an item it cannot hold.
func TestWriteActualSpan(t *testing.T) {
	sr := serif(t)
	anchor := word(sr, 72, 72, " ")
	anchor.Tag.Replaced, anchor.More = true, &page.ItemMore{ActualText: "a/b", ActualSpan: 2}
	num, den := word(sr, 72, 66, "a"), word(sr, 72, 80, "b")
	num.Tag.Replaced, den.Tag.Replaced = true, true
	rule := page.Item{Kind: page.ItemRect, X: 72, Y: 73, W: 6, H: page.Point / 2}
	after := word(sr, 90, 72, "then")
	// a span cut short by an item it cannot hold: the rule
	cut := anchor
	cut.Y, cut.More = 120, &page.ItemMore{ActualText: "c/d", ActualSpan: 2}
	c, d := word(sr, 72, 114, "c"), word(sr, 72, 128, "d")
	c.Tag.Replaced, d.Tag.Replaced = true, true
	doc := &page.Document{Info: page.Info{Language: "en"}, Pages: []*page.Page{
		onePage(anchor, num, den, rule, after, cut, c, rule, d),
	}}
	out := write(t, doc)
	content := pageContent(t, out, 1)
	if n := strings.Count(content, "/Span <</ActualText (a/b)>> BDC"); n != 1 {
		t.Errorf("%d spans of a/b, want 1:\n%s", n, content)
	}
	if n := strings.Count(content, "/ActualText ()"); n != 1 {
		t.Errorf("%d empty spans, want 1 (d, after the span c/d was cut):\n%s", n, content)
	}
	if strings.Count(content, "BDC")+strings.Count(content, "BMC") != strings.Count(content, "EMC") {
		t.Errorf("marked content not balanced:\n%s", content)
	}
	// a/b's span holds a and b and ends before the rule's artifact
	ab := content[strings.Index(content, "(a/b)"):]
	if i, j := strings.Index(ab, "EMC"), strings.Index(ab, "/Artifact"); i < 0 || j >= 0 && j < i {
		t.Errorf("the span a/b does not end before the rule:\n%s", content)
	}
}
