package fpdf

import (
	"bytes"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"
)

func TestHundredths(t *testing.T) {
	for _, c := range []struct {
		in   float64
		want string
	}{
		{0, "0"}, {12, "12"}, {12.3, "12.3"}, {123.45, "123.45"}, {-0.05, "-0.05"}, {-12.5, "-12.5"},
		{409.125, "409.12"}, // as %.2f rounds it: 409.125 is 409.12499… in binary
		{841.89, "841.89"}, {0.004, "0"},
	} {
		if got := string(appendHundredths(nil, toHundredths(c.in))); got != c.want {
			t.Errorf("%v: %q, want %q", c.in, got, c.want)
		}
	}
}

// TestToHundredthsAsPrintf: the number toHundredths reads is the one
// fpdf's %.2f prints, for many values, halves and the odd ones.
func TestToHundredthsAsPrintf(t *testing.T) {
	r := rand.New(rand.NewPCG(16, 2))
	vals := []float64{0, -0.0, 0.005, 0.015, 0.025, -0.005, 409.125, 1e6 + 0.125, 595.28, 841.89, -1e-9}
	for range 20000 {
		vals = append(vals, (r.Float64()-0.3)*2000, float64(r.IntN(200000))/1000, float64(r.IntN(64000)-2000)/64,
			841.89-float64(r.IntN(60000))/64, float64(r.IntN(100000))/200+0.005)
	}
	for _, v := range vals {
		want, err := strconv.Atoi(strings.Replace(fmt.Sprintf("%.2f", v), ".", "", 1))
		if err != nil {
			t.Fatal(err)
		}
		if got := toHundredths(v); got != want {
			t.Errorf("toHundredths(%v) = %d, %%.2f prints %.2f", v, got, v)
		}
		if got, want := string(appendHundredths(nil, want)), strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.2f", float64(want)/100), "0"), "."); got != want && !(want == "-0" && got == "0") {
			t.Errorf("appendHundredths(%d) = %q, want %q", toHundredths(v), got, want)
		}
	}
	for _, v := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
		if got := toHundredths(v); got != 0 {
			t.Errorf("toHundredths(%v) = %d, want 0", v, got)
		}
	}
}

// TestAppendEncodedEscapes: CIDs whose bytes are a backslash, a
// parenthesis or a carriage return are escaped as Fpdf.escape escapes
// them.
func TestAppendEncodedEscapes(t *testing.T) {
	tab := newCIDTable()
	var f Fpdf
	var runes []rune
	for r := rune(0x4E00); r < 0x4E00+0x0130; r++ { // past CIDs 0x0D, 0x28, 0x29, 0x5C and 0x0100+
		runes = append(runes, r)
	}
	s := string(runes)
	got, err := tab.appendEncoded([]byte("x"), s)
	if err != nil {
		t.Fatal(err)
	}
	var raw []byte
	for i := range runes {
		raw = append(raw, byte((i+1)>>8), byte(i+1))
	}
	if want := "x" + f.escape(string(raw)); string(got) != want {
		t.Errorf("appendEncoded:\n%q\nwant\n%q", got, want)
	}
}

