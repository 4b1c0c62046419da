package hyphen

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestFor(t *testing.T) {
	for _, c := range []struct{ tag, want string }{
		{"en", "en-US"},
		{"EN", "en-US"},
		{"en-US", "en-US"},
		{"en_us", "en-US"},
		{"en-CA", "en-US"},
		{"en-Latn-US", "en-US"},
		{"en-GB", "en-GB"},
		{"en_gb", "en-GB"},
		{"EN-gb", "en-GB"},
		{"en-UK", "en-GB"},
		{"en-AU", "en-GB"},
		{"en-Latn-GB", "en-GB"},
		{"en-GB-oxendict", "en-GB"},
		{"en_GB.UTF-8", "en-GB"},
		{"en-x-gb", "en-US"},
		{"de", "de-1996"},
		{"de-DE", "de-1996"},
		{"de-CH", "de-1996"},
		{"de-AT", "de-1996"},
		{"DE_de", "de-1996"},
		{"de-1996", "de-1996"},
		{"de-DE-1901", "de-1996"},
		{"fr", "fr"},
		{"fr-CA", "fr"},
		{"FR_fr", "fr"},
		{"es", "es"},
		{"es-MX", "es"},
		{"es-419", "es"},
		{"it", "it"},
		{"it-CH", "it"},
		{"pt", "pt"},
		{"pt-BR", "pt"},
		{"pt_PT", "pt"},
		{"nl", "nl"},
		{"nl-BE", "nl"},
		{"pl", "pl"},
		{"pl-PL", "pl"},
		{"sv", "sv"},
		{"sv-FI", "sv"},
		{"da", "da"},
		{"da_DK", "da"},
		{"nb", "nb"},
		{"nb-NO", "nb"},
		{"no", "nb"}, // Norwegian: most write Bokmål
		{"no-NO", "nb"},
		{"NO_no.UTF-8", "nb"},
		{"no-NYN", "nn"}, // the old tag for Nynorsk
		{"no-x-nyn", "nn"},
		{"nn", "nn"},
		{"nn-NO", "nn"},
		{"fi", "fi"},
		{"fi-FI", "fi"},
		{"hu", "hu"},
		{"hr", "hr"},
		{"hr-BA", "hr"},
		{"sl", "sl"},
		{"sl-SI", "sl"},
		{"tr", "tr"},
		{"tr-CY", "tr"},
		{"ca", "ca"},
		{"ca-ES-valencia", "ca"},
		{"cs", ""}, // GPL patterns, not embedded
		{"sk", ""},
		{"ro", ""}, // no licence
		{"sh", ""},
		{"bs", ""},
		{"xx", ""},
		{"", ""},
		{"e", ""},
		{"eng", ""},
		{"english", ""},
		{"-en", ""},
		{"ja-JP", ""},
		{"C", ""},
	} {
		h := For(c.tag)
		if got := h.Lang(); got != c.want || (h == nil) != (c.want == "") {
			t.Errorf("For(%q).Lang() = %q, want %q", c.tag, got, c.want)
		}
	}
}

func TestLanguages(t *testing.T) {
	want := []string{"ca", "da", "de-1996", "en-GB", "en-US", "es", "fi", "fr", "hr", "hu", "it",
		"nb", "nl", "nn", "pl", "pt", "sl", "sv", "tr"}
	got := Languages()
	if !slices.Equal(got, want) {
		t.Fatalf("Languages() = %v, want %v", got, want)
	}
	got[0] = "changed"
	if Languages()[0] != "ca" {
		t.Error("Languages returns shared storage")
	}
	for _, tag := range want {
		if For(tag) == nil || For(tag).Lang() != tag {
			t.Errorf("For(%q) is not the %s hyphenator", tag, tag)
		}
	}
}

