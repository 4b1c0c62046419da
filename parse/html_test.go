package parse_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/unicode"

	"github.com/galleyprint/galley/article"
	"github.com/galleyprint/galley/parse"
)

// storyParagraphs is enough real-looking prose for readability to accept a
// page as an article; tests add what they are about after it.
var storyParagraphs = []string{
	"The council of the small harbour town voted on Tuesday evening to rebuild the sea wall that has protected the fishing quarter since the nineteenth century, after three winters in which the sea came over it more often than anyone alive can remember.",
	"The decision, taken after a four-hour meeting in the old customs house, commits the town to a project that engineers estimate will take two years and cost more than the council spends on everything else in a typical year. Several councillors said they had been persuaded by the photographs residents brought along.",
	"The wall was built in 1868 from granite quarried a few miles inland, and for most of its life it needed little more than repointing. Engineers who surveyed it last autumn found that the foundations had been undermined along much of its length, and that the parapet had shifted by several centimetres in places.",
	"Residents of the lower streets described water running through their kitchens during the January storms, and the harbour master said that two boats had been lifted onto the quay. The lifeboat station, which sits at the end of the wall, was cut off for most of a night.",
	"Work is expected to begin in the spring, once the fishing season allows the harbour to be partly closed, and the council has promised to keep the footpath along the top of the wall open for as long as it safely can.",
}

const storyTitle = "Harbour Town Votes to Rebuild Its Old Sea Wall"

// webPage is a news page: furniture around an <article> of story prose
// followed by content.
type webPage struct {
	htmlAttrs string // attributes of <html>, e.g. ` lang="en"`
	charset   string // the <meta charset>; "" for none
	head      string // more of the <head>
	lead      string // content before the prose
	content   string // content after the prose
}

func (p webPage) String() string {
	var b strings.Builder
	b.WriteString("<!DOCTYPE html>\n<html" + p.htmlAttrs + ">\n<head>\n")
	if p.charset != "" {
		b.WriteString(`<meta charset="` + p.charset + `">` + "\n")
	}
	if !strings.Contains(p.head, "<title>") {
		b.WriteString("<title>" + storyTitle + "</title>\n")
	}
	b.WriteString(p.head)
	b.WriteString("\n</head>\n<body>\n")
	b.WriteString(`<header><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav></header>` + "\n")
	b.WriteString("<article>\n" + p.lead + "\n")
	for _, para := range storyParagraphs {
		b.WriteString("<p>" + para + "</p>\n")
	}
	b.WriteString(p.content)
	b.WriteString("\n</article>\n")
	b.WriteString(`<footer><p>© The Coastal Ledger</p><ul><li><a href="/about">About</a></li><li><a href="/contact">Contact</a></li></ul></footer>` + "\n")
	b.WriteString("</body>\n</html>\n")
	return b.String()
}

func mustHTML(t *testing.T, page, pageURL, contentType string) *article.Article {
	t.Helper()
	a, err := parse.HTML([]byte(page), pageURL, contentType)
	if err != nil {
		t.Fatalf("parse.HTML: %v", err)
	}
	return a
}

// added returns the body blocks that are not the story prose.
func added(a *article.Article) []article.Block {
	prose := map[string]bool{}
	for _, p := range storyParagraphs {
		prose[p] = true
	}
	var out []article.Block
	for _, b := range a.Body {
		if b.Kind == article.KindParagraph && prose[b.Text.Plain()] {
			continue
		}
		out = append(out, b)
	}
	return out
}

// blocksJSON is blocks in article JSON, for comparisons that show a
// readable difference.
func blocksJSON(t *testing.T, blocks []article.Block) string {
	t.Helper()
	if blocks == nil {
		blocks = []article.Block{}
	}
	data, err := json.Marshal(blocks)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// normJSON reads want (article JSON blocks, text as strings or runs) and
// writes it as blocksJSON does.
func normJSON(t *testing.T, want string) string {
	t.Helper()
	var blocks []article.Block
	if err := json.Unmarshal([]byte(want), &blocks); err != nil {
		t.Fatalf("bad want %s: %v", want, err)
	}
	return blocksJSON(t, blocks)
}

// allText is the plain text of the article's body, one block a line.
func allText(a *article.Article) string {
	b := *a
	b.Title, b.Subtitle, b.Authors, b.Lead = "", "", nil, nil
	return b.PlainText()
}

// figures lists the figures of blocks, depth first.
func figures(blocks []article.Block) []*article.Figure {
	var out []*article.Figure
	for _, b := range blocks {
		if b.Figure != nil {
			out = append(out, b.Figure)
		}
		out = append(out, figures(b.Blocks)...)
		for _, it := range b.Items {
			out = append(out, figures(it.Blocks)...)
		}
	}
	return out
}

// links lists the links of the inline runs of blocks.
func links(blocks []article.Block) []string {
	var out []string
	for _, b := range blocks {
		for _, r := range b.Text {
			if r.Link != "" {
				out = append(out, r.Link)
			}
		}
		if b.Figure != nil {
			for _, r := range b.Figure.Caption {
				if r.Link != "" {
					out = append(out, r.Link)
				}
			}
		}
		out = append(out, links(b.Blocks)...)
		for _, it := range b.Items {
			out = append(out, links(it.Blocks)...)
		}
	}
	return out
}

func date(s string) *time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return &t
}

