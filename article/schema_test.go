package article

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

const (
	schemaFile = "../docs/article.schema.json"
	docFile    = "../docs/article-json.md"
)

// compileSchema compiles docs/article.schema.json, or one of its $defs when
// def is not empty, with format assertions on so that dates are checked.
func compileSchema(t *testing.T, def string) *jsonschema.Schema {
	t.Helper()
	path, err := filepath.Abs(schemaFile)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	loc := path
	if def != "" {
		loc += "#/$defs/" + def
	}
	sch, err := c.Compile(loc)
	if err != nil {
		t.Fatalf("compiling %s: %v", loc, err)
	}
	return sch
}

// validate validates a JSON document against sch.
func validate(t *testing.T, sch *jsonschema.Schema, doc []byte) error {
	t.Helper()
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(doc))
	if err != nil {
		t.Fatalf("not JSON: %v\n%s", err, doc)
	}
	return sch.Validate(inst)
}

// decodeAndValidate is what galley does with a canonical JSON article.
func decodeAndValidate(doc []byte) error {
	var a Article
	if err := json.Unmarshal(doc, &a); err != nil {
		return err
	}
	return a.Validate()
}

// docBlock is a fenced code block of the markdown reference.
type docBlock struct {
	section string // the "## " heading it is under
	line    int    // the line of its opening fence
	lang    string
	text    string
}

