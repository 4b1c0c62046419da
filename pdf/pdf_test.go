package pdf

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"math"
	"regexp"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/galleyprint/galley/fonts"
	"github.com/galleyprint/galley/internal/pdftext"
	"github.com/galleyprint/galley/page"
)

var a4 = page.Size{W: page.Pt(595.28), H: page.Pt(841.89)}

func face(t testing.TB, fam fonts.Family, st fonts.Style) *fonts.Face {
	t.Helper()
	set, err := fonts.Default()
	if err != nil {
		t.Fatal(err)
	}
	return set.Face(fam, st)
}

func serif(t testing.TB) *fonts.Face { return face(t, fonts.Serif, fonts.Regular) }

// word is a text item at (x, y) points in f at 11pt.
func word(f *fonts.Face, x, y float64, s string) page.Item {
	return page.Item{Kind: page.ItemText, X: page.Pt(x), Y: page.Pt(y), Text: s, Face: f, Size: page.Pt(11)}
}

func onePage(items ...page.Item) *page.Page { return &page.Page{Size: a4, Items: items} }

// write writes doc and checks that the output validates.
func write(t testing.TB, doc *page.Document) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(context.Background(), &buf, doc); err != nil {
		t.Fatalf("Write: %v", err)
	}
	if err := pdftext.Validate(buf.Bytes()); err != nil {
		t.Fatalf("pdfcpu validation: %v", err)
	}
	return buf.Bytes()
}

func read(t testing.TB, pdf []byte) *pdftext.Document {
	t.Helper()
	d, err := pdftext.Read(pdf)
	if err != nil {
		t.Fatalf("reading the PDF back: %v", err)
	}
	return d
}

func near(a, b float64) bool { return math.Abs(a-b) < 0.006 } // fpdf writes 2 decimals

