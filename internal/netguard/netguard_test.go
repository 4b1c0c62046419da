package netguard

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

const testTimeout = 3 * time.Second

// fixture is a loopback test server that counts the requests it receives.
type fixture struct {
	*httptest.Server
	hits atomic.Int64
}

func newFixture(t *testing.T, h http.HandlerFunc) *fixture {
	t.Helper()
	f := &fixture{}
	if h == nil {
		h = func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "hello") }
	}
	f.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f.hits.Add(1)
		h(w, r)
	}))
	t.Cleanup(f.Close)
	return f
}

func (f *fixture) addr() string { return f.Listener.Addr().String() }

func (f *fixture) port() string {
	_, p, _ := net.SplitHostPort(f.addr())
	return p
}

func redirect(w http.ResponseWriter, loc string) {
	w.Header().Set("Location", loc)
	w.WriteHeader(http.StatusFound)
}

// fakeResolver answers from m and fails for any other name.
func fakeResolver(m map[string][]string) func(context.Context, string) ([]netip.Addr, error) {
	return func(ctx context.Context, host string) ([]netip.Addr, error) {
		ss, ok := m[strings.ToLower(host)]
		if !ok {
			return nil, &net.DNSError{Err: "no such host (fake resolver)", Name: host, IsNotFound: true}
		}
		var out []netip.Addr
		for _, s := range ss {
			out = append(out, netip.MustParseAddr(s))
		}
		return out, nil
	}
}