func sameTime(a, b *time.Time) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.Equal(*b)
}

func fmtTime(t *time.Time) string {
	if t == nil {
		return "<nil>"
	}
	return t.Format(time.RFC3339)
}

func TestHTMLMetadata(t *testing.T) {
	tests := []struct {
		name    string
		page    webPage
		pageURL string
		want    article.Article // Body ignored
	}{
		{
			name: "opengraph and meta",
			page: webPage{htmlAttrs: ` lang="en-GB"`, charset: "utf-8", head: `
<title>Harbour Town Votes to Rebuild Its Old Sea Wall | The Coastal Ledger</title>
<meta property="og:title" content="Harbour Town Votes to Rebuild Its Old Sea Wall">
<meta property="og:site_name" content="The Coastal Ledger">
<meta property="og:description" content="After three winters of flooding, the council has agreed a plan.">
<meta property="article:published_time" content="2024-03-05T08:30:00Z">
<meta property="article:modified_time" content="2024-03-06T10:00:00Z">
<meta name="author" content="By Jane Doe and John Roe">
<link rel="canonical" href="https://ledger.example/2024/03/sea-wall">`},
			pageURL: "https://ledger.example/news/story.html?utm=x",
			want: article.Article{
				Title: storyTitle, Authors: []string{"Jane Doe", "John Roe"}, SiteName: "The Coastal Ledger",
				Published: date("2024-03-05T08:30:00Z"), Updated: date("2024-03-06T10:00:00Z"),
				Language: "en-GB", Excerpt: "After three winters of flooding, the council has agreed a plan.",
				URL: "https://ledger.example/2024/03/sea-wall",
			},
		},
		{
			name: "json-ld",
			page: webPage{charset: "utf-8", head: `<title>Something else entirely | Site</title>
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle",
 "headline":"Ledger Headline From JSON-LD",
 "author":[{"@type":"Person","name":"Ann Lee"},{"@type":"Person","name":"Bob Stone"}],
 "datePublished":"2024-04-01T09:00:00+02:00","dateModified":"2024-04-02T11:00:00+02:00",
 "publisher":{"@type":"Organization","name":"The Ledger"},
 "description":"A JSON-LD description."}</script>`},
			pageURL: "https://ledger.example/a/b.html",
			want: article.Article{
				Title: "Ledger Headline From JSON-LD", Authors: []string{"Ann Lee", "Bob Stone"}, SiteName: "The Ledger",
				Published: date("2024-04-01T09:00:00+02:00"), Updated: date("2024-04-02T11:00:00+02:00"),
				Excerpt: "A JSON-LD description.", URL: "https://ledger.example/a/b.html",
			},
		},
		{
			name: "plain meta, rtl, relative canonical",
			page: webPage{htmlAttrs: ` lang="ar" dir="rtl"`, charset: "utf-8", head: `<title>Plain Meta Title</title>
<meta name="date" content="2023-11-02">
<meta name="keywords" content="harbour, sea wall , council">
<meta name="description" content="Meta description.">
<link rel="canonical" href="/canon/story">
<meta property="og:url" content="https://og.example/x">`},
			pageURL: "https://ledger.example/a/b.html",
			want: article.Article{
				Title: "Plain Meta Title", Published: date("2023-11-02T00:00:00Z"), Language: "ar",
				Direction: article.DirRTL, Excerpt: "Meta description.", URL: "https://ledger.example/canon/story",
				Tags: []string{"harbour", "sea wall", "council"},
			},
		},
		{
			name: "byline in the page, article tags, og:url, ltr body",
			page: webPage{charset: "utf-8", head: `<title>Short</title>
<meta property="article:tag" content="floods">
<meta property="article:tag" content="council">
<meta name="keywords" content="ignored">
<meta property="og:url" content="https://og.example/x">`,
				lead: `<p class="byline">By Ann Lee</p>`},
			pageURL: "https://ledger.example/a/b.html",
			want: article.Article{
				Title: "Short", Authors: []string{"Ann Lee"}, URL: "https://og.example/x",
				Excerpt: storyParagraphs[0], Tags: []string{"floods", "council"},
			},
		},
		{
			name:    "nothing but a title: the page URL",
			page:    webPage{charset: "utf-8"},
			pageURL: "https://ledger.example/a/b.html",
			want:    article.Article{Title: storyTitle, URL: "https://ledger.example/a/b.html", Excerpt: storyParagraphs[0]},
		},
		{
			name: "no page URL: no url",
			page: webPage{charset: "utf-8"},
			want: article.Article{Title: storyTitle, Excerpt: storyParagraphs[0]},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := mustHTML(t, tt.page.String(), tt.pageURL, "")
			w := tt.want
			check := func(field string, got, want any) {
				t.Helper()
				g, _ := json.Marshal(got)
				wj, _ := json.Marshal(want)
				if !bytes.Equal(g, wj) {
					t.Errorf("%s = %s, want %s", field, g, wj)
				}
			}
			check("title", a.Title, w.Title)
			check("authors", a.Authors, w.Authors)
			check("site", a.SiteName, w.SiteName)
			check("language", a.Language, w.Language)
			check("direction", a.Direction, w.Direction)
			check("excerpt", a.Excerpt, w.Excerpt)
			check("url", a.URL, w.URL)
			check("tags", a.Tags, w.Tags)
			if !sameTime(a.Published, w.Published) {
				t.Errorf("published = %s, want %s", fmtTime(a.Published), fmtTime(w.Published))
			}
			if !sameTime(a.Updated, w.Updated) {
				t.Errorf("updated (modified) = %s, want %s", fmtTime(a.Updated), fmtTime(w.Updated))
			}
			if len(added(a)) != 0 {
				t.Errorf("blocks besides the story: %s", blocksJSON(t, added(a)))
			}
		})
	}
}

