package parse

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// This file classifies single lines of a text article: page furniture,
// image credits, bylines, headlines, list items, headings and rules. Each
// test looks at the whole line, so a body sentence that mentions
// "advertisement" or "photo" is never taken for furniture or a credit.

// furniture holds the keys (see furnitureKey) of lines that are page
// furniture of a web page or its print view, never article text.
var furniture = wordSet(`print|print icon|print this|print this page|print article|print this article|
printer friendly|printer friendly version|email|e mail|email this|email article|share|shares|share this|
share this article|share this story|share article|share story|share on facebook|share on twitter|share on x|
share on linkedin|share on whatsapp|share on reddit|share via email|share via|tweet|tweet this|facebook|
twitter|linkedin|whatsapp|reddit|pinterest|telegram|flipboard|copy link|copy url|link copied|copied|
subscribe|subscribe now|subscribe today|sign up|sign in|log in|login|register|newsletter|
sign up for our newsletter|sign up for our newsletters|get our newsletter|advertisement|advertisements|
advertising|ad|ads|sponsored|sponsored content|paid content|promoted|advertisement scroll to continue|
scroll to continue|scroll to continue with content|story continues below advertisement|
article continues below advertisement|continue reading below|skip to content|skip to main content|
skip to navigation|jump to|menu|search|close|back to top|home|read more|read full article|continue reading|
show more|see more|load more|comments|comment|show comments|view comments|hide comments|leave a comment|
add a comment|post a comment|join the conversation|related|related articles|related stories|related posts|
related content|related topics|more stories|recommended|recommended for you|you may also like|
you might also like|most popular|most read|trending|trending now|loading|please wait|listen|
listen to this article|bookmark|save|save article|saved|follow|like|likes|reply|contact us|image|photo|
video|play video|gift this article|avatar|next article|previous article|view gallery|enlarge|font size|
text size|aa`)

// counterWords may follow a number in a counter line: "12 comments".
var counterWords = wordSet(`comment|comments|share|shares|like|likes|view|views|reply|replies|reaction|reactions|min read`)

// furniturePrefixes start lines that are furniture however they go on; the
// second field is the most words such a line may have.
var furniturePrefixes = []struct {
	prefix   string
	maxWords int
}{
	{"click here", 20}, {"read more:", 30}, {"related:", 30}, {"see also:", 30}, {"also read:", 30},
	{"read also:", 30}, {"recommended:", 30}, {"subscribe to", 6}, {"follow us on", 10},
	{"share this", 6}, {"share on", 4}, {"story continues below", 6}, {"article continues below", 6},
}

func wordSet(list string) map[string]bool {
	m := make(map[string]bool, strings.Count(list, "|")+1)
	for w := range strings.SplitSeq(list, "|") {
		m[strings.TrimSpace(w)] = true
	}
	return m
}

// furnitureKey lowercases s, removes apostrophes and turns every other run
// of non-letters and non-digits into one space: "Share this article:"
// gives "share this article", "print-icon" gives "print icon".
func furnitureKey(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		switch {
		case r == '\'' || r == '’':
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(unicode.ToLower(r))
		default:
			space = true
		}
	}
	return b.String()
}

// isFurniture reports whether the line s is entirely page furniture.
func isFurniture(s string) bool {
	if len(s) > 200 {
		return false
	}
	lower := strings.ToLower(s)
	for _, p := range furniturePrefixes {
		if strings.HasPrefix(lower, p.prefix) && len(strings.Fields(s)) <= p.maxWords {
			return true
		}
	}
	if strings.Contains(lower, "newsletter") && len(strings.Fields(s)) <= 12 {
		for _, p := range []string{"sign up", "subscribe", "get ", "join "} {
			if strings.HasPrefix(lower, p) {
				return true // "Sign up for our daily newsletter"
			}
		}
	}
	// No furniture key or avatar line has more than seven words.
	if len(s) > 80 || strings.Count(s, " ") > 6 || isRule(s) {
		return false
	}
	k := furnitureKey(s)
	if furniture[k] || isCounter(s) {
		return true
	}
	words := strings.Fields(k)
	if n := len(words); n >= 2 && n <= 4 && (isDigits(words[0]) || isDigits(words[n-1])) {
		// "12 comments", "Comments 12", "5 min read"
		rest := strings.Join(words[1:], " ")
		if isDigits(words[n-1]) {
			rest = strings.Join(words[:n-1], " ")
		}
		return counterWords[rest] || furniture[rest]
	}
	return isAvatar(s, words)
}

