package layout

import (
	"cmp"
	"net/url"
	"strings"
	"time"

	"github.com/galleyprint/galley/article"
	"github.com/galleyprint/galley/page"
	"github.com/galleyprint/galley/theme"
)

// splitStandfirst returns a's body without the standfirst that opens it,
// and that standfirst's text, when a has no subtitle: the standfirst then
// prints as the dek. Otherwise it returns the body whole and "".
func splitStandfirst(a *article.Article) ([]article.Block, string) {
	if a.Subtitle == "" && len(a.Body) > 1 && a.Body[0].Kind == article.KindParagraph && a.Body[0].Standfirst {
		if dek := a.Body[0].Text.Plain(); strings.TrimSpace(dek) != "" {
			return a.Body[1:], dek
		}
	}
	return a.Body, ""
}

// titleBlock lays out the head of page 1: the masthead (site name, else the
// source host) in the theme's style, the headline, the dek (a's subtitle,
// else the standfirst taken from its body), the byline and dateline, and
// a hairline. It all stays with the first lines of the body.
func (f *flow) titleBlock(a *article.Article, standfirst string) {
	th := f.th
	start := len(f.boxes)
	masthead := f.openElem("P")
	f.mastheadBlock(siteName(a))
	f.closeElem(masthead)
	if a.Title != "" {
		t := th.headline
		first := len(f.boxes)
		h1 := f.openElem("H1")
		f.balancedText(a.Title, t)
		f.closeElem(h1)
		if len(f.boxes) > first {
			f.boxes[first].mark = &page.Bookmark{Title: a.Title, Level: 0}
			for i := first; i < len(f.boxes); i++ {
				f.boxes[i].kind = page.RoleTitle
			}
		}
	}
	if dek := cmp.Or(a.Subtitle, standfirst); dek != "" {
		f.space(page.Pt(8))
		e := f.openElem("P")
		f.balancedText(dek, th.dek)
		f.closeElem(e)
	}
	byline, dateline := a.Byline(), datelineOf(a)
	if byline != "" || dateline != "" {
		f.space(page.Pt(12))
		if byline != "" {
			t := th.byline
			e := f.openElem("P")
			f.setText(article.Plain("By "+byline), t, alignLeft, 0, true, page.RoleTitle)
			f.closeElem(e)
		}
		if dateline != "" {
			t := th.dateline
			e := f.openElem("P")
			f.setParagraph(f.s.plain(dateline, t.run()), t, alignLeft, 0, true, page.RoleTitle)
			f.closeElem(e)
		}
	}
	f.space(page.Pt(8))
	f.push(vbox{h: page.Pt(1), kind: page.RoleTitle, items: []page.Item{{Kind: page.ItemLine, X: f.x, Y: 0, W: f.w, Stroke: th.rule, Color: th.hairline}}})
	f.space(page.Pt(14))
	for i := start; i < len(f.boxes); i++ {
		f.boxes[i].keep = true
	}
	if a.Lead != nil {
		f.figure(a.Lead)
	}
}

// mastheadBlock sets the site's name in capitals in the theme's masthead
// style: over a thick and a thin rule (double-rule), over one rule
// (single-rule), reversed out of a band, or not at all (none).
func (f *flow) mastheadBlock(name string) {
	th := f.th
	t := th.masthead
	style := th.mastheadStyle
	if style == theme.MastheadBand && name == "" {
		style = theme.MastheadSingleRule // a band with nothing in it is a heavy rule
	}
	switch style {
	case theme.MastheadNone:
		return
	case theme.MastheadBand:
		pad := t.size * 6 / 10
		h := t.leading + 2*pad
		text := fitText(f.s, strings.ToUpper(name), t.run(), f.w-2*pad)
		items := []page.Item{{Kind: page.ItemRect, X: f.x, Y: 0, W: f.w, H: h, Color: th.band}}
		items = append(items, textItems(f.s, text, t.run(), f.x+pad, pad+baselineIn(t), alignLeft)...)
		f.push(vbox{h: h, kind: page.RoleTitle, items: items, baseline: pad + baselineIn(t)})
		f.space(page.Pt(18))
		return
	}
	if name != "" {
		f.setParagraph(f.s.plain(strings.ToUpper(name), t.run()), t, alignLeft, 0, true, page.RoleTitle)
		f.space(page.Pt(3))
	}
	if style == theme.MastheadSingleRule {
		f.push(vbox{h: page.Pt(2), kind: page.RoleTitle, items: []page.Item{
			{Kind: page.ItemLine, X: f.x, Y: page.Pt(0.5), W: f.w, Stroke: page.Pt(1), Color: page.Black},
		}})
		f.space(page.Pt(14))
		return
	}
	f.push(vbox{h: page.Pt(4), kind: page.RoleTitle, items: []page.Item{
		{Kind: page.ItemLine, X: f.x, Y: page.Pt(0.75), W: f.w, Stroke: page.Pt(1.5), Color: page.Black},
		{Kind: page.ItemLine, X: f.x, Y: page.Pt(3.5), W: f.w, Stroke: page.Pt(0.5), Color: page.Black},
	}})
	f.space(page.Pt(16))
}

