// Package assets holds the files galley embeds in its binary: the default
// fonts (Noto Serif, Noto Sans and Noto Sans Mono, SIL Open Font License 1.1;
// the licence is fonts/OFL.txt beside them; the math face DejaVu Math TeX
// Gyre, under the Bitstream Vera terms with its math in the public domain,
// fonts/DejaVu-LICENSE.txt) and the built-in themes.
package assets

import "embed"

// Fonts holds fonts/*.ttf and their licences, fonts/OFL.txt and
// fonts/DejaVu-LICENSE.txt.
//
//go:embed fonts/*.ttf fonts/OFL.txt fonts/DejaVu-LICENSE.txt
var Fonts embed.FS

// Themes holds themes/*.json, the built-in themes.
//
//go:embed themes/*.json
var Themes embed.FS
