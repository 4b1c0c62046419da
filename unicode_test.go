package galley_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/galleyprint/galley"
	"github.com/galleyprint/galley/article"
	"github.com/galleyprint/galley/fonts"
	"github.com/galleyprint/galley/internal/pdftext"
)

// These tests read galley's PDFs with poppler (pdftotext, pdffonts) and
// MuPDF (mutool), and need installed fonts for what the embedded faces
// lack: Debian's poppler-utils, mupdf-tools, fonts-symbola (emoji),
// fonts-hanazono (CJK Extension B) and fonts-dejavu-core (Arabic
// presentation forms), which .ci/run installs. Where CI is set they fail
// when one is missing; elsewhere they skip.

// requireTool returns the path of an external program.
func requireTool(t *testing.T, name, pkg string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is not installed: CI must apt-get install %s", name, pkg)
		}
		t.Skipf("%s is not installed (apt-get install %s)", name, pkg)
	}
	return p
}

// requireFont checks that galley's font discovery finds an installed face
// for r, as an export would.
func requireFont(t *testing.T, r rune, pkg string) {
	t.Helper()
	set, err := fonts.Default()
	if err != nil {
		t.Fatal(err)
	}
	if set.Face(fonts.Serif, fonts.Regular).Has(r) || set.System.Face(r) != nil {
		return
	}
	if os.Getenv("CI") != "" {
		t.Fatalf("no installed font has %c %U: CI must apt-get install %s", r, r, pkg)
	}
	t.Skipf("no installed font has %c %U (apt-get install %s)", r, r, pkg)
}

// exportFile exports a to a PDF file in a temporary folder.
func exportFile(t *testing.T, a *article.Article, opts galley.Options) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "a.pdf")
	if err := os.WriteFile(path, export(t, a, opts), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// run runs an external program and returns its standard output.
func run(t *testing.T, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(name, args...).Output()
	if err != nil {
		msg := ""
		if e, ok := err.(*exec.ExitError); ok {
			msg = string(e.Stderr)
		}
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, msg)
	}
	return string(out)
}

// TestPrintsBeyondBMP prints characters beyond U+FFFF, which fpdf could
// not address (its CIDs were the code points), and reads them back with
// poppler and MuPDF: each must extract as itself and be drawn with a real
// glyph of the installed font that has it, not .notdef.
func TestPrintsBeyondBMP(t *testing.T) {
	pdftotext := requireTool(t, "pdftotext", "poppler-utils")
	mutool := requireTool(t, "mutool", "mupdf-tools")
	for _, c := range []struct {
		name, text string
		r          rune
		pkg        string
	}{
		{"emoji", "A grinning face \U0001F600 and a rocket \U0001F680 in one line.", '\U0001F680', "fonts-symbola"},
		{"CJK Extension B", "The surname \U00020BB7田 starts with a character beyond the BMP.", '\U00020BB7', "fonts-hanazono"},
		{"mathematical italic", "Solve for \U0001D465 and then for y.", '\U0001D465', "fonts-hanazono"},
	} {
		t.Run(c.name, func(t *testing.T) {
			requireFont(t, c.r, c.pkg)
			a := &article.Article{Title: "Beyond the plane", Body: []article.Block{{Kind: article.KindParagraph, Text: article.Plain(c.text)}}}
			path := exportFile(t, a, galley.Options{Fonts: installedFonts(t)})
			text := run(t, pdftotext, "-enc", "UTF-8", path, "-")
			if !strings.ContainsRune(text, c.r) {
				t.Errorf("pdftotext: %q lacks %c %U", text, c.r, c.r)
			}
			if strings.ContainsRune(text, '\uFFFD') {
				t.Errorf("pdftotext: %q has U+FFFD", text)
			}
			trace := run(t, mutool, "trace", path)
			glyph := regexp.MustCompile(`<g unicode="` + regexp.QuoteMeta(string(c.r)) + `" glyph="(\d+)"`).FindStringSubmatch(trace)
			if glyph == nil {
				t.Fatalf("mutool trace draws no %c %U", c.r, c.r)
			}
			if glyph[1] == "0" {
				t.Errorf("%c %U is drawn with glyph 0 (.notdef)", c.r, c.r)
			}
		})
	}
}

// subsetFont is a line of pdffonts naming an embedded subset: a tag of six
// capital letters, a plus sign and a PostScript name.
var subsetFont = regexp.MustCompile(`^[A-Z]{6}\+[!-~]+$`)