func TestWriteTextLayer(t *testing.T) {
	sr, sb, si := serif(t), face(t, fonts.Serif, fonts.Bold), face(t, fonts.Serif, fonts.Italic)
	sans, mono := face(t, fonts.Sans, fonts.Regular), face(t, fonts.Mono, fonts.Regular)
	tests := []struct {
		name  string
		pages []*page.Page
	}{
		{"one word", []*page.Page{onePage(word(sr, 72, 72, "Hello"))}},
		{"words in several faces", []*page.Page{onePage(
			word(sr, 72, 100, "The"), word(sb, 92.5, 100, "quick"), word(si, 125.25, 100, "brown"),
			word(sans, 72, 114, "fox"), word(mono, 90.015625, 114, "jumps()"))}},
		{"PDF string delimiters and escapes", []*page.Page{onePage(
			word(sr, 72, 100, `(parens)`), word(sr, 72, 120, `back\slash`), word(sr, 72, 140, "tab\tcr\rlf\n"),
			word(sr, 72, 160, `\(\)\\`), word(sr, 72, 180, "\x00nul"))}},
		{"accents, dashes and quotes", []*page.Page{onePage(
			word(sr, 72, 100, "Café"), word(sr, 110, 100, "naïve—“quoted”"), word(sr, 72, 120, "Ωμέγα"), word(sr, 72, 140, "Привет"))}},
		{"BMP runes no face has", []*page.Page{onePage(word(sr, 72, 100, "中文"), word(sr, 72, 120, "\u0a0a\u0d0d\u2028"))}},
		{"several pages and sizes", []*page.Page{
			onePage(word(sr, 72, 72, "one")),
			{Size: page.Size{W: page.Pt(612), H: page.Pt(792)}, Items: []page.Item{word(sr, 36, 700, "two")}},
			onePage(word(sr, 300, 800, "three"), word(sr, 72, 20, "four")),
		}},
		{"text among other items", []*page.Page{onePage(
			page.Item{Kind: page.ItemRect, X: page.Pt(70), Y: page.Pt(90), W: page.Pt(100), H: page.Pt(20), Color: page.LightGrey},
			word(sr, 72, 100, "boxed"),
			page.Item{Kind: page.ItemLine, X: page.Pt(72), Y: page.Pt(104), W: page.Pt(30), Stroke: page.Pt(0.5), Color: page.MidGrey},
			page.Item{Kind: page.ItemLink, X: page.Pt(72), Y: page.Pt(90), W: page.Pt(30), H: page.Pt(12), More: &page.ItemMore{URL: "https://example.com/"}},
			page.Item{Kind: page.ItemText, X: page.Pt(72), Y: page.Pt(120), Text: "grey", Face: sr, Size: page.Pt(8), Color: page.DarkGrey},
		)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := read(t, write(t, &page.Document{Pages: tt.pages}))
			if len(got.Pages) != len(tt.pages) {
				t.Fatalf("%d pages, want %d", len(got.Pages), len(tt.pages))
			}
			for i, want := range tt.pages {
				gp := got.Pages[i]
				if !near(gp.Width, want.Size.W.Points()) || !near(gp.Height, want.Size.H.Points()) {
					t.Errorf("page %d is %vx%v, want %vx%v", i+1, gp.Width, gp.Height, want.Size.W, want.Size.H)
				}
				var items []page.Item
				for _, it := range want.Items {
					if it.Kind == page.ItemText {
						items = append(items, it)
					}
				}
				if len(gp.Words) != len(items) {
					t.Fatalf("page %d: %d words %q, want %d", i+1, len(gp.Words), gp.Text(), len(items))
				}
				for k, it := range items {
					w := gp.Words[k]
					if w.Text != it.Text {
						t.Errorf("page %d word %d: %q, want %q", i+1, k+1, w.Text, it.Text)
					}
					if !near(w.X, it.X.Points()) || !near(gp.Top(w), it.Y.Points()) {
						t.Errorf("page %d word %q at %v,%v from the top, want %v,%v", i+1, w.Text, w.X, gp.Top(w), it.X.Points(), it.Y.Points())
					}
					if !isSubsetOf(w.Font, it.Face) || !near(w.Size, it.Size.Points()) {
						t.Errorf("page %d word %q in %s %v, want a subset of %s at %v", i+1, w.Text, w.Font, w.Size, it.Face.Name(), it.Size.Points())
					}
				}
				if gp.Text() != want.Text() {
					t.Errorf("page %d text %q, layout says %q", i+1, gp.Text(), want.Text())
				}
			}
		})
	}
}

// TestWriteStrictlyValid checks the parts of the output that pass pdfcpu's
// strict validation (links and nested outlines do not; see pdftext.Validate).
func TestWriteStrictlyValid(t *testing.T) {
	doc := &page.Document{
		Info: page.Info{Title: "Strict", Author: "A", Language: "en-GB"},
		Pages: []*page.Page{onePage(word(serif(t), 72, 72, "Hello (world)"), imageItem("png", 72, 100), imageItem("jpg", 72, 200)),
			onePage(word(face(t, fonts.Sans, fonts.Bold), 72, 72, "two"))},
		Images: map[string]*page.Image{"png": pngImage(t, "png", 4, 3), "jpg": jpegImage(t, "jpg", 5, 3)},
	}
	if err := pdftext.ValidateStrict(write(t, doc)); err != nil {
		t.Error(err)
	}
}

