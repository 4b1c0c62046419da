package galley_test

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"sync"
	"testing"

	"github.com/galleyprint/galley"
	"github.com/galleyprint/galley/article"
	"github.com/galleyprint/galley/internal/pdftext"
)

// onceSource is a book source that counts the calls for each article
// and gives each article an image loader that counts the fetches of
// each picture.
type onceSource struct {
	arts    []*article.Article
	pics    map[string][]byte
	mu      sync.Mutex
	calls   map[int]int
	fetches map[string]int
}

func (s *onceSource) Len() int { return len(s.arts) }

func (s *onceSource) Article(_ context.Context, i int) (*article.Article, galley.Options, error) {
	s.mu.Lock()
	s.calls[i]++
	s.mu.Unlock()
	fetch := galley.ImageFetcherFunc(func(_ context.Context, ref string) ([]byte, string, error) {
		s.mu.Lock()
		s.fetches[ref]++
		s.mu.Unlock()
		data, ok := s.pics[ref]
		if !ok {
			return nil, "", fmt.Errorf("no picture %s", ref)
		}
		return data, "image/png", nil
	})
	return s.arts[i], galley.Options{Images: fetch}, nil
}

// onePNG is a small picture of its own for each n.
func onePNG(t *testing.T, n int) []byte {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, 48, 32))
	for y := range 32 {
		for x := range 48 {
			img.Set(x, y, color.NRGBA{uint8(5*x + n*40), uint8(7*y + n*15), uint8(n * 60), 255})
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestExportBookReadsOnce: each article of a book is asked of its source
// once, and each of its pictures fetched once, however many jobs lay
// the book out; the book's bytes are the same for one job and four, and
// on a second run, sorted and with right-hand starts too.
func TestExportBookReadsOnce(t *testing.T) {
	for _, bo := range []galley.BookOptions{
		{Title: "Gazette"},
		{Title: "Gazette", Sort: "date", Recto: true},
	} {
		t.Run(fmt.Sprintf("sort %q recto %v", bo.Sort, bo.Recto), func(t *testing.T) {
			pics := map[string][]byte{}
			var arts []*article.Article
			for i, s := range bkStories {
				a := bkParse(t, bkPost(s.title, s.date, s.paras))
				for k := range 2 {
					ref := fmt.Sprintf("harbour-%d-%d.png", i, k)
					pics[ref] = onePNG(t, 2*i+k)
					a.Body = append(a.Body, article.Block{Kind: article.KindFigure, Figure: &article.Figure{
						Src: ref, Caption: article.Plain("The harbour")}})
				}
				arts = append(arts, a)
			}
			var books [][]byte
			for _, jobs := range []int{1, 4, 4} {
				src := &onceSource{arts: arts, pics: pics, calls: map[int]int{}, fetches: map[string]int{}}
				bo.Jobs = jobs
				var buf bytes.Buffer
				res, err := galley.ExportBook(context.Background(), &buf, src, bo)
				if err != nil {
					t.Fatal(err)
				}
				if res.Articles != len(arts) {
					t.Fatalf("%d articles printed, want %d", res.Articles, len(arts))
				}
				for i := range arts {
					if n := src.calls[i]; n != 1 {
						t.Errorf("jobs %d: article %d asked for %d times, want once", jobs, i, n)
					}
				}
				for ref := range pics {
					if n := src.fetches[ref]; n != 1 {
						t.Errorf("jobs %d: picture %s fetched %d times, want once", jobs, ref, n)
					}
				}
				if err := pdftext.Validate(buf.Bytes()); err != nil {
					t.Fatal(err)
				}
				books = append(books, buf.Bytes())
			}
			if !bytes.Equal(books[0], books[1]) {
				t.Errorf("one job and four gave different books (%d and %d bytes)", len(books[0]), len(books[1]))
			}
			if !bytes.Equal(books[1], books[2]) {
				t.Errorf("the same book twice gave different bytes")
			}
		})
	}
}
