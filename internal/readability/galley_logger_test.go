package readability

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"testing"
)

// TestLoggers: a new Parser's logger is disabled at every level (it
// formatted records and attributes to throw them away), and a parser given
// a debug logger still has cleanConditionally's records name their node
// and grabArticle's give the candidates' scores.
func TestLoggers(t *testing.T) {
	if NewParser().Logger.Enabled(context.Background(), slog.LevelError) {
		t.Error("the default logger is enabled")
	}
	var out bytes.Buffer
	ps := NewParser()
	ps.Logger = slog.New(slog.NewTextHandler(&out, &slog.HandlerOptions{Level: slog.LevelDebug}))
	page := `<html><body><div class="article">` + strings.Repeat(`<p>A paragraph of the article, long enough to count, with words, commas, and more words.</p>`, 8) +
		`<div class="promo"><a href="/1">one</a> <a href="/2">two</a> <a href="/3">three</a></div></div></body></html>`
	if _, err := ps.Parse(strings.NewReader(page), nil); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "cleanConditionally=") {
		t.Errorf("no cleanConditionally record names its node:\n%s", out.String())
	}
	if !strings.Contains(out.String(), `msg="scored candidate" pass=1 score=`) {
		t.Errorf("grabArticle's candidates are not logged at the debug level:\n%s", out.String())
	}
}
