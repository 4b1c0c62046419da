package parse

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/galleyprint/galley/internal/testcorpus"
)

func TestStripInert(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"script", `<p>a</p><script>var x = "</p>";</script><p>b</p>`, `<p>a</p><p>b</p>`},
		{"upper case and spaces", `<P>a<SCRIPT type="text/javascript">x()</SCRIPT ><p>b`, `<P>a<p>b`},
		{"json-ld kept", `<script type="application/ld+json">{"author": "A"}</script><p>b`, `<script type="application/ld+json">{"author": "A"}</script><p>b`},
		{"style", `<style>p { color: red }</style><p>b`, `<p>b`},
		{"comment", `a<!-- <script>x</script> -->b`, `ab`},
		{"attribute holding a tag", `<div title="<script>">a</div><p>b</p>`, `<div title="<script>">a</div><p>b</p>`},
		{"title text", `<title>Why <script> tags</title><p>b`, `<title>Why <script> tags</title><p>b`},
		{"textarea text", `<textarea><style>x</style></textarea>`, `<textarea><style>x</style></textarea>`},
		{"not a script", `<scripty>a</scripty><script-x>b</script-x>`, `<scripty>a</scripty><script-x>b</script-x>`},
		{"unclosed script", `<p>a<script>x()`, `<p>a<script>x()`},
		{"unclosed comment", `<p>a<!-- b`, `<p>a<!-- b`},
		{"less-than in text", `a < b <3 <p>c</p>`, `a < b <3 <p>c</p>`},
		{"end tag text in script", `<script>document.write("<\/script>")</script>ok`, `ok`},
		{"nothing to do", `<p>plain</p>`, `<p>plain</p>`},
	} {
		if got := string(bytes.Join(stripInert([]byte(tc.in)), nil)); got != tc.want {
			t.Errorf("%s:\n got %q\nwant %q", tc.name, got, tc.want)
		}
	}
}

func FuzzStripInert(f *testing.F) {
	for _, s := range []string{`<script>x</script>`, `<!-- a -->`, `<a href="<script>">`, `<title><script></title>`, `<style`, `</script>`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if out := bytes.Join(stripInert([]byte(s)), nil); len(out) > len(s) {
			t.Fatalf("grew: %q → %q", s, out)
		}
	})
}

// tagNameByLower is tagName as it was first written: the name lower-cased
// into a new string.
func tagNameByLower(b []byte) string {
	if len(b) < 2 || !isASCIILetter(b[1]) {
		return ""
	}
	n := 1
	for n < len(b) && (isASCIILetter(b[n]) || b[n] >= '0' && b[n] <= '9' || b[n] == '-') {
		n++
	}
	if n < len(b) && !(b[n] == '>' || b[n] == '/' || b[n] == ' ' || b[n] == '\t' || b[n] == '\n' || b[n] == '\r' || b[n] == '\f') {
		return ""
	}
	return string(bytes.ToLower(b[1:n]))
}

// TestTagName: tagName reads the length of every tag's name as the
// lower-casing version did, and names the tags stripInert acts on, in any
// case, at every '<' of tags built to test its edges and of the web
// corpus's pages; and it makes no string.
func TestTagName(t *testing.T) {
	pages := [][]byte{[]byte(`<XMP><Title><SCRIPT><Style ><scripts><script-x><h1><x-y1/><noscript2><TEMPLATE>< p><` + "\xc3\xa9>" + `<textArea` + "\t" + `><a`)}
	for _, data := range webSources(t) {
		pages = append(pages, data)
	}
	apart := map[string]bool{}
	for _, n := range apartTags {
		apart[n] = true
	}
	named := 0
	for _, page := range pages {
		for i := bytes.IndexByte(page, '<'); i >= 0; i = bytes.IndexByte(page[i+1:], '<') + i + 1 {
			want := tagNameByLower(page[i:])
			name, length := tagName(page[i:])
			wantName := ""
			if apart[want] {
				wantName = want
			}
			if length != len(want) || name != wantName {
				t.Fatalf("tagName(%q) = %q, %d; want the length of %q", page[i:min(len(page), i+20)], name, length, want)
			}
			if name != "" {
				named++
			}
			if bytes.IndexByte(page[i+1:], '<') < 0 {
				break
			}
		}
	}
	if named < 8 {
		t.Errorf("only %d tags named", named)
	}
	tag := []byte(`<Template id="x">`)
	if allocs := testing.AllocsPerRun(100, func() { tagName(tag) }); allocs != 0 {
		t.Errorf("tagName makes %v allocations, want none", allocs)
	}
}

