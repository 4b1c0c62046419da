package parse

import (
	"strconv"
	"strings"
	"sync"
	"time"
	_ "time/tzdata" // the US zones' history, also where the system has no zoneinfo
	"unicode"
)

// maxDateLen bounds the datelines ParseDate looks at: a dateline is short.
const maxDateLen = 120

// ParseDate reads a dateline: "Wednesday, Nov 01, 2023 - 11:20 PM",
// "1 November 2023", "November 1, 2023", "2023-11-01", RFC 3339
// ("2023-11-01T23:20:00Z"), RFC 1123 ("Wed, 01 Nov 2023 23:20:00 GMT"),
// "Nov. 1, 2023 at 11:20 p.m. ET", optionally after "Updated:",
// "Published", "Posted on" and similar words.
//
// The whole string must be a date: any other word makes it fail, so a body
// sentence that mentions a date is not taken for a dateline. Numeric dates
// must be year first (2023/11/01) or unambiguous (13/11/2023, 11/13/2023);
// 01/11/2023 is refused, unless a word labels it a date ("Updated:
// 01/11/2023"), when it is read month first. Zone abbreviations (UTC, GMT, EST, EDT, PT, CET,
// BST, …) and numeric offsets give a fixed offset; ET, CT, MT and PT give
// the offset in force at that date and time in New York, Chicago, Denver
// and Los Angeles (the tz database's history, embedded). Without a zone, the wall-clock
// time is taken as UTC; without a time, midnight.
func ParseDate(s string) (time.Time, bool) {
	t, _, ok := parseDateline(s)
	return t, ok
}

// parseDateline is ParseDate that also reports whether the line said
// "Updated" or "Modified".
func parseDateline(s string) (t time.Time, updated, ok bool) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > maxDateLen {
		return time.Time{}, false, false
	}
	rest, updated := cutDateWords(s)
	if t, ok := parseISO(rest); ok {
		return t, updated, true
	}
	// a date labelled as one ("Updated: 12/07/2022 09:41") is a date
	// even where day and month could swap: it is read month first
	t, ok = parseWords(rest, rest != s)
	return t, updated, ok
}

// cutDateWords removes leading words such as "Updated:" or "Published on".
func cutDateWords(s string) (rest string, updated bool) {
	for {
		s = strings.TrimLeft(s, " :-–—")
		i := strings.IndexFunc(s, func(r rune) bool { return !unicode.IsLetter(r) })
		if i < 0 {
			i = len(s)
		}
		switch strings.ToLower(s[:i]) {
		case "updated", "modified":
			updated = true
		case "published", "posted", "first", "last", "date", "dated", "on":
		default:
			return s, updated
		}
		s = s[i:]
	}
}

var isoLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05Z0700",
	"2006-01-02T15:04:05",
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05 -0700",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04",
	"2006-01-02",
}

// parseISO reads the ISO 8601 forms. A zone offset becomes a fixed zone, so
// the result does not depend on the machine's local time zone.
func parseISO(s string) (time.Time, bool) {
	if len(s) < 10 || s[4] != '-' || !isDigits(s[:4]) {
		return time.Time{}, false
	}
	for _, layout := range isoLayouts {
		t, err := time.Parse(layout, s)
		if err != nil {
			continue
		}
		if _, off := t.Zone(); off != 0 {
			return t.In(time.FixedZone("", off)), true
		}
		return t.UTC(), true
	}
	return time.Time{}, false
}

// dateParts collects the pieces of a dateline read word by word.
type dateParts struct {
	year, month, day       int
	hour, min, sec, nsec   int
	clock, am, pm, hasZone bool
	zone                   string // an abbreviation, or "" for a numeric offset
	offset                 int    // minutes east of UTC
	usZone                 string // the tz database name of ET, CT, MT or PT; "" if not one
	monthFirst             bool   // 01/11/2023 is January 11 (a labelled dateline), not refused
}

