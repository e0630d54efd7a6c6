package config

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v4"

	"github.com/mfactl/mfactl/source"
)

// writeTree writes files under dir.
func writeTree(t *testing.T, dir string, files []TreeFile) {
	t.Helper()
	for _, f := range files {
		p := filepath.Join(dir, filepath.FromSlash(f.Path))
		if strings.HasSuffix(f.Path, "/") {
			if err := os.MkdirAll(p, 0o755); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// model is a tenant's typed model without positions and file names (and without Unmanaged, which
// names top-level keys in YAML and folders in the directory format), and its findings as rule and
// severity: what must survive a conversion.
//
// The directory format holds one file per Action and factor, read in file name order, so their order
// in the list is not part of the model (the order of the bindings is).
func model(tn *Tenant) string {
	slices.SortStableFunc(tn.Actions, func(a, b *Action) int { return strings.Compare(SanitizeName(a.Name.Value), SanitizeName(b.Name.Value)) })
	if tn.Factors != nil {
		slices.SortStableFunc(tn.Factors.Items, func(a, b *Factor) int { return strings.Compare(a.Name.Value, b.Name.Value) })
	}
	var b strings.Builder
	var walk func(v reflect.Value, name string)
	walk = func(v reflect.Value, name string) {
		switch v.Kind() {
		case reflect.Pointer:
			if v.IsNil() {
				fmt.Fprintf(&b, "%s=nil\n", name)
				return
			}
			if f, ok := v.Interface().(*source.File); ok {
				fmt.Fprintf(&b, "%s=%q\n", name, f.Text)
				return
			}
			walk(v.Elem(), name)
		case reflect.Struct:
			if v.Type() == reflect.TypeOf(source.Span{}) {
				return
			}
			for i := 0; i < v.NumField(); i++ {
				f := v.Type().Field(i)
				switch f.Name {
				case "File", "Dir", "Directory", "JSONFiles", "Findings", "CodePath", "Span", "Key", "Unmanaged":
					continue
				}
				walk(v.Field(i), name+"."+f.Name)
			}
		case reflect.Slice:
			fmt.Fprintf(&b, "%s.len=%d\n", name, v.Len())
			for i := 0; i < v.Len(); i++ {
				walk(v.Index(i), fmt.Sprintf("%s[%d]", name, i))
			}
		default:
			fmt.Fprintf(&b, "%s=%v\n", name, v.Interface())
		}
	}
	walk(reflect.ValueOf(tn).Elem(), "t")
	var fs []string
	for _, f := range tn.Findings {
		fs = append(fs, f.Rule+"/"+f.Severity.String())
	}
	slices.Sort(fs)
	fmt.Fprintf(&b, "findings=%v\n", fs)
	return b.String()
}

func convertTo(t *testing.T, src, dest string, dir bool) *Tree {
	t.Helper()
	tree, err := ReadTree(src, "")
	if err != nil {
		t.Fatal(err)
	}
	var files []TreeFile
	if dir {
		files, err = tree.Directory()
	} else {
		files, err = tree.YAML()
	}
	if err != nil {
		t.Fatal(err)
	}
	writeTree(t, dest, files)
	return tree
}

func load(t *testing.T, p string) *Tenant {
	t.Helper()
	tn, err := Load(p, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return tn
}

// TestConvertRoundTrip: every example tenant.yaml, every directory-format example and fixture give the same
// model after YAML → directory → YAML (and directory → YAML → directory), and the same model in the
// intermediate format.
func TestConvertRoundTrip(t *testing.T) {
	var sources []string
	examples, _ := filepath.Glob(filepath.Join("..", "examples", "*", "tenant.yaml"))
	sources = append(sources, examples...)
	dirExamples, _ := filepath.Glob(filepath.Join("..", "examples", "*", "tenant.json"))
	for _, d := range dirExamples {
		sources = append(sources, filepath.Dir(d))
	}
	sources = append(sources, filepath.Join("..", "testdata", "dirformat"), filepath.Join("..", "tenant.yaml.example"))
	if len(examples) == 0 {
		t.Fatal("no examples found")
	}
	for _, src := range sources {
		t.Run(filepath.Base(filepath.Dir(src))+"/"+filepath.Base(src), func(t *testing.T) {
			srcIsDir := isDir(src)
			if strings.HasSuffix(src, ".example") {
				// tenant.yaml.example: its code paths are relative to the repository root.
				data, err := os.ReadFile(src)
				if err != nil {
					t.Fatal(err)
				}
				tmp := t.TempDir()
				writeTree(t, tmp, []TreeFile{{Path: "tenant.yaml", Data: data}})
				tree, err := TreeFromYAML("tenant.yaml", data, func(rel string) ([]byte, error) {
					return source.ReadContained("..", filepath.FromSlash(rel), MaxTenantSize, false)
				})
				if err != nil {
					t.Fatal(err)
				}
				writeTree(t, tmp, tree.Files)
				src = filepath.Join(tmp, "tenant.yaml")
			}
			want := model(load(t, src))
			mid := t.TempDir()
			tree := convertTo(t, src, mid, !srcIsDir)
			if len(tree.Others) > 0 && !srcIsDir {
				t.Fatalf("others: %v", tree.Others)
			}
			midPath := mid
			if srcIsDir {
				midPath = filepath.Join(mid, "tenant.yaml")
			}
			if got := model(load(t, midPath)); got != want && !srcIsDir {
				t.Errorf("model after one conversion differs:\n%s", diffLines(want, got))
			}
			back := t.TempDir()
			convertTo(t, midPath, back, srcIsDir)
			backPath := filepath.Join(back, "tenant.yaml")
			if srcIsDir {
				backPath = back
			}
			got := model(load(t, backPath))
			if got != want {
				t.Errorf("model after the round trip differs:\n%s", diffLines(want, got))
			}
		})
	}
}

func diffLines(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	for i := 0; i < max(len(w), len(g)); i++ {
		var a, c string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			c = g[i]
		}
		if a != c {
			fmt.Fprintf(&b, "- %s\n+ %s\n", a, c)
		}
	}
	return b.String()
}

func TestConvertErrors(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"syntax", map[string]string{"tenant.yaml": "tenant: [\n"}, "tenant.yaml:"},
		{"duplicate", map[string]string{"tenant.yaml": "tenant: {}\ntenant: {}\n"}, `tenant.yaml:2:1: error: key "tenant" is already defined`},
		{"merge key", map[string]string{"tenant.yaml": "x: &x {enabled: true}\nguardianFactors:\n  - <<: *x\n    name: otp\n"}, "merge keys"},
		{"two trigger files", map[string]string{"d/triggers/a.json": "{}", "d/triggers/b.json": "{}"}, "d/triggers/b.json: the Deploy CLI reads only the first"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			for name, text := range tt.files {
				writeTree(t, dir, []TreeFile{{Path: name, Data: []byte(text)}})
			}
			src := filepath.Join(dir, "tenant.yaml")
			if _, err := os.Stat(src); err != nil {
				src = filepath.Join(dir, "d")
			}
			_, err := ReadTree(src, strings.TrimPrefix(src, dir+string(filepath.Separator)))
			var ce *ConvertError
			if !errors.As(err, &ce) {
				t.Fatalf("err = %v, want a ConvertError", err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want %q", err, tt.want)
			}
		})
	}
}

// TestConvertCodeNotCopied: a code path that cannot be copied is carried as written, with a note.
func TestConvertCodeNotCopied(t *testing.T) {
	yml := "actions:\n  - name: a\n    code: ../a.js\n  - name: b\n    code: ./actions/@@B@@/code.js\n  - name: c\n    code: ./c.js\n"
	tree, err := TreeFromYAML("tenant.yaml", []byte(yml), func(rel string) ([]byte, error) { return nil, os.ErrNotExist })
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		`tenant.yaml:3:11: code path "../a.js" leaves the folder of the tenant`,
		`tenant.yaml:5:11: code path "./actions/@@B@@/code.js" holds a keyword`,
		`tenant.yaml:7:11: code path "./c.js" names no file`,
	}
	if len(tree.Notes) != len(want) {
		t.Fatalf("notes: %q", tree.Notes)
	}
	for i, w := range want {
		if !strings.HasPrefix(tree.Notes[i], w) {
			t.Errorf("note %d = %q, want %q…", i, tree.Notes[i], w)
		}
	}
	files, err := tree.Directory()
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 4 || !strings.Contains(string(files[1].Data), `"code": "../a.js"`) {
		t.Errorf("files: %v", files)
	}
}