// TestMins: the defaults are babel's typesetting minimums (its locale
// files' [typography] lefthyphenmin and righthyphenmin), never below
// hyph-utf8's, which the header of each pattern file (kept as its
// .LICENSE.txt) gives.
func TestMins(t *testing.T) {
	want := map[string][2]int{
		"de-1996": {2, 2}, "en-GB": {2, 3}, "en-US": {2, 3}, "es": {2, 2},
		"fr": {2, 3}, "it": {2, 2}, "nl": {2, 3}, "pt": {2, 3},
		"ca": {2, 2}, "da": {2, 2}, "fi": {2, 2}, "hr": {2, 2}, "hu": {2, 2},
		"nb": {2, 2}, "nn": {2, 2}, "pl": {2, 3}, "sl": {2, 3}, "sv": {2, 2},
		"tr": {2, 3},
	}
	re := regexp.MustCompile(`(?m)^%\s+typesetting:\s*\n%\s+left:\s*(\d+)\s*\n%\s+right:\s*(\d+)`)
	for _, h := range languages {
		left, right := h.Mins()
		if [2]int{left, right} != want[h.tag] {
			t.Errorf("%s: Mins() = %d, %d, want %v", h.tag, left, right, want[h.tag])
		}
		header, err := os.ReadFile(filepath.Join("patterns", "hyph-"+h.name+".LICENSE.txt"))
		if err != nil {
			t.Fatal(err)
		}
		m := re.FindSubmatch(header)
		if m == nil {
			t.Errorf("%s: no typesetting hyphenmins in the header", h.tag)
			continue
		}
		l, _ := strconv.Atoi(string(m[1]))
		r, _ := strconv.Atoi(string(m[2]))
		if left < l || right < r {
			t.Errorf("%s: Mins() = %d, %d, below the header's %d, %d", h.tag, left, right, l, r)
		}
	}
}

// TestWordsInParts: contractions, elisions and names with inner capitals
// are hyphenated in their parts, and each language's minimums hold (a
// table per language).
func TestWordsInParts(t *testing.T) {
	for _, c := range []struct{ lang, word, want string }{
		// contractions: never inside the clitic, nor at the apostrophe
		{"en", "shouldn't", "shouldn't"},
		{"en", "don't", "don't"},
		{"en", "couldn’t", "couldn’t"},
		{"en", "they're", "they're"},
		{"en", "O'Reilly", "O'Reilly"},
		{"en", "students'", "stu-dents'"},
		{"en", "congratulations'", "con-grat-u-la-tions'"},
		{"en", "McDonald's", "McDon-ald's"},
		{"en-GB", "shouldn't", "shouldn't"},
		{"en", "shouldnʼt", "shouldnʼt"}, // the modifier letter apostrophe
		{"de", "shouldn't", "shouldn't"}, // English in a German text
		{"de", "don't", "don't"},
		{"de", "Wouldn’t", "Wouldn’t"},
		// inner capitals: each part a word, the case change a break when
		// both sides have three letters
		{"en", "WebExtensions", "Web-Exten-sions"}, // not WebEx-: three letters by a case change
		{"en", "iPhone", "iPhone"},
		{"en", "JavaScript", "Java-Script"},
		{"en", "TypeScript", "Type-Script"},
		{"en", "eBay", "eBay"},
		{"en", "LinkedIn", "LinkedIn"},
		{"en", "macOS", "macOS"},
		{"en", "HTMLElement", "HTML-Ele-ment"},
		{"de", "WebExtensions", "Web-Exten-si-ons"},
		{"de", "JavaScript", "Java-Script"}, // never Ja-vaScript
		{"de", "iPhone", "iPho-ne"},         // as Duden: German leaves two letters at the end
		// elisions: as the patterns say, never at the apostrophe (Italian
		// breaks an elided article before its last letter, del-l’)
		{"fr", "l'ordinateur", "l'or-di-na-teur"},
		{"fr", "aujourd’hui", "au-jourd’hui"},
		{"it", "dell'economia", "del-l'e-co-no-mia"},
		{"ca", "l'habitació", "l'ha-bi-ta-ció"},
		// the minimums: three letters after the last break in en, fr, nl,
		// pl, pt, sl, tr; two in de, es, it, da, sv, nb
		{"en", "hyphenation", "hy-phen-ation"},
		{"fr", "sera", "sera"},
		{"fr", "alléguera", "al-lé-guera"},
		{"fr", "amovibilité", "amo-vi-bi-lité"},
		{"nl", "aanzuiverde", "aan-zui-verde"},
		{"pl", "aktyną", "ak-tyną"},
		{"pt", "abacate", "aba-cate"},
		{"sl", "advokati", "ad-vo-kati"},
		{"tr", "adamalı", "ada-malı"},
		{"de", "Reihe", "Rei-he"},
		{"de", "Arbeitnehmervertretungsverhandlungen", "Ar-beit-neh-mer-ver-tre-tungs-ver-hand-lun-gen"},
		{"it", "acerba", "acer-ba"},
		{"es", "blandos", "blan-dos"},
	} {
		h := For(c.lang)
		if got := h.Hyphenate(c.word); got != c.want {
			t.Errorf("%s: Hyphenate(%q) = %q, want %q", h.Lang(), c.word, got, c.want)
		}
	}
}