// balancedText sets text in style t balanced, as a headline or dek is;
// text longer than a headline could be, shaped a piece at a time and not
// balanced.
func (f *flow) balancedText(text string, t textStyle) {
	if len(text) > streamBytes {
		f.setText(article.Plain(text), t, alignLeft, 0, true, page.RoleTitle)
		return
	}
	f.balanced(f.s.plain(text, t.run()), t)
}

// balanced sets a ragged paragraph (headline, dek) with lines of even
// length: the narrowest measure that needs no more lines than the full one,
// at the right of the full one when the paragraph is set right to left.
func (f *flow) balanced(elems []elem, t textStyle) {
	elems = splitOverlong(elems, f.w, nil) // setParagraph reports the breaks it takes
	// counted as setParagraph breaks them, so the narrower measure never
	// costs a line
	count := func(w page.Unit) int {
		_, lines := breakParagraph(elems, func(int) page.Unit { return w }, false, nil, nil)
		return len(lines)
	}
	full := count(f.w)
	best := f.w
	if full > 1 {
		// never narrower than the widest word, which would then be split
		var widest page.Unit
		for _, e := range elems {
			if e.kind == box {
				widest = max(widest, e.w)
			}
		}
		lo, hi := max(f.w/2, widest), f.w
		for hi-lo > page.Pt(2) {
			mid := (lo + hi) / 2
			if count(mid) <= full {
				hi = mid
			} else {
				lo = mid
			}
		}
		best = hi
	}
	savedX, savedW := f.x, f.w
	if f.rightToLeft(elems) {
		f.x += f.w - best // the narrower measure stands at the right
	}
	f.w = best
	f.setParagraph(elems, t, alignLeft, 0, true, page.RoleTitle)
	f.x, f.w = savedX, savedW
}

// siteName returns the masthead name: the site name, else the source host.
func siteName(a *article.Article) string {
	if a.SiteName != "" {
		return a.SiteName
	}
	return hostOf(a.URL)
}

func hostOf(raw string) string {
	if raw == "" {
		return ""
	}
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	return strings.TrimPrefix(u.Hostname(), "www.")
}

// datelineOf formats the publication and update times, e.g.
// "Wednesday, 1 November 2023, 23:20 · Updated 2 November 2023".
func datelineOf(a *article.Article) string {
	var parts []string
	if a.Published != nil {
		parts = append(parts, formatDate(*a.Published, true))
	}
	if a.Updated != nil && (a.Published == nil || !a.Updated.Equal(*a.Published)) {
		parts = append(parts, "Updated "+formatDate(*a.Updated, false))
	}
	return strings.Join(parts, " · ")
}

// formatDate formats t in its own zone, without a time of day when it is
// exactly midnight (a date without a time).
func formatDate(t time.Time, weekday bool) string {
	layout := "2 January 2006"
	if weekday {
		layout = "Monday, " + layout
	}
	if t.Hour() != 0 || t.Minute() != 0 || t.Second() != 0 {
		layout += ", 15:04"
		if name, off := t.Zone(); off != 0 || (name != "UTC" && name != "") {
			layout += " MST"
		}
	}
	return t.Format(layout)
}