func TestHTMLAuthors(t *testing.T) {
	tests := []struct {
		byline string
		want   []string
	}{
		{"By Jane Doe and John Roe", []string{"Jane Doe", "John Roe"}},
		{"Jane Doe", []string{"Jane Doe"}},
		{"by Jane Doe, John Roe & Ann Lee", []string{"Jane Doe", "John Roe", "Ann Lee"}},
		{"Written by: Ann Lee", []string{"Ann Lee"}},
		{"BY   Ann   Lee | Bob Stone", []string{"Ann Lee", "Bob Stone"}},
	}
	for _, tt := range tests {
		t.Run(tt.byline, func(t *testing.T) {
			page := webPage{charset: "utf-8", head: `<meta name="author" content="` + tt.byline + `">`}
			a := mustHTML(t, page.String(), "", "")
			if strings.Join(a.Authors, "|") != strings.Join(tt.want, "|") {
				t.Errorf("authors = %q, want %q", a.Authors, tt.want)
			}
		})
	}
}

// TestHTMLBlocks converts every kind of block and inline an article page
// has; the page URL is https://ledger.example/news/story.html.
func TestHTMLBlocks(t *testing.T) {
	const pageURL = "https://ledger.example/news/story.html"
	tests := []struct {
		name    string
		content string
		want    string // article JSON of the blocks after the story prose
	}{
		{"headings", `<h2>Second</h2><h3>Third</h3><h4>Fourth</h4><h5>Fifth</h5><h6>Sixth</h6>`,
			`[{"type":"heading","level":2,"text":"Second"},{"type":"heading","level":3,"text":"Third"},
			  {"type":"heading","level":4,"text":"Fourth"},{"type":"heading","level":5,"text":"Fifth"},
			  {"type":"heading","level":6,"text":"Sixth"}]`},
		{"blockquote", `<blockquote><p>We cannot keep bailing out the sea.</p><p>Not every winter.</p></blockquote>`,
			`[{"type":"quote","blocks":[{"type":"paragraph","text":"We cannot keep bailing out the sea."},
			  {"type":"paragraph","text":"Not every winter."}]}]`},
		{"nested lists, ol start", `<ul><li>Granite<ul><li>Inner</li></ul></li><li>Concrete</li></ul><ol start="3"><li>Three</li><li>Four</li></ol>`,
			`[{"type":"list","items":[{"blocks":[{"type":"paragraph","text":"Granite"},
			    {"type":"list","items":[{"blocks":[{"type":"paragraph","text":"Inner"}]}]}]},
			   {"blocks":[{"type":"paragraph","text":"Concrete"}]}]},
			  {"type":"list","ordered":true,"start":3,"items":[{"blocks":[{"type":"paragraph","text":"Three"}]},
			   {"blocks":[{"type":"paragraph","text":"Four"}]}]}]`},
		{"pre code language-go", "<pre><code class=\"language-go\">func main() {\n\tfmt.Println(\"hi\")\n}</code></pre>",
			`[{"type":"code","code":"func main() {\n\tfmt.Println(\"hi\")\n}","language":"go"}]`},
		{"pre language-python", `<pre class="language-python">print(1)</pre>`,
			`[{"type":"code","code":"print(1)","language":"python"}]`},
		{"figure with credit span", `<figure><img src="/img/wall.jpg" alt="The wall"><figcaption>The wall at low tide. <span class="credit">Ann Lee/Reuters</span></figcaption></figure>`,
			`[{"type":"figure","figure":{"src":"https://ledger.example/img/wall.jpg","alt":"The wall",
			   "caption":"The wall at low tide.","credit":"Ann Lee/Reuters"}}]`},
		{"figure with credit span saying Photo:", `<figure><img src="/img/wall.jpg"><figcaption>The wall at low tide. <span class="credit">Photo: Ann Lee</span></figcaption></figure>`,
			`[{"type":"figure","figure":{"src":"https://ledger.example/img/wall.jpg","caption":"The wall at low tide.","credit":"Photo: Ann Lee"}}]`},
		{"figure with trailing (Photo by …)", `<figure><img src="img/boats.jpg"><figcaption>Boats on the quay (Photo by Tom Hale/Agency)</figcaption></figure>`,
			`[{"type":"figure","figure":{"src":"https://ledger.example/news/img/boats.jpg","caption":"Boats on the quay","credit":"(Photo by Tom Hale/Agency)"}}]`},
		{"table with thead, th, colspan, align", `<table><thead><tr><th>Year</th><th align="right">Cost</th></tr></thead>
			<tbody><tr><td>2024</td><td align="right">£1m</td></tr><tr><td colspan="2" align="center">Total £3m</td></tr></tbody></table>`,
			`[{"type":"table","table":{"header":[[{"text":"Year"},{"text":"Cost","align":"end"}]],
			   "rows":[[{"text":"2024"},{"text":"£1m","align":"end"}],[{"text":"Total £3m","colspan":2,"align":"center"}]]}}]`},
		{"layout table with paragraphs", `<table><tr><td><p>Left column paragraph.</p></td><td><p>Right column paragraph.</p></td></tr></table>`,
			`[{"type":"paragraph","text":"Left column paragraph."},{"type":"paragraph","text":"Right column paragraph."}]`},
		{"layout table of one column", `<table><tr><td>Row one text</td></tr><tr><td>Row two text</td></tr></table>`,
			`[{"type":"paragraph","text":"Row one text"},{"type":"paragraph","text":"Row two text"}]`},
		{"iframe", `<iframe src="https://www.youtube.com/embed/abc123"></iframe>`,
			`[{"type":"figure","figure":{"caption":[{"text":"Video: "},{"text":"youtube.com","link":"https://www.youtube.com/embed/abc123"}]}}]`},
		{"video", `<video src="https://media.example.org/clip.mp4" controls></video>`,
			`[{"type":"figure","figure":{"caption":[{"text":"Video: "},{"text":"media.example.org","link":"https://media.example.org/clip.mp4"}]}}]`},
		{"hr", `<p>Before the rule.</p><hr><p>After the rule.</p>`,
			`[{"type":"paragraph","text":"Before the rule."},{"type":"rule"},{"type":"paragraph","text":"After the rule."}]`},
		{"pull quote class", `<p>Before.</p><div class="story-pull-quote"><p>The lights came <em>back</em>.</p></div><p>After.</p>`,
			`[{"type":"paragraph","text":"Before."},{"type":"pullquote","text":[{"text":"The lights came "},{"text":"back","italic":true},{"text":"."}]},{"type":"paragraph","text":"After."}]`},
		{"aside quotation", `<p>Before.</p><aside><blockquote>We waited forty years, she said.</blockquote></aside><p>After.</p>`,
			`[{"type":"paragraph","text":"Before."},{"type":"pullquote","text":"We waited forty years, she said."},{"type":"paragraph","text":"After."}]`},
		{"aside of links is no pull quote", `<p>Before.</p><aside><blockquote><a href="https://x.example/">Read more: harbour stories</a></blockquote></aside><p>After.</p>`,
			`[{"type":"paragraph","text":"Before."},{"type":"paragraph","text":"After."}]`},
		{"br", `<p>Line one<br>Line two</p>`,
			`[{"type":"paragraph","text":[{"text":"Line one"},{"break":true},{"text":"Line two"}]}]`},
		{"inline styles", `<p><b>bold</b> <strong>strong</strong> <i>ital</i> <em>em</em> <code>code</code> x<sup>2</sup> H<sub>2</sub>O <s>gone</s> <del>deleted</del> <q>quoted</q> end</p>`,
			`[{"type":"paragraph","text":[{"text":"bold strong ","bold":true},{"text":"ital em ","italic":true},
			  {"text":"code","code":true},{"text":" x"},{"text":"2 ","sup":true},{"text":"H"},{"text":"2","sub":true},
			  {"text":"O "},{"text":"gone deleted ","strike":true},{"text":"“quoted” end"}]}]`},
		{"links", `<p><a href="/about">relative</a> <a href="javascript:void(0)">script</a> <a href="#top">anchor</a> <a href="mailto:desk@ledger.example">mail</a> <a href="https://other.example/x">absolute</a></p>`,
			`[{"type":"paragraph","text":[{"text":"relative","link":"https://ledger.example/about"},{"text":" script anchor "},
			  {"text":"mail ","link":"mailto:desk@ledger.example"},{"text":"absolute","link":"https://other.example/x"}]}]`},
		{"hidden elements", `<p>Shown.</p><p hidden>Hidden attribute.</p><div aria-hidden="true"><p>Aria hidden.</p></div><p style="display: none">Display none.</p><p>Also <span style="display:none">not </span>shown.</p>`,
			`[{"type":"paragraph","text":"Shown."},{"type":"paragraph","text":"Also shown."}]`},
		{"dir of a block and of the blocks in it", `<p dir="rtl">السفن كثيرة</p><div dir="RTL"><p>الرصيف</p><blockquote><p dir="ltr">Quay</p></blockquote></div><p dir="auto">Auto</p><p>None</p>`,
			`[{"type":"paragraph","text":"السفن كثيرة","dir":"rtl"},{"type":"paragraph","text":"الرصيف","dir":"rtl"},
			  {"type":"quote","blocks":[{"type":"paragraph","text":"Quay","dir":"ltr"}],"dir":"rtl"},
			  {"type":"paragraph","text":"Auto"},{"type":"paragraph","text":"None"}]`},
		{"whitespace across inline elements", "<p>Text\n  <code>  spaced code </code>\tand <a href=\"https://x.example/\">  link text </a> end <em> em</em>.</p>",
			`[{"type":"paragraph","text":[{"text":"Text "},{"text":"spaced code","code":true},{"text":" and "},
			  {"text":"link text","link":"https://x.example/"},{"text":" end "},{"text":"em","italic":true},{"text":"."}]}]`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := mustHTML(t, webPage{charset: "utf-8", content: tt.content}.String(), pageURL, "")
			got, want := blocksJSON(t, added(a)), normJSON(t, tt.want)
			if got != want {
				t.Errorf("blocks\n got %s\nwant %s", got, want)
			}
		})
	}
}