func TestHyphenate(t *testing.T) {
	for _, c := range []struct{ lang, word, want string }{
		{"en", "hyphenation", "hy-phen-ation"},
		{"en-GB", "hyphenation", "hy-phen-a-tion"},
		{"en", "Hyphenation", "Hy-phen-ation"},
		{"en", "HYPHENATION", "HY-PHEN-ATION"},
		{"en", "hyphenated", "hy-phen-ated"},
		// exceptions win over patterns, in any case
		{"en", "present", "present"},
		{"en", "PRESENT", "PRESENT"},
		{"en", "table", "ta-ble"},
		{"en", "Table", "Ta-ble"},
		{"en", "oblig-a-tory", "oblig-a-tory"}, // a hyphen is no letter
		{"en", "obligatory", "oblig-a-tory"},
		{"en-GB", "however", "how-ever"},
		{"nl", "walste", "walste"}, // the exception wals-te, cut by Dutch right=3
		{"pt", "software", "soft-ware"},
		// minimums: the patterns break ba-by and par-ty, right=3 forbids it
		{"en", "baby", "baby"},
		{"en", "party", "party"},
		{"en", "ab", "ab"},
		{"de", "Nase", "Na-se"},
		{"de", "Oma", "Oma"},
		// multi-byte letters
		{"de", "Größenordnung", "Grö-ßen-ord-nung"},
		{"de", "GRÖẞENORDNUNG", "GRÖ-ẞEN-ORD-NUNG"},
		{"de", "Donaudampfschifffahrtsgesellschaftskapitän", "Do-nau-dampf-schiff-fahrts-ge-sell-schafts-ka-pi-tän"},
		{"de", "Silbentrennung", "Sil-ben-tren-nung"},
		{"fr", "éléphant", "élé-phant"},
		{"fr", "l’éléphant", "l’élé-phant"},
		{"fr", "l'éléphant", "l'élé-phant"},
		{"es", "españoles", "es-pa-ño-les"},
		{"pt", "coração", "co-ra-ção"},
		{"it", "dell’amore", "del-l’a-mo-re"},
		{"nl", "lettergrepen", "let-ter-gre-pen"},
		{"pl", "przedsiębiorstwo", "przed-się-bior-stwo"},
		{"sv", "Översättning", "Över-sätt-ning"},
		{"da", "sætningsopbygning", "sæt-nings-op-byg-ning"},
		{"fi", "Järjestelmä", "Jär-jes-tel-mä"},
		{"hu", "szövegszerkesztő", "szö-veg-szer-kesz-tő"},
		{"hr", "Đakovačkih", "Đa-ko-vač-kih"},
		{"sl", "pravočasno", "pra-vo-ča-sno"},
		{"tr", "Işıklandırılmış", "Işık-lan-dı-rıl-mış"},
		{"tr", "İstanbul", "İs-tan-bul"},
		{"tr", "KIRMIZI", "KIR-MIZI"},
		{"ca", "paraigua", "pa-rai-gua"},
		{"ca", "col·lecció", "col·lecció"}, // the middle dot is no letter
		// Norwegian: the same patterns, the exceptions differ
		{"nb", "attende", "at-ten-de"},
		{"nn", "attende", "att-en-de"},
		{"nb", "betre", "be-tre"},
		{"nn", "betre", "bet-re"},
		{"nb", "kjærlighet", "kjær-lig-het"},
		// longer than the scratch kept on the stack
		{"en", strings.Repeat("hyphenation", 8), strings.Repeat("hy-phen-ation-", 7) + "hy-phen-ation"},
		// not words
		{"en", "", ""},
		{"en", "hyphen-ation", "hyphen-ation"},
		{"en", "hyphenation.", "hyphenation."},
		{"en", "hyph3nation", "hyph3nation"},
		{"en", "hy phenation", "hy phenation"},
		{"en", "hyphenation\u200b", "hyphenation\u200b"},
		{"en", "hyphen\xffation", "hyphen\xffation"},
	} {
		h := For(c.lang)
		if got := h.Hyphenate(c.word); got != c.want {
			t.Errorf("%s: Hyphenate(%q) = %q, want %q", h.Lang(), c.word, got, c.want)
		}
	}
}

