package parse

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"time"

	"github.com/galleyprint/galley/article"
)

// JSON reads one article in galley's article JSON form (the json tags of
// article.Article; Text fields take a string or an array of runs).
//
// Unknown fields are ignored, but a known field of the wrong type is an
// error naming it. When a canonical field is absent, common CMS names are
// read instead: "headline" for title; "author" (a string, an object with a
// "name", or an array of either) and "byline" (a string of names) for
// authors; "date", "datePublished" and "published_at" for published;
// "dateModified" and "updated_at" for updated; "description" and "summary"
// for excerpt; "content" and "text" for body. A body given as a string is
// split into paragraphs at blank lines. Dates take RFC 3339 and whatever
// ParseDate reads.
//
// Errors wrap ErrInvalidJSON, ErrNoContent for an article without body, or
// ErrTooDeep for blocks nested more than article.MaxDepth levels.
// A top-level array must hold exactly one article here; Parse takes many.
func JSON(data []byte) (*article.Article, error) {
	arts, err := decodeJSON(data)
	if err != nil {
		return nil, err
	}
	if len(arts) != 1 {
		return nil, fmt.Errorf("%w: want one article, got an array of %d", ErrInvalidJSON, len(arts))
	}
	return arts[0], nil
}

// JSONLines reads JSON Lines: one article JSON object on each non-empty
// line. An error names its line: "line 7: …".
func JSONLines(data []byte) ([]*article.Article, error) {
	return jsonLines(context.Background(), data)
}

// jsonLines is JSONLines under ctx, which is looked at between lines.
func jsonLines(ctx context.Context, data []byte) ([]*article.Article, error) {
	data = bytes.TrimPrefix(data, utf8BOM)
	var arts []*article.Article
	for n := 1; len(data) > 0; n++ {
		if err := ctx.Err(); err != nil {
			return nil, cancelled("reading JSON lines", err)
		}
		var l []byte
		l, data, _ = bytes.Cut(data, []byte("\n"))
		if l = bytes.TrimSpace(l); len(l) == 0 {
			continue
		}
		a, err := decodeObject(l)
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", n, err)
		}
		arts = append(arts, a)
	}
	if len(arts) == 0 {
		return nil, fmt.Errorf("%w: no JSON lines", ErrNoContent)
	}
	return arts, nil
}

// decodeJSON reads one article object or an array of them.
func decodeJSON(data []byte) ([]*article.Article, error) {
	data = bytes.TrimSpace(bytes.TrimPrefix(data, utf8BOM))
	if len(data) == 0 {
		return nil, fmt.Errorf("%w: the input is empty", ErrNoContent)
	}
	if data[0] != '[' {
		a, err := decodeObject(data)
		if err != nil {
			return nil, err
		}
		return []*article.Article{a}, nil
	}
	if err := checkSyntax(data); err != nil {
		return nil, err
	}
	var items []json.RawMessage
	if err := json.Unmarshal(data, &items); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrInvalidJSON, err)
	}
	if len(items) == 0 {
		return nil, fmt.Errorf("%w: an empty array of articles", ErrNoContent)
	}
	arts := make([]*article.Article, 0, len(items))
	for i, raw := range items {
		a, err := decodeObject(raw)
		if err != nil {
			return nil, fmt.Errorf("article %d: %w", i+1, err)
		}
		arts = append(arts, a)
	}
	return arts, nil
}

// maxJSONDepth is how deeply article JSON may nest its objects and
// arrays: a block a level takes two (a quote's "blocks": [{…}]) to four
// (a list's "items": [{"blocks": [{…}]}]), so article.MaxDepth levels of
// blocks fit with room to spare.
const maxJSONDepth = 512

// jsonTooDeep reports whether the objects and arrays of data nest more
// than max levels, in one pass that skips strings.
func jsonTooDeep(data []byte, max int) bool {
	depth := 0
	inString, escaped := false, false
	for _, c := range data {
		switch {
		case inString:
			switch {
			case escaped:
				escaped = false
			case c == '\\':
				escaped = true
			case c == '"':
				inString = false
			}
		case c == '"':
			inString = true
		case c == '{' || c == '[':
			if depth++; depth > max {
				return true
			}
		case c == '}' || c == ']':
			depth--
		}
	}
	return false
}

