package hyphen_test

import (
	"fmt"

	"github.com/galleyprint/galley/hyphen"
)

func ExampleFor() {
	for _, tag := range []string{"en", "en_GB", "de-CH", "pt-BR", "no", "sv-FI", "xx"} {
		if h := hyphen.For(tag); h != nil {
			left, right := h.Mins()
			fmt.Println(tag, "→", h.Lang(), left, right)
		} else {
			fmt.Println(tag, "→ none")
		}
	}
	// Output:
	// en → en-US 2 3
	// en_GB → en-GB 2 3
	// de-CH → de-1996 2 2
	// pt-BR → pt 2 3
	// no → nb 2 2
	// sv-FI → sv 2 2
	// xx → none
}

func ExampleHyphenator_Points() {
	h := hyphen.For("de")
	word := "Größenordnung"
	points := h.Points(word)
	fmt.Println(points)
	last := 0
	for _, p := range points {
		fmt.Print(word[last:p], "|")
		last = p
	}
	fmt.Println(word[last:])
	// Output:
	// [4 8 11]
	// Grö|ßen|ord|nung
}

func ExampleHyphenator_Hyphenate() {
	en := hyphen.For("en-US")
	fmt.Println(en.Hyphenate("hyphenation"), en.Hyphenate("Present"), en.Hyphenate("e-mail"))
	fmt.Println(hyphen.For("en-GB").Hyphenate("hyphenation"))
	fmt.Println(hyphen.For("fr").Hyphenate("éléphant"))
	// Output:
	// hy-phen-ation Present e-mail
	// hy-phen-a-tion
	// élé-phant
}

func ExampleLanguages() {
	fmt.Println(hyphen.Languages())
	// Output: [ca da de-1996 en-GB en-US es fi fr hr hu it nb nl nn pl pt sl sv tr]
}