func TestPointsOffsets(t *testing.T) {
	for _, c := range []struct {
		lang, word string
		want       []int
	}{
		{"en", "hyphenation", []int{2, 6}},
		{"de", "Größenordnung", []int{4, 8, 11}},
		{"de", "GRÖẞENORDNUNG", []int{4, 9, 12}}, // ẞ is 3 bytes, its lower case ß 2
		{"fr", "éléphant", []int{5}},
		{"fr", "ÉLÉPHANT", []int{5}},
		{"en", "present", nil},
		{"en", "baby", nil},
		{"en", "e-mail", nil},
		{"xx", "hyphenation", nil},
	} {
		if got := For(c.lang).Points(c.word); !slices.Equal(got, c.want) {
			t.Errorf("%s: Points(%q) = %v, want %v", c.lang, c.word, got, c.want)
		}
	}
}

// TestPointsProperties: on the reference words, in lower, upper and title
// case, every point is ascending, between two letters, and within the
// minimums; the cases agree.
func TestPointsProperties(t *testing.T) {
	for _, tag := range Languages() {
		h := For(tag)
		left, right := h.Mins()
		words, _ := referenceWords(t, filepath.Join("testdata", tag+".txt"))
		for _, w := range words {
			lower := h.Points(w)
			upper := strings.ToUpper(w)
			if h.turkic {
				upper = strings.ToUpperSpecial(unicode.TurkishCase, w)
			}
			r, n := utf8.DecodeRuneInString(w)
			title := string(unicode.ToTitle(r)) + w[n:]
			for _, v := range []string{w, upper, title} {
				points := h.Points(v)
				if len(points) != len(lower) {
					t.Errorf("%s: Points(%q) = %v, Points(%q) = %v", tag, v, points, w, lower)
					continue
				}
				checkPoints(t, tag, v, points, left, right)
			}
		}
	}
}

func checkPoints(t *testing.T, tag, word string, points []int, left, right int) {
	t.Helper()
	last := 0
	for _, p := range points {
		if p <= last || p >= len(word) || !utf8.RuneStart(word[p]) {
			t.Errorf("%s: Points(%q) = %v: %d is no break inside the word", tag, word, points, p)
			return
		}
		last = p
		before, after := utf8.RuneCountInString(word[:p]), utf8.RuneCountInString(word[p:])
		if before < left || after < right {
			t.Errorf("%s: Points(%q) = %v: %d letters before, %d after %d", tag, word, points, before, after, p)
		}
		b, _ := utf8.DecodeLastRuneInString(word[:p])
		a, _ := utf8.DecodeRuneInString(word[p:])
		// a mark belongs to the letter before it: a break may follow one
		if !unicode.IsLetter(b) && !unicode.Is(unicode.Mn, b) || !unicode.IsLetter(a) {
			t.Errorf("%s: Points(%q) = %v: %d is not between two letters", tag, word, points, p)
		}
	}
}