// TestHTMLImageSources checks which source of an image is printed.
func TestHTMLImageSources(t *testing.T) {
	const pageURL = "https://ledger.example/news/story.html"
	const gif = "data:image/gif;base64,R0lGODlhAQABAAAAACH5BAEKAAEALAAAAAABAAEAAAICTAEAOw=="
	tests := []struct {
		name, content, want string
	}{
		{"src", `<p><img src="a.jpg" alt="x"></p>`, "https://ledger.example/news/a.jpg"},
		{"srcset: smallest at least 1200w", `<p><img srcset="a-600.jpg 600w, a-1600.jpg 1600w, a-1200.jpg 1200w, a-2400.jpg 2400w" src="a.jpg"></p>`,
			"https://ledger.example/news/a-1200.jpg"},
		{"srcset: else the largest", `<p><img srcset="b-300.jpg 300w, b-800.jpg 800w, b-500.jpg 500w" src="b.jpg"></p>`,
			"https://ledger.example/news/b-800.jpg"},
		{"srcset with x descriptors", `<p><img srcset="c1.jpg 1x, c2.jpg 2x, c3.jpg 3x" src="c.jpg"></p>`,
			"https://ledger.example/news/c2.jpg"},
		{"picture source", `<picture><source type="image/webp" srcset="p-700.webp 700w, p-1300.webp 1300w"><img src="p.jpg" alt="picture"></picture>`,
			"https://ledger.example/news/p-1300.webp"},
		{"data-src beats a 1x1 gif placeholder", `<p><img src="` + gif + `" data-src="/lazy/real.jpg" alt="lazy"></p>`,
			"https://ledger.example/lazy/real.jpg"},
		{"data-srcset", `<p><img src="` + gif + `" data-srcset="l-400.jpg 400w, l-1400.jpg 1400w" alt="lazy set"></p>`,
			"https://ledger.example/news/l-1400.jpg"},
		{"srcset URLs with commas", `<p><img srcset="/img/c_fill,w_400/pic.png 400w, /img/c_fill,w_1600/pic.png 1600w" src="/img/pic.png"></p>`,
			"https://ledger.example/img/c_fill,w_1600/pic.png"},
		{"srcset comma URL without descriptor", `<p><img srcset="/img/c_fill,w_1600/pic.png, /img/c_fill,w_3200/pic.png 2x"></p>`,
			"https://ledger.example/img/c_fill,w_3200/pic.png"},
		{"srcset with h descriptors", `<p><img srcset="h-600.jpg 600w 400h, h-1400.jpg 1400w 933h" src="h.jpg"></p>`,
			"https://ledger.example/news/h-1400.jpg"},
		{"x descriptors: 2x, not the width attribute", `<p><img width="2500" srcset="w1.jpg 1x, w2.jpg 2x, w3.jpg 3x" src="w.jpg"></p>`,
			"https://ledger.example/news/w2.jpg"},
		{"srcset: an AVIF address is passed over", `<p><img srcset="/u/t_fit-560w,f_avif,dpr_2/v.jpg 2x, /u/t_fit-560w,f_auto/v.jpg 1x" src="/u/v.jpg"></p>`,
			"https://ledger.example/u/t_fit-560w,f_auto/v.jpg"},
		{"picture: an AVIF source is skipped", `<picture><source type="image/avif" srcset="q-1300.avif 1300w"><source type="image/webp" srcset="q-1600.webp 1600w"><img src="q.jpg" alt="picture"></picture>`,
			"https://ledger.example/news/q-1600.webp"},
		{"picture: only an AVIF source", `<picture><source type="image/avif" srcset="r-1600.avif 1600w"><img src="r.jpg" alt="picture"></picture>`,
			"https://ledger.example/news/r.jpg"},
		{"noscript fallback", `<p>Before the picture.</p><div class="image"><noscript><img src="/full/fallback.jpg" alt="fallback"></noscript></div><p>After the picture.</p>`,
			"https://ledger.example/full/fallback.jpg"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := mustHTML(t, webPage{charset: "utf-8", content: tt.content}.String(), pageURL, "")
			figs := figures(a.Body)
			if len(figs) != 1 {
				t.Fatalf("%d figures, want 1: %s", len(figs), blocksJSON(t, added(a)))
			}
			if figs[0].Src != tt.want {
				t.Errorf("src = %q, want %q", figs[0].Src, tt.want)
			}
		})
	}
}

