package parse_test

import (
	"strings"
	"testing"

	"github.com/galleyprint/galley/article"
)

// converted runs an HTML fragment through the DOM-to-model converter
// alone: raw HTML in a Markdown post, which readability never sees.
func converted(t *testing.T, fragment string) []article.Block {
	t.Helper()
	if strings.Contains(fragment, "\n\n") {
		t.Fatal("a blank line would end the raw HTML block")
	}
	a := mustMarkdown(t, "---\ntitle: The Converter\n---\n<div>\n"+fragment+"\n</div>\n", "")
	return a.Body
}

func TestHTMLConverter(t *testing.T) {
	tests := []struct {
		name, fragment string
		want           string // article JSON of the blocks
	}{
		// headings
		{"h1 repeating the title dropped", `<h1>The  Converter</h1><p>Body.</p>`,
			`[{"type":"paragraph","text":"Body."}]`},
		{"another h1 is a level 2 heading", `<h1>Something else</h1><p>Body.</p>`,
			`[{"type":"heading","level":2,"text":"Something else"},{"type":"paragraph","text":"Body."}]`},
		{"empty heading dropped", `<h2> </h2><p>Body.</p>`, `[{"type":"paragraph","text":"Body."}]`},

		// figures and credits
		{"credit span", `<figure><img src="a.jpg" alt="A"><figcaption>The quay. <span class="credit">Ann Lee/Reuters</span></figcaption></figure>`,
			`[{"type":"figure","figure":{"src":"a.jpg","alt":"A","caption":"The quay.","credit":"Ann Lee/Reuters"}}]`},
		{"photographer class", `<figure><img src="a.jpg"><figcaption><span class="caption-text">The quay.</span> <small class="photographer">Bob Stone</small></figcaption></figure>`,
			`[{"type":"figure","figure":{"src":"a.jpg","caption":"The quay.","credit":"Bob Stone"}}]`},
		{"trailing (Photo by …)", `<figure><img src="a.jpg"><figcaption>Boats on the quay (Photo by Tom Hale/Agency)</figcaption></figure>`,
			`[{"type":"figure","figure":{"src":"a.jpg","caption":"Boats on the quay","credit":"(Photo by Tom Hale/Agency)"}}]`},
		{"trailing Photo:", `<figure><img src="a.jpg"><figcaption>Boats on the quay. Photo: Tom Hale</figcaption></figure>`,
			`[{"type":"figure","figure":{"src":"a.jpg","caption":"Boats on the quay.","credit":"Photo: Tom Hale"}}]`},
		{"no credit", `<figure><img src="a.jpg"><figcaption>Boats on the quay.</figcaption></figure>`,
			`[{"type":"figure","figure":{"src":"a.jpg","caption":"Boats on the quay."}}]`},
		{"a caption that is only a credit", `<figure><img src="a.jpg"><figcaption>Photo: Tom Hale</figcaption></figure>`,
			`[{"type":"figure","figure":{"src":"a.jpg","credit":"Photo: Tom Hale"}}]`},
		{"figure holding a table: its figcaption is the caption", `<figure><table><tr><td>a</td><td>b</td></tr></table><figcaption>Table caption.</figcaption></figure>`,
			`[{"type":"table","table":{"caption":"Table caption.","rows":[[{"text":"a"},{"text":"b"}]]}}]`},
		{"image size", `<p><img src="a.jpg" width="640" height="480" title="Title as alt"></p>`,
			`[{"type":"figure","figure":{"src":"a.jpg","alt":"Title as alt","caption":[{"text":"Title as alt"}],"width":640,"height":480}}]`},
		{"image inside a paragraph splits it", `<p>Before <img src="a.jpg" alt="A"> after.</p>`,
			`[{"type":"paragraph","text":"Before"},{"type":"figure","figure":{"src":"a.jpg","alt":"A","caption":[{"text":"A"}]}},{"type":"paragraph","text":"after."}]`},
		{"image without a source dropped", `<p>Text <img alt="nothing"></p>`, `[{"type":"paragraph","text":"Text"}]`},
		{"noscript image", `<noscript><img src="ns.jpg" alt="ns"></noscript>`,
			`[{"type":"figure","figure":{"src":"ns.jpg","alt":"ns","caption":[{"text":"ns"}]}}]`},
		{"noscript notice dropped", `<p>Body.</p><noscript><p>Please enable JavaScript.</p></noscript>`,
			`[{"type":"paragraph","text":"Body."}]`},

		// code
		{"language on code", "<pre><code class=\"hljs language-go\">x := 1\n</code></pre>", `[{"type":"code","code":"x := 1","language":"go"}]`},
		{"language on pre", `<pre class="lang-js">let x = 1;</pre>`, `[{"type":"code","code":"let x = 1;","language":"js"}]`},
		{"pre keeps its spaces, br is a newline", "<pre>a  b<br>\tc</pre>", `[{"type":"code","code":"a  b\n\tc"}]`},

		// tables
		{"header row of th without thead", `<table><tr><th>A</th><th>B</th></tr><tr><td>1</td><td>2</td></tr></table>`,
			`[{"type":"table","table":{"header":[[{"text":"A"},{"text":"B"}]],"rows":[[{"text":"1"},{"text":"2"}]]}}]`},
		{"table caption, tfoot, colspan 1", `<table><caption>Costs</caption><thead><tr><th colspan="1">A</th><th>B</th></tr></thead><tbody><tr><td>1</td><td>2</td></tr></tbody><tfoot><tr><td>3</td><td>4</td></tr></tfoot></table>`,
			`[{"type":"table","table":{"caption":"Costs","header":[[{"text":"A"},{"text":"B"}]],"rows":[[{"text":"1"},{"text":"2"}]],"footer":[[{"text":"3"},{"text":"4"}]]}}]`},
		{"huge colspan capped as browsers do", `<table><tr><td colspan="100000">wide</td><td>x</td></tr></table>`,
			`[{"type":"table","table":{"rows":[[{"text":"wide","colspan":1000},{"text":"x"}]]}}]`},
		{"table cell alignment", `<table><tr><td align="right">1</td><td align="center">2</td><td align="left">3</td></tr></table>`,
			`[{"type":"table","table":{"rows":[[{"text":"1","align":"end"},{"text":"2","align":"center"},{"text":"3"}]]}}]`},
		{"cell alignment by style", `<table><tr><td style="text-align: right">1</td><td style="text-align:center">2</td></tr></table>`,
			`[{"type":"table","table":{"rows":[[{"text":"1","align":"end"},{"text":"2","align":"center"}]]}}]`},
		{"layout table with paragraphs", `<table><tr><td><p>Left.</p></td><td><div><p>Right.</p></div></td></tr></table>`,
			`[{"type":"paragraph","text":"Left."},{"type":"paragraph","text":"Right."}]`},
		{"layout table of one column", `<table><tr><td>Row one</td></tr><tr><td>Row two</td></tr></table>`,
			`[{"type":"paragraph","text":"Row one"},{"type":"paragraph","text":"Row two"}]`},
		{"cell with a line break", `<table><tr><td>a<br>b</td><td>c</td></tr></table>`,
			`[{"type":"table","table":{"rows":[[{"text":[{"text":"a"},{"break":true},{"text":"b"}]},{"text":"c"}]]}}]`},

		// embeds
		{"audio", `<audio src="https://cdn.example.org/a.mp3"></audio>`,
			`[{"type":"figure","figure":{"caption":[{"text":"Audio: "},{"text":"cdn.example.org","link":"https://cdn.example.org/a.mp3"}]}}]`},
		{"video with a source", `<video><source src="https://www.example.org/v.mp4"></video>`,
			`[{"type":"figure","figure":{"caption":[{"text":"Video: "},{"text":"example.org","link":"https://www.example.org/v.mp4"}]}}]`},
		{"iframe titled", `<iframe src="https://player.vimeo.com/video/1" title="The storm"></iframe>`,
			`[{"type":"figure","figure":{"caption":[{"text":"Video: "},{"text":"The storm","link":"https://player.vimeo.com/video/1"}]}}]`},
		{"other iframe", `<iframe src="https://maps.example.com/embed?q=1"></iframe>`,
			`[{"type":"figure","figure":{"caption":[{"text":"Embedded content: "},{"text":"maps.example.com","link":"https://maps.example.com/embed?q=1"}]}}]`},
		{"iframe without a web source dropped", `<p>Body.</p><iframe src="javascript:alert(1)"></iframe><iframe src="local.html"></iframe>`,
			`[{"type":"paragraph","text":"Body."}]`},

		// other blocks
		{"definition list", `<dl><dt>Term</dt><dd>Meaning.</dd></dl>`,
			`[{"type":"paragraph","text":[{"text":"Term","bold":true}]},{"type":"quote","blocks":[{"type":"paragraph","text":"Meaning."}]}]`},
		{"details and summary", `<details><summary>More</summary><p>Inside.</p></details>`,
			`[{"type":"paragraph","text":[{"text":"More","bold":true}]},{"type":"paragraph","text":"Inside."}]`},
		{"stray li", `<li>Stray item.</li>`, `[{"type":"paragraph","text":"Stray item."}]`},
		{"text between list items", `<ul>loose<li>item</li></ul>`,
			`[{"type":"list","items":[{"blocks":[{"type":"paragraph","text":"loose"}]},{"blocks":[{"type":"paragraph","text":"item"}]}]}]`},
		{"ol start ignored when not positive", `<ol start="0"><li>a</li></ol><ol start="x"><li>b</li></ol>`,
			`[{"type":"list","ordered":true,"items":[{"blocks":[{"type":"paragraph","text":"a"}]}]},{"type":"list","ordered":true,"items":[{"blocks":[{"type":"paragraph","text":"b"}]}]}]`},
		{"empty blockquote dropped", `<blockquote> </blockquote><p>Body.</p>`, `[{"type":"paragraph","text":"Body."}]`},
		{"form furniture dropped", `<p>Body.</p><form><input type="text" value="x"><button>Subscribe</button><select><option>One</option></select></form>`,
			`[{"type":"paragraph","text":"Body."}]`},
		{"scripts, styles, svg dropped", `<p>Body<script>var x = "no";</script><style>p{}</style><svg><text>no</text></svg>.</p>`,
			`[{"type":"paragraph","text":"Body."}]`},

		// hidden
		{"hidden", `<p>Shown.</p><p hidden>Hidden.</p><p aria-hidden="true">Aria.</p><p style="DISPLAY: NONE">None.</p><p style="visibility:hidden">Invisible.</p><p aria-hidden="false">Aria false.</p>`,
			`[{"type":"paragraph","text":"Shown."},{"type":"paragraph","text":"Aria false."}]`},

		// inlines and whitespace
		{"nested styles", `<p><b>bold <i>both</i></b> <a href="https://x.example/"><code>f()</code></a></p>`,
			`[{"type":"paragraph","text":[{"text":"bold ","bold":true},{"text":"both ","bold":true,"italic":true},{"text":"f()","code":true,"link":"https://x.example/"}]}]`},
		{"whitespace collapsed, ends trimmed", "<p>\n   many    spaces\there\n</p>", `[{"type":"paragraph","text":"many spaces here"}]`},
		{"no leading space in a link or code run", `<p>See<a href="https://x.example/"> the site</a>and<code> x</code>.</p>`,
			`[{"type":"paragraph","text":[{"text":"See "},{"text":"the site","link":"https://x.example/"},{"text":"and "},{"text":"x","code":true},{"text":"."}]}]`},
		{"no-break space kept", "<p>10&nbsp;km</p>", "[{\"type\":\"paragraph\",\"text\":\"10\u00a0km\"}]"},
		{"trailing br dropped", `<p>Line<br><br></p>`, `[{"type":"paragraph","text":"Line"}]`},
		{"double br is one break", `<p>a<br><br>b</p>`, `[{"type":"paragraph","text":[{"text":"a"},{"break":true},{"text":"b"}]}]`},
		{"anchors and scripts are not links", `<p><a href="#x">in page</a> <a href="javascript:go()">script</a> <a href="ftp://x.example/f">ftp</a></p>`,
			`[{"type":"paragraph","text":"in page script ftp"}]`},
		{"q", `<p>He said <q>no</q>.</p>`, `[{"type":"paragraph","text":"He said “no”."}]`},
		{"kbd, var, cite", `<p><kbd>Ctrl</kbd> <var>n</var> <cite>Book</cite></p>`,
			`[{"type":"paragraph","text":[{"text":"Ctrl","code":true},{"text":" n Book","italic":true}]}]`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, want := blocksJSON(t, converted(t, tt.fragment)), normJSON(t, tt.want)
			if got != want {
				t.Errorf("blocks\n got %s\nwant %s", got, want)
			}
		})
	}
}
