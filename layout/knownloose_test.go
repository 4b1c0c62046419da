package layout

import (
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/galleyprint/galley/article"
	"github.com/galleyprint/galley/fonts"
	"github.com/galleyprint/galley/hyphen"
	"github.com/galleyprint/galley/page"
)

// TestKnownLooseLines: the search that keeps the nodes known to start too
// loose a line without working out their ratio finds the same lines as
// the one that works out every ratio, in every pass, for paragraphs of
// mixed sizes and styles (spaces and letters of other stretch), hyphenated
// or not, in measures from narrow to wide, with a first line indented.
func TestKnownLooseLines(t *testing.T) {
	set, err := fonts.Default()
	if err != nil {
		t.Fatal(err)
	}
	h := hyphen.For("en")
	s := &shaper{fonts: set, missing: map[rune]int{}}
	base := runStyle{fam: fonts.Serif, size: page.Pt(10)}
	r := rand.New(rand.NewPCG(34, 1))
	compared, skipped := 0, 0
	for seed := range uint64(40) {
		var text article.Text
		for _, w := range strings.Fields(words(40+r.IntN(160), seed)) {
			in := article.Inline{Text: w + " ", Bold: r.IntN(9) == 0, Italic: r.IntN(7) == 0, Sup: r.IntN(25) == 0, Code: r.IntN(30) == 0}
			text = append(text, in)
		}
		plain := s.paragraph(text, base)
		for _, es := range [][]elem{plain, withHyphenationPoints(plain, h)} {
			for _, measure := range []float64{90, 140, 200, 280, 400} {
				W := page.Pt(measure)
				indent := page.Pt(float64(r.IntN(30)))
				width := func(i int) page.Unit {
					if i == 0 {
						return W - indent
					}
					return W
				}
				for k, p := range []breakParams{passNoHyphens, passHyphens, passEmergency, passFinal, passLast} {
					skipKnownLoose = false
					want := knuthPlass(es, width, p)
					skipKnownLoose = true
					got := knuthPlass(es, width, p)
					if !reflect.DeepEqual(got, want) {
						t.Errorf("seed %d, measure %v, pass %d: %v, want %v", seed, measure, k, got, want)
					}
					compared++
					if want != nil {
						skipped++
					}
				}
			}
		}
	}
	if skipped == 0 {
		t.Fatalf("no paragraph of %d set", compared)
	}
}