// TestPiecesString: the pieces' string is their bytes one after the
// other.
func TestPiecesString(t *testing.T) {
	p := pieces{[]byte("<p>ab"), []byte("c</p>"), []byte("<p>d")}
	if got, want := p.String(), "<p>abc</p><p>d"; got != want {
		t.Fatalf("String() = %q, want %q", got, want)
	}
	if n := p.count('<'); n != 3 {
		t.Errorf("count('<') = %d, want 3", n)
	}
}

// endOfTagByteByByte is endOfTag as it was first written: each byte of a
// quoted value looked at in turn.
func endOfTagByteByByte(b []byte, i int) int {
	var quote byte
	for ; i < len(b); i++ {
		c := b[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '>':
			return i + 1
		}
	}
	return -1
}

// TestEndOfTag: endOfTag finds the end the byte-by-byte version finds, from
// every byte of tags built to test its edges and from every '<' of the web
// corpus's pages.
func TestEndOfTag(t *testing.T) {
	pages := [][]byte{
		[]byte(`<a href="x>y" title='a"b'>t</a><img alt="unclosed><p>`),
		[]byte(`<div data-x='>' class="">`), []byte(`<p a="`), []byte(`<p a='x`), []byte(`<p>`), []byte(`<p`),
	}
	for _, page := range pages {
		for i := range len(page) + 1 {
			if got, want := endOfTag(page, i), endOfTagByteByByte(page, i); got != want {
				t.Errorf("%q from %d: %d, want %d", page, i, got, want)
			}
		}
	}
	tags := 0
	for _, page := range testcorpus.WebSources(t) {
		for i := 0; i < len(page); i++ {
			if page[i] != '<' {
				continue
			}
			tags++
			if got, want := endOfTag(page, i+1), endOfTagByteByByte(page, i+1); got != want {
				t.Fatalf("at %d: %d, want %d", i, got, want)
			}
		}
	}
	t.Logf("%d tags", tags)
}

// TestKeepsScript compares keepsScript with what stripInert asked before
// it: bytes.ToLower of the tag, once for JSON-LD and once for math, on
// random tags made of pieces of the words looked for, capitals, the
// Kelvin sign (which bytes.ToLower folds to k) and other letters beyond
// ASCII, some longer than keepsScript lowers on the stack.
func TestKeepsScript(t *testing.T) {
	old := func(tag []byte) bool {
		lower := bytes.ToLower(tag)
		for _, s := range []string{"ld+json", "math/tex", "math/mml", "mathjax", "katex"} {
			if bytes.Contains(lower, []byte(s)) {
				return true
			}
		}
		return false
	}
	pieces := []string{"<script", " type=", `"`, "application/", "LD+", "ld+", "JSON", "json", "math/", "MATH/", "tex", "TeX", "mml",
		"Math", "Jax", "jax", "K", "k", "\u212a", "atex", "ATEX", "é", "İ", " src=", "x", strings.Repeat("a", 200), ">"}
	rng := rand.New(rand.NewPCG(33, 2))
	kept := 0
	for range 30000 {
		var tag []byte
		for range 2 + rng.IntN(12) {
			tag = append(tag, pieces[rng.IntN(len(pieces))]...)
		}
		want := old(tag)
		if got := keepsScript(tag); got != want {
			t.Fatalf("keepsScript(%q) = %v, want %v", tag, got, want)
		}
		if want {
			kept++
		}
	}
	if kept < 1000 {
		t.Errorf("only %d of the random tags kept: the test tries too few", kept)
	}
}
