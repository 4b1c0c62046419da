package parse_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/galleyprint/galley/article"
	"github.com/galleyprint/galley/parse"
)

func mustMarkdown(t *testing.T, src, name string) *article.Article {
	t.Helper()
	a, err := parse.Markdown([]byte(src), name, "")
	if err != nil {
		t.Fatalf("parse.Markdown: %v", err)
	}
	return a
}

func TestMarkdownFrontMatter(t *testing.T) {
	tests := []struct {
		name    string
		src     string
		file    string
		want    article.Article // Body ignored
		wantLen int             // body blocks
	}{
		{
			name: "toml with a dated path",
			src: `+++
title = "Notes from the Harbour"
authors = ["Jane Doe", "John Roe"]
path = "2024/05/01/notes-from-the-harbour"
tags = ["sea", "town"]
+++

# Notes from the Harbour

The first paragraph.
`,
			want: article.Article{Title: "Notes from the Harbour", Authors: []string{"Jane Doe", "John Roe"},
				Published: date("2024-05-01T00:00:00Z"), Tags: []string{"sea", "town"}},
			wantLen: 1,
		},
		{
			name: "toml dates",
			src: `+++
title = "Dated"
date = 2024-05-02
updated = 2024-06-01T10:00:00+02:00
description = "A TOML description."
lang = "fr"
+++
Body.
`,
			want: article.Article{Title: "Dated", Published: date("2024-05-02T00:00:00Z"),
				Updated: date("2024-06-01T10:00:00+02:00"), Excerpt: "A TOML description.", Language: "fr"},
			wantLen: 1,
		},
		{
			name: "yaml, author string, plain date",
			src: `---
title: "A YAML post"
author: "Jane Doe and John Roe"
date: 2024-02-03
updated: 2024-02-10T09:30:00+01:00
description: A short description.
tags: [harbour, council]
---

Body text.
`,
			want: article.Article{Title: "A YAML post", Authors: []string{"Jane Doe", "John Roe"},
				Published: date("2024-02-03T00:00:00Z"), Updated: date("2024-02-10T09:30:00+01:00"),
				Excerpt: "A short description.", Tags: []string{"harbour", "council"}},
			wantLen: 1,
		},
		{
			name: "yaml, author list, RFC 3339 date",
			src:  "---\r\ntitle: List authors\r\nauthor:\r\n  - Ann Lee\r\n  - Bob Stone\r\ndate: 2024-02-03T10:20:30Z\r\nsummary: The summary.\r\ncategories: [news]\r\n---\r\nBody.\r\n",
			want: article.Article{Title: "List authors", Authors: []string{"Ann Lee", "Bob Stone"},
				Published: date("2024-02-03T10:20:30Z"), Excerpt: "The summary.", Tags: []string{"news"}},
			wantLen: 1,
		},
		{
			name:    "yaml, quoted date string and lastmod",
			src:     "---\ntitle: Strings\ndate: \"2024-07-08\"\nlastmod: \"2024-07-09T12:00:00Z\"\n---\nBody.\n",
			want:    article.Article{Title: "Strings", Published: date("2024-07-08T00:00:00Z"), Updated: date("2024-07-09T12:00:00Z")},
			wantLen: 1,
		},
		{
			name:    "no front matter: the first heading is the title",
			src:     "# Heading Title\n\nBody text.\n\n## A section\n\nMore.\n",
			want:    article.Article{Title: "Heading Title"},
			wantLen: 3,
		},
		{
			name:    "no front matter, no heading: the file name",
			src:     "Just some text.\n",
			file:    "notes/my_harbour-notes.md",
			want:    article.Article{Title: "my harbour notes"},
			wantLen: 1,
		},
		{
			name:    "a dated file name",
			src:     "# Dated by name\n\nSome body text.\n",
			file:    "posts/2023-10-05-my-post.md",
			want:    article.Article{Title: "Dated by name", Published: date("2023-10-05T00:00:00Z")},
			wantLen: 1,
		},
		{
			name:    "the front matter date beats the file name",
			src:     "---\ntitle: Both\ndate: 2024-01-02\n---\nBody.\n",
			file:    "2023-10-05-both.md",
			want:    article.Article{Title: "Both", Published: date("2024-01-02T00:00:00Z")},
			wantLen: 1,
		},
		{
			name:    "front matter without a title: the heading",
			src:     "---\nauthor: Ann Lee\n---\n# From the heading\n\nBody.\n",
			want:    article.Article{Title: "From the heading", Authors: []string{"Ann Lee"}},
			wantLen: 1,
		},
		{
			name:    "a UTF-8 byte order mark",
			src:     "\xEF\xBB\xBF---\ntitle: With BOM\n---\nBody.\n",
			want:    article.Article{Title: "With BOM"},
			wantLen: 1,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := mustMarkdown(t, tt.src, tt.file)
			w := tt.want
			check := func(field string, got, want any) {
				t.Helper()
				g, _ := json.Marshal(got)
				wj, _ := json.Marshal(want)
				if string(g) != string(wj) {
					t.Errorf("%s = %s, want %s", field, g, wj)
				}
			}
			check("title", a.Title, w.Title)
			check("authors", a.Authors, w.Authors)
			check("excerpt", a.Excerpt, w.Excerpt)
			check("tags", a.Tags, w.Tags)
			check("language", a.Language, w.Language)
			if !sameTime(a.Published, w.Published) {
				t.Errorf("published = %s, want %s", fmtTime(a.Published), fmtTime(w.Published))
			}
			if !sameTime(a.Updated, w.Updated) {
				t.Errorf("updated = %s, want %s", fmtTime(a.Updated), fmtTime(w.Updated))
			}
			if len(a.Body) != tt.wantLen {
				t.Errorf("%d body blocks, want %d: %s", len(a.Body), tt.wantLen, blocksJSON(t, a.Body))
			}
			for _, b := range a.Body {
				if b.Kind == article.KindHeading && b.Text.Plain() == a.Title {
					t.Errorf("the title is repeated as a heading")
				}
			}
		})
	}
}