// TestConvertJSONForm: the JSON is JSON.stringify(v, null, 2) with a final newline, placeholders as
// written, Action keys in the Deploy CLI's order.
func TestConvertJSONForm(t *testing.T) {
	yml := `tenant:
  friendly_name: '##ENV## tenant <&>'
  customize_mfa_in_postlogin_action: ##MFA_ON##
  session_lifetime: 1.50
  note: "tab\there \u2028"
  flags: {}
guardianFactors:
  - {name: otp, enabled: true}
  - {name: sms, enabled: false, extra: [1, 2e3]}
guardianPolicies:
  policies: []
actions:
  - supported_triggers: [{id: post-login, version: v3}]
    name: 'mfa: step/up'
    secrets: '@@SECRETS@@'
    custom: x
    code: ./code.js
    deployed: true
triggers:
  post-login:
    - {action_name: 'mfa: step/up', display_name: ##DISPLAY##}
`
	tree, err := TreeFromYAML("tenant.yaml", []byte(yml), func(rel string) ([]byte, error) {
		if rel != "code.js" {
			return nil, fmt.Errorf("unexpected %s", rel)
		}
		return []byte("exports.x = 1;\r\n"), nil
	})
	if err != nil {
		t.Fatal(err)
	}
	files, err := tree.Directory()
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, f := range files {
		got[f.Path] = string(f.Data)
	}
	want := map[string]string{
		"tenant.json":               "{\n  \"friendly_name\": \"##ENV## tenant <&>\",\n  \"customize_mfa_in_postlogin_action\": ##MFA_ON##,\n  \"session_lifetime\": 1.5,\n  \"note\": \"tab\\there \\u2028\",\n  \"flags\": {}\n}\n",
		"guardian/factors/":         "",
		"guardian/factors/otp.json": "{\n  \"name\": \"otp\",\n  \"enabled\": true\n}\n",
		"guardian/factors/sms.json": "{\n  \"name\": \"sms\",\n  \"enabled\": false,\n  \"extra\": [\n    1,\n    2000\n  ]\n}\n",
		"guardian/policies.json":    "{\n  \"policies\": []\n}\n",
		"actions/":                  "",
		"actions/mfa- step-up.json": "{\n  \"name\": \"mfa: step/up\",\n  \"code\": \"./code.js\",\n  \"secrets\": \"@@SECRETS@@\",\n  \"supported_triggers\": [\n    {\n      \"id\": \"post-login\",\n      \"version\": \"v3\"\n    }\n  ],\n  \"deployed\": true,\n  \"custom\": \"x\"\n}\n",
		"triggers/triggers.json":    "{\n  \"post-login\": [\n    {\n      \"action_name\": \"mfa: step/up\",\n      \"display_name\": \"##DISPLAY##\"\n    }\n  ]\n}\n",
		"code.js":                   "exports.x = 1;\r\n",
	}
	for p, w := range want {
		if got[p] != w {
			t.Errorf("%s:\n%s\nwant:\n%s", p, got[p], w)
		}
	}
	for p := range got {
		if _, ok := want[p]; !ok {
			t.Errorf("unexpected file %s", p)
		}
	}
	if len(tree.Notes) != 1 || !strings.Contains(tree.Notes[0], "tenant.yaml:21:51: ##DISPLAY## is not quoted") {
		t.Errorf("notes: %q", tree.Notes)
	}
}