// TestAppendEncodedAsRunes: appendEncoded, with its way for ASCII
// (galley patch 64), appends what appendEncodedRunes appends a character
// at a time, and numbers the characters the same, over random texts of
// ASCII, Latin, CJK and escaped CIDs (the 13th, 40th, 41st and 92nd
// characters seen, and all from 0x0D00 on with escaped high bytes).
func TestAppendEncodedAsRunes(t *testing.T) {
	r := rand.New(rand.NewPCG(64, 1))
	alphabet := []rune("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,;:!?'\"()\\\r-éàüñ—«»")
	for c := range rune(4000) {
		alphabet = append(alphabet, 0x4E00+c)
	}
	fast, slow := newCIDTable(), newCIDTable()
	for range 12000 {
		var text []rune
		for n := r.IntN(24); len(text) < n; {
			switch k := r.IntN(10); {
			case k < 7: // mostly ASCII
				text = append(text, alphabet[r.IntN(70)])
			default:
				text = append(text, alphabet[r.IntN(len(alphabet))])
			}
		}
		prefix := []byte("x(")[:r.IntN(3)]
		got, err1 := fast.appendEncoded(slices.Clone(prefix), string(text))
		want, err2 := slow.appendEncodedRunes(slices.Clone(prefix), string(text))
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		if !bytes.Equal(got, want) {
			t.Fatalf("appendEncoded(%q, %q) = %q, want %q", prefix, string(text), got, want)
		}
	}
	if !slices.Equal(fast.runes, slow.runes) || len(fast.runes) < 0x0E00 {
		t.Errorf("%d characters numbered, one at a time %d", len(fast.runes), len(slow.runes))
	}
}

// TestAppendFixed2AsStrconv: appendFixed2 writes what strconv's %.2f
// formatting writes, for coordinates, halves, negative zeros, the huge
// and the not finite.
func TestAppendFixed2AsStrconv(t *testing.T) {
	r := rand.New(rand.NewPCG(56, 2))
	vals := []float64{0, math.Copysign(0, -1), -1e-9, -0.004, -0.005, -0.0051, 0.005, 0.015, 0.125, -0.125,
		999.995, 1000, 1e11, 1e13, -1e13, 595.28, 841.89, math.NaN(), math.Inf(1), math.Inf(-1)}
	for range 20000 {
		vals = append(vals, (r.Float64()-0.3)*2000, float64(r.IntN(200000))/1000, float64(r.IntN(64000)-2000)/64,
			841.89-float64(r.IntN(60000))/64, float64(r.IntN(100000))/200+0.005, -r.Float64()/100)
	}
	for _, v := range vals {
		if got, want := string(appendFixed2([]byte("x"), v)), "x"+strconv.FormatFloat(v, 'f', 2, 64); got != want {
			t.Errorf("appendFixed2(%v) = %q, strconv %q", v, got, want)
		}
	}
}

// TestPiecesOfText: each piece of UTF-8 text, plain or kerned, is its
// move and its operator on a line of its own (galley patch 61: made in
// one buffer), the first opening the text object; outside a page's
// text state, with a colour flag, a kerned piece is a text object of
// its own.
func TestPiecesOfText(t *testing.T) {
	f := New("P", "pt", "A4", "")
	f.AddParsedUTF8Font("serif", "", parsedSerif(t))
	f.SetFont("serif", "", 10)
	f.AddPage()
	f.Text(10, 20, "ab")
	f.TextKerned(30.5, 20, "ab(", []int{1, 2}, []int{-40, 15})
	f.Text(10, 40.25, "b")
	if f.Err() {
		t.Fatal(f.Error())
	}
	got := f.pages[f.page].String()
	// a is CID 1, b 2 and ( 3, which is not escaped: only its low byte
	// would be, were it a parenthesis
	want := "BT 10 821.89 Td (\x00\x01\x00\x02) Tj\n" +
		"20.5 0 Td [(\x00\x01) 40 (\x00\x02) -15 (\x00\x03)] TJ\n" +
		"-20.5 -20.25 Td (\x00\x02) Tj\n"
	if !strings.HasSuffix(got, want) {
		t.Errorf("page ends\n%q\nwant\n%q", got[max(0, len(got)-len(want)):], want)
	}

	f.SetTextColor(255, 0, 0)
	f.TextKerned(10, 20, "ab", []int{1}, []int{-40})
	got = f.pages[f.page].String()
	if want := "BT 10.00 821.89 Td [(\x00\x01) 40 (\x00\x02)] TJ ET Q\n"; !strings.HasSuffix(got, want) {
		t.Errorf("a coloured kerned piece ends the page with\n%q\nwant the end\n%q", got[max(0, len(got)-len(want)):], want)
	}
}
