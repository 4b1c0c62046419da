package layout

import (
	"fmt"

	"github.com/galleyprint/galley/fonts"
	"github.com/galleyprint/galley/page"
	"github.com/galleyprint/galley/theme"
)

// textStyle is how one kind of text is set.
type textStyle struct {
	fam     fonts.Family
	bold    bool
	italic  bool
	size    page.Unit
	leading page.Unit
	color   page.Color
}

func (t textStyle) run() runStyle {
	return runStyle{fam: t.fam, bold: t.bold, italic: t.italic, size: t.size, color: t.color}
}

// scheme is the type scheme of a page, made from a Theme: its text
// styles and spaces in Units, its colours parsed.
type scheme struct {
	body, dek, headline, byline, dateline textStyle
	masthead, caption, credit, code       textStyle
	table, tableHead, quote               textStyle
	header, footer                        textStyle
	headings                              [7]textStyle // by level, 2–6 used

	paraIndent   page.Unit // first-line indent of paragraphs that follow a paragraph
	blockSpace   page.Unit // space around lists, quotes, code, figures, tables
	headingSpace page.Unit // space above a heading
	listIndent   page.Unit
	quoteIndent  page.Unit
	codePad      page.Unit
	cellPad      page.Unit
	rule         page.Unit // hairline thickness

	codeBackground page.Color
	ruleColor      page.Color // decorative rules: a quote's bar, a table's inner rules
	hairline       page.Color // under the title block and the running head; section breaks
	band           page.Color // the masthead's band

	mastheadStyle string
	header0       theme.Furniture // the running head's templates
	footer0       theme.Furniture
	images        string
	ragged        bool // body set flush left
	noHyphens     bool
}

// fromTheme makes the type scheme of a validated Theme.
func fromTheme(t *theme.Theme) *scheme {
	st := func(s theme.TextStyle) textStyle {
		fam := fonts.Serif
		switch s.Font {
		case "sans":
			fam = fonts.Sans
		case "mono":
			fam = fonts.Mono
		}
		c, _ := theme.ParseColor(s.Color)
		return textStyle{fam: fam, bold: s.Bold, italic: s.Italic, size: page.Pt(s.Size), leading: page.Pt(s.Leading), color: c}
	}
	color := func(s string) page.Color {
		c, _ := theme.ParseColor(s)
		return c
	}
	s, sp := &t.Styles, &t.Spacing
	th := &scheme{
		body: st(s.Body), dek: st(s.Dek), headline: st(s.Headline), byline: st(s.Byline), dateline: st(s.Dateline),
		masthead: st(s.Masthead), caption: st(s.Caption), credit: st(s.Credit), code: st(s.Code),
		table: st(s.Table), tableHead: st(s.TableHead), quote: st(s.Quote), header: st(s.Header), footer: st(s.Footer),

		paraIndent:   page.Pt(sp.ParagraphIndent),
		blockSpace:   page.Pt(sp.Block),
		headingSpace: page.Pt(sp.Heading),
		listIndent:   page.Pt(sp.ListIndent),
		quoteIndent:  page.Pt(sp.QuoteIndent),
		codePad:      page.Pt(sp.CodePadding),
		cellPad:      page.Pt(sp.CellPadding),
		rule:         page.Pt(sp.Rule),

		codeBackground: color(t.Colors.CodeBackground),
		ruleColor:      color(t.Colors.Rule),
		hairline:       color(t.Colors.Hairline),
		band:           color(t.Colors.Band),
		mastheadStyle:  t.Masthead,
		header0:        t.Header,
		footer0:        t.Footer,
		images:         t.Images,
		ragged:         t.Ragged,
		noHyphens:      t.NoHyphenation,
	}
	th.headings[2], th.headings[3], th.headings[4] = st(s.H2), st(s.H3), st(s.H4)
	th.headings[5], th.headings[6] = st(s.H5), st(s.H6)
	return th
}

// scaled returns the theme with every text size and leading, and the
// spaces tied to the body's size, multiplied by num/den: the type scheme
// of a larger or smaller body, in proportion.
func (t *scheme) scaled(num, den page.Unit) *scheme {
	c := *t
	sc := func(u page.Unit) page.Unit { return page.Unit(int64(u) * int64(num) / int64(den)) }
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

// themeOf returns the options' theme, else the default one.
func themeOf(opts Options) (*theme.Theme, error) {
	if opts.Theme != nil {
		if err := opts.Theme.Validate(); err != nil {
			return nil, fmt.Errorf("theme %s: %w", opts.Theme.Name, err)
		}
		return opts.Theme, nil
	}
	return theme.Builtin(theme.Default)
}

// themeFor returns the type scheme of the theme with the options' body
// size and line height applied.
func themeFor(t *theme.Theme, opts Options) *scheme {
	th := fromTheme(t)
	if opts.FontSize > 0 {
		th = th.scaled(opts.FontSize, th.body.size)
	}
	if opts.LineHeight > 0 {
		ratio := func(s *textStyle) { s.leading = page.Unit(float64(s.size) * opts.LineHeight) }
		ratio(&th.body)
		ratio(&th.quote)
	}
	return th
}
