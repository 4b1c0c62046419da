package galley_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"strings"

	"github.com/galleyprint/galley"
	"github.com/galleyprint/galley/article"
	"github.com/galleyprint/galley/page"
)

const examplePost = `+++
title = "Harbour lights return"
authors = ["Ada Quill"]
date = 2024-05-02
+++

The lamps along the quay were lit again on Thursday, after a winter dark.

The harbour master said the cost was shared by the town and the ferry company.
`

func ExampleParse() {
	arts, err := galley.Parse([]byte(examplePost), galley.ParseOptions{Format: "markdown"})
	if err != nil {
		log.Fatal(err)
	}
	a := arts[0]
	fmt.Println(a.Title)
	fmt.Println(a.Byline())
	fmt.Println(a.Date().Format("2 January 2006"))
	// Output:
	// Harbour lights return
	// Ada Quill
	// 2 May 2024
}

func ExampleParseReader() {
	page := `<html lang="en"><head><title>Tides | The Quay</title></head><body><article>
<h1>Tides</h1><p>The spring tides came early this year, and higher than the almanac said.
The quay flooded twice before the boats were moved.</p>
<figure><img src="/img/quay.jpg"><figcaption>The quay at dawn.</figcaption></figure>
</article></body></html>`
	arts, err := galley.ParseReader(strings.NewReader(page), galley.ParseOptions{
		Format:  "html",
		BaseURL: "https://news.example/2024/tides.html", // resolves relative links and images
	})
	if err != nil {
		log.Fatal(err)
	}
	for _, b := range arts[0].Body {
		if b.Figure != nil {
			fmt.Println(b.Figure.Src)
		}
	}
	// Output:
	// https://news.example/img/quay.jpg
}

func ExampleExport() {
	arts, err := galley.Parse([]byte(examplePost), galley.ParseOptions{Format: "markdown"})
	if err != nil {
		log.Fatal(err)
	}
	var pdf bytes.Buffer // any io.Writer: a file, an HTTP response
	res, err := galley.Export(context.Background(), &pdf, arts[0], galley.Options{Page: page.A5})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(res.Pages, "page")
	fmt.Println(strings.HasPrefix(pdf.String(), "%PDF-"))
	// Output:
	// 1 page
	// true
}

func ExampleExport_limits() {
	a := &article.Article{Title: "A very long read"}
	for range 2000 {
		a.Body = append(a.Body, article.Block{Kind: article.KindParagraph,
			Text: article.Plain(strings.Repeat("Words upon words, line after line. ", 12))})
	}
	_, err := galley.Export(context.Background(), io.Discard, a, galley.Options{MaxPages: 20})
	fmt.Println(errors.Is(err, galley.ErrTooManyPages))
	// Output:
	// true
}

func ExampleExportBook() {
	var arts galley.Articles
	for _, title := range []string{"Spring tides", "Harbour lights return"} {
		post := strings.Replace(examplePost, "Harbour lights return", title, 1)
		parsed, err := galley.Parse([]byte(post), galley.ParseOptions{Format: "markdown"})
		if err != nil {
			log.Fatal(err)
		}
		arts = append(arts, parsed...)
	}
	var book bytes.Buffer
	res, err := galley.ExportBook(context.Background(), &book, arts, galley.BookOptions{
		Title: "The Quay, spring 2024",
		Sort:  "title",
	})
	if err != nil {
		log.Fatal(err)
	}
	// a cover, a contents page and one page for each article
	fmt.Println(res.Articles, "articles,", res.Pages, "pages")
	// Output:
	// 2 articles, 4 pages
}

// An ImageFetcher decides where figures' bytes come from: here a map
// stands in for a CMS's asset store.
func ExampleImageFetcher() {
	assets := map[string][]byte{} // reference → image bytes
	fetcher := galley.ImageFetcherFunc(func(ctx context.Context, ref string) ([]byte, string, error) {
		data, ok := assets[ref]
		if !ok {
			return nil, "", fmt.Errorf("asset %q not found", ref)
		}
		return data, "", nil
	})
	a := &article.Article{Title: "Gallery", Body: []article.Block{
		{Kind: article.KindFigure, Figure: &article.Figure{Src: "asset:42", Caption: article.Plain("Not in the store: the caption prints alone.")}},
	}}
	_, err := galley.Export(context.Background(), io.Discard, a, galley.Options{Images: fetcher})
	fmt.Println(err)
	// Output:
	// <nil>
}

// Options hold typed values; text, as a configuration file or a form
// gives it, is read once by the option's parser, whose error names the
// option.
func ExampleOptions() {
	margins, err := galley.ParseMargins("18mm,22mm") // CSS order: top and bottom, left and right
	if err != nil {
		log.Fatal(err)
	}
	lang, err := galley.ParseLanguage("en_GB")
	if err != nil {
		log.Fatal(err)
	}
	opts := galley.Options{
		Page:     page.A5,
		Margins:  margins,
		Gutter:   page.MM(8),
		Links:    galley.LinksFootnotes,
		Impose:   galley.ImposeBooklet,
		Language: lang,
		Theme:    "modern",
	}
	fmt.Println(opts.Check(), opts.Margins.Left, opts.Language)
	_, err = galley.ParsePageSize("210x297")
	fmt.Println(errors.Is(err, galley.ErrInvalidOptions), err)
	// Output:
	// <nil> 62.36 en-GB
	// true invalid options: page size "210x297": give a unit (mm, cm, in or pt), e.g. 210x297mm
}
