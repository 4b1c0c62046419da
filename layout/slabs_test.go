package layout_test

import (
	"bytes"
	"context"
	"sync"
	"testing"

	"github.com/galleyprint/galley/layout"
)

// TestLayoutsShareNoItems: a layout's pages stay as they were while other
// layouts run, one after another and at once (they hand each other the
// arrays their lines were set in): what a document's pages hold is its
// own.
func TestLayoutsShareNoItems(t *testing.T) {
	arts := testArticles(t)
	docs := make([]string, len(arts))
	kept := make([]func() string, len(arts))
	for i, a := range arts {
		doc, err := layout.Layout(context.Background(), a, layout.Options{})
		if err != nil {
			t.Fatal(err)
		}
		kept[i] = func() string {
			var b bytes.Buffer
			if err := doc.Dump(&b); err != nil {
				t.Fatal(err)
			}
			return b.String()
		}
		docs[i] = kept[i]()
	}
	var wg sync.WaitGroup
	for range 2 {
		wg.Go(func() {
			for _, a := range arts {
				if _, err := layout.Layout(context.Background(), a, layout.Options{Columns: 2}); err != nil {
					t.Error(err)
				}
			}
		})
	}
	wg.Wait()
	for i, a := range arts {
		if kept[i]() != docs[i] {
			t.Errorf("%s: its pages changed as other articles were laid out", a.Title)
		}
		if got := dump(t, a, layout.Options{}); got != docs[i] {
			t.Errorf("%s: laid out again after others, not as before", a.Title)
		}
	}
}
