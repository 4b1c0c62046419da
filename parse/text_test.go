package parse

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/galleyprint/galley/article"
)

func readTestdata(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "testdata", "articles", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestSeed(t *testing.T) {
	a, err := Text(readTestdata(t, "seed/input.txt"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if want := "South Korean Intelligence Says Kim Jong Un Supplied Russia With One Million Artillery Shells"; a.Title != want {
		t.Errorf("title = %q, want %q", a.Title, want)
	}
	if strings.Join(a.Authors, "|") != "Tyler Durden" {
		t.Errorf("authors = %q", a.Authors)
	}
	if a.Published == nil || a.Published.Format(time.RFC3339) != "2023-11-01T23:20:00Z" {
		t.Errorf("published = %v, want 2023-11-01T23:20:00Z", a.Published)
	}
	if a.Updated != nil || a.Lead != nil {
		t.Errorf("updated = %v, lead = %v; want neither", a.Updated, a.Lead)
	}

	var paras []string
	for i, b := range a.Body {
		switch b.Kind {
		case article.KindParagraph:
			paras = append(paras, b.Text.Plain())
		case article.KindFigure:
			if b.Figure.Credit != "Image: KCNA" || b.Figure.Src != "" || len(b.Figure.Caption) != 0 {
				t.Errorf("figure = %+v, want credit \"Image: KCNA\" alone", *b.Figure)
			}
			if len(paras) != 2 {
				t.Errorf("figure is block %d, after %d paragraphs; want it after the second", i, len(paras))
			}
		default:
			t.Errorf("block %d is a %s", i, b.Kind)
		}
	}
	if len(a.Body) != 10 {
		t.Errorf("%d blocks, want 9 paragraphs and a figure", len(a.Body))
	}
	var want []string
	for _, p := range strings.Split(string(readTestdata(t, "seed/expected.txt")), "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			want = append(want, p)
		}
	}
	if len(paras) != len(want) {
		t.Fatalf("%d paragraphs, want %d", len(paras), len(want))
	}
	for i := range want {
		if got := strings.TrimSpace(paras[i]); got != want[i] {
			t.Errorf("paragraph %d:\n got %q\nwant %q", i+1, got, want[i])
		}
	}

	var meta struct {
		Junk []string `json:"junk_lines"`
	}
	if err := json.Unmarshal(readTestdata(t, "seed/expected-metadata.json"), &meta); err != nil {
		t.Fatal(err)
	}
	text := a.PlainText()
	for _, junk := range meta.Junk {
		for _, l := range strings.Split(text, "\n") {
			if l == junk || len(junk) > 3 && strings.Contains(l, junk) {
				t.Errorf("junk %q in the article: %q", junk, l)
			}
		}
	}
}

// outline describes a's header and body, one string per block, so that a
// test case fits on one line.
func outline(a *article.Article) string {
	parts := []string{"T:" + a.Title}
	if len(a.Authors) > 0 {
		parts = append(parts, "A:"+strings.Join(a.Authors, ","))
	}
	for _, d := range []struct {
		k string
		t *time.Time
	}{{"P:", a.Published}, {"U:", a.Updated}} {
		if d.t != nil {
			parts = append(parts, d.k+d.t.UTC().Format(time.RFC3339))
		}
	}
	if a.Lead != nil {
		parts = append(parts, "lead:"+a.Lead.Caption.Plain()+"/"+a.Lead.Credit)
	}
	for _, b := range a.Body {
		switch b.Kind {
		case article.KindParagraph:
			parts = append(parts, "p:"+b.Text.Plain())
		case article.KindHeading:
			parts = append(parts, "h"+string(rune('0'+b.Level))+":"+b.Text.Plain())
		case article.KindFigure:
			parts = append(parts, "fig:"+b.Figure.Caption.Plain()+"/"+b.Figure.Credit)
		case article.KindList:
			var items []string
			for _, it := range b.Items {
				items = append(items, it.Blocks[0].Text.Plain())
			}
			kind := "ul:"
			if b.Ordered {
				kind = "ol" + string(rune('0'+max(b.Start, 1))) + ":"
			}
			parts = append(parts, kind+strings.Join(items, ";"))
		default:
			parts = append(parts, string(b.Kind))
		}
	}
	return strings.Join(parts, " | ")
}

var (
	wrap1 = "The first paragraph of a hard-wrapped file goes on\nfor a while, wrapped at about fifty characters, and\nends here."
	wrap2 = "The second paragraph is wrapped in the same way and\nhas a well-\nknown hyphenated word split over two lines."
)

func TestTextStructure(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"title and body", "Title\n\nBody one.\n\nBody two.", "T:Title | p:Body one. | p:Body two."},
		{"one line", "Just one line.", "T: | p:Just one line."},
		{"lone headline", "Lone headline", "T: | p:Lone headline"},
		{"sentence first", "This ends with a period.\n\nSecond.", "T: | p:This ends with a period. | p:Second."},
		{"question title", "Is This a Title?\n\nYes.", "T:Is This a Title? | p:Yes."},
		{"abbreviation title", "Prices Rise in the U.S.\n\nThey did.", "T:Prices Rise in the U.S. | p:They did."},
		{"markdown title", "# A Title\n\nBody.", "T:A Title | p:Body."},
		{"wrapped", "Title\n\n" + wrap1 + "\n\n" + wrap2, "T:Title | p:" + strings.ReplaceAll(wrap1, "\n", " ") +
			" | p:The second paragraph is wrapped in the same way and has a well-known hyphenated word split over two lines."},
		{"wrapped first paragraph is no title", wrap1 + "\n\n" + wrap2, "T: | p:" + strings.ReplaceAll(wrap1, "\n", " ") +
			" | p:The second paragraph is wrapped in the same way and has a well-known hyphenated word split over two lines."},
		{"dump lines", "Title\nFirst paragraph.\nSecond paragraph.", "T:Title | p:First paragraph. | p:Second paragraph."},
		{"byline and date", "Title\nBy Jane Doe and John Roe\nNovember 1, 2023\n\nBody.", "T:Title | A:Jane Doe,John Roe | P:2023-11-01T00:00:00Z | p:Body."},
		{"byline ampersand role", "Title\nby Jane Doe & John Roe, Staff Writers\n\nBody.", "T:Title | A:Jane Doe,John Roe | p:Body."},
		{"byline with date", "Title\nBy Jane Doe, November 1, 2023\n\nBody.", "T:Title | A:Jane Doe | P:2023-11-01T00:00:00Z | p:Body."},
		{"byline bar date", "Title\nBy Jane Doe | Updated 2 Nov 2023 10:05 AM EST\n\nBody.", "T:Title | A:Jane Doe | U:2023-11-02T15:05:00Z | p:Body."},
		{"date before title", "Published 1 Nov 2023\nTitle\n\nBody.", "T:Title | P:2023-11-01T00:00:00Z | p:Body."},
		{"by sentence", "Title\n\nBy the time we arrived, it was dark.\n\nMore.", "T:Title | p:By the time we arrived, it was dark. | p:More."},
		{"kicker", "Politics\nBig Headline Here\nBy Jane Doe\n\nBody.", "T:Big Headline Here | A:Jane Doe | p:Body."},
		{"short first line", "ZeroHedge\n\nBig Headline Here\n\nBody.", "T:ZeroHedge | p:Big Headline Here | p:Body."},
		{"by title", "By Land and Sea\n\nThe sea was calm that year.", "T:By Land and Sea | p:The sea was calm that year."},
		{"byline first", "By Jane Doe\nBig Headline Here\n\nBody.", "T:Big Headline Here | A:Jane Doe | p:Body."},
		{"late byline", "Title\n\nBody.\n\nBy Jane Doe", "T:Title | p:Body. | p:By Jane Doe"},
		{"ul", "T\n\nIntro.\n\n- one\n- two\n* three\n\nAfter.", "T:T | p:Intro. | ul:one;two;three | p:After."},
		{"ul bullets", "T\n\nIntro.\n\n• one\n\n• two", "T:T | p:Intro. | ul:one;two"},
		{"ol", "T\n\nIntro.\n\n1. one\n2) two\n3. three", "T:T | p:Intro. | ol1:one;two;three"},
		{"ol start", "T\n\nIntro.\n\n3. three\n4. four", "T:T | p:Intro. | ol3:three;four"},
		{"ol gap", "T\n\nIntro.\n\n1. one\n3. three", "T:T | p:Intro. | p:1. one | p:3. three"},
		{"lone item", "T\n\nIntro.\n\n- lone", "T:T | p:Intro. | p:- lone"},
		{"wrapped items", "T\n\n" + wrap1 + "\n\n- an item that is wrapped over\n  two lines\n- another", "T:T | p:" + strings.ReplaceAll(wrap1, "\n", " ") +
			" | ul:an item that is wrapped over two lines;another"},
		{"atx headings", "T\n\nIntro.\n\n## Background\n\nText.\n\n### Detail ###\n\nMore.", "T:T | p:Intro. | h2:Background | p:Text. | h3:Detail | p:More."},
		{"caps heading", "Intro para.\n\nTHE BACKGROUND\n\nMore text.", "T: | p:Intro para. | h2:THE BACKGROUND | p:More text."},
		{"caps acronym", "Intro para.\n\nNATO\n\nMore text.", "T: | p:Intro para. | p:NATO | p:More text."},
		{"caps line last", "Intro para.\n\nTHE END", "T: | p:Intro para. | p:THE END"},
		{"caption before credit", "T\n\nBody.\n\nA soldier stands guard.\nPhoto: Reuters\n\nMore.", "T:T | p:Body. | fig:A soldier stands guard./Photo: Reuters | p:More."},
		{"long paragraph before credit", "T\n\n" + strings.Repeat("Long body text. ", 12) + "\n\nImage: KCNA\n\nMore.",
			"T:T | p:" + strings.TrimSpace(strings.Repeat("Long body text. ", 12)) + " | fig:/Image: KCNA | p:More."},
		{"caption prefix", "T\n\nBody.\n\nCaption: The harbour at dawn.\n\nCredit: Jane Roe\n\nMore.", "T:T | p:Body. | fig:The harbour at dawn./Credit: Jane Roe | p:More."},
		{"parenthesised credit", "T\n\nBody.\n\n(Photo by Jane Roe/Agency)\n\nMore.", "T:T | p:Body. | fig:/(Photo by Jane Roe/Agency) | p:More."},
		{"agency credit", "T\n\nBody.\n\nAFP via Getty Images\n\nMore.", "T:T | p:Body. | fig:/AFP via Getty Images | p:More."},
		{"lead figure", "Title\n\nImage: KCNA\n\nBody text.", "T:Title | lead:/Image: KCNA | p:Body text."},
		{"rules", "* * *\n\nA.\n\n---\n\n***\n\nB.\n\n###", "T: | p:A. | rule | p:B."},
		{"spaces", "T\n\n  Hello\u00a0\u00a0world\u200b!\t  Tab\u202fhere.  ", "T:T | p:Hello world! Tab here."},
		{"controls", "T\n\nHel\x01lo\x7f wor\x1bld, said the long sentence that makes the few controls a small share of the text.",
			"T:T | p:Hello world, said the long sentence that makes the few controls a small share of the text."},
		{"bom", "\ufeffTitle\n\nBody.", "T:Title | p:Body."},
		{"utf16", "\xff\xfeT\x00\n\x00\n\x00B\x00.\x00", "T:T | p:B."},
		{"emoji", "😀🎉👍\n\n👨‍👩‍👧 ❤️", "T: | p:😀🎉👍 | p:👨‍👩‍👧 ❤️"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := Text([]byte(tt.in), nil)
			if err != nil {
				t.Fatal(err)
			}
			if got := outline(a); got != tt.want {
				t.Errorf("\n got %s\nwant %s", got, tt.want)
			}
			if err := a.Validate(); err != nil {
				t.Error(err)
			}
		})
	}
}

