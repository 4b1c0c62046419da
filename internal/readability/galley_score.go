package readability

import "strconv"

// galley patch: a node's content score was kept in its attribute
// data-readability-score, written with fmt.Sprintf("%.4f") and read back
// with strconv.ParseFloat at every look; the scores of a pass are kept in
// Parser.scores, rounded as the attribute rounded them. Nothing but the
// score functions read the attribute, and clearReadabilityAttr removed it
// from the article, so that the article is the same.

// roundedScore returns score as it read back from its attribute: written
// with four decimals, then parsed.
func roundedScore(score float64) float64 {
	var buf [32]byte
	rounded, _ := strconv.ParseFloat(string(strconv.AppendFloat(buf[:0], score, 'f', 4, 64)), 64)
	return rounded
}
