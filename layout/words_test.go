package layout

import (
	"fmt"
	"reflect"
	"testing"
	"unicode"

	"github.com/galleyprint/galley/fonts"
	"github.com/galleyprint/galley/page"
)

// TestWordCache: words set from the cache get the frags they get shaped
// anew, in each style, size, colour and link; words with characters no
// face has are shaped each time, so that every one is counted missing;
// and the cache keeps at most maxWords words.
func TestWordCache(t *testing.T) {
	set, err := fonts.Default()
	if err != nil {
		t.Fatal(err)
	}
	plain := &shaper{fonts: set, missing: map[rune]int{}}
	cached := &shaper{fonts: set, missing: map[rune]int{}, words: newWordCache()}
	defer cached.words.release()
	styles := []runStyle{
		{fam: fonts.Serif, size: page.Pt(10)},
		{fam: fonts.Serif, size: page.Pt(10), italic: true, color: page.DarkGrey, link: "https://example.com"},
		{fam: fonts.Sans, size: page.Pt(8), bold: true, rise: page.Pt(2), strike: true},
		{fam: fonts.Mono, size: page.Pt(9)},
	}
	words := []string{"Harbour", "AVAST", "Wavy", "naïve", "\u0378x", "zero\u200bwidth", "مرحبا", "Harbour"}
	for range 2 {
		for _, rs := range styles {
			for _, w := range words {
				want := plain.frags(w, rs)
				if got := cached.frags(w, rs); !reflect.DeepEqual(got, want) {
					t.Errorf("%q in %+v: frags %+v, want %+v", w, rs, got, want)
				}
			}
		}
	}
	if cached.words.words == 0 {
		t.Fatal("no words kept")
	}
	if !reflect.DeepEqual(cached.missing, plain.missing) || len(plain.missing) == 0 {
		t.Errorf("missing %v, want %v", cached.missing, plain.missing)
	}
	for i := range 2 * maxWords {
		cached.frags(fmt.Sprint("w", i), styles[0])
		if n := cached.words.words; n > maxWords {
			t.Fatalf("%d words kept, want at most %d", n, maxWords)
		}
	}
}

// TestWordTable: every word put in a table is found again with its own
// frags as the table grows (and only those words are), and none after the
// cache drops its words.
func TestWordTable(t *testing.T) {
	c := newWordCache()
	defer c.release()
	tab := c.table(runStyle{fam: fonts.Serif, size: page.Pt(10)})
	const n = maxWords - 1
	for i := range n {
		w := fmt.Sprint("w", i)
		if _, _, ok := c.get(tab, w); ok {
			t.Fatalf("%q found before it was put", w)
		}
		_, at, _ := c.get(tab, w)
		c.put(tab, at, w, []frag{{text: w, w: page.Unit(i)}})
	}
	if len(tab.slots) <= minWordSlots {
		t.Fatalf("%d slots for %d words: the table never grew", len(tab.slots), n)
	}
	for i := range n {
		w := fmt.Sprint("w", i)
		got, _, ok := c.get(tab, w)
		if !ok || len(got) != 1 || got[0].text != w || got[0].w != page.Unit(i) {
			t.Fatalf("%q: got %+v, %v", w, got, ok)
		}
	}
	if _, _, ok := c.get(tab, "w-1"); ok {
		t.Fatal("a word never put found")
	}
	c.empty()
	if _, _, ok := c.get(tab, "w0"); ok {
		t.Fatal("a word found after the cache was emptied")
	}
}

// TestTrackable: trackable's table and its general punctuation answer
// as the script tables do, for every character.
func TestTrackable(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		want := unicode.In(r, unicode.Latin, unicode.Greek, unicode.Cyrillic, unicode.Common, unicode.Inherited)
		if got := trackable(r); got != want {
			t.Fatalf("trackable(%U) = %v, want %v", r, got, want)
		}
	}
}

// TestGeneralPunctScripts: the characters trackBox passes without a
// look-up (isGeneralPunct) are all of the scripts it letter-spaces.
func TestGeneralPunctScripts(t *testing.T) {
	for r := rune(0x1F00); r <= 0x2100; r++ {
		if isGeneralPunct(r) && !unicode.In(r, unicode.Latin, unicode.Greek, unicode.Cyrillic, unicode.Common, unicode.Inherited) {
			t.Errorf("%U is no Latin, Greek, Cyrillic, Common or Inherited character", r)
		}
	}
}