func TestTestdataText(t *testing.T) {
	tests := []struct{ file, want string }{
		{"plain/input.txt", "T:What the Compositor Knew | p:Long before anyone spoke of layout engines, a compositor stood at a slanted case"},
		{"news-dump/input.txt", "T:City Council Approves Plan to Turn Old Rail Yard Into a Public Park | A:Maria Alvarez,Tom Becker | " +
			"P:2023-11-02T03:20:00Z | p:The city council voted seven to two"},
	}
	for _, tt := range tests {
		a, err := Text(readTestdata(t, tt.file), nil)
		if err != nil {
			t.Fatalf("%s: %v", tt.file, err)
		}
		if got := outline(a); !strings.HasPrefix(got, tt.want) {
			t.Errorf("%s:\n got %s\nwant %s…", tt.file, got, tt.want)
		}
	}

	a, err := Text(readTestdata(t, "plain/input.txt"), nil)
	if err != nil || len(a.Body) != 6 {
		t.Fatalf("plain: %d blocks, %v; want 6 paragraphs", len(a.Body), err)
	}
	a, err = Text(readTestdata(t, "news-dump/input.txt"), nil)
	if err != nil {
		t.Fatal(err)
	}
	var figs, paras int
	for _, b := range a.Body {
		switch b.Kind {
		case article.KindFigure:
			figs++
			if b.Figure.Credit != "(Photo by Jane Roe/Agency)" || !strings.HasPrefix(b.Figure.Caption.Plain(), "Children try out") {
				t.Errorf("news-dump figure = %q / %q", b.Figure.Caption.Plain(), b.Figure.Credit)
			}
		case article.KindParagraph:
			paras++
		}
	}
	if figs != 1 || paras != 6 {
		t.Errorf("news-dump: %d figures and %d paragraphs, want 1 and 6", figs, paras)
	}
	for _, junk := range []string{"Skip to content", "Print this page", "Avatar", "Share this article", "ADVERTISEMENT",
		"Read more", "Comments", "Loading"} {
		if strings.Contains(a.PlainText(), junk) {
			t.Errorf("news-dump: furniture %q kept", junk)
		}
	}
	if a.Published.Format(time.RFC3339) != "2023-11-01T23:20:00-04:00" {
		t.Errorf("news-dump published = %s, want 11:20 p.m. EDT", a.Published.Format(time.RFC3339))
	}
}