var monthNames = map[string]int{
	"jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3,
	"apr": 4, "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7,
	"aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9, "oct": 10,
	"october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}

// dateFillers are words a dateline may hold that carry no information.
var dateFillers = map[string]bool{
	"mon": true, "monday": true, "tue": true, "tues": true, "tuesday": true,
	"wed": true, "weds": true, "wednesday": true, "thu": true, "thur": true,
	"thurs": true, "thursday": true, "fri": true, "friday": true, "sat": true,
	"saturday": true, "sun": true, "sunday": true,
	"at": true, "on": true, "the": true, "of": true, "local": true, "time": true,
	"-": true, "–": true, "—": true, "@": true, "/": true, "·": true, "•": true,
}

// zoneOffsets maps zone abbreviations to minutes east of UTC.
var zoneOffsets = map[string]int{
	"utc": 0, "gmt": 0, "ut": 0, "z": 0, "wet": 0,
	"est": -300, "edt": -240, "cst": -360, "cdt": -300, "mst": -420, "mdt": -360,
	"pst": -480, "pdt": -420, "akst": -540, "akdt": -480, "hst": -600,
	"bst": 60, "west": 60, "cet": 60, "cest": 120, "eet": 120, "eest": 180,
	"msk": 180, "sgt": 480, "hkt": 480, "jst": 540, "kst": 540,
	"aest": 600, "aedt": 660, "nzst": 720, "nzdt": 780,
}

// usZones maps the US generic zones to their tz database names.
var usZones = map[string]string{
	"et": "America/New_York", "ct": "America/Chicago", "mt": "America/Denver", "pt": "America/Los_Angeles",
}

// usLocations loads the usZones from the embedded tz database once.
var usLocations = sync.OnceValue(func() map[string]*time.Location {
	m := make(map[string]*time.Location, len(usZones))
	for _, name := range usZones {
		if loc, err := time.LoadLocation(name); err == nil {
			m[name] = loc
		}
	}
	return m
})

var meridiem = strings.NewReplacer("a.m.", " am ", "p.m.", " pm ", "a.m", " am ", "p.m", " pm ")

// parseWords reads a dateline word by word, in any order.
func parseWords(s string, monthFirst bool) (time.Time, bool) {
	s = meridiem.Replace(strings.ToLower(s))
	fields := strings.FieldsFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || r == ',' || r == '|' || r == '(' || r == ')' || r == '[' || r == ']'
	})
	p := dateParts{monthFirst: monthFirst}
	for i, f := range fields {
		f = strings.TrimSuffix(f, ".") // "Nov.", "2023."
		next := ""
		if i+1 < len(fields) {
			next = fields[i+1]
		}
		if !p.field(f, next) {
			return time.Time{}, false
		}
	}
	return p.time()
}

// field takes one word of a dateline; next is the word after it.
func (p *dateParts) field(f, next string) bool {
	if dateFillers[f] {
		return true
	}
	if m, ok := monthNames[f]; ok && p.month == 0 {
		p.month = m
		return true
	}
	switch f {
	case "am", "pm":
		if !p.clock || p.am || p.pm {
			return false
		}
		p.am, p.pm = f == "am", f == "pm"
		return true
	}
	if p.setZone(f) {
		return true
	}
	if isDigits(f) {
		n, _ := strconv.Atoi(f)
		switch {
		case len(f) == 4 && p.year == 0:
			p.year = n
		case len(f) <= 2 && (next == "am" || next == "pm") && !p.clock:
			p.hour, p.clock = n, true
		case len(f) <= 2 && p.day == 0:
			p.day = n
		default:
			return false
		}
		return true
	}
	if d := strings.TrimRight(f, "abcdefghijklmnopqrstuvwxyz"); d != f && isDigits(d) && len(d) <= 2 {
		n, _ := strconv.Atoi(d)
		switch f[len(d):] {
		case "st", "nd", "rd", "th":
			if p.day != 0 {
				return false
			}
			p.day = n
			return true
		case "am", "pm":
			if p.clock {
				return false
			}
			p.hour, p.clock = n, true
			return p.field(f[len(d):], "")
		}
		return false
	}
	if date, clock, ok := strings.Cut(f, "t"); ok && p.numericDate(date) {
		return p.setClock(clock)
	}
	if strings.Contains(f, ":") && !strings.HasPrefix(f, "+") && !strings.HasPrefix(f, "-") {
		return p.setClock(f)
	}
	if p.numericDate(f) {
		return true
	}
	return p.setOffset(f)
}

// setZone takes a zone abbreviation, also one with an offset ("utc+1").
func (p *dateParts) setZone(f string) bool {
	if p.hasZone || !p.clock {
		return false
	}
	if name, ok := usZones[f]; ok {
		p.hasZone, p.zone, p.usZone = true, strings.ToUpper(f), name
		return true
	}
	if off, ok := zoneOffsets[f]; ok {
		p.hasZone, p.zone, p.offset = true, strings.ToUpper(f), off
		return true
	}
	for _, z := range []string{"utc", "gmt"} {
		if rest, ok := strings.CutPrefix(f, z); ok && rest != "" {
			return p.setOffset(rest)
		}
	}
	return false
}

