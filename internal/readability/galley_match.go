package readability

import "github.com/galleyprint/galley/internal/readability/internal/re2go"

// galley patch: grabArticle matched the class and id of each element
// joined by a space (className(node) + " " + dom.ID(node)), a string made
// for each element of the page. None of the expressions matched there
// (unlikely candidates, maybe candidates, bylines) holds white space, and
// re2go's matchers fold ASCII letters only, so a match lies within the
// class or within the id, and within one word of the class, which
// className's normalising of its white space leaves as it is: the class
// as it is and the id are matched apart, without a copy.

// isUnlikelyCandidate reports what IsUnlikelyCandidates and not
// MaybeItsACandidate report of className(node) + " " + dom.ID(node), given
// node's class and id attributes.
func isUnlikelyCandidate(class, id string) bool {
	return (re2go.IsUnlikelyCandidates(class) || re2go.IsUnlikelyCandidates(id)) &&
		!re2go.MaybeItsACandidate(class) && !re2go.MaybeItsACandidate(id)
}
