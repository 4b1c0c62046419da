package layout

import "github.com/galleyprint/galley/article"

// mapTexts returns a copy of a with fn applied to every run of text the
// article prints — title and dek (as plain text), paragraphs, headings,
// list items, quotes, captions and table cells — in reading order. Code
// blocks are left alone.
func mapTexts(a *article.Article, fn func(article.Text) article.Text) *article.Article {
	c := *a
	c.Title = fn(article.Plain(a.Title)).Plain()
	c.Subtitle = fn(article.Plain(a.Subtitle)).Plain()
	if a.Lead != nil {
		f := *a.Lead
		f.Caption = fn(f.Caption)
		c.Lead = &f
	}
	c.Body = mapBlocks(a.Body, fn)
	return &c
}

func mapBlocks(bs []article.Block, fn func(article.Text) article.Text) []article.Block {
	if bs == nil {
		return nil
	}
	out := make([]article.Block, len(bs))
	for i, b := range bs {
		b.Text = fn(b.Text)
		b.Blocks = mapBlocks(b.Blocks, fn)
		if b.Items != nil {
			items := make([]article.ListItem, len(b.Items))
			for k, it := range b.Items {
				items[k] = article.ListItem{Blocks: mapBlocks(it.Blocks, fn)}
			}
			b.Items = items
		}
		if b.Figure != nil {
			f := *b.Figure
			f.Caption = fn(f.Caption)
			b.Figure = &f
		}
		if b.Table != nil {
			t := *b.Table
			t.Caption = fn(t.Caption)
			t.Header, t.Rows = mapRows(t.Header, fn), mapRows(t.Rows, fn)
			t.Footer = mapRows(t.Footer, fn)
			if t.Notes != nil {
				t.Notes = make([]article.Text, len(b.Table.Notes))
				for k, n := range b.Table.Notes {
					t.Notes[k] = fn(n)
				}
			}
			b.Table = &t
		}
		out[i] = b
	}
	return out
}

func mapRows(rows [][]article.Cell, fn func(article.Text) article.Text) [][]article.Cell {
	if rows == nil {
		return nil
	}
	out := make([][]article.Cell, len(rows))
	for i, r := range rows {
		out[i] = make([]article.Cell, len(r))
		for k, c := range r {
			c.Text = fn(c.Text)
			c.Blocks = mapBlocks(c.Blocks, fn)
			out[i][k] = c
		}
	}
	return out
}
