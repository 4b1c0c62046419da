package cookiefile

import (
	"net/url"
	"strings"
	"testing"
	"time"
)

// sample is a cookies.txt as curl and browser extensions write it.
const sample = "# Netscape HTTP Cookie File\n" +
	"# https://curl.se/docs/http-cookies.html\n" +
	"\n" +
	".example.org\tTRUE\t/\tFALSE\t0\tsession\tabc\n" +
	"#HttpOnly_news.example.org\tFALSE\t/premium\tTRUE\t4102444800\tsub\ts3cr3t\n" +
	"old.example.org\tFALSE\t/\tFALSE\t946684800\tgone\tx\r\n" +
	"example.net\tFALSE\t/\tFALSE\t4102444800\tempty\t\n"

func TestParse(t *testing.T) {
	cs, err := Parse(strings.NewReader(sample), "cookies.txt")
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) != 4 {
		t.Fatalf("%d cookies, want 4: %+v", len(cs), cs)
	}
	want := []Cookie{
		{Domain: "example.org", IncludeSubdomains: true, Path: "/", Session: true, Name: "session", Value: "abc"},
		{Domain: "news.example.org", Path: "/premium", Secure: true, HTTPOnly: true, Expires: time.Unix(4102444800, 0).UTC(), Name: "sub", Value: "s3cr3t"},
		{Domain: "old.example.org", Path: "/", Expires: time.Unix(946684800, 0).UTC(), Name: "gone", Value: "x"},
		{Domain: "example.net", Path: "/", Expires: time.Unix(4102444800, 0).UTC(), Name: "empty", Value: ""},
	}
	for i := range want {
		if cs[i] != want[i] {
			t.Errorf("cookie %d: %+v, want %+v", i, cs[i], want[i])
		}
	}
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	if !cs[2].Expired(now) || cs[0].Expired(now) || cs[1].Expired(now) {
		t.Error("expiry: want only the 2000 cookie expired")
	}
}

// TestParseErrors: a line that is no cookie fails, naming the file and
// line and what is wrong.
func TestParseErrors(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{"# c\nexample.org TRUE / FALSE 0 a b\n", "cookies.txt:2: 1 tab-separated fields"},
		{"example.org\tYES\t/\tFALSE\t0\ta\tb\n", `cookies.txt:1: include-subdomains "YES": want TRUE or FALSE`},
		{"example.org\tTRUE\t/\tno\t0\ta\tb\n", `cookies.txt:1: secure "no": want TRUE or FALSE`},
		{"example.org\tTRUE\t/\tFALSE\tsoon\ta\tb\n", `cookies.txt:1: expiry "soon" is not a time in Unix seconds`},
		{"example.org\tTRUE\tx\tFALSE\t0\ta\tb\n", `cookies.txt:1: path "x" does not start with /`},
		{"\tTRUE\t/\tFALSE\t0\ta\tb\n", `cookies.txt:1: domain "" is not a host name`},
		{"example.org\tTRUE\t/\tFALSE\t0\t\tb\n", "cookies.txt:1: a cookie without a name"},
		{"example.org\tTRUE\t/\tFALSE\t0\ta\tb\textra\n", "cookies.txt:1: 8 tab-separated fields"},
		{strings.Repeat("x", MaxLineBytes+1), "a line longer than"},
	} {
		_, err := Parse(strings.NewReader(tc.text), "cookies.txt")
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%.40q: %v, want %q", tc.text, err, tc.want)
		}
	}
}

// TestJar: the jar sends a cookie by its domain, subdomains, path,
// secure flag and expiry.
func TestJar(t *testing.T) {
	cs, err := Parse(strings.NewReader(sample), "cookies.txt")
	if err != nil {
		t.Fatal(err)
	}
	jar, err := NewJar(cs, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ url, want string }{
		{"http://example.org/", "session=abc"},
		{"http://www.example.org/a", "session=abc"},
		{"https://news.example.org/premium/story", "sub=s3cr3t session=abc"}, // longer path first
		{"http://news.example.org/premium/story", "session=abc"},             // secure: https alone
		{"https://news.example.org/free", "session=abc"},                     // path
		{"https://sub.news.example.org/premium/", "session=abc"},             // host-only
		{"http://old.example.org/", "session=abc"},                           // expired
		{"http://example.net/", "empty="},
		{"http://www.example.net/", ""}, // host-only
		{"http://badexample.org/", ""},
	} {
		u, _ := url.Parse(tc.url)
		var got []string
		for _, c := range jar.Cookies(u) {
			got = append(got, c.Name+"="+c.Value)
		}
		if strings.Join(got, " ") != tc.want {
			t.Errorf("%s: %q, want %q", tc.url, strings.Join(got, " "), tc.want)
		}
	}
}