// fetch does a GET with c and returns status and body.
func fetch(c *http.Client, raw string) (int, string, error) {
	resp, err := c.Get(raw)
	if err != nil {
		return 0, "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), err
}

// clients returns the full Client and a plain client on Transport (which
// only has the dialer-level checks).
func clients(p Policy) map[string]*http.Client {
	return map[string]*http.Client{
		"Client":    p.Client(),
		"Transport": {Transport: p.Transport(), Timeout: testTimeout},
	}
}

func TestBlocked(t *testing.T) {
	tests := []struct {
		addr    string
		blocked bool
		want    string // substring of the reason
	}{
		{"127.0.0.1", true, "loopback"}, {"::1", true, "loopback"},
		{"0.0.0.0", true, "unspecified"}, {"::", true, "unspecified"},
		{"0.1.2.3", true, "this network"}, {"10.0.0.1", true, "private"},
		{"172.16.0.1", true, "private"}, {"172.31.255.255", true, "private"},
		{"192.168.1.1", true, "private"}, {"100.64.0.1", true, "carrier-grade NAT"},
		{"169.254.169.254", true, "metadata"}, {"169.254.1.1", true, "link-local"},
		{"fd00:ec2::254", true, "AWS cloud metadata"}, {"fd12::1", true, "unique local"},
		{"fe80::1", true, "link-local"}, {"fec0::1", true, "site-local"},
		{"::ffff:127.0.0.1", true, "loopback"}, {"::ffff:10.0.0.1", true, "private"},
		{"64:ff9b::7f00:1", true, "NAT64 address embedding 127.0.0.1"}, {"2002:7f00:1::", true, "6to4 address embedding 127.0.0.1"},
		{"2002:a9fe:a9fe::1", true, "metadata"}, {"224.0.0.1", true, "multicast"},
		{"ff02::1", true, "multicast"}, {"255.255.255.255", true, "broadcast"},
		{"240.0.0.1", true, "reserved"}, {"198.18.0.1", true, "benchmarking"},
		{"192.0.0.8", true, "IETF"}, {"192.0.2.1", true, "documentation"},
		{"198.51.100.7", true, "documentation"}, {"203.0.113.9", true, "documentation"},
		{"2001:db8::1", true, "documentation"}, {"93.184.216.34", false, ""},
		{"8.8.8.8", false, ""}, {"2606:4700:4700::1111", false, ""},
		{"172.32.0.1", false, ""}, {"172.15.255.255", false, ""},
		{"100.128.0.1", false, ""}, {"::ffff:8.8.8.8", false, ""},
		{"64:ff9b::808:808", false, ""}, {"2002:808:808::1", false, ""},
	}
	for _, tt := range tests {
		got := Blocked(netip.MustParseAddr(tt.addr))
		if (got != "") != tt.blocked || !strings.Contains(got, tt.want) {
			t.Errorf("Blocked(%s) = %q, want blocked=%v containing %q", tt.addr, got, tt.blocked, tt.want)
		}
	}
	if Blocked(netip.Addr{}) == "" {
		t.Error("Blocked(zero Addr) allowed")
	}
}

func TestClientRefuses(t *testing.T) {
	srv := newFixture(t, nil)
	port := srv.port()
	p := Policy{
		Resolver: fakeResolver(map[string][]string{
			"localhost":      {"127.0.0.1", "::1"},
			"public.example": {"127.0.0.1"}, // DNS rebinding
		}),
		Timeout: testTimeout,
	}
	urls := []string{
		"http://127.0.0.1:" + port + "/",
		"http://localhost:" + port + "/",
		"http://[::1]:" + port + "/",
		"http://0.0.0.0:" + port + "/",
		"http://10.0.0.1/",
		"http://172.16.0.1/",
		"http://192.168.1.1/",
		"http://100.64.0.1/",
		"http://169.254.169.254/latest/meta-data/",
		"http://[::ffff:127.0.0.1]:" + port + "/",
		"http://2130706433:" + port + "/",
		"http://0177.0.0.1:" + port + "/",
		"http://0x7f.1:" + port + "/",
		"http://public.example:" + port + "/",
	}
	for _, raw := range urls {
		for name, c := range clients(p) {
			start := time.Now()
			_, _, err := fetch(c, raw)
			if !errors.Is(err, ErrBlocked) {
				t.Errorf("%s: GET %s: err = %v, want ErrBlocked", name, raw, err)
			}
			if d := time.Since(start); d > time.Second {
				t.Errorf("%s: GET %s took %v; refusal must come before any dial", name, raw, d)
			}
		}
		u := mustURL(t, raw)
		err := p.CheckURL(u)
		if u.Hostname() == "public.example" {
			// Names are not resolved by CheckURL; only the dialer sees the
			// rebinding answer.
			if err != nil {
				t.Errorf("CheckURL(%s) = %v, want nil", raw, err)
			}
		} else if !errors.Is(err, ErrBlocked) {
			t.Errorf("CheckURL(%s) = %v, want ErrBlocked", raw, err)
		}
	}
	if n := srv.hits.Load(); n != 0 {
		t.Errorf("fixture got %d requests, want 0", n)
	}
	// The dialer error names the host and the refused address.
	_, _, err := fetch(p.Client(), "http://public.example:"+port+"/")
	if msg := fmt.Sprint(err); !strings.Contains(msg, `"public.example"`) || !strings.Contains(msg, "127.0.0.1") || !strings.Contains(msg, "loopback") {
		t.Errorf("rebinding error %q should name host, address and reason", msg)
	}
}

func TestCheckURL(t *testing.T) {
	var p Policy
	bad := []struct{ raw, want string }{
		{"file:///etc/passwd", "scheme"},
		{"ftp://x/", "scheme"},
		{"gopher://x/", "scheme"},
		{"data:text/plain;base64,aGVsbG8=", "scheme"},
		{"javascript:alert(1)", "scheme"},
		{"mailto:a@example.com", "scheme"},
		{"http:///no-host", "empty host"},
		{"http:opaque", "opaque"},
		{"http://user:secret@8.8.8.8/", "userinfo"},
		{"http://2130706433/", "numeric"},
		{"http://0177.0.0.1/", "numeric"},
		{"http://0x7f.1/", "numeric"},
		{"http://0x7f000001/", "numeric"},
		{"http://0X7F.0.0.1/", "numeric"},
		{"http://127.1/", "numeric"},
		{"http://8.8.8.8.8/", "numeric"},
		{"http://sub.localhost/", "loopback"},
		{"http://169.254.169.254/", "metadata"},
		{"http://[fd00:ec2::254]/", "metadata"},
		{"http://8.8.8.8:0/", "port"},
	}
	for _, tt := range bad {
		err := p.CheckURL(mustURL(t, tt.raw))
		if !errors.Is(err, ErrBlocked) || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("CheckURL(%s) = %v, want ErrBlocked mentioning %q", tt.raw, err, tt.want)
		}
		if strings.Contains(fmt.Sprint(err), "secret") {
			t.Errorf("CheckURL(%s) leaks the password: %v", tt.raw, err)
		}
	}
	for _, raw := range []string{"http://8.8.8.8/", "https://[2606:4700:4700::1111]:8443/x", "https://example.com/a?b=c", "HTTP://Example.COM./"} {
		if err := p.CheckURL(mustURL(t, raw)); err != nil {
			t.Errorf("CheckURL(%s) = %v, want nil", raw, err)
		}
	}
	if err := p.CheckURL(nil); !errors.Is(err, ErrBlocked) {
		t.Errorf("CheckURL(nil) = %v", err)
	}
	// The Client refuses bad schemes with ErrBlocked too.
	if _, _, err := fetch(p.Client(), "file:///etc/passwd"); !errors.Is(err, ErrBlocked) {
		t.Errorf("Client GET file:///etc/passwd: %v, want ErrBlocked", err)
	}
}

