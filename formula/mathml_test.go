package formula

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/galleyprint/galley/internal/golden"
)

// TestMathMLFixtures writes each TeX fixture of testdata/math/formulas as
// MathML and compares it with its .mml file, which the MathML reader's
// tests read (go test -update rewrites them).
func TestMathMLFixtures(t *testing.T) {
	files, err := filepath.Glob("../testdata/math/formulas/*.tex")
	if err != nil || len(files) < 40 {
		t.Fatalf("%d fixtures, %v", len(files), err)
	}
	for _, file := range files {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		f, err := ParseTeX(strings.TrimSpace(string(src)), true)
		if err != nil {
			t.Errorf("%s: %v", file, err)
			continue
		}
		golden.Check(t, strings.TrimSuffix(file, ".tex")+".mml", []byte(MathML(f)+"\n"))
	}
}
