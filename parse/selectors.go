package parse

import (
	"errors"
	"fmt"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/andybalholm/cascadia"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/galleyprint/galley/internal/htmlclone"
)

// The bounds on the selectors a page is read with: the options' and its
// site rules' together. Matching a selector costs a walk of the page, so
// their number bounds the work.
const (
	MaxSelectors      = 64
	MaxSelectorLength = 512
)

// ErrBadSelector is wrapped by the errors for a CSS selector galley cannot
// use.
var ErrBadSelector = errors.New("invalid CSS selector")

// CheckSelector reports whether sel is a CSS selector galley matches
// (cascadia's: CSS level 3, :has(), :contains()…). Pseudo-elements are
// refused, and so is a :has() inside another, whose cost grows with the
// square of a page's depth. The error wraps ErrBadSelector and names
// option, the option or rule that gave it ("--remove", "keep").
func CheckSelector(option, sel string) error {
	if _, err := compileSelector(option, sel); err != nil {
		return err
	}
	_, err := deepSearches(option, sel)
	return err
}

func compileSelector(option, sel string) (cascadia.Selector, error) {
	if len(sel) > MaxSelectorLength {
		return nil, fmt.Errorf("%w: %s: a selector of %d bytes; galley takes at most %d", ErrBadSelector, option, len(sel), MaxSelectorLength)
	}
	if strings.TrimSpace(sel) == "" {
		return nil, fmt.Errorf("%w: %s: an empty selector", ErrBadSelector, option)
	}
	s, err := cascadia.Compile(sel)
	if err != nil {
		return nil, fmt.Errorf("%w: %s %q: %v", ErrBadSelector, option, sel, err)
	}
	return s, nil
}

// pageSelectors are the compiled selectors a page is read with; deep
// counts the searches inside elements they make (deepSearches).
type pageSelectors struct {
	remove, keep []cascadia.Selector
	deep         int
}

// maxSelectorWork bounds the work of the selectors that search inside
// every element they try (:has(), :contains()) on a page: their number
// times the page's extraction work (extractionWork), which is what one
// such search of every element costs. It is twice what extraction may
// cost, a couple of seconds at most.
const maxSelectorWork = 2 * maxExtractionWork

// deepSearches counts the pseudo-classes of sel that search inside an
// element (:has(), :contains(), :containsOwn() excepted), each of which
// costs a walk of every element's content; a :has() inside another,
// whose cost grows with the square of the page's depth, is refused.
func deepSearches(option, sel string) (int, error) {
	lower := strings.ToLower(sel)
	n := strings.Count(lower, ":contains(") + strings.Count(lower, ":has(")
	depth, open := 0, []bool{} // open[i]: the i-th open parenthesis is a :has(
	for i := 0; i < len(lower); i++ {
		switch lower[i] {
		case '(':
			has := strings.HasSuffix(lower[:i], ":has")
			if has && depth > 0 {
				return 0, fmt.Errorf("%w: %s %q: a :has() inside another :has() costs too much on a large page", ErrBadSelector, option, sel)
			}
			if has {
				depth++
			}
			open = append(open, has)
		case ')':
			if len(open) > 0 {
				if open[len(open)-1] {
					depth--
				}
				open = open[:len(open)-1]
			}
		}
	}
	return n, nil
}

// selectorsFor compiles the selectors opts gives for a page at pageURL:
// its own, then those of every site rule whose host pattern matches.
func selectorsFor(opts Options, pageURL string) (pageSelectors, error) {
	var ps pageSelectors
	add := func(to *[]cascadia.Selector, option string, sels []string) error {
		for _, sel := range sels {
			if len(ps.remove)+len(ps.keep) >= MaxSelectors {
				return fmt.Errorf("%w: more than %d selectors for one page", ErrBadSelector, MaxSelectors)
			}
			s, err := compileSelector(option, sel)
			if err != nil {
				return err
			}
			deep, err := deepSearches(option, sel)
			if err != nil {
				return err
			}
			ps.deep += deep
			*to = append(*to, s)
		}
		return nil
	}
	if err := add(&ps.remove, "remove", opts.Remove); err != nil {
		return ps, err
	}
	if err := add(&ps.keep, "keep", opts.Keep); err != nil {
		return ps, err
	}
	host := ""
	if u, err := url.Parse(pageURL); err == nil {
		host = u.Hostname()
	}
	for _, r := range opts.Sites {
		if !r.Matches(host) {
			continue
		}
		if err := add(&ps.remove, r.Name+": remove", r.Remove); err != nil {
			return ps, err
		}
		if err := add(&ps.keep, r.Name+": keep", r.Keep); err != nil {
			return ps, err
		}
	}
	return ps, nil
}

