package fonts_test

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"sync"
	"testing"

	"golang.org/x/image/font/sfnt"

	"github.com/galleyprint/galley/fonts"
)

var (
	families = []fonts.Family{fonts.Serif, fonts.Sans, fonts.Mono}
	styles   = []fonts.Style{fonts.Regular, fonts.Bold, fonts.Italic, fonts.BoldItalic}
)

func defaultSet(t testing.TB) *fonts.Set {
	t.Helper()
	set, err := fonts.Default()
	if err != nil {
		t.Fatalf("Default: %v", err)
	}
	return set
}

func TestDefault(t *testing.T) {
	set := defaultSet(t)
	if again, _ := fonts.Default(); again != set {
		t.Error("Default returned a different set the second time")
	}
	names := map[string]bool{}
	for _, fam := range families {
		for _, st := range styles {
			f := set.Face(fam, st)
			if f == nil {
				t.Fatalf("Face(%d, %d) is nil", fam, st)
			}
			names[f.Name()] = true
			if f.Ascent <= 0 || f.Descent >= 0 || f.CapHeight <= 0 || f.XHeight <= 0 || f.XHeight >= f.CapHeight || f.CapHeight > f.Ascent {
				t.Errorf("%s: implausible metrics ascent %d descent %d cap %d x %d", f.Name(), f.Ascent, f.Descent, f.CapHeight, f.XHeight)
			}
		}
	}
	if len(names) != 10 {
		t.Errorf("%d distinct faces %v, want 10", len(names), names)
	}
}

func TestSetFace(t *testing.T) {
	set := defaultSet(t)
	tests := []struct {
		fam  fonts.Family
		st   fonts.Style
		want string
	}{
		{fonts.Serif, fonts.Regular, "NotoSerif-Regular"},
		{fonts.Serif, fonts.Bold, "NotoSerif-Bold"},
		{fonts.Serif, fonts.Italic, "NotoSerif-Italic"},
		{fonts.Serif, fonts.BoldItalic, "NotoSerif-BoldItalic"},
		{fonts.Sans, fonts.Regular, "NotoSans-Regular"},
		{fonts.Sans, fonts.BoldItalic, "NotoSans-BoldItalic"},
		{fonts.Mono, fonts.Regular, "NotoSansMono-Regular"},
		{fonts.Mono, fonts.Bold, "NotoSansMono-Bold"},
		{fonts.Mono, fonts.Italic, "NotoSansMono-Regular"},  // no italic: upright
		{fonts.Mono, fonts.BoldItalic, "NotoSansMono-Bold"}, // no bold italic: bold
	}
	for _, tt := range tests {
		if got := set.Face(tt.fam, tt.st).Name(); got != tt.want {
			t.Errorf("Face(%d, %d) = %s, want %s", tt.fam, tt.st, got, tt.want)
		}
	}
	var fb []string
	for _, f := range set.Fallbacks(fonts.Mono, fonts.Italic) {
		fb = append(fb, f.Name())
	}
	if got := fmt.Sprint(fb); got != "[NotoSerif-Italic NotoSans-Italic]" {
		t.Errorf("Fallbacks(Mono, Italic) = %s", got)
	}
}

func TestStyleOf(t *testing.T) {
	tests := []struct {
		bold, italic bool
		want         fonts.Style
	}{
		{false, false, fonts.Regular},
		{true, false, fonts.Bold},
		{false, true, fonts.Italic},
		{true, true, fonts.BoldItalic},
	}
	for _, tt := range tests {
		if got := fonts.StyleOf(tt.bold, tt.italic); got != tt.want {
			t.Errorf("StyleOf(%v, %v) = %d, want %d", tt.bold, tt.italic, got, tt.want)
		}
	}
}

// hmtxWidth reads r's advance from the font's hmtx table directly, scaled
// to thousandths of an em; only the glyph index comes from sfnt.
func hmtxWidth(t *testing.T, data []byte, r rune) (int, bool) {
	t.Helper()
	tables := map[string][]byte{}
	n := int(binary.BigEndian.Uint16(data[4:]))
	for i := range n {
		rec := data[12+16*i:]
		off, length := binary.BigEndian.Uint32(rec[8:]), binary.BigEndian.Uint32(rec[12:])
		tables[string(rec[:4])] = data[off : off+length]
	}
	upem := float64(binary.BigEndian.Uint16(tables["head"][18:]))
	numHMetrics := int(binary.BigEndian.Uint16(tables["hhea"][34:]))
	f, err := sfnt.Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	gi, err := f.GlyphIndex(nil, r)
	if err != nil {
		t.Fatal(err)
	}
	if gi == 0 {
		return 0, false
	}
	k := min(int(gi), numHMetrics-1)
	adv := float64(binary.BigEndian.Uint16(tables["hmtx"][4*k:]))
	return int(math.Round(adv * 1000 / upem)), true
}

