package layout

import (
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/galleyprint/galley/article"
)

// stopwords are frequent short words of the languages galley hyphenates,
// chosen to be rare in the others. Czech and Slovak have no patterns (see
// hyphen/patterns/README.md) but are told apart all the same, so that
// their text is not taken for a neighbour's and hyphenated with its
// patterns.
var stopwords = map[string][]string{
	"en": {"the", "and", "of", "to", "is", "that", "with", "for", "was", "this", "are", "have", "it", "which"},
	"de": {"der", "die", "und", "das", "ist", "nicht", "mit", "den", "ein", "eine", "auch", "sich", "dem", "wird"},
	"fr": {"le", "les", "et", "des", "est", "une", "dans", "pour", "qui", "que", "sur", "pas", "du", "avec"},
	"es": {"el", "los", "las", "y", "del", "que", "una", "por", "con", "para", "es", "como", "pero", "más"},
	"it": {"il", "della", "che", "di", "per", "non", "sono", "gli", "una", "con", "nel", "alla", "anche", "è"},
	"pt": {"o", "os", "as", "e", "do", "da", "que", "não", "uma", "com", "para", "em", "dos", "mais"},
	"nl": {"de", "het", "een", "van", "en", "niet", "zijn", "voor", "met", "op", "ook", "dat", "wordt", "bij"},
	"pl": {"się", "że", "jest", "nie", "przez", "dla", "oraz", "był", "była", "tylko", "już", "które", "został", "jak"},
	"cs": {"jsou", "také", "který", "která", "které", "byl", "byla", "bylo", "jeho", "nebo", "podle", "když", "jsem", "není"},
	"sk": {"sú", "aj", "ktorý", "ktorá", "ktoré", "bol", "bola", "bolo", "alebo", "podľa", "keď", "tiež", "som", "pre"},
	"sv": {"och", "är", "inte", "att", "till", "också", "vid", "hade", "ett", "från", "när", "skulle", "mycket", "detta"},
	"da": {"af", "havde", "efter", "blev", "mig", "nu", "sig", "hvad", "dig", "noget", "meget", "igen", "ud"},
	"nb": {"ikke", "jeg", "hva", "noe", "mye", "ble", "nå", "hun", "være", "etter", "meg", "seg", "bare", "hvordan"},
	"nn": {"ikkje", "eg", "kva", "noko", "mykje", "vart", "frå", "vere", "berre", "dei", "eit", "korleis", "òg", "ho"},
	"fi": {"ja", "että", "oli", "ovat", "mutta", "kuin", "myös", "joka", "jotka", "hän", "tämä", "sekä", "niin", "ole"},
	"hu": {"az", "és", "hogy", "egy", "csak", "már", "volt", "mint", "ezt", "vagy", "pedig", "szerint", "amely", "nem"},
	"hr": {"u", "su", "koji", "koja", "koje", "što", "kao", "nije", "bio", "jer", "ili", "će", "biti", "sve"},
	"sl": {"ki", "tudi", "kot", "bil", "naj", "kjer", "lahko", "ter", "še", "zelo", "zato", "vse", "tega", "če"},
	"tr": {"ve", "bir", "bu", "için", "ile", "çok", "olarak", "daha", "gibi", "ama", "değil", "olan", "kadar", "sonra"},
	"ca": {"els", "amb", "és", "per", "però", "perquè", "molt", "també", "aquesta", "seva", "això", "i", "dels", "hi"},
}

// stopwordLangs indexes stopwords: the languages each is one of. It is
// made on first use, at its size: a run that guesses no language does
// not build it.
var stopwordLangs = sync.OnceValue(func() map[string][]string {
	n := 0
	for _, ws := range stopwords {
		n += len(ws)
	}
	m := make(map[string][]string, n)
	for lang, ws := range stopwords {
		for _, w := range ws {
			m[w] = append(m[w], lang)
		}
	}
	return m
})

// longestStopword is the length in bytes of the longest of stopwords.
var longestStopword = sync.OnceValue(func() int {
	n := 0
	for _, ws := range stopwords {
		for _, w := range ws {
			n = max(n, len(w))
		}
	}
	return n
})

// readLowerWords calls read with each word of text (a run of letters)
// in lower case: the words of strings.ToLower(text), its characters
// lowered one at a time into word's array (returned for the next call)
// rather than text copied lowered whole. A word of more than longest
// characters, which is longer than longest bytes lowered, is read as
// nil, and not lowered: a text without spaces (Chinese, Japanese) is
// read as a few long words. A character is a letter when its lower case
// is (TestReadLowerWords).
func readLowerWords(text string, word []byte, longest int, read func(word []byte)) []byte {
	word = word[:0]
	n := 0 // the characters of the word being read
	for i := 0; i < len(text); {
		r, size := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[i:])
		}
		i += size
		switch {
		case unicode.IsLetter(r):
			if n++; n <= longest {
				word = utf8.AppendRune(word, unicode.ToLower(r))
			}
		case n > longest:
			read(nil)
			word, n = word[:0], 0
		case n > 0:
			read(word)
			word, n = word[:0], 0
		}
	}
	switch {
	case n > longest:
		read(nil)
	case n > 0:
		read(word)
	}
	return word
}

// guessLanguage names the language of an article that does not say, from
// its stopwords, or "" when none is clearly ahead: hyphenating with the
// wrong patterns is worse than not hyphenating.
func guessLanguage(a *article.Article) string {
	// the words are counted as they are read, not kept: each is looked
	// up once
	words := 0
	count := map[string]int{}
	index, longest := stopwordLangs(), longestStopword()
	read := func(word []byte) {
		words++
		if word != nil {
			for _, lang := range index[string(word)] {
				count[lang]++
			}
		}
	}
	var word []byte // the array words are read in
	var walk func([]article.Block)
	walk = func(bs []article.Block) {
		for _, b := range bs {
			if words > 3000 {
				return
			}
			for _, in := range b.Text {
				// the words of a paragraph's first 64 KB: a long one has
				// enough, and one of ten megabytes is not read whole
				word = readLowerWords(in.Text[:min(len(in.Text), streamBytes)], word, longest, read)
			}
			walk(b.Blocks)
			for _, it := range b.Items {
				walk(it.Blocks)
			}
		}
	}
	walk(a.Body)
	if words < 20 {
		return ""
	}
	best, second := "", 0
	for lang, n := range count {
		if best == "" || n > count[best] || n == count[best] && lang < best {
			if best != "" {
				second = max(second, count[best])
			}
			best = lang
		} else {
			second = max(second, n)
		}
	}
	// at least one word in ten a stopword, and well ahead of the next
	if best == "" || count[best]*10 < words || count[best] < 2*second {
		return ""
	}
	return best
}