// TestSubsetTags lists the fonts of PDFs with pdffonts: every embedded
// font is a subset named TAG+PostScriptName, the same subset has the same
// tag in two exports, and different subsets of one font have different tags.
func TestSubsetTags(t *testing.T) {
	pdffonts := requireTool(t, "pdffonts", "poppler-utils")
	names := func(path string) []string {
		var out []string
		for i, line := range strings.Split(run(t, pdffonts, path), "\n") {
			if i < 2 || strings.TrimSpace(line) == "" {
				continue // the heading and its rule
			}
			f := strings.Fields(line)
			if len(f) < 7 || f[len(f)-5] != "yes" || f[len(f)-4] != "yes" {
				t.Errorf("pdffonts: %q is not an embedded subset", line)
				continue
			}
			if !subsetFont.MatchString(f[0]) {
				t.Errorf("pdffonts: %s has no six-letter subset tag", f[0])
			}
			out = append(out, f[0])
		}
		return out
	}
	one, two := longArticle(2), longArticle(2)
	two.Body = append(two.Body, article.Block{Kind: article.KindParagraph, Text: article.Plain("Ærøskøbing, Œuvre, Ŋ.")})
	first := names(exportFile(t, one, galley.Options{Fonts: installedFonts(t)}))
	again := names(exportFile(t, one, galley.Options{Fonts: installedFonts(t)}))
	other := names(exportFile(t, two, galley.Options{Fonts: installedFonts(t)}))
	if strings.Join(first, " ") != strings.Join(again, " ") {
		t.Errorf("the same article has subsets %v, then %v", first, again)
	}
	body := func(fonts []string) string {
		for _, n := range fonts {
			if strings.HasSuffix(n, "+NotoSerif-Regular") {
				return n
			}
		}
		t.Fatalf("no Noto Serif subset in %v", fonts)
		return ""
	}
	if body(first) == body(other) {
		t.Errorf("different subsets of Noto Serif share the name %s", body(first))
	}
}

// TestArabicExtracts prints testdata/rtl/arabic.md, whose Arabic galley
// draws in presentation forms, in visual order: pdftotext must give every
// word of it as written, in logical order, so that a search for "الميناء"
// finds it. MuPDF's text output, which keeps the drawing order (as it does
// for Hebrew), must hold the letters, not presentation forms: reversed,
// each of its lines reads as written.
func TestArabicExtracts(t *testing.T) {
	pdftotext := requireTool(t, "pdftotext", "poppler-utils")
	mutool := requireTool(t, "mutool", "mupdf-tools")
	requireFont(t, '\uFEFB', "fonts-dejavu-core")
	data, err := os.ReadFile("testdata/rtl/arabic.md")
	if err != nil {
		t.Fatal(err)
	}
	arts, err := galley.Parse(data, galley.ParseOptions{Name: "arabic.md"})
	if err != nil {
		t.Fatal(err)
	}
	for _, cols := range []int{1, 2} {
		path := exportFile(t, arts[0], galley.Options{Columns: cols, Fonts: installedFonts(t)})
		noControls := func(s string) string { // bidi embedding marks
			return strings.Map(func(r rune) rune {
				if unicode.Is(unicode.Cf, r) {
					return -1
				}
				return r
			}, s)
		}
		text := noControls(run(t, pdftotext, "-enc", "UTF-8", path, "-"))
		for _, w := range []string{"الميناء", "ليلا", "أضيئت", "العبارات"} {
			if !strings.Contains(text, w) {
				t.Errorf("%d columns: pdftotext finds no %q", cols, w)
			}
		}
		// words without their punctuation: the period that ends a
		// right-to-left sentence after Latin words ("… شركة Harbour
		// Works.") stands at their left, where pdftotext puts it before
		// them, as it does in Chromium's PDF
		var words []string
		for _, w := range strings.Fields(arts[0].PlainText()) {
			words = append(words, strings.TrimFunc(w, unicode.IsPunct))
		}
		if missing := missingWords(words, strings.Fields(text)); len(missing) > 0 {
			t.Errorf("%d columns: pdftotext lacks %d words, first %q", cols, len(missing), missing[:min(len(missing), 5)])
		}
		if strings.ContainsFunc(text, isPresentationForm) {
			t.Errorf("%d columns: pdftotext gives presentation forms", cols)
		}
		mu := run(t, mutool, "draw", "-q", "-F", "txt", path)
		if strings.ContainsFunc(mu, isPresentationForm) {
			t.Errorf("%d columns: mutool gives presentation forms", cols)
		}
		var reversed []string
		for _, line := range strings.Split(mu, "\n") {
			r := []rune(line)
			slices.Reverse(r)
			reversed = append(reversed, string(r))
		}
		if !strings.Contains(strings.Join(reversed, "\n"), "الميناء") {
			t.Errorf("%d columns: mutool's lines, reversed, lack الميناء", cols)
		}
	}
}

