package server

import (
	"encoding/json"
	"errors"
	"net/url"
	"os"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/galleyprint/galley"
)

// jsonValue is an option's example as its JSON member's value.
func jsonValue(d galley.OptionDef) string {
	if d.Kind == galley.KindString || d.Kind == galley.KindList {
		b, _ := json.Marshal(d.Example)
		return string(b)
	}
	return d.Example
}

// built is what a request's options build to, comparable.
type built struct {
	opts         galley.Options
	remove, keep string
}

// comparable leaves out of built options what holds functions and
// pointers made per request.
func comparable(o galley.Options, src galley.ImageSources, ext galley.Extraction) built {
	o.Images, o.Fonts = nil, nil
	o.MaxImages = map[bool]int{true: 1, false: 0}[src.Remote] // stands for the image policy
	return built{opts: o, remove: strings.Join(ext.Remove, "\n"), keep: strings.Join(ext.Keep, "\n")}
}

// TestServiceOptionsAreOptionDefs: every print option of galley.OptionDefs
// is reachable from the service, as a query parameter and as a JSON
// options member, and changes what is printed; or it is CLI-only with a
// reason, and the service refuses it. No other JSON option is taken.
func TestServiceOptionsAreOptionDefs(t *testing.T) {
	s, _ := newTest(t, Config{})
	base, baseSrc, baseExt, err := s.options(printOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := comparable(base, baseSrc, baseExt)
	for _, d := range galley.OptionDefs {
		t.Run(d.Name, func(t *testing.T) {
			if d.Service == "" {
				if d.CLIOnly == "" {
					t.Fatalf("--%s is not on the service, and no reason is given", d.Name)
				}
				for _, name := range []string{d.Name, strings.ReplaceAll(d.Name, "-", "_")} {
					_, err := printOptions{}.fromJSON([]byte(`{"` + name + `": ` + jsonValue(d) + `}`))
					var ae *apiError
					if !errors.As(err, &ae) || ae.code != "invalid_options" {
						t.Errorf("JSON option %q of CLI-only --%s: %v, want invalid_options", name, d.Name, err)
					}
				}
				return
			}
			var query printOptions
			if err := query.fromQuery(url.Values{d.Service: {d.Example}}); err != nil {
				t.Fatalf("?%s=%s: %v", d.Service, d.Example, err)
			}
			fromJSON, err := printOptions{}.fromJSON([]byte(`{"` + d.Service + `": ` + jsonValue(d) + `}`))
			if err != nil {
				t.Fatalf("JSON %s: %v", d.Service, err)
			}
			for how, given := range map[string]printOptions{"query": query, "JSON": fromJSON} {
				opts, src, ext, err := s.options(given)
				if err != nil {
					t.Fatalf("%s %s=%s: %v", how, d.Service, d.Example, err)
				}
				if comparable(opts, src, ext) == want {
					t.Errorf("%s %s=%s changes nothing", how, d.Service, d.Example)
				}
			}
		})
	}
	if _, err := (printOptions{}).fromJSON([]byte(`{"colour": "red"}`)); err == nil {
		t.Error("an unknown JSON option is taken")
	}
}

// TestOpenAPIOptions: openapi.yaml's /v1/render parameters and Options
// schema are the service's options of galley.OptionDefs, with their types
// (TestOptionDocs in package galley keeps their text current).
func TestOpenAPIOptions(t *testing.T) {
	data, err := os.ReadFile("openapi.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var spec struct {
		Paths map[string]struct {
			Post struct {
				Parameters []struct {
					Ref string `yaml:"$ref"`
				}
			}
		}
		Components struct {
			Parameters map[string]struct {
				Name, In string
				Schema   struct{ Type string }
			}
			Schemas map[string]struct {
				AdditionalProperties bool `yaml:"additionalProperties"`
				Properties           map[string]struct{ Type string }
			}
		}
	}
	if err := yaml.Unmarshal(data, &spec); err != nil {
		t.Fatal(err)
	}
	var want, refs []string
	for _, d := range galley.OptionDefs {
		if d.Service == "" {
			continue
		}
		want = append(want, d.Service)
		p := spec.Components.Parameters[d.Service]
		if p.Name != d.Service || p.In != "query" || p.Schema.Type != d.Kind.String() {
			t.Errorf("parameter %s: %+v, want a query parameter of type %s", d.Service, p, d.Kind)
		}
		if got := spec.Components.Schemas["Options"].Properties[d.Service].Type; got != d.Kind.String() {
			t.Errorf("Options.%s: type %q, want %s", d.Service, got, d.Kind)
		}
	}
	for _, p := range spec.Paths["/v1/render"].Post.Parameters {
		if p.Ref != "" { // the endpoint's own parameters (stream) are written out
			refs = append(refs, strings.TrimPrefix(p.Ref, "#/components/parameters/"))
		}
	}
	var props []string
	for k := range spec.Components.Schemas["Options"].Properties {
		props = append(props, k)
	}
	slices.Sort(props)
	sorted := slices.Sorted(slices.Values(want))
	if !slices.Equal(refs, want) || !slices.Equal(props, sorted) || spec.Components.Schemas["Options"].AdditionalProperties {
		t.Errorf("/v1/render parameters %v, Options properties %v; want %v, no others", refs, props, want)
	}
}

// TestTypedOptionErrors: a typed option's bad value, in the query or in
// the JSON options, is refused (400 invalid_options) before anything is
// read or printed, with its parser's message: the one the command line
// gives.
func TestTypedOptionErrors(t *testing.T) {
	_, ts := newTest(t, Config{})
	for _, c := range []struct {
		name, bad string
		parse     func(string) error
	}{
		{"page", "B99", func(s string) error { _, err := galley.ParsePageSize(s); return err }},
		{"margins", "5", func(s string) error { _, err := galley.ParseMargins(s); return err }},
		{"gutter", "wide", func(s string) error { _, err := galley.ParseGutter(s); return err }},
		{"lang", "en GB", func(s string) error { _, err := galley.ParseLanguage(s); return err }},
	} {
		perr := c.parse(c.bad)
		if perr == nil {
			t.Fatalf("%s %q: the parser takes it", c.name, c.bad)
		}
		want := strings.TrimPrefix(perr.Error(), galley.ErrInvalidOptions.Error()+": ")
		body, _ := json.Marshal(map[string]any{"title": "T", "body": "B", "options": map[string]string{c.name: c.bad}})
		for how, req := range map[string][2]string{
			"query": {"/v1/render?" + url.Values{c.name: {c.bad}}.Encode(), ""},
			"JSON":  {"/v1/render", string(body)},
		} {
			resp, data := post(t, ts, req[0], "application/json", req[1])
			var e struct {
				Error struct{ Code, Message string }
			}
			if err := json.Unmarshal(data, &e); err != nil || resp.StatusCode != 400 || e.Error.Code != "invalid_options" || e.Error.Message != want {
				t.Errorf("%s %s=%q: %d %s, want 400 invalid_options %q", how, c.name, c.bad, resp.StatusCode, data, want)
			}
		}
	}
}
