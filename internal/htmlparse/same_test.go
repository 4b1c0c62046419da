package htmlparse

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// dump writes the tree under n, one node a line, with everything a Node
// holds: type, atom, namespace, data and attributes with their namespaces.
func dump(w *strings.Builder, n *Node, depth int) {
	fmt.Fprintf(w, "%*s%d %d %q %q", 2*depth, "", n.Type, n.DataAtom, n.Namespace, n.Data)
	for _, a := range n.Attr {
		fmt.Fprintf(w, " [%q %q %q]", a.Namespace, a.Key, a.Val)
	}
	w.WriteByte('\n')
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Parent != n {
			fmt.Fprintf(w, "%*sBAD PARENT\n", 2*depth, "")
		}
		dump(w, c, depth+1)
	}
}

func dumpNodes(nodes []*Node, err error) string {
	var w strings.Builder
	if err != nil {
		fmt.Fprintf(&w, "error: %v\n", err)
	}
	for _, n := range nodes {
		if n == nil {
			w.WriteString("no tree\n")
			continue
		}
		dump(&w, n, 0)
	}
	return w.String()
}

// firstDiff returns the first line where a and b differ, with its number.
func firstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < min(len(al), len(bl)); i++ {
		if al[i] != bl[i] {
			return fmt.Sprintf("line %d:\n x/net: %.300s\n   new: %.300s", i+1, al[i], bl[i])
		}
	}
	return fmt.Sprintf("x/net has %d lines, new %d", len(al), len(bl))
}

// fragmentContexts are the context elements ParseFragment is checked with.
var fragmentContexts = []*Node{
	nil,
	{Type: ElementNode, DataAtom: atom.Body, Data: "body"},
	{Type: ElementNode, DataAtom: atom.Textarea, Data: "textarea"},
	{Type: ElementNode, DataAtom: atom.Script, Data: "script"},
	{Type: ElementNode, DataAtom: atom.Table, Data: "table"},
	{Type: ElementNode, DataAtom: atom.Svg, Data: "svg", Namespace: "svg"},
}

// checkSame fails t if Parse, or ParseFragment in a context (all of
// fragmentContexts if allContexts, else body's), builds another tree from
// src than x/net/html does.
func checkSame(t *testing.T, name, src string, allContexts bool) {
	t.Helper()
	want, wantErr := html.Parse(strings.NewReader(src))
	got, gotErr := Parse(context.Background(), src)
	if w, g := dumpNodes([]*Node{want}, wantErr), dumpNodes([]*Node{got}, gotErr); w != g {
		t.Errorf("%s: Parse differs from x/net/html at %s", name, firstDiff(w, g))
		return
	}
	contexts := fragmentContexts[1:2]
	if allContexts {
		contexts = fragmentContexts
	}
	for _, c := range contexts {
		want, wantErr := html.ParseFragment(strings.NewReader(src), c)
		got, gotErr := ParseFragment(context.Background(), src, c)
		if w, g := dumpNodes(want, wantErr), dumpNodes(got, gotErr); w != g {
			t.Errorf("%s: ParseFragment in %v differs from x/net/html at %s", name, c, firstDiff(w, g))
		}
	}
}

// corpusFiles lists the files of the shared corpus beside the repository
// (../shared/corpus) that hold HTML: the pages of the web, web-edge and
// extraction corpora and the Markdown of the blog corpus, whose HTML is
// parsed as fragments.
func corpusFiles(t *testing.T) []string {
	_, self, _, _ := runtime.Caller(0)
	corpus := filepath.Join(filepath.Dir(self), "..", "..", "..", "shared", "corpus")
	var files []string
	for _, pattern := range []string{"web/*/source.html", "web-edge/*/*.html", "extraction/pages/*.html.gz"} {
		paths, _ := filepath.Glob(filepath.Join(corpus, pattern))
		files = append(files, paths...)
	}
	filepath.WalkDir(filepath.Join(corpus, "blog"), func(path string, d os.DirEntry, err error) error {
		if err == nil && (strings.HasSuffix(path, ".md") || strings.HasSuffix(path, ".markdown") || strings.HasSuffix(path, ".html")) {
			files = append(files, path)
		}
		return nil
	})
	if len(files) == 0 {
		if os.Getenv("CI") != "" {
			t.Fatalf("no corpus pages in %s", corpus)
		}
		t.Skipf("no corpus beside the repository (%s)", corpus)
	}
	return files
}

