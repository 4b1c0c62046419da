package galley_test

import (
	"go/ast"
	"go/doc"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
)

// TestExportedNamesDocumented: every package a user can import has a
// package comment, and every exported name in it a doc comment, as go doc
// and pkg.go.dev show them.
func TestExportedNamesDocumented(t *testing.T) {
	var dirs []string
	filepath.WalkDir(".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (p == "third_party" || p == "internal" || p == "testdata" || strings.HasPrefix(d.Name(), ".")) && p != "." {
			return filepath.SkipDir
		}
		if d.IsDir() {
			dirs = append(dirs, p)
		}
		return nil
	})
	for _, dir := range dirs {
		fset := token.NewFileSet()
		pkgs, err := parser.ParseDir(fset, dir, func(fi fs.FileInfo) bool {
			return !strings.HasSuffix(fi.Name(), "_test.go")
		}, parser.ParseComments)
		if err != nil {
			t.Fatal(err)
		}
		for name, pkg := range pkgs {
			if name == "main" {
				continue
			}
			d := doc.New(pkg, dir, 0)
			if strings.TrimSpace(d.Doc) == "" {
				t.Errorf("%s: no package documentation", dir)
			}
			missing := func(what, name string, docText string) {
				if strings.TrimSpace(docText) == "" {
					t.Errorf("%s: %s %s has no doc comment", dir, what, name)
				}
			}
			values := func(vs []*doc.Value) {
				for _, v := range vs {
					if strings.TrimSpace(v.Doc) != "" {
						continue
					}
					// a group without a comment needs one on each name
					for _, spec := range v.Decl.Specs {
						vs := spec.(*ast.ValueSpec)
						for _, n := range vs.Names {
							if n.IsExported() && vs.Doc.Text() == "" && vs.Comment.Text() == "" {
								t.Errorf("%s: %s has no doc comment", dir, n.Name)
							}
						}
					}
				}
			}
			values(d.Consts)
			values(d.Vars)
			for _, f := range d.Funcs {
				missing("func", f.Name, f.Doc)
			}
			for _, ty := range d.Types {
				missing("type", ty.Name, ty.Doc)
				values(ty.Consts)
				values(ty.Vars)
				for _, f := range ty.Funcs {
					missing("func", f.Name, f.Doc)
				}
				for _, m := range ty.Methods {
					if ast.IsExported(m.Name) {
						missing("method", ty.Name+"."+m.Name, m.Doc)
					}
				}
			}
		}
	}
}