// checkSyntax returns nil for valid JSON, else an error with the offset:
// one wrapping ErrTooDeep for JSON nested beyond maxJSONDepth.
func checkSyntax(data []byte) error {
	if jsonTooDeep(data, maxJSONDepth) {
		return fmt.Errorf("%w: JSON nested more than %d levels", ErrTooDeep, maxJSONDepth)
	}
	if json.Valid(data) {
		return nil
	}
	var v json.RawMessage
	err := json.Unmarshal(data, &v)
	var se *json.SyntaxError
	if !errors.As(err, &se) {
		return fmt.Errorf("%w: %v", ErrInvalidJSON, err)
	}
	// The error is at the Offset-th byte, or at the end of the input.
	where := fmt.Sprintf("byte %d", se.Offset)
	if before := data[:min(max(se.Offset-1, 0), int64(len(data)))]; bytes.Contains(before, []byte("\n")) {
		line := bytes.Count(before, []byte("\n")) + 1
		col := len(before) - bytes.LastIndexByte(before, '\n')
		where += fmt.Sprintf(" (line %d, column %d)", line, col)
	}
	return fmt.Errorf("%w: syntax error at %s: %v", ErrInvalidJSON, where, se)
}

// decodeObject reads one article object.
func decodeObject(data []byte) (*article.Article, error) {
	if err := checkSyntax(data); err != nil {
		return nil, err
	}
	var m map[string]json.RawMessage
	if kindOf(data) != "object" || json.Unmarshal(data, &m) != nil {
		return nil, fmt.Errorf("%w: want an article object, got %s", ErrInvalidJSON, kindOf(data))
	}
	o := &object{m: m}
	a := &article.Article{
		Title:     o.str("title", "headline"),
		Subtitle:  o.str("subtitle"),
		Authors:   o.authors(),
		Published: o.date("published", "date", "datePublished", "published_at"),
		Updated:   o.date("updated", "dateModified", "updated_at"),
		SiteName:  o.str("site_name"),
		URL:       o.str("url"),
		Language:  o.str("language"),
		Direction: article.Direction(o.str("direction")),
		Excerpt:   o.str("excerpt", "description", "summary"),
		Tags:      o.strs("tags"),
		Lead:      o.lead(),
		Body:      o.body(),
	}
	if o.err != nil {
		return nil, o.err
	}
	if err := article.CheckDepth(a.Body); err != nil {
		return nil, err
	}
	switch a.Direction {
	case article.DirAuto, article.DirLTR, article.DirRTL:
	default:
		return nil, fmt.Errorf("%w: field \"direction\": want \"ltr\" or \"rtl\", got %q", ErrInvalidJSON, string(a.Direction))
	}
	if err := a.Validate(); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInvalidJSON, err)
	}
	readFormulas(a.Body)
	if !hasContent(a.Body) {
		return nil, fmt.Errorf("%w: the article has no body", ErrNoContent)
	}
	return a, nil
}

// object reads the fields of an article object; the first error sticks.
type object struct {
	m   map[string]json.RawMessage
	err error
}

// lookup returns the first of keys that is present, not null and not "".
func (o *object) lookup(keys ...string) (string, json.RawMessage) {
	for _, k := range keys {
		if v, ok := o.m[k]; ok && kindOf(v) != "null" && string(v) != `""` {
			return k, v
		}
	}
	return "", nil
}

func (o *object) fail(err error) {
	if o.err == nil {
		o.err = err
	}
}

func (o *object) wrongType(key, want string, v json.RawMessage) {
	o.fail(fmt.Errorf("%w: field %q: want %s, got %s", ErrInvalidJSON, key, want, kindOf(v)))
}

// decode unmarshals v into dst; a type error names the field by its path
// from key.
func (o *object) decode(key string, v json.RawMessage, dst any) bool {
	err := json.Unmarshal(v, dst)
	if err == nil {
		return true
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		if te.Field != "" {
			key += "." + te.Field
		}
		o.fail(fmt.Errorf("%w: field %q: want %s, got %s", ErrInvalidJSON, key, describe(te.Type), te.Value))
	} else {
		o.fail(fmt.Errorf("%w: field %q: %v", ErrInvalidJSON, key, err))
	}
	return false
}

func (o *object) str(keys ...string) string {
	k, v := o.lookup(keys...)
	if v == nil {
		return ""
	}
	var s string
	if kindOf(v) != "string" || json.Unmarshal(v, &s) != nil {
		o.wrongType(k, "a string", v)
	}
	return strings.TrimSpace(s)
}

