package main

// Tests of the output file names made from titles.

import (
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/galleyprint/galley"
)

func TestSlug(t *testing.T) {
	tests := []struct{ title, want string }{
		{"Hello World", "hello-world"},
		{"Café Müller", "cafe-muller"},
		{"Crème brûlée à la carte", "creme-brulee-a-la-carte"},
		{"İstanbul", "istanbul"},
		{"ﬁnancial ﬂows", "financial-flows"}, // ligatures, NFKD
		{"What's next? (Part 2)", "what-s-next-part-2"},
		{"  --Leading, trailing!!  ", "leading-trailing"},
		{"Tab\tand\nnewline", "tab-and-newline"},
		{"Kim Jong-Un: 1,000,000 shells", "kim-jong-un-1-000-000-shells"},
		{"../../etc/passwd", "etc-passwd"},
		{`C:\Windows\system32`, "c-windows-system32"},
		{"a/b\\c:d*e?f\"g<h>i|j", "a-b-c-d-e-f-g-h-i-j"},
		{"東京の天気", ""},
		{"Путин", ""},
		{"", ""},
		{"😀😀😀", ""},
	}
	for _, tt := range tests {
		if got := galley.Slug(tt.title); got != tt.want {
			t.Errorf("galley.Slug(%q) = %q, want %q", tt.title, got, tt.want)
		}
	}
}

func TestSlugLength(t *testing.T) {
	titles := map[string]string{
		"200 letters":                strings.Repeat("abcdefghij", 20),
		"200-char title with words":  strings.Repeat("word ", 40),
		"79 letters, then a word":    strings.Repeat("a", 79) + " bcd",
		"78 letters, then a word":    strings.Repeat("a", 78) + " bcd",
		"accented letters to 200":    strings.Repeat("é", 200),
		"long words across the edge": strings.Repeat("x", 40) + " " + strings.Repeat("y", 39) + " zzz",
	}
	for name, title := range titles {
		s := galley.Slug(title)
		if len(s) > 80 {
			t.Errorf("%s: slug is %d bytes, want at most 80: %q", name, len(s), s)
		}
		if s == "" || strings.HasPrefix(s, "-") || strings.HasSuffix(s, "-") || strings.Contains(s, "--") {
			t.Errorf("%s: slug %q", name, s)
		}
	}
}

func TestSlugFallbacks(t *testing.T) {
	t.Run("CJK title uses the file name", func(t *testing.T) {
		inTemp(t)
		write(t, "tokyo-weather.json", []byte(`{"title": "東京の天気", "body": "晴れ。"}`))
		code, _, stderr := galleyRun(t, nil, "export", "-q", "tokyo-weather.json")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		readPDF(t, "tokyo-weather.pdf")
	})
	t.Run("CJK title from stdin", func(t *testing.T) {
		dir := inTemp(t)
		code, _, stderr := galleyRun(t, []byte(`{"title": "東京の天気", "body": "晴れ。"}`), "export", "-q", "-")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		got := files(t, dir)
		if len(got) != 1 || !strings.HasSuffix(got[0], ".pdf") || strings.HasPrefix(got[0], ".") || strings.HasPrefix(got[0], "-") {
			t.Fatalf("files %v, want one sensibly named PDF", got)
		}
		readPDF(t, got[0])
	})
	t.Run("path traversal title", func(t *testing.T) {
		root := inTemp(t)
		os.Mkdir("work", 0o755)
		t.Chdir("work")
		write(t, "in.json", []byte(`{"title": "../../etc/passwd", "body": "x"}`))
		code, _, stderr := galleyRun(t, nil, "export", "in.json")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		readPDF(t, "etc-passwd.pdf")
		if got := files(t, root); !slices.Equal(got, []string{"work"}) {
			t.Errorf("wrote outside the folder: %v", got)
		}
	})
}
