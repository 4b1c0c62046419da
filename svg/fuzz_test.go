package svg

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzParse checks that no input makes the reader panic, exceed its
// limits or return a malformed drawing.
func FuzzParse(f *testing.F) {
	f.Add([]byte(head + `width="10" height="10"><path d="M0 0L10 10a5 5 0 1 1 -3 -3z"/></svg>`))
	f.Add([]byte(head + `><style>.a{fill:red}</style><g class="a"><text x="1" y="1">x<tspan dy="1em">y</tspan></text></g></svg>`))
	f.Add([]byte(head + `><defs><clipPath id="c"><circle r="5"/></clipPath><radialGradient id="g"><stop/></radialGradient></defs><use href="#c"/><rect clip-path="url(#c)" fill="url(#g)" width="5" height="5"/></svg>`))
	f.Add([]byte(head + `width="20" height="20"><mask id="m"><rect width="10" height="20" fill="#888"/></mask><filter id="f"><feGaussianBlur stdDeviation="2"/><feOffset dx="2"/><feMerge><feMergeNode/><feMergeNode in="SourceGraphic"/></feMerge></filter><pattern id="p" width="4" height="4" patternUnits="userSpaceOnUse"><circle r="2"/></pattern><rect width="20" height="20" fill="url(#p)" mask="url(#m)" filter="url(#f)"/></svg>`))
	names, _ := filepath.Glob(filepath.Join("..", "testdata", "svg", "*.svg"))
	more, _ := filepath.Glob(filepath.Join("..", "testdata", "svg", "raster", "*.svg"))
	names = append(names, more...)
	for _, n := range names {
		if data, err := os.ReadFile(n); err == nil && len(data) < 64<<10 {
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := Parse(data, Limits{MaxSegments: 10000, MaxElements: 2000})
		if err != nil {
			return
		}
		if d.W <= 0 || d.H <= 0 {
			t.Errorf("drawing of %sx%s", d.W, d.H)
		}
		n := 0
		for _, p := range d.Parts {
			if p.Path != nil {
				if !p.Path.Valid() {
					t.Errorf("malformed outline %v", p.Path)
				}
				n += len(p.Path.Verbs)
			}
		}
		if n > 10000 {
			t.Errorf("%d segments, over the limit", n)
		}
		// what is rasterised draws, coarsely, within a small pixel budget
		PrepareRasters(d, 0.1, 200_000, false)
	})
}
