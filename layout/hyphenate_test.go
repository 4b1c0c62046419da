package layout

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unsafe"

	"github.com/galleyprint/galley/article"
	"github.com/galleyprint/galley/fonts"
	"github.com/galleyprint/galley/hyphen"
	"github.com/galleyprint/galley/page"
)

// hyphenated returns the words of text as the paragraph builder cuts them
// at hyphenation points: "hy-phen-ation".
func hyphenated(t *testing.T, lang, text string, rs runStyle) string {
	t.Helper()
	set, err := fonts.Default()
	if err != nil {
		t.Fatal(err)
	}
	s := &shaper{fonts: set, missing: map[rune]int{}, hyph: hyphen.For(lang)}
	var b strings.Builder
	elems := s.paragraph(article.Plain(text), rs)
	if s.hyph != nil {
		elems = withHyphenationPoints(elems, s.hyph)
	}
	for _, e := range elems {
		switch {
		case e.kind == box:
			for _, f := range e.frags {
				b.WriteString(f.text)
			}
		case e.kind == glue:
			b.WriteString(" ")
		case e.kind == penalty && e.auto:
			b.WriteString("-")
		}
	}
	return b.String()
}

func TestHyphenationPoints(t *testing.T) {
	body := runStyle{fam: fonts.Serif, size: page.Pt(11)}
	for _, c := range []struct{ lang, in, want string }{
		{"en", "hyphenation", "hy-phen-ation"},
		{"en", "“Hyphenation,” he said.", "“Hy-phen-ation,” he said."},
		{"en", "NATO UNESCO", "NATO UNESCO"}, // acronyms
		{"en", "1234567 3.14159", "1234567 3.14159"},
		{"en", "https://example.com/hyphenation", "https://example.com/hyphenation"},
		{"en", "doi:10.1080/10331867.2004", "doi:10.1080/10331867.2004"},
		{"en", "well-known", "well-known"}, // its own hyphen is the break
		{"de", "Silbentrennung", "Sil-ben-tren-nung"},
		// never into a contraction, a name with inner capitals in its
		// parts, and each language's minimums (issue 12)
		{"en", "You shouldn't, don't.", "You shouldn't, don't."},
		{"en", "WebExtensions, iPhone and JavaScript", "Web-Exten-sions, iPhone and Java-Script"},
		{"fr", "Il sera là.", "Il sera là."},
		{"de", "Don't", "Don't"},
		{"xx", "hyphenation", "hyphenation"},
	} {
		if got := hyphenated(t, c.lang, c.in, body); got != c.want {
			t.Errorf("%s %q: %q, want %q", c.lang, c.in, got, c.want)
		}
	}
	// a word across two runs (roman and italic) is one word
	set, _ := fonts.Default()
	s := &shaper{fonts: set, missing: map[rune]int{}, hyph: hyphen.For("en")}
	var parts []string
	for _, e := range withHyphenationPoints(s.paragraph(article.Text{{Text: "hyphen"}, {Text: "ation", Italic: true}}, body), s.hyph) {
		if e.kind == box {
			var w strings.Builder
			for _, f := range e.frags {
				w.WriteString(f.text)
			}
			parts = append(parts, w.String())
		}
	}
	if got := strings.Join(parts, "-"); got != "hy-phen-ation" {
		t.Errorf("a word across runs: %q, want hy-phen-ation", got)
	}
	code := runStyle{fam: fonts.Mono, size: page.Pt(9)}
	if got := hyphenated(t, "en", "hyphenation", code); got != "hyphenation" {
		t.Errorf("code is hyphenated: %q", got)
	}
}