func TestFurniture(t *testing.T) {
	dropped := []string{"print-icon", "Print", "Tyler Durden's Photo", "Jane Doe’s picture", "Avatar", "0", "12", "1,234",
		"1.2K", "Loading...", "Loading…", "Share this article", "Share this article:", "Share on Facebook", "Tweet",
		"Subscribe", "Sign up for our newsletter", "Sign up for our daily newsletter!", "Advertisement", "ADVERTISEMENT",
		"— Advertisement —", "Story continues below advertisement", "Skip to content", "Read more",
		"Read more: Council delays budget vote", "Click here to subscribe.", "Comments", "12 Comments", "Comments (12)",
		"Related articles", "5 min read", "Copy link", "Listen to this article"}
	kept := []string{"The advertisement ran in three newspapers before it was withdrawn.",
		"She said the photo was taken in 1998.", "Print media has been in decline for years, the report said.",
		"Subscribers were told on Monday that prices would rise.", "Comments from the minister were not available.",
		"12 people were injured in the crash.", "Loading the trucks took most of the night.", "Tyler Durden",
		"Share prices fell sharply on Tuesday.", "* * *", "Related: a word that opens many sentences, but this one is far too long to be a link to another story, because it goes on and on with many more words than a headline would."}
	for _, s := range dropped {
		if !isFurniture(s) {
			t.Errorf("isFurniture(%q) = false, want true", s)
		}
	}
	for _, s := range kept {
		if isFurniture(s) {
			t.Errorf("isFurniture(%q) = true, want false", s)
		}
	}

	// End to end: every furniture line goes, every body line stays.
	in := "Title\n\n" + strings.Join(dropped, "\n\n") + "\n\n" + strings.Join(kept[:9], "\n\n")
	a, err := Text([]byte(in), nil)
	if err != nil {
		t.Fatal(err)
	}
	want := "T:Title | p:" + strings.Join(kept[:9], " | p:")
	if got := outline(a); got != want {
		t.Errorf("\n got %s\nwant %s", got, want)
	}
}

func TestCredits(t *testing.T) {
	credits := []string{"Image: KCNA", "Photo: Reuters", "Photograph: Jane Roe/Agency", "Credit: NASA", "(Photo by Jane Roe/Agency)",
		"Source: Bureau of Statistics", "Illustration: John Roe", "Getty Images", "AFP via Getty Images", "REUTERS/Jane Roe",
		"[Image: KCNA]", "Photo by Jane Roe"}
	notCredits := []string{"The image was shared widely.", "Photographs of the event were not released, officials said, citing security.",
		"Source code for the project is public?", "Images", "He sold the pictures to Getty Images."}
	for _, s := range credits {
		if !isCredit(s) {
			t.Errorf("isCredit(%q) = false", s)
		}
	}
	for _, s := range notCredits {
		if isCredit(s) {
			t.Errorf("isCredit(%q) = true", s)
		}
	}
}
