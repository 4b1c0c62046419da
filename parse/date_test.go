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