func TestGuessLanguage(t *testing.T) {
	para := func(s string) *article.Article {
		return &article.Article{Body: []article.Block{{Kind: article.KindParagraph, Text: article.Plain(s)}}}
	}
	for _, c := range []struct{ text, want string }{
		{"The harbour master said that the cost of the lamps was shared by the town and the ferry company, and that this was the way it had always been done for the people of the quay.", "en"},
		{"Der Hafenmeister sagte, dass die Kosten für die Lampen von der Stadt und der Fährgesellschaft geteilt werden und dass das auch nicht anders sein wird, wie es sich gehört.", "de"},
		{"Le capitaine du port a dit que les frais des lampes sont partagés par la ville et la compagnie des ferries, et que ce n'est pas une surprise pour les habitants du quai.", "fr"},
		{"Přístavní mistr řekl, že náklady na lampy jsou rozděleny mezi město a společnost, která provozuje trajekty, a že to tak bylo vždy, když se o tom rozhodovalo podle starých pravidel. Jeho slova byla jasná, ale nikdo nevěděl, který úředník je napsal nebo kdo je podepsal.", "cs"},
		{"Prístavný kapitán povedal, že náklady na lampy si delia mesto a prevádzkovateľ trajektov, a že to tak vždy bolo. Podľa neho je to aj stará zvyklosť, ktorú nikto nemení, keď sú všetci spokojní, a tiež som počul, že to tak bolo aj pre jeho otca.", "sk"},
		{"Kapitan portu powiedział, że koszty lamp zostały podzielone między miasto i przewoźnika, który obsługuje promy, i że tak było zawsze. Jest to sprawa, która nie budzi już sporów, bo tylko nieliczni pamiętają, jak się to zaczęło przez lata.", "pl"},
		{"Hamnkaptenen sade att kostnaden för lamporna delades av staden och färjebolaget, och att det alltid hade varit så. Det är inte något som folk vid kajen brukar tala om, men när han kom till mötet skulle alla veta att detta också gällde dem.", "sv"},
		{"Havnefogeden sagde, at udgifterne til lamperne blev delt mellem byen og færgeselskabet, og at det altid havde været sådan. Han fortalte mig, hvad der skete efter mødet, og noget af det var meget svært at forstå, men nu er det igen blevet stille ude på kajen.", "da"},
		{"Havnefogden sa at kostnadene for lampene ble delt mellom byen og fergeselskapet, og at det alltid hadde vært slik. Jeg vet ikke hva hun mente etter møtet, men det var ikke noe mye å si om det nå, og han bare smilte da han gikk hjem til seg selv.", "nb"},
		{"Hamnefuten sa at kostnadene for lampane vart delte mellom byen og ferjeselskapet, og at det alltid hadde vore slik. Eg veit ikkje kva ho meinte etter møtet, men det var ikkje noko mykje å seie om det no, og dei sa berre at det var eit godt vedtak frå byen.", "nn"},
		{"Satamakapteeni sanoi, että lamppujen kustannukset jaettiin kaupungin ja lauttayhtiön kesken, ja että niin oli aina ollut. Hän kertoi myös, että tämä asia ei ole uusi, mutta kukaan ei muista, kuka sen päätti, joka vuosi sama kuin ennenkin.", "fi"},
		{"A kikötőmester azt mondta, hogy a lámpák költségét a város és a kompvállalat osztja meg, és hogy ez mindig is így volt. Szerinte ezt már senki sem vitatja, mert csak egy régi szabály, amely szerint a város fizet, vagy a társaság, de nem mindkettő.", "hu"},
		{"Lučki kapetan rekao je da troškove svjetiljki dijele grad i trajektna tvrtka, i da je to uvijek bilo tako. On kaže da to nije nova stvar, jer su svi koji žive u luci znali što će biti, ili barem kao da su sve to već čuli od svojih roditelja.", "hr"},
		{"Pristaniški kapitan je rekel, da stroške svetilk delita mesto in trajektno podjetje, in da je bilo tako že od nekdaj. Tudi župan je dejal, da je to zelo stara navada, ki je ne bo spremenil, če se ljudje ne bodo pritožili, zato naj vse ostane tako, kot je bilo, kjer lahko.", "sl"},
		{"Liman başkanı, lambaların masraflarının şehir ve feribot şirketi arasında paylaşıldığını ve bunun her zaman böyle olduğunu söyledi. Bu konu yeni değil, ama çok kişi için önemli bir mesele olarak kaldı ve daha sonra da böyle olacak gibi görünüyor.", "tr"},
		{"La ciutat de Barcelona és la capital de Catalunya i una de les ciutats més importants del Mediterrani. Té un port molt antic, amb molts vaixells que arriben cada dia, i els seus habitants parlen català i castellà. Per això, el turisme és també una part important de la seva economia.", "ca"},
		// Catalan full of el, que and del, which Spanish shares, stays
		// undecided (15 stopwords against Spanish's 8): better no
		// hyphenation than Spanish's
		{"El capità del port va dir que les despeses dels fanals es reparteixen entre la ciutat i la companyia de transbordadors, i que sempre ha estat així. Això és molt antic, però també és cert que aquesta norma no agrada a tothom perquè el seu cost és alt, i hi ha qui vol canviar-la amb el nou ajuntament.", ""},
		{"短い文章です。", ""},
		{"word word word word word word word word word word word word word word word word word word word word word", ""},
	} {
		if got := guessLanguage(para(c.text)); got != c.want {
			t.Errorf("%.30q: %q, want %q", c.text, got, c.want)
		}
	}
}

