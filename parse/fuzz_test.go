package parse

import (
	"os"
	"path/filepath"
	"testing"
)

// addTestdata adds every input file of ../testdata/articles to f's corpus.
func addTestdata(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("..", "testdata", "articles", "*", "input.*"))
	for _, file := range files {
		if data, err := os.ReadFile(file); err == nil {
			f.Add(data)
		}
	}
}

func FuzzText(f *testing.F) {
	addTestdata(f)
	for _, s := range []string{"", "Title\n\nBody.", "Title\nBy Jane Doe and John Roe\nNov. 1, 2023 at 11:20 p.m. ET\n\nBody.",
		"T\n\n- a\n- b\n\n1. x\n2. y\n\n## H\n\nTHE CAPS\n\nText.\n\n* * *\n\nCaption: c\nPhoto: p", "\xff\xfeT\x00",
		"😀\r\n\r\n\u00a0\u200b\x01", "print-icon\n0\nLoading..."} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		a, err := Text(data, nil)
		if err == nil {
			checkArticle(t, a)
		}
	})
}

func FuzzJSON(f *testing.F) {
	addTestdata(f)
	for _, s := range []string{`{"title": "T", "body": "x"}`, `{"headline": "H", "author": [{"name": "A"}], "content": "a\n\nb"}`,
		`[{"title": "a", "body": "x"}]`, `{"title": 5}`, `{"body": [{"type": "list", "items": [{"blocks": [{"type": "heading", "level": 9}]}]}]}`,
		"{\"body\": \"x\"}\n{\"body\": \"y\"}", `{"body": [{"type": "paragraph", "text": [{"text": "a", "bold": true}]}], "published": "Nov 1, 2023"}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if a, err := JSON(data); err == nil {
			checkArticle(t, a)
		}
		if arts, err := JSONLines(data); err == nil {
			for _, a := range arts {
				checkArticle(t, a)
			}
		}
	})
}
