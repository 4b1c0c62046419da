package pdf

import (
	"bytes"
	"context"
	"errors"
	"io"
	"math"
	"strings"
	"testing"

	"github.com/galleyprint/galley/internal/fpdf"

	"github.com/galleyprint/galley/fonts"
	"github.com/galleyprint/galley/page"
)

// TestWriteHazardousText checks text fpdf could not encode: it must not
// panic; characters beyond U+FFFF come out as themselves (the writer
// numbers its own CIDs, and its ToUnicode map writes surrogate pairs), and
// invalid UTF-8 as U+FFFD.
func TestWriteHazardousText(t *testing.T) {
	sr := serif(t)
	tests := []struct{ name, text, want string }{
		{"emoji", "ok 😀!", "ok 😀!"},
		{"astral CJK", "𠀀𠀁", "𠀀𠀁"},
		{"flag sequence", "🇫🇷", "🇫🇷"},
		{"emoji with variation selector", "❤️", "❤\ufe0f"},
		{"invalid UTF-8", "a\xffb\xc3", "a\uFFFDb\uFFFD"},
		{"truncated 4-byte sequence", "x\xf0\x9f\x98", "x\uFFFD"},
		{"encoded surrogate", "\xed\xa0\x80", "\uFFFD"},
		{"replacement character", "\uFFFD", "\uFFFD"},
		{"private use and noncharacters", "\ue000\uffff", "\ue000\uffff"},
		{"only an emoji", "😀", "😀"},
		{"last plane", "\U0010FFFD", "\U0010FFFD"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := read(t, write(t, &page.Document{Pages: []*page.Page{onePage(word(sr, 72, 72, tt.text), word(sr, 72, 90, "after"))}}))
			words := d.Pages[0].Words
			if len(words) != 2 || words[0].Text != tt.want || words[1].Text != "after" {
				t.Errorf("words %+v, want %q then %q", words, tt.want, "after")
			}
		})
	}
}

type failWriter struct{}

var errSink = errors.New("sink failed")

func (failWriter) Write([]byte) (int, error) { return 0, errSink }

func TestWriteErrors(t *testing.T) {
	sr := serif(t)
	good := pngImage(t, "good", 4, 4)
	truncated := *good
	truncated.Key, truncated.Data = "truncated", good.Data[:len(good.Data)/2]
	header := *good
	header.Key, header.Data = "header", good.Data[:16]
	badJPEG := *jpegImage(t, "badjpeg", 4, 4)
	badJPEG.Data = badJPEG.Data[:20]
	tests := []struct {
		name  string
		doc   *page.Document
		wrapW bool // the error wraps ErrWrite
	}{
		{"no pages", &page.Document{}, true},
		{"nil document", nil, true},
		{"nil page", &page.Document{Pages: []*page.Page{nil}}, true},
		{"missing image", &page.Document{Pages: []*page.Page{onePage(word(sr, 72, 72, "x"), imageItem("nope", 72, 100))}}, true},
		{"truncated PNG", imageDoc(t, &truncated), true},
		{"PNG header only", imageDoc(t, &header), true},
		{"truncated JPEG", imageDoc(t, &badJPEG), true},
		{"garbage PNG", imageDoc(t, &page.Image{Key: "g", Format: "png", Data: []byte("not a png at all")}), true},
		{"empty image data", imageDoc(t, &page.Image{Key: "e", Format: "png"}), true},
		{"unknown image format", imageDoc(t, &page.Image{Key: "u", Format: "bmp", Data: good.Data}), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			var err error
			func() {
				defer func() {
					if r := recover(); r != nil {
						t.Fatalf("Write panicked: %v", r)
					}
				}()
				err = Write(context.Background(), &buf, tt.doc)
			}()
			if err == nil {
				t.Fatalf("Write succeeded (%d bytes), want an error", buf.Len())
			}
			if tt.wrapW && !errors.Is(err, ErrWrite) {
				t.Errorf("error %q does not wrap ErrWrite", err)
			}
			if buf.Len() != 0 {
				t.Errorf("Write wrote %d bytes before failing", buf.Len())
			}
		})
	}
	t.Run("writer fails", func(t *testing.T) {
		err := Write(context.Background(), failWriter{}, &page.Document{Pages: []*page.Page{onePage(word(sr, 72, 72, "x"))}})
		if !errors.Is(err, errSink) {
			t.Errorf("error %v, want the writer's", err)
		}
	})
}

