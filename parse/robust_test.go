package parse

import (
	"bytes"
	"errors"
	"log/slog"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/galleyprint/galley/article"
)

func garbage(n int) []byte {
	r := rand.New(rand.NewPCG(1, 2))
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(r.UintN(256))
	}
	return b
}

func TestTextErrors(t *testing.T) {
	tests := []struct {
		name string
		in   []byte
		want error
	}{
		{"empty", nil, ErrNoContent},
		{"whitespace", []byte(" \n\t\r\n \u00a0 \n"), ErrNoContent},
		{"furniture only", []byte("print-icon\n\nShare this article\n0\nLoading..."), ErrNoContent},
		{"credit only", []byte("Image: KCNA"), ErrNoContent},
		{"rules only", []byte("* * *\n---"), ErrNoContent},
		{"garbage", garbage(4096), ErrUnsupportedFormat},
		{"nul bytes", append([]byte("Title\n\nSome text."), make([]byte, 100)...), ErrUnsupportedFormat},
		{"controls", bytes.Repeat([]byte("a\x01\x02\x03"), 100), ErrUnsupportedFormat},
		{"not utf-8", bytes.Repeat([]byte{0xC3, 0x28, 0xA0, 0xA1}, 100), ErrUnsupportedFormat},
	}
	for _, tt := range tests {
		a, err := Text(tt.in, nil)
		if !errors.Is(err, tt.want) || a != nil {
			t.Errorf("%s: Text() = %v, %v; want an error wrapping %v", tt.name, a, err, tt.want)
		}
	}
	if _, err := Text(garbage(100), nil); err == nil || !strings.Contains(err.Error(), "binary data") {
		t.Errorf("garbage: error %v does not say binary", err)
	}
}

func TestInvalidUTF8(t *testing.T) {
	var log bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&log, nil))
	a, err := Text([]byte("Title\n\nCaf\xe9 au lait and cr\xe8me br\xfbl\xe9e.\n\nMore \xff text."), logger)
	if err != nil {
		t.Fatal(err)
	}
	if got := outline(a); got != "T:Title | p:Caf\uFFFD au lait and cr\uFFFDme br\uFFFDl\uFFFDe. | p:More \uFFFD text." {
		t.Errorf("got %s", got)
	}
	if n := strings.Count(log.String(), "level=WARN"); n != 1 || !strings.Contains(log.String(), "bytes=5") {
		t.Errorf("want one warning counting 5 bytes, got %q", log.String())
	}
}

func TestLineEndings(t *testing.T) {
	lf := readTestdata(t, "seed/input.txt")
	want, err := Text(lf, nil)
	if err != nil {
		t.Fatal(err)
	}
	for name, in := range map[string][]byte{
		"CRLF": bytes.ReplaceAll(lf, []byte("\n"), []byte("\r\n")),
		"CR":   bytes.ReplaceAll(lf, []byte("\n"), []byte("\r")),
	} {
		got, err := Text(in, nil)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: article differs from LF:\n got %s\nwant %s", name, outline(got), outline(want))
		}
	}
}

func TestLargeInputs(t *testing.T) {
	// A hard-wrapped 20 MB file.
	para := strings.Repeat("The quick brown fox jumps over the lazy dog again\n", 12)
	var b strings.Builder
	b.WriteString("A Very Long File\n\n")
	n := 0
	for b.Len() < 20<<20 {
		b.WriteString(para)
		b.WriteString("\n")
		n++
	}
	long := strings.Repeat("word ", 2<<20) // one 10 MB line
	wordy := strings.Repeat("x", 5000)
	tests := []struct {
		name  string
		in    string
		title string
		paras int
	}{
		{"20 MB wrapped", b.String(), "A Very Long File", n},
		{"10 MB paragraph", "Title\n\n" + long, "Title", 1},
		{"10 MB first line", long, "", 1},
		{"5000-character word", "Title\n\nA " + wordy + " word.", "Title", 1},
		{"5000-character line", wordy, "", 1},
	}
	for _, tt := range tests {
		start := time.Now()
		a, err := Text([]byte(tt.in), nil)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		t.Logf("%s: %v", tt.name, time.Since(start))
		if a.Title != tt.title || len(a.Body) != tt.paras {
			t.Errorf("%s: title %q and %d blocks, want %q and %d", tt.name, a.Title, len(a.Body), tt.title, tt.paras)
		}
	}
}

func TestEmoji(t *testing.T) {
	in := strings.Repeat("😀🎉👍🏽 🇺🇳 👨‍👩‍👧 ❤️ 🦀\n\n", 50)
	a, err := Text([]byte(in), nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Body) != 50 || a.Body[0].Text.Plain() != "😀🎉👍🏽 🇺🇳 👨‍👩‍👧 ❤️ 🦀" {
		t.Errorf("got %d blocks, first %q", len(a.Body), a.Body[0].Text.Plain())
	}
}

func BenchmarkText(b *testing.B) {
	data := bytes.Repeat(readTestdata(b, "seed/input.txt"), 100)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Text(data, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// checkArticle fails unless a is a usable article.
func checkArticle(t *testing.T, a *article.Article) {
	t.Helper()
	if a == nil || len(a.Body) == 0 || !hasContent(a.Body) {
		t.Fatalf("nil error but no article body: %+v", a)
	}
	if err := a.Validate(); err != nil {
		t.Fatal(err)
	}
}
