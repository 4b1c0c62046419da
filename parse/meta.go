package parse

import (
	"encoding/json"
	"net/url"
	"strings"
	"time"

	"github.com/galleyprint/galley/internal/readability"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/galleyprint/galley/article"
)

// This file reads what a web page declares about itself — its <head>,
// JSON-LD, microdata (itemprop), rel=author links and <time> elements —
// and decides an article's headline, authors and dates from those
// declarations first and readability's guesses after.

// pageMeta is what the page says about itself, read before readability
// removes the page's furniture (where bylines and dates often are).
type pageMeta struct {
	title, ogTitle, siteName, appName, lang, dir, canonical, ogURL, base, published, modified string
	tags                                                                                      []string

	ld                          ldArticle // the page's JSON-LD article, if any
	dcAuthors                   []string  // <meta name=DC.Creator>, property=dc:creator
	dcProperty, fromProperty    bool      // dcAuthors came from a property; the meta being read is one
	metaAuthors                 []string  // <meta name=author>, article:author
	itemAuthors                 []string  // itemprop=author in an article's microdata
	itemPublished, itemModified string    // itemprop=datePublished, dateModified
	relAuthors                  []string  // <a rel=author>
	timeDate                    string    // the first <time datetime> outside links and page furniture
	h1s                         []string  // the texts of the first <h1> elements
	descriptions                []string  // <meta name=description>, og:description, twitter:description
}

// maxDescriptions is how many distinct descriptions readPageMeta keeps.
const maxDescriptions = 3

// maxH1s is how many <h1> texts readPageMeta keeps to compare with the
// document title.
const maxH1s = 4

// readPageMeta reads doc's declarations about itself.
func readPageMeta(doc *html.Node) pageMeta {
	var m pageMeta
	m.walk(doc, walkState{})
	return m
}

// walkState is where in the page readPageMeta is.
type walkState struct {
	scope     string // the itemtype of the nearest microdata item ("" outside any)
	furniture bool   // in a link, <nav>, <aside> or <footer>
	inBody    bool   // in the <body>
	inAuthor  bool   // in an itemprop=author, whose names are read
}

// walk reads n and its descendants.
func (m *pageMeta) walk(n *html.Node, st walkState) {
	if n.Type == html.ElementNode {
		if n.DataAtom == atom.Body {
			st.inBody = true
			if m.dir == "" {
				m.dir = attr(n, "dir")
			}
		}
		switch n.DataAtom {
		case atom.Html:
			m.lang, m.dir = attr(n, "lang"), attr(n, "dir")
		case atom.Title:
			if m.title == "" && !st.inBody {
				m.title = textContent(n)
			}
		case atom.Base:
			if m.base == "" {
				m.base = attr(n, "href")
			}
		case atom.Link:
			if hasToken(attr(n, "rel"), "canonical") && m.canonical == "" {
				m.canonical = attr(n, "href")
			}
		case atom.Meta:
			// a property may hold several names: "dc:creator twitter:site_name"
			m.fromProperty = attr(n, "property") != ""
			for key := range strings.FieldsSeq(strings.ToLower(firstNonEmpty(attr(n, "property"), attr(n, "name")))) {
				m.meta(key, strings.TrimSpace(attr(n, "content")))
			}
		case atom.Script:
			if strings.EqualFold(strings.TrimSpace(attr(n, "type")), "application/ld+json") && n.FirstChild != nil {
				m.ld.read(n.FirstChild.Data)
			}
			return
		case atom.H1:
			if t := textContent(n); t != "" && len(m.h1s) < maxH1s {
				m.h1s = append(m.h1s, t)
			}
		case atom.A, atom.Nav, atom.Aside, atom.Footer:
			if n.DataAtom == atom.A && hasToken(attr(n, "rel"), "author") && !st.furniture {
				if t := textContent(n); t != "" && len(m.relAuthors) < maxAuthors {
					m.relAuthors = appendNew(m.relAuthors, t)
				}
			}
			st.furniture = true
		case atom.Time:
			if v := strings.TrimSpace(attr(n, "datetime")); v != "" && m.timeDate == "" && !st.furniture && st.inBody {
				m.timeDate = v
			}
		}
		if !st.inAuthor && m.item(n, st.scope) {
			st.inAuthor = true
		}
		if hasAttr(n, "itemscope") {
			st.scope = attr(n, "itemtype")
		}
	}
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		m.walk(ch, st)
	}
}

// item reads the microdata properties of n that name an article's
// authors and dates, in an article's item (or outside any item). It
// reports whether n is an author, whose content is read.
func (m *pageMeta) item(n *html.Node, scope string) bool {
	props := attr(n, "itemprop")
	if props == "" || (scope != "" && !isArticleType(scope)) {
		return false
	}
	value := func() string {
		return strings.TrimSpace(firstNonEmpty(attr(n, "content"), attr(n, "datetime"), textContent(n)))
	}
	for p := range strings.FieldsSeq(props) {
		switch p {
		case "datePublished", "dateCreated":
			if m.itemPublished == "" {
				m.itemPublished = value()
			}
		case "dateModified":
			if m.itemModified == "" {
				m.itemModified = value()
			}
		case "author", "creator":
			name := value()
			if hasAttr(n, "itemscope") {
				name = itemName(n)
			}
			if name != "" && len(m.itemAuthors) < maxAuthors {
				m.itemAuthors = appendNew(m.itemAuthors, name)
			}
			return true
		}
	}
	return false
}