func imageDoc(t testing.TB, img *page.Image) *page.Document {
	return &page.Document{
		Pages:  []*page.Page{onePage(word(serif(t), 72, 72, "x"), imageItem(img.Key, 72, 100))},
		Images: map[string]*page.Image{img.Key: img},
	}
}

func TestWriteImages(t *testing.T) {
	doc := &page.Document{
		Pages: []*page.Page{
			onePage(imageItem("p", 72, 100), imageItem("p", 200, 100), imageItem("j", 72, 300)),
			onePage(imageItem("p", 72, 100)),
		},
		Images: map[string]*page.Image{"p": pngImage(t, "p", 5, 3), "j": jpegImage(t, "j", 6, 2), "unused": pngImage(t, "unused", 2, 2)},
	}
	out := write(t, doc)
	if n := bytes.Count(out, []byte("/Subtype /Image")); n != 2 {
		t.Errorf("%d image XObjects, want 2 (each used image once)", n)
	}
	d := read(t, out)
	if n0, n1 := len(d.Pages[0].XObjects), len(d.Pages[1].XObjects); n0 != 3 || n1 != 1 {
		t.Errorf("pages paint %d and %d XObjects, want 3 and 1", n0, n1)
	}
}

// TestWidthsMatchFpdf checks that fonts.Face measures text as fpdf, which
// writes the PDF's width arrays, does. It lives here because only this
// package may import fpdf.
func TestWidthsMatchFpdf(t *testing.T) {
	set, err := fonts.Default()
	if err != nil {
		t.Fatal(err)
	}
	const sentence = "The quick brown fox jumps over the lazy dog — “Quoth” 0123456789 (naïve café, Æsir; ß & Œuvre)!"
	for fam := fonts.Serif; fam <= fonts.Mono; fam++ {
		for st := fonts.Regular; st <= fonts.BoldItalic; st++ {
			f := set.Face(fam, st)
			p := fpdf.NewCustom(&fpdf.InitType{UnitStr: "pt", Size: fpdf.SizeType{Wd: 595, Ht: 842}})
			p.AddUTF8FontFromBytes(f.Name(), "", f.Data())
			for _, size := range []float64{7, 11, 23.5} {
				p.SetFont(f.Name(), "", size)
				if p.Err() {
					t.Fatalf("%s: %v", f.Name(), p.Error())
				}
				want := p.GetStringWidth(sentence)
				var em int
				for _, r := range sentence {
					w, ok := f.Width(r)
					if !ok {
						t.Fatalf("%s lacks %q", f.Name(), r)
					}
					em += w
				}
				got := float64(em) * size / 1000
				if math.Abs(got-want) > want*0.001 {
					t.Errorf("%s at %vpt: fonts measures %.3f, fpdf %.3f", f.Name(), size, got, want)
				}
			}
		}
	}
}

// BenchmarkWrite writes a 10-page document of body text.
func BenchmarkWrite(b *testing.B) {
	sr, it := serif(b), face(b, fonts.Serif, fonts.Italic)
	words := strings.Fields(strings.Repeat("Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua. ", 4))
	doc := &page.Document{Info: page.Info{Title: "Benchmark"}}
	size := page.Pt(10.5)
	for p := range 10 {
		pg := &page.Page{Size: a4}
		k := p
		for y := page.Pt(72); y < a4.H-page.Pt(72); y += page.Pt(14) {
			for x := page.Pt(72); ; k++ {
				w := words[k%len(words)]
				f := sr
				if k%17 == 0 {
					f = it
				}
				adv := 0
				for _, r := range w + " " {
					a, _ := f.Width(r)
					adv += a
				}
				wx := page.Unit(adv) * size / 1000
				if x+wx > a4.W-page.Pt(72) {
					break
				}
				pg.Items = append(pg.Items, page.Item{Kind: page.ItemText, X: x, Y: y, Text: w, Face: f, Size: size})
				x += wx
			}
		}
		doc.Pages = append(doc.Pages, pg)
		doc.Outline = append(doc.Outline, page.Bookmark{Title: "Page", Level: min(p, 1), Page: p})
	}
	write(b, doc) // the document is valid
	b.ReportAllocs()
	for b.Loop() {
		if err := Write(context.Background(), io.Discard, doc); err != nil {
			b.Fatal(err)
		}
	}
}
