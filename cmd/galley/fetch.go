package main

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/spf13/pflag"
	"golang.org/x/net/http/httpguts"

	"github.com/galleyprint/galley/internal/cookiefile"
)

// fetchFlags are how a command fetches pages and their images as the
// reader: headers, cookies and a user agent (for a subscriber's pages),
// and the address of a page read from a file or standard input.
type fetchFlags struct {
	headers   []string
	cookies   []string
	cookieJar string
	userAgent string
	baseURL   string
}

// addFetchFlags adds the fetch flags; withBase adds --base-url, for
// commands that read a file or standard input as one page.
func addFetchFlags(f *pflag.FlagSet, ff *fetchFlags, withBase bool) {
	f.StringArrayVar(&ff.headers, "header", nil, "an HTTP header, 'Name: value', sent when fetching from the hosts of the URLs given (and of --base-url), never to other hosts (repeatable)")
	f.StringArrayVar(&ff.cookies, "cookie", nil, "a cookie, 'name=value', sent to the hosts of the URLs given (and of --base-url) alone (repeatable)")
	f.StringVar(&ff.cookieJar, "cookie-jar", "", "a Netscape cookies.txt file (as browsers' export extensions and curl write it): each cookie goes where its domain, path, secure flag and expiry say")
	f.StringVar(&ff.userAgent, "user-agent", "", "the User-Agent header of every request (default \"galley (article printer)\")")
	if withBase {
		f.StringVar(&ff.baseURL, "base-url", "", "the address of a page read from a file or standard input: its relative links and images resolve against it, and site rules match its host")
	}
}

// set reports whether any flag that changes fetching is given.
func (ff *fetchFlags) set() bool {
	return len(ff.headers) > 0 || len(ff.cookies) > 0 || ff.cookieJar != "" || ff.userAgent != ""
}

// checkBaseURL refuses a --base-url that is not an absolute http(s) URL.
func (ff *fetchFlags) checkBaseURL() error {
	if ff.baseURL == "" {
		return nil
	}
	u, err := url.Parse(ff.baseURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("--base-url %q: want an absolute http or https URL such as https://example.com/news/story", ff.baseURL)
	}
	return nil
}

// client returns the HTTP client that fetches pages and images with the
// flags, or nil (the default client) when none is given. Headers and
// --cookie go to the hosts of the URLs among inputs and of --base-url:
// credentials meant for a page never travel to another host (a CDN's
// images, a redirect elsewhere). The cookie jar's cookies go where their
// domains say; the user agent goes everywhere.
func (ff *fetchFlags) client(inputs []string) (*http.Client, error) {
	if err := ff.checkBaseURL(); err != nil {
		return nil, err
	}
	if !ff.set() {
		return nil, nil
	}
	hosts := map[string]bool{}
	for _, in := range append(inputs[:len(inputs):len(inputs)], ff.baseURL) {
		if u, err := url.Parse(in); err == nil && isURL(in) && u.Host != "" {
			hosts[strings.ToLower(u.Host)] = true
		}
	}
	header := http.Header{}
	for _, h := range ff.headers {
		name, value, ok := strings.Cut(h, ":")
		name, value = strings.TrimSpace(name), strings.TrimSpace(value)
		switch {
		case !ok || !httpguts.ValidHeaderFieldName(name):
			return nil, fmt.Errorf("--header %q: want 'Name: value'", h)
		case !httpguts.ValidHeaderFieldValue(value):
			return nil, fmt.Errorf("--header %q: the value holds a character a header cannot", h)
		case strings.EqualFold(name, "Host") || strings.EqualFold(name, "Content-Length") || strings.EqualFold(name, "Transfer-Encoding") || strings.EqualFold(name, "Connection"):
			return nil, fmt.Errorf("--header %q: galley sets %s itself", h, name)
		}
		header.Add(name, value)
	}
	if len(header) > 0 && len(hosts) == 0 || len(ff.cookies) > 0 && len(hosts) == 0 {
		return nil, errors.New("--header and --cookie go to the hosts of the URLs given: give a URL to fetch, or --base-url for a page read from a file")
	}
	var cookies []cookiefile.Cookie
	if ff.cookieJar != "" {
		f, err := os.Open(ff.cookieJar)
		if err != nil {
			return nil, fmt.Errorf("--cookie-jar: %w", err)
		}
		defer f.Close()
		if cookies, err = cookiefile.Parse(f, ff.cookieJar); err != nil {
			return nil, fmt.Errorf("--cookie-jar %w", err)
		}
	}
	for _, c := range ff.cookies {
		name, value, ok := strings.Cut(c, "=")
		name = strings.TrimSpace(name)
		if !ok || name == "" || strings.ContainsAny(name, "; \t") || strings.ContainsAny(value, ";\r\n") {
			return nil, fmt.Errorf("--cookie %q: want 'name=value'", c)
		}
		for h := range hosts {
			u := &url.URL{Host: h}
			cookies = append(cookies, cookiefile.Cookie{Domain: u.Hostname(), Path: "/", Session: true, Name: name, Value: strings.TrimSpace(value)})
		}
	}
	jar, err := cookiefile.NewJar(cookies, time.Now())
	if err != nil {
		return nil, err
	}
	return &http.Client{Jar: jar, Transport: &readerTransport{base: http.DefaultTransport, header: header, hosts: hosts, userAgent: ff.userAgent}}, nil
}

// readerTransport adds the reader's user agent to every request, and
// their headers to requests to their hosts alone (so not to a redirect's
// or an image's other host).
type readerTransport struct {
	base      http.RoundTripper
	header    http.Header
	hosts     map[string]bool
	userAgent string
}

func (t *readerTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if t.userAgent == "" && (len(t.header) == 0 || !t.hosts[strings.ToLower(req.URL.Host)]) {
		return t.base.RoundTrip(req)
	}
	r := req.Clone(req.Context()) // a RoundTripper leaves its request alone
	if t.userAgent != "" {
		r.Header.Set("User-Agent", t.userAgent)
	}
	if t.hosts[strings.ToLower(r.URL.Host)] {
		for name, values := range t.header {
			r.Header[name] = values
		}
	}
	return t.base.RoundTrip(r)
}
