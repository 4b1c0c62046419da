package parse

import (
	"strconv"
	"strings"

	"github.com/galleyprint/galley/internal/lazyregexp"
)

// srcCandidate is one image candidate of a srcset attribute.
type srcCandidate struct {
	url     string
	width   int     // its w descriptor; 0 when it has none
	density float64 // its x descriptor; 1 when it has neither w nor x, else 0 without x
}

// parseSrcset reads a srcset attribute by the HTML standard's algorithm
// ("parse a srcset attribute"): a URL runs to the next whitespace, so it
// may hold commas; a URL that ends in commas is a candidate without
// descriptors; otherwise descriptors follow, up to a comma outside
// parentheses. Candidates with invalid descriptors are dropped.
func parseSrcset(s string) []srcCandidate {
	var out []srcCandidate
	i := 0
	for {
		for i < len(s) && (isASCIISpace(s[i]) || s[i] == ',') {
			i++
		}
		if i >= len(s) {
			return out
		}
		start := i
		for i < len(s) && !isASCIISpace(s[i]) {
			i++
		}
		url := s[start:i]
		var descs []string
		if strings.HasSuffix(url, ",") {
			url = strings.TrimRight(url, ",") // never empty: the loop above skipped leading commas
		} else {
			descs, i = srcsetDescriptors(s, i)
		}
		if c, ok := srcsetCandidate(url, descs); ok {
			out = append(out, c)
		}
	}
}

// srcsetDescriptors tokenizes the descriptors that follow a URL at s[i:],
// up to and past the comma that ends the candidate, and returns them and
// the position after them.
func srcsetDescriptors(s string, i int) ([]string, int) {
	const (
		inDescriptor = iota
		inParens
		afterDescriptor
	)
	for i < len(s) && isASCIISpace(s[i]) {
		i++
	}
	var descs []string
	var cur strings.Builder
	flush := func() {
		if cur.Len() > 0 {
			descs = append(descs, cur.String())
			cur.Reset()
		}
	}
	state := inDescriptor
	for ; i < len(s); i++ {
		c := s[i]
		switch state {
		case inDescriptor:
			switch {
			case isASCIISpace(c):
				if cur.Len() > 0 {
					flush()
					state = afterDescriptor
				}
			case c == ',':
				flush()
				return descs, i + 1
			case c == '(':
				cur.WriteByte(c)
				state = inParens
			default:
				cur.WriteByte(c)
			}
		case inParens:
			cur.WriteByte(c)
			if c == ')' {
				state = inDescriptor
			}
		case afterDescriptor:
			if !isASCIISpace(c) {
				state = inDescriptor
				i-- // reconsume
			}
		}
	}
	flush()
	return descs, i
}

// validFloat matches the standard's "valid floating-point number".
var validFloat = lazyregexp.New(`^-?[0-9]+(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?$`)

// srcsetCandidate checks a candidate's descriptors as the standard's
// descriptor parser does: at most one of w and x; h only beside w; w and
// h positive integers, x a non-negative number.
func srcsetCandidate(url string, descs []string) (srcCandidate, bool) {
	c := srcCandidate{url: url}
	hasDensity, height := false, 0
	for _, d := range descs {
		v := d[:len(d)-1]
		switch d[len(d)-1] {
		case 'w':
			n, ok := positiveInt(v)
			if c.width > 0 || hasDensity || !ok {
				return c, false
			}
			c.width = n
		case 'x':
			if c.width > 0 || hasDensity || height > 0 || !validFloat.MatchString(v) {
				return c, false
			}
			x, err := strconv.ParseFloat(v, 64)
			if err != nil || x < 0 {
				return c, false
			}
			c.density, hasDensity = x, true
		case 'h':
			n, ok := positiveInt(v)
			if height > 0 || hasDensity || !ok {
				return c, false
			}
			height = n
		default:
			return c, false
		}
	}
	if height > 0 && c.width == 0 {
		return c, false
	}
	if c.width == 0 && !hasDensity {
		c.density = 1
	}
	return c, true
}

// positiveInt parses a valid non-negative integer (ASCII digits only)
// that is not zero.
func positiveInt(s string) (int, bool) {
	if s == "" || strings.Trim(s, "0123456789") != "" {
		return 0, false
	}
	n, err := strconv.Atoi(s)
	return n, err == nil && n > 0
}

// isASCIISpace reports the standard's ASCII whitespace: tab, line feed,
// form feed, carriage return and space.
func isASCIISpace(c byte) bool {
	return c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' '
}

// printWidth is the image width in pixels wanted for print: about a full
// A4 text width at the default 200 ppi.
const printWidth = 1200

// cssWidth is the width in pixels taken for a 1x candidate. The <img>'s
// width attribute is not used: pages often give the image's full pixel
// size there (for its aspect ratio), which would make 1x look enough.
const cssWidth = 600

// pickSrcset chooses among the candidates of srcset lists the smallest
// that is at least printWidth pixels wide, else the widest: enough pixels
// for print, no more. A w descriptor gives the width; an x descriptor
// multiplies cssWidth; a candidate without descriptors is 1x.
// Placeholders and addresses of formats galley cannot print (AVIF, JPEG
// XL) are skipped; of equal widths, the first wins.
func pickSrcset(sets []string) string {
	best, bestW := "", -1
	enough, enoughW := "", 0
	for _, set := range sets {
		for _, c := range parseSrcset(set) {
			if isPlaceholder(c.url) || unprintableURL(c.url) {
				continue
			}
			w := c.width
			if w == 0 {
				w = int(min(c.density*cssWidth, 1<<30))
			}
			if w > bestW {
				best, bestW = c.url, w
			}
			if w >= printWidth && (enough == "" || w < enoughW) {
				enough, enoughW = c.url, w
			}
		}
	}
	if enough != "" {
		return enough
	}
	return best
}

// unprintableFormats are address fragments that ask an image service for
// a format galley cannot print: Cloudinary's f_avif, imgix's and Next.js's
// fm= and format=, and the files' own endings.
var unprintableFormats = lazyregexp.New(`(?i)(?:\.(?:avif|jxl|heic)(?:$|[?#])|\bf_(?:avif|jxl)\b|\b(?:fm|format)=(?:avif|jxl)\b)`)

// unprintableURL reports an image address that names AVIF or JPEG XL.
func unprintableURL(u string) bool {
	return namesUnprintableFormat(u) && unprintableFormats.MatchString(u)
}

// unprintableFormatNames are the names one of which, in any case, each
// match of unprintableFormats holds; none of their letters folds with a
// letter beyond ASCII (TestUnprintableFormatNamesFold).
var unprintableFormatNames = []string{"avif", "jxl", "heic"}

// namesUnprintableFormat reports whether u holds one of the
// unprintableFormatNames in any case: most addresses do not, and are
// spared the expression.
func namesUnprintableFormat(u string) bool {
	for i := range len(u) {
		for _, name := range unprintableFormatNames {
			if u[i]|0x20 == name[0] && len(u)-i >= len(name) && strings.EqualFold(u[i:i+len(name)], name) {
				return true
			}
		}
	}
	return false
}