// isCounter reports whether s is a lone count: "0", "12", "1,234", "1.2K".
func isCounter(s string) bool {
	s = strings.TrimRight(s, "kKmM")
	if len(s) > 9 || s == "" || s[0] < '0' || s[0] > '9' {
		return false
	}
	return strings.Trim(s, "0123456789.,") == ""
}

// isAvatar reports whether s is the alt text of a portrait: "Tyler
// Durden's Photo", "Jane's picture", "Avatar for Jane Doe".
func isAvatar(s string, words []string) bool {
	if len(words) == 0 || len(words) > 7 {
		return false
	}
	if words[0] == "avatar" && len(words) > 2 && (words[1] == "for" || words[1] == "of") {
		return true
	}
	if !strings.Contains(s, "'s ") && !strings.Contains(s, "’s ") {
		return false
	}
	switch last := words[len(words)-1]; last {
	case "photo", "picture", "avatar", "headshot", "image", "portrait":
		return true
	}
	return false
}

// creditPrefixes start image credit lines.
var creditPrefixes = []string{"image:", "images:", "photo:", "photos:", "photograph:", "photographs:",
	"photography:", "picture:", "pictures:", "pic:", "credit:", "credits:", "photo credit:", "image credit:",
	"image credits:", "image source:", "source:", "illustration:", "graphic:", "graphics:", "image via ",
	"photo via ", "image by ", "photo by ", "photograph by ", "photographs by ", "photos by ",
	"illustration by ", "image courtesy ", "photo courtesy ", "photo/"}

// creditAgencies mark a short line as a picture agency credit.
var creditAgencies = []string{"getty images", "shutterstock", "ap photo", "afp photo", "afp via",
	"reuters/", "/reuters", "epa-efe", "alamy", "istock"}

// isCredit reports whether the line s is an image credit: "Image: KCNA",
// "(Photo by Jane Roe/Agency)", "AFP via Getty Images".
func isCredit(s string) bool {
	if len(s) > 300 || strings.HasSuffix(s, "?") {
		return false
	}
	n := utf8.RuneCountInString(s)
	if n > 150 || len(strings.Fields(s)) > 20 {
		return false
	}
	lower := strings.ToLower(s)
	if len(lower) > 2 && (lower[0] == '(' && lower[len(lower)-1] == ')' || lower[0] == '[' && lower[len(lower)-1] == ']') {
		lower = strings.TrimSpace(lower[1 : len(lower)-1])
	}
	for _, p := range creditPrefixes {
		if rest, ok := strings.CutPrefix(lower, p); ok && strings.TrimSpace(rest) != "" {
			return true
		}
	}
	if n > 80 || strings.HasSuffix(s, ".") {
		return false
	}
	for _, a := range creditAgencies {
		if strings.Contains(lower, a) {
			return true
		}
	}
	return false
}

// bylinePrefixes start bylines.
var bylinePrefixes = []string{"by ", "by:", "written by ", "words by ", "story by ", "author:", "authors:"}

// roleWords mark a byline part that is a job title, not a name.
var roleWords = []string{"staff", "writer", "reporter", "correspondent", "editor", "contributor", "columnist"}

// byline reads a byline: "By Jane Doe and John Roe" gives the two names.
// A byline may end with a date: "By Jane Doe, November 1, 2023".
func byline(s string) (names []string, date string, ok bool) {
	if len(s) > 200 {
		return nil, "", false
	}
	rest := ""
	for _, p := range bylinePrefixes {
		if len(s) > len(p) && strings.EqualFold(s[:len(p)], p) {
			rest = strings.TrimSpace(s[len(p):])
			break
		}
	}
	// "By / by By / Jane Doe": labels repeated with separators
	for {
		t := strings.TrimLeft(rest, " /|:-–—·•")
		if len(t) > 3 && strings.EqualFold(t[:3], "by ") {
			t = t[3:]
		}
		if t == rest {
			break
		}
		rest = t
	}
	if rest == "" {
		return nil, "", false
	}
	// A date at the end: try each word boundary, longest date first.
	for i := 0; i < len(rest); i++ {
		if rest[i] != ' ' {
			continue
		}
		if _, _, ok := parseDateline(rest[i+1:]); ok {
			rest, date = strings.TrimRight(rest[:i], " ,;-–—"), rest[i+1:]
			break
		}
	}
	for _, name := range splitNames(rest) {
		if isRoleOnly(name) {
			continue
		}
		if !isName(name) {
			return nil, "", false
		}
		names = append(names, name)
	}
	return names, date, len(names) > 0
}

