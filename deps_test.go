package galley_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestImportsRunOneWay checks that the writers and the page model depend
// on the page model, not on the engine or what only the engine needs
// (hyphenation, YAML theme files, QR codes), as DESIGN.md's package table
// says.
func TestImportsRunOneWay(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list")
	}
	forbidden := []string{"galley/layout", "galley/hyphen", "galley/theme", "yaml", "rsc.io/qr"}
	for _, pkg := range []string{"./page", "./pdf", "./preview", "./media"} {
		out, err := exec.Command("go", "list", "-deps", pkg).CombinedOutput()
		if err != nil {
			t.Fatalf("go list -deps %s: %v\n%s", pkg, err, out)
		}
		for _, dep := range strings.Fields(string(out)) {
			for _, f := range forbidden {
				if strings.Contains(dep, f) {
					t.Errorf("%s imports %s", pkg, dep)
				}
			}
		}
	}
}