func docBlocks(t *testing.T) []docBlock {
	t.Helper()
	data, err := os.ReadFile(docFile)
	if err != nil {
		t.Fatal(err)
	}
	var (
		blocks  []docBlock
		cur     *docBlock
		section string
		buf     strings.Builder
	)
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		switch {
		case cur == nil && strings.HasPrefix(line, "```"):
			cur = &docBlock{section: section, line: n, lang: strings.TrimSpace(line[3:])}
			buf.Reset()
		case cur != nil && strings.TrimSpace(line) == "```":
			cur.text = buf.String()
			blocks = append(blocks, *cur)
			cur = nil
		case cur != nil:
			buf.WriteString(line)
			buf.WriteByte('\n')
		case strings.HasPrefix(line, "## "):
			section = strings.TrimPrefix(line, "## ")
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if cur != nil {
		t.Fatalf("%s:%d: unterminated code block", docFile, cur.line)
	}
	return blocks
}

// TestSchemaDocExample checks the complete example, the first ```json block
// of docs/article-json.md, against the schema and against the Go model.
func TestSchemaDocExample(t *testing.T) {
	var example []byte
	for _, b := range docBlocks(t) {
		if b.lang == "json" {
			example = []byte(b.text)
			break
		}
	}
	if example == nil {
		t.Fatalf("%s has no ```json block", docFile)
	}
	sch := compileSchema(t, "")
	if err := validate(t, sch, example); err != nil {
		t.Fatalf("the example in %s does not validate:\n%v", docFile, err)
	}

	// It is canonical: no field galley would ignore, nothing Validate rejects.
	dec := json.NewDecoder(bytes.NewReader(example))
	dec.DisallowUnknownFields()
	var a Article
	if err := dec.Decode(&a); err != nil {
		t.Fatalf("decoding the example: %v", err)
	}
	if err := a.Validate(); err != nil {
		t.Fatalf("the example is invalid: %v", err)
	}
	// What galley inspect would write for it validates too.
	out, err := json.Marshal(&a)
	if err != nil {
		t.Fatal(err)
	}
	if err := validate(t, sch, out); err != nil {
		t.Fatalf("the re-encoded example does not validate:\n%v\n%s", err, out)
	}
}

// TestSchemaDocSnippets checks every other ```json block of the reference:
// each must be an article, or a part of one, that the schema accepts. Under
// "CMS aliases" the inputs are not canonical and need only be JSON.
func TestSchemaDocSnippets(t *testing.T) {
	defs := []string{"", "Block", "ListItem", "Figure", "Table", "Cell", "Text", "Inline"}
	schemas := make([]*jsonschema.Schema, len(defs))
	for i, d := range defs {
		schemas[i] = compileSchema(t, d)
	}
	n := 0
	for _, b := range docBlocks(t) {
		if b.lang != "json" {
			continue
		}
		n++
		if !json.Valid([]byte(b.text)) {
			t.Errorf("%s:%d: not valid JSON", docFile, b.line)
			continue
		}
		if b.section == "CMS aliases" {
			continue
		}
		var errs []string
		for i, sch := range schemas {
			err := validate(t, sch, []byte(b.text))
			if err == nil {
				errs = nil
				break
			}
			errs = append(errs, "as "+defName(defs[i])+": "+err.Error())
		}
		if errs != nil {
			t.Errorf("%s:%d: the block validates as no part of an article:\n%s", docFile, b.line, strings.Join(errs, "\n"))
		}
	}
	if n < 10 {
		t.Errorf("found only %d json blocks in %s", n, docFile)
	}
}

func defName(def string) string {
	if def == "" {
		return "Article"
	}
	return def
}

// TestSchemaGoArticles checks that what galley inspect writes validates.
func TestSchemaGoArticles(t *testing.T) {
	sch := compileSchema(t, "")
	empty := []Block{}
	tests := []struct {
		name string
		a    *Article
	}{
		{"full", fullArticle()},
		{"minimal", &Article{Title: "T", Body: empty}},
		{"rtl", &Article{Title: "عنوان", Direction: DirRTL, Body: []Block{{Kind: KindParagraph, Text: Plain("نص")}}}},
		{"empty cell", &Article{Title: "T", Body: []Block{{Kind: KindTable, Table: &Table{Rows: [][]Cell{{{}, {Text: Plain("x")}}}}}}}},
		{"figure without picture", &Article{Title: "T", Lead: &Figure{Caption: Plain("caption only")}, Body: empty}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.a.Validate(); err != nil {
				t.Fatalf("Validate: %v", err)
			}
			data, err := json.MarshalIndent(tt.a, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			if err := validate(t, sch, data); err != nil {
				t.Errorf("%v\n%s", err, data)
			}
		})
	}
}

// TestSchemaAccepts lists hand-written inputs the schema must accept.
func TestSchemaAccepts(t *testing.T) {
	sch := compileSchema(t, "")
	tests := []struct {
		name string
		doc  string
	}{
		{"empty body", `{"title":"T","body":[]}`},
		{"unknown top-level fields", `{"title":"T","body":[],"id":42,"_links":{"self":"x"},"headline":"H"}`},
		{"text as a string", `{"title":"T","body":[{"type":"paragraph","text":"p"}]}`},
		{"text null", `{"title":"T","body":[{"type":"paragraph","text":null}]}`},
		{"text empty", `{"title":"T","body":[{"type":"paragraph","text":""},{"type":"paragraph","text":[]}]}`},
		{"break run", `{"title":"T","body":[{"type":"paragraph","text":[{"text":"a"},{"break":true},{"text":"b"}]}]}`},
		{"break run with empty text", `{"title":"T","body":[{"type":"paragraph","text":[{"break":true,"text":""}]}]}`},
		{"run with break false", `{"title":"T","body":[{"type":"paragraph","text":[{"break":false,"text":"a"}]}]}`},
		{"date with offset and fraction", `{"title":"T","body":[],"published":"2024-05-01T09:30:00.25+02:00","updated":"2024-05-01T07:30:00Z"}`},
		{"heading levels 2 and 6", `{"title":"T","body":[{"type":"heading","level":2},{"type":"heading","level":6}]}`},
		{"caption as a string", `{"title":"T","body":[{"type":"figure","figure":{"caption":"c"}},{"type":"table","table":{"caption":"c","rows":[]}}]}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := validate(t, sch, []byte(tt.doc)); err != nil {
				t.Errorf("schema rejects %s:\n%v", tt.doc, err)
			}
			if err := decodeAndValidate([]byte(tt.doc)); err != nil {
				t.Errorf("galley rejects %s: %v", tt.doc, err)
			}
		})
	}
}

// TestSchemaRejects lists inputs the schema must reject. galleyRejects says
// whether decoding and Validate reject it as well; where they do not, the
// schema is deliberately stricter than galley.
func TestSchemaRejects(t *testing.T) {
	sch := compileSchema(t, "")
	tests := []struct {
		name          string
		doc           string
		want          string // a substring of the schema error
		galleyRejects bool
	}{
		{"heading without level",
			`{"title":"T","body":[{"type":"heading","text":"h"}]}`, "'/body/0': missing property 'level'", true},
		{"heading level 1",
			`{"title":"T","body":[{"type":"heading","level":1}]}`, "'/body/0/level'", true},
		{"heading level 7",
			`{"title":"T","body":[{"type":"heading","level":7}]}`, "'/body/0/level'", true},
		{"unknown block type",
			`{"title":"T","body":[{"type":"paragraph"},{"type":"image"}]}`, "'/body/1/type'", true},
		{"unknown block type in a list",
			`{"title":"T","body":[{"type":"list","items":[{"blocks":[{"type":"paragraf","text":"p"}]}]}]}`, "'/body/0/items/0/blocks/0/type'", true},
		{"block without type",
			`{"title":"T","body":[{"text":"p"}]}`, "missing property 'type'", true},
		{"figure block without figure",
			`{"title":"T","body":[{"type":"figure","text":"x"}]}`, "missing property 'figure'", true},
		{"table block without table",
			`{"title":"T","body":[{"type":"table"}]}`, "missing property 'table'", true},
		{"block direction unknown",
			`{"title":"T","body":[{"type":"paragraph","text":"p","dir":"auto"}]}`, "'/body/0/dir'", true},
		{"title of the wrong type",
			`{"title":5,"body":[]}`, "'/title'", true},
		{"text of the wrong type",
			`{"title":"T","body":[{"type":"paragraph","text":5}]}`, "'/body/0/text'", true},
		{"level of the wrong type",
			`{"title":"T","body":[{"type":"heading","level":"2"}]}`, "'/body/0/level'", true},
		{"date without time",
			`{"title":"T","body":[],"published":"2024-05-01"}`, "'/published'", true},
		{"negative figure size",
			`{"title":"T","body":[],"lead":{"width":-1}}`, "'/lead/width'", true},
		{"missing title",
			`{"body":[]}`, "missing property 'title'", false},
		{"missing body",
			`{"title":"T"}`, "missing property 'body'", false},
		{"body as a string (an alias form, not canonical)",
			`{"title":"T","body":"p1\n\np2"}`, "'/body'", true},
		{"inline with an unknown field",
			`{"title":"T","body":[{"type":"paragraph","text":[{"text":"a","bolt":true}]}]}`, "'bolt'", false},
		{"block with an unknown field",
			`{"title":"T","body":[{"type":"paragraph","txt":"p"}]}`, "'txt'", false},
		{"figure with an unknown field",
			`{"title":"T","body":[],"lead":{"source":"a.jpg"}}`, "'source'", false},
		{"cell with an unknown field",
			`{"title":"T","body":[{"type":"table","table":{"rows":[[{"text":"a","rowspn":2}]]}}]}`, "'rowspn'", false},
		{"cell spanning too many columns",
			`{"title":"T","body":[{"type":"table","table":{"rows":[[{"text":"a","colspan":5000}]]}}]}`, "maximum", true},
		{"cell with an unknown scope",
			`{"title":"T","body":[{"type":"table","table":{"rows":[[{"text":"a","header":true,"scope":"rowgroup"}]]}}]}`, "/scope'", true},
		{"block of a cell without a type",
			`{"title":"T","body":[{"type":"table","table":{"rows":[[{"blocks":[{"text":"p"}]}]]}}]}`, "'type'", true},
		{"table without rows",
			`{"title":"T","body":[{"type":"table","table":{"header":[]}}]}`, "missing property 'rows'", false},
		{"list item without blocks",
			`{"title":"T","body":[{"type":"list","items":[{}]}]}`, "missing property 'blocks'", false},
		{"unknown direction",
			`{"title":"T","body":[],"direction":"auto"}`, "'/direction'", false},
		{"unknown alignment",
			`{"title":"T","body":[{"type":"table","table":{"rows":[[{"text":"a","align":"left"}]]}}]}`, "'/body/0/table/rows/0/0/align'", false},
		{"colspan 0",
			`{"title":"T","body":[{"type":"table","table":{"rows":[[{"text":"a","colspan":0}]]}}]}`, "'/body/0/table/rows/0/0/colspan'", false},
		{"break run with text",
			`{"title":"T","body":[{"type":"paragraph","text":[{"break":true,"text":"x"}]}]}`, "'/body/0/text/0/text'", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := validate(t, sch, []byte(tt.doc))
			if err == nil {
				t.Fatalf("schema accepts %s", tt.doc)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("schema error for %s does not mention %q:\n%v", tt.doc, tt.want, err)
			}
			if gerr := decodeAndValidate([]byte(tt.doc)); (gerr != nil) != tt.galleyRejects {
				t.Errorf("galley's error for %s is %v; the test expects galley rejects it: %v", tt.doc, gerr, tt.galleyRejects)
			}
		})
	}
}

// schemaDoc is docs/article.schema.json decoded as plain JSON.
func schemaDoc(t *testing.T) map[string]any {
	t.Helper()
	data, err := os.ReadFile(schemaFile)
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	return doc
}

func obj(v any) map[string]any { m, _ := v.(map[string]any); return m }

func strs(v any) []string {
	var out []string
	if a, ok := v.([]any); ok {
		for _, v := range a {
			s, _ := v.(string)
			out = append(out, s)
		}
	}
	return out
}

// TestSchemaCoversModel keeps the schema and the Go types in step: each
// struct has a schema object whose properties are exactly the struct's JSON
// field names, with matching types, described, and required exactly when the
// field is not omitempty.
func TestSchemaCoversModel(t *testing.T) {
	doc := schemaDoc(t)
	defs := obj(doc["$defs"])
	objects := map[reflect.Type]map[string]any{}
	for _, typ := range modelStructs() {
		if typ == reflect.TypeFor[Article]() {
			objects[typ] = doc
		} else {
			objects[typ] = obj(defs[typ.Name()])
		}
	}
	if len(objects) < 7 {
		t.Fatalf("found only %d struct types in the model", len(objects))
	}

	for typ, sch := range objects {
		if sch == nil {
			t.Errorf("schema has no $defs/%s for %v", typ.Name(), typ)
			continue
		}
		if sch["description"] == nil {
			t.Errorf("%s: no description", typ.Name())
		}
		props := obj(sch["properties"])
		required := strs(sch["required"])
		seen := map[string]bool{}
		for i := range typ.NumField() {
			f := typ.Field(i)
			if !f.IsExported() {
				continue
			}
			tag := f.Tag.Get("json")
			if tag == "-" {
				continue
			}
			name, opts, _ := strings.Cut(tag, ",")
			if name == "" {
				name = f.Name
			}
			seen[name] = true
			where := typ.Name() + "." + f.Name + " (" + name + ")"
			p := obj(props[name])
			if p == nil {
				t.Errorf("%s: not in the schema", where)
				continue
			}
			if p["description"] == nil {
				t.Errorf("%s: no description in the schema", where)
			}
			omit := slices.Contains(strings.Split(opts, ","), "omitempty")
			if req := slices.Contains(required, name); req == omit {
				t.Errorf("%s: omitempty is %v and required in the schema is %v; want one of them", where, omit, req)
			}
			if msg := checkType(f.Type, p); msg != "" {
				t.Errorf("%s: %s", where, msg)
			}
		}
		for name := range props {
			if !seen[name] {
				t.Errorf("%s: schema property %q is not a field", typ.Name(), name)
			}
		}
		// Only the article is open to unknown properties.
		open := typ == reflect.TypeFor[Article]()
		if ap, _ := sch["additionalProperties"].(bool); ap != open {
			t.Errorf("%s: additionalProperties is %v, want %v", typ.Name(), sch["additionalProperties"], open)
		}
	}

	text := obj(defs["Text"])
	if got := strs(text["type"]); !slices.Equal(got, []string{"string", "array", "null"}) {
		t.Errorf("Text type = %q", got)
	}
	if ref := obj(text["items"])["$ref"]; ref != "#/$defs/Inline" {
		t.Errorf("Text items $ref = %v", ref)
	}
	names := map[string]bool{"Text": true}
	for typ := range objects {
		names[typ.Name()] = true
	}
	for name := range defs {
		if !names[name] {
			t.Errorf("$defs/%s is not a type of the model", name)
		}
	}
}

// modelStructs returns the struct types reachable from Article through its
// fields, other than time.Time.
func modelStructs() []reflect.Type {
	var out []reflect.Type
	seen := map[reflect.Type]bool{}
	var walk func(reflect.Type)
	walk = func(typ reflect.Type) {
		for typ.Kind() == reflect.Pointer || typ.Kind() == reflect.Slice {
			typ = typ.Elem()
		}
		if typ.Kind() != reflect.Struct || typ == reflect.TypeFor[time.Time]() || seen[typ] {
			return
		}
		seen[typ] = true
		out = append(out, typ)
		for i := range typ.NumField() {
			if f := typ.Field(i); f.IsExported() && f.Tag.Get("json") != "-" {
				walk(f.Type)
			}
		}
	}
	walk(reflect.TypeFor[Article]())
	return out
}

// checkType reports how the schema p does not match the Go type typ, or "".
func checkType(typ reflect.Type, p map[string]any) string {
	ref, _ := p["$ref"].(string)
	switch {
	case typ == reflect.TypeFor[Text]():
		if ref != "#/$defs/Text" {
			return "want $ref #/$defs/Text, got " + describe(p)
		}
	case typ == reflect.TypeFor[*time.Time]():
		if p["type"] != "string" || p["format"] != "date-time" {
			return "want a date-time string, got " + describe(p)
		}
	case typ.Kind() == reflect.Pointer && typ.Elem().Kind() == reflect.Struct:
		if want := "#/$defs/" + typ.Elem().Name(); ref != want {
			return "want $ref " + want + ", got " + describe(p)
		}
	case typ.Kind() == reflect.Slice:
		if p["type"] != "array" {
			return "want an array, got " + describe(p)
		}
		if msg := checkType(typ.Elem(), obj(p["items"])); msg != "" {
			return "items: " + msg
		}
	case typ.Kind() == reflect.String:
		if p["type"] != "string" {
			return "want a string, got " + describe(p)
		}
	case typ.Kind() == reflect.Bool:
		if p["type"] != "boolean" {
			return "want a boolean, got " + describe(p)
		}
	case typ.Kind() == reflect.Int:
		if p["type"] != "integer" {
			return "want an integer, got " + describe(p)
		}
	case typ.Kind() == reflect.Struct:
		if want := "#/$defs/" + typ.Name(); ref != want {
			return "want $ref " + want + ", got " + describe(p)
		}
	default:
		return "the test does not know Go type " + typ.String()
	}
	return ""
}

func describe(p map[string]any) string {
	b, _ := json.Marshal(p)
	return string(b)
}

// TestSchemaEnums checks the enums of the schema against the Go constants,
// and that Validate accepts exactly the block types of the schema.
func TestSchemaEnums(t *testing.T) {
	doc := schemaDoc(t)
	defs := obj(doc["$defs"])
	enum := func(sch map[string]any, prop string) []string {
		return strs(obj(obj(sch["properties"])[prop])["enum"])
	}
	tests := []struct {
		name string
		got  []string
		want []string
	}{
		{"block type", enum(obj(defs["Block"]), "type"), []string{
			string(KindParagraph), string(KindHeading), string(KindQuote), string(KindList),
			string(KindCode), string(KindFigure), string(KindTable), string(KindRule), string(KindPullQuote), string(KindMath)}},
		// The zero values (auto direction, start alignment) are written by
		// leaving the field out.
		{"direction", enum(doc, "direction"), []string{string(DirLTR), string(DirRTL)}},
		{"align", enum(obj(defs["Cell"]), "align"), []string{string(AlignCenter), string(AlignEnd)}},
	}
	for _, tt := range tests {
		if !slices.Equal(tt.got, tt.want) {
			t.Errorf("%s enum = %q, want %q", tt.name, tt.got, tt.want)
		}
	}

	// Every schema block type, with the fields the schema requires for it,
	// passes Validate; a type outside the enum does not.
	for _, kind := range enum(obj(defs["Block"]), "type") {
		b := Block{Kind: BlockKind(kind), Level: 2, Figure: &Figure{}, Table: &Table{}, Math: &Math{TeX: "x"}}
		a := Article{Body: []Block{b}}
		if err := a.Validate(); err != nil {
			t.Errorf("schema block type %q: Validate: %v", kind, err)
		}
	}
	a := Article{Body: []Block{{Kind: "sidebar"}}}
	if a.Validate() == nil {
		t.Error("Validate accepts block type \"sidebar\"")
	}
}