func TestCJKBreaks(t *testing.T) {
	// UAX #14: between ideographs, not before 。or 」, not after 「
	text := "「東京」は日本。"
	var got []string
	from := 0
	for i := range text {
		if cjkBreaks(text)[i] {
			got = append(got, text[from:i])
			from = i
		}
	}
	got = append(got, text[from:])
	if s := strings.Join(got, "|"); s != "「東|京」|は|日|本。" {
		t.Errorf("breaks %q", s)
	}
	if cjkBreaks("plain latin text") != nil {
		t.Error("Latin text got CJK break opportunities")
	}
}

// TestJoinText: the pieces of a word cut at its hyphenation points and
// set on one line again are one item of the word's text, joined without
// a copy; a text that only happens to end where a piece's starts, and a
// piece that starts its word, are joined by a copy.
func TestJoinText(t *testing.T) {
	set, err := fonts.Default()
	if err != nil {
		t.Fatal(err)
	}
	s := &shaper{fonts: set, missing: map[rune]int{}}
	word := s.frags("extraordinarily", runStyle{fam: fonts.Serif, size: page.Pt(10)})[0]
	pieces := cutBox(elem{kind: box, frags: []frag{word}}, []int{5, 10})
	var items []page.Item
	x := page.Unit(0)
	for _, e := range pieces {
		if e.kind == box {
			items = appendFrag(items, &e.frags[0], x, 0)
			x += e.w
		}
	}
	if len(items) != 1 || items[0].Text != "extraordinarily" {
		t.Fatalf("items %v, want one of the word", items)
	}
	if unsafe.StringData(items[0].Text) != unsafe.StringData(word.text) {
		t.Error("the word's pieces were joined by a copy")
	}
	rest := pieces[2].frags[0]
	if !rest.follows || pieces[0].frags[0].follows {
		t.Errorf("follows: first piece %v, second %v", pieces[0].frags[0].follows, rest.follows)
	}
	if got := joinText("other", &rest); got != "other"+rest.text {
		t.Errorf("joined %q", got)
	}
	first := pieces[0].frags[0]
	if got := joinText("x", &first); got != "x"+first.text {
		t.Errorf("joined %q", got)
	}
	if n := testing.AllocsPerRun(10, func() { _ = joinText(pieces[0].frags[0].text, &rest) }); n != 0 {
		t.Errorf("%v allocations joining a word's pieces", n)
	}
}

// TestWordPieceAt: a piece of a word's frag cut by wordPieceAt has the
// width and kerning measure gives it, at every cut between two
// characters of every word's frags in paragraphs of mixed styles and
// scripts (kerned pairs, accents, Greek, Cyrillic, a character no face
// has), however the word was shaped (its first time or from the words
// kept).
func TestWordPieceAt(t *testing.T) {
	set, err := fonts.Default()
	if err != nil {
		t.Fatal(err)
	}
	s := &shaper{fonts: set, missing: map[rune]int{}, words: newWordCache()}
	defer s.words.release()
	text := "AVAST Wavy Today, LT Yo. naïve café façade Tŷ Ωμέγα Ярослав \u0378odd AWAY AT&T “quoted” don’t WAVE wAVe VA TA Ty P.J. " + words(200, 3)
	r := rand.New(rand.NewPCG(5, 9))
	cuts, kerned := 0, 0
	for range 3 { // the second and third times, words from the words kept
		var para article.Text
		for _, w := range strings.Fields(text) {
			para = append(para, article.Inline{Text: w + " ", Bold: r.IntN(5) == 0, Italic: r.IntN(4) == 0, Sup: r.IntN(20) == 0})
		}
		for _, e := range s.paragraph(para, runStyle{fam: fonts.Serif, size: page.Pt(10)}) {
			if e.kind != box || !e.hyphenable {
				continue
			}
			for _, f := range e.frags {
				var at []int
				for i := range f.text {
					at = append(at, i)
				}
				at = append(at, len(f.text))
				for _, from := range at {
					for _, to := range at {
						if to <= from {
							continue
						}
						got, want := wordPieceAt(f, from, to), pieceAt(f, from, to)
						if got.w != want.w || !slices.Equal(got.kerns, want.kerns) || got.text != want.text || got.follows != want.follows {
							t.Fatalf("%q [%d:%d]: w %d kerns %v, want %d %v", f.text, from, to, got.w, got.kerns, want.w, want.kerns)
						}
						cuts++
						if len(want.kerns) > 0 && from > 0 {
							kerned++
						}
					}
				}
			}
		}
	}
	if kerned == 0 || cuts < 1000 {
		t.Fatalf("%d cuts, %d kerned after the first character: too few", cuts, kerned)
	}
}
