package pdfjoin

import (
	"regexp"
	"strings"
	"testing"
)

// The tests here check the book with other PDF implementations: qpdf,
// poppler and MuPDF. They are skipped where the tools are not installed.

func TestQpdfCheck(t *testing.T) {
	out, err := tool(t, joinTest(t, testParts(t)), "qpdf", "--check", "PDF")
	if err != nil || strings.Contains(out, "WARNING") || !strings.Contains(out, "No syntax or stream encoding errors found") {
		t.Errorf("qpdf --check: %v\n%s", err, out)
	}
	t.Logf("qpdf --check:\n%s", out)
}

func TestPdftotext(t *testing.T) {
	out, err := tool(t, joinTest(t, testParts(t)), "pdftotext", "-enc", "UTF-8", "PDF", "-")
	if err != nil {
		t.Fatalf("pdftotext: %v\n%s", err, out)
	}
	pages := strings.Split(out, "\f")
	if len(pages) != len(bookPages)+1 { // a form feed ends every page
		t.Fatalf("pdftotext finds %d pages, want %d:\n%s", len(pages)-1, len(bookPages), out)
	}
	for i, want := range bookPages {
		if got := strings.Join(strings.Fields(pages[i]), " "); got != want {
			t.Errorf("pdftotext page %d: %q, want %q", i, got, want)
		}
	}
}

func TestPdfinfo(t *testing.T) {
	out, err := tool(t, joinTest(t, testParts(t)), "pdfinfo", "PDF")
	if err != nil {
		t.Fatalf("pdfinfo: %v\n%s", err, out)
	}
	for _, want := range []string{`(?m)^Pages:\s+7$`, `(?m)^Title:\s+The Book — 2024$`, `(?m)^Author:\s+Ann \(ed\.\)$`, `(?m)^Producer:\s+galley$`} {
		if !regexp.MustCompile(want).MatchString(out) {
			t.Errorf("pdfinfo output does not match %s:\n%s", want, out)
		}
	}
	if strings.Contains(out, "Syntax") {
		t.Errorf("pdfinfo complains:\n%s", out)
	}
}

func TestMutoolRenders(t *testing.T) {
	dir := t.TempDir()
	out, err := tool(t, joinTest(t, testParts(t)), "mutool", "draw", "-q", "-r", "20", "-o", dir+"/page%d.png", "PDF")
	if err != nil {
		t.Fatalf("mutool draw: %v\n%s", err, out)
	}
	for _, line := range strings.Split(out, "\n") {
		// a MuPDF built without ICC support says so; nothing else is expected
		if l := strings.ToLower(line); strings.Contains(l, "error") || strings.Contains(l, "warning") && !strings.Contains(l, "icc support") {
			t.Errorf("mutool: %s", line)
		}
	}
	out, err = tool(t, joinTest(t, testParts(t)), "mutool", "show", "PDF", "outline")
	if err != nil || strings.Count(out, "\n") != len(wantOutline) {
		t.Errorf("mutool show outline: %v\n%s", err, out)
	}
}