// TestTurkishI: for Turkish, I is the capital of dotless ı and İ that of
// i, both in the fast path for words of up to stackLetters letters and in
// longer ones; other languages fold I to i. (The Turkish patterns treat i
// and ı alike, so that real words hyphenate the same either way: a
// pattern that knows only ı tells.)
func TestTurkishI(t *testing.T) {
	p, err := parsePatterns("ı1", "")
	if err != nil {
		t.Fatal(err)
	}
	long := strings.Repeat("a", stackLetters)
	upperLong := strings.ToUpper(long)
	for _, c := range []struct {
		word, turkic, other string
	}{
		{"AIA", "AI-A", "AIA"},
		{"aıa", "aı-a", "aı-a"},
		{"AİA", "AİA", "AİA"},
		{"aia", "aia", "aia"},
		{long + "ıa", long + "ı-a", long + "ı-a"},
		{upperLong + "IA", upperLong + "I-A", upperLong + "IA"},
		{upperLong + "İA", upperLong + "İA", upperLong + "İA"},
	} {
		for _, turkic := range []bool{true, false} {
			h := &Hyphenator{tag: "test", left: 1, right: 1, turkic: turkic, p: p}
			h.once.Do(func() {})
			want := c.other
			if turkic {
				want = c.turkic
			}
			if got := h.Hyphenate(c.word); got != want {
				t.Errorf("turkic=%v: Hyphenate(%q) = %q, want %q", turkic, c.word, got, want)
			}
		}
	}
}

// TestApostrophesAndMarks: apostrophes and non-spacing marks are part of
// words, but no break goes next to an apostrophe or before a mark.
func TestApostrophesAndMarks(t *testing.T) {
	for _, c := range []struct{ lang, word string }{
		{"en", "don't"},
		{"en", "rock'n'roll"},
		{"en", "o’clock"},
		{"en", "congratulations’"},
		{"fr", "aujourd’hui"},
		{"fr", "presqu'île"},
		{"it", "dell’anno"},
		{"fr", "e\u0301le\u0301phant"},   // decomposed é
		{"de", "Gro\u0308ßenordnung"},    // decomposed ö
		{"es", "espan\u0303oles"},        // decomposed ñ
		{"en", "hyphe\u0301nation"},      // a mark English does not know
		{"en", "hypo\u0308\u0301nation"}, // two marks
	} {
		h := For(c.lang)
		left, right := h.Mins()
		points := h.Points(c.word)
		checkPoints(t, h.Lang(), c.word, points, left, right)
		for _, p := range points {
			b, _ := utf8.DecodeLastRuneInString(c.word[:p])
			a, _ := utf8.DecodeRuneInString(c.word[p:])
			if b == '\'' || b == '’' || a == '\'' || a == '’' || unicode.Is(unicode.Mn, a) {
				t.Errorf("%s: Points(%q) = %v: break at %d", h.Lang(), c.word, points, p)
			}
		}
	}
	// A word with marks is still a word.
	if got := For("en").Hyphenate("hyphe\u0301nation"); got == "hyphe\u0301nation" {
		t.Errorf("Hyphenate of a word with a mark: %q, want some break", got)
	}
}

func TestNilHyphenator(t *testing.T) {
	var h *Hyphenator
	if h.Points("hyphenation") != nil || h.Hyphenate("hyphenation") != "hyphenation" || h.Lang() != "" {
		t.Error("a nil Hyphenator should hyphenate nothing")
	}
	if l, r := h.Mins(); l != 0 || r != 0 {
		t.Errorf("nil Mins() = %d, %d", l, r)
	}
}