// TestHTMLBase resolves images and links against the page URL and <base>.
func TestHTMLBase(t *testing.T) {
	const content = `<figure><img src="pics/a.jpg"><figcaption>A picture.</figcaption></figure><p>Read <a href="more.html">more</a>.</p>`
	tests := []struct {
		name, pageURL, base string
		wantImg, wantLink   string // wantLink "" means the link is dropped
	}{
		{"page URL", "https://ledger.example/news/story.html", "", "https://ledger.example/news/pics/a.jpg", "https://ledger.example/news/more.html"},
		{"absolute base", "https://ledger.example/news/story.html", "https://cdn.example/assets/", "https://cdn.example/assets/pics/a.jpg", "https://cdn.example/assets/more.html"},
		{"relative base", "https://ledger.example/news/story.html", "/static/v2/", "https://ledger.example/static/v2/pics/a.jpg", "https://ledger.example/static/v2/more.html"},
		{"absolute base, no page URL", "", "https://cdn.example/assets/", "https://cdn.example/assets/pics/a.jpg", "https://cdn.example/assets/more.html"},
		{"no base at all: relative", "", "", "pics/a.jpg", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			head := ""
			if tt.base != "" {
				head = `<base href="` + tt.base + `">`
			}
			a := mustHTML(t, webPage{charset: "utf-8", head: head, content: content}.String(), tt.pageURL, "")
			figs := figures(a.Body)
			if len(figs) != 1 || figs[0].Src != tt.wantImg {
				t.Errorf("figures %s, want src %q", blocksJSON(t, added(a)), tt.wantImg)
			}
			ls := links(a.Body)
			switch {
			case tt.wantLink == "" && len(ls) > 0:
				t.Errorf("links %q, want none", ls)
			case tt.wantLink != "" && (len(ls) != 1 || ls[0] != tt.wantLink):
				t.Errorf("links %q, want %q", ls, tt.wantLink)
			}
			if !strings.Contains(allText(a), "Read more.") {
				t.Errorf("link text lost: %q", allText(a))
			}
		})
	}
}

