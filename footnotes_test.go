package galley_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/galleyprint/galley"
	"github.com/galleyprint/galley/article"
)

// linkedArticle has paragraphs full of links, each anchored on a word of
// its own ("anchorN"), some addresses linked twice far apart, and some so
// long that their notes take several lines.
func linkedArticle() (*article.Article, map[string]string) {
	a := &article.Article{Title: "Links on paper"}
	anchors := map[string]string{} // anchor word → printed address
	n := 0
	for p := range 40 {
		var text article.Text
		for s := range 6 {
			text = append(text, article.Inline{Text: "Harbour lights were lit again along the quay as the boats came in, "})
			n++
			word := "anchor" + letters(n) // no digits: the marker follows it
			addr := fmt.Sprintf("example.org/notes/%d", n)
			if n%9 == 0 {
				// wraps in a column, but within the 100 characters printed whole
				addr = fmt.Sprintf("example.org/archive/%d/%s", n, strings.Repeat("long-path-segment/", 4)+"end")
			}
			if s == 5 && p > 10 { // the address of a link pages before
				addr = fmt.Sprintf("example.org/notes/%d", n-60)
			}
			anchors[word] = addr
			text = append(text, article.Inline{Text: word, Link: "https://" + addr}, article.Inline{Text: " said the harbour master. "})
		}
		a.Body = append(a.Body, article.Block{Kind: article.KindParagraph, Text: text})
	}
	return a, anchors
}

// letters writes n in the letters a to z.
func letters(n int) string {
	s := ""
	for ; n > 0; n /= 26 {
		s = string(rune('a'+n%26)) + s
	}
	return s
}

// TestFootnotedLinks prints links as footnotes, in one and two columns,
// and reads each page back with poppler's pdftotext: every anchor's
// address is printed on the page of its marker.
func TestFootnotedLinks(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext is not installed (apt-get install poppler-utils)")
	}
	a, anchors := linkedArticle()
	for _, cols := range []int{1, 2} {
		var out bytes.Buffer
		res, err := galley.Export(context.Background(), &out, a, galley.Options{Links: "footnotes", Columns: cols})
		if err != nil {
			t.Fatal(err)
		}
		if res.Pages < 3 {
			t.Fatalf("%d pages; the test wants notes on several", res.Pages)
		}
		path := filepath.Join(t.TempDir(), "notes.pdf")
		if err := os.WriteFile(path, out.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		seen := 0
		for page := 1; page <= res.Pages; page++ {
			b, err := exec.Command("pdftotext", "-f", fmt.Sprint(page), "-l", fmt.Sprint(page), path, "-").Output()
			if err != nil {
				t.Fatal(err)
			}
			text := string(b)
			flat := strings.Join(strings.Fields(text), "") // a long address breaks across lines
			for _, w := range strings.Fields(text) {
				w = strings.TrimRight(w, "0123456789,.") // the marker follows the word
				addr, ok := anchors[w]
				if !ok {
					continue
				}
				seen++
				if !strings.Contains(flat, addr) {
					t.Errorf("%d columns, page %d: %s's address %s is not on its page", cols, page, w, addr)
				}
			}
		}
		if seen < len(anchors)*9/10 {
			t.Errorf("%d columns: found %d anchors of %d in the text", cols, seen, len(anchors))
		}
	}
}
