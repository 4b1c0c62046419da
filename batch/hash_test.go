package batch

import (
	"log/slog"
	"testing"

	"github.com/galleyprint/galley"
)

// TestOptionsHash: every print option that changes the PDF changes the
// hash (so a rerun reprints), the logger and fetcher do not.
func TestOptionsHash(t *testing.T) {
	base := optionsHash(galley.Options{})
	if optionsHash(galley.Options{Logger: slog.New(slog.DiscardHandler)}) != base {
		t.Error("the logger changes the options hash")
	}
	for name, o := range map[string]galley.Options{
		"columns": {Columns: 2}, "links": {Links: "footnotes"}, "theme": {Theme: "modern"}, "font size": {FontSize: 14},
		"line height": {LineHeight: 1.6}, "no header": {NoHeader: true}, "qr": {QR: true}, "impose": {Impose: "booklet"},
		"mirror": {Mirror: true}, "gutter": {Gutter: "8mm"}, "language": {Language: "de"}, "smart quotes": {SmartQuotes: true},
		"drop cap": {DropCap: true}, "page": {Page: "A5"}, "max images": {MaxImages: 3},
	} {
		if optionsHash(o) == base {
			t.Errorf("%s does not change the options hash", name)
		}
	}
}