// TestHTMLTitleHeading: the headline repeated as the article's first
// heading is printed once, as the title, whatever the script.
func TestHTMLTitleHeading(t *testing.T) {
	tests := []struct {
		name, lang, title string
	}{
		{"english", "en", storyTitle},
		{"russian", "ru", "Городской совет решил перестроить старую дамбу"},
		{"greek", "el", "Το λιμάνι θα ξαναχτίσει το παλιό κυματοθραύστη"},
		{"japanese", "ja", "港町の防波堤、建て替えへ"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page := webPage{htmlAttrs: ` lang="` + tt.lang + `"`, charset: "utf-8",
				head: "<title>" + tt.title + "</title>", lead: "<h1>" + tt.title + "</h1>"}
			a := mustHTML(t, page.String(), "", "")
			if a.Title != tt.title {
				t.Errorf("title = %q, want %q", a.Title, tt.title)
			}
			for _, b := range a.Body {
				if b.Kind == article.KindHeading && strings.TrimSpace(b.Text.Plain()) == tt.title {
					t.Errorf("the headline is printed again as a level %d heading in the body", b.Level)
				}
			}
		})
	}
}

func encode(t *testing.T, e encoding.Encoding, s string) []byte {
	t.Helper()
	out, err := e.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return out
}

const accented = "Café owners — “naïve” as ever — paid £40 for the œuvre"

// polish is text windows-1250 encodes and windows-1252 does not.
const polish = "Zażółć gęślą jaźń, rzekł Łukasz"

// japaneseProse is a Japanese news story, long enough for readability.
var japaneseProse = []string{
	"小さな港町の議会は火曜日の夜、十九世紀から漁港を守ってきた古い防波堤を建て替えることを決めた。この三年間の冬、海水が防波堤を越える回数は、町の誰もが覚えている限りで最も多かった。",
	"旧税関の建物で四時間にわたって開かれた会議の後、議会は二年の工期と、町の通常の年間予算を上回る費用がかかると見込まれる計画を承認した。住民が持ち寄った写真に心を動かされたと話す議員も少なくなかった。",
	"防波堤は千八百六十八年に近くの山から切り出された花崗岩で造られ、長い間ほとんど手入れを必要としなかった。しかし昨年の秋に行われた調査では、基礎の多くの部分が波に削られ、胸壁が場所によって数センチずれていることが分かった。",
	"低い通りに住む人々は、一月の嵐の間に台所を水が流れていったと話し、港長は二隻の船が岸壁の上まで押し上げられたと述べた。防波堤の先にある救命艇の基地は、一晩のほとんどの間、陸から切り離された。",
	"工事は漁の季節が落ち着き、港の一部を閉鎖できるようになる春に始まる予定で、議会は安全が確保できる限り、防波堤の上の遊歩道を開けておくと約束している。",
}

