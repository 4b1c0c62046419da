package batch

import (
	"bytes"
	"context"
	"fmt"
	"net/url"
	"strings"
	"time"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/galleyprint/galley"
)

// archiveImages serves the images of a page printed from a web archive
// from the archive's own records: the capture of each image's URL nearest
// the page's, following the revisits and redirects the archive recorded;
// when the URL the article names is not in it, the other candidates of
// the same image (its src, srcset and <picture> sources). Nothing is
// fetched from the network unless live is set (--live).
type archiveImages struct {
	idx      *archiveIndex
	at       time.Time           // the page's capture date
	siblings map[string][]string // an image's URL → all the URLs the page gives that image
	live     galley.ImageFetcher // nil: the archive alone
	data     galley.ImageFetcher // data: URIs
	limit    int64
}

// Fetch reads ref from the archive.
func (a *archiveImages) Fetch(ctx context.Context, ref string) ([]byte, string, error) {
	if strings.HasPrefix(strings.ToLower(strings.TrimSpace(ref)), "data:") {
		return a.data.Fetch(ctx, ref)
	}
	if err := a.idx.wait(ctx); err != nil {
		return nil, "", err
	}
	uri := normalURI(ref)
	tries := append([]string{uri}, a.siblings[uri]...)
	var firstErr error
	for _, u := range tries {
		c, err := a.idx.resolve(u, a.at, false)
		if err == nil {
			data, ct, err := readArchiveRecord(c.file, c.offset, c.id, a.limit)
			if err == nil {
				return data, ct, nil
			}
			return nil, "", fmt.Errorf("%s: %w", u, err)
		}
		if firstErr == nil {
			firstErr = err
		}
	}
	if a.live != nil {
		return a.live.Fetch(ctx, ref)
	}
	return nil, "", fmt.Errorf("%w (galley prints an archive's pages from the archive alone; --live fetches what it lacks)", firstErr)
}

// imageCandidates reads a page for the URLs it gives each image: an img's
// src, data-src and srcset candidates, and the srcset of the <source>
// elements of its <picture>, resolved against base. Each URL maps to the
// others of its image.
func imageCandidates(page []byte, base string) map[string][]string {
	b, err := url.Parse(base)
	if err != nil {
		return nil
	}
	out := map[string][]string{}
	var group []string
	inPicture := false
	flush := func() {
		for _, u := range group {
			for _, v := range group {
				if u != v {
					out[u] = append(out[u], v)
				}
			}
		}
		group = group[:0]
	}
	add := func(ref string) {
		ref = strings.TrimSpace(ref)
		if ref == "" || strings.HasPrefix(ref, "data:") {
			return
		}
		if u, err := b.Parse(ref); err == nil {
			group = append(group, normalURI(u.String()))
		}
	}
	z := html.NewTokenizer(bytes.NewReader(page))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		name, hasAttr := z.TagName()
		a := atom.Lookup(name)
		switch {
		case a == atom.Picture && tt == html.StartTagToken:
			flush()
			inPicture = true
		case a == atom.Picture && tt == html.EndTagToken:
			flush()
			inPicture = false
		case (a == atom.Img || a == atom.Source) && hasAttr && tt != html.EndTagToken:
			for {
				k, v, more := z.TagAttr()
				switch string(k) {
				case "src", "data-src", "data-original":
					add(string(v))
				case "srcset", "data-srcset":
					for _, c := range splitSrcset(string(v)) {
						add(c)
					}
				}
				if !more {
					break
				}
			}
			if a == atom.Img && !inPicture {
				flush()
			}
		}
	}
	flush()
	return out
}

// splitSrcset returns the URLs of a srcset attribute's candidates.
func splitSrcset(s string) []string {
	var out []string
	for _, part := range strings.Split(s, ",") {
		f := strings.Fields(part)
		if len(f) > 0 {
			out = append(out, f[0])
		}
	}
	return out
}

// itemImages is where an item's images come from: a web archive's page
// takes them from its archive (falling back on the run's image sources
// only when live, --live); other items from the run's image sources
// (Options.Export.Images, else Options.Images), reading the item's folder.
func itemImages(it Item, page []byte, o Options) galley.ImageFetcher {
	if it.Resources != nil {
		var live galley.ImageFetcher
		if o.Live {
			live = o.Export.Images
			if live == nil {
				src := o.Images
				src.Dir = ""
				live = galley.NewImageLoader(src)
			}
		}
		return it.Resources(page, live)
	}
	if o.Export.Images != nil {
		return o.Export.Images
	}
	src := o.Images
	src.Dir = it.BaseDir
	return galley.NewImageLoader(src)
}
