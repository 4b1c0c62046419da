package layout_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/galleyprint/galley/internal/golden"
	"github.com/galleyprint/galley/layout"
	"github.com/galleyprint/galley/parse"
)

// TestGolden lays out every test article and compares the dump with
// testdata/articles/<case>/layout.golden. Run go test ./... -update to rewrite them,
// then review the diff like code.
func TestGolden(t *testing.T) {
	inputs, _ := filepath.Glob("../testdata/articles/*/input.*")
	if len(inputs) == 0 {
		t.Fatal("no test articles")
	}
	for _, in := range inputs {
		dir := filepath.Dir(in)
		t.Run(filepath.Base(dir), func(t *testing.T) {
			data, err := os.ReadFile(in)
			if err != nil {
				t.Fatal(err)
			}
			arts, err := parse.Parse(data, parse.Options{Name: filepath.Base(in)})
			if err != nil {
				t.Fatal(err)
			}
			doc, err := layout.Layout(context.Background(), arts[0], layout.Options{})
			if err != nil {
				t.Fatal(err)
			}
			var got bytes.Buffer
			if err := doc.Dump(&got); err != nil {
				t.Fatal(err)
			}
			golden.Check(t, filepath.Join(dir, "layout.golden"), got.Bytes())
		})
	}
}