func mustURL(t *testing.T, raw string) *url.URL {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func TestAllowAddrs(t *testing.T) {
	srv := newFixture(t, nil)
	other := newFixture(t, nil)
	p := Policy{AllowAddrs: []string{srv.addr()}, Timeout: testTimeout}
	for name, c := range clients(p) {
		code, body, err := fetch(c, srv.URL+"/")
		if err != nil || code != http.StatusOK || body != "hello" {
			t.Errorf("%s: GET allowed fixture = %d %q %v, want 200 hello", name, code, body, err)
		}
		// Same IP, other port: not allowed.
		if _, _, err := fetch(c, other.URL+"/"); !errors.Is(err, ErrBlocked) {
			t.Errorf("%s: GET other port: %v, want ErrBlocked", name, err)
		}
	}
	if n := other.hits.Load(); n != 0 {
		t.Errorf("other fixture got %d requests, want 0", n)
	}
	if err := p.CheckURL(mustURL(t, srv.URL+"/x")); err != nil {
		t.Errorf("CheckURL(allowed fixture) = %v", err)
	}
}

func TestDialSkipsBlockedAddresses(t *testing.T) {
	srv := newFixture(t, nil)
	p := Policy{
		AllowAddrs: []string{srv.addr()},
		// If 10.0.0.1 or 192.168.1.1 were dialed the request would hang
		// until the timeout instead of reaching the fixture.
		Resolver: fakeResolver(map[string][]string{"mixed.example": {"10.0.0.1", "192.168.1.1", "127.0.0.1"}}),
		Timeout:  time.Second,
	}
	code, body, err := fetch(p.Client(), "http://mixed.example:"+srv.port()+"/")
	if err != nil || code != http.StatusOK || body != "hello" {
		t.Fatalf("GET mixed.example = %d %q %v, want 200 hello", code, body, err)
	}
}

func TestControlRechecks(t *testing.T) {
	g := Policy{AllowAddrs: []string{"127.0.0.1:8080"}}.compile()
	for _, tt := range []struct {
		addr string
		ok   bool
	}{
		{"127.0.0.1:8080", true},
		{"[::ffff:127.0.0.1]:8080", true},
		{"8.8.8.8:443", true},
		{"127.0.0.1:9090", false},
		{"[::1]:8080", false},
		{"169.254.169.254:80", false},
		{"not-an-address", false},
	} {
		err := g.control("tcp", tt.addr, nil)
		if (err == nil) != tt.ok || (err != nil && !errors.Is(err, ErrBlocked)) {
			t.Errorf("control(%s) = %v, want ok=%v", tt.addr, err, tt.ok)
		}
	}
}

func TestRedirects(t *testing.T) {
	b := newFixture(t, nil)
	var a *fixture
	a = newFixture(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/to-b":
			redirect(w, b.URL+"/")
		case "/to-file":
			redirect(w, "file:///etc/passwd")
		case "/to-gopher":
			redirect(w, "gopher://"+a.addr()+"/_GET")
		case "/chain":
			if n, _ := strconv.Atoi(r.URL.Query().Get("n")); n > 0 {
				redirect(w, fmt.Sprintf("/chain?n=%d", n-1))
				return
			}
			io.WriteString(w, "done")
		default:
			io.WriteString(w, "hello")
		}
	})
	p := Policy{AllowAddrs: []string{a.addr()}, MaxRedirects: 3, Timeout: testTimeout}
	cs := map[string]*http.Client{
		"Client": p.Client(),
		// CheckRedirect alone, on a transport that does not check schemes.
		"CheckRedirect": {Transport: p.Transport(), CheckRedirect: p.Client().CheckRedirect},
	}
	for name, c := range cs {
		for _, path := range []string{"/to-b", "/to-file", "/to-gopher", "/chain?n=4"} {
			if _, _, err := fetch(c, a.URL+path); !errors.Is(err, ErrBlocked) {
				t.Errorf("%s: GET %s: %v, want ErrBlocked", name, path, err)
			}
		}
		if code, body, err := fetch(c, a.URL+"/chain?n=3"); err != nil || code != 200 || body != "done" {
			t.Errorf("%s: GET 3 redirects = %d %q %v, want 200 done", name, code, body, err)
		}
	}
	if n := b.hits.Load(); n != 0 {
		t.Errorf("redirect target got %d requests, want 0", n)
	}
	// With the target allowed too, the same redirect is followed.
	p.AllowAddrs = append(p.AllowAddrs, b.addr())
	if code, body, err := fetch(p.Client(), a.URL+"/to-b"); err != nil || code != 200 || body != "hello" || b.hits.Load() != 1 {
		t.Errorf("allowed redirect = %d %q %v (hits %d), want 200 hello", code, body, err, b.hits.Load())
	}
	// Negative MaxRedirects follows none.
	p.MaxRedirects = -1
	if _, _, err := fetch(p.Client(), a.URL+"/chain?n=1"); !errors.Is(err, ErrBlocked) {
		t.Errorf("MaxRedirects -1: %v, want ErrBlocked", err)
	}
}