func TestHTMLCharsets(t *testing.T) {
	withAccents := func(p webPage) string {
		p.lead = "<p>" + accented + ".</p>"
		return p.String()
	}
	scripts := "<script>" + strings.Repeat("var padding = 'abcdefghijklmnopqrstuvwxyz0123456789';\n", 100) + "</script>\n"
	jaPage := func() string {
		var b strings.Builder
		b.WriteString(`<!DOCTYPE html><html lang="ja"><head><meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">`)
		b.WriteString("<title>港町の防波堤、建て替えへ</title></head><body><nav><a href=\"/\">トップ</a> <a href=\"/news\">ニュース</a></nav><article>")
		for _, p := range japaneseProse {
			b.WriteString("<p>" + p + "</p>\n")
		}
		b.WriteString("</article><footer><p>港町新聞</p></footer></body></html>")
		return b.String()
	}()

	tests := []struct {
		name        string
		data        []byte
		contentType string
		wantTitle   string
		wantText    string // must appear in the body
		wantURL     string // when set: the canonical link was read from the head
	}{
		{"windows-1252 by meta charset", encode(t, charmap.Windows1252, withAccents(webPage{charset: "windows-1252"})), "", storyTitle, accented, ""},
		{"windows-1252 by http-equiv", encode(t, charmap.Windows1252, withAccents(webPage{
			head: `<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">`})), "", storyTitle, accented, ""},
		{"windows-1252 by ISO-8859-1 label", encode(t, charmap.Windows1252, withAccents(webPage{charset: "ISO-8859-1"})), "", storyTitle, accented, ""},
		{"windows-1252 by content type", encode(t, charmap.Windows1252, withAccents(webPage{})), "text/html; charset=windows-1252", storyTitle, accented, ""},
		{"content type beats meta", encode(t, charmap.Windows1252, withAccents(webPage{charset: "utf-8"})), "text/html; charset=cp1252", storyTitle, accented, ""},
		{"utf-8 with meta after 5 KB of scripts", []byte(withAccents(webPage{head: scripts + `<meta charset="utf-8">`})), "", storyTitle, accented, ""},
		{"utf-8 with meta after 5 KB, content type without charset", []byte(withAccents(webPage{head: scripts + `<meta charset="utf-8">`})), "text/html", storyTitle, accented, ""},
		{"utf-8 undeclared", []byte(withAccents(webPage{})), "", storyTitle, accented, ""},
		{"utf-8 with BOM", append([]byte("\xEF\xBB\xBF"), withAccents(webPage{
			head: `<link rel="canonical" href="https://ledger.example/canon">`})...), "", storyTitle, accented, "https://ledger.example/canon"},
		{"utf-16le with BOM", encode(t, unicode.UTF16(unicode.LittleEndian, unicode.UseBOM), withAccents(webPage{
			head: `<link rel="canonical" href="https://ledger.example/canon">`})), "", storyTitle, accented, "https://ledger.example/canon"},
		{"utf-16be with BOM", encode(t, unicode.UTF16(unicode.BigEndian, unicode.UseBOM), withAccents(webPage{
			head: `<link rel="canonical" href="https://ledger.example/canon">`})), "", storyTitle, accented, "https://ledger.example/canon"},
		{"shift_jis", encode(t, japanese.ShiftJIS, jaPage), "", "港町の防波堤、建て替えへ", "花崗岩で造られ", ""},
		{"shift_jis by http-equiv after 5 KB of scripts", encode(t, japanese.ShiftJIS, strings.Replace(jaPage, "<head>", "<head>"+scripts, 1)), "", "港町の防波堤、建て替えへ", "花崗岩で造られ", ""},
		{"windows-1250 by meta charset after 5 KB of scripts", encode(t, charmap.Windows1250, (webPage{head: scripts + `<meta charset="windows-1250">`,
			lead: "<p>" + polish + ".</p>"}).String()), "", storyTitle, polish, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := parse.HTML(tt.data, "", tt.contentType)
			if err != nil {
				t.Fatal(err)
			}
			if a.Title != tt.wantTitle {
				t.Errorf("title = %q, want %q", a.Title, tt.wantTitle)
			}
			text := allText(a)
			if !strings.Contains(text, tt.wantText) {
				t.Errorf("body does not contain %q:\n%s", tt.wantText, text)
			}
			if strings.ContainsRune(text, '\uFFFD') || strings.ContainsRune(text, '\uFEFF') || strings.Contains(text, "Ã") {
				t.Errorf("mis-decoded text:\n%s", text)
			}
			if tt.wantURL != "" && a.URL != tt.wantURL {
				t.Errorf("url = %q, want %q: the <head> was not read", a.URL, tt.wantURL)
			}
		})
	}
}

