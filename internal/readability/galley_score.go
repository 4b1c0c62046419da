package readability

import (
	"math"
	"sort"
	"strconv"

	"golang.org/x/net/html"
)

// galley patch: a node's content score was kept in its attribute
// data-readability-score, written with fmt.Sprintf("%.4f") and read back
// with strconv.ParseFloat at every look; the scores of a pass are kept in
// Parser.scores, rounded as the attribute rounded them. Nothing but the
// score functions read the attribute, and clearReadabilityAttr removed it
// from the article, so that the article is the same.

// roundedScore returns score as it read back from its attribute: written
// with four decimals, then parsed.
func roundedScore(score float64) float64 {
	// a multiple of 1/16 (an integer, a half: most scores) has at most
	// four decimals, which the round trip keeps exactly
	if m := score * 16; m == math.Trunc(m) && math.Abs(score) < 1<<40 {
		return score
	}
	// below a million, score * 1e4 is within a millionth of score's exact
	// ten-thousandths, so away from a half it rounds to the integer the
	// four decimals round to, and that integer over 1e4 (both exact) is
	// the closest float to those decimals, as parsing them gives
	if math.Abs(score) < 1e6 {
		scaled := score * 1e4
		if n := math.Round(scaled); math.Abs(scaled-n) < 0.499 {
			return n / 1e4
		}
	}
	var buf [32]byte
	rounded, _ := strconv.ParseFloat(string(strconv.AppendFloat(buf[:0], score, 'f', 4, 64)), 64)
	return rounded
}

// galley patch: grabArticle made a new list of each paragraph's
// ancestors to score them; it reuses one.

// appendNodeAncestors appends to dst what getNodeAncestors(node,
// maxDepth) returns, and returns the extended list.
func appendNodeAncestors(dst []*html.Node, node *html.Node, maxDepth int) []*html.Node {
	for i := 0; node.Parent != nil; node = node.Parent {
		i++
		dst = append(dst, node.Parent)
		if maxDepth > 0 && i == maxDepth {
			break
		}
	}
	return dst
}

// scoredNode is a candidate and its content score.
type scoredNode struct {
	node  *html.Node
	score float64
}

// sortByScore sorts nodes by their score, highest first, as
// sort.Slice(nodes, …) with score(nodes[i]) > score(nodes[j]) sorts
// them: sort.Slice makes the same comparisons, whose answers are the
// same, and so the same swaps, equal scores left in the same order.
// Each node's score is looked up once.
func sortByScore(nodes []*html.Node, score func(*html.Node) float64) {
	scored := make([]scoredNode, len(nodes))
	for i, n := range nodes {
		scored[i] = scoredNode{node: n, score: score(n)}
	}
	sort.Slice(scored, func(i, j int) bool { return scored[i].score > scored[j].score })
	for i, s := range scored {
		nodes[i] = s.node
	}
}