func TestMarkdownFrontMatterErrors(t *testing.T) {
	tests := []struct {
		name, src, wantMsg string
	}{
		{"unclosed yaml", "---\ntitle: Never closed\n\nBody text.\n", "never closed"},
		{"unclosed toml", "+++\ntitle = \"Never closed\"\n\nBody text.\n", "never closed"},
		{"bad yaml", "---\ntitle: [unclosed\n---\nBody.\n", "front matter"},
		{"bad toml", "+++\ntitle = \n+++\nBody.\n", "front matter"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parse.Markdown([]byte(tt.src), "post.md", "")
			if !errors.Is(err, parse.ErrUnsupportedFormat) {
				t.Fatalf("err = %v, want ErrUnsupportedFormat", err)
			}
			if !strings.Contains(err.Error(), tt.wantMsg) || strings.Contains(err.Error(), "\n") {
				t.Errorf("message %q: want one line mentioning %q", err, tt.wantMsg)
			}
			_, err = parse.Parse([]byte(tt.src), parse.Options{Name: "post.md"})
			if !errors.Is(err, parse.ErrUnsupportedFormat) || !strings.HasPrefix(err.Error(), "post.md: ") {
				t.Errorf("Parse: %v, want ErrUnsupportedFormat naming post.md", err)
			}
		})
	}
}

