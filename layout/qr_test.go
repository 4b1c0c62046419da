package layout

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"testing"

	"github.com/galleyprint/galley/article"
	"github.com/galleyprint/galley/page"
)

// TestQRWarnings: QR asks for a code of the article's URL on page 1; when
// none can be printed (no URL, no room in the top margin, a URL too long
// to encode), a warning says why instead of silence.
func TestQRWarnings(t *testing.T) {
	const url = "https://news.example/2024/05/harbour-lights-return"
	tests := []struct {
		name    string
		qr      bool
		url     string
		margins page.Margins
		warn    string // "" for none
		drawn   bool
	}{
		{"URL", true, url, page.Margins{}, "", true},
		{"no URL", true, "", page.Margins{}, "no QR code printed: the article has no URL", false},
		{"top margin too small", true, url, page.Margins{Top: 50 * page.Point, Right: 50 * page.Point, Bottom: 50 * page.Point, Left: 50 * page.Point},
			"no QR code printed: the top margin is too small", false},
		{"URL too long to encode", true, "https://news.example/" + strings.Repeat("a", 4000), page.Margins{}, "no QR code printed: the URL is too long", false},
		{"not asked, no URL", false, "", page.Margins{}, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := &article.Article{Title: "Harbour Lights", URL: tt.url,
				Body: []article.Block{{Kind: article.KindParagraph, Text: article.Plain("The lights came back on along the quay.")}}}
			var logs bytes.Buffer
			opts := Options{QR: tt.qr, Margins: tt.margins, Logger: slog.New(slog.NewTextHandler(&logs, nil))}
			doc, err := Layout(context.Background(), a, opts)
			if err != nil {
				t.Fatal(err)
			}
			warned := strings.Contains(logs.String(), "QR code")
			if tt.warn == "" && warned {
				t.Errorf("unexpected warning: %s", logs.String())
			}
			if tt.warn != "" && !strings.Contains(logs.String(), tt.warn) {
				t.Errorf("warnings %q, want %q", logs.String(), tt.warn)
			}
			if drawn := qrModules(doc.Pages[0]) > 0; drawn != tt.drawn {
				t.Errorf("QR code drawn: %v, want %v", drawn, tt.drawn)
			}
		})
	}
}

// qrModules counts the black rectangles in page's top margin, where the
// QR code goes.
func qrModules(p *page.Page) int {
	n := 0
	for _, it := range p.Items {
		if it.Kind == page.ItemRect && it.Role == page.RoleFurniture && it.Color == page.Black && it.Y+it.H < qrSize+page.Pt(20) && it.W < qrSize {
			n++
		}
	}
	return n
}