// setOffset takes a numeric zone offset: "+0530", "-08:00", "+1".
func (p *dateParts) setOffset(f string) bool {
	if p.hasZone || !p.clock || len(f) < 2 || (f[0] != '+' && f[0] != '-') {
		return false
	}
	digits := strings.Replace(f[1:], ":", "", 1)
	if !isDigits(digits) || len(digits) > 4 || len(digits) == 3 {
		return false
	}
	h, m := digits, "0"
	if len(digits) == 4 {
		h, m = digits[:2], digits[2:]
	}
	hh, _ := strconv.Atoi(h)
	mm, _ := strconv.Atoi(m)
	if hh > 14 || mm > 59 {
		return false
	}
	p.hasZone, p.offset = true, hh*60+mm
	if f[0] == '-' {
		p.offset = -p.offset
	}
	return true
}

// setClock takes "11:20", "23:20:05", "23:20:05.25", each optionally
// followed by "am", "pm", "z" or an offset.
func (p *dateParts) setClock(f string) bool {
	if p.clock {
		return false
	}
	h, rest, ok := cutNumber(f, 1, 2)
	if !ok || !strings.HasPrefix(rest, ":") {
		return false
	}
	m, rest, ok := cutNumber(rest[1:], 2, 2)
	if !ok {
		return false
	}
	p.hour, p.min, p.clock = h, m, true
	if strings.HasPrefix(rest, ":") {
		if p.sec, rest, ok = cutNumber(rest[1:], 2, 2); !ok {
			return false
		}
		if strings.HasPrefix(rest, ".") {
			frac := rest[1:]
			n := len(frac) - len(strings.TrimLeft(frac, "0123456789"))
			if n == 0 || n > 9 {
				return false
			}
			ns, _ := strconv.Atoi(frac[:n] + strings.Repeat("0", 9-n))
			p.nsec, rest = ns, frac[n:]
		}
	}
	return rest == "" || p.field(rest, "")
}

// numericDate takes 2023-11-01, 2023/11/01, 13/11/2023, 11.13.2023.
func (p *dateParts) numericDate(f string) bool {
	sep := strings.IndexAny(f, "-/.")
	if sep <= 0 || p.year != 0 || p.month != 0 || p.day != 0 {
		return false
	}
	parts := strings.Split(f, f[sep:sep+1])
	if len(parts) != 3 {
		return false
	}
	var n [3]int
	for i, part := range parts {
		if !isDigits(part) || len(part) > 4 {
			return false
		}
		n[i], _ = strconv.Atoi(part)
	}
	switch {
	case len(parts[0]) == 4 && len(parts[1]) <= 2 && len(parts[2]) <= 2:
		p.year, p.month, p.day = n[0], n[1], n[2]
	case len(parts[2]) == 4 && len(parts[0]) <= 2 && len(parts[1]) <= 2:
		switch {
		case n[0] > 12 || n[0] == n[1]:
			p.day, p.month = n[0], n[1]
		case n[1] > 12 || p.monthFirst:
			p.month, p.day = n[0], n[1]
		default:
			return false // 01/11/2023: day first or month first?
		}
		p.year = n[2]
	default:
		return false
	}
	return true
}

// time checks the parts and makes the time.
func (p *dateParts) time() (time.Time, bool) {
	if p.year < 1000 || p.month < 1 || p.month > 12 || p.day < 1 || p.day > 31 {
		return time.Time{}, false
	}
	if p.am || p.pm {
		if p.hour < 1 || p.hour > 12 {
			return time.Time{}, false
		}
		p.hour %= 12
		if p.pm {
			p.hour += 12
		}
	}
	if p.hour > 23 || p.min > 59 || p.sec > 59 {
		return time.Time{}, false
	}
	loc := time.UTC
	if p.usZone != "" {
		if loc = usLocations()[p.usZone]; loc == nil {
			return time.Time{}, false
		}
	} else if p.offset != 0 {
		loc = time.FixedZone(p.zone, p.offset*60)
	}
	t := time.Date(p.year, time.Month(p.month), p.day, p.hour, p.min, p.sec, p.nsec, loc)
	if t.Day() != p.day { // 31 November
		return time.Time{}, false
	}
	if p.usZone != "" { // a fixed offset, as for every other zone
		_, off := t.Zone()
		t = t.In(time.FixedZone(p.zone, off))
	}
	return t, true
}

// cutNumber reads lo to hi digits at the start of s.
func cutNumber(s string, lo, hi int) (n int, rest string, ok bool) {
	i := 0
	for i < len(s) && i < hi && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i < lo {
		return 0, s, false
	}
	n, _ = strconv.Atoi(s[:i])
	return n, s[i:], true
}

// isDigits reports whether s is one or more ASCII digits.
func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
