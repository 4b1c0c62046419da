package layout

import (
	"strings"
	"unicode"

	"github.com/galleyprint/galley/article"
)

// quoteStyle is a language's quotation marks: outer open and close, inner
// open and close, and whether they take a thin no-break space inside
// (French « guillemets »).
type quoteStyle struct {
	open, close, innerOpen, innerClose string
	spaced                             bool
}

var quoteStyles = map[string]quoteStyle{
	"en": {"“", "”", "‘", "’", false},
	"nl": {"“", "”", "‘", "’", false},
	"de": {"„", "“", "‚", "‘", false},
	"fr": {"«", "»", "“", "”", true},
	"es": {"«", "»", "“", "”", false},
	"it": {"«", "»", "“", "”", false},
	"pt": {"«", "»", "“", "”", false},
	"ca": {"«", "»", "“", "”", false},
	"pl": {"„", "”", "«", "»", false},
	"cs": {"„", "“", "‚", "‘", false},
	"sk": {"„", "“", "‚", "‘", false},
	"sl": {"„", "“", "‚", "‘", false},
	"hr": {"„", "”", "‚", "’", false},
	"hu": {"„", "”", "»", "«", false},
	"sv": {"”", "”", "’", "’", false},
	"fi": {"”", "”", "’", "’", false},
	"da": {"»", "«", "›", "‹", false},
	"nb": {"«", "»", "‘", "’", false},
	"nn": {"«", "»", "‘", "’", false},
	"no": {"«", "»", "‘", "’", false},
	"tr": {"“", "”", "‘", "’", false},
}

// styleFor returns the quotation marks of a BCP 47 tag; English's by
// default.
func quotesFor(lang string) quoteStyle {
	base, _, _ := strings.Cut(strings.ToLower(strings.ReplaceAll(lang, "_", "-")), "-")
	if base == "pt" && strings.HasSuffix(strings.ToLower(lang), "br") {
		return quoteStyles["en"] // Brazil uses “ ”
	}
	if q, ok := quoteStyles[base]; ok {
		return q
	}
	return quoteStyles["en"]
}

// smartenArticle returns a copy of a with typographic punctuation where
// the text has typewriter forms: quotation marks of the article's language
// for straight quotes, ’ for apostrophes, – and — for -- and ---, … for
// .... Code, URLs and links' targets are left as they are.
func smartenArticle(a *article.Article, lang string) *article.Article {
	q := quotesFor(lang)
	return mapTexts(a, func(t article.Text) article.Text { return smartenText(t, q) })
}

// smartenText converts the runs of t, judging each quote by the
// characters around it, across runs; code runs are copied unchanged.
func smartenText(t article.Text, q quoteStyle) article.Text {
	if len(t) == 0 {
		return t
	}
	out := make(article.Text, len(t))
	prev := ' ' // the character before the current one, across runs
	depth := 0  // open double quotes, for nesting single ones as inner
	for i, in := range t {
		out[i] = in
		if in.Code || in.Break {
			if r := lastRune(in.Text); r != 0 {
				prev = r
			}
			continue
		}
		rs := []rune(in.Text)
		var b strings.Builder
		for k := 0; k < len(rs); k++ {
			r := rs[k]
			if unicode.IsSpace(prev) || k == 0 {
				// a URL-like word is copied as it is
				end := k
				for end < len(rs) && !unicode.IsSpace(rs[end]) {
					end++
				}
				if word := string(rs[k:end]); isURLish(word) {
					b.WriteString(word)
					prev = rs[end-1]
					k = end - 1
					continue
				}
			}
			next := nextRune(t, i, rs, k)
			switch {
			case r == '"':
				if opensQuote(prev, next) {
					b.WriteString(q.open)
					if q.spaced {
						b.WriteRune('\u202F')
					}
					depth++
				} else {
					if q.spaced && prev != '\u202F' {
						b.WriteRune('\u202F')
					}
					b.WriteString(q.close)
					depth = max(depth-1, 0)
				}
			case r == '\'':
				switch {
				case unicode.IsLetter(prev) || unicode.IsDigit(prev) && unicode.IsLetter(next):
					b.WriteString("’") // don't, 1990's, O'Brien, or a closing mark
				case unicode.IsDigit(next) && !opensQuoteStrict(prev, rs, k):
					b.WriteString("’") // '90s
				case opensQuote(prev, next):
					if depth > 0 {
						b.WriteString(q.innerOpen)
					} else {
						b.WriteString("‘")
					}
				default:
					if depth > 0 {
						b.WriteString(q.innerClose)
					} else {
						b.WriteString("’")
					}
				}
			case r == '-' && k+1 < len(rs) && rs[k+1] == '-':
				if k+2 < len(rs) && rs[k+2] == '-' {
					b.WriteString("—")
					k += 2
				} else {
					b.WriteString("–")
					k++
				}
			case r == '.' && k+2 < len(rs) && rs[k+1] == '.' && rs[k+2] == '.':
				b.WriteString("…")
				k += 2
			default:
				b.WriteRune(r)
			}
			prev = rs[k]
			if r == '"' || r == '\'' {
				prev = r
			}
		}
		out[i].Text = b.String()
	}
	return out
}

// opensQuote reports whether a quote between prev and next opens: after
// a space, an opening bracket or a dash, and before something to quote.
func opensQuote(prev, next rune) bool {
	return (unicode.IsSpace(prev) || strings.ContainsRune("([{<—–-/\u00A0", prev)) && next != 0 && !unicode.IsSpace(next)
}

// opensQuoteStrict reports whether the ' at rs[k] opens a quotation that
// closes later in the run ('90 said he, 'tis…): only then is a digit after
// it quoted rather than elided.
func opensQuoteStrict(prev rune, rs []rune, k int) bool {
	if !unicode.IsSpace(prev) && prev != '(' {
		return false
	}
	for j := k + 1; j < len(rs); j++ {
		if rs[j] == '\'' && (j+1 == len(rs) || !unicode.IsLetter(rs[j+1])) && unicode.IsLetter(rs[j-1]) {
			return true
		}
	}
	return false
}

// nextRune is the character after rs[k], looking into the next run; 0 at
// the end.
func nextRune(t article.Text, i int, rs []rune, k int) rune {
	if k+1 < len(rs) {
		return rs[k+1]
	}
	for j := i + 1; j < len(t); j++ {
		for _, r := range t[j].Text {
			return r
		}
	}
	return 0
}

func lastRune(s string) rune {
	var last rune
	for _, r := range s {
		last = r
	}
	return last
}
