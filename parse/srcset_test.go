package parse

import (
	"fmt"
	"math/rand/v2"
	"regexp/syntax"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/galleyprint/galley/internal/testcorpus"
)

// TestParseSrcset runs the HTML standard's srcset parser over the cases
// that split wrongly at commas, and over its descriptor rules.
func TestParseSrcset(t *testing.T) {
	tests := []struct {
		name, srcset string
		want         string // candidates as url|w|x, space-separated; "" for none
	}{
		{"comma in the URL", "/img/c_fill,w_800/pic.png 800w", "/img/c_fill,w_800/pic.png|800|0"},
		{"commas in two URLs", "/img/c_fill,w_400/pic.png 400w, /img/c_fill,w_800/pic.png 800w",
			"/img/c_fill,w_400/pic.png|400|0 /img/c_fill,w_800/pic.png|800|0"},
		{"no space after the comma", "a.png 100w,b.png 200w", "a.png|100|0 b.png|200|0"},
		{"data: URI with a comma", "data:image/png;base64,iVBORw0KGgo= 1x, big.png 2x",
			"data:image/png;base64,iVBORw0KGgo=|0|1 big.png|0|2"},
		{"data: URI alone", "data:image/svg+xml,%3Csvg%3E%3C/svg%3E", "data:image/svg+xml,%3Csvg%3E%3C/svg%3E|0|1"},
		{"no descriptors", "a.png", "a.png|0|1"},
		{"URL runs to whitespace", "a.png,b.png", "a.png,b.png|0|1"},
		{"trailing comma ends a candidate", "a.png, b.png", "a.png|0|1 b.png|0|1"},
		{"comma URL without descriptors, then another", "/c_fill,w_800/p.png, q.png 2x", "/c_fill,w_800/p.png|0|1 q.png|0|2"},
		{"1.5x", "a.png 1.5x", "a.png|0|1.5"},
		{"exponent density", "a.png 1e1x", "a.png|0|10"},
		{"zero density is valid", "a.png 0x", "a.png|0|0"},
		{"w with h", "a.png 100w 50h", "a.png|100|0"},
		{"trailing commas", "a.png 1x,,, b.png 2x,,", "a.png|0|1 b.png|0|2"},
		{"URL ending in commas", "a.png,,,", "a.png|0|1"},
		{"leading commas and spaces", " ,, a.png 100w ,, ", "a.png|100|0"},
		{"tab, newline, form feed, CR", "a.png\t100w,\nb.png\f200w\r,c.png", "a.png|100|0 b.png|200|0 c.png|0|1"},
		{"no-break space is not whitespace", "a.png\u00a0100w", "a.png\u00a0100w|0|1"},
		{"empty", "", ""},
		{"only commas and spaces", " , ,, ", ""},
		{"parentheses hold commas", "a.png (foo, bar) 100w, b.png 200w", "b.png|200|0"},
		{"parentheses after a descriptor", "a.png 100w(x, y), b.png 200w", "b.png|200|0"},
		{"unclosed parenthesis eats the rest", "a.png 1x (x, b.png 2x", ""},

		// invalid descriptors drop the candidate, not the list
		{"unknown descriptor", "a.png 100q, b.png 1x", "b.png|0|1"},
		{"zero width", "a.png 0w, b.png 1x", "b.png|0|1"},
		{"negative density", "a.png -1x, b.png 1x", "b.png|0|1"},
		{"fractional width", "a.png 1.5w, b.png 1x", "b.png|0|1"},
		{"signed width", "a.png +100w, b.png 1x", "b.png|0|1"},
		{"capital W", "a.png 100W, b.png 1x", "b.png|0|1"},
		{"density without a leading digit", "a.png .5x, b.png 1x", "b.png|0|1"},
		{"density ending in a point", "a.png 1.x, b.png 1x", "b.png|0|1"},
		{"plus-signed density", "a.png +1x, b.png 1x", "b.png|0|1"},
		{"infinite density", "a.png 1e999x, b.png 1x", "b.png|0|1"},
		{"width and density", "a.png 100w 2x, b.png 1x", "b.png|0|1"},
		{"two widths", "a.png 100w 200w, b.png 1x", "b.png|0|1"},
		{"two densities", "a.png 1x 2x, b.png 1x", "b.png|0|1"},
		{"height without width", "a.png 100h, b.png 1x", "b.png|0|1"},
		{"height and density", "a.png 100w 50h 2x, b.png 1x", "b.png|0|1"},
		{"width overflowing int", "a.png 99999999999999999999w, b.png 1x", "b.png|0|1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, c := range parseSrcset(tt.srcset) {
				got = append(got, fmt.Sprintf("%s|%d|%g", c.url, c.width, c.density))
			}
			if g := strings.Join(got, " "); g != tt.want {
				t.Errorf("parseSrcset(%q)\n got %q\nwant %q", tt.srcset, g, tt.want)
			}
		})
	}
}