func readCorpusFile(t *testing.T, path string) string {
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if strings.HasSuffix(path, ".gz") {
		r, err := gzip.NewReader(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		if data, err = io.ReadAll(r); err != nil {
			t.Fatal(err)
		}
	}
	return string(data)
}

// TestSameTreeCorpus: every page of the shared corpus parses to the same
// tree as with x/net/html, whole and as a fragment of a body. With -short,
// only the web corpus's pages are checked.
func TestSameTreeCorpus(t *testing.T) {
	for _, path := range corpusFiles(t) {
		if testing.Short() && !strings.HasSuffix(path, "source.html") {
			continue
		}
		t.Run(filepath.Base(filepath.Dir(path))+"/"+filepath.Base(path), func(t *testing.T) {
			t.Parallel()
			checkSame(t, path, readCorpusFile(t, path), false)
		})
	}
}

// sameTreeSeeds are inputs that reach the tokenizer's and the parser's
// corners: references in text and attributes, NULs, carriage returns,
// upper-case and duplicate names, raw text, foreign content, tables.
var sameTreeSeeds = []string{
	"",
	"plain",
	"<p>a &amp; b &amp c &ampx &notit; &notin; &#x41;&#65;&#x80;&#0; &fjlig; &NotEqualTilde; &nvlt; &bogus;</p>",
	`<a href="?a=1&amp;b=2&copy=3&copy;&ampx=1&notin=2" TITLE='x&lt;y' Title=z data-X=1 data-x=2>x</a>`,
	"<P CLASS=A>x\x00y\r\nz\rw</P><!-- a\x00b\r\n --><!DOCTYPE html PUBLIC \"-//W3C//DTD HTML 4.01//EN\">",
	"<script>if (a<b) { document.write('</scr'+'ipt>') } <!-- <script> </script> --></script>x",
	"<title>a &amp; <b>b</b></title><textarea>\r\nx&lt;</textarea><style>a<b</style><xmp>&amp;</xmp><plaintext><p>x",
	"<svg viewBox='0 0 1 1'><foreignObject><p>x</p></foreignObject><path D='M0'/><![CDATA[a<b]]></svg><math><mi>x</mi><annotation-xml encoding='text/html'><div>y</div></annotation-xml></math>",
	"<table><tr><td>a<td>b</tr>text<tr><th>c</table><b><i>x</b>y</i><p>z<a><a>w",
	"<noscript><p>no</p></noscript><iframe><p></iframe><noembed>x</noembed><noframes>y</noframes>",
	"<frameset><frame></frameset>",
	"<template><td>x</td></template><select><option>a<option>b</select>",
	"<div a=1 b=2 c=3 d=4 e=5 f=6 g=7 h=8 i=9 j=10 k=11 l=12 m=13 n=14 o=15 p=16 q=17 r=18 A=19 B=20 r=21>x</div>",
	"<br/><p a=/>x<p a='/'/>y</p></>z</ x><?xml y?><!x>",
	strings.Repeat("<div>", 600),
	strings.Repeat("<b>", 100) + "x" + strings.Repeat("</p>", 10),
}

// TestSameTreeSeeds: the seeds parse to the same trees as with x/net/html,
// whole and as fragments in several contexts.
func TestSameTreeSeeds(t *testing.T) {
	for i, src := range sameTreeSeeds {
		checkSame(t, fmt.Sprint("seed ", i), src, true)
	}
}

// FuzzSameTree: any input parses to the same tree as with x/net/html.
func FuzzSameTree(f *testing.F) {
	for _, s := range sameTreeSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		checkSame(t, "input", src, true)
	})
}