// richDocument uses every item kind, two faces, links, an outline and
// images of the given pixel sizes, keyed "a", "b"…; the last is a JPEG.
func richDocument(t testing.TB, sizes ...image.Point) *page.Document {
	sr, sb := serif(t), face(t, fonts.Sans, fonts.Bold)
	doc := &page.Document{
		Info: page.Info{Title: "Rich", Author: "Ann", Created: time.Date(2024, 3, 5, 10, 30, 0, 0, time.UTC)},
		Pages: []*page.Page{
			onePage(word(sb, 72, 72, "Heading"), word(sr, 72, 100, "Body"),
				page.Item{Kind: page.ItemLink, X: page.Pt(72), Y: page.Pt(90), W: page.Pt(30), H: page.Pt(12), More: &page.ItemMore{URL: "https://example.com/"}},
				page.Item{Kind: page.ItemRect, X: page.Pt(70), Y: page.Pt(300), W: page.Pt(100), H: page.Pt(20), Color: page.LightGrey},
				page.Item{Kind: page.ItemLine, X: page.Pt(72), Y: page.Pt(330), W: page.Pt(30), Stroke: page.Pt(0.5)}),
			onePage(word(sr, 72, 72, "Page two")),
		},
		Outline: []page.Bookmark{{Title: "Rich", Level: 0}, {Title: "Part", Level: 1, Page: 1, Y: page.Pt(60)}},
		Images:  map[string]*page.Image{},
	}
	for i, sz := range sizes {
		key := string(rune('a' + i))
		if i == len(sizes)-1 {
			doc.Images[key] = jpegImage(t, key, sz.X, sz.Y)
		} else {
			doc.Images[key] = pngImage(t, key, sz.X, sz.Y)
		}
		pg := doc.Pages[i%2]
		pg.Items = append(pg.Items, imageItem(key, 72+50*float64(i), 400))
	}
	return doc
}

func TestWriteDeterministic(t *testing.T) {
	tests := []struct {
		name   string
		images []image.Point
	}{
		{"no images", nil},
		{"images of different widths", []image.Point{{8, 8}, {9, 4}, {7, 2}}},
		// fpdf's catalog sort ordered images by width alone, over map
		// order; internal/fpdf breaks ties by key
		{"images of the same width", []image.Point{{8, 8}, {8, 4}, {8, 2}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := richDocument(t, tt.images...)
			first := write(t, doc)
			for i := range 20 {
				if again := write(t, doc); !bytes.Equal(first, again) {
					t.Fatalf("write %d differs from the first (%d and %d bytes)", i+2, len(first), len(again))
				}
			}
			var wg sync.WaitGroup
			out := make([][]byte, 4)
			errs := make([]error, len(out))
			for i := range out {
				wg.Go(func() {
					var buf bytes.Buffer
					errs[i] = Write(context.Background(), &buf, doc)
					out[i] = buf.Bytes()
				})
			}
			wg.Wait()
			for i := range out {
				if errs[i] != nil {
					t.Fatalf("concurrent write %d: %v", i, errs[i])
				}
				if !bytes.Equal(first, out[i]) {
					t.Errorf("concurrent write %d differs from the serial one", i)
				}
			}
		})
	}
}

func TestWriteInfo(t *testing.T) {
	sr := serif(t)
	tests := []struct {
		name     string
		info     page.Info
		want     map[string]string
		wantDate time.Time
	}{
		{
			name: "all fields",
			info: page.Info{Title: "Über (tests)", Author: "Zoë \\ Ann", Subject: "PDF—metadata", Keywords: "a, b, c",
				Created: time.Date(2024, 3, 5, 10, 30, 15, 0, time.UTC)},
			want:     map[string]string{"Title": "Über (tests)", "Author": "Zoë \\ Ann", "Subject": "PDF—metadata", "Keywords": "a, b, c"},
			wantDate: time.Date(2024, 3, 5, 10, 30, 15, 0, time.UTC),
		},
		{
			name:     "zero date is fixed",
			info:     page.Info{Title: "T"},
			want:     map[string]string{"Title": "T"},
			wantDate: time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC),
		},
		{
			name:     "runes beyond U+FFFF and invalid UTF-8",
			info:     page.Info{Title: "Emoji 😀 \xff", Author: "𝔄"},
			want:     map[string]string{"Title": "Emoji 😀 \uFFFD", "Author": "𝔄"},
			wantDate: time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := read(t, write(t, &page.Document{Info: tt.info, Pages: []*page.Page{onePage(word(sr, 72, 72, "x"))}}))
			tt.want["Creator"], tt.want["Producer"] = "galley", "galley"
			for k, v := range tt.want {
				if d.Info[k] != v {
					t.Errorf("Info %s = %q, want %q", k, d.Info[k], v)
				}
			}
			for _, k := range []string{"CreationDate", "ModDate"} {
				if got, err := d.Date(k); err != nil || !got.Equal(tt.wantDate) {
					t.Errorf("%s = %v (%v), want %v", k, got, err, tt.wantDate)
				}
			}
		})
	}
}