// TestConvertValues: values that YAML and JSON write differently mean the same after YAML →
// directory → YAML: the JSON decodes to what the YAML does, and so does the YAML written back.
func TestConvertValues(t *testing.T) {
	yml := `tenant:
  s1: '0123'
  s2: '1e3'
  s3: 'yes'
  s4: 'null'
  s5: '~'
  s6: '2026-01-01'
  s7: '0x1F'
  s8: '-'
  s9: '@x'
  s10: '#x'
  s11: 'a: b'
  s12: ' lead'
  s13: 'trail '
  s14: "multi\nline\n"
  s15: ''
  s16: 'true'
  s17: "tab\tand \"quotes\" and \\ and \u00e9 and \u2028"
  s18: "a # b"
  s19: '[x]'
  n1: 12
  n2: -3.5
  n3: 1e3
  n4: 0.000001
  b1: true
  z: null
  l: [1, 'two', {three: 3}]
  m: {}
  e: []
  'key with: colon': x
  '123': numeric key
`
	tree, err := TreeFromYAML("tenant.yaml", []byte(yml), nil)
	if err != nil {
		t.Fatal(err)
	}
	files, err := tree.Directory()
	if err != nil {
		t.Fatal(err)
	}
	var want struct{ Tenant map[string]any }
	if err := yaml.Unmarshal([]byte(yml), &want); err != nil {
		t.Fatal(err)
	}
	var fromJSON map[string]any
	for _, f := range files {
		if f.Path == "tenant.json" {
			if err := json.Unmarshal(f.Data, &fromJSON); err != nil {
				t.Fatalf("tenant.json: %v\n%s", err, f.Data)
			}
		}
	}
	// JSON numbers decode as float64; YAML's as int or float64.
	norm := func(v any) string { b, _ := json.Marshal(v); return string(b) }
	for k, v := range want.Tenant {
		if norm(fromJSON[k]) != norm(v) {
			t.Errorf("tenant.json %s = %s, want %s", k, norm(fromJSON[k]), norm(v))
		}
	}
	dir := t.TempDir()
	writeTree(t, dir, files)
	back, err := ReadTree(dir, "d")
	if err != nil {
		t.Fatal(err)
	}
	yfiles, err := back.YAML()
	if err != nil {
		t.Fatal(err)
	}
	var got struct{ Tenant map[string]any }
	if err := yaml.Unmarshal(yfiles[0].Data, &got); err != nil {
		t.Fatalf("%v\n%s", err, yfiles[0].Data)
	}
	for k, v := range want.Tenant {
		if norm(got.Tenant[k]) != norm(v) {
			t.Errorf("tenant.yaml %s = %s, want %s\n%s", k, norm(got.Tenant[k]), norm(v), yfiles[0].Data)
		}
	}
}

