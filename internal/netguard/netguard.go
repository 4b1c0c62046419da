// Package netguard makes HTTP clients that only reach public internet
// addresses, so that a service fetching user-supplied URLs (article pages
// and their images) cannot be turned against loopback, private networks,
// link-local cloud metadata endpoints and the like (SSRF).
//
// The guard sits in the dialer: every host name is resolved by netguard
// itself, every resulting address is checked, and the connection is made
// to the checked IP directly, so a DNS answer that changes between a check
// and the connection (DNS rebinding) cannot slip through. Redirects are
// re-checked, and environment proxies are never used.
package netguard

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// Policy says which addresses a guarded client may reach. The zero value
// allows public unicast addresses only.
//
// A client or transport takes a snapshot of the Policy when it is made;
// later changes to the slices do not affect it.
type Policy struct {
	// AllowHosts, when not empty, is the only host names (and domains:
	// "example.com" also allows "a.example.com") that may be fetched;
	// compared case-insensitively, after a trailing dot is removed.
	// Entries should be ASCII (punycode for internationalized names).
	// An IP literal host matches only an identical entry.
	AllowHosts []string
	// AllowAddrs lists exact "ip:port" addresses reachable even though
	// they are not public — for tests to reach their own fixture server on
	// loopback. Nothing else on the same IP (other ports) is allowed.
	// Entries that do not parse as ip:port are ignored.
	AllowAddrs []string
	// Resolver looks up a host's addresses; nil uses
	// net.DefaultResolver.LookupNetIP(ctx, "ip", host). Tests plug a fake
	// one in.
	Resolver func(ctx context.Context, host string) ([]netip.Addr, error)
	// Timeout for a whole request including redirects and reading the
	// body (zero or negative: 30s).
	Timeout time.Duration
	// MaxRedirects is the number of redirects followed (zero: 10;
	// negative: no redirect is followed).
	MaxRedirects int
}

// ErrBlocked is wrapped by every refusal (errors.Is works through
// url.Error from http.Client), including a refused redirect and the
// redirect limit.
var ErrBlocked = errors.New("address not allowed")

// refusal is the error for everything netguard refuses; it unwraps to
// ErrBlocked.
type refusal struct{ msg string }

func (e *refusal) Error() string { return "netguard: " + e.msg }
func (e *refusal) Unwrap() error { return ErrBlocked }

func refusef(format string, args ...any) *refusal {
	return &refusal{msg: fmt.Sprintf(format, args...)}
}

// guard is a compiled Policy.
type guard struct {
	allowHosts   []string
	allowAddrs   map[netip.AddrPort]bool
	resolve      func(ctx context.Context, host string) ([]netip.Addr, error)
	timeout      time.Duration
	maxRedirects int
}

func (p Policy) compile() *guard {
	g := &guard{
		allowAddrs:   make(map[netip.AddrPort]bool),
		resolve:      p.Resolver,
		timeout:      p.Timeout,
		maxRedirects: p.MaxRedirects,
	}
	for _, h := range p.AllowHosts {
		if h = normHost(h); h != "" {
			g.allowHosts = append(g.allowHosts, h)
		}
	}
	for _, s := range p.AllowAddrs {
		if ap, err := netip.ParseAddrPort(strings.TrimSpace(s)); err == nil {
			g.allowAddrs[netip.AddrPortFrom(ap.Addr().Unmap().WithZone(""), ap.Port())] = true
		}
	}
	if g.resolve == nil {
		g.resolve = func(ctx context.Context, host string) ([]netip.Addr, error) {
			return net.DefaultResolver.LookupNetIP(ctx, "ip", host)
		}
	}
	if g.timeout <= 0 {
		g.timeout = 30 * time.Second
	}
	if g.maxRedirects == 0 {
		g.maxRedirects = 10
	} else if g.maxRedirects < 0 {
		g.maxRedirects = 0
	}
	return g
}

func normHost(h string) string {
	return strings.TrimSuffix(strings.ToLower(strings.TrimSpace(h)), ".")
}

