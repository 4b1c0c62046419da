package parse

import (
	"strings"
	"time"

	"github.com/galleyprint/galley/article"
)

// takeHeaderLines removes from the first blocks of a's body the date line
// and byline that the page prints under its headline ("• Feb. 21, 2019",
// "By Jane Doe"), setting a's date or authors from them when the page
// declared none; a line that says something else stays.
func takeHeaderLines(a *article.Article) {
	for i := 0; i < len(a.Body) && i < 3; {
		b := &a.Body[i]
		switch b.Kind {
		case article.KindParagraph:
			if takeHeaderLine(a, b.Text.Plain()) {
				a.Body = append(a.Body[:i], a.Body[i+1:]...)
				continue
			}
		case article.KindList:
			kept := b.Items[:0:0]
			for _, it := range b.Items {
				if len(it.Blocks) == 1 && it.Blocks[0].Kind == article.KindParagraph && takeHeaderLine(a, it.Blocks[0].Text.Plain()) {
					continue
				}
				kept = append(kept, it)
			}
			if len(kept) == 0 {
				a.Body = append(a.Body[:i], a.Body[i+1:]...)
				continue
			}
			b.Items = kept
		}
		i++
	}
}

// takeHeaderLine reports whether s is a date line or byline that a's
// metadata holds or now holds.
func takeHeaderLine(a *article.Article, s string) bool {
	s = strings.Trim(squash(s), " •·|-–—")
	if s == "" || len(s) > 200 {
		return false
	}
	if t, updated, ok := parseDateline(s); ok {
		p := &a.Published
		if updated {
			p = &a.Updated
		}
		switch {
		case *p == nil:
			*p = &t
			return true
		case sameDay(**p, t):
			return true
		}
		return false
	}
	var m article.Article
	byline := false
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == '|' || r == '·' || r == '•' }) {
		part = strings.TrimSpace(part)
		switch {
		case readMeta(&m, part):
			byline = byline || m.Authors != nil
		case bylineLead.MatchString(part) && isRoleOnly(bylineLead.ReplaceAllString(part, "")):
			byline = true // "By Staff"
		case isFurniture(part): // "12 comments"
		default:
			return false
		}
	}
	if m.Authors != nil {
		if len(a.Authors) == 0 {
			a.Authors = m.Authors
		} else if !sameNames(a.Authors, m.Authors) {
			return false
		}
	}
	if !byline && m.Published == nil && m.Updated == nil {
		return false
	}
	if m.Published != nil && a.Published == nil {
		a.Published = m.Published
	}
	if m.Updated != nil && a.Updated == nil {
		a.Updated = m.Updated
	}
	return true
}

func sameDay(a, b time.Time) bool {
	ay, am, ad := a.Date()
	by, bm, bd := b.Date()
	return ay == by && am == bm && ad == bd
}

func sameNames(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !strings.EqualFold(a[i], b[i]) {
			return false
		}
	}
	return true
}
