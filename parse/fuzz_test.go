package parse

import (
	"os"
	"path/filepath"
	"strings"
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

// FuzzDetect parses any bytes under any name with the format detected:
// nothing panics, errors are one line, and a feed, archive or other XML is
// always refused, never an article.
func FuzzDetect(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("..", "testdata", "articles", "*", "input.*"))
	for _, file := range files {
		if data, err := os.ReadFile(file); err == nil {
			f.Add(data, filepath.Base(file))
		}
	}
	for _, s := range []string{"", "<?xml version=\"1.0\"?><rss><channel/></rss>", "<feed xmlns=\"http://www.w3.org/2005/Atom\"/>",
		"<!DOCTYPE html><html><body><p>x</p></body></html>", "<svg xmlns=\"x\"/>", "WARC/1.0\r\n\r\n", "<!-- c --><?pi?><!DOCTYPE x><x/>",
		"{\"version\": \"https://jsonfeed.org/version/1\", \"items\": []}", "---\ntitle: T\n---\n", "<John> hi", "\xff\xfe<\x00r\x00s\x00s\x00>\x00"} {
		for _, name := range []string{"", "a.xml", "a.md", "a.json", "a.warc.gz", "a.svg"} {
			f.Add([]byte(s), name)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte, name string) {
		if strings.ContainsAny(name, "\r\n") {
			return // errors start with the name, a file name of one line
		}
		format := Detect(name, data)
		arts, err := Parse(data, Options{Name: name})
		switch {
		case err != nil:
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error of more than one line: %q", err)
			}
		case format == FormatFeed || format == FormatWARC || format == FormatXML:
			t.Errorf("%s parsed as %d articles", format, len(arts))
		default:
			for _, a := range arts {
				if a.Title == "" && !hasContent(a.Body) {
					t.Errorf("an article with neither a title nor a body: %+v", a)
				}
			}
		}
	})
}