// TestMixedExtracts: Arabic and Hebrew inside English lines, and a
// paragraph of Arabic in an English article, are drawn in visual order,
// so that pdftotext, which puts each line's right-to-left characters back
// in reading order, gives their words as written, as it does for
// Chromium's PDF of the page.
func TestMixedExtracts(t *testing.T) {
	pdftotext := requireTool(t, "pdftotext", "poppler-utils")
	requireFont(t, '\uFEFB', "fonts-dejavu-core")
	requireFont(t, 'ש', "fonts-dejavu-core")
	page := `<html lang="en"><head><title>Harbour notes</title></head><body><article><h1>Harbour notes</h1>
<p>Arabic: الميناء مزدحم اليوم. End of line.</p>
<p dir="rtl">السفن كثيرة في الميناء</p>
<p>Hebrew: שלום עולם, and numbers 123 in it.</p>
<p>The ships waited outside the breakwater for most of the morning, and the pilots worked in pairs to bring them in before the tide turned.</p>
</article></body></html>`
	arts, err := galley.Parse([]byte(page), galley.ParseOptions{Name: "a.html"})
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Map(func(r rune) rune {
		if unicode.Is(unicode.Cf, r) { // bidi embedding marks
			return -1
		}
		return r
	}, run(t, pdftotext, "-enc", "UTF-8", exportFile(t, arts[0], galley.Options{Fonts: installedFonts(t)}), "-"))
	for _, want := range []string{"Arabic: الميناء مزدحم اليوم. End of line.", "السفن كثيرة في الميناء", "Hebrew: שלום עולם, and numbers 123 in it."} {
		if !strings.Contains(text, want) {
			t.Errorf("pdftotext gives no %q in\n%s", want, text)
		}
	}
}

func isPresentationForm(r rune) bool {
	return r >= 0xFB50 && r <= 0xFDFF || r >= 0xFE70 && r <= 0xFEFF
}

// TestLanguages checks the catalog's /Lang and the language of passages,
// read back with pdftext: a right-to-left article that does not say its
// language has the one its script shows; a block in another language
// (an HTML lang attribute) is marked with it; a book has the language of
// most of its articles, and an article in another is marked with its own.
func TestLanguages(t *testing.T) {
	read := func(name string) *article.Article {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		arts, err := galley.Parse(data, galley.ParseOptions{Name: filepath.Base(name)})
		if err != nil {
			t.Fatal(err)
		}
		return arts[0]
	}
	arabic, hebrew := read("testdata/rtl/arabic.md"), read("testdata/rtl/hebrew.md")
	for _, c := range []struct {
		a    *article.Article
		want string
	}{{arabic, "ar"}, {hebrew, "he"}} {
		d, err := pdftext.Read(export(t, c.a, galley.Options{Fonts: installedFonts(t)}))
		if err != nil {
			t.Fatal(err)
		}
		if d.Lang != c.want {
			t.Errorf("%s: /Lang %q, want %q", c.a.Title, d.Lang, c.want)
		}
	}

	page := `<html lang="en"><head><title>Harbour lights</title></head><body><article><h1>Harbour lights</h1>
<p>The lamps along the quay were lit again on Thursday, after a dark winter, and the harbour master said the cost was shared.</p>
<blockquote lang="fr"><p>Les lampes du quai ont été rallumées jeudi, après un hiver sombre, a dit le capitaine du port.</p></blockquote>
<p>Cafés stayed open later than in past years, and the work took three months, according to the company.</p></article></body></html>`
	arts, err := galley.Parse([]byte(page), galley.ParseOptions{Name: "a.html"})
	if err != nil {
		t.Fatal(err)
	}
	english := arts[0]
	out := export(t, english, galley.Options{Fonts: installedFonts(t)})
	if d, err := pdftext.Read(out); err != nil || d.Lang != "en" {
		t.Errorf("/Lang %q (%v), want en", d.Lang, err)
	}
	if n := strings.Count(pageContents(t, out), "/Span <</Lang (fr)>> BDC"); n == 0 {
		t.Errorf("the French quotation is not marked as French")
	}

	var book bytes.Buffer
	if _, err := galley.ExportBook(context.Background(), &book, galley.Articles{english, arabic, english}, galley.BookOptions{Options: galley.Options{Fonts: installedFonts(t)}, Jobs: 1}); err != nil {
		t.Fatal(err)
	}
	if d, err := pdftext.Read(book.Bytes()); err != nil || d.Lang != "en" {
		t.Errorf("book /Lang %q (%v), want en, the language of two of its three articles", d.Lang, err)
	}
	if !strings.Contains(pageContents(t, book.Bytes()), "/Span <</Lang (ar)>> BDC") {
		t.Errorf("the Arabic article of the book is not marked as Arabic")
	}
}

// pageContents returns the content streams of every page of pdf, decoded
// by qpdf.
func pageContents(t *testing.T, pdf []byte) string {
	t.Helper()
	qpdf := requireTool(t, "qpdf", "qpdf")
	path := filepath.Join(t.TempDir(), "in.pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	return run(t, qpdf, "--qdf", "--object-streams=disable", path, "-")
}

// installedFonts are the fonts installed on the machine, which these
// tests print scripts the embedded faces lack in.
func installedFonts(t testing.TB) *galley.Fonts {
	t.Helper()
	f, err := galley.NewFonts(nil, true)
	if err != nil {
		t.Fatal(err)
	}
	return f
}
