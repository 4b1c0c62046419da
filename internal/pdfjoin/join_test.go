package pdfjoin

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/galleyprint/galley/internal/pdftext"
)

func TestJoin(t *testing.T) {
	book := joinTest(t, testParts(t))
	if err := pdftext.Validate(book); err != nil {
		t.Errorf("pdfcpu relaxed validation: %v", err)
	}
	if err := pdftext.ValidateStrict(book); err != nil {
		t.Errorf("pdfcpu strict validation: %v", err)
	}
	d, err := pdftext.Read(book)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Pages) != len(bookPages) {
		t.Fatalf("%d pages, want %d", len(d.Pages), len(bookPages))
	}
	sizes := []float64{841.89, 841.89, 792, 792, 841.89, 841.89, 841.89}
	for i, want := range bookPages {
		p := d.Pages[i]
		if got := p.Text(); got != want {
			t.Errorf("page %d text %q, want %q", i, got, want)
		}
		if !near(p.Height, sizes[i]) {
			t.Errorf("page %d is %v high, want %v", i, p.Height, sizes[i])
		}
		for _, w := range p.Words {
			if !near(p.Top(w), 100) {
				t.Errorf("page %d: %q at %v from the top, want 100", i, w.Text, p.Top(w))
			}
		}
		wantImages := map[int]bool{1: true, 2: true, 6: true}[i]
		if got := len(p.XObjects) == 1; got != wantImages {
			t.Errorf("page %d paints %v", i, p.XObjects)
		}
	}
	for i, url := range map[int]string{0: "https://example.com/alpha?a=(1)", 2: "https://example.com/beta?a=(1)", 4: "https://example.com/gamma?a=(1)"} {
		links := d.Pages[i].Links
		var uris []string
		for _, l := range links {
			if l.URI != "" {
				uris = append(uris, l.URI)
			}
		}
		if len(uris) != 1 || uris[0] != url {
			t.Errorf("page %d URI links %q, want %q", i, uris, url)
		}
		if top := d.Pages[i].Height - 90; !near(links[0].Rect[1], top) {
			t.Errorf("page %d link at %v, want y %v", i, links[0].Rect, top)
		}
	}
	for k, want := range map[string]string{"Title": bookInfo.Title, "Author": bookInfo.Author, "Subject": "Tests", "Producer": "galley", "Creator": "galley"} {
		if d.Info[k] != want {
			t.Errorf("Info %s = %q, want %q", k, d.Info[k], want)
		}
	}
	if date, err := d.Date("CreationDate"); err != nil || !date.Equal(fixedDate) {
		t.Errorf("CreationDate %v, %v; want %v", date, err, fixedDate)
	}
	if d.Lang != "en-GB" {
		t.Errorf("Lang %q", d.Lang)
	}
	if len(d.Outline) != len(wantOutline) {
		t.Fatalf("outline %+v, want %+v", d.Outline, wantOutline)
	}
	for i, w := range wantOutline {
		if g := d.Outline[i]; g.Title != w.Title || g.Level != w.Level || g.Page != w.Page || !near(g.Top, w.Top) {
			t.Errorf("bookmark %d = %+v, want %+v", i, g, w)
		}
	}
	// every part keeps its own subset fonts: 2 faces × 3 parts
	if d.FontFiles != 6 {
		t.Errorf("%d embedded font programs, want 6", d.FontFiles)
	}
	want := map[int][]string{
		0: {"page 5 [72 621.89 172 641.89] [XYZ 0 841.89 0]"},
		6: {"page 0 [10 821.89 60 831.89] [XYZ 0 841.89 0]"},
	}
	if got := internalLinks(t, book); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("internal links %v, want %v", got, want)
	}
}

func TestJoinDeterministic(t *testing.T) {
	parts := testParts(t)
	first := joinTest(t, parts)
	for range 3 {
		if again := joinTest(t, parts); !bytes.Equal(first, again) {
			t.Fatal("joining the same parts twice gives different bytes")
		}
	}
	// the ID depends on the content
	var buf bytes.Buffer
	j := New(&buf)
	if _, err := j.Add(parts[0]); err != nil {
		t.Fatal(err)
	}
	if err := j.Close(Info{Title: "Other"}); err != nil {
		t.Fatal(err)
	}
	id := func(b []byte) string { return string(b[bytes.LastIndex(b, []byte("/ID")):]) }
	if id(first) == id(buf.Bytes()) {
		t.Error("two different books have the same /ID")
	}
}