func TestMarkdownBlocks(t *testing.T) {
	tests := []struct {
		name, src string
		want      string // article JSON of the body
	}{
		{"gfm table", "| Year | Cost | Note |\n|-----:|:----:|------|\n| 2024 | £1m | first |\n",
			`[{"type":"table","table":{"header":[[{"text":"Year","align":"end"},{"text":"Cost","align":"center"},{"text":"Note"}]],
			  "rows":[[{"text":"2024","align":"end"},{"text":"£1m","align":"center"},{"text":"first"}]]}}]`},
		{"strikethrough", "This is ~~old~~ new.\n",
			`[{"type":"paragraph","text":[{"text":"This is "},{"text":"old ","strike":true},{"text":"new."}]}]`},
		{"autolink", "Visit https://example.org/page today.\n",
			`[{"type":"paragraph","text":[{"text":"Visit "},{"text":"https://example.org/page","link":"https://example.org/page"},{"text":" today."}]}]`},
		{"fenced code with language", "```go\nfunc main() {\n\tprintln(\"hi\")\n}\n```\n",
			`[{"type":"code","code":"func main() {\n\tprintln(\"hi\")\n}","language":"go"}]`},
		{"raw html figure", "<figure><img src=\"x.png\"><figcaption>Cap</figcaption></figure>\n",
			`[{"type":"figure","figure":{"src":"x.png","caption":"Cap"}}]`},
		{"raw html figure with a credit span", "<figure><img src=\"x.png\"><figcaption>The quay. <span class=\"credit\">Ann Lee</span></figcaption></figure>\n",
			`[{"type":"figure","figure":{"src":"x.png","caption":"The quay.","credit":"Ann Lee"}}]`},
		{"image stays relative", "![The quay at dawn](images/quay.png \"Quay\")\n",
			`[{"type":"figure","figure":{"src":"images/quay.png","alt":"The quay at dawn","caption":[{"text":"The quay at dawn"}]}}]`},
		{"image in a folder above stays as written", "![Up](../shared/up.png)\n",
			`[{"type":"figure","figure":{"src":"../shared/up.png","alt":"Up","caption":[{"text":"Up"}]}}]`},
		{"lists", "1. one\n2. two\n\n- a\n  - nested\n- b\n",
			`[{"type":"list","ordered":true,"items":[{"blocks":[{"type":"paragraph","text":"one"}]},{"blocks":[{"type":"paragraph","text":"two"}]}]},
			  {"type":"list","items":[{"blocks":[{"type":"paragraph","text":"a"},{"type":"list","items":[{"blocks":[{"type":"paragraph","text":"nested"}]}]}]},
			   {"blocks":[{"type":"paragraph","text":"b"}]}]}]`},
		{"ordered list start", "3. three\n4. four\n",
			`[{"type":"list","ordered":true,"start":3,"items":[{"blocks":[{"type":"paragraph","text":"three"}]},{"blocks":[{"type":"paragraph","text":"four"}]}]}]`},
		{"quote, rule, headings", "> Quoted.\n\n---\n\n### Third\n",
			`[{"type":"quote","blocks":[{"type":"paragraph","text":"Quoted."}]},{"type":"rule"},{"type":"heading","level":3,"text":"Third"}]`},
		{"inline styles and a hard break", "**bold** *it* `code`  \nnext line\n",
			`[{"type":"paragraph","text":[{"text":"bold ","bold":true},{"text":"it ","italic":true},{"text":"code","code":true},{"break":true},{"text":"next line"}]}]`},
		{"relative link dropped, text kept", "See [the notes](notes.md) and [the site](https://example.org/).\n",
			`[{"type":"paragraph","text":[{"text":"See the notes and "},{"text":"the site","link":"https://example.org/"},{"text":"."}]}]`},
		{"hidden raw html", "Shown.\n\n<div hidden>Hidden raw.</div>\n\n<p style=\"display:none\">None.</p>\n",
			`[{"type":"paragraph","text":"Shown."}]`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := mustMarkdown(t, "---\ntitle: Blocks\n---\n"+tt.src, "")
			got, want := blocksJSON(t, a.Body), normJSON(t, tt.want)
			if got != want {
				t.Errorf("blocks\n got %s\nwant %s", got, want)
			}
		})
	}
}

