package galley_test

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/galleyprint/galley"
	"github.com/galleyprint/galley/internal/golden"
	"github.com/galleyprint/galley/parse"
)

// The documents whose option rows and schemas are made from
// galley.OptionDefs, between a begin and an end marker line; go generate
// (or go test -run TestOptionDocs -update) rewrites them.
var optionDocs = []struct {
	path, begin, end string
	render           func() string
}{
	{"README.md", "<!-- options: made from galley.OptionDefs by go generate; do not edit -->", "<!-- end of options -->", readmeRows},
	{"docs/http-api.md", "<!-- options: made from galley.OptionDefs by go generate; do not edit -->", "<!-- end of options -->", serviceRows},
	{"server/openapi.yaml", "# render options: made from galley.OptionDefs by go generate; do not edit", "# end of render options", openAPIRefs},
	{"server/openapi.yaml", "# option parameters: made from galley.OptionDefs by go generate; do not edit", "# end of option parameters", openAPIParameters},
	{"server/openapi.yaml", "# options schema: made from galley.OptionDefs by go generate; do not edit", "# end of options schema", openAPIProperties},
}

// TestOptionDocs: the option rows of the README and docs/http-api.md and
// the options of server/openapi.yaml are those galley.OptionDefs makes.
func TestOptionDocs(t *testing.T) {
	files := map[string]string{}
	var order []string
	for _, d := range optionDocs {
		text, ok := files[d.path]
		if !ok {
			data, err := os.ReadFile(d.path)
			if err != nil {
				t.Fatal(err)
			}
			text = string(data)
			order = append(order, d.path)
		}
		before, rest, ok := strings.Cut(text, d.begin+"\n")
		if !ok {
			t.Fatalf("%s lacks the line %q", d.path, d.begin)
		}
		i := strings.Index(rest, d.end)
		if i < 0 {
			t.Fatalf("%s lacks the line %q", d.path, d.end)
		}
		indent := before[strings.LastIndex(before, "\n")+1:] // the markers' indentation
		files[d.path] = before + d.begin + "\n" + d.render() + indent + rest[i:]
	}
	for _, path := range order {
		golden.Check(t, path, []byte(files[path]))
	}
}

// cell escapes text for a Markdown table cell.
func cell(s string) string { return strings.ReplaceAll(s, "|", `\|`) }

// help is what the service's documentation says of an option.
func help(d galley.OptionDef) string {
	if d.ServiceHelp != "" {
		return d.ServiceHelp
	}
	return d.Help
}

// readmeRows is the README's table of every print option.
func readmeRows() string {
	var b strings.Builder
	b.WriteString("| flag | service | default | |\n|---|---|---|---|\n")
	for _, d := range galley.OptionDefs {
		svc := "`" + d.Service + "`"
		if d.Service == "" {
			svc = "— (" + d.CLIOnly + ")"
		}
		def := d.Default
		if def != "" {
			def = "`" + def + "`"
		}
		fmt.Fprintf(&b, "| `--%s` | %s | %s | %s |\n", d.Name, cell(svc), def, cell(d.Help))
	}
	return b.String()
}

// serviceRows is docs/http-api.md's table of the service's options.
func serviceRows() string {
	var b strings.Builder
	b.WriteString("| name | type | meaning |\n|---|---|---|\n")
	for _, d := range galley.OptionDefs {
		if d.Service != "" {
			fmt.Fprintf(&b, "| `%s` | %s | %s |\n", d.Service, typeWords(d), cell(help(d)))
		}
	}
	return b.String()
}

// typeWords describes an option's values for the documentation.
func typeWords(d galley.OptionDef) string {
	s := d.Kind.String()
	switch {
	case len(d.Values) > 0:
		s = "`" + strings.Join(d.Values, "`, `") + "`"
	case d.Max > d.Min:
		s += fmt.Sprintf(", %g–%g", d.Min, d.Max)
		if d.ZeroOK {
			s += " or 0 (the default)"
		}
	}
	if d.Default != "" {
		s += fmt.Sprintf("; default `%s`", d.Default)
	}
	return s
}

// schema is an option's OpenAPI schema, in YAML's flow style.
func schema(d galley.OptionDef) string {
	parts := []string{"type: " + d.Kind.String()}
	if d.Kind == galley.KindList {
		parts = append(parts, "items: {type: string}", fmt.Sprintf("maxItems: %d", parse.MaxSelectors))
	}
	if len(d.Values) > 0 {
		q := make([]string, len(d.Values))
		for i, v := range d.Values {
			q[i] = quote(v)
		}
		parts = append(parts, "enum: ["+strings.Join(q, ", ")+"]")
	}
	switch {
	case d.Max > d.Min && d.ZeroOK:
		parts = append(parts, fmt.Sprintf("anyOf: [{const: 0}, {minimum: %g, maximum: %g}]", d.Min, d.Max))
	case d.Max > d.Min:
		parts = append(parts, fmt.Sprintf("minimum: %g", d.Min), fmt.Sprintf("maximum: %g", d.Max))
	}
	if d.Default != "" {
		def := quote(d.Default)
		if d.Kind != galley.KindString {
			def = d.Default
		}
		parts = append(parts, "default: "+def)
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

// quote writes s as a YAML (and JSON) double-quoted string.
func quote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// openAPIRefs are /v1/render's option parameters.
func openAPIRefs() string {
	var b strings.Builder
	for _, d := range galley.OptionDefs {
		if d.Service != "" {
			fmt.Fprintf(&b, "        - $ref: \"#/components/parameters/%s\"\n", d.Service)
		}
	}
	return b.String()
}

// openAPIParameters are the options as query parameters.
func openAPIParameters() string {
	var b strings.Builder
	for _, d := range galley.OptionDefs {
		if d.Service != "" {
			fmt.Fprintf(&b, "    %s:\n      name: %s\n      in: query\n      description: %s\n      schema: %s\n",
				d.Service, d.Service, quote(help(d)), schema(d))
		}
	}
	return b.String()
}

// openAPIProperties are the options as members of a JSON body's options.
func openAPIProperties() string {
	var b strings.Builder
	for _, d := range galley.OptionDefs {
		if d.Service != "" {
			fmt.Fprintf(&b, "        %s: %s\n", d.Service, schema(d))
		}
	}
	return b.String()
}
