package parse

import "testing"

// TestIsName: a name on a line of its own in a text dump is a name as a
// byline writes it (isPersonName: no date words, no handles, not mostly
// lower-case words) and, on its own line, also starts with a letter,
// holds no digit and ends no sentence.
func TestIsName(t *testing.T) {
	tests := []struct {
		s            string
		person, line bool
	}{
		{"Scott Cunningham", true, true},
		{"Michiel de Jong", true, true},
		{"Martin Luther King Jr.", true, true},
		{"Updated Monday", false, false},    // a date line, not a name
		{"Posted yesterday", false, false},  // starts with a date word
		{"Jane Doe @janedoe", false, false}, // a handle
		{"Contributors to the projects of the foundation", false, false},
		{"Brenda Goodman (MA)", true, true},
		{"R2 Team (staff)", true, false},        // a digit: not on a dump's name line
		{"She left the harbour.", false, false}, // a sentence
		{"Ende des Artikels.", true, false},     // ends a sentence
		{"", false, false},
	}
	for _, tt := range tests {
		if got := isPersonName(tt.s); got != tt.person {
			t.Errorf("isPersonName(%q) = %v, want %v", tt.s, got, tt.person)
		}
		if got := isName(tt.s); got != tt.line {
			t.Errorf("isName(%q) = %v, want %v", tt.s, got, tt.line)
		}
	}
}