// SiteRule is what a user says about the pages of one site: elements to
// remove before the article is extracted, and elements to keep in it.
// galley reads no rule by itself: a caller loads them (the CLI from
// ~/.config/galley/sites, see docs/site-rules.md) and hands them in
// Options.Sites.
type SiteRule struct {
	// Name says where the rule comes from (its file), for messages.
	Name string
	// Hosts are the host names the rule applies to: "example.com"
	// matches example.com and its subdomains (www.example.com,
	// news.example.com), "*.example.com" its subdomains alone.
	Hosts []string
	// Remove and Keep are CSS selectors, as Options.Remove and Keep.
	Remove, Keep []string
}

// Matches reports whether the rule applies to host, a page's host name.
func (r SiteRule) Matches(host string) bool {
	host = strings.TrimSuffix(strings.ToLower(host), ".")
	if host == "" {
		return false
	}
	for _, p := range r.Hosts {
		p = strings.TrimSuffix(strings.ToLower(strings.TrimSpace(p)), ".")
		if sub, ok := strings.CutPrefix(p, "*."); ok {
			if strings.HasSuffix(host, "."+sub) {
				return true
			}
			continue
		}
		if p != "" && (host == p || strings.HasSuffix(host, "."+p)) {
			return true
		}
	}
	return false
}

// Check reports what is wrong with the rule: no host, a host pattern that
// is not a host name, a selector galley cannot use.
func (r SiteRule) Check() error {
	if len(r.Hosts) == 0 {
		return fmt.Errorf("%s: no hosts: a rule names the hosts it applies to", r.Name)
	}
	for _, h := range r.Hosts {
		bare := strings.TrimPrefix(strings.TrimSpace(h), "*.")
		if bare == "" || strings.ContainsAny(bare, "/:*?#@ ") {
			return fmt.Errorf("%s: host %q: want a host name such as example.com or *.example.com", r.Name, h)
		}
	}
	for _, sel := range r.Remove {
		if err := CheckSelector(r.Name+": remove", sel); err != nil {
			return err
		}
	}
	for _, sel := range r.Keep {
		if err := CheckSelector(r.Name+": keep", sel); err != nil {
			return err
		}
	}
	return nil
}

// removeMatching detaches from doc every element a remove selector
// matches, before anything reads the page: what is removed is neither
// extracted nor read as metadata.
func removeMatching(doc *html.Node, sels []cascadia.Selector) bool {
	removed := false
	for _, s := range sels {
		for _, n := range s.MatchAll(doc) {
			if n.Parent != nil && n.Type == html.ElementNode && n.DataAtom != atom.Html && n.DataAtom != atom.Body && n.DataAtom != atom.Head {
				n.Parent.RemoveChild(n)
				removed = true
			}
		}
	}
	return removed
}

// The attributes that carry kept elements through extraction: every
// element of the page is numbered in document order (orderAttr), and a
// kept element is marked (keptAttr). Extraction keeps attributes (it
// moves and clones elements), so the numbers say where a kept element
// that extraction dropped goes back in, and the marks which ones it kept.
const (
	orderAttr = "data-galley-order"
	keptAttr  = "data-galley-keep"
)

// isKept reports an element the user asked to keep (--keep, a site
// rule's keep): cleanup that drops furniture must leave it and what is
// inside it alone.
func isKept(n *html.Node) bool { return n.Type == html.ElementNode && attr(n, keptAttr) != "" }

// keeper holds copies of the kept elements of a page, taken before
// extraction, to put them back into what extraction returns.
type keeper struct {
	end  []int // end[i] is the number of element i's last descendant
	kept []keptElement
}

// keptElement is a kept element's number and its copy.
type keptElement struct {
	order int
	copy  *html.Node
}

// markKept numbers doc's elements and marks, and copies, the outermost
// elements of its body that a keep selector matches; nil when none does.
func markKept(doc *html.Node, sels []cascadia.Selector) *keeper {
	if len(sels) == 0 {
		return nil
	}
	match := map[*html.Node]bool{}
	for _, s := range sels {
		for _, n := range s.MatchAll(doc) {
			match[n] = true
		}
	}
	if len(match) == 0 {
		return nil
	}
	k := &keeper{}
	var walk func(n *html.Node, inBody, inKept bool)
	walk = func(n *html.Node, inBody, inKept bool) {
		for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
			if ch.Type != html.ElementNode {
				walk(ch, inBody, inKept)
				continue
			}
			order := len(k.end)
			k.end = append(k.end, order)
			ch.Attr = append(ch.Attr, html.Attribute{Key: orderAttr, Val: strconv.Itoa(order)})
			kept := inBody && !inKept && match[ch]
			idx := len(k.kept)
			if kept {
				ch.Attr = append(ch.Attr, html.Attribute{Key: keptAttr, Val: "1"})
				k.kept = append(k.kept, keptElement{order: order})
			}
			walk(ch, inBody || ch.DataAtom == atom.Body, inKept || kept)
			k.end[order] = len(k.end) - 1
			if kept { // copied whole, numbers and all
				k.kept[idx].copy = cloneNode(ch)
			}
		}
	}
	walk(doc, false, false)
	if len(k.kept) == 0 {
		return nil
	}
	return k
}

