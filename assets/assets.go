// Package assets holds the files galley embeds in its binary: the default
// fonts (Noto Serif, Noto Sans and Noto Sans Mono, SIL Open Font License 1.1;
// the licence is fonts/OFL.txt beside them) and the built-in themes.
package assets

import "embed"

// Fonts holds fonts/*.ttf and the licence fonts/OFL.txt.
//
//go:embed fonts/*.ttf fonts/OFL.txt
var Fonts embed.FS

// Themes holds themes/*.json, the built-in themes.
//
//go:embed themes/*.json
var Themes embed.FS
