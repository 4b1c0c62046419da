package fpdf

import (
	"strconv"
	"strings"
	"testing"
)

// TestMarkedContentInText: marked content begun inside a text object
// ends inside it, and fonts and fill colours set between keep the text
// object open, so that two marked-content sequences' text shares one
// text object, as the same text with no marked content does; marked
// content begun outside ends outside; and a text object closed inside
// marked content begun in it is an error of the document.
func TestMarkedContentInText(t *testing.T) {
	f := New("P", "pt", "A4", "")
	f.SetFont("Helvetica", "", 10)
	f.AddPage()
	f.BeginText()
	f.BeginMarkedContent("/TD <</MCID 0>> BDC")
	f.Text(10, 20, "a")
	f.EndMarkedContent()
	f.SetFont("Helvetica", "B", 10)
	f.SetFillColor(255, 0, 0)
	f.SetTextColor(255, 0, 0)
	f.BeginText()
	f.BeginMarkedContent("/TD <</MCID 1>> BDC")
	f.Text(60, 20, "b")
	f.EndMarkedContent()
	f.EndText()
	f.BeginMarkedContent("/Figure <</MCID 2>> BDC")
	f.Rect(0, 0, 5, 5, "F")
	f.Text(10, 40, "c")
	f.EndMarkedContent()
	got := f.pages[f.page].String()
	if f.Err() {
		t.Fatal(f.Error())
	}
	// in order, nothing between the pieces of a line
	want := []string{
		"BT\n/TD <</MCID 0>> BDC\n10 821.89 Td (a) Tj\nEMC\n/F", " 10 Tf\n",
		"1.000 0.000 0.000 rg\n/TD <</MCID 1>> BDC\n50 0 Td (b) Tj\nEMC\nET\n",
		"/Figure <</MCID 2>> BDC\n", " re f\n", "BT 10 801.89 Td (c) Tj\nET\nEMC\n",
	}
	at := 0
	for _, w := range want {
		i := strings.Index(got[at:], w)
		if i < 0 {
			t.Fatalf("no %q after byte %d of\n%s", w, at, got)
		}
		at += i + len(w)
	}

	f = New("P", "pt", "A4", "")
	f.SetFont("Helvetica", "", 10)
	f.AddPage()
	f.BeginText()
	f.BeginMarkedContent("/P <</MCID 0>> BDC")
	f.Text(10, 20, "a")
	f.Line(0, 0, 10, 10) // closes the text object: the P's EMC would follow ET
	if !f.Err() || !strings.Contains(f.Error().Error(), "marked content") {
		t.Errorf("a text object closed inside its marked content: error %v", f.Error())
	}
}

// TestBeginMarkedContentID: the marked content of a structure element
// begins as BeginMarkedContent of its operator begins it, inside a text
// object and outside.
func TestBeginMarkedContentID(t *testing.T) {
	page := func(begin func(f *Fpdf, tag string, mcid int)) string {
		f := New("P", "pt", "A4", "")
		f.SetFont("Helvetica", "", 10)
		f.AddPage()
		begin(f, "Figure", 7)
		f.Rect(0, 0, 5, 5, "F")
		f.EndMarkedContent()
		f.BeginText()
		begin(f, "P", 12345)
		f.Text(10, 20, "a")
		f.EndMarkedContent()
		f.Text(10, 40, "b")
		begin(f, "TD", 0)
		f.EndMarkedContent()
		if f.Err() {
			t.Fatal(f.Error())
		}
		return f.pages[f.page].String()
	}
	want := page(func(f *Fpdf, tag string, mcid int) {
		f.BeginMarkedContent("/" + tag + " <</MCID " + strconv.Itoa(mcid) + ">> BDC")
	})
	if got := page((*Fpdf).BeginMarkedContentID); got != want {
		t.Errorf("page\n%s\nwant\n%s", got, want)
	}
	if !strings.Contains(want, "BT\n/P <</MCID 12345>> BDC\n10 821.89 Td (a) Tj\nEMC\n") {
		t.Errorf("no marked text in a text object in\n%s", want)
	}
}
