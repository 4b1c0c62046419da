package readability

import (
	"math/rand/v2"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/galleyprint/galley/internal/readability/internal/re2go"
)

// TestMatchedApart: the class and id matched apart give what matching
// className(node) + " " + dom.ID(node) gave, for unlikely candidates and
// bylines, on random classes and ids of pieces of the words looked for,
// in both cases, white space of every kind and letters beyond ASCII.
func TestMatchedApart(t *testing.T) {
	pieces := []string{"side", "bar", "SIDEBAR", "comment", "-ad-", "-", "ad", "menu", "article", "main", "body", "Shadow",
		"by", "line", "author", "p-", "cover", "wrap", " ", "  ", "\t", "\n", "\u00a0", "\u0085", "\u3000", "é", "\u212a",
		"x", "and", "yom-remote", "remark", "replies"}
	rng := rand.New(rand.NewPCG(34, 6))
	random := func() string {
		var b strings.Builder
		for range rng.IntN(6) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		return b.String()
	}
	for range 40000 {
		class, id := random(), random()
		var attrs []html.Attribute
		if class != "" || rng.IntN(2) == 0 {
			attrs = append(attrs, html.Attribute{Key: "class", Val: class})
		}
		if id != "" || rng.IntN(2) == 0 {
			attrs = append(attrs, html.Attribute{Key: "id", Val: id})
		}
		node := &html.Node{Type: html.ElementNode, Data: "div", Attr: attrs}
		matchString := className(node) + " " + id
		want := re2go.IsUnlikelyCandidates(matchString) && !re2go.MaybeItsACandidate(matchString)
		if got := isUnlikelyCandidate(class, id); got != want {
			t.Errorf("isUnlikelyCandidate(%q, %q) = %v, want %v", class, id, got, want)
		}
		var ps Parser
		if got, want := ps.isValidByline(node, class, id), re2go.IsByline(matchString); got != want {
			t.Errorf("isValidByline of class %q, id %q = %v, want %v", class, id, got, want)
		}
	}
}
