package galley

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/galleyprint/galley/article"
	"github.com/galleyprint/galley/layout"
	"github.com/galleyprint/galley/media"
	"github.com/galleyprint/galley/page"
	"github.com/galleyprint/galley/theme"
)

// ImageFetcher gets the bytes of an image reference (a figure's src): a
// path relative to the input, a data: URI or an http(s) URL. Options.Images
// is one; NewImageLoader makes the one the CLI and the service use.
type ImageFetcher = media.Fetcher

// ImageFetcherFunc adapts a function to ImageFetcher.
type ImageFetcherFunc = media.FetcherFunc

// ImageSources say where NewImageLoader may take images from. The zero
// value takes data: URIs alone: it reads no file and opens no connection.
type ImageSources struct {
	// Local reads image paths and file: URLs, relative to Dir, the
	// input's folder; with Dir empty (an input from the web or a
	// request's body) no file is read.
	Local bool
	Dir   string
	// AllowOutside lets image paths leave Dir.
	AllowOutside bool
	// Remote fetches http(s) images with Client. Without it remote images
	// print their captions, with one warning listing them.
	Remote bool
	// Client fetches remote images; nil is a client with
	// http.DefaultTransport. A service passes one whose dialer guards
	// addresses.
	Client *http.Client `json:"-"`
	// MaxBytes bounds each image (0: 32 MB); Timeout each remote fetch
	// (0: 30 s).
	MaxBytes int64
	Timeout  time.Duration
}

// NewImageLoader returns the image fetcher that takes images from the
// sources s allows: data: URIs always, files under s.Dir when s.Local,
// http(s) when s.Remote.
func NewImageLoader(s ImageSources) ImageFetcher {
	r := media.Router{
		Data:    media.DataURI{MaxBytes: s.MaxBytes},
		HTTP:    media.HTTP{Client: s.Client, MaxBytes: s.MaxBytes, Timeout: s.Timeout},
		Offline: !s.Remote,
	}
	if s.Local && s.Dir != "" {
		r.Local = media.Local{Root: s.Dir, AllowOutside: s.AllowOutside, MaxBytes: s.MaxBytes}
	}
	return r
}

// noImages is the fetcher of a zero Options: data: URIs alone.
var noImages = NewImageLoader(ImageSources{})

// loadImages fetches and prepares the article's images, and returns the
// lookup layout uses. Images that fail print their caption or alt text
// instead, with a warning each; in offline mode one warning lists the
// remote images left out.
func loadImages(ctx context.Context, a *article.Article, opts Options, lo layout.Options) func(*article.Figure) *page.Image {
	if opts.NoImages || lo.Theme != nil && lo.Theme.Images == theme.ImagesNone {
		return nil
	}
	refs := figureSources(a, lo.Theme != nil && lo.Theme.Images == theme.ImagesCaptioned)
	if len(refs) == 0 {
		return nil
	}
	logger := lo.Logger
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	if opts.MaxImages > 0 && len(refs) > opts.MaxImages {
		logger.Warn("too many images: the rest print their captions", "limit", opts.MaxImages, "images", len(refs))
		refs = refs[:opts.MaxImages]
	}
	fetcher := opts.Images
	if fetcher == nil {
		fetcher = noImages
	}
	frameW := lo.Page.W - lo.Margins.Left - lo.Margins.Right
	frameH := lo.Page.H - lo.Margins.Top - lo.Margins.Bottom
	spec := media.Spec{
		MaxWidthPt:  frameW.Points(),
		MaxHeightPt: frameH.Points() * 0.6,
		DPI:         opts.ImageDPI,
		Grayscale:   opts.Grayscale || lo.Theme != nil && lo.Theme.Grayscale,
	}
	results := media.NewLoader(fetcher).LoadAll(ctx, refs, spec)
	var offline []string
	for _, ref := range refs {
		err := results[ref].Err
		switch {
		case err == nil:
			if img := results[ref].Image; img != nil && img.Drawing != nil && len(img.Drawing.Warnings) > 0 {
				logger.Warn("drawing printed without some of its features", "image", shortRef(ref),
					"features", strings.Join(img.Drawing.Warnings, "; "))
			}
		case errors.Is(err, media.ErrOffline):
			offline = append(offline, ref)
		case ctx.Err() != nil:
			// the whole export was cancelled: no warning per image
		default:
			logger.Warn("image not printed; its caption or alt text stands in", "image", shortRef(ref), "error", err)
		}
	}
	if len(offline) > 0 {
		logger.Warn("offline: remote images not fetched; their captions stand in", "count", len(offline),
			"images", strings.Join(shortRefs(offline), " "))
	}
	return func(f *article.Figure) *page.Image {
		return results[f.Src].Image
	}
}

// reduceImages fits the pixels of each image of doc to the largest size
// it is printed at, at dpi (0: the default): images are prepared before
// the layout, for the largest place they could take, and the layout
// decides their printed size alone. An image that cannot be reduced
// (which cannot happen to the images Prepare makes) prints as prepared,
// with a warning.
func reduceImages(ctx context.Context, doc *page.Document, dpi float64, logger *slog.Logger) {
	type size struct{ w, h page.Unit }
	printed := map[string]size{}
	for _, p := range doc.Pages {
		for _, it := range p.Items {
			if it.Kind == page.ItemImage {
				s := printed[it.Image()]
				printed[it.Image()] = size{max(s.w, it.W), max(s.h, it.H)}
			}
		}
	}
	keys := make([]string, 0, len(printed))
	for k := range printed {
		if doc.Images[k] != nil {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	reduced := make([]*page.Image, len(keys))
	errs := make([]error, len(keys))
	var wg sync.WaitGroup
	for i, k := range keys {
		wg.Go(func() {
			s := printed[k]
			reduced[i], errs[i] = media.Reduce(ctx, doc.Images[k], s.w.Points(), s.h.Points(), dpi)
		})
	}
	wg.Wait()
	images := make(map[string]*page.Image, len(doc.Images))
	for k, img := range doc.Images {
		images[k] = img
	}
	for i, k := range keys {
		switch {
		case errs[i] == nil:
			images[k] = reduced[i]
		case ctx.Err() == nil && logger != nil:
			logger.Warn("image printed at the resolution it was prepared at", "image", k, "error", errs[i])
		}
	}
	doc.Images = images
}

// figureSources lists the image references of an article in reading
// order, each once; captionedOnly leaves out the figures with neither
// caption nor credit, which the theme does not print.
func figureSources(a *article.Article, captionedOnly bool) []string {
	var refs []string
	seen := map[string]bool{}
	add := func(f *article.Figure) {
		if captionedOnly && len(f.Caption) == 0 && f.Credit == "" {
			return
		}
		if f.Src != "" && !seen[f.Src] {
			seen[f.Src] = true
			refs = append(refs, f.Src)
		}
	}
	for _, f := range a.Figures() {
		add(f)
	}
	return refs
}

func shortRef(ref string) string {
	if strings.HasPrefix(ref, "data:") && len(ref) > 40 {
		return ref[:40] + "…"
	}
	if len(ref) > 200 {
		return ref[:200] + "…"
	}
	return ref
}

func shortRefs(refs []string) []string {
	out := make([]string, len(refs))
	for i, r := range refs {
		out[i] = shortRef(r)
	}
	return out
}
