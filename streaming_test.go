package galley_test

import (
	"bytes"
	"context"
	"slices"
	"testing"

	"github.com/galleyprint/galley"
	"github.com/galleyprint/galley/internal/pdftext"
)

// TestExportStreamingSameDocument: for every test article, in every PDF
// profile, ExportStreaming writes a valid PDF that is the same document
// as Export's: the same pages, with the same words, links and sizes, the
// same outline, fonts and document information.
func TestExportStreamingSameDocument(t *testing.T) {
	for _, profile := range []galley.PDFProfile{galley.ProfileA2A, galley.ProfileA2U, galley.ProfilePlain} {
		for name, a := range articles(t) {
			opts := galley.Options{PDFProfile: profile}
			whole := export(t, a, opts)
			var streamed bytes.Buffer
			res, err := galley.ExportStreaming(context.Background(), &streamed, a, opts)
			if err != nil {
				t.Fatalf("%s, %s: %v", name, profile, err)
			}
			if err := pdftext.Validate(streamed.Bytes()); err != nil {
				t.Errorf("%s, %s: the streamed PDF: %v", name, profile, err)
				continue
			}
			w, err := pdftext.Read(whole)
			if err != nil {
				t.Fatal(err)
			}
			s, err := pdftext.Read(streamed.Bytes())
			if err != nil {
				t.Fatal(err)
			}
			if len(s.Pages) != len(w.Pages) || res.Sheets != len(s.Pages) {
				t.Errorf("%s, %s: %d pages streamed, %d whole, %d in the result", name, profile, len(s.Pages), len(w.Pages), res.Sheets)
				continue
			}
			for i := range w.Pages {
				sp, wp := s.Pages[i], w.Pages[i]
				if sp.Text() != wp.Text() || !slices.Equal(sp.Links, wp.Links) || sp.Width != wp.Width || sp.Height != wp.Height {
					t.Errorf("%s, %s: page %d differs", name, profile, i+1)
				}
			}
			if !slices.Equal(s.Fonts, w.Fonts) || !slices.Equal(s.Outline, w.Outline) || s.FontFiles != w.FontFiles {
				t.Errorf("%s, %s: fonts %q / %q, outline %d / %d entries", name, profile, s.Fonts, w.Fonts, len(s.Outline), len(w.Outline))
			}
			for k, v := range w.Info {
				if s.Info[k] != v {
					t.Errorf("%s, %s: Info %s %q, want %q", name, profile, k, s.Info[k], v)
				}
			}
		}
	}
}
