package pdftext

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

func TestUnescape(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain", "abc", "abc"},
		{"named escapes", `\n\r\t\b\f`, "\n\r\t\b\f"},
		{"delimiters", `\(\)\\`, `()\`},
		{"octal three digits", `\101\102`, "AB"},
		{"octal one and two digits", `\0\12x`, "\x00\nx"},
		{"octal stops after three", `\1011`, "A1"},
		{"octal stops at non-octal", `\18`, "\x018"},
		{"octal overflow wraps", `\777`, "\xff"},
		{"unknown escape drops backslash", `\q`, "q"},
		{"line continuation LF", "a\\\nb", "ab"},
		{"line continuation CRLF", "a\\\r\nb", "ab"},
		{"bare CR reads as LF", "a\rb", "a\nb"},
		{"bare CRLF reads as LF", "a\r\nb", "a\nb"},
		{"bare LF kept", "a\nb", "a\nb"},
		{"trailing backslash", `a\`, "a"},
		{"utf16 bytes", "\x00\\(\x00\\)\x4e\x2d", "\x00(\x00)\x4e\x2d"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(Unescape([]byte(tt.in))); got != tt.want {
				t.Errorf("Unescape(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestUnescapeMatchesPdfcpu cross-checks the escapes fpdf writes against
// pdfcpu's own unescaping.
func TestUnescapeMatchesPdfcpu(t *testing.T) {
	for _, in := range []string{`\(x\)`, `\\`, `\r`, `\101\060`, "\x4e\x2d\\)\\\\"} {
		want, err := types.Unescape(in)
		if err != nil {
			t.Fatalf("pdfcpu Unescape(%q): %v", in, err)
		}
		if got := Unescape([]byte(in)); !bytes.Equal(got, want) {
			t.Errorf("Unescape(%q) = %q, pdfcpu says %q", in, got, want)
		}
	}
}

func TestUTF16BE(t *testing.T) {
	tests := []struct {
		name string
		in   []byte
		want string
		err  error
	}{
		{"empty", nil, "", nil},
		{"ascii", []byte{0, 'H', 0, 'i'}, "Hi", nil},
		{"latin and cjk", []byte{0, 0xe9, 0x4e, 0x2d}, "é中", nil},
		{"surrogate pair", []byte{0xd8, 0x3d, 0xde, 0x00}, "😀", nil},
		{"unpaired surrogate", []byte{0xd8, 0x3d, 0, 'a'}, "\uFFFDa", nil},
		{"odd length", []byte{0, 'a', 0}, "", ErrOddLength},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := UTF16BE(tt.in)
			if !errors.Is(err, tt.err) || got != tt.want {
				t.Errorf("UTF16BE(% x) = %q, %v; want %q, %v", tt.in, got, err, tt.want, tt.err)
			}
		})
	}
}

// fpdfToUnicode is the ToUnicode CMap fpdf v0.12.0 writes for every UTF-8
// font (utf8fontfile.go, const toUnicode).
const fpdfToUnicode = "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo\n<</Registry (Adobe)\n/Ordering (UCS)\n/Supplement 0\n>> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n1 beginbfrange\n<0000> <FFFF> <0000>\nendbfrange\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend"

func TestCMap(t *testing.T) {
	mixed := `1 begincodespacerange <00> <FF> endcodespacerange
2 beginbfchar <01> <0041> <02> <D83DDE00> endbfchar
2 beginbfrange <10> <12> <0061> <20> <21> [<0066006C> <00E9>] endbfrange`
	twoByte := "1 begincodespacerange <8000> <FFFF> endcodespacerange 1 begincodespacerange <00> <7F> endcodespacerange " +
		"1 beginbfrange <8141> <8142> <4E00> endbfrange 1 beginbfchar <41> <005A> endbfchar"
	tests := []struct {
		name, cmap string
		in         []byte
		want       string
	}{
		{"fpdf identity ascii", fpdfToUnicode, []byte{0, 'G', 0, 'o'}, "Go"},
		{"fpdf identity bmp", fpdfToUnicode, []byte{0x4e, 0x2d, 0x20, 0xac, 0xff, 0xfd}, "中€\uFFFD"},
		{"fpdf identity parens", fpdfToUnicode, []byte{0, '(', 0, ')'}, "()"},
		{"bfchar", mixed, []byte{1, 2}, "A😀"},
		{"bfrange counts up", mixed, []byte{0x10, 0x11, 0x12}, "abc"},
		{"bfrange array and ligature", mixed, []byte{0x20, 0x21}, "flé"},
		{"unmapped code", mixed, []byte{0x99}, "\uFFFD"},
		{"mixed code lengths", twoByte, []byte{0x41, 0x81, 0x42, 0x81, 0x41}, "Z丁一"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cm, err := parseCMap([]byte(tt.cmap))
			if err != nil {
				t.Fatal(err)
			}
			if got := cm.decode(tt.in); got != tt.want {
				t.Errorf("decode(% x) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestFallbackDecoders(t *testing.T) {
	tests := []struct {
		name string
		dec  decoder
		in   []byte
		want string
	}{
		{"identity-H", identityH{}, []byte{0, 'a', 0x4e, 0x2d}, "a中"},
		{"identity-H odd length", identityH{}, []byte{0, 'a', 0x20}, "a "},
		{"latin1", latin1{}, []byte("caf\xe9"), "café"},
	}
	for _, tt := range tests {
		if got := tt.dec.decode(tt.in); got != tt.want {
			t.Errorf("%s: decode(% x) = %q, want %q", tt.name, tt.in, got, tt.want)
		}
	}
}

func TestCMapMalformed(t *testing.T) {
	for _, in := range []string{
		"1 beginbfrange <00> <0000> <0041> endbfrange",
		"1 beginbfrange <00> <01> <00410> endbfrange",
		"1 beginbfchar <01> <004100> endbfchar",
		"1 beginbfchar <01> (unterminated",
	} {
		if _, err := parseCMap([]byte(in)); err == nil {
			t.Errorf("parseCMap(%q) succeeded, want an error", in)
		}
	}
}

func TestInterpret(t *testing.T) {
	content := `% comment
q 1 0 0 1 10 20 cm BT /F1 12 Tf 5 7 Td (a\(b\)) Tj ET Q
BT /F1 9 Tf 100 200 Td <4869> Tj 0 -10 Td [(x) -250 (y)] TJ 14 TL T* (z) Tj
2 0 0 2 50 60 Tm (m) Tj 3 Ts (r) Tj ET
q 10 0 0 10 0 0 cm BI /W 1 /H 1 /BPC 8 /CS /G ID ` + "\xffEI\x00" + ` EI /Im1 Do Q /X#20y Do
/Span <</MCID 0>> BDC BT /F1 1 Tf 0 Ts 5 TL 1 2 Td (k) ' ET EMC`
	got, xobjects, err := interpret([]byte(content), func(name string) (decoder, string, error) {
		if name != "F1" {
			return nil, "", fmt.Errorf("unknown font %s", name)
		}
		return latin1{}, "Base", nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []Word{
		{Text: "a(b)", X: 15, Y: 27, Font: "Base", Size: 12},
		{Text: "Hi", X: 100, Y: 200, Font: "Base", Size: 9},
		{Text: "xy", X: 100, Y: 190, Font: "Base", Size: 9},
		{Text: "z", X: 100, Y: 176, Font: "Base", Size: 9},
		{Text: "m", X: 50, Y: 60, Font: "Base", Size: 9},
		{Text: "r", X: 50, Y: 66, Font: "Base", Size: 9},
		{Text: "k", X: 1, Y: -3, Font: "Base", Size: 1},
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("interpret:\ngot  %v\nwant %v", got, want)
	}
	if fmt.Sprint(xobjects) != "[Im1 X y]" {
		t.Errorf("XObjects %q, want [Im1 X y]", xobjects)
	}
}

func TestInterpretErrors(t *testing.T) {
	font := func(string) (decoder, string, error) { return latin1{}, "", nil }
	for _, in := range []string{
		"(outside text) Tj",
		"BT /F1 1 Tf (unterminated Tj ET",
		"BT [(x) TJ ET",
		"BI /W 1 ID no end",
		"BT <zz> Tj ET",
	} {
		if _, _, err := interpret([]byte(in), font); err == nil {
			t.Errorf("interpret(%q) succeeded, want an error", in)
		}
	}
}

// minimalPDF assembles a PDF from numbered object bodies, computing the
// cross-reference table.
func minimalPDF(objs ...string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
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
	fmt.Fprintf(&b, "trailer\n<</Size %d /Root 1 0 R /Info 2 0 R>>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return b.Bytes()
}

func TestRead(t *testing.T) {
	content := "BT /F1 10 Tf 72 700 Td (Hello) Tj ET BT /F1 10 Tf 72 680 Td (world) Tj ET"
	pdf := minimalPDF(
		"<</Type /Catalog /Pages 3 0 R /Outlines 7 0 R>>",
		"<</Title (\xfe\xff\x00T\x00\xef\x00i) /Producer (test) /CreationDate (D:20240305103000Z)>>",
		"<</Type /Pages /Kids [4 0 R] /Count 1 /MediaBox [0 0 200 800]>>",
		"<</Type /Page /Parent 3 0 R /Resources <</Font <</F1 5 0 R>>>> /Contents 6 0 R"+
			" /Annots [<</Type /Annot /Subtype /Link /Rect [1 2 3 4] /A <</S /URI /URI (https://x.test/)>>>>]>>",
		"<</Type /Font /Subtype /Type1 /BaseFont /Helvetica>>",
		fmt.Sprintf("<</Length %d>>\nstream\n%s\nendstream", len(content), content),
		"<</Type /Outlines /First 8 0 R /Last 8 0 R>>",
		"<</Title (Top) /Parent 7 0 R /First 9 0 R /Last 9 0 R /Count 1 /Dest [4 0 R /XYZ 0 700 null]>>",
		"<</Title (Kid) /Parent 8 0 R /Dest [4 0 R /XYZ 0 680 null]>>",
	)
	if err := Validate(pdf); err != nil {
		t.Fatalf("Validate: %v", err)
	}
	doc, err := Read(pdf)
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Pages) != 1 {
		t.Fatalf("%d pages, want 1", len(doc.Pages))
	}
	p := doc.Pages[0]
	if p.Width != 200 || p.Height != 800 {
		t.Errorf("page size %vx%v, want 200x800", p.Width, p.Height)
	}
	if got := p.Text(); got != "Hello world" {
		t.Errorf("text %q, want %q", got, "Hello world")
	}
	if w := p.Words[1]; w.X != 72 || p.Top(w) != 120 || w.Font != "Helvetica" || w.Size != 10 {
		t.Errorf("second word %+v (top %v), want at 72,700 (top 120) in Helvetica 10", w, p.Top(w))
	}
	if len(p.Links) != 1 || p.Links[0].URI != "https://x.test/" || p.Links[0].Rect != [4]float64{1, 2, 3, 4} {
		t.Errorf("links %+v", p.Links)
	}
	if doc.Info["Title"] != "Tïi" || doc.Info["Producer"] != "test" {
		t.Errorf("info %v", doc.Info)
	}
	if d, err := doc.Date("CreationDate"); err != nil || !d.Equal(time.Date(2024, 3, 5, 10, 30, 0, 0, time.UTC)) {
		t.Errorf("CreationDate %v, %v", d, err)
	}
	wantOutline := []Bookmark{{"Top", 0, 0, 700}, {"Kid", 1, 0, 680}}
	if fmt.Sprint(doc.Outline) != fmt.Sprint(wantOutline) {
		t.Errorf("outline %v, want %v", doc.Outline, wantOutline)
	}
	if strings.Join(doc.Fonts, ",") != "Helvetica" || doc.FontFiles != 0 {
		t.Errorf("fonts %v, %d files", doc.Fonts, doc.FontFiles)
	}
}

func TestReadGarbage(t *testing.T) {
	for _, in := range [][]byte{nil, []byte("not a pdf"), []byte("%PDF-1.4\n1 0 obj <<")} {
		if _, err := Read(in); err == nil {
			t.Errorf("Read(%q) succeeded", in)
		}
		if err := Validate(in); err == nil {
			t.Errorf("Validate(%q) succeeded", in)
		}
	}
}
