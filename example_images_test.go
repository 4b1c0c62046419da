package galley_test

import (
	"context"
	"fmt"
	"io"

	"github.com/galleyprint/galley"
	"github.com/galleyprint/galley/article"
)

// A zero Options reads no file and fetches nothing; NewImageLoader hands
// Export the sources it may take images from, as the CLI does: files
// under the input's folder, and the web.
func ExampleNewImageLoader() {
	a := &article.Article{Title: "Harbour", Body: []article.Block{
		{Kind: article.KindFigure, Figure: &article.Figure{Src: "photos/harbour.jpg", Caption: article.Plain("The harbour at dawn.")}},
	}}
	images := galley.NewImageLoader(galley.ImageSources{Local: true, Dir: "testdata/articles/web-sample", Remote: false})
	_, err := galley.Export(context.Background(), io.Discard, a, galley.Options{Images: images})
	fmt.Println(err)
	// Output:
	// <nil>
}