func TestWidthMatchesHmtx(t *testing.T) {
	set := defaultSet(t)
	runes := []rune("aAmiW .,—é€ßŒфΩ\u00a0\u2009\uFFFD\u4e00\U0001F600")
	for _, fam := range families {
		for _, st := range styles {
			f := set.Face(fam, st)
			for _, r := range runes {
				want, wantOK := hmtxWidth(t, f.Data(), r)
				got, ok := f.Width(r)
				if ok != wantOK || (ok && got != want) {
					t.Errorf("%s: Width(%q) = %d, %v; hmtx says %d, %v", f.Name(), r, got, ok, want, wantOK)
				}
			}
		}
	}
	// the brief's anchor: 'a' in Noto Serif Regular
	f := set.Face(fonts.Serif, fonts.Regular)
	if w, _ := f.Width('a'); w < 400 || w > 700 {
		t.Errorf("NotoSerif-Regular 'a' is %d/1000 em, implausible", w)
	}
}

// TestASCIIWidths checks the table ASCIIWidths hands out against Width.
func TestASCIIWidths(t *testing.T) {
	set := defaultSet(t)
	for _, fam := range families {
		for _, st := range styles {
			f := set.Face(fam, st)
			widths := f.ASCIIWidths()
			for r := range rune(len(widths)) {
				w, ok := f.Width(r)
				if got := widths[r]; ok != (got >= 0) || ok && int(got) != w {
					t.Errorf("%s: ASCIIWidths()[%q] = %d; Width gives %d, %v", f.Name(), r, got, w, ok)
				}
			}
		}
	}
}

func TestHas(t *testing.T) {
	f := defaultSet(t).Face(fonts.Serif, fonts.Regular)
	tests := []struct {
		r    rune
		want bool
	}{
		{'a', true}, {'é', true}, {'—', true}, {'€', true}, {'ф', true},
		{'\u4e00', false}, {'\U0001F600', false}, {-1, false}, {0x110000, false}, {'\u0378', false},
	}
	for _, tt := range tests {
		if got := f.Has(tt.r); got != tt.want {
			t.Errorf("Has(%U) = %v, want %v", tt.r, got, tt.want)
		}
	}
}

func TestParseRefuses(t *testing.T) {
	valid := defaultSet(t).Face(fonts.Serif, fonts.Regular).Data()
	tests := []struct {
		name string
		data []byte
	}{
		{"empty", nil},
		{"OTTO (CFF)", append([]byte("OTTO"), valid[4:]...)},
		{"ttcf (collection)", append([]byte("ttcf"), valid[4:]...)},
		{"garbage", []byte("this is not a font at all, not even close")},
		{"PNG", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR")},
		{"TrueType header, truncated", valid[:64]},
		{"true header, garbage", []byte("true\x00\x01\x00\x00garbage")},
		{"TrueType header only", []byte{0, 1, 0, 0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := fonts.Parse("X", tt.data)
			if !errors.Is(err, fonts.ErrUnsupportedFont) {
				t.Errorf("Parse = %v, %v; want an error wrapping ErrUnsupportedFont", f, err)
			}
		})
	}
}

func TestParseName(t *testing.T) {
	valid := defaultSet(t).Face(fonts.Sans, fonts.Bold).Data()
	f, err := fonts.Parse("Custom-Name", valid)
	if err != nil {
		t.Fatal(err)
	}
	if f.Name() != "Custom-Name" || !bytes.Equal(f.Data(), valid) {
		t.Errorf("Parse kept name %q and %d bytes, want Custom-Name and the %d bytes given", f.Name(), len(f.Data()), len(valid))
	}
}

// TestWidthConcurrent measures from many goroutines on a fresh face; run
// with -race.
func TestWidthConcurrent(t *testing.T) {
	f, err := fonts.Parse("Fresh", defaultSet(t).Face(fonts.Serif, fonts.Italic).Data())
	if err != nil {
		t.Fatal(err)
	}
	runes := []rune("aé\u0250\u0391\u2014\u4e00\U0001F600\u20ac")
	want := make([]int, len(runes))
	var wg sync.WaitGroup
	results := make([][]int, 16)
	for g := range results {
		wg.Go(func() {
			for range 50 {
				out := make([]int, len(runes))
				for i, r := range runes {
					w, _ := f.Width(r)
					out[i] = w
				}
				results[g] = out
			}
		})
	}
	wg.Wait()
	for i, r := range runes {
		want[i], _ = f.Width(r)
	}
	for g, got := range results {
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("goroutine %d measured %v, want %v", g, got, want)
		}
	}
}
