package server

import (
	"encoding/base64"
	"testing"

	"github.com/galleyprint/galley"
	"github.com/galleyprint/galley/article"
)

// TestImagesNeed: an article's images are estimated by their pixels when
// a data: URI's header says them, as the largest printable when they are
// remote and will be fetched, and not at all when they will not load;
// each image once, however deep in lists it is, up to MaxImages.
func TestImagesNeed(t *testing.T) {
	png40x30 := "data:image/png;base64," + base64.StdEncoding.EncodeToString(pngBytes(t))
	fig := func(src string) article.Block {
		return article.Block{Kind: "figure", Figure: &article.Figure{Src: src}}
	}
	nested := article.Block{Kind: "list", Items: []article.ListItem{{Blocks: []article.Block{
		{Kind: "list", Items: []article.ListItem{{Blocks: []article.Block{fig(png40x30)}}}},
	}}}}
	remote := fig("https://example.com/a.jpg")
	most := int64(printPixels * pixelBytes)
	for _, tc := range []struct {
		name string
		body []article.Block
		opts galley.Options
		want int64
	}{
		{"data URI", []article.Block{fig(png40x30)}, galley.Options{}, 40 * 30 * pixelBytes},
		{"the same image twice", []article.Block{fig(png40x30), fig(png40x30)}, galley.Options{}, 40 * 30 * pixelBytes},
		{"deep in a list", []article.Block{nested}, galley.Options{}, 40 * 30 * pixelBytes},
		{"remote", []article.Block{remote}, galley.Options{}, most},
		{"remote at 400 dpi", []article.Block{remote}, galley.Options{ImageDPI: 400}, 4 * most},
		{"remote, offline", []article.Block{remote}, galley.Options{}, 0},
		{"no images", []article.Block{fig(png40x30), remote}, galley.Options{NoImages: true}, 0},
		{"unreadable data URI", []article.Block{fig("data:image/png;base64,AAAA")}, galley.Options{}, most},
		{"local path", []article.Block{fig("photos/a.jpg")}, galley.Options{}, 0},
		{"image limit", []article.Block{remote, fig("https://example.com/b.jpg"), fig(png40x30)}, galley.Options{MaxImages: 2}, 2 * most},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := imagesNeed(&article.Article{Body: tc.body}, tc.opts, tc.name != "remote, offline"); got != tc.want {
				t.Errorf("%d bytes, want %d", got, tc.want)
			}
		})
	}
	if got := imagesNeed(&article.Article{Lead: &article.Figure{Src: png40x30}}, galley.Options{}, true); got != 40*30*pixelBytes {
		t.Errorf("lead figure: %d", got)
	}
}
