package pdf

import (
	"encoding/binary"
	"math"
	"sync"
)

// srgbProfile returns an ICC (version 2.1) display profile of sRGB, IEC
// 61966-2.1, built from the standard's published parameters: its
// primaries adapted to the D50 connection space (as ICC profiles state
// them), its D65 white point, and its tone curve (linear below 0.04045,
// a 2.4 power above) sampled at 256 points, one per 8-bit value. It is
// made here rather than copied from a file so that no licence but
// galley's applies to it; the same bytes every time. PDF/A's output intent embeds it.
var srgbProfile = sync.OnceValue(func() []byte {
	type tag struct {
		sig  string
		data []byte
	}
	xyz := func(x, y, z float64) []byte {
		b := append([]byte("XYZ "), 0, 0, 0, 0)
		for _, v := range []float64{x, y, z} {
			b = binary.BigEndian.AppendUint32(b, uint32(int32(math.Round(v*65536))))
		}
		return b
	}
	const samples = 256
	curve := append([]byte("curv"), 0, 0, 0, 0)
	curve = binary.BigEndian.AppendUint32(curve, samples)
	for i := range samples {
		v := float64(i) / (samples - 1)
		if v <= 0.04045 {
			v /= 12.92
		} else {
			v = math.Pow((v+0.055)/1.055, 2.4)
		}
		curve = binary.BigEndian.AppendUint16(curve, uint16(math.Round(v*65535)))
	}
	name := "sRGB IEC61966-2.1"
	desc := append([]byte("desc"), 0, 0, 0, 0)
	desc = binary.BigEndian.AppendUint32(desc, uint32(len(name)+1))
	desc = append(desc, name...)
	desc = append(desc, 0)
	desc = append(desc, make([]byte, 4+4+2+1+67)...) // no Unicode, no ScriptCode description
	cprt := append([]byte("text"), 0, 0, 0, 0)
	cprt = append(cprt, "No copyright, use freely"...)
	cprt = append(cprt, 0)
	tags := []tag{
		{"desc", desc},
		{"cprt", cprt},
		{"wtpt", xyz(0.9505, 1.0, 1.0890)},
		{"rXYZ", xyz(0.4361, 0.2225, 0.0139)},
		{"gXYZ", xyz(0.3851, 0.7169, 0.0971)},
		{"bXYZ", xyz(0.1431, 0.0606, 0.7141)},
		{"rTRC", curve},
		{"gTRC", curve},
		{"bTRC", curve},
	}
	header := make([]byte, 128)
	table := binary.BigEndian.AppendUint32(nil, uint32(len(tags)))
	var body []byte
	offset := 128 + 4 + 12*len(tags)
	curveAt := 0
	for _, t := range tags {
		at, size := offset+len(body), len(t.data)
		if t.sig[1:] == "TRC" && curveAt > 0 { // the three curves share one table
			at = curveAt
		} else {
			if t.sig[1:] == "TRC" {
				curveAt = at
			}
			body = append(body, t.data...)
			for len(body)%4 != 0 {
				body = append(body, 0)
			}
		}
		table = append(table, t.sig...)
		table = binary.BigEndian.AppendUint32(table, uint32(at))
		table = binary.BigEndian.AppendUint32(table, uint32(size))
	}
	p := append(append(header, table...), body...)
	binary.BigEndian.PutUint32(p[0:], uint32(len(p)))
	binary.BigEndian.PutUint32(p[8:], 0x02100000) // version 2.1
	copy(p[12:], "mntrRGB XYZ ")
	for i, v := range []uint16{1998, 2, 9, 6, 49, 0} { // the date of the standard's profile
		binary.BigEndian.PutUint16(p[24+2*i:], v)
	}
	copy(p[36:], "acsp")
	// the connection space's illuminant, D50
	copy(p[68:], xyz(0.9642, 1.0, 0.8249)[8:])
	return p
})