func TestConvertEmbeddedJSONKeyword(t *testing.T) {
	tree, err := TreeFromYAML("tenant.yaml", []byte("tenant:\n  a: 'https://@@HOST@@/x'\n  b: '@@WHOLE@@'\n  c: 'x ##LIT## y'\n"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tree.Directory(); err != nil {
		t.Fatal(err)
	}
	if len(tree.Notes) != 1 || !strings.HasPrefix(tree.Notes[0], "tenant.yaml:2:6: @@HOST@@ inserts its value JSON-encoded") {
		t.Errorf("notes: %q", tree.Notes)
	}
}

// FuzzConvertYAML: any tenant.yaml either is refused with a ConvertError, or converts to JSON files
// that JSON.parse accepts (once no bare placeholder is left) and back to YAML, without a panic.
func FuzzConvertYAML(f *testing.F) {
	examples, _ := filepath.Glob(filepath.Join("..", "examples", "*", "tenant.yaml"))
	for _, e := range examples {
		if data, err := os.ReadFile(e); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte("tenant: {a: '@@X@@', b: ##Y##, c: [1, 2.5e3, null, true]}\nactions: [{name: 'a/b'}]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		tree, err := TreeFromYAML("tenant.yaml", data, func(string) ([]byte, error) { return nil, os.ErrNotExist })
		var ce *ConvertError
		if errors.As(err, &ce) {
			return
		}
		if err != nil {
			t.Fatalf("unexpected error: %v", err)
		}
		files, err := tree.Directory()
		if errors.As(err, &ce) {
			return
		}
		if err != nil {
			t.Fatalf("unexpected error: %v", err)
		}
		for _, file := range files {
			if strings.HasSuffix(file.Path, ".json") && !wholePlaceholderIn(file.Data) && !json.Valid(file.Data) {
				t.Fatalf("%s is not JSON:\n%s", file.Path, file.Data)
			}
		}
		if _, err := tree.YAML(); err != nil && !errors.As(err, &ce) {
			t.Fatalf("YAML: %v", err)
		}
	})
}

// wholePlaceholderIn reports whether JSON text holds an unquoted placeholder (as written in the
// source), which is JSON only once replaced.
func wholePlaceholderIn(data []byte) bool {
	return strings.Contains(string(data), ": @@") || strings.Contains(string(data), ": ##") ||
		strings.Contains(string(data), "  @@") || strings.Contains(string(data), "  ##") || strings.HasPrefix(string(data), "@@") || strings.HasPrefix(string(data), "##")
}
