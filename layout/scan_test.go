package layout

import (
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/galleyprint/galley/article"
	"github.com/galleyprint/galley/fonts"
	"github.com/galleyprint/galley/page"
)

// TestASCII: ascii, which reads eight bytes at a time, answers as a
// byte-by-byte reading does, whatever the string's length and wherever
// a byte of the top half or a carriage return is in it.
func TestASCII(t *testing.T) {
	plain := func(s string) bool {
		for i := range len(s) {
			if s[i] >= utf8.RuneSelf || s[i] == '\r' {
				return false
			}
		}
		return true
	}
	for n := range 40 {
		base := strings.Repeat("word", 10)[:n]
		if !ascii(base) {
			t.Fatalf("ascii(%q) = false", base)
		}
		for at := range n {
			for _, c := range []byte{'\r', 0x80, 0xC3, 0xFF, '\n', 0x0C, 0x0E, 0x8D} {
				s := base[:at] + string([]byte{c}) + base[at+1:]
				if got, want := ascii(s), plain(s); got != want {
					t.Fatalf("ascii(%q) = %v, want %v", s, got, want)
				}
			}
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		b := make([]byte, rng.IntN(30))
		for i := range b {
			b[i] = byte(rng.IntN(256))
			if rng.IntN(4) > 0 {
				b[i] &= 0x7F
			}
		}
		if got, want := ascii(string(b)), plain(string(b)); got != want {
			t.Fatalf("ascii(%q) = %v, want %v", b, got, want)
		}
	}
}

// TestTrackBox: trackBox marks a box of Latin, Greek or Cyrillic
// letters (and punctuation, marks and digits) as letter-spaced, its
// stretch trackWidth's at maxTrack, and leaves any other unmarked and
// without stretch.
func TestTrackBox(t *testing.T) {
	frags := func(texts ...string) []frag {
		var fs []frag
		for _, s := range texts {
			fs = append(fs, frag{text: s, size: page.Pt(10)})
		}
		return fs
	}
	for _, c := range []struct {
		texts   []string
		letters bool
	}{
		{[]string{"word"}, true},
		{[]string{"a"}, true},
		{[]string{"long-winded", "ness"}, true},
		{[]string{"café", "s"}, true},
		{[]string{"Ελληνικά"}, true},
		{[]string{"кириллица", "—"}, true},
		{[]string{"e\u0301e\u0301"}, true}, // clusters of a letter and a mark
		{[]string{"line\r\nend"}, true},
		{[]string{"word", "中文"}, false},
		{[]string{"عربي"}, false},
		{[]string{"हिन्दी"}, false},
	} {
		fs := frags(c.texts...)
		e := elem{kind: box, frags: fs, stretch: 99}
		trackBox(&e)
		if e.letters != c.letters {
			t.Errorf("%q: letters %v, want %v", c.texts, e.letters, c.letters)
		}
		want := page.Unit(0)
		if c.letters {
			want = trackWidth(fs, maxTrack, false)
		}
		if e.stretch != want {
			t.Errorf("%q: stretch %v, want %v", c.texts, e.stretch, want)
		}
	}
}

// TestMadeLTR: a paragraph shaped is marked as having no right-to-left
// character only when hasRTL finds none in its elements, and a paragraph
// of left-to-right text is marked so (setLines then skips withLevels).
func TestMadeLTR(t *testing.T) {
	set, err := fonts.Default()
	if err != nil {
		t.Fatal(err)
	}
	s := &shaper{fonts: set, missing: map[rune]int{}, words: newWordCache(), encode: func(s string) string { return strings.ToValidUTF8(s, "\uFFFD") }}
	defer s.words.release()
	base := runStyle{fam: fonts.Serif, size: page.Pt(10)}
	for _, c := range []struct {
		text string
		ltr  bool
	}{
		{"Plain English text, with a well-known hyphen.", true},
		{"Naïve café façade — “quoted” 1990–2000", true},
		{"Ελληνικά και кириллица", true},
		{"日本語のテキスト", true},
		{"a word in \u05e2\u05d1\u05e8\u05d9\u05ea here", false},
		{"\u0645\u0631\u062d\u0628\u0627 and English", false},
		{"digits \u0661\u0662\u0663", false},
		{"a right-to-left mark\u200f here", false},
		{"an override \u202eabc\u202c here", false},
		{"invalid \xff byte", true},
	} {
		elems := s.paragraphIn(article.Text{{Text: c.text}, {Text: " more", Italic: true}}, base, false)
		if s.madeLTR != c.ltr {
			t.Errorf("%q: madeLTR %v, want %v", c.text, s.madeLTR, c.ltr)
		}
		if s.madeLTR && hasRTL(elems) {
			t.Errorf("%q: marked left to right, but hasRTL finds a right-to-left character", c.text)
		}
	}
}

// TestShapeASCII: shapeASCII makes of a word of ASCII characters its
// face has the frag shapeRunes makes, kerning and all, in each family
// and style, and declines any other word.
func TestShapeASCII(t *testing.T) {
	set, err := fonts.Default()
	if err != nil {
		t.Fatal(err)
	}
	s := &shaper{fonts: set, missing: map[rune]int{}}
	words := []string{"AVAST", "Wavy", "To", "yesterday's", "(1990)", "e.g.", "x", "LTA", "fi", "~!@#$%^&*_+{}|:<>?",
		"tab\there", "del\x7f", "nul\x00", "café", "naïve", "", "\u2014"}
	accepted := 0
	for _, rs := range []runStyle{
		{fam: fonts.Serif, size: page.Pt(10)},
		{fam: fonts.Serif, size: page.Pt(10), italic: true, color: page.DarkGrey, link: "https://example.com"},
		{fam: fonts.Sans, size: page.Pt(8), bold: true, rise: page.Pt(2), strike: true},
		{fam: fonts.Mono, size: page.Pt(9)},
	} {
		primary := set.Face(rs.fam, fonts.StyleOf(rs.bold, rs.italic))
		for _, w := range words {
			got, ok := shapeASCII(w, primary, rs)
			if !ok {
				if ascii(w) && w != "" && !strings.ContainsAny(w, "\t\x7f\x00") {
					t.Errorf("%q in %+v: declined", w, rs)
				}
				continue
			}
			accepted++
			want, clean := s.shapeRunes(nil, w, rs, primary)
			if !clean || len(want) != 1 || !reflect.DeepEqual(got, want[0]) {
				t.Errorf("%q in %+v: %+v, want %+v", w, rs, got, want)
			}
		}
	}
	if accepted == 0 {
		t.Fatal("no word accepted")
	}
}
