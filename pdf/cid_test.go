package pdf

import (
	"bytes"
	"regexp"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"

	"github.com/galleyprint/galley/page"
)

// cidFont is what a test needs of one embedded CID font.
type cidFont struct {
	name     string // BaseFont
	gidMap   []byte // the decoded /CIDToGIDMap stream
	widths   types.Array
	toUni    string // the decoded /ToUnicode CMap
	ordering string // of /CIDSystemInfo
}

// cidFonts reads the CIDFontType2 fonts of pdf with pdfcpu.
func cidFonts(t *testing.T, pdf []byte) []cidFont {
	t.Helper()
	conf := model.NewDefaultConfiguration()
	conf.ValidationMode = model.ValidationRelaxed
	ctx, err := api.ReadContext(bytes.NewReader(pdf), conf)
	if err != nil {
		t.Fatal(err)
	}
	x := ctx.XRefTable
	stream := func(o types.Object) []byte {
		sd, _, err := x.DereferenceStreamDict(o)
		if err != nil || sd == nil {
			t.Fatalf("not a stream: %v (%v)", o, err)
		}
		if err := sd.Decode(); err != nil {
			t.Fatal(err)
		}
		return sd.Content
	}
	var out []cidFont
	for _, e := range x.Table {
		if e == nil || e.Free {
			continue
		}
		d, ok := e.Object.(types.Dict)
		if !ok || d.Subtype() == nil || *d.Subtype() != "Type0" {
			continue
		}
		desc, err := x.DereferenceArray(d["DescendantFonts"])
		if err != nil || len(desc) != 1 {
			t.Fatalf("DescendantFonts %v: %v", d["DescendantFonts"], err)
		}
		cf, err := x.DereferenceDict(desc[0])
		if err != nil {
			t.Fatal(err)
		}
		w, err := x.DereferenceArray(cf["W"])
		if err != nil {
			t.Fatal(err)
		}
		info, err := x.DereferenceDict(cf["CIDSystemInfo"])
		if err != nil {
			t.Fatal(err)
		}
		ordering, _ := info["Ordering"].(types.StringLiteral)
		out = append(out, cidFont{name: *d.NameEntry("BaseFont"), gidMap: stream(cf["CIDToGIDMap"]), widths: w,
			toUni: string(stream(d["ToUnicode"])), ordering: ordering.Value()})
	}
	return out
}

// TestWriteCIDs checks galley's own CID numbering in the vendored fpdf
// (which used each code point as its CID): CIDs are numbered from 1 in
// order of first use, so /CIDToGIDMap and /W cover the characters used
// and no more, whatever their code points; /ToUnicode maps each CID back,
// with surrogate pairs beyond U+FFFF.
func TestWriteCIDs(t *testing.T) {
	sr := serif(t)
	doc := &page.Document{Pages: []*page.Page{onePage(word(sr, 72, 72, "aab"), word(sr, 72, 90, "\U00020000a\uFFFC"))}}
	fonts := cidFonts(t, write(t, doc))
	if len(fonts) != 1 {
		t.Fatalf("%d CID fonts, want 1", len(fonts))
	}
	f := fonts[0]
	// a, b, U+20000, U+FFFC: CIDs 1 to 4, and CID 0
	if len(f.gidMap) != 2*5 {
		t.Errorf("CIDToGIDMap has %d bytes, want 10: two for each of CIDs 0 to 4", len(f.gidMap))
	}
	if f.gidMap[2] == 0 && f.gidMap[3] == 0 {
		t.Errorf("CID 1 (a) maps to glyph 0")
	}
	if f.ordering != "Identity" {
		t.Errorf("CIDSystemInfo Ordering %q, want Identity: the CIDs are galley's, not a character collection's", f.ordering)
	}
	if first, ok := f.widths[0].(types.Integer); !ok || first != 1 || len(f.widths) != 2 {
		t.Errorf("/W %v, want one list from CID 1", f.widths)
	} else if list, ok := f.widths[1].(types.Array); !ok || len(list) != 4 {
		t.Errorf("/W %v, want the widths of CIDs 1 to 4", f.widths)
	}
	for _, m := range []string{"<0001> <0061>", "<0002> <0062>", "<0003> <D840DC00>", "<0004> <FFFC>"} {
		if !bytes.Contains([]byte(f.toUni), []byte(m)) {
			t.Errorf("ToUnicode lacks %s:\n%s", m, f.toUni)
		}
	}
	if !regexp.MustCompile(`^[A-Z]{6}\+NotoSerif-Regular$`).MatchString(f.name) {
		t.Errorf("BaseFont %s, want a subset tag and the PostScript name", f.name)
	}
}

// TestWriteArabicToUnicode checks that Arabic presentation forms, which
// layout draws for shaped Arabic, map back to the letters they show, a
// ligature's in visual order, as right-to-left text is drawn.
func TestWriteArabicToUnicode(t *testing.T) {
	// "لا" shaped: the lam-alef ligature, isolated; then alef final
	doc := &page.Document{Pages: []*page.Page{onePage(word(serif(t), 72, 72, "\uFEFB\uFE8E"))}}
	f := cidFonts(t, write(t, doc))[0]
	for _, m := range []string{"<0001> <06270644>", "<0002> <0627>"} {
		if !bytes.Contains([]byte(f.toUni), []byte(m)) {
			t.Errorf("ToUnicode lacks %s:\n%s", m, f.toUni)
		}
	}
}