func TestWriteOutline(t *testing.T) {
	sr := serif(t)
	type bm struct {
		Title       string
		Level, Page int
		Top         float64 // from the page's top, as in layout
	}
	tests := []struct {
		name    string
		outline []page.Bookmark
		want    []bm
	}{
		{"flat", []page.Bookmark{{Title: "A", Level: 0, Y: page.Pt(72)}, {Title: "B", Level: 0, Page: 1, Y: page.Pt(100)}},
			[]bm{{Title: "A", Level: 0, Page: 0, Top: 72}, {Title: "B", Level: 0, Page: 1, Top: 100}}},
		{"nested", []page.Bookmark{{Title: "Title", Level: 0}, {Title: "h2", Level: 1, Y: page.Pt(50)},
			{Title: "h3", Level: 2, Page: 1, Y: page.Pt(60)}, {Title: "h2 again", Level: 1, Page: 1, Y: page.Pt(70)}},
			[]bm{{"Title", 0, 0, 0}, {"h2", 1, 0, 50}, {"h3", 2, 1, 60}, {"h2 again", 1, 1, 70}}},
		{"jump 0 to 3 is clamped", []page.Bookmark{{Title: "Title", Level: 0}, {Title: "deep", Level: 3, Y: page.Pt(40)},
			{Title: "deeper", Level: 3, Y: page.Pt(50)}, {Title: "h2", Level: 1, Page: 1}},
			[]bm{{"Title", 0, 0, 0}, {"deep", 1, 0, 40}, {"deeper", 1, 0, 50}, {"h2", 1, 1, 0}}},
		// an h2 after an h3 is its sibling, not its child
		{"first bookmark below level 0", []page.Bookmark{{Title: "h3", Level: 2}, {Title: "h2", Level: 1}},
			[]bm{{"h3", 0, 0, 0}, {"h2", 0, 0, 0}}},
		{"negative level", []page.Bookmark{{Title: "A"}, {Title: "B", Level: 1}, {Title: "C", Level: -1, Page: 1}},
			[]bm{{"A", 0, 0, 0}, {"B", 1, 0, 0}, {"C", 0, 1, 0}}},
		{"unicode titles", []page.Bookmark{{Title: "Ünïcode — 中文 (x)"}, {Title: "emoji 😀", Page: 1}},
			[]bm{{"Ünïcode — 中文 (x)", 0, 0, 0}, {"emoji 😀", 0, 1, 0}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := &page.Document{Pages: []*page.Page{onePage(word(sr, 72, 72, "one")), onePage(word(sr, 72, 72, "two"))}, Outline: tt.outline}
			d := read(t, write(t, doc))
			if len(d.Outline) != len(tt.want) {
				t.Fatalf("outline %+v, want %+v", d.Outline, tt.want)
			}
			for i, w := range tt.want {
				g := d.Outline[i]
				top := a4.H.Points() - w.Top
				if g.Title != w.Title || g.Level != w.Level || g.Page != w.Page || !near(g.Top, top) {
					t.Errorf("bookmark %d = %+v, want %+v (PDF y %v)", i, g, w, top)
				}
			}
		})
	}
}

