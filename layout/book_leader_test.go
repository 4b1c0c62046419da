package layout

import (
	"fmt"
	"strings"
	"testing"

	"github.com/galleyprint/galley/page"
)

// TestContentsLeaderOneItem: an entry's dot leader is one text item, not
// an item per dot (60 items an entry, 100 MB for 10,000 entries).
func TestContentsLeaderOneItem(t *testing.T) {
	var es []ContentsEntry
	for i := range 40 {
		es = append(es, ContentsEntry{Title: fmt.Sprintf("Article number %d", i), Detail: "1 January 2020", Page: i + 3})
	}
	doc, _, err := Contents("Contents", es, Options{Page: page.Size{W: page.Pt(595), H: page.Pt(842)}})
	if err != nil {
		t.Fatal(err)
	}
	leaders, items := 0, 0
	for _, p := range doc.Pages {
		for _, it := range p.Items {
			items++
			if strings.HasPrefix(it.Text, ". .") {
				leaders++
				if it.W <= 0 || strings.Trim(it.Text, ". ") != "" {
					t.Errorf("leader %q is %v wide", it.Text, it.W)
				}
			}
			if it.Text == "." {
				t.Fatalf("a dot on its own: the leader is an item per dot")
			}
		}
	}
	if leaders != len(es) {
		t.Errorf("%d leaders, want %d", leaders, len(es))
	}
	if items > 12*len(es) {
		t.Errorf("%d items for %d entries", items, len(es))
	}
}