// splitNames splits a list of names on commas, semicolons, "&" and " and ".
func splitNames(s string) []string {
	s = strings.NewReplacer(" and ", ",", "&", ",", ";", ",").Replace(s)
	var names []string
	for _, n := range strings.Split(s, ",") {
		if n = strings.TrimSpace(n); n != "" {
			names = append(names, n)
		}
	}
	return names
}

func isRole(s string) bool {
	lower := strings.ToLower(s)
	for _, w := range roleWords {
		if strings.Contains(lower, w) {
			return true
		}
	}
	return false
}

// isName reports whether s can be a person's name on a line of its own
// in a text dump: a name as a byline writes it (isPersonName), in one to
// six words, starting with a letter, without digits, and not ending a
// sentence (an initial or "Jr." may end with a period).
func isName(s string) bool {
	words := strings.Fields(s)
	if len(words) > 6 || utf8.RuneCountInString(s) > 60 || !isPersonName(s) {
		return false
	}
	first, _ := utf8.DecodeRuneInString(s)
	if !unicode.IsLetter(first) || strings.ContainsFunc(s, unicode.IsDigit) {
		return false
	}
	last := words[len(words)-1]
	return !strings.HasSuffix(last, ".") || utf8.RuneCountInString(last) <= 3
}

// headline returns s as a title if it looks like one: a line of up to 200
// characters with a letter, not ending like a sentence or a clause. A
// Markdown "# " is removed.
func headline(s string) (string, bool) {
	if _, text, ok := atxHeading(s); ok {
		s = text
	}
	if len(s) > 800 || utf8.RuneCountInString(s) > 200 || !strings.ContainsFunc(s, unicode.IsLetter) {
		return "", false
	}
	if _, _, _, ok := listItem(s); ok || isCredit(s) {
		return "", false
	}
	last, _ := utf8.DecodeLastRuneInString(s)
	switch last {
	case ',', ';', ':', '…':
		return "", false
	case '.':
		// "…in the U.S." ends with an abbreviation, not a sentence.
		words := strings.Fields(s)
		w := words[len(words)-1]
		if strings.HasSuffix(s, "..") || !strings.Contains(w[:len(w)-1], ".") {
			return "", false
		}
	}
	return s, true
}

// listItem reads a list item line: "- text", "* text", "• text" (unordered)
// or "1. text", "2) text" (ordered, with its number).
func listItem(s string) (ordered bool, num int, text string, ok bool) {
	for _, m := range []string{"- ", "* ", "• "} {
		if rest, found := strings.CutPrefix(s, m); found {
			rest = strings.TrimSpace(rest)
			return false, 0, rest, rest != ""
		}
	}
	n, rest, found := cutNumber(s, 1, 3)
	if !found || len(rest) < 3 || (rest[0] != '.' && rest[0] != ')') || rest[1] != ' ' {
		return false, 0, "", false
	}
	rest = strings.TrimSpace(rest[2:])
	return true, n, rest, rest != ""
}

// atxHeading reads a Markdown-style heading line, "## Text": its number of
// '#' and its text.
func atxHeading(s string) (level int, text string, ok bool) {
	for level < len(s) && s[level] == '#' {
		level++
	}
	if level == 0 || level > 6 || level >= len(s) || s[level] != ' ' {
		return 0, "", false
	}
	text = strings.TrimSpace(s[level:])
	if t := strings.TrimRight(text, "#"); t != text && (t == "" || strings.HasSuffix(t, " ")) {
		text = strings.TrimSpace(t) // a closing "##"
	}
	if text == "" || utf8.RuneCountInString(text) > 120 {
		return 0, "", false
	}
	return level, text, true
}

// isRule reports whether s is a scene break or rule: "* * *", "---", "###".
func isRule(s string) bool {
	if len(s) > 80 {
		return false
	}
	marks := 0
	for _, r := range s {
		switch r {
		case '-', '*', '_', '=', '~', '#', '•', '·':
			marks++
		case ' ':
		default:
			return false
		}
	}
	return marks >= 3
}

// isCapsHeading reports whether s is a short line in capitals, such as a
// section heading of a plain-text file: "THE BACKGROUND", "SUMMARY".
func isCapsHeading(s string) bool {
	if s == "" || len(s) > 240 || utf8.RuneCountInString(s) > 60 || strings.ContainsAny(s[len(s)-1:], ".,;:") {
		return false
	}
	letters := 0
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsUpper(r) {
			letters++
		}
	}
	// One short word in capitals is more likely a name ("NATO") than a heading.
	return letters >= 6 || letters >= 4 && strings.Contains(s, " ")
}