func TestAllowHosts(t *testing.T) {
	p := Policy{AllowHosts: []string{"Example.ORG."}}
	for _, raw := range []string{"http://evil.test/", "http://notexample.org/", "http://example.org.evil.test/", "http://8.8.8.8/"} {
		if err := p.CheckURL(mustURL(t, raw)); !errors.Is(err, ErrBlocked) {
			t.Errorf("CheckURL(%s) = %v, want ErrBlocked", raw, err)
		}
	}
	for _, raw := range []string{"http://news.example.org/", "https://example.org/", "http://NEWS.Example.Org./x"} {
		if err := p.CheckURL(mustURL(t, raw)); err != nil {
			t.Errorf("CheckURL(%s) = %v, want nil", raw, err)
		}
	}

	var port string
	srv := newFixture(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/start" {
			redirect(w, "http://evil.test:"+port+"/")
			return
		}
		io.WriteString(w, "hello")
	})
	port = srv.port()
	p = Policy{
		AllowHosts: []string{"example.org"},
		AllowAddrs: []string{srv.addr()},
		// Both names point at the allowed fixture, so only the host
		// allow-list can refuse evil.test.
		Resolver: fakeResolver(map[string][]string{"news.example.org": {"127.0.0.1"}, "evil.test": {"127.0.0.1"}}),
		Timeout:  testTimeout,
	}
	if code, body, err := fetch(p.Client(), "http://news.example.org:"+port+"/"); err != nil || code != 200 || body != "hello" {
		t.Fatalf("GET allowed host = %d %q %v, want 200 hello", code, body, err)
	}
	if _, _, err := fetch(p.Client(), "http://news.example.org:"+port+"/start"); !errors.Is(err, ErrBlocked) {
		t.Errorf("redirect to evil.test: %v, want ErrBlocked", err)
	}
	tc := &http.Client{Transport: p.Transport(), Timeout: testTimeout}
	if _, _, err := fetch(tc, "http://evil.test:"+port+"/"); !errors.Is(err, ErrBlocked) {
		t.Errorf("Transport GET evil.test: %v, want ErrBlocked", err)
	}
	if n := srv.hits.Load(); n != 2 {
		t.Errorf("fixture got %d requests, want 2 (/ and /start)", n)
	}
}

func TestTransportSettings(t *testing.T) {
	tr := Policy{}.Transport()
	if tr.Proxy != nil || tr.DialContext == nil || tr.DialTLSContext != nil || tr.TLSClientConfig != nil {
		t.Error("transport must dial through the guard, without proxy or custom TLS")
	}
	if tr.MaxIdleConnsPerHost <= 0 || tr.IdleConnTimeout != 90*time.Second ||
		tr.TLSHandshakeTimeout != 10*time.Second || tr.ResponseHeaderTimeout != 20*time.Second {
		t.Errorf("transport limits: %+v", tr)
	}
	gt, ok := Policy{}.Client().Transport.(*guardedTransport)
	if !ok || gt.t.Proxy != nil {
		t.Error("Client transport must be the guarded transport without proxy")
	}
	if c := (Policy{}).Client(); c.Timeout != 30*time.Second || c.CheckRedirect == nil {
		t.Errorf("default Client: timeout %v", c.Timeout)
	}
	if c := (Policy{Timeout: time.Second}).Client(); c.Timeout != time.Second {
		t.Errorf("Client timeout %v, want 1s", c.Timeout)
	}
}
