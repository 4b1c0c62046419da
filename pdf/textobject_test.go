package pdf

import (
	"regexp"
	"strings"
	"testing"

	"github.com/galleyprint/galley/page"
)

// tableRowDoc is a table row of three cells, each a TD of its own, with
// a rule under it, in profile.
func tableRowDoc(t *testing.T, profile Profile) *page.Document {
	sr := serif(t)
	var s page.Structure
	art := s.Add("Art", 0)
	tbl := s.Add("Table", art)
	tr := s.Add("TR", tbl)
	var items []page.Item
	for i, text := range []string{"re-", "territorial", "authority"} {
		it := word(sr, 72+float64(i)*60, 100, text)
		it.Tag.Elem = s.Add("TD", tr)
		items = append(items, it)
	}
	items = append(items, page.Item{Kind: page.ItemLine, X: page.Pt(72), Y: page.Pt(104), W: page.Pt(180), Stroke: page.Pt(0.5)})
	return &page.Document{
		Info:      page.Info{Title: "Row", Language: "en", Profile: string(profile)},
		Pages:     []*page.Page{onePage(items...)},
		Structure: s,
	}
}

// TestTaggedRowOneTextObject: a tagged row's cells, each its own marked
// content, share one text object, as the untagged row's do: readers that
// assemble words from positions (poppler) sum a text object's relative
// moves, and a text object per cell put the cells' words a rounding
// apart from the untagged PDF's and changed what pdftotext read of a
// narrow table (wikipedia-2 in two columns: "reauthority").
func TestTaggedRowOneTextObject(t *testing.T) {
	tagged := pageContent(t, write(t, tableRowDoc(t, ProfileA2A)), 1)
	plain := pageContent(t, write(t, tableRowDoc(t, ProfilePlain)), 1)
	bt := regexp.MustCompile(`(?m)^BT(\n| [-\d.]+ [-\d.]+ Td)`) // text objects showing text
	if n, m := len(bt.FindAllString(tagged, -1)), len(bt.FindAllString(plain, -1)); n != 1 || m != 1 {
		t.Errorf("%d text objects tagged, %d untagged; want 1 each:\n%s\n--\n%s", n, m, tagged, plain)
	}
	row := regexp.MustCompile(`(?s)BT\n/TD <</MCID 0>> BDC\n.*?EMC\n/TD <</MCID 1>> BDC\n.*?EMC\n/TD <</MCID 2>> BDC\n.*?EMC\nET\n/Artifact BMC\n`)
	if !row.MatchString(tagged) {
		t.Errorf("the cells' marked content is not inside one text object, the rule an artifact after it:\n%s", tagged)
	}
	// the same moves and text: the lines that show text are the same
	shows := regexp.MustCompile(`(?m)[-\d.]+ [-\d.]+ Td .*$`)
	if a, b := shows.FindAllString(tagged, -1), shows.FindAllString(plain, -1); strings.Join(a, "\n") != strings.Join(b, "\n") {
		t.Errorf("tagged text shown as\n%q\nuntagged as\n%q", a, b)
	}
}