// TestPickSrcset checks which candidate is printed: the narrowest one at
// least printWidth wide, else the widest.
func TestPickSrcset(t *testing.T) {
	tests := []struct {
		name string
		sets []string
		want string
	}{
		{"narrowest wide enough", []string{"a 600w, b 1600w, c 1200w, d 2400w"}, "c"},
		{"else the widest", []string{"a 300w, b 800w, c 500w"}, "b"},
		{"comma URLs", []string{"/i/c_fill,w_400/p.png 400w, /i/c_fill,w_1600/p.png 1600w"}, "/i/c_fill,w_1600/p.png"},
		{"x: 2x is enough", []string{"a 1x, b 2x, c 3x"}, "b"},
		{"1.5x", []string{"a 1x, b 1.5x"}, "b"},
		{"no descriptor is 1x", []string{"a, b 3x"}, "b"},
		{"placeholders skipped", []string{"data:image/gif;base64,R0lGOD 2000w, real.jpg 1000w"}, "real.jpg"},
		{"AVIF and JPEG XL addresses skipped", []string{"/u/t_fit-560w,f_avif,dpr_2/p.jpg 2x, /u/t_fit-560w,f_auto/p.jpg 1x",
			"p.avif 3000w, p.jxl?x=1 2500w, /i/p.jpg?fm=avif&w=2000 2000w, /i/p.jpg?format=avif 1900w, p.jpg 1000w"}, "p.jpg"},
		{"AVIF-looking words in a name are not", []string{"/avif-guide/f_avifs.jpg 1300w, small.jpg 500w"}, "/avif-guide/f_avifs.jpg"},
		{"across sets", []string{"a 800w", "b 1300w, c 4000w"}, "b"},
		{"equal widths: the first", []string{"a 1300w, b 1300w"}, "a"},
		{"invalid candidates ignored", []string{"a 5000q, b 700w"}, "b"},
		{"nothing valid", []string{"a 0w", ""}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := pickSrcset(tt.sets); got != tt.want {
				t.Errorf("pickSrcset(%q) = %q, want %q", tt.sets, got, tt.want)
			}
		})
	}
}

// FuzzSrcset checks that any attribute parses without panicking into
// candidates with a URL free of whitespace and valid descriptors.
func FuzzSrcset(f *testing.F) {
	for _, s := range []string{"a.png 1x, b.png 2x", "/c_fill,w_800/p.png 800w", "a (b, c) 1x,,", "data:,a 1x", "a 100w 50h"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, c := range parseSrcset(s) {
			if c.url == "" || strings.ContainsAny(c.url, " \t\n\f\r") || strings.HasSuffix(c.url, ",") {
				t.Errorf("%q: bad URL %q", s, c.url)
			}
			if c.width < 0 || c.density < 0 || (c.width > 0 && c.density != 0) {
				t.Errorf("%q: bad candidate %+v", s, c)
			}
		}
	})
}

// TestUnprintableFormatNamesFold: no letter of the unprintableFormatNames
// folds with one beyond ASCII, which namesUnprintableFormat would miss.
func TestUnprintableFormatNamesFold(t *testing.T) {
	for _, name := range unprintableFormatNames {
		for _, r := range name {
			for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
				if f >= utf8.RuneSelf {
					t.Errorf("%q of %q folds with %q", r, name, f)
				}
			}
		}
	}
}

// TestUnprintableURLSpared: namesUnprintableFormat spares no address
// unprintableFormats matches: addresses made to match it, in any case,
// and the image addresses of the web corpus's pages.
func TestUnprintableURLSpared(t *testing.T) {
	re, err := syntax.Parse(unprintableFormats.String(), syntax.Perl)
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(5, 6))
	urls := []string{"https://x.test/a.AVIF?w=1", "https://x.test/f_jxl/a", "https://x.test/a.jpg?fm=Avif&w=2"}
	for range 5000 {
		urls = append(urls, "https://img.test/"+sampleMatch(rng, re))
	}
	for _, doc := range testcorpus.WebDocs(t) {
		for n := range doc.Descendants() {
			for _, a := range n.Attr {
				if a.Key == "src" || a.Key == "srcset" || a.Key == "data-src" {
					urls = append(urls, a.Val)
				}
			}
		}
	}
	matched := 0
	for _, u := range urls {
		if unprintableFormats.MatchString(u) {
			matched++
			if !namesUnprintableFormat(u) {
				t.Errorf("%q: spared, and it names an unprintable format", u)
			}
		}
	}
	if matched < 1000 {
		t.Errorf("only %d of %d addresses match", matched, len(urls))
	}
}