func (o *object) strs(key string) []string {
	_, v := o.lookup(key)
	if v == nil {
		return nil
	}
	var items []json.RawMessage
	if kindOf(v) != "array" || json.Unmarshal(v, &items) != nil {
		o.wrongType(key, "an array of strings", v)
		return nil
	}
	var out []string
	for i, it := range items {
		var s string
		if kindOf(it) != "string" || json.Unmarshal(it, &s) != nil {
			o.wrongType(fmt.Sprintf("%s[%d]", key, i), "a string", it)
			return nil
		}
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// authors reads "authors", "author" or "byline".
func (o *object) authors() []string {
	k, v := o.lookup("authors", "author", "byline")
	switch {
	case v == nil:
		return nil
	case k == "byline":
		s := o.str(k)
		if hasPrefixFold(s, "by ") {
			s = s[3:]
		}
		return splitNames(s)
	case k == "author" && kindOf(v) != "array":
		if s, ok := o.name(k, v); ok && s != "" {
			return []string{s}
		}
		return nil
	}
	var items []json.RawMessage
	if kindOf(v) != "array" || json.Unmarshal(v, &items) != nil {
		o.wrongType(k, "an array of names", v)
		return nil
	}
	var names []string
	for i, it := range items {
		s, ok := o.name(fmt.Sprintf("%s[%d]", k, i), it)
		if !ok {
			return nil
		}
		if s != "" {
			names = append(names, s)
		}
	}
	return names
}

// name reads a name given as a string or as an object with a "name".
func (o *object) name(key string, v json.RawMessage) (string, bool) {
	var s struct{ Name *string }
	switch kindOf(v) {
	case "string":
		s.Name = new(string)
		_ = json.Unmarshal(v, s.Name)
	case "object":
		_ = json.Unmarshal(v, &s)
	}
	if s.Name == nil {
		o.wrongType(key, "a name string or an object with a \"name\"", v)
		return "", false
	}
	return strings.TrimSpace(*s.Name), true
}

func (o *object) date(keys ...string) *time.Time {
	k, v := o.lookup(keys...)
	if v == nil {
		return nil
	}
	var s string
	if kindOf(v) != "string" || json.Unmarshal(v, &s) != nil {
		o.wrongType(k, "a date string", v)
		return nil
	}
	if strings.TrimSpace(s) == "" {
		return nil
	}
	t, ok := ParseDate(s)
	if !ok {
		o.fail(fmt.Errorf("%w: field %q: cannot read %q as a date (want RFC 3339, e.g. \"2023-11-01T23:20:00Z\")", ErrInvalidJSON, k, s))
		return nil
	}
	return &t
}

func (o *object) lead() *article.Figure {
	_, v := o.lookup("lead")
	if v == nil {
		return nil
	}
	if kindOf(v) != "object" {
		o.wrongType("lead", "a figure object", v)
		return nil
	}
	var f article.Figure
	if !o.decode("lead", v, &f) {
		return nil
	}
	return &f
}

// body reads "body" (an array of blocks or a string), or "content" or
// "text" (a string).
func (o *object) body() []article.Block {
	k, v := o.lookup("body", "content", "text")
	if v == nil {
		return nil
	}
	switch kindOf(v) {
	case "string":
		var s string
		_ = json.Unmarshal(v, &s)
		return textBlocks(s)
	case "array":
		if k != "body" {
			break
		}
		var raws []json.RawMessage
		_ = json.Unmarshal(v, &raws)
		blocks := make([]article.Block, len(raws))
		for i, raw := range raws {
			if kindOf(raw) != "object" {
				o.wrongType(fmt.Sprintf("body[%d]", i), "a block object", raw)
				return nil
			}
			if !o.decode(fmt.Sprintf("body[%d]", i), raw, &blocks[i]) {
				return nil
			}
		}
		return blocks
	}
	if k == "body" {
		o.wrongType(k, "an array of blocks or a string", v)
	} else {
		o.wrongType(k, "a string", v)
	}
	return nil
}

// textBlocks splits s into paragraphs at blank lines, joining the lines of
// each with spaces.
func textBlocks(s string) []article.Block {
	s, _ = normalize([]byte(s))
	var blocks []article.Block
	var parts []string
	flush := func() {
		if len(parts) > 0 {
			blocks = append(blocks, paragraph(joinLines(parts)))
			parts = parts[:0]
		}
	}
	for s != "" {
		var l string
		l, s, _ = strings.Cut(s, "\n")
		if l = collapse(l); l == "" {
			flush()
		} else {
			parts = append(parts, l)
		}
	}
	flush()
	return blocks
}

// kindOf names the JSON type of v.
func kindOf(v []byte) string {
	v = bytes.TrimSpace(v)
	if len(v) == 0 {
		return "nothing"
	}
	switch v[0] {
	case '"':
		return "string"
	case '{':
		return "object"
	case '[':
		return "array"
	case 't', 'f':
		return "boolean"
	case 'n':
		return "null"
	}
	return "number"
}

var textType = reflect.TypeFor[article.Text]()

// describe names what a Go type wants in JSON.
func describe(t reflect.Type) string {
	if t == textType || t == reflect.TypeFor[[]article.Inline]() {
		return "a string or an array of runs"
	}
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "an integer"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Slice, reflect.Array:
		return "an array"
	}
	return "an object"
}
