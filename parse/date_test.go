package parse

import (
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	tests := []struct {
		in      string
		want    string // RFC 3339 in UTC
		updated bool
	}{
		{"Wednesday, Nov 01, 2023 - 11:20 PM", "2023-11-01T23:20:00Z", false},
		{"1 November 2023", "2023-11-01T00:00:00Z", false},
		{"November 1, 2023", "2023-11-01T00:00:00Z", false},
		{"1st November 2023", "2023-11-01T00:00:00Z", false},
		{"2023-11-01T23:20:00Z", "2023-11-01T23:20:00Z", false},
		{"2023-11-01T23:20:00.123Z", "2023-11-01T23:20:00.123Z", false},
		{"2023-11-01T23:20:00+02:00", "2023-11-01T21:20:00Z", false},
		{"2023-11-01T23:20:00", "2023-11-01T23:20:00Z", false},
		{"2023-11-01 23:20:00", "2023-11-01T23:20:00Z", false},
		{"2023-11-01", "2023-11-01T00:00:00Z", false},
		{"2023/11/01", "2023-11-01T00:00:00Z", false},
		{"13/11/2023", "2023-11-13T00:00:00Z", false},
		{"Updated: 12/07/2022 09:41", "2022-12-07T09:41:00Z", true}, // labelled: month first
		{"Published 01/11/2023", "2023-01-11T00:00:00Z", false},
		{"11/13/2023", "2023-11-13T00:00:00Z", false},
		{"01.01.2024", "2024-01-01T00:00:00Z", false},
		{"Nov. 1, 2023 at 11:20 p.m. ET", "2023-11-02T03:20:00Z", false},
		{"Dec 5, 2023 9:00 a.m. ET", "2023-12-05T14:00:00Z", false},
		{"Mar 12, 2023 3:00 AM ET", "2023-03-12T07:00:00Z", false},
		{"Mar 12, 2023 1:00 AM ET", "2023-03-12T06:00:00Z", false},
		{"November 1st, 2023, 9am PT", "2023-11-01T16:00:00Z", false},
		{"Updated: Nov 2, 2023 10:05 AM EST", "2023-11-02T15:05:00Z", true},
		{"Last updated on 2 November 2023", "2023-11-02T00:00:00Z", true},
		{"Updated 2023-11-02T10:05:00Z", "2023-11-02T10:05:00Z", true},
		{"Published 1 Nov 2023 11:20 GMT", "2023-11-01T11:20:00Z", false},
		{"Posted on November 1, 2023 at 23:20 UTC", "2023-11-01T23:20:00Z", false},
		{"Wed, 01 Nov 2023 23:20:00 GMT", "2023-11-01T23:20:00Z", false},
		{"Wed, 01 Nov 2023 23:20:00 +0000", "2023-11-01T23:20:00Z", false},
		{"Wed Nov  1 23:20:00 2023", "2023-11-01T23:20:00Z", false},
		{"1 Nov 2023 23:20 CET", "2023-11-01T22:20:00Z", false},
		{"1 Jul 2023 23:20 BST", "2023-07-01T22:20:00Z", false},
		{"1 Nov 2023 23:20 +05:30", "2023-11-01T17:50:00Z", false},
		{"1 Nov 2023 23:20 UTC+1", "2023-11-01T22:20:00Z", false},
		{"Thursday, 2 November 2023 (12:30pm)", "2023-11-02T12:30:00Z", false},
		{"29 February 2024", "2024-02-29T00:00:00Z", false},
	}
	for _, tt := range tests {
		got, updated, ok := parseDateline(tt.in)
		if !ok {
			t.Errorf("%q: not read", tt.in)
			continue
		}
		if s := got.UTC().Format(time.RFC3339Nano); s != tt.want || updated != tt.updated {
			t.Errorf("%q = %s (updated %v), want %s (updated %v)", tt.in, s, updated, tt.want, tt.updated)
		}
		if p, ok := ParseDate(tt.in); !ok || !p.Equal(got) {
			t.Errorf("ParseDate(%q) = %v, %v", tt.in, p, ok)
		}
	}
}

func TestParseDateRefuses(t *testing.T) {
	for _, in := range []string{
		"", "yesterday", "2023", "November 2023", "01/11/2023", "11/13/23", "by Tyler Durden",
		"The meeting on November 1, 2023", "31 November 2023", "29 February 2023", "Nov 1, 2023 25:00",
		"Nov 1, 2023 13:00 pm", "Nov 1, 2023 0:30 am", "1 2 Nov 2023", "Nov 1, 2023 ET", "12:30",
		"2023-13-01", "Nov 1, 2023 11:20 PM PM", "Nov 1, 2023 +0500", "Nov 1 2023 11:20 XYZ",
		"November 1, 2023 " + string(make([]byte, 200)),
	} {
		if got, ok := ParseDate(in); ok {
			t.Errorf("ParseDate(%q) = %v, want no date", in, got)
		}
	}
}

