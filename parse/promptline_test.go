package parse

import (
	"regexp/syntax"
	"strings"
	"testing"
)

// expand lists every string a finite expression (no stars or pluses)
// matches, char classes expanded; false when the expression is not
// finite or too large to list.
func expand(re *syntax.Regexp) ([]string, bool) {
	switch re.Op {
	case syntax.OpLiteral:
		return []string{string(re.Rune)}, true
	case syntax.OpCharClass:
		var out []string
		for i := 0; i+1 < len(re.Rune); i += 2 {
			for r := re.Rune[i]; r <= re.Rune[i+1]; r++ {
				out = append(out, string(r))
			}
		}
		return out, len(out) <= 16
	case syntax.OpCapture:
		return expand(re.Sub[0])
	case syntax.OpQuest:
		sub, ok := expand(re.Sub[0])
		return append([]string{""}, sub...), ok
	case syntax.OpEmptyMatch:
		return []string{""}, true
	case syntax.OpAlternate:
		var out []string
		for _, s := range re.Sub {
			sub, ok := expand(s)
			if !ok {
				return nil, false
			}
			out = append(out, sub...)
		}
		return out, true
	case syntax.OpConcat:
		out := []string{""}
		for _, s := range re.Sub {
			sub, ok := expand(s)
			if !ok {
				return nil, false
			}
			var next []string
			for _, a := range out {
				for _, b := range sub {
					next = append(next, a+b)
				}
			}
			if len(next) > 100000 {
				return nil, false
			}
			out = next
		}
		return out, true
	}
	return nil, false
}

// isPromptLine runs furnitureLines only near the prompt words: that is
// the same test only while every string the expression matches holds a
// prompt word and is no longer than maxPromptMatch.
func TestPromptLinesHoldPromptWords(t *testing.T) {
	re, err := syntax.Parse(furnitureLines.String(), syntax.Perl)
	if err != nil {
		t.Fatal(err)
	}
	all, ok := expand(re.Simplify())
	if !ok {
		t.Fatal("furnitureLines is no longer a finite list of phrases: isPromptLine must change with it")
	}
	if len(all) < 50 {
		t.Fatalf("only %d phrases listed from furnitureLines", len(all))
	}
	for _, s := range all {
		if promptFinder().index(s, 0) < 0 {
			t.Errorf("%q matches furnitureLines but holds none of the promptWords", s)
		}
		if len(s) > maxPromptMatch {
			t.Errorf("%q matches furnitureLines in %d bytes, more than maxPromptMatch %d", s, len(s), maxPromptMatch)
		}
	}
}

func TestIsPromptLineAgreesWithExpression(t *testing.T) {
	filler := strings.Repeat("the weather was fine and ", 4)
	texts := []string{
		"sign up for our newsletter",
		filler + "sign up for our newsletter",
		"subscribe " + filler + " to our list",
		filler + "à notre newsletter, " + filler,
		"héé à notre newsletter",
		"this website uses cookies to improve your experience",
		filler + "we use cookies",
		"rate this story",
		"the newsletter " + filler,
		"follow us on mastodon",
		"follow the leader",
		"s\u00edguenos en redes",
		"vota l' articolo",
		filler,
		"",
	}
	for _, s := range texts {
		if got, want := isPromptLine(s), furnitureLines.MatchString(s); got != want {
			t.Errorf("isPromptLine(%q) = %v, furnitureLines says %v", s, got, want)
		}
	}
}

func TestWordFinder(t *testing.T) {
	f := newWordFinder([]string{"cookie", "cook", "sign up"})
	for _, c := range []struct {
		s    string
		from int
		want int
	}{
		{"we cook cookies", 0, 3},
		{"we cook cookies", 4, 8},
		{"please sign up", 0, 7},
		{"nothing here", 0, -1},
		{"", 0, -1},
	} {
		if got := f.index(c.s, c.from); got != c.want {
			t.Errorf("index(%q, %d) = %d, want %d", c.s, c.from, got, c.want)
		}
	}
}

// isLabelLine skips the expression for texts without a separator: right
// only while every label the expression matches ends in one of them.
func TestLabelSeparatorsEndEveryLabel(t *testing.T) {
	if want := `\s*[` + labelSeparators + `]`; !strings.HasSuffix(furnitureLabels.String(), want) {
		t.Fatalf("furnitureLabels no longer ends in %s: labelSeparators must change with it", want)
	}
	for _, s := range []string{"read more: the budget", "lesen sie auch » wahl", "see also - x", "read more about it", "related"} {
		if got, want := isLabelLine(s), furnitureLabels.MatchString(labelPart(s)); got != want {
			t.Errorf("isLabelLine(%q) = %v, furnitureLabels says %v", s, got, want)
		}
	}
}

// holdsLabelSeparator is strings.ContainsAny with the labelSeparators,
// on text with and without them, and with bytes that are not UTF-8.
func TestHoldsLabelSeparator(t *testing.T) {
	for _, s := range []string{"", "read more", "read more: x", "a -", "x > y", "a|b", "lesen sie auch » wahl", "voir aussi ›",
		"注意：", "«quoted»", "‹›", "\xc2", "\xe2\x80", "\xe2\xc2\xbb", "\xbb\xba\x9a", "ünïcödé", "\ufffd", "\xef\xbc"} {
		if got, want := holdsLabelSeparator(s), strings.ContainsAny(s, labelSeparators); got != want {
			t.Errorf("holdsLabelSeparator(%q) = %v, ContainsAny %v", s, got, want)
		}
	}
}

// TestIsHidingClass: a hidden class hides in any case among other
// tokens, unless a responsive class or a variant shows it.
func TestIsHidingClass(t *testing.T) {
	for _, c := range []struct {
		class string
		want  bool
	}{
		{"sr-only", true}, {"nav SR-Only", true}, {"d-none d-lg-block", false}, {"d-none", true},
		{"entry-content", false}, {"", false}, {"md:hidden", false}, {"visually-hidden title", true},
	} {
		if got := isHidingClass(c.class); got != c.want {
			t.Errorf("isHidingClass(%q) = %v, want %v", c.class, got, c.want)
		}
	}
}
