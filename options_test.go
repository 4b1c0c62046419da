package galley_test

import (
	"bytes"
	"errors"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/galleyprint/galley"
	"github.com/galleyprint/galley/internal/pdftext"
)

// TestLanguageOption: ParseLanguage reads a well-formed BCP 47 tag
// (the CLI's --lang and the service's lang= are read by it, once); a
// malformed one is refused naming "lang", a well-formed one galley does
// not know prints with a warning, and the PDF's /Lang is the tag in
// canonical form.
func TestLanguageOption(t *testing.T) {
	for _, c := range []struct {
		lang    string
		bad     bool
		pdfLang string // the catalog's /Lang; "" not checked
		warn    bool
	}{
		{lang: "../../etc/passwd", bad: true},
		{lang: "en GB", bad: true},
		{lang: "e", bad: true},
		{lang: "english", bad: true},
		{lang: "en--GB", bad: true},
		{lang: "<script>", bad: true},
		{lang: "de\x00", bad: true},
		{lang: "en-GB", pdfLang: "en-GB"},
		{lang: "en_gb", pdfLang: "en-GB"},
		{lang: "EN-gb", pdfLang: "en-GB"},
		{lang: "en_GB.UTF-8", pdfLang: "en-GB"},
		{lang: "de", pdfLang: "de"},
		{lang: "pt-BR", pdfLang: "pt-BR"},
		{lang: "sr-Latn-RS", pdfLang: "sr-Latn-RS"},
		{lang: "zz-ZZ", pdfLang: "zz-ZZ", warn: true},
		{lang: "zz", pdfLang: "zz", warn: true},
	} {
		t.Run(c.lang, func(t *testing.T) {
			lang, err := galley.ParseLanguage(c.lang)
			if c.bad {
				if !errors.Is(err, galley.ErrInvalidOptions) || !strings.Contains(err.Error(), "lang") || lang != (galley.Language{}) {
					t.Fatalf("ParseLanguage: %v, %q; want ErrInvalidOptions naming lang", err, lang)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseLanguage: %v", err)
			}
			if err := (galley.Options{Language: lang}).Check(); err != nil {
				t.Fatalf("Check: %v", err)
			}
			var logged bytes.Buffer
			logger := slog.New(slog.NewTextHandler(&logged, nil))
			d, err := pdftext.Read(export(t, articles(t)["seed"], galley.Options{Language: lang, Logger: logger}))
			if err != nil {
				t.Fatal(err)
			}
			if d.Lang != c.pdfLang {
				t.Errorf("/Lang %q, want %q", d.Lang, c.pdfLang)
			}
			if warned := strings.Contains(logged.String(), "not a language galley knows"); warned != c.warn {
				t.Errorf("warned %v, want %v; log:\n%s", warned, c.warn, logged.String())
			}
		})
	}
}

// TestDateOption: the creation date is one a PDF carries; the zero time
// means "no date", so 0001-01-01 cannot be honoured and is refused, as
// are dates whose UTC year has five digits or none.
func TestDateOption(t *testing.T) {
	for _, c := range []struct {
		in   string
		want string // the PDF date; "" refused
	}{
		{"2024-03-01", "D:20240301000000"},
		{"2024-03-01T12:34:56Z", "D:20240301123456"},
		{"2024-03-01T12:34:56", "D:20240301123456"},
		{"2024-03-01T12:34:56+02:00", "D:20240301103456"},
		{"0001-01-02", "D:00010102000000"},
		{"9999-12-31T23:59:59Z", "D:99991231235959"},
		{"0001-01-01", ""},
		{"0001-01-01T00:00:00Z", ""},
		{"0001-01-01T12:00:00Z", ""},
		{"0001-01-02T00:30:00+01:00", ""}, // 0001-01-01 in UTC
		{"9999-12-31T23:00:00-02:00", ""}, // year 10000 in UTC
		{"yesterday", ""},
		{"01/03/2024", ""},
	} {
		t.Run(c.in, func(t *testing.T) {
			d, err := galley.ParseDate(c.in)
			if c.want == "" {
				if !errors.Is(err, galley.ErrInvalidOptions) || !strings.Contains(err.Error(), "date") {
					t.Fatalf("ParseDate: %v, %v; want ErrInvalidOptions naming date", d, err)
				}
				if strings.HasPrefix(c.in, "0001-01-01") && !strings.Contains(err.Error(), galley.DateRange) {
					t.Errorf("%v: does not name the range %s", err, galley.DateRange)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if pdf := export(t, articles(t)["seed"], galley.Options{Date: d}); !bytes.Contains(pdf, []byte(c.want)) {
				t.Errorf("no %s in the PDF", c.want)
			}
		})
	}
	// the library checks Options.Date the same way
	for _, d := range []time.Time{
		time.Date(1, 1, 1, 12, 0, 0, 0, time.UTC),
		time.Date(1, 1, 1, 0, 0, 0, 0, time.FixedZone("", -3600)),
		time.Date(9999, 12, 31, 23, 0, 0, 0, time.FixedZone("", -7200)),
		time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC),
	} {
		if err := (galley.Options{Date: d}).Check(); !errors.Is(err, galley.ErrInvalidOptions) {
			t.Errorf("Date %v: %v, want ErrInvalidOptions", d, err)
		}
	}
}