func TestParseDateNoLocalZone(t *testing.T) {
	// An offset that matches the local zone must not make the result depend on it.
	old := time.Local
	defer func() { time.Local = old }()
	time.Local = time.FixedZone("LOCAL", 2*3600)
	got, ok := ParseDate("2023-11-01T23:20:00+02:00")
	if !ok || got.Location() == time.Local {
		t.Errorf("got %v in %v", got, got.Location())
	}
}

// TestParseDateUSDaylightHistory: ET and PT follow the US rule in force in
// the dateline's year: before 2007 daylight time ran from the first Sunday
// of April to the last Sunday of October, from 2007 from the second Sunday
// in March to the first Sunday in November, at 2 a.m. local time.
func TestParseDateUSDaylightHistory(t *testing.T) {
	tests := []struct{ in, want string }{
		// 1990: 1 April to 28 October
		{"Mar 20, 1990 12:00 PM ET", "1990-03-20T17:00:00Z"},
		{"Mar 31, 1990 12:00 PM ET", "1990-03-31T17:00:00Z"},
		{"Apr 1, 1990 1:59 AM ET", "1990-04-01T06:59:00Z"},
		{"Apr 1, 1990 3:00 AM ET", "1990-04-01T07:00:00Z"},
		{"Oct 28, 1990 1:30 AM PT", "1990-10-28T08:30:00Z"},
		{"Oct 28, 1990 3:00 AM PT", "1990-10-28T11:00:00Z"},
		{"Oct 30, 1990 12:00 PM ET", "1990-10-30T17:00:00Z"},
		{"Nov 2, 1990 12:00 PM PT", "1990-11-02T20:00:00Z"},
		// 2005: 3 April to 30 October
		{"Mar 15, 2005 9:00 AM PT", "2005-03-15T17:00:00Z"},
		{"Apr 2, 2005 12:00 PM ET", "2005-04-02T17:00:00Z"},
		{"Apr 3, 2005 12:00 PM ET", "2005-04-03T16:00:00Z"},
		{"Oct 29, 2005 12:00 PM PT", "2005-10-29T19:00:00Z"},
		{"Oct 31, 2005 12:00 PM PT", "2005-10-31T20:00:00Z"},
		{"Nov 5, 2005 12:00 PM ET", "2005-11-05T17:00:00Z"},
		// 2007: 11 March to 4 November
		{"Mar 10, 2007 12:00 PM ET", "2007-03-10T17:00:00Z"},
		{"Mar 11, 2007 3:00 AM ET", "2007-03-11T07:00:00Z"},
		{"Apr 1, 2007 12:00 PM PT", "2007-04-01T19:00:00Z"},
		{"Oct 30, 2007 12:00 PM PT", "2007-10-30T19:00:00Z"},
		{"Nov 3, 2007 12:00 PM ET", "2007-11-03T16:00:00Z"},
		{"Nov 4, 2007 3:00 AM ET", "2007-11-04T08:00:00Z"},
		// 2024: 10 March to 3 November
		{"Mar 9, 2024 12:00 PM PT", "2024-03-09T20:00:00Z"},
		{"Mar 10, 2024 1:59 AM PT", "2024-03-10T09:59:00Z"},
		{"Mar 10, 2024 3:00 AM PT", "2024-03-10T10:00:00Z"},
		{"Nov 3, 2024 1:30 AM ET", "2024-11-03T05:30:00Z"},
		{"Nov 3, 2024 2:00 AM ET", "2024-11-03T07:00:00Z"},
		{"Nov 4, 2024 12:00 PM PT", "2024-11-04T20:00:00Z"},
		// Chicago and Denver
		{"Apr 2, 2005 12:00 PM CT", "2005-04-02T18:00:00Z"},
		{"Oct 31, 2005 12:00 PM MT", "2005-10-31T19:00:00Z"},
		{"Jul 1, 2024 12:00 PM MT", "2024-07-01T18:00:00Z"},
	}
	for _, tt := range tests {
		got, ok := ParseDate(tt.in)
		if !ok {
			t.Errorf("%q: not read", tt.in)
			continue
		}
		if s := got.UTC().Format(time.RFC3339); s != tt.want {
			t.Errorf("%q = %s, want %s", tt.in, s, tt.want)
		}
		if name, _ := got.Zone(); name != tt.in[len(tt.in)-2:] {
			t.Errorf("%q: zone %q, want the dateline's", tt.in, name)
		}
	}
}