// TestMarkdownTaskList: a printed task list shows which tasks are done.
func TestMarkdownTaskList(t *testing.T) {
	a := mustMarkdown(t, "---\ntitle: Tasks\n---\n- [x] done task\n- [ ] open task\n", "")
	if len(a.Body) != 1 || a.Body[0].Kind != article.KindList || len(a.Body[0].Items) != 2 {
		t.Fatalf("body %s, want one list of two items", blocksJSON(t, a.Body))
	}
	var items []string
	for _, it := range a.Body[0].Items {
		var s []string
		for _, b := range it.Blocks {
			s = append(s, b.Text.Plain())
		}
		items = append(items, strings.Join(s, "\n"))
	}
	if !strings.Contains(items[0], "done task") || !strings.Contains(items[1], "open task") {
		t.Fatalf("items %q lost their text", items)
	}
	if strings.TrimSpace(strings.Replace(items[0], "done", "", 1)) == strings.TrimSpace(strings.Replace(items[1], "open", "", 1)) {
		t.Errorf("items %q: the checked and the unchecked task print alike (the checkbox state is lost)", items)
	}
}

// TestMarkdownFootnotes: a footnote's text is printed, its in-page back
// link arrow is not.
func TestMarkdownFootnotes(t *testing.T) {
	a := mustMarkdown(t, "---\ntitle: Notes\n---\nA claim.[^1] Another.[^long]\n\n[^1]: The footnote text is here.\n[^long]: A second note, with *emphasis*.\n", "")
	text := allText(a)
	for _, want := range []string{"A claim.", "The footnote text is here.", "A second note, with emphasis."} {
		if !strings.Contains(text, want) {
			t.Errorf("text lacks %q:\n%s", want, text)
		}
	}
	if strings.ContainsRune(text, '↩') || strings.ContainsRune(text, '\uFE0E') {
		t.Errorf("the footnotes' back-link arrows (↩︎, links to #fnref) are printed:\n%q", text)
	}
	// the reference marks are superscripts
	var sups []string
	for _, r := range a.Body[0].Text {
		if r.Sup {
			sups = append(sups, strings.TrimSpace(r.Text))
		}
	}
	if strings.Join(sups, ",") != "1,2" {
		t.Errorf("footnote marks %q, want superscript 1 and 2", sups)
	}
}

func TestMarkdownEmpty(t *testing.T) {
	for _, src := range []string{"", "\n\n", "---\n---\n", "<!-- a comment -->\n"} {
		_, err := parse.Markdown([]byte(src), "", "")
		if !errors.Is(err, parse.ErrNoContent) {
			t.Errorf("%q: err = %v, want ErrNoContent", src, err)
		}
	}
	// a title made from the file name is not content
	if a, err := parse.Markdown(nil, "drafts/empty-post.md", ""); !errors.Is(err, parse.ErrNoContent) {
		t.Errorf("named empty post: %+v, %v; want ErrNoContent", a, err)
	}
}

func TestParseMarkdown(t *testing.T) {
	const src = "+++\ntitle = \"Through Parse\"\ndate = 2024-05-01\n+++\n\nBody with ![a picture](img/a.png).\n"
	tests := []struct {
		name string
		opts parse.Options
	}{
		{"format option", parse.Options{Format: parse.FormatMarkdown}},
		{".md", parse.Options{Name: "post.md"}},
		{".markdown", parse.Options{Name: "post.markdown"}},
		{"sniffed from front matter", parse.Options{Name: "post"}},
		{"stdin", parse.Options{Name: "-"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			arts, err := parse.Parse([]byte(src), tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			if len(arts) != 1 {
				t.Fatalf("%d articles", len(arts))
			}
			a := arts[0]
			if a.Title != "Through Parse" || !sameTime(a.Published, date("2024-05-01T00:00:00Z")) {
				t.Errorf("title %q, published %s", a.Title, fmtTime(a.Published))
			}
			if figs := figures(a.Body); len(figs) != 1 || figs[0].Src != "img/a.png" {
				t.Errorf("figures %s, want img/a.png", blocksJSON(t, a.Body))
			}
		})
	}
	if f := parse.Detect("", []byte(src)); f != parse.FormatMarkdown {
		t.Errorf("Detect = %q, want markdown", f)
	}
}
