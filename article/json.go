package article

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

// UnmarshalJSON accepts an array of runs or a plain string.
func (t *Text) UnmarshalJSON(data []byte) error {
	data = bytes.TrimSpace(data)
	if len(data) > 0 && data[0] == '"' {
		var s string
		if err := json.Unmarshal(data, &s); err != nil {
			return err
		}
		*t = Plain(s)
		return nil
	}
	if bytes.Equal(data, []byte("null")) {
		*t = nil
		return nil
	}
	var runs []Inline
	if err := json.Unmarshal(data, &runs); err != nil {
		return err
	}
	*t = runs
	return nil
}

// MarshalJSON writes an empty body as [] rather than null, as the schema
// requires.
func (a Article) MarshalJSON() ([]byte, error) {
	type plain Article
	p := plain(a)
	if p.Body == nil {
		p.Body = []Block{}
	}
	return json.Marshal(p)
}

// MarshalJSON writes an empty item as "blocks": [] rather than null.
func (li ListItem) MarshalJSON() ([]byte, error) {
	type plain ListItem
	p := plain(li)
	if p.Blocks == nil {
		p.Blocks = []Block{}
	}
	return json.Marshal(p)
}

// MarshalJSON writes a table without rows as "rows": [] rather than null.
func (t Table) MarshalJSON() ([]byte, error) {
	type plain Table
	p := plain(t)
	if p.Rows == nil {
		p.Rows = [][]Cell{}
	}
	return json.Marshal(p)
}

// ErrInvalid is wrapped by every error Validate returns.
var ErrInvalid = errors.New("invalid article")

// Validate checks what JSON decoding cannot: known block kinds, heading
// levels, and that every block has the fields its kind needs. The error names
// the offending block by its path, e.g. `body[3].items[0].blocks[1]`.
func (a *Article) Validate() error {
	if a.Lead != nil {
		if err := a.Lead.validate(); err != nil {
			return fmt.Errorf("%w: lead: %v", ErrInvalid, err)
		}
	}
	return validateBlocks(a.Body, func() string { return "body" })
}

// validateBlocks validates blocks; path names them in an error, and is
// only called then: an article of many deeply nested blocks must not
// pay for a path per block.
func validateBlocks(blocks []Block, path func() string) error {
	for i := range blocks {
		p := func() string { return fmt.Sprintf("%s[%d]", path(), i) }
		if err := blocks[i].validate(p); err != nil {
			return err
		}
	}
	return nil
}

func (b *Block) validate(path func() string) error {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("%w: %s: %s", ErrInvalid, path(), fmt.Sprintf(format, args...))
	}
	switch b.Dir {
	case DirAuto, DirLTR, DirRTL:
	default:
		return bad("direction %q (want \"ltr\" or \"rtl\")", string(b.Dir))
	}
	switch b.Kind {
	case KindParagraph, KindRule, KindCode, KindPullQuote:
	case KindHeading:
		if b.Level < 2 || b.Level > 6 {
			return bad("heading level %d is not between 2 and 6", b.Level)
		}
	case KindQuote:
		return validateBlocks(b.Blocks, func() string { return path() + ".blocks" })
	case KindList:
		for i, it := range b.Items {
			if err := validateBlocks(it.Blocks, func() string { return fmt.Sprintf("%s.items[%d].blocks", path(), i) }); err != nil {
				return err
			}
		}
	case KindFigure:
		if b.Figure == nil {
			return bad("figure block without a figure")
		}
		if err := b.Figure.validate(); err != nil {
			return bad("%v", err)
		}
	case KindTable:
		if b.Table == nil {
			return bad("table block without a table")
		}
		return b.Table.validate(path)
	case KindMath:
		if b.Math == nil || b.Math.TeX == "" && b.Math.MathML == "" {
			return bad("math block without a formula (want \"math\": {\"tex\": …} or {\"mathml\": …})")
		}
	case "":
		return bad("block without a type")
	default:
		return bad("unknown block type %q (want one of paragraph, heading, quote, list, code, figure, table, rule, pullquote, math)", string(b.Kind))
	}
	return nil
}

// validate checks a table's spans and scopes, and its cells'
// blocks.
func (t *Table) validate(path func() string) error {
	parts := []struct {
		name string
		rows [][]Cell
	}{{"header", t.Header}, {"rows", t.Rows}, {"footer", t.Footer}}
	for _, part := range parts {
		for r, row := range part.rows {
			for c := range row {
				cell := &row[c]
				where := func() string { return fmt.Sprintf("%s.table.%s[%d][%d]", path(), part.name, r, c) }
				bad := func(format string, args ...any) error {
					return fmt.Errorf("%w: %s: %s", ErrInvalid, where(), fmt.Sprintf(format, args...))
				}
				if cell.ColSpan < 0 || cell.ColSpan > MaxSpan || cell.RowSpan < 0 || cell.RowSpan > MaxSpan {
					return bad("span %dx%d is not between 1 and %d", cell.ColSpan, cell.RowSpan, MaxSpan)
				}
				switch cell.Scope {
				case ScopeAuto, ScopeRow, ScopeCol:
				default:
					return bad("scope %q (want \"row\" or \"col\")", string(cell.Scope))
				}
				if err := validateBlocks(cell.Blocks, func() string { return where() + ".blocks" }); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

func (f *Figure) validate() error {
	if f.Width < 0 || f.Height < 0 {
		return fmt.Errorf("negative figure size %dx%d", f.Width, f.Height)
	}
	return nil
}

// PlainText returns the article's printable text, one block a line, in
// reading order: title, subtitle, byline, then the body. Tests use it to
// compare what was printed with what was read.
func (a *Article) PlainText() string {
	var b strings.Builder
	line := func(s string) {
		if s = strings.TrimSpace(s); s != "" {
			b.WriteString(s)
			b.WriteByte('\n')
		}
	}
	line(a.Title)
	line(a.Subtitle)
	line(a.Byline())
	if a.Lead != nil {
		a.Lead.plainText(line)
	}
	var walk func([]Block)
	walk = func(blocks []Block) {
		for _, bl := range blocks {
			switch bl.Kind {
			case KindParagraph, KindHeading, KindPullQuote:
				line(bl.Text.Plain())
			case KindQuote:
				walk(bl.Blocks)
				line(bl.Text.Plain())
			case KindList:
				for _, it := range bl.Items {
					walk(it.Blocks)
				}
			case KindCode:
				line(bl.Code)
			case KindMath:
				line(bl.Math.Linear())
			case KindFigure:
				if bl.Figure != nil {
					bl.Figure.plainText(line)
				}
			case KindTable:
				if bl.Table == nil {
					continue
				}
				line(bl.Table.Caption.Plain())
				for _, rows := range [][][]Cell{bl.Table.Header, bl.Table.Rows, bl.Table.Footer} {
					for _, row := range rows {
						for _, c := range row {
							if len(c.Blocks) > 0 {
								walk(c.Blocks)
								continue
							}
							line(c.Text.Plain())
						}
					}
				}
				for _, n := range bl.Table.Notes {
					line(n.Plain())
				}
			}
		}
	}
	walk(a.Body)
	return b.String()
}

func (f *Figure) plainText(line func(string)) {
	line(f.Caption.Plain())
	line(f.Credit)
}
