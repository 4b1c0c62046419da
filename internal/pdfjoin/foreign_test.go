package pdfjoin

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/galleyprint/galley/internal/pdftext"
)

// minimalPDF assembles a PDF from numbered object bodies, computing the
// cross-reference table; object 1 is the catalog.
func minimalPDF(objs ...string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.6\n")
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<</Size %d /Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return b.Bytes()
}

func stream(s string) string { return fmt.Sprintf("<</Length %d>>\nstream\n%s\nendstream", len(s), s) }

// TestJoinForeignPart joins a PDF unlike fpdf's: a page tree two levels
// deep with inherited resources, MediaBox and Rotate, a stream with an
// indirect /Length, and annotations to keep and to drop.
func TestJoinForeignPart(t *testing.T) {
	content := "BT /F1 12 Tf 20 300 Td (Hello) Tj ET"
	part := minimalPDF(
		"<</Type /Catalog /Pages 2 0 R /Outlines 12 0 R>>",
		"<</Type /Pages /Kids [3 0 R] /Count 2 /MediaBox [0 0 300 400] /Rotate 90 /Resources <</Font <</F1 5 0 R>>>>>>",
		"<</Type /Pages /Parent 2 0 R /Kids [4 0 R 9 0 R] /Count 2>>",
		"<</Type /Page /Parent 3 0 R /Contents 6 0 R /Annots [<</Type /Annot /Subtype /Link /Rect [0 0 10 10] /Dest [9 0 R /Fit]>> 8 0 R"+
			" <</Type /Annot /Subtype /Widget /Rect [0 0 10 10] /FT /Btn>>"+
			" <</Type /Annot /Subtype /Link /Rect [0 0 10 10] /A <</S /GoTo /D [9 0 R /Fit]>>>>"+
			" <</Type /Annot /Subtype /Text /Rect [50 50 70 70] /Contents (a note) /P 4 0 R>>]>>",
		"<</Type /Font /Subtype /Type1 /BaseFont /Helvetica>>",
		fmt.Sprintf("<</Length 7 0 R>>\nstream\n%s\nendstream", content),
		fmt.Sprint(len(content)),
		"<</Type /Annot /Subtype /Link /Rect [20 280 80 300] /P 4 0 R /A <</S /URI /URI (https://example.org/)>>>>",
		"<</Type /Page /Parent 3 0 R /MediaBox [0 0 200 200] /Resources <</Font <</F1 10 0 R>>>> /Contents 11 0 R>>",
		"<</Type /Font /Subtype /Type1 /BaseFont /Courier>>",
		stream("BT /F1 10 Tf 10 100 Td (second) Tj ET"),
		"<</Type /Outlines /Count 0>>",
	)
	if _, err := pdftext.Read(part); err != nil {
		t.Fatalf("the part does not read: %v", err)
	}
	var buf bytes.Buffer
	j := New(&buf)
	if _, err := j.AddBlank(100, 100); err != nil {
		t.Fatal(err)
	}
	if first, err := j.Add(part); err != nil || first != 1 {
		t.Fatalf("Add = %d, %v", first, err)
	}
	if err := j.Close(Info{}); err != nil {
		t.Fatal(err)
	}
	book := buf.Bytes()
	if err := pdftext.Validate(book); err != nil {
		t.Errorf("pdfcpu validation: %v", err)
	}
	if !bytes.Contains(book, []byte("/Version /1.6")) {
		t.Error("the catalog does not raise the version to the part's 1.6")
	}
	if bytes.Contains(book, []byte("/Widget")) || bytes.Contains(book, []byte("/GoTo")) || bytes.Contains(book, []byte("/Fit")) {
		t.Error("a form field or an internal link of the part was copied")
	}
	d, err := pdftext.Read(book)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range d.Pages {
		got = append(got, fmt.Sprintf("%vx%v %q %v", p.Width, p.Height, p.Text(), p.Links))
	}
	want := "[100x100 \"\" [] 300x400 \"Hello\" [{https://example.org/ [20 280 80 300]}] 200x200 \"second\" []]"
	if fmt.Sprint(got) != want {
		t.Errorf("pages %v\nwant %v", got, want)
	}
	x := readContext(t, book)
	for i, rot := range []int{0, 90, 90} {
		_, _, attrs, err := x.PageDict(i+1, false)
		if err != nil {
			t.Fatal(err)
		}
		if attrs.Rotate != rot {
			t.Errorf("page %d rotated %d, want %d", i, attrs.Rotate, rot)
		}
	}
	if n := strings.Count(string(book), "/Subtype /Text"); n != 1 {
		t.Errorf("%d text annotations, want 1", n)
	}
	if out, err := tool(t, book, "qpdf", "--check", "PDF"); err != nil || strings.Contains(out, "WARNING") {
		t.Errorf("qpdf --check: %v\n%s", err, out)
	}
}
