package layout

import (
	"testing"

	"github.com/galleyprint/galley/article"
)

func TestSmartQuotes(t *testing.T) {
	for _, c := range []struct{ lang, in, want string }{
		{"en", `"Hello," she said.`, "“Hello,” she said."},
		{"en", `It's the '90s, isn't it?`, "It’s the ’90s, isn’t it?"},
		{"en", `He said "she told me 'no' twice"`, "He said “she told me ‘no’ twice”"},
		{"en", `wait--then---go...`, "wait–then—go…"},
		{"en", `("quoted")`, "(“quoted”)"},
		{"de", `Er sagte "Hallo" und 'tschüss'.`, "Er sagte „Hallo“ und ‘tschüss’."},
		{"fr", `Il a dit "bonjour".`, "Il a dit «\u202Fbonjour\u202F»."},
		{"pt-BR", `"Olá"`, "“Olá”"},
		{"pl", `Powiedział "tak".`, "Powiedział „tak”."},
		{"sv", `Han sa "hej".`, "Han sa ”hej”."},
		{"da", `Han sagde "hej".`, "Han sagde »hej«."},
		{"nb", `Han sa "hei".`, "Han sa «hei»."},
		{"cs", `Řekl "ano".`, "Řekl „ano“."},
		{"hu", `Azt mondta "igen".`, "Azt mondta „igen”."},
		{"xx", `"x"`, "“x”"},
	} {
		got := smartenText(article.Plain(c.in), quotesFor(c.lang)).Plain()
		if got != c.want {
			t.Errorf("%s %q: %q, want %q", c.lang, c.in, got, c.want)
		}
	}
	// code and URLs are left alone; quotes are judged across runs
	in := article.Text{{Text: `Run `}, {Text: `echo "hi"`, Code: true}, {Text: ` then "`}, {Text: `open`, Italic: true}, {Text: `" it at https://x.org/a--b`}}
	want := []string{`Run `, `echo "hi"`, ` then “`, `open`, `” it at https://x.org/a--b`}
	got := smartenText(in, quotesFor("en"))
	for i := range want {
		if got[i].Text != want[i] {
			t.Errorf("run %d: %q, want %q", i, got[i].Text, want[i])
		}
	}
}
