package main

import (
	"strings"

	"github.com/galleyprint/galley"
)

// rootLong is galley's own help: what it reads and writes. Its list of
// inputs is checked against galley.Formats by TestRootHelpListsFormats.
const rootLong = `galley prints articles as PDF pages set like a newspaper's: masthead,
headline, byline and dateline, figures with captions and credits, justified
text in one to three columns, running heads and folios.

Inputs, known by the file name's ending, else by their content:
  web pages      .html .htm .xhtml, or an http(s) URL: the article is extracted
  Markdown       .md .markdown, with YAML or TOML front matter
  text           .txt .text: print-view text dumps and plain text
  article JSON   .json: one article or an array (docs/article-json.md)
  JSON Lines     .jsonl .ndjson: one article JSON a line
  feeds          .rss .atom .rdf .xml: RSS, Atom and JSON Feed, an article an entry
  WARC archives  .warc .warc.gz: an article per HTML page
Standard input is -. Other XML (a sitemap, SVG) and binary files are refused.

Outputs: PDF (export, batch, serve), PNG pages (preview), article JSON
(inspect). Images are read from the input's folder, data: URIs and the web
(not with --offline).`

// rootExample shows the commands at work.
const rootExample = `  galley export story.html                       # ./<title>.pdf
  galley export https://example.com/news/story -o story.pdf
  galley export feed.xml -o out/                 # a PDF per entry
  galley batch ./archive -o out/ --book archive.pdf
  galley preview post.md -o pages/               # pages/page-001.png…
  galley inspect notes.txt                       # what galley understood, as JSON`

// formatUsage is the help of --format, from galley's own list of formats.
func formatUsage() string {
	var names []string
	for _, f := range galley.Formats() {
		names = append(names, string(f.Format))
	}
	return "input format: " + strings.Join(names, ", ") + " (default: detected)"
}