// TestWriteOutlineMixedPageSizes checks bookmark destinations on pages of
// different heights: each must use its own page's height.
func TestWriteOutlineMixedPageSizes(t *testing.T) {
	sr := serif(t)
	letter := page.Size{W: page.Pt(612), H: page.Pt(792)}
	doc := &page.Document{
		Pages:   []*page.Page{onePage(word(sr, 72, 72, "A4")), {Size: letter, Items: []page.Item{word(sr, 72, 72, "Letter")}}},
		Outline: []page.Bookmark{{Title: "on A4", Y: page.Pt(100)}, {Title: "on Letter", Page: 1, Y: page.Pt(100)}},
	}
	d := read(t, write(t, doc))
	if len(d.Outline) != 2 {
		t.Fatalf("outline %+v", d.Outline)
	}
	for i, want := range []float64{a4.H.Points() - 100, letter.H.Points() - 100} {
		if !near(d.Outline[i].Top, want) {
			t.Errorf("bookmark %q goes to y=%v, want %v (PDF coordinates on its page)", d.Outline[i].Title, d.Outline[i].Top, want)
		}
	}
}

func TestWriteLinks(t *testing.T) {
	sr := serif(t)
	link := func(url string) page.Item {
		return page.Item{Kind: page.ItemLink, X: page.Pt(72), Y: page.Pt(100), W: page.Pt(50), H: page.Pt(12), More: &page.ItemMore{URL: url}}
	}
	tests := []struct {
		url  string
		kept bool
	}{
		{"https://example.com/a?b=c&d=e#f", true},
		{"http://example.com/", true},
		{"HTTPS://EXAMPLE.COM/", true},
		{"mailto:ann@example.com", true},
		{"https://en.wikipedia.org/wiki/Go_(programming_language)", true},
		{`https://example.com/back\slash`, true},
		{"javascript:alert(1)", false},
		{"JavaScript:alert(1)", false},
		{"data:text/html,<script>alert(1)</script>", false},
		{"file:///etc/passwd", false},
		{"", false},
	}
	for _, tt := range tests {
		t.Run(tt.url, func(t *testing.T) {
			p := read(t, write(t, &page.Document{Pages: []*page.Page{onePage(word(sr, 72, 110, "link"), link(tt.url))}})).Pages[0]
			if !tt.kept {
				if len(p.Links) != 0 {
					t.Errorf("links %+v, want none", p.Links)
				}
				return
			}
			if len(p.Links) != 1 {
				t.Fatalf("links %+v, want one", p.Links)
			}
			l := p.Links[0]
			top := a4.H.Points() - 100
			if l.URI != tt.url || !near(l.Rect[0], 72) || !near(l.Rect[1], top) || !near(l.Rect[2], 122) || !near(l.Rect[3], top-12) {
				t.Errorf("link %+v, want %q at [72 %v 122 %v]", l, tt.url, top, top-12)
			}
		})
	}
}

// TestWriteEmbedsOnlyUsedFaces counts embedded font programs.
func TestWriteEmbedsOnlyUsedFaces(t *testing.T) {
	sr, sb, sans := serif(t), face(t, fonts.Serif, fonts.Bold), face(t, fonts.Sans, fonts.Regular)
	tests := []struct {
		name  string
		items []page.Item
		want  []*fonts.Face
	}{
		{"one face", []page.Item{word(sr, 72, 72, "a"), word(sr, 72, 90, "b")}, []*fonts.Face{sr}},
		{"two faces", []page.Item{word(sr, 72, 72, "a"), word(sb, 72, 90, "b"), word(sr, 72, 110, "c")}, []*fonts.Face{sr, sb}},
		{"no text", []page.Item{{Kind: page.ItemRect, W: page.Pt(10), H: page.Pt(10)}}, nil},
		{"face only on a non-text item", []page.Item{word(sr, 72, 72, "a"), {Kind: page.ItemRect, Face: sans, W: page.Pt(10), H: page.Pt(10)}}, []*fonts.Face{sr}},
		{"face only on empty text", []page.Item{word(sr, 72, 72, "a"), word(sans, 72, 90, "")}, []*fonts.Face{sr}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := read(t, write(t, &page.Document{Pages: []*page.Page{onePage(tt.items...)}}))
			var want, got []string
			for _, f := range tt.want {
				want = append(want, f.Name(), f.Name()) // the Type0 font and its CIDFontType2 descendant
			}
			for _, n := range d.Fonts {
				if !subsetName.MatchString(n) {
					t.Errorf("font %s has no subset tag", n)
				}
				got = append(got, n[7:])
			}
			if d.FontFiles != len(tt.want) || fmt.Sprint(sortedStrings(got)) != fmt.Sprint(sortedStrings(want)) {
				t.Errorf("%d font files, fonts %v; want %d, %v", d.FontFiles, d.Fonts, len(tt.want), sortedStrings(want))
			}
		})
	}
}

