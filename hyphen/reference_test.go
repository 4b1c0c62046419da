package hyphen

import (
	"bufio"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// referenceWords reads testdata/<tag>.txt: "word<TAB>hy-phen-at-ed" lines
// made by testdata/gen-reference.py with Pyphen, an independent
// implementation of Liang's algorithm fed the same patterns, exceptions
// and minimums.
func referenceWords(t testing.TB, path string) (words, want []string) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		word, hyph, ok := strings.Cut(line, "\t")
		if !ok || strings.ReplaceAll(hyph, "-", "") != word {
			t.Fatalf("%s: bad line %q", path, line)
		}
		words = append(words, word)
		want = append(want, hyph)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return words, want
}

// TestReference: the hyphenator matches the hyph-utf8 reference
// hyphenations exactly, on at least 1,000 words per language.
func TestReference(t *testing.T) {
	paths, err := filepath.Glob(filepath.Join("testdata", "*.txt"))
	if err != nil {
		t.Fatal(err)
	}
	var tags []string
	for _, path := range paths {
		tag := strings.TrimSuffix(filepath.Base(path), ".txt")
		tags = append(tags, tag)
		t.Run(tag, func(t *testing.T) {
			h := For(tag)
			if h == nil || h.Lang() != tag {
				t.Fatalf("For(%q) = %v, want the %s hyphenator", tag, h, tag)
			}
			words, want := referenceWords(t, path)
			if len(words) < 1000 {
				t.Errorf("%s: only %d reference words, want at least 1,000", tag, len(words))
			}
			bad := 0
			for i, w := range words {
				if got := h.Hyphenate(w); got != want[i] {
					bad++
					if bad <= 20 {
						t.Errorf("%s: Hyphenate(%q) = %q, want %q", tag, w, got, want[i])
					}
				}
			}
			left, right := h.Mins()
			t.Logf("%-7s left=%d right=%d: %d reference words, %d match, %d differ",
				tag, left, right, len(words), len(words)-bad, bad)
		})
	}
	if !slices.Equal(tags, Languages()) {
		t.Errorf("reference files for %v, want one for each of %v", tags, Languages())
	}
}