// TestHTMLUTF16Base: a UTF-16 page's <base> applies like any page's.
func TestHTMLUTF16Base(t *testing.T) {
	page := webPage{head: `<base href="https://cdn.example/assets/">`,
		content: `<figure><img src="p.jpg"><figcaption>A picture.</figcaption></figure>`}.String()
	a, err := parse.HTML(encode(t, unicode.UTF16(unicode.LittleEndian, unicode.UseBOM), page), "", "")
	if err != nil {
		t.Fatal(err)
	}
	figs := figures(a.Body)
	if len(figs) != 1 || figs[0].Src != "https://cdn.example/assets/p.jpg" {
		t.Errorf("figures %s, want src https://cdn.example/assets/p.jpg", blocksJSON(t, added(a)))
	}
}

func TestHTMLNoContent(t *testing.T) {
	tests := []struct{ name, page string }{
		{"empty", ""},
		{"empty body", "<!DOCTYPE html><html><head><title>Nothing</title></head><body></body></html>"},
		{"scripts only", "<html><body><script>var story = 'not here';</script></body></html>"},
		{"nav elements only", `<!DOCTYPE html><html><head><title>Menu</title></head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li></ul></nav></header>
<footer><nav><ul><li><a href="/about">About</a></li><li><a href="/contact">Contact us</a></li></ul></nav></footer>
</body></html>`},
		{"menus in divs", `<!DOCTYPE html><html><head><title>Site map</title></head><body>
<div id="menu" class="menu navigation"><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li><li><a href="/weather">Weather</a></li></ul></div>
<div class="sidebar"><ul><li><a href="/archive">Archive</a></li><li><a href="/blogs">Blogs</a></li></ul></div>
</body></html>`},
		{"menu of links in a div", `<!DOCTYPE html><html><head><title>Menu</title></head><body>
<nav><a href="/">Home</a></nav><div class="menu"><a href="/a">Arts</a> <a href="/b">Books</a></div>
<footer><ul><li><a href="/about">About</a></li></ul></footer></body></html>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := parse.HTML([]byte(tt.page), "https://ledger.example/", "")
			if !errors.Is(err, parse.ErrNoContent) {
				var body string
				if a != nil {
					body = blocksJSON(t, a.Body)
				}
				t.Fatalf("err = %v, want ErrNoContent (got body %s)", err, body)
			}
			if !strings.Contains(err.Error(), "no article") {
				t.Errorf("unclear message %q", err)
			}
			// through Parse the message names the input
			_, err = parse.Parse([]byte(tt.page), parse.Options{Format: parse.FormatHTML, Name: "menu.html"})
			if !errors.Is(err, parse.ErrNoContent) || !strings.HasPrefix(err.Error(), "menu.html: ") {
				t.Errorf("Parse: %v, want ErrNoContent starting with the name", err)
			}
		})
	}
}

// TestParseHTML goes through parse.Parse: format by option, name or
// content; page URL and content type passed on; an untitled page titled
// after its name.
func TestParseHTML(t *testing.T) {
	page := webPage{charset: "utf-8", head: "<title></title>",
		content: `<p><img src="img/x.jpg" alt="x"></p>`}.String()
	tests := []struct {
		name      string
		data      []byte
		opts      parse.Options
		wantTitle string
		wantSrc   string
	}{
		{"format option", []byte(page), parse.Options{Format: parse.FormatHTML, Name: "-"}, "", "img/x.jpg"},
		{"by extension", []byte(page), parse.Options{Name: "sea_wall-story.html"}, "sea wall story", "img/x.jpg"},
		{"by content", []byte(page), parse.Options{Name: "story"}, "story", "img/x.jpg"},
		{"page URL", []byte(page), parse.Options{Format: parse.FormatHTML, Name: "https://ledger.example/news/sea-wall.html",
			BaseURL: "https://ledger.example/news/sea-wall.html"}, "sea wall", "https://ledger.example/news/img/x.jpg"},
		{"content type", encode(t, charmap.Windows1252, webPage{head: "<title>Caf\u00e9 story</title>"}.String()),
			parse.Options{Format: parse.FormatHTML, ContentType: "text/html; charset=windows-1252"}, "Café story", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			arts, err := parse.Parse(tt.data, tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			if len(arts) != 1 {
				t.Fatalf("%d articles", len(arts))
			}
			a := arts[0]
			if a.Title != tt.wantTitle {
				t.Errorf("title = %q, want %q", a.Title, tt.wantTitle)
			}
			if tt.wantSrc != "" {
				if figs := figures(a.Body); len(figs) != 1 || figs[0].Src != tt.wantSrc {
					t.Errorf("figures %s, want src %q", blocksJSON(t, added(a)), tt.wantSrc)
				}
			}
		})
	}
}
