package layout_test

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/galleyprint/galley/layout"
	"github.com/galleyprint/galley/parse"
)

var update = flag.Bool("update", false, "rewrite the golden layout dumps")

// TestGolden lays out every test article and compares the dump with
// testdata/articles/<case>/layout.golden. Run with -update to rewrite them,
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
			golden := filepath.Join(dir, "layout.golden")
			if *update {
				if err := os.WriteFile(golden, got.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./layout -update to create it)", err)
			}
			if !bytes.Equal(got.Bytes(), want) {
				t.Errorf("layout differs from %s:\n%s\n(run go test ./layout -update and review the diff)", golden, firstDiff(string(want), got.String()))
			}
		})
	}
}

// firstDiff shows the first differing line of two dumps.
func firstDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(w) || i < len(g); i++ {
		var a, b string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			b = g[i]
		}
		if a != b {
			return "line " + strconv.Itoa(i+1) + ":\n- " + a + "\n+ " + b
		}
	}
	return ""
}
