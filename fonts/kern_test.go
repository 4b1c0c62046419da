package fonts_test

import "testing"

func TestKern(t *testing.T) {
	set := defaultSet(t)
	serif := set.Face(0, 0)
	// pairs every text face kerns, and pairs it does not
	for _, c := range []struct {
		a, b  rune
		tight bool
	}{{'A', 'V', true}, {'T', 'o', true}, {'V', 'a', true}, {'o', 'o', false}, {'n', 'n', false}} {
		k := serif.Kern(c.a, c.b)
		if (k < 0) != c.tight {
			t.Errorf("%s: kern %c%c = %d, tight %v", serif.Name(), c.a, c.b, k, c.tight)
		}
		if again := serif.Kern(c.a, c.b); again != k {
			t.Errorf("kern %c%c changed from %d to %d", c.a, c.b, k, again)
		}
	}
	if k := serif.Kern('Ω', 'Ϋ'); k > 0 || k < -300 {
		t.Errorf("kern outside the table: %d", k)
	}
}