// TestConcurrent: first uses from many goroutines at once load each
// language once and agree (run with -race).
func TestConcurrent(t *testing.T) {
	words := []string{"hyphenation", "Größenordnung", "éléphant", "lettergrepen", "españoles", "coração", "dell’amore",
		"przedsiębiorstwo", "szövegszerkesztő", "kjærlighet"}
	var wg sync.WaitGroup
	results := make([][]string, 8)
	for g := range results {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, tag := range Languages() {
				for _, w := range words {
					results[g] = append(results[g], For(tag).Hyphenate(w))
				}
			}
		}()
	}
	wg.Wait()
	for g := range results {
		if !slices.Equal(results[g], results[0]) {
			t.Fatalf("goroutine %d got %v, goroutine 0 %v", g, results[g], results[0])
		}
	}
}

func TestPointsAllocs(t *testing.T) {
	h := For("en-US")
	h.Points("warm up")
	for _, c := range []struct {
		word string
		want float64
	}{
		{"hyphenation", 1}, // the result
		{"present", 0},     // an exception without breaks
		{"baby", 0},        // too short
		{"e-mail", 0},      // not a word
		{"supercalifragilisticexpialidocious", 1},
	} {
		if got := testing.AllocsPerRun(100, func() { h.Points(c.word) }); got != c.want {
			t.Errorf("Points(%q): %v allocations, want %v", c.word, got, c.want)
		}
	}
}

func TestParseErrors(t *testing.T) {
	long := strings.Repeat("a", maxLetters)
	for _, c := range []struct{ pat, hyp string }{
		{"a1b a2b", ""},          // same letters twice
		{long + "a1", ""},        // too long
		{"1", ""},                // no letters
		{"a1b", "-ab"},           // hyphen first
		{"a1b", "ab-"},           // hyphen last
		{"a1b", "a--b"},          // two hyphens
		{"a1b", "ta-ble ta-ble"}, // exception twice
		{"a1b", "Ta-ble ta-ble"}, // the same, in another case
		{"a1b", long[2:] + "-a"}, // exception too long, with its dots
	} {
		if _, err := parsePatterns(c.pat, c.hyp); err == nil {
			t.Errorf("parsePatterns(%q, %q) gave no error", c.pat, c.hyp)
		}
	}
	// Norwegian's patterns use level 9, the highest digit: an exception
	// still wins over it, both ways.
	p, err := parsePatterns(long+"1 .wals5te. a9b 9ta8b9le", "wals-te "+long[3:]+"-a ab-ba tab-le")
	if err != nil {
		t.Fatalf("longest pattern and exception, an exception over a pattern: %v", err)
	}
	h := &Hyphenator{tag: "test", left: 1, right: 1, p: p}
	h.once.Do(func() {})
	for word, want := range map[string]string{
		"walste":       "wals-te",
		"walstes":      "walstes",
		"abba":         "ab-ba",  // the pattern's 9 would break a-b
		"abbas":        "a-bbas", // not the exception: the pattern's 9
		"table":        "tab-le", // the exception over 9ta8b9le
		"tables":       "ta-b-les",
		long[3:] + "a": long[3:] + "-a",
		long + "a":     long + "-a",
	} {
		if got := h.Hyphenate(word); got != want {
			t.Errorf("Hyphenate(%q) = %q, want %q", word, got, want)
		}
	}
}

// TestEmbedded: every language's files parse, and exist as the README says.
func TestEmbedded(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("patterns", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range languages {
		if h.load() == nil {
			t.Errorf("%s: no patterns", h.tag)
		}
		for _, suffix := range []string{".pat.txt", ".LICENSE.txt"} {
			name := "hyph-" + h.name + suffix
			if _, err := os.Stat(filepath.Join("patterns", name)); err != nil {
				t.Error(err)
			}
			if !strings.Contains(string(readme), name) {
				t.Errorf("patterns/README.md does not list %s", name)
			}
		}
	}
}