// orderOf is the number markKept gave n, or -1.
func orderOf(n *html.Node) int {
	if n.Type != html.ElementNode {
		return -1
	}
	if v := attr(n, orderAttr); v != "" {
		if i, err := strconv.Atoi(v); err == nil {
			return i
		}
	}
	return -1
}

// restore puts the kept elements into root, the extracted article, as
// they were before extraction: one extraction kept is replaced by its
// copy (cleanup inside it undone); one it dropped goes in by document
// order, after the last element of root that came before it in the page
// (inside it when it held the kept one), and whatever of it extraction
// had taken elsewhere is removed so that nothing prints twice. Each call
// puts in copies of its own, so that one keeper serves several roots.
func (k *keeper) restore(root *html.Node) {
	if k == nil || root == nil {
		return
	}
	present := map[int]*html.Node{}
	var placed []placedElement // root's numbered elements, outside kept ones
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
			o := orderOf(ch)
			if o >= 0 && isKept(ch) && present[o] == nil {
				present[o] = ch
				placed = append(placed, placedElement{order: o, n: ch})
				continue
			}
			if o >= 0 {
				placed = append(placed, placedElement{order: o, n: ch})
			}
			walk(ch)
		}
	}
	walk(root)
	sort.SliceStable(placed, func(i, j int) bool { return placed[i].order < placed[j].order })
	for _, e := range k.kept {
		e.copy = cloneNode(e.copy) // a root of its own: restore may serve several candidates
		if n := present[e.order]; n != nil {
			n.Parent.InsertBefore(e.copy, n)
			n.Parent.RemoveChild(n)
			if i := sort.Search(len(placed), func(i int) bool { return placed[i].order >= e.order }); i < len(placed) && placed[i].n == n {
				placed[i].n = e.copy
			}
			continue
		}
		end := k.end[e.order]
		// what extraction took from inside the kept element goes
		lo := sort.Search(len(placed), func(i int) bool { return placed[i].order > e.order })
		hi := sort.Search(len(placed), func(i int) bool { return placed[i].order > end })
		for _, p := range placed[lo:hi] {
			if p.n.Parent != nil {
				p.n.Parent.RemoveChild(p.n)
			}
		}
		placed = slices.Delete(placed, lo, hi)
		before := -1
		for i := lo - 1; i >= 0; i-- {
			if within(placed[i].n, root) {
				before = i
				break
			}
		}
		switch {
		case before < 0:
			root.InsertBefore(e.copy, root.FirstChild)
		case k.end[placed[before].order] >= e.order: // it held the kept element
			placed[before].n.InsertBefore(e.copy, placed[before].n.FirstChild)
		default:
			placed[before].n.Parent.InsertBefore(e.copy, placed[before].n.NextSibling)
		}
		placed = slices.Insert(placed, lo, placedElement{order: e.order, n: e.copy})
	}
}

// placedElement is a numbered element of the extracted article.
type placedElement struct {
	order int
	n     *html.Node
}

// within reports whether n is root or inside it.
func within(n, root *html.Node) bool {
	for ; n != nil; n = n.Parent {
		if n == root {
			return true
		}
	}
	return false
}

// cloneNode copies n and everything inside it. The copies share one
// array of nodes and one of attributes (each node's attributes capped at
// their number, so that adding one to a node copies them rather than
// overwrite the next node's): two allocations, not two per node.
func cloneNode(n *html.Node) *html.Node {
	return htmlclone.Tree(n, htmlclone.Options{Namespace: true, NilAttr: true})
}

// userSelectors applies the selectors opts gives for the page (see
// Options.Remove): the removals now, before the page is read, and meta
// read again when they took something; it returns the keep selectors,
// for markKept. The page's address for its site rules is pageURL, else
// its canonical URL.
func userSelectors(doc *html.Node, meta *pageMeta, pageURL string, opts Options) ([]cascadia.Selector, error) {
	if len(opts.Remove) == 0 && len(opts.Keep) == 0 && len(opts.Sites) == 0 {
		return nil, nil
	}
	addr := pageURL
	if addr == "" {
		addr = firstNonEmpty(meta.canonical, meta.ogURL)
	}
	ps, err := selectorsFor(opts, addr)
	if err != nil {
		return nil, err
	}
	if ps.deep > 0 {
		if work, _ := extractionWork(doc, maxSelectorWork); ps.deep*work > maxSelectorWork {
			return nil, fmt.Errorf("%w: %d :has() or :contains() searches cost too much on a page this large and deep; use fewer, or plain selectors", ErrBadSelector, ps.deep)
		}
	}
	if removeMatching(doc, ps.remove) {
		*meta = readPageMeta(doc)
	}
	return ps.keep, nil
}
