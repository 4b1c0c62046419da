package batch

// Tests of Run binding a book.

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/galleyprint/galley"
	"github.com/galleyprint/galley/internal/pdftext"
)

// rtBookWords are the distinct first words of the book posts' titles, so
// that a headline can be told from the running head of another article.
var rtBookTitles = []string{"Anchors Aweigh", "Beacon Keepers", "Cargo Manifests", "Dockside Voices", "Estuary Tides"}

// rtBookPosts writes the book's posts: five, the third long.
func rtBookPosts(t *testing.T) (string, []string) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "posts")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	var paths []string
	for i, title := range rtBookTitles {
		paras := 1
		if i == 2 {
			paras = 16
		}
		p := filepath.Join(dir, fmt.Sprintf("%d.md", i))
		rtWriteFile(t, p, rtPost(title, fmt.Sprintf("2023-0%d-10", 5-i), paras, i))
		paths = append(paths, p)
	}
	return dir, paths
}

// rtArticlePages is the page count of a post printed alone.
func rtArticlePages(t *testing.T, path string, o galley.Options) int {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	arts, err := galley.Parse(data, galley.ParseOptions{Name: path})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	res, err := galley.Export(context.Background(), &buf, arts[0], o)
	if err != nil {
		t.Fatal(err)
	}
	return res.Pages
}

// rtCheckBook checks a bound book: its page count, where each article
// starts (a right-hand page with recto), the contents' page numbers, the
// outline and the folios.
func rtCheckBook(t *testing.T, data []byte, titles []string, pages []int, recto bool) {
	t.Helper()
	if err := pdftext.Validate(data); err != nil {
		t.Fatalf("book: %v", err)
	}
	doc, err := pdftext.Read(data)
	if err != nil {
		t.Fatal(err)
	}
	ps := doc.Pages
	start := map[string]int{} // title → 0-based index of its headline's page
	for i, p := range ps {
		for _, title := range titles {
			tw := strings.Fields(title)
			if len(p.Words) >= len(tw) {
				var first []string
				for _, w := range p.Words[:len(tw)] {
					first = append(first, w.Text)
				}
				if strings.Join(first, " ") == title {
					if _, dup := start[title]; dup {
						t.Errorf("%q starts pages %d and %d", title, start[title]+1, i+1)
					}
					start[title] = i
				}
			}
		}
	}
	if len(start) != len(titles) {
		t.Fatalf("found headlines %v, want %v", start, titles)
	}
	toc := start[titles[0]] - 1 // pages between the cover and the first article
	blanks := 0
	for i := 1; i < start[titles[0]]; i++ {
		if len(ps[i].Words) == 0 {
			toc--
			blanks++
		}
	}
	sum := 0
	for k, title := range titles {
		sum += pages[k]
		if k > 0 && start[title] <= start[titles[k-1]] {
			t.Errorf("%q starts on page %d, before %q (page %d)", title, start[title]+1, titles[k-1], start[titles[k-1]]+1)
		}
		if recto && start[title]%2 != 0 {
			t.Errorf("%q starts on page %d, a left-hand page", title, start[title]+1)
		}
		end := len(ps)
		if k+1 < len(titles) {
			end = start[titles[k+1]]
		}
		// the article's own pages, then blanks only
		for i := start[title]; i < end; i++ {
			blank := len(ps[i].Words) == 0
			if i < start[title]+pages[k] && blank {
				t.Errorf("page %d (of %q) is blank", i+1, title)
			}
			if i >= start[title]+pages[k] {
				if !blank {
					t.Errorf("page %d after %q's %d pages is not blank", i+1, title, pages[k])
				}
				blanks++
			}
		}
	}
	if !recto && blanks > 0 {
		t.Errorf("%d blank pages without recto", blanks)
	}
	if want := 1 + toc + sum + blanks; len(ps) != want || toc < 1 {
		t.Errorf("%d pages, want 1 cover + %d contents + %d article pages + %d blanks = %d", len(ps), toc, sum, blanks, want)
	}
	n := len(ps)
	for i := 1; i < n; i++ {
		folio := fmt.Sprintf(" %d / %d ", i+1, n) // as words of its own: "12 / 13" does not hold "2 / 13"
		if len(ps[i].Words) > 0 && !strings.Contains(" "+strings.Join(strings.Fields(ps[i].Text()), " ")+" ", folio) {
			t.Errorf("page %d does not say \"%d / %d\": ...%s", i+1, i+1, n, tail(ps[i].Text(), 60))
		}
	}
	// contents: each title, and on the same line the number of its page
	for _, title := range titles {
		num := rtContentsNumber(ps[1:1+toc], title)
		if num != start[title]+1 {
			t.Errorf("contents give %q page %d; its headline is on page %d", title, num, start[title]+1)
		}
	}
	if len(doc.Outline) != len(titles) {
		t.Errorf("outline has %d entries, want %d: %+v", len(doc.Outline), len(titles), doc.Outline)
	}
	for k, b := range doc.Outline {
		if k < len(titles) && (b.Title != titles[k] || b.Level != 0 || b.Page != start[titles[k]]) {
			t.Errorf("outline entry %d: %+v, want %q at page index %d", k, b, titles[k], start[titles[k]])
		}
	}
}

