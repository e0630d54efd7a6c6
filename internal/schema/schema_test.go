package schema

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/mfactl/mfactl/simulate"
)

var update = flag.Bool("update", false, "rewrite docs/schema/*.schema.json")

// TestCommitted keeps docs/schema/ equal to what mfactl schema prints. Run with -update to
// regenerate them.
func TestCommitted(t *testing.T) {
	for _, name := range Names {
		s, _ := Get(name)
		want := JSON(s)
		path := filepath.Join("..", "..", "docs", "schema", name+".schema.json")
		if *update {
			if err := os.WriteFile(path, want, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		got, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s is out of date with mfactl schema %s; run: go test ./internal/schema -update", path, name)
		}
		if !strings.HasSuffix(s.ID, "/docs/schema/"+name+".schema.json") {
			t.Errorf("%s: $id %s is not where the file is committed", name, s.ID)
		}
	}
}

// exampleFiles are the real files of the repository: the examples and the Actions in the wild.
func exampleFiles(t *testing.T, pattern string) []string {
	t.Helper()
	var out []string
	for _, dir := range []string{"../../examples", "../../testdata/actions-in-the-wild"} {
		err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if ok, _ := filepath.Match(pattern, d.Name()); ok && !d.IsDir() {
				out = append(out, path)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if len(out) == 0 {
		t.Fatalf("no %s files", pattern)
	}
	return out
}

func validate(t *testing.T, s *Schema, path string, data []byte) []string {
	t.Helper()
	v, err := yamlData(data)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return check(s, s, v, "$")
}

// TestExamplesValidate runs every scenarios file and tenant.yaml of the repository through the
// schemas: a schema stricter than mfactl would mark good files red in an editor.
func TestExamplesValidate(t *testing.T) {
	for _, c := range []struct {
		schema  *Schema
		pattern string
		extra   []string
	}{
		{Scenarios(), "scenarios*.yaml", nil},
		{Tenant(), "tenant.yaml", []string{"../../tenant.yaml.example"}},
	} {
		for _, path := range append(exampleFiles(t, c.pattern), c.extra...) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if errs := validate(t, c.schema, path, data); len(errs) > 0 {
				t.Errorf("%s does not validate against the schema:\n  %s", path, strings.Join(errs, "\n  "))
			}
		}
	}
}

// TestSchemasRefuse checks that the schemas catch in the editor what mfactl refuses.
func TestSchemasRefuse(t *testing.T) {
	for _, c := range []struct {
		schema *Schema
		yaml   string
		want   string
	}{
		{Scenarios(), "scenarios: [{name: a, expect: {outcome: passed}}]", `"passed" is not one of`},
		{Scenarios(), "scenarios: [{name: a, expect: {prompts: [{screen: list}]}}]", `"list" is not one of`},
		{Scenarios(), "scenarios: [{name: a, expect: {prompts: [{kind: enrol}]}}]", `"enrol" is not one of`},
		{Scenarios(), "scenarios: [{name: a, answers: [{factor: otp, result: maybe}]}]", "matches 0 of oneOf"},
		{Scenarios(), "scenarios: [{name: a, answers: [{factor: phone, method: email}]}]", "matches 0 of oneOf"},
		{Scenarios(), "scenarios: [{name: a, answers: [{factor: otp, form: {a: 1}}]}]", "matches 0 of oneOf"},
		{Scenarios(), "scenarios: [{name: a, http: [{method: POST}]}]", "url is required"},
		{Scenarios(), "scenarios: [{name: a, http: [{url: 'https://x/', status: 700}]}]", "out of range"},
		{Scenarios(), "scenarios: [{name: a, http: [{url: 'ftp://x/'}]}]", "does not match"},
		{Scenarios(), "scenarios: [{name: a, http: [{url: 'https://x/', verb: GET}]}]", `unknown key "verb"`},
		{Scenarios(), "scenarios: [{name: a, enrolledFactor: []}]", `unknown key "enrolledFactor"`},
		{Scenarios(), "scenarios: [{name: a, user: {enrolledFactors: otp}}]", "is not of type"},
		{Scenarios(), "scenarios: [{name: a}]\nscenario: []", `unknown key "scenario"`},
		{Scenarios(), "now: 1", "is not of type"},
		{Tenant(), "guardianFactors: [{name: phone, enabled: true}]", `"phone" is not one of`},
		{Tenant(), "guardianFactors: [{name: otp, enabeld: true}]", `unknown key "enabeld"`},
		{Tenant(), "tenant: {customize_mfa_in_postlogin_action: 'yes'}", "matches none of anyOf"},
		{Tenant(), "guardianPolicies: {policies: [always]}", `"always" is not one of`},
		{Tenant(), "actions: [{name: mfa, code: ./a.js}]", "supported_triggers is required"},
		{Tenant(), "triggers: {post-login: [{display_name: x}]}", "action_name is required"},
		{Tenant(), "triggers: {postlogin: []}", `unknown key "postlogin"`},
		{Tenant(), "tenant: {login: {}}", "is not allowed"},
	} {
		errs := validate(t, c.schema, c.yaml, []byte(c.yaml))
		if !strings.Contains(strings.Join(errs, "\n"), c.want) {
			t.Errorf("%s: want an error with %q, got %q", c.yaml, c.want, errs)
		}
	}
	// Placeholders stand for any value in tenant.yaml, and the Deploy CLI's other sections pass.
	for _, ok := range []string{
		"guardianFactors: '@@FACTORS@@'",
		"guardianFactors: [{name: '##FACTOR##', enabled: '@@ON@@'}]",
		"tenant: {friendly_name: x, flags: {other_flag: true}}\nclients: [{name: app}]",
		"guardianFactors:\ntriggers: {post-login: [{action_name: mfa}], post-user-registration: [{action_name: x}]}",
	} {
		if errs := validate(t, Tenant(), ok, []byte(ok)); len(errs) > 0 {
			t.Errorf("%s: %v", ok, errs)
		}
	}
}

// loaderKeys asks simulate's loader which keys it accepts at the place of KEY in doc: it refuses an
// unknown key with "expected one of a, b, c".
func loaderKeys(t *testing.T, doc string) []string {
	t.Helper()
	doc = strings.ReplaceAll(doc, "KEY", "zzunknownkey")
	_, err := simulate.Parse("scenarios.yaml", []byte(doc))
	var le *simulate.LoadError
	if !errors.As(err, &le) {
		t.Fatalf("%s: the loader accepts an unknown key (%v)", doc, err)
	}
	re := regexp.MustCompile(`unknown key "zzunknownkey" in [^;]*; expected one of ([^;]+)`)
	for _, f := range le.Findings {
		if m := re.FindStringSubmatch(f.Message); m != nil {
			var keys []string
			for _, k := range strings.Split(m[1], ",") {
				keys = append(keys, strings.Trim(strings.TrimSpace(k), `"`))
			}
			sort.Strings(keys)
			return keys
		}
	}
	t.Fatalf("%s: no unknown-key finding listing the keys: %v", doc, err)
	return nil
}

// TestLoaderKeysAgree checks that the scenarios schema names exactly the keys simulate's loader
// accepts, at every level where the loader refuses unknown keys.
func TestLoaderKeysAgree(t *testing.T) {
	s := Scenarios()
	def := func(name string) *Schema { return s.Defs.Get(name) }
	answer := def("answer").OneOf
	for _, c := range []struct {
		doc    string
		schema Props
	}{
		{"scenarios: []\nKEY: 1", s.Properties},
		{"scenarios: [{name: a, KEY: 1}]", def("scenario").Properties},
		{"scenarios: [{name: a, answers: [{KEY: 1}]}]", append(append(Props{}, answer[0].Properties...), answer[1].Properties...)},
		{"scenarios: [{name: a, http: [{url: 'https://x/', KEY: 1}]}]", def("httpStub").Properties},
		{"defaults: {http: [{url: 'https://x/', KEY: 1}]}\nscenarios: []", def("httpStub").Properties},
		{"scenarios: [{name: a, expect: {KEY: 1}}]", def("expect").Properties},
		{"scenarios: [{name: a, browser: {KEY: 1}}]", def("scenario").Properties.Get("browser").Properties},
		{"scenarios: [{name: a, continue: {KEY: 1}}]", def("scenario").Properties.Get("continue").Properties},
		{"modules: {m: {value: 1, KEY: 1}}\nscenarios: []", def("module").AnyOf[0].Properties},
		{"explore: {KEY: 1}\nscenarios: []", s.Properties.Get("explore").Properties},
		{"explore: {properties: [{no: denied, KEY: 1}]}\nscenarios: []", def("property").Properties},
	} {
		got, want := strings.Join(loaderKeys(t, c.doc), ", "), strings.Join(c.schema.Names(), ", ")
		if got != want {
			t.Errorf("%s:\nthe loader accepts %s\nthe schema names   %s", c.doc, got, want)
		}
	}
}

// TestEventTypesAgree checks each type the schema gives an event or user field against the loader:
// a value of another type must be refused when the file is read, so the editor and mfactl agree.
func TestEventTypesAgree(t *testing.T) {
	s := Scenarios()
	var walk func(path []string, f *Schema)
	checked := 0
	walk = func(path []string, f *Schema) {
		if f.Ref != "" {
			f = s.Defs.Get(strings.TrimPrefix(f.Ref, "#/$defs/"))
		}
		if f.Type == nil {
			return
		}
		if len(path) > 1 { // the field itself, not event: or user:
			wrong := "[1]"
			if typeOK(f.Type, []any{}) {
				wrong = "wrong"
			}
			doc := fmt.Sprintf("scenarios: [{name: a, %s}]", nest(path, wrong))
			if _, err := simulate.Parse("scenarios.yaml", []byte(doc)); err == nil {
				t.Errorf("%s: the schema types %s as %v, but the loader accepts %s", doc, strings.Join(path, "."), f.Type, wrong)
			}
			checked++
		}
		for _, prop := range f.Properties {
			walk(append(append([]string(nil), path...), prop.Name), prop.Schema)
		}
	}
	walk([]string{"event"}, s.Defs.Get("event"))
	walk([]string{"user"}, s.Defs.Get("user"))
	if checked < 100 {
		t.Errorf("only %d event fields checked", checked)
	}
}

// nest writes path: value as flow mappings: a.b.c -> a: {b: {c: value}}.
func nest(path []string, value string) string {
	out := value
	for i := len(path) - 1; i > 0; i-- {
		out = fmt.Sprintf("{%s: %s}", path[i], out)
	}
	return path[0] + ": " + out
}