// Transport returns an *http.Transport that dials only allowed addresses
// (and host names on the AllowHosts list). It never uses a proxy. Use it
// for a custom client; note that only Client also checks schemes and
// re-checks redirects.
func (p Policy) Transport() *http.Transport { return p.compile().transport() }

func (g *guard) transport() *http.Transport {
	return &http.Transport{
		Proxy:                 nil, // a proxy would bypass the address check
		DialContext:           g.dialContext,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          100,
		MaxIdleConnsPerHost:   8,
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   10 * time.Second,
		ResponseHeaderTimeout: 20 * time.Second,
		ExpectContinueTimeout: 1 * time.Second,
	}
}

// Client returns an *http.Client whose transport dials only allowed
// addresses and whose CheckRedirect re-checks every redirect (scheme
// http/https only, host allow-list, count). Every request URL, the first
// one included, is checked with CheckURL before it is sent.
func (p Policy) Client() *http.Client {
	g := p.compile()
	return &http.Client{
		Transport:     &guardedTransport{g: g, t: g.transport()},
		CheckRedirect: g.checkRedirect,
		Timeout:       g.timeout,
	}
}

// guardedTransport runs checkURL on each request before the dialer-level
// checks of the underlying transport.
type guardedTransport struct {
	g *guard
	t *http.Transport
}

func (gt *guardedTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if err := gt.g.checkURL(req.URL); err != nil {
		if req.Body != nil {
			req.Body.Close()
		}
		return nil, err
	}
	return gt.t.RoundTrip(req)
}

func (gt *guardedTransport) CloseIdleConnections() { gt.t.CloseIdleConnections() }

func (g *guard) checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) > g.maxRedirects {
		return refusef("stopped after %d redirects", g.maxRedirects)
	}
	if r := g.checkURL(req.URL); r != nil {
		return refusef("redirect refused: %s", r.msg)
	}
	return nil
}

// CheckURL checks a URL before any request: scheme http or https only
// (file:, ftp:, gopher:, data: etc. are refused), non-empty host, no
// userinfo, host allow-list, and host names that are non-canonical numeric
// IPv4 forms (decimal "2130706433", octal "0177.0.0.1", hex "0x7f.1",
// "0x7f000001", short forms like "127.1") are refused outright, as are
// "localhost" and names under ".localhost". A canonical IP literal (v4 or
// [v6]) is checked against the blocked ranges right away (AllowAddrs
// applies, with the scheme's default port when none is given). Host names
// are not resolved here; the dialer checks the addresses they resolve to.
// Refusals wrap ErrBlocked.
func (p Policy) CheckURL(u *url.URL) error {
	if r := p.compile().checkURL(u); r != nil {
		return r
	}
	return nil // not a typed nil *refusal
}

func (g *guard) checkURL(u *url.URL) *refusal {
	if u == nil {
		return refusef("nil URL")
	}
	scheme := strings.ToLower(u.Scheme)
	if scheme != "http" && scheme != "https" {
		return refusef("%s: scheme %q not allowed (only http and https)", u.Redacted(), u.Scheme)
	}
	if u.Opaque != "" {
		return refusef("%s: opaque URL not allowed", u.Redacted())
	}
	if u.User != nil {
		return refusef("%s: userinfo in URL not allowed", u.Redacted())
	}
	port := map[string]uint64{"http": 80, "https": 443}[scheme]
	if ps := u.Port(); ps != "" {
		var err error
		if port, err = strconv.ParseUint(ps, 10, 16); err != nil || port == 0 {
			return refusef("%s: invalid port %q", u.Redacted(), ps)
		}
	}
	if _, r := g.checkHost(u.Hostname(), uint16(port)); r != nil {
		return refusef("%s: %s", u.Redacted(), r.msg)
	}
	return nil
}

