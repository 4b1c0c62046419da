package layout

import "github.com/galleyprint/galley/fonts"

// textStyle is how one kind of text is set.
type textStyle struct {
	fam     fonts.Family
	bold    bool
	italic  bool
	size    Unit
	leading Unit
	color   Color
}

func (t textStyle) run() runStyle {
	return runStyle{fam: t.fam, bold: t.bold, italic: t.italic, size: t.size, color: t.color}
}

// theme is the type scheme of a page. Sizes follow a newspaper's: a serif
// body around 10 pt on a leading of about 1.35, sans furniture, a large
// bold serif headline.
type theme struct {
	body, dek, headline, byline, dateline textStyle
	masthead, caption, credit, code       textStyle
	table, tableHead, quote               textStyle
	header, footer                        textStyle
	headings                              [7]textStyle // by level, 2–6 used

	paraIndent   Unit // first-line indent of paragraphs that follow a paragraph
	blockSpace   Unit // space around lists, quotes, code, figures, tables
	headingSpace Unit // space above a heading
	listIndent   Unit
	quoteIndent  Unit
	codePad      Unit
	cellPad      Unit
	rule         Unit // hairline thickness
}

func classicTheme() *theme {
	t := &theme{
		body:      textStyle{fam: fonts.Serif, size: Pt(11), leading: Pt(15.5), color: Black},
		dek:       textStyle{fam: fonts.Serif, italic: true, size: Pt(14), leading: Pt(18.5), color: DarkGrey},
		headline:  textStyle{fam: fonts.Serif, bold: true, size: Pt(26), leading: Pt(30), color: Black},
		byline:    textStyle{fam: fonts.Sans, bold: true, size: Pt(9), leading: Pt(12), color: Black},
		dateline:  textStyle{fam: fonts.Sans, size: Pt(8.5), leading: Pt(12), color: DarkGrey},
		masthead:  textStyle{fam: fonts.Sans, bold: true, size: Pt(10), leading: Pt(13), color: Black},
		caption:   textStyle{fam: fonts.Sans, size: Pt(8), leading: Pt(10.5), color: DarkGrey},
		credit:    textStyle{fam: fonts.Sans, size: Pt(7), leading: Pt(10.5), color: MidGrey},
		code:      textStyle{fam: fonts.Mono, size: Pt(8.5), leading: Pt(11.5), color: Black},
		table:     textStyle{fam: fonts.Sans, size: Pt(8.5), leading: Pt(11), color: Black},
		tableHead: textStyle{fam: fonts.Sans, bold: true, size: Pt(8.5), leading: Pt(11), color: Black},
		quote:     textStyle{fam: fonts.Serif, italic: true, size: Pt(10.5), leading: Pt(15), color: DarkGrey},
		header:    textStyle{fam: fonts.Sans, size: Pt(7.5), leading: Pt(10), color: MidGrey},
		footer:    textStyle{fam: fonts.Sans, size: Pt(7.5), leading: Pt(10), color: MidGrey},

		paraIndent:   Pt(12),
		blockSpace:   Pt(8),
		headingSpace: Pt(14),
		listIndent:   Pt(18),
		quoteIndent:  Pt(18),
		codePad:      Pt(5),
		cellPad:      Pt(3.5),
		rule:         Pt(0.5),
	}
	t.headings[2] = textStyle{fam: fonts.Sans, bold: true, size: Pt(13), leading: Pt(17), color: Black}
	t.headings[3] = textStyle{fam: fonts.Sans, bold: true, size: Pt(11.5), leading: Pt(15), color: Black}
	t.headings[4] = textStyle{fam: fonts.Sans, bold: true, size: Pt(10.5), leading: Pt(14.5), color: Black}
	t.headings[5] = textStyle{fam: fonts.Sans, bold: true, size: Pt(9.5), leading: Pt(14.5), color: DarkGrey}
	t.headings[6] = textStyle{fam: fonts.Sans, bold: true, italic: true, size: Pt(9.5), leading: Pt(14.5), color: DarkGrey}
	return t
}

// scaled returns the theme with every text size and leading, and the
// spaces tied to the body's size, multiplied by num/den: the type scheme
// of a larger or smaller body, in proportion.
func (t *theme) scaled(num, den Unit) *theme {
	c := *t
	sc := func(u Unit) Unit { return Unit(int64(u) * int64(num) / int64(den)) }
	for _, s := range []*textStyle{&c.body, &c.dek, &c.headline, &c.byline, &c.dateline, &c.masthead, &c.caption,
		&c.credit, &c.code, &c.table, &c.tableHead, &c.quote, &c.header, &c.footer} {
		s.size, s.leading = sc(s.size), sc(s.leading)
	}
	for i := range c.headings {
		c.headings[i].size, c.headings[i].leading = sc(c.headings[i].size), sc(c.headings[i].leading)
	}
	c.paraIndent, c.blockSpace, c.headingSpace = sc(c.paraIndent), sc(c.blockSpace), sc(c.headingSpace)
	c.listIndent, c.quoteIndent, c.codePad, c.cellPad = sc(c.listIndent), sc(c.quoteIndent), sc(c.codePad), sc(c.cellPad)
	return &c
}

// themeFor returns the classic theme with the options' body size and line
// height applied.
func themeFor(opts Options) *theme {
	th := classicTheme()
	if opts.FontSize > 0 {
		th = th.scaled(opts.FontSize, th.body.size)
	}
	if opts.LineHeight > 0 {
		ratio := func(s *textStyle) { s.leading = Unit(float64(s.size) * opts.LineHeight) }
		ratio(&th.body)
		ratio(&th.quote)
	}
	return th
}
