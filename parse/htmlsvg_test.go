package parse

import (
	"encoding/base64"
	"strings"
	"testing"
)

const svgPage = `<html><head><title>Charts</title></head><body><article><h1>Charts in HTML</h1>
<p>This article has a few charts. Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua.</p>
<figure><svg viewBox="0 0 300 150"><title>Sales by year</title><rect x="10" y="50" width="40" height="100" xlink:href="#x"/><text x="150" y="80">Label &amp; more</text></svg><figcaption>Figure 1: an inline chart.</figcaption></figure>
<p>More text about the chart. Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua.</p>
<p>Share: <a href="/share"><svg width="16" height="16"><circle r="8" cx="8" cy="8"/></svg></a> <svg width="24" height="24"><path d="M0 0h24v24z"/></svg></p>
<object data="charts/rates.svg?v=2" type="image/svg+xml">Interest rates since 1990</object>
<p>Even more text after the object. Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua.</p>
<embed src="charts/prices.svg">
<object data="movie.swf"></object>
<p>Closing paragraph of the article with enough words to be kept by the extractor's scoring of it.</p>
</article></body></html>`

// TestDrawingsBecomeFigures checks that an inline <svg> the size of a
// figure becomes a figure of its own markup (a data: URI), with its
// caption and its title as alt text; that <object> and <embed> showing SVG
// files become figures of those files; and that icons do not.
func TestDrawingsBecomeFigures(t *testing.T) {
	a, err := HTML([]byte(svgPage), "https://example.com/post/", "text/html")
	if err != nil {
		t.Fatal(err)
	}
	figs := a.Figures()
	if len(figs) != 3 {
		for _, f := range figs {
			t.Logf("figure %.60q", f.Src)
		}
		t.Fatalf("%d figures, want 3", len(figs))
	}
	inline := figs[0]
	const prefix = "data:image/svg+xml;base64,"
	if !strings.HasPrefix(inline.Src, prefix) {
		t.Fatalf("inline drawing's src %.60q", inline.Src)
	}
	markup, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(inline.Src, prefix))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`xmlns="http://www.w3.org/2000/svg"`, `xlink:href="#x"`, `<text x="150" y="80">Label &amp; more</text>`} {
		if !strings.Contains(string(markup), want) {
			t.Errorf("markup lacks %q:\n%s", want, markup)
		}
	}
	if inline.Alt != "Sales by year" || inline.Caption.Plain() != "Figure 1: an inline chart." {
		t.Errorf("alt %q caption %q", inline.Alt, inline.Caption.Plain())
	}
	if figs[1].Src != "https://example.com/post/charts/rates.svg?v=2" || figs[1].Alt != "Interest rates since 1990" {
		t.Errorf("object: %q alt %q", figs[1].Src, figs[1].Alt)
	}
	if figs[2].Src != "https://example.com/post/charts/prices.svg" {
		t.Errorf("embed: %q", figs[2].Src)
	}
}

// TestMarkdownInlineDrawing checks raw <svg> in Markdown.
func TestMarkdownInlineDrawing(t *testing.T) {
	md := "# Post\n\nSome text.\n\n<svg width=\"400\" height=\"200\"><rect width=\"10\" height=\"10\"/></svg>\n\n![A chart](chart.svg)\n"
	a, err := Markdown([]byte(md), "post.md", "")
	if err != nil {
		t.Fatal(err)
	}
	figs := a.Figures()
	if len(figs) != 2 || !strings.HasPrefix(figs[0].Src, "data:image/svg+xml;base64,") || figs[1].Src != "chart.svg" {
		for _, f := range figs {
			t.Logf("figure %.60q", f.Src)
		}
		t.Fatalf("figures: %d", len(figs))
	}
}