// itemName returns the itemprop=name of the microdata item n (a Person or
// Organization), or its text when it has none.
func itemName(n *html.Node) string {
	var name string
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for ch := n.FirstChild; ch != nil && name == ""; ch = ch.NextSibling {
			if ch.Type != html.ElementNode {
				continue
			}
			if hasToken(attr(ch, "itemprop"), "name") {
				name = strings.TrimSpace(firstNonEmpty(attr(ch, "content"), textContent(ch)))
				return
			}
			walk(ch)
		}
	}
	walk(n)
	if name == "" {
		name = firstNonEmpty(attr(n, "content"), textContent(n))
	}
	return name
}

// isArticleType reports whether a schema.org type (a microdata itemtype
// URL or a JSON-LD @type) is a kind of article or page.
func isArticleType(t string) bool {
	for f := range strings.FieldsSeq(t) {
		f = f[strings.LastIndexAny(f, "/#:")+1:]
		if strings.HasSuffix(f, "Article") || strings.HasSuffix(f, "Posting") || strings.HasSuffix(f, "Report") ||
			f == "WebPage" || f == "ItemPage" || f == "Review" || f == "CreativeWork" || f == "Blog" {
			return true
		}
	}
	return false
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key {
			return true
		}
	}
	return false
}

// hasToken reports whether the space-separated list s holds tok, in any case.
func hasToken(s, tok string) bool {
	for f := range strings.FieldsSeq(s) {
		if strings.EqualFold(f, tok) {
			return true
		}
	}
	return false
}

func appendNew(list []string, s string) []string {
	s = squash(s)
	for _, v := range list {
		if v == s {
			return list
		}
	}
	return append(list, s)
}

// maxAuthors bounds the authors read from one source.
const maxAuthors = 12

func (m *pageMeta) meta(key, val string) {
	if val == "" {
		return
	}
	switch key {
	case "og:title":
		m.ogTitle = val
	case "og:site_name":
		m.siteName = val
	case "application-name", "apple-mobile-web-app-title":
		if m.appName == "" {
			m.appName = val
		}
	case "og:url":
		m.ogURL = val
	case "dc.creator", "dc:creator", "dcterm:creator", "dcterms.creator":
		switch {
		case m.fromProperty && !m.dcProperty:
			m.dcAuthors, m.dcProperty = nil, true // a property's value wins over a name's
		case !m.fromProperty && m.dcProperty:
			return
		}
		if len(m.dcAuthors) < maxAuthors && !strings.Contains(val, "://") {
			m.dcAuthors = appendNew(m.dcAuthors, val)
		}
	case "author", "article:author", "parsely-author", "sailthru.author":
		if len(m.metaAuthors) < maxAuthors && !strings.Contains(val, "://") {
			m.metaAuthors = appendNew(m.metaAuthors, val)
		}
	case "article:published_time", "date", "dc.date", "dc.date.issued", "pubdate", "publishdate", "parsely-pub-date",
		"sailthru.date", "citation_publication_date", "citation_date":
		if m.published == "" {
			m.published = val
		}
	case "article:modified_time", "og:updated_time", "last-modified", "dc.date.modified":
		if m.modified == "" {
			m.modified = val
		}
	case "description", "og:description", "twitter:description":
		if len(m.descriptions) < maxDescriptions {
			m.descriptions = appendNew(m.descriptions, val)
		}
	case "article:tag":
		m.tags = append(m.tags, val)
	case "keywords", "news_keywords":
		if len(m.tags) == 0 {
			for _, k := range strings.Split(val, ",") {
				if k = strings.TrimSpace(k); k != "" && len(m.tags) < 20 {
					m.tags = append(m.tags, k)
				}
			}
		}
	}
}

// ldArticle is what a page's JSON-LD says of its article: the first
// object of an article type, else the first with a publication date.
type ldArticle struct {
	headline, published, created, modified, publisher string
	authors                                           []string
	typed                                             bool // read from an object of an article type
}

