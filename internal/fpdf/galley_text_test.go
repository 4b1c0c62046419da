package fpdf

import "testing"

func TestHundredths(t *testing.T) {
	for _, c := range []struct {
		in   float64
		want string
	}{
		{0, "0"}, {12, "12"}, {12.3, "12.3"}, {123.45, "123.45"}, {-0.05, "-0.05"}, {-12.5, "-12.5"},
		{409.125, "409.12"}, // as %.2f rounds it: 409.125 is 409.12499… in binary
		{841.89, "841.89"}, {0.004, "0"},
	} {
		if got := hundredths(toHundredths(c.in)); got != c.want {
			t.Errorf("%v: %q, want %q", c.in, got, c.want)
		}
	}
}
