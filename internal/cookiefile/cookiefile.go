// Package cookiefile reads Netscape cookies.txt files, as curl, wget and
// browsers' export extensions write them, into a cookie jar that sends
// each cookie only where its domain, path, secure flag and expiry allow.
package cookiefile

import (
	"bufio"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// MaxLineBytes bounds a line of a cookies file.
const MaxLineBytes = 64 << 10

// Cookie is one line of a cookies.txt file.
type Cookie struct {
	Domain            string // without the leading dot
	IncludeSubdomains bool   // the domain's subdomains get it too
	Path              string
	Secure            bool // https only
	HTTPOnly          bool // the line began #HttpOnly_
	Expires           time.Time
	Session           bool // expiry 0: a session cookie, which does not expire
	Name, Value       string
}

// Parse reads a cookies.txt file: a line a cookie, seven fields separated
// by tabs (domain, include-subdomains TRUE/FALSE, path, secure TRUE/FALSE,
// expiry in Unix seconds, 0 for a session cookie, name, value). Blank
// lines and lines starting with # are comments, but for the #HttpOnly_
// prefix curl writes before the domain of an HTTP-only cookie. A line
// that is not a cookie is an error naming name and its line number.
func Parse(r io.Reader, name string) ([]Cookie, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 4096), MaxLineBytes)
	var out []Cookie
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimRight(sc.Text(), "\r")
		if n == 1 {
			line = strings.TrimPrefix(line, "\ufeff")
		}
		httpOnly := false
		if rest, ok := strings.CutPrefix(line, "#HttpOnly_"); ok {
			line, httpOnly = rest, true
		}
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		c, err := parseLine(line)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %v", name, n, err)
		}
		c.HTTPOnly = httpOnly
		out = append(out, c)
	}
	if err := sc.Err(); err != nil {
		if err == bufio.ErrTooLong {
			return nil, fmt.Errorf("%s: a line longer than %d bytes: not a cookies.txt file", name, MaxLineBytes)
		}
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return out, nil
}

// parseLine reads one cookie line.
func parseLine(line string) (Cookie, error) {
	f := strings.Split(line, "\t")
	if len(f) == 6 { // a cookie with an empty value, its tab trimmed by an editor
		f = append(f, "")
	}
	if len(f) != 7 {
		return Cookie{}, fmt.Errorf("%d tab-separated fields; a cookie line has 7: domain, subdomains, path, secure, expiry, name, value", len(f))
	}
	flag := func(what, s string) (bool, error) {
		switch strings.ToUpper(s) {
		case "TRUE":
			return true, nil
		case "FALSE":
			return false, nil
		}
		return false, fmt.Errorf("%s %q: want TRUE or FALSE", what, s)
	}
	c := Cookie{Domain: strings.ToLower(strings.TrimPrefix(f[0], ".")), Path: f[2], Name: f[5], Value: f[6]}
	var err error
	if c.Domain == "" || strings.ContainsAny(c.Domain, " /") {
		return Cookie{}, fmt.Errorf("domain %q is not a host name", f[0])
	}
	if c.IncludeSubdomains, err = flag("include-subdomains", f[1]); err != nil {
		return Cookie{}, err
	}
	if c.Secure, err = flag("secure", f[3]); err != nil {
		return Cookie{}, err
	}
	if !strings.HasPrefix(c.Path, "/") {
		return Cookie{}, fmt.Errorf("path %q does not start with /", c.Path)
	}
	exp, err := strconv.ParseInt(f[4], 10, 64)
	if err != nil || exp < 0 {
		return Cookie{}, fmt.Errorf("expiry %q is not a time in Unix seconds", f[4])
	}
	if exp == 0 {
		c.Session = true
	} else {
		c.Expires = time.Unix(exp, 0).UTC()
	}
	if c.Name == "" {
		return Cookie{}, fmt.Errorf("a cookie without a name")
	}
	return c, nil
}

// Expired reports whether the cookie has expired at now.
func (c Cookie) Expired(now time.Time) bool { return !c.Session && !c.Expires.After(now) }

// NewJar returns a jar holding the cookies not expired at now. The jar
// (net/http/cookiejar) sends a cookie to its domain (and its subdomains
// when IncludeSubdomains), under its path, over https alone when Secure,
// until it expires; it also keeps what servers set while galley fetches.
func NewJar(cookies []Cookie, now time.Time) (http.CookieJar, error) {
	jar, err := cookiejar.New(nil)
	if err != nil {
		return nil, err
	}
	Add(jar, cookies, now)
	return jar, nil
}

// Add puts the cookies not expired at now into jar.
func Add(jar http.CookieJar, cookies []Cookie, now time.Time) {
	for _, c := range cookies {
		if c.Expired(now) {
			continue
		}
		u := &url.URL{Scheme: "http", Host: c.Domain, Path: c.Path}
		if c.Secure {
			u.Scheme = "https"
		}
		hc := &http.Cookie{Name: c.Name, Value: c.Value, Path: c.Path, Secure: c.Secure, HttpOnly: c.HTTPOnly}
		if c.IncludeSubdomains {
			hc.Domain = c.Domain
		}
		if !c.Session {
			hc.Expires = c.Expires
		}
		jar.SetCookies(u, []*http.Cookie{hc})
	}
}