// read reads one JSON-LD script: an object, an array of objects or an
// @graph, at any depth (a WebPage's mainEntity).
func (ld *ldArticle) read(src string) {
	var v any
	if json.Unmarshal([]byte(src), &v) != nil {
		// a script wrapped in <![CDATA[ … ]]> or comments: its JSON is
		// from the first brace or bracket to the last
		src = strings.NewReplacer("<![CDATA[", "", "]]>", "").Replace(src)
		i, j := strings.IndexAny(src, "{["), strings.LastIndexAny(src, "}]")
		if i < 0 || j < i || json.Unmarshal([]byte(src[i:j+1]), &v) != nil {
			return
		}
	}
	var walk func(v any, depth int)
	walk = func(v any, depth int) {
		if depth > 8 || ld.typed {
			return
		}
		switch t := v.(type) {
		case map[string]any:
			typed := isArticleType(ldTypes(t["@type"]))
			_, dated := t["datePublished"]
			if typed || (dated && ld.published == "") {
				*ld = ldArticle{typed: typed}
				ld.headline = ldString(t["headline"])
				ld.published, ld.created = ldString(t["datePublished"]), ldString(t["dateCreated"])
				ld.modified = ldString(t["dateModified"])
				ld.authors = ldNames(t["author"], 0)
				if len(ld.authors) == 0 {
					ld.authors = ldNames(t["creator"], 0)
				}
				if p := ldNames(t["publisher"], 0); len(p) > 0 {
					ld.publisher = p[0]
				}
				if typed {
					return
				}
			}
			for _, k := range []string{"@graph", "mainEntity", "mainEntityOfPage"} {
				walk(t[k], depth+1)
			}
		case []any:
			for _, x := range t {
				walk(x, depth+1)
			}
		}
	}
	walk(v, 0)
}

// ldTypes returns a JSON-LD @type, a string or a list, as one string.
func ldTypes(v any) string {
	switch t := v.(type) {
	case string:
		return t
	case []any:
		var s []string
		for _, x := range t {
			if str, ok := x.(string); ok {
				s = append(s, str)
			}
		}
		return strings.Join(s, " ")
	}
	return ""
}

// ldString returns a JSON-LD value that is a string, or the first string
// of a list.
func ldString(v any) string {
	switch t := v.(type) {
	case string:
		return strings.TrimSpace(t)
	case []any:
		for _, x := range t {
			if s := ldString(x); s != "" {
				return s
			}
		}
	}
	return ""
}

// ldNames returns the names of a JSON-LD author or publisher: a string,
// an object with a name, or a list of either.
func ldNames(v any, depth int) []string {
	if depth > 3 {
		return nil
	}
	switch t := v.(type) {
	case string:
		if s := strings.TrimSpace(t); s != "" && !strings.Contains(s, "://") {
			return []string{s}
		}
	case map[string]any:
		return ldNames(t["name"], depth+1)
	case []any:
		var out []string
		for _, x := range t {
			for _, n := range ldNames(x, depth+1) {
				if len(out) < maxAuthors {
					out = appendNew(out, n)
				}
			}
		}
		return out
	}
	return nil
}

// readabilityMeta is what readability found of the article's metadata.
type readabilityMeta struct {
	title, byline, siteName string
	published, modified     *time.Time
}

// decide sets a's headline, authors, site name and dates from what the
// page declares, then what readability guessed, then a's first blocks
// (a date line or byline under the headline, which leave the body).
func (m pageMeta) decide(a *article.Article, ra readabilityMeta, host string) {
	a.SiteName = squash(firstNonEmpty(ra.siteName, m.siteName, m.ld.publisher))
	a.Title = m.headline(ra.title, a.SiteName, host)
	a.Authors = nil
	for _, cand := range [][]string{m.ld.authors, m.dcAuthors, m.metaAuthors, m.itemAuthors, m.relAuthors, {ra.byline}} {
		if names := cleanAuthors(cand, a.SiteName); len(names) > 0 {
			a.Authors = names
			break
		}
	}
	a.Published = firstDate(m.ld.published, m.published, m.itemPublished)
	if a.Published == nil {
		a.Published = ra.published
	}
	if a.Published == nil {
		a.Published = firstDate(m.ld.created, m.timeDate)
	}
	a.Updated = firstDate(m.ld.modified, m.modified, m.itemModified)
	if a.Updated == nil {
		a.Updated = ra.modified
	}
	takeHeaderLines(a)
}

// firstDate returns the first of dates that ParseDate reads.
func firstDate(dates ...string) *time.Time {
	for _, d := range dates {
		if t, ok := ParseDate(d); ok && !t.IsZero() {
			return &t
		}
	}
	return nil
}

// apply sets what the page's head says of a beyond its metadata:
// direction, address, tags.
func (m pageMeta) apply(a *article.Article, base *url.URL, pageURL string) {
	switch strings.ToLower(m.dir) {
	case "rtl":
		a.Direction = article.DirRTL
	case "ltr":
		a.Direction = article.DirLTR
	}
	a.URL = firstNonEmpty(absURL(m.canonical, base), absURL(m.ogURL, base), pageURL)
	a.Tags = m.tags
}

// pageHost returns the host name of the page's address, its canonical
// address or its og:url, without "www.".
func (m pageMeta) pageHost(pageURL string) string {
	for _, s := range []string{pageURL, m.canonical, m.ogURL} {
		if u, err := url.Parse(strings.TrimSpace(s)); err == nil && u.Hostname() != "" {
			return strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
		}
	}
	return ""
}

// readabilityGuesses returns what readability found of the article's
// metadata.
func readabilityGuesses(ra readability.Article) readabilityMeta {
	g := readabilityMeta{title: ra.Title(), byline: ra.Byline(), siteName: ra.SiteName()}
	if t, err := ra.PublishedTime(); err == nil && !t.IsZero() {
		g.published = &t
	}
	if t, err := ra.ModifiedTime(); err == nil && !t.IsZero() {
		g.modified = &t
	}
	return g
}
