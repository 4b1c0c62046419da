package layout

import (
	"cmp"
	"slices"
	"sync"
	"unicode"

	"github.com/galleyprint/galley/article"
	"github.com/galleyprint/galley/page"
)

// scriptLanguages names the language of text written in a script that
// one language dominates, for articles that do not say theirs. Scripts
// shared by many languages (Latin, Cyrillic, Devanagari…) are not guessed
// here: a wrong language in the PDF misleads a screen reader more than
// none.
var scriptLanguages = []struct {
	script *unicode.RangeTable
	lang   string
}{
	{unicode.Arabic, "ar"}, {unicode.Hebrew, "he"}, {unicode.Greek, "el"}, {unicode.Thai, "th"},
	{unicode.Hangul, "ko"}, {unicode.Hiragana, "ja"}, {unicode.Katakana, "ja"}, {unicode.Han, "zh"},
	{unicode.Armenian, "hy"}, {unicode.Georgian, "ka"}, {unicode.Tamil, "ta"}, {unicode.Telugu, "te"},
	{unicode.Kannada, "kn"}, {unicode.Malayalam, "ml"}, {unicode.Gujarati, "gu"}, {unicode.Gurmukhi, "pa"},
	{unicode.Sinhala, "si"}, {unicode.Khmer, "km"}, {unicode.Lao, "lo"},
}

// scriptLanguage guesses the language of an article from the script of
// most of its letters (title and first blocks), or "" when no script of
// scriptLanguages has more than half of them. Arabic script with the
// letters of Urdu or Persian is those; Japanese is Han with kana.
func scriptLanguage(a *article.Article) string {
	const enough = 4000 // letters read
	// the letters of each of scriptLanguages, and the range of
	// scriptRanges (or between them) the last was found in: a text's
	// letters are mostly of one script
	counts := make([]int, len(scriptLanguages))
	last := scriptRange{lo: 1, hi: 0} // none at first
	letters := 0
	var urdu, persian, yiddish bool
	var kana bool
	see := func(s string) {
		for _, r := range s {
			if letters >= enough {
				return
			}
			if !unicode.IsLetter(r) {
				continue
			}
			letters++
			if r < 0x370 {
				continue // Latin: not guessed here
			}
			switch r {
			case 'ٹ', 'ڈ', 'ڑ', 'ں', 'ے', 'ہ':
				urdu = true
			case 'پ', 'چ', 'ژ', 'گ', 'ک', 'ی':
				persian = true
			case 'װ', 'ױ', 'ײ':
				yiddish = true
			}
			if r < last.lo || r > last.hi {
				last = scriptRangeOf(r)
			}
			if last.lang >= 0 {
				counts[last.lang]++
				kana = kana || scriptLanguages[last.lang].lang == "ja"
			}
		}
	}
	see(a.Title)
	var walk func([]article.Block)
	walk = func(bs []article.Block) {
		for _, b := range bs {
			if letters >= enough {
				return
			}
			see(b.Text.Plain())
			walk(b.Blocks)
			for _, it := range b.Items {
				walk(it.Blocks)
			}
		}
	}
	walk(a.Body)
	count := map[string]int{}
	for i, n := range counts {
		if n > 0 {
			count[scriptLanguages[i].lang] += n
		}
	}
	if kana { // Japanese is written in kanji (Han) and kana
		count["ja"] += count["zh"]
		delete(count, "zh")
	}
	best := ""
	for lang, n := range count {
		if best == "" || n > count[best] || n == count[best] && lang < best {
			best = lang
		}
	}
	if best == "" || 2*count[best] <= letters {
		return ""
	}
	switch {
	case best == "ar" && urdu:
		return "ur"
	case best == "ar" && persian:
		return "fa"
	case best == "he" && yiddish:
		return "yi"
	}
	return best
}

// scriptRange is a range of code points of one script of
// scriptLanguages, lang its index there (-1: of none).
type scriptRange struct {
	lo, hi rune
	lang   int
}

// scriptRanges are the ranges of scriptLanguages' scripts in one array,
// in order, so that a letter's script is found in one binary search
// rather than in each script's table in turn (all nineteen for a letter
// of none of them: Cyrillic). The scripts share no code point.
var scriptRanges = sync.OnceValue(func() []scriptRange {
	var rs []scriptRange
	add := func(lo, hi, stride rune, lang int) {
		if stride == 1 {
			rs = append(rs, scriptRange{lo, hi, lang})
			return
		}
		for r := lo; r <= hi; r += stride {
			rs = append(rs, scriptRange{r, r, lang})
		}
	}
	for i, sl := range scriptLanguages {
		for _, r := range sl.script.R16 {
			add(rune(r.Lo), rune(r.Hi), rune(r.Stride), i)
		}
		for _, r := range sl.script.R32 {
			add(rune(r.Lo), rune(r.Hi), rune(r.Stride), i)
		}
	}
	slices.SortFunc(rs, func(a, b scriptRange) int { return cmp.Compare(a.lo, b.lo) })
	return rs
})

// scriptRangeOf returns the range of scriptRanges that holds r, or when
// none does, the range between two of them that does, with lang -1.
func scriptRangeOf(r rune) scriptRange {
	rs := scriptRanges()
	lo, hi := 0, len(rs) // rs[:lo] end before r, rs[hi:] start after it
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		switch {
		case rs[m].hi < r:
			lo = m + 1
		case rs[m].lo > r:
			hi = m
		default:
			return rs[m]
		}
	}
	gap := scriptRange{lo: 0, hi: unicode.MaxRune, lang: -1}
	if lo > 0 {
		gap.lo = rs[lo-1].hi + 1
	}
	if lo < len(rs) {
		gap.hi = rs[lo].lo - 1
	}
	return gap
}

// markLanguage gives the text items of boxes that have none the language
// lang: a passage in another language than the document's.
func markLanguage(boxes []vbox, lang string) {
	lone := &page.ItemMore{Lang: lang}
	for i := range boxes {
		for k := range boxes[i].items {
			if it := &boxes[i].items[k]; it.Kind == page.ItemText && it.Lang() == "" {
				it.SetLang(lang, lone)
			}
		}
	}
}
