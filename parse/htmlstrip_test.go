package parse

import "testing"

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
		if got := string(stripInert([]byte(tc.in))); got != tc.want {
			t.Errorf("%s:\n got %q\nwant %q", tc.name, got, tc.want)
		}
	}
}

func FuzzStripInert(f *testing.F) {
	for _, s := range []string{`<script>x</script>`, `<!-- a -->`, `<a href="<script>">`, `<title><script></title>`, `<style`, `</script>`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if out := stripInert([]byte(s)); len(out) > len(s) {
			t.Fatalf("grew: %q → %q", s, out)
		}
	})
}