// rtContentsNumber returns the number printed at the right end of the
// line on which title starts in the contents, or -1.
func rtContentsNumber(pages []pdftext.Page, title string) int {
	tw := strings.Fields(title)
	for _, p := range pages {
		for i := 0; i+len(tw) <= len(p.Words); i++ {
			match := true
			for k, w := range tw {
				if p.Words[i+k].Text != w {
					match = false
					break
				}
			}
			if !match {
				continue
			}
			y := p.Words[i].Y
			best, bestX := -1, -1.0
			for _, w := range p.Words {
				if abs(w.Y-y) < 0.5 && w.X > bestX {
					if n, err := strconv.Atoi(w.Text); err == nil {
						best, bestX = n, w.X
					}
				}
			}
			return best
		}
	}
	return -1
}

func tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[len(s)-n:]
}

// TestRunBook binds a folder into a book, with and without the PDF per
// article, in each order.
func TestRunBook(t *testing.T) {
	cases := []struct {
		name     string
		sort     string
		recto    bool
		bookOnly bool
		order    []int // indexes into rtBookTitles
	}{
		{"input order, book only", "input", false, true, []int{0, 1, 2, 3, 4}},
		{"date order, recto, book only", "date", true, true, []int{4, 3, 2, 1, 0}},
		{"title order, with PDFs", "title", false, false, []int{0, 1, 2, 3, 4}},
		{"date order, recto, with PDFs", "date", true, false, []int{4, 3, 2, 1, 0}},
	}
	src, paths := rtBookPosts(t)
	pages := make([]int, len(paths))
	for i, p := range paths {
		pages[i] = rtArticlePages(t, p, galley.Options{})
	}
	if pages[2] < 3 {
		t.Fatalf("the long post prints on %d pages; the test wants at least 3", pages[2])
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			book := filepath.Join(t.TempDir(), "book", "book.pdf")
			o := Options{OutDir: out, Jobs: 2, Book: book, BookOnly: c.bookOnly, BookTitle: "Harbour Archive", Sort: c.sort, Recto: c.recto}
			var first []byte
			for run := 1; run <= 2; run++ {
				sum, err := Run(context.Background(), []string{src}, o)
				if err != nil {
					t.Fatalf("run %d: %v", run, err)
				}
				data, err := os.ReadFile(book)
				if err != nil {
					t.Fatal(err)
				}
				if sum.Book == nil || sum.Book.Articles != 5 || len(sum.Book.Failed) != 0 {
					t.Fatalf("run %d: book result %+v", run, sum.Book)
				}
				if run == 1 {
					first = data
					var titles []string
					var want []int
					for _, k := range c.order {
						titles = append(titles, rtBookTitles[k])
						want = append(want, pages[k])
					}
					rtCheckBook(t, data, titles, want, c.recto)
					if ps, _ := pdftext.Pages(data); sum.Book.Pages != len(ps) {
						t.Errorf("book result says %d pages, the book has %d", sum.Book.Pages, len(ps))
					}
				} else if !bytes.Equal(first, data) {
					t.Errorf("the same run twice gave different books")
				}
				pdfs := rtPDFs(rtFiles(t, out))
				wantPrinted := 5
				if c.bookOnly {
					if len(pdfs) != 0 {
						t.Errorf("book only wrote PDFs %v", pdfs)
					}
				} else {
					if len(pdfs) != 5 {
						t.Errorf("PDFs %v, want 5", pdfs)
					}
					if run == 2 {
						wantPrinted = 0
					}
				}
				if sum.Printed != wantPrinted || sum.Failed != 0 || sum.Total != 5 {
					t.Errorf("run %d: summary %+v", run, sum)
				}
				for n := range rtFiles(t, filepath.Dir(book)) {
					if n != "book.pdf" {
						t.Errorf("stray file %s beside the book", n)
					}
				}
			}
		})
	}
}

// TestRunBookFailure: an input that cannot be printed is left out of the
// book, counted as failed, and the run's error says so.
func TestRunBookFailure(t *testing.T) {
	for _, bookOnly := range []bool{false, true} {
		t.Run(fmt.Sprintf("book only %v", bookOnly), func(t *testing.T) {
			src, _ := rtBookPosts(t)
			bad := filepath.Join(src, "9-empty.txt")
			rtWriteFile(t, bad, "")
			out := filepath.Join(t.TempDir(), "out")
			book := filepath.Join(out, "book.pdf")
			sum, err := Run(context.Background(), []string{src}, Options{OutDir: out, Jobs: 2, Book: book, BookOnly: bookOnly})
			if !errors.Is(err, ErrFailed) {
				t.Errorf("error %v, want one wrapping ErrFailed (%s could not be printed)", err, filepath.Base(bad))
			}
			if sum.Failed != 1 || sum.Total != 6 {
				t.Errorf("summary %+v, want 1 failed of 6", sum)
			}
			if sum.Book == nil || sum.Book.Articles != 5 {
				t.Fatalf("book %+v, want 5 articles", sum.Book)
			}
			data, err := os.ReadFile(book)
			if err != nil {
				t.Fatal(err)
			}
			doc, err := pdftext.Read(data)
			if err != nil {
				t.Fatal(err)
			}
			if len(doc.Outline) != 5 {
				t.Errorf("outline %+v, want 5 entries", doc.Outline)
			}
		})
	}
}