// checkHost applies the host rules shared by CheckURL and the dialer. When
// host is an IP literal it is checked (with port) and returned.
func (g *guard) checkHost(host string, port uint16) (netip.Addr, *refusal) {
	h := normHost(host)
	if h == "" {
		return netip.Addr{}, refusef("empty host")
	}
	if !g.hostAllowed(h) {
		return netip.Addr{}, refusef("host %q is not on the allow-list", host)
	}
	if ip, err := netip.ParseAddr(h); err == nil {
		if ip.Zone() != "" {
			return netip.Addr{}, refusef("IPv6 zone in host %q not allowed", host)
		}
		if r := g.addrReason(netip.AddrPortFrom(ip, port)); r != "" {
			return netip.Addr{}, refusef("address %s refused: %s", ip, r)
		}
		return ip, nil
	}
	if numericHost(h) {
		return netip.Addr{}, refusef("host %q is a non-canonical numeric IPv4 form (decimal, octal, hex or short); only dotted-decimal a.b.c.d is accepted", host)
	}
	if h == "localhost" || strings.HasSuffix(h, ".localhost") {
		return netip.Addr{}, refusef("host %q always names loopback", host)
	}
	return netip.Addr{}, nil
}

func (g *guard) hostAllowed(h string) bool {
	for _, a := range g.allowHosts {
		if h == a || strings.HasSuffix(h, "."+a) {
			return true
		}
	}
	return len(g.allowHosts) == 0
}

// numericHost reports whether h ends in a numeric label (decimal, or hex
// with 0x), which URL parsers and inet_aton treat as an IPv4 address.
// Callers have already ruled out canonical dotted-decimal literals.
func numericHost(h string) bool {
	last := h[strings.LastIndexByte(h, '.')+1:]
	if last == "" {
		return false
	}
	if len(last) >= 2 && last[0] == '0' && (last[1] == 'x' || last[1] == 'X') {
		return strings.Trim(last[2:], "0123456789abcdefABCDEF") == "" // "0x" alone is zero
	}
	return strings.Trim(last, "0123456789") == ""
}

// addrReason says why ap may not be dialed ("" when it may).
func (g *guard) addrReason(ap netip.AddrPort) string {
	ip := ap.Addr().Unmap().WithZone("")
	if g.allowAddrs[netip.AddrPortFrom(ip, ap.Port())] {
		return ""
	}
	return Blocked(ip)
}

// dialContext resolves the host itself, drops refused addresses and dials
// the remaining IPs directly, so that no second resolution happens.
func (g *guard) dialContext(ctx context.Context, network, address string) (net.Conn, error) {
	host, ps, err := net.SplitHostPort(address)
	port, perr := strconv.ParseUint(ps, 10, 16)
	if err != nil || perr != nil || port == 0 {
		return nil, refusef("bad dial address %q", address)
	}
	ip, r := g.checkHost(host, uint16(port))
	if r != nil {
		return nil, r
	}
	candidates := []netip.Addr{ip}
	if !ip.IsValid() {
		candidates, err = g.resolve(ctx, host)
		if err != nil {
			return nil, fmt.Errorf("netguard: resolve %q: %w", host, err)
		}
	}
	var allowed []netip.AddrPort
	var refused netip.Addr
	var reason string
	for _, a := range candidates {
		ap := netip.AddrPortFrom(a.Unmap(), uint16(port))
		if r := g.addrReason(ap); r != "" {
			if reason == "" {
				refused, reason = a, r
			}
			continue
		}
		allowed = append(allowed, ap)
	}
	if len(allowed) == 0 {
		if reason == "" {
			return nil, fmt.Errorf("netguard: no addresses for host %q", host)
		}
		return nil, refusef("host %q: address %s refused: %s", host, refused, reason)
	}
	d := net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second, Control: g.control}
	var firstErr error
	for _, ap := range allowed {
		c, err := d.DialContext(ctx, network, ap.String())
		if err == nil {
			return c, nil
		}
		if firstErr == nil {
			firstErr = err
		}
		if ctx.Err() != nil {
			break
		}
	}
	return nil, firstErr
}

// control re-checks the address actually being connected to.
func (g *guard) control(network, address string, _ syscall.RawConn) error {
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return refusef("cannot check dial address %q: %v", address, err)
	}
	if r := g.addrReason(ap); r != "" {
		return refusef("connect to %s refused: %s", address, r)
	}
	return nil
}

type rule struct {
	p      netip.Prefix
	reason string
}

var pfx = netip.MustParsePrefix

