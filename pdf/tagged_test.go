package pdf

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/galleyprint/galley/page"
)

// taggedDoc is a page with a heading, a paragraph with a link, a French
// passage and a hyphenated word, a figure, a running head and a rule.
func taggedDoc(t *testing.T) *page.Document {
	sr := serif(t)
	var s page.Structure
	art := s.Add("Art", 0)
	h1 := s.Add("H1", art)
	p := s.Add("P", art)
	fig := s.Add("Figure", art)
	s.Get(fig).Alt = "A heron"
	span := s.Add("Span", p)
	s.Get(span).ActualText, s.Get(span).Inline = "hyphenated", true
	in := func(it page.Item, e int32) page.Item { it.Tag.Elem = e; return it }
	hyph := in(word(sr, 72, 130, "hyphen-"), span)
	rest := in(word(sr, 72, 145, "ated"), span)
	fr := in(word(sr, 120, 145, "bonjour"), p)
	fr.SetLang("fr", nil)
	head := word(sr, 72, 30, "Running head")
	head.Role, head.Tag = page.RoleFurniture, page.Tag{Artifact: true, Pagination: true}
	img := imageItem("a", 72, 400)
	img.Tag.Elem = fig
	doc := &page.Document{
		Info: page.Info{Title: "Tagged", Language: "en", Profile: string(ProfileA2A)},
		Pages: []*page.Page{onePage(head, in(word(sr, 72, 72, "Heading"), h1), in(word(sr, 72, 100, "Body"), p),
			page.Item{Kind: page.ItemLink, X: page.Pt(72), Y: page.Pt(90), W: page.Pt(30), H: page.Pt(12), More: &page.ItemMore{URL: "https://example.com/"}, Tag: page.Tag{Elem: p}},
			hyph, rest, fr,
			page.Item{Kind: page.ItemLine, X: page.Pt(72), Y: page.Pt(330), W: page.Pt(30), Stroke: page.Pt(0.5)}, img)},
		Images:    map[string]*page.Image{"a": pngImage(t, "a", 8, 8)},
		Structure: s,
	}
	return doc
}

// TestWriteTagged checks the marked content of a tagged page: each
// element's content one sequence with an MCID (a passage in another
// language nested inside it), the running head a pagination artifact,
// the rule an artifact, and the tree's objects: the two halves of a
// hyphenated word a Span with its actual text, read between the
// paragraph's content before and after it.
func TestWriteTagged(t *testing.T) {
	out := write(t, taggedDoc(t))
	c := pageContent(t, out, 1)
	out = withObjectStreams(t, out)
	for _, want := range []string{
		"/Artifact <</Type /Pagination>> BDC",
		"/H1 <</MCID 0>> BDC",
		"/P <</MCID 1>> BDC",
		"/Span <</MCID 2>> BDC",
		"/P <</MCID 3>> BDC",
		"/Span <</Lang (fr)>> BDC",
		"/Artifact BMC",
		"/Figure <</MCID 4>> BDC",
	} {
		if !strings.Contains(c, want) {
			t.Errorf("page content lacks %s:\n%s", want, c)
		}
	}
	if strings.Count(c, "BDC")+strings.Count(c, "BMC") != strings.Count(c, "EMC") {
		t.Errorf("unbalanced marked content:\n%s", c)
	}
	// the French word is inside the paragraph's sequence
	p := strings.Index(c, "/P <</MCID 3>> BDC")
	if fr := strings.Index(c, "/Span <</Lang (fr)>> BDC"); fr < p || strings.Contains(c[p:fr], "EMC\nEMC") {
		t.Errorf("the passage in French is not inside its paragraph:\n%s", c)
	}
	for _, re := range []string{
		`/Type /StructTreeRoot /K \d+ 0 R /ParentTree \d+ 0 R /ParentTreeNextKey 2`,
		`/S /Figure /P \d+ 0 R /Pg \d+ 0 R /Alt \(A heron\)`,
		`/S /Span /P \d+ 0 R /Pg \d+ 0 R /ActualText \(hyphenated\) /K \[2 \]`,
		`/S /P /P \d+ 0 R /Pg \d+ 0 R /K \[1 \d+ 0 R 3 \d+ 0 R \]`,
		`/S /Link /P \d+ 0 R /K \[<</Type /OBJR /Obj \d+ 0 R /Pg \d+ 0 R>> \]`,
		`/StructParents 0 /Tabs /S`,
		`/StructParent 1 /A`,
		`/MarkInfo <</Marked true>>`,
		`<pdfuaid:part>1</pdfuaid:part>`,
	} {
		if !regexp.MustCompile(re).Match(out) {
			t.Errorf("the PDF lacks %s", re)
		}
	}
}

// TestWriteTaggedPDFACheck runs ../shared/tools/pdfa-check, when it is
// there (CI has it), on the tagged page.
func TestWriteTaggedPDFACheck(t *testing.T) {
	tool, _ := filepath.Abs("../../shared/tools/pdfa-check")
	if _, err := os.Stat(tool); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("pdfa-check: %v", err)
		}
		t.Skip("no pdfa-check")
	}
	file := filepath.Join(t.TempDir(), "tagged.pdf")
	if err := os.WriteFile(file, write(t, taggedDoc(t)), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("/usr/bin/python3", tool, file).CombinedOutput(); err != nil {
		t.Errorf("pdfa-check: %v\n%s", err, out)
	}
}

// TestTagTreeElem: items name the elements of their own document's
// structure; a number beyond it (a document imposed without its
// structure, say) names none, not another document's element.
func TestTagTreeElem(t *testing.T) {
	tr := newTagTree()
	var s page.Structure
	s.Add("Art", 0)
	s.Add("P", 1)
	tr.begin(s, "Part", false)
	tr.begin(s, "Part", false)
	if got := tr.elem(2); got < 0 || tr.nodes[got].typ != "P" || tr.nodes[tr.nodes[got].parent].parent != 4 {
		t.Errorf("elem 2 of the second document is node %d", got)
	}
	for _, n := range []int32{0, 3, -1} {
		if got := tr.elem(n); got != -1 {
			t.Errorf("elem(%d) = %d, want -1", n, got)
		}
	}
	tr.begin(nil, "", false)
	if got := tr.elem(1); got != -1 {
		t.Errorf("elem 1 of a document without structure = %d, want -1", got)
	}
}

// TestWriteTableAttributes: a table cell's Table attributes are its
// header scope and the rows and columns it spans, when more than one.
func TestWriteTableAttributes(t *testing.T) {
	for _, c := range []struct {
		nd   node
		want string
	}{
		{node{typ: "TD"}, ""},
		{node{typ: "TD", rowSpan: 1, colSpan: 1}, ""},
		{node{typ: "TH", scope: "Column"}, " /A <</O /Table /Scope /Column>>"},
		{node{typ: "TH", scope: "Row", rowSpan: 2}, " /A <</O /Table /Scope /Row /RowSpan 2>>"},
		{node{typ: "TD", rowSpan: 3, colSpan: 2}, " /A <</O /Table /RowSpan 3 /ColSpan 2>>"},
		{node{typ: "TH", scope: "Sideways"}, ""},
	} {
		if got := string(appendTableAttributes([]byte("<<"), &c.nd)); got != "<<"+c.want {
			t.Errorf("%+v: %q, want %q", c.nd, got, "<<"+c.want)
		}
	}
}