func TestJoinBadParts(t *testing.T) {
	good := article(t, "Good", a4, "good page")
	truncated := good[:len(good)/2]
	noPages := []byte("%PDF-1.4\n1 0 obj\n<</Type /Catalog /Pages 2 0 R>>\nendobj\n2 0 obj\n<</Type /Pages /Kids [] /Count 0>>\nendobj\n" +
		"xref\n0 3\n0000000000 65535 f \n0000000009 00000 n \n0000000058 00000 n \ntrailer\n<</Size 3 /Root 1 0 R>>\nstartxref\n107\n%%EOF\n")
	loop := []byte("%PDF-1.4\n1 0 obj\n<</Type /Catalog /Pages 2 0 R>>\nendobj\n2 0 obj\n<</Type /Pages /Kids [2 0 R] /Count 1>>\nendobj\n" +
		"xref\n0 3\n0000000000 65535 f \n0000000009 00000 n \n0000000058 00000 n \ntrailer\n<</Size 3 /Root 1 0 R>>\nstartxref\n112\n%%EOF\n")
	var buf bytes.Buffer
	j := New(&buf)
	if _, err := j.Add(good); err != nil {
		t.Fatal(err)
	}
	for name, part := range map[string][]byte{"empty": nil, "garbage": []byte("not a PDF at all"), "truncated": truncated, "no pages": noPages, "page tree loop": loop} {
		if _, err := j.Add(part); !errors.Is(err, ErrPart) {
			t.Errorf("%s: Add = %v, want an ErrPart", name, err)
		}
	}
	if first, err := j.Add(good); err != nil || first != 1 {
		t.Fatalf("Add after bad parts = %d, %v", first, err)
	}
	if err := j.Close(Info{}); err != nil {
		t.Fatal(err)
	}
	if err := pdftext.ValidateStrict(buf.Bytes()); err != nil {
		t.Errorf("the book is not valid after bad parts: %v", err)
	}
	if out, err := tool(t, buf.Bytes(), "qpdf", "--check", "PDF"); err != nil || strings.Contains(out, "WARNING") {
		t.Errorf("qpdf --check: %v\n%s", err, out)
	}
}

func TestJoinErrors(t *testing.T) {
	part := article(t, "P", a4, "one")
	tests := []struct {
		name string
		do   func(j *Joiner) error
	}{
		{"no pages", func(j *Joiner) error { return j.Close(Info{}) }},
		{"link to a page never added", func(j *Joiner) error {
			j.AddBlank(100, 100)
			j.Link(0, 0, 0, 10, 10, 1)
			return j.Close(Info{})
		}},
		{"link from a page never added", func(j *Joiner) error {
			j.AddBlank(100, 100)
			j.Link(-1, 0, 0, 10, 10, 0)
			return j.Close(Info{})
		}},
		{"bookmark on a page never added", func(j *Joiner) error {
			j.Add(part)
			j.Bookmark("x", 0, 5, 0)
			return j.Close(Info{})
		}},
		{"blank page of no size", func(j *Joiner) error { _, err := j.AddBlank(0, 100); return err }},
		{"blank page too large", func(j *Joiner) error { _, err := j.AddBlank(100, 1e6); return err }},
		{"add after close", func(j *Joiner) error {
			j.AddBlank(100, 100)
			if err := j.Close(Info{}); err != nil {
				return nil
			}
			if _, err := j.Add(part); !errors.Is(err, ErrClosed) {
				return nil
			}
			return j.Close(Info{})
		}},
		{"writer fails", func(j *Joiner) error {
			j.bw.Reset(failWriter{})
			_, err := j.Add(part)
			if err == nil {
				err = j.Close(Info{})
			}
			return err
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.do(New(io.Discard)); err == nil {
				t.Error("no error")
			}
		})
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestOutlineNesting(t *testing.T) {
	var buf bytes.Buffer
	j := New(&buf)
	for range 3 {
		j.AddBlank(200, 300)
	}
	type mark struct{ level, page int }
	marks := []mark{{1, 0}, {3, 0}, {2, 1}, {0, 1}, {0, 2}, {-1, 2}, {1, 2}, {1, 2}}
	for i, m := range marks {
		j.Bookmark(fmt.Sprintf("m%d", i), m.level, m.page, 10)
	}
	if err := j.Close(Info{Created: time.Date(2024, 3, 5, 10, 30, 0, 0, time.FixedZone("X", 3600))}); err != nil {
		t.Fatal(err)
	}
	if err := pdftext.ValidateStrict(buf.Bytes()); err != nil {
		t.Fatal(err)
	}
	d, err := pdftext.Read(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, b := range d.Outline {
		got = append(got, fmt.Sprintf("%s:%d@%d,%v", b.Title, b.Level, b.Page, b.Top))
	}
	want := "[m0:0@0,290 m1:1@0,290 m2:1@1,290 m3:0@1,290 m4:0@2,290 m5:0@2,290 m6:1@2,290 m7:1@2,290]"
	if fmt.Sprint(got) != want {
		t.Errorf("outline %v, want %v", got, want)
	}
	if date, err := d.Date("ModDate"); err != nil || !date.Equal(time.Date(2024, 3, 5, 9, 30, 0, 0, time.UTC)) {
		t.Errorf("ModDate %v, %v", date, err)
	}
}

func TestTextString(t *testing.T) {
	for in, want := range map[string]string{
		"plain":        "(plain)",
		`a(b)\c`:       `(a\(b\)\\c)`,
		"é":            "<feff00e9>",
		"😀":            "<feffd83dde00>",
		"tab\there":    "<feff00740061006200090068006500720065>",
		"bad\xffutf8":  "<feff006200610064fffd0075007400660038>",
		"":             "()",
		"Ünïcode — 中文": "<feff00dc006e00ef0063006f006400650020201400204e2d6587>",
	} {
		if got := textString(in).(interface{ PDFString() string }).PDFString(); got != want {
			t.Errorf("textString(%q) = %s, want %s", in, got, want)
		}
	}
}

func TestIsLanguageTag(t *testing.T) {
	for tag, want := range map[string]bool{
		"en": true, "en-GB": true, "zh-Hant-TW": true, "de-CH-1996": true,
		"": false, "e": false, "en_GB": false, "en-": false, "1en": false, "en)(x": false, "toolongsubtag": false,
	} {
		if got := isLanguageTag(tag); got != want {
			t.Errorf("isLanguageTag(%q) = %v", tag, got)
		}
	}
}