// First match wins, so exact addresses come before their ranges.
var v4Rules = []rule{
	{pfx("169.254.169.254/32"), "cloud metadata address 169.254.169.254 (link-local)"},
	{pfx("0.0.0.0/32"), "unspecified address"},
	{pfx("255.255.255.255/32"), "broadcast address"},
	{pfx("0.0.0.0/8"), `"this network" address (0.0.0.0/8)`},
	{pfx("127.0.0.0/8"), "loopback address"},
	{pfx("10.0.0.0/8"), "private address (10.0.0.0/8)"},
	{pfx("172.16.0.0/12"), "private address (172.16.0.0/12)"},
	{pfx("192.168.0.0/16"), "private address (192.168.0.0/16)"},
	{pfx("100.64.0.0/10"), "carrier-grade NAT address (100.64.0.0/10)"},
	{pfx("169.254.0.0/16"), "link-local address (169.254.0.0/16)"},
	{pfx("192.0.0.0/24"), "IETF protocol assignment (192.0.0.0/24)"},
	{pfx("192.0.2.0/24"), "documentation address (192.0.2.0/24)"},
	{pfx("198.51.100.0/24"), "documentation address (198.51.100.0/24)"},
	{pfx("203.0.113.0/24"), "documentation address (203.0.113.0/24)"},
	{pfx("198.18.0.0/15"), "benchmarking address (198.18.0.0/15)"},
	{pfx("224.0.0.0/4"), "multicast address"},
	{pfx("240.0.0.0/4"), "reserved address (240.0.0.0/4)"},
}

var v6Rules = []rule{
	{pfx("fd00:ec2::254/128"), "AWS cloud metadata address fd00:ec2::254 (unique local)"},
	{pfx("::/128"), "unspecified address"},
	{pfx("::1/128"), "loopback address"},
	{pfx("::/96"), "IPv4-compatible IPv6 address (deprecated)"},
	{pfx("64:ff9b:1::/48"), "local-use NAT64 address (64:ff9b:1::/48)"},
	{pfx("100::/64"), "discard-only address (100::/64)"},
	{pfx("2001:db8::/32"), "documentation address (2001:db8::/32)"},
	{pfx("fc00::/7"), "unique local address (fc00::/7)"},
	{pfx("fe80::/10"), "link-local address (fe80::/10)"},
	{pfx("fec0::/10"), "site-local address (fec0::/10)"},
	{pfx("ff00::/8"), "multicast address"},
}

// embedded lists IPv6 ranges that carry an IPv4 address at byte offset at.
var embedded = []struct {
	p    netip.Prefix
	at   int
	name string
}{
	{pfx("64:ff9b::/96"), 12, "NAT64"},
	{pfx("2002::/16"), 2, "6to4"},
}

// Blocked reports why addr is not a public address ("" when allowed).
// IPv4-mapped IPv6 addresses are unmapped first, and the IPv4 address
// embedded in NAT64 (64:ff9b::/96) and 6to4 (2002::/16) addresses is
// checked too. Refused are unspecified, "this network", loopback, private,
// carrier-grade NAT, link-local (including cloud metadata addresses),
// unique local, site-local, multicast, broadcast, reserved, benchmarking,
// IETF protocol assignment and documentation ranges, and anything else
// that is not global unicast.
func Blocked(a netip.Addr) string {
	if !a.IsValid() {
		return "invalid address"
	}
	a = a.Unmap().WithZone("")
	if a.Is4() {
		return match(v4Rules, a)
	}
	if r := match(v6Rules, a); r != "" {
		return r
	}
	b := a.As16()
	for _, e := range embedded {
		if e.p.Contains(a) {
			v4 := netip.AddrFrom4([4]byte(b[e.at : e.at+4]))
			if r := match(v4Rules, v4); r != "" {
				return fmt.Sprintf("%s address embedding %s: %s", e.name, v4, r)
			}
		}
	}
	return ""
}

func match(rs []rule, a netip.Addr) string {
	for _, r := range rs {
		if r.p.Contains(a) {
			return r.reason
		}
	}
	if !a.IsGlobalUnicast() {
		return "not a global unicast address"
	}
	return ""
}
