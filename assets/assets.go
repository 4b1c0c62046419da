// Package assets holds the files galley embeds in its binary: the default
// fonts (Noto Serif, Noto Sans and Noto Sans Mono, SIL Open Font License 1.1;
// the licence is fonts/OFL.txt beside them; the math face DejaVu Math TeX
// Gyre, under the Bitstream Vera terms with its math in the public domain,
// fonts/DejaVu-LICENSE.txt) and the built-in themes.
package assets

import (
	"embed"
	"unsafe"
)

// Fonts holds fonts/*.ttf and their licences, fonts/OFL.txt and
// fonts/DejaVu-LICENSE.txt.
//
//go:embed fonts/*.ttf fonts/OFL.txt fonts/DejaVu-LICENSE.txt
var Fonts embed.FS

// Themes holds themes/*.json, the built-in themes.
//
//go:embed themes/*.json
var Themes embed.FS

// FontData returns the bytes of the embedded font fonts/NAME.ttf, or false
// if there is none. Unlike Fonts.ReadFile it does not copy them (half a
// megabyte a face, read from the binary on first use): the slice is the
// binary's read-only data, and writing to it crashes the program.
func FontData(name string) ([]byte, bool) {
	s, ok := fontData[name]
	if !ok {
		return nil, false
	}
	return unsafe.Slice(unsafe.StringData(s), len(s)), true
}

// fontData holds the same files as Fonts, as strings (the linker stores
// each file's bytes once for both).
var fontData = map[string]string{
	"NotoSerif-Regular":    notoSerifRegular,
	"NotoSerif-Bold":       notoSerifBold,
	"NotoSerif-Italic":     notoSerifItalic,
	"NotoSerif-BoldItalic": notoSerifBoldItalic,
	"NotoSans-Regular":     notoSansRegular,
	"NotoSans-Bold":        notoSansBold,
	"NotoSans-Italic":      notoSansItalic,
	"NotoSans-BoldItalic":  notoSansBoldItalic,
	"NotoSansMono-Regular": notoSansMonoRegular,
	"NotoSansMono-Bold":    notoSansMonoBold,
	"DejaVuMathTeXGyre":    dejaVuMathTeXGyre,
}

//go:embed fonts/NotoSerif-Regular.ttf
var notoSerifRegular string

//go:embed fonts/NotoSerif-Bold.ttf
var notoSerifBold string

//go:embed fonts/NotoSerif-Italic.ttf
var notoSerifItalic string

//go:embed fonts/NotoSerif-BoldItalic.ttf
var notoSerifBoldItalic string

//go:embed fonts/NotoSans-Regular.ttf
var notoSansRegular string

//go:embed fonts/NotoSans-Bold.ttf
var notoSansBold string

//go:embed fonts/NotoSans-Italic.ttf
var notoSansItalic string

//go:embed fonts/NotoSans-BoldItalic.ttf
var notoSansBoldItalic string

//go:embed fonts/NotoSansMono-Regular.ttf
var notoSansMonoRegular string

//go:embed fonts/NotoSansMono-Bold.ttf
var notoSansMonoBold string

//go:embed fonts/DejaVuMathTeXGyre.ttf
var dejaVuMathTeXGyre string
