package layout

import (
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
	count := map[string]int{}
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
			for _, sl := range scriptLanguages {
				if unicode.Is(sl.script, r) {
					count[sl.lang]++
					kana = kana || sl.lang == "ja"
					break
				}
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