// subsetName is the name of an embedded subset: a tag of six capital
// letters, a plus sign and the font's PostScript name.
var subsetName = regexp.MustCompile(`^[A-Z]{6}\+[!-~]+$`)

// isSubsetOf reports whether name is a subset of f: galley's embedded
// faces are named by their PostScript names.
func isSubsetOf(name string, f *fonts.Face) bool {
	return subsetName.MatchString(name) && name[7:] == f.Name()
}

func sortedStrings(s []string) []string {
	out := slices.Clone(s)
	slices.Sort(out)
	return out
}

func imageItem(key string, x, y float64) page.Item {
	return page.Item{Kind: page.ItemImage, X: page.Pt(x), Y: page.Pt(y), W: page.Pt(40), H: page.Pt(30), More: &page.ItemMore{Image: key}}
}

func testImage(w, h int) image.Image {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, color.NRGBA{uint8(40 * x), uint8(60 * y), 200, 255})
		}
	}
	return img
}

func pngImage(t testing.TB, key string, w, h int) *page.Image {
	var buf bytes.Buffer
	if err := png.Encode(&buf, testImage(w, h)); err != nil {
		t.Fatal(err)
	}
	return &page.Image{Key: key, Format: "png", Data: buf.Bytes(), Width: w, Height: h}
}

func jpegImage(t testing.TB, key string, w, h int) *page.Image {
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, testImage(w, h), nil); err != nil {
		t.Fatal(err)
	}
	return &page.Image{Key: key, Format: "jpg", Data: buf.Bytes(), Width: w, Height: h}
}

// TestWriteLanguage checks that Info.Language, which comes from article
// input, reaches the catalog as one string: a tag that is not BCP 47 may be
// dropped but must not break out of the string.
func TestWriteLanguage(t *testing.T) {
	tests := []struct {
		lang string
		keep bool // must be kept as is; else it may also be dropped
	}{
		{"", true}, {"en", true}, {"de-CH", true}, {"zh-Hant-TW", true},
		{"fr (Canada)", false}, {"français", false}, {"en(", false}, {`x\`, false}, {"x)y", false},
		{"en) /OpenAction <</S /JavaScript /JS (app.alert(1))>> /X (", false},
	}
	for _, tt := range tests {
		t.Run(tt.lang, func(t *testing.T) {
			doc := &page.Document{Info: page.Info{Language: tt.lang}, Pages: []*page.Page{onePage(word(serif(t), 72, 72, "x"))}}
			out := write(t, doc)
			d := read(t, out)
			// a tagged PDF (the default) of no language, or one dropped,
			// says it is undetermined
			if d.Lang != tt.lang && (tt.keep && tt.lang != "" || d.Lang != undetermined) {
				t.Errorf("Lang %q, want %q", d.Lang, tt.lang)
			}
			if bytes.Contains(out, []byte("/JavaScript")) {
				t.Errorf("the language tag injected JavaScript into the PDF")
			}
		})
	}
}
