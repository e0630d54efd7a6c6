package config

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mfactl/mfactl/source"
)

func TestLoadDir(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  string // a finding's "file:line:col: message" prefix, "" for none
	}{
		{"fixture-like", map[string]string{"guardian/factors/otp.json": `{"name": "otp", "enabled": true}`}, ""},
		{"syntax", map[string]string{"tenant.json": "{\n  'x': 1\n}"}, "tenant.json:2:3: could not parse as JSON"},
		{"not object", map[string]string{"tenant.json": `"x"`}, "tenant.json:1:1: tenant.json must hold a JSON object, not a string"},
		{"duplicate key", map[string]string{"guardian/policies.json": "{\"policies\": [],\n \"policies\": []}"}, "guardian/policies.json:2:2: key \"policies\" is already defined"},
		{"code outside", map[string]string{"actions/a.json": `{"name": "a", "code": "../a.js", "supported_triggers": []}`}, "actions/a.json:1:23: code path \"../a.js\" leaves"},
		{"keyword", map[string]string{"guardian/factors/f.json": `{"name": "@@F@@", "enabled": true}`}, "guardian/factors/f.json:1:11: keyword @@F@@ has no mapping"},

		// JSON.parse's grammar, not YAML's.
		{"lone surrogate is valid JSON", map[string]string{"tenant.json": `{"friendly_name": "\ud800 \ud83d\ude00"}`}, ""},
		{"huge number is valid JSON", map[string]string{"tenant.json": `{"x": 1e999, "y": -0.0E+1}`}, ""},
		{"key longer than YAML allows", map[string]string{"tenant.json": `{"` + strings.Repeat("k", 2000) + `": 1}`}, ""},
		{"tabs and CRLF", map[string]string{"tenant.json": "{\r\n\t\"customize_mfa_in_postlogin_action\":\ttrue\r\n}"}, ""},
		{"trailing comma", map[string]string{"tenant.json": "{\n  \"a\": 1,\n}"}, "tenant.json:3:1: could not parse as JSON"},
		{"single quotes", map[string]string{"guardian/factors/otp.json": `{"name": 'otp'}`}, "guardian/factors/otp.json:1:10: could not parse as JSON"},
		{"byte order mark", map[string]string{"tenant.json": "\ufeff{}"}, "tenant.json:1:1: could not parse as JSON"},
		{"null tenant", map[string]string{"tenant.json": `null`}, "tenant.json:1:1: tenant.json holds null; the Deploy CLI fails on it"},
		// What is not an object: tenant.ts and triggers.ts spread the value (keyless values are {}),
		// the guardian/*.json handlers skip null, actions need a name.
		{"tenant []", map[string]string{"tenant.json": `[]`}, "tenant.json:1:1: tenant.json holds an array, which the Deploy CLI reads as {}: nothing in it is deployed"},
		{"tenant 0", map[string]string{"tenant.json": `0`}, "tenant.json:1:1: tenant.json holds a number, which the Deploy CLI reads as {}"},
		{"triggers null", map[string]string{"triggers/triggers.json": `null`}, "triggers/triggers.json:1:1: triggers.json holds null, which the Deploy CLI reads as {}"},
		{"triggers non-empty array", map[string]string{"triggers/triggers.json": `[{}]`}, "triggers/triggers.json:1:1: triggers.json must hold a JSON object, not an array"},
		{"policies null", map[string]string{"guardian/policies.json": `null`}, "guardian/policies.json:1:1: policies.json holds null; the Deploy CLI skips it silently"},
		{"policies []", map[string]string{"guardian/policies.json": `[]`}, "guardian/policies.json:1:1: policies.json must hold a JSON object, not an array"},
		{"action null", map[string]string{"actions/a.json": `null`}, "actions/a.json:1:1: a.json must hold a JSON object, not null"},
		{"action {}", map[string]string{"actions/a.json": `{}`}, "actions/a.json:1:1: actions item has no name"},
		{"empty file", map[string]string{"tenant.json": " \n"}, "tenant.json:1:1: file is empty"},
		{"wrong type at its position", map[string]string{"guardian/factors/otp.json": "{\n  \"name\": \"otp\",\n  \"enabled\": \"yes\"\n}"}, "guardian/factors/otp.json:3:14: guardianFactors enabled must be true or false"},
		{"name not a string", map[string]string{"actions/a.json": `{"name": 5}`}, "actions/a.json:1:10: action name must be a string, not the number 5; write it in double quotes"},

		// Which files are read (getFiles: a regular file, or a link to one, whose extname is .json).
		{"only an extension is no .json file", map[string]string{".json": "", "guardian/factors/.json": "x"}, ""},
		{"other extensions are not read", map[string]string{"guardian/factors/otp.json.bak": "x", "guardian/factors/OTP.JSON": "x", "guardian/factors/otp.json": `{"name": "otp", "enabled": true}`}, ""},
		{"folders named .json are not read", map[string]string{"actions/x.json/y": "x", "tenant.json/z": "x"}, ""},

		// triggers.ts reads files[0] and nothing else.
		{"empty triggers folder", map[string]string{"triggers/README.md": "x"}, "triggers/:1:1: triggers/ holds no .json file; the Deploy CLI fails"},
		{"several triggers files", map[string]string{"triggers/a.json": `{}`, "triggers/b.json": `{}`}, "triggers/b.json:1:1: the Deploy CLI reads only the first .json file in triggers/ (a.json)"},
		{"name order is byte order, as readdirSync sorts", map[string]string{"triggers/a.json": `{}`, "triggers/B.json": `{}`}, "triggers/a.json:1:1: the Deploy CLI reads only the first .json file in triggers/ (B.json)"},

		// guardianFactors.ts drops what has no keys, fails on null.
		{"factor file holding []", map[string]string{"guardian/factors/a.json": `[]`}, "guardian/factors/a.json:1:1: a.json holds an array, not a factor object; the Deploy CLI skips it"},
		{"factor file holding a number", map[string]string{"guardian/factors/a.json": `5`}, "guardian/factors/a.json:1:1: a.json holds a number, not a factor object"},
		{"factor file holding null", map[string]string{"guardian/factors/a.json": ` null`}, "guardian/factors/a.json:1:2: a.json holds null; the Deploy CLI fails on it"},
		{"factor file holding a string", map[string]string{"guardian/factors/a.json": `"otp"`}, "guardian/factors/a.json:1:1: a.json must hold a JSON object, not a string"},
		{"factor file holding {}", map[string]string{"guardian/factors/a.json": `{}`}, ""},

		// actions.ts: code relative to the folder, backslashes read as slashes.
		{"backslashes in the code path", map[string]string{"actions/a.json": `{"name": "a", "code": "actions\\a\\code.js", "supported_triggers": [{"id": "post-login", "version": "v3"}]}`, "actions/a/code.js": "exports.onExecutePostLogin = async () => {};"}, ""},
		{"code relative to the folder, not actions/", map[string]string{"actions/a.json": `{"name": "a", "code": "a/code.js", "supported_triggers": [{"id": "post-login", "version": "v3"}]}`, "actions/a/code.js": "x"}, "actions/a.json:1:23: code file \"d/a/code.js\" does not exist"},
		{"absolute code path", map[string]string{"actions/a.json": `{"name": "a", "code": "/etc/passwd", "supported_triggers": []}`}, "actions/a.json:1:23: code path \"/etc/passwd\" is absolute"},

		// Placeholders with no mapping where JSON.parse would fail are unknown values, not errors.
		{"bare placeholder value", map[string]string{"guardian/factors/otp.json": `{"name": "otp", "enabled": @@ON@@}`}, "guardian/factors/otp.json:1:28: keyword @@ON@@ has no mapping"},
		{"placeholder for members", map[string]string{"tenant.json": `{"friendly_name": "x", ##MORE##}`}, "tenant.json:1:24: keyword ##MORE## has no mapping"},
		{"syntax error beside a placeholder", map[string]string{"guardian/factors/otp.json": `{"name": 'otp', "enabled": @@ON@@}`}, "guardian/factors/otp.json:1:10: could not parse as JSON: unexpected character '\\''"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFiles(t, dir, tt.files)
			tn, err := Load(dir, Options{DisplayPath: "d"})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, f := range tn.Findings {
				got = append(got, fmt.Sprintf("%s:%d:%d: %s", f.File, f.Line, f.Col, f.Message))
			}
			if tt.want == "" {
				if len(got) > 0 {
					t.Fatalf("findings: %q", got)
				}
				return
			}
			for _, g := range got {
				if strings.HasPrefix(g, "d/"+tt.want) {
					return
				}
			}
			t.Fatalf("no finding %q in %q", tt.want, got)
		})
	}
}

func TestLoadRefusesJSONFile(t *testing.T) {
	_, err := Load(filepath.Join(t.TempDir(), "tenant.json"), Options{})
	if err == nil || !strings.Contains(err.Error(), "tenant.json given: pass the folder that holds it") {
		t.Fatalf("err = %v", err)
	}
}

// TestLoadDirKeywords: keyword replacement in JSON files as the Deploy CLI does it (@@KEY@@ and the
// quotes around it become JSON.stringify of the value, ##KEY## the value as it is), with findings at
// their place in the file as written.
func TestLoadDirKeywords(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"guardian/factors/a.json": `{"name": "@@F@@", "enabled": "yes"}`,
		"guardian/factors/b.json": `{"name": "##G##", "enabled": ##ON##}`,
		"guardian/policies.json":  `{"policies": @@POL@@}`,
	})
	m := &source.Mappings{}
	m.Set(source.StringKeyword("F", "otp"))
	m.Set(source.StringKeyword("G", "sms"))
	m.Set(source.StringKeyword("ON", "true"))
	pol, err := source.JSONKeyword("POL", json.RawMessage(`["all-applications"]`))
	if err != nil {
		t.Fatal(err)
	}
	m.Set(pol)
	tn, err := Load(dir, Options{DisplayPath: "d", Keywords: m})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range tn.Findings {
		got = append(got, fmt.Sprintf("%s:%d:%d: %s", f.File, f.Line, f.Col, f.Message))
	}
	want := `d/guardian/factors/a.json:1:30: guardianFactors enabled must be true or false, not the string "yes"`
	if len(got) != 1 || !strings.HasPrefix(got[0], want) {
		t.Fatalf("findings %q, want one %q", got, want)
	}
	if len(tn.Factors.Items) != 2 || tn.Factors.Items[0].Name.Value != "otp" || tn.Factors.Items[1].Name.Value != "sms" || !tn.Factors.Items[1].Enabled.Value {
		t.Errorf("factors: %+v %+v", tn.Factors.Items[0], tn.Factors.Items[1])
	}
	if tn.Policies == nil || len(tn.Policies.Policies) != 1 || tn.Policies.Policies[0].Value != "all-applications" {
		t.Errorf("policies: %+v", tn.Policies)
	}
}

// TestLoadDirLinksAndFolders: getFiles follows links (a link to a file is read, a link to a folder is
// not a file); a link that leads outside the folder is not read (exit 3), nor is a file where the
// Deploy CLI expects a folder.
func TestLoadDirLinksAndFolders(t *testing.T) {

	link := func(t *testing.T, target, name string) {
		if err := os.Symlink(target, name); err != nil {
			t.Skip("no symbolic links here:", err)
		}
	}

	t.Run("links inside", func(t *testing.T) {
		dir := t.TempDir()
		writeFiles(t, dir, map[string]string{
			"shared/otp.json":         `{"name": "otp", "enabled": true}`,
			"triggers/b.json":         `{"post-login": []}`,
			"triggers/a.json.d/x":     "",
			"guardian/policies.json":  `{"policies": []}`,
			"guardian/factors/README": "",
		})
		link(t, "../../shared/otp.json", filepath.Join(dir, "guardian/factors/otp.json"))
		link(t, "a.json.d", filepath.Join(dir, "triggers/a.json"))
		tn, err := Load(dir, Options{DisplayPath: "d"})
		if err != nil {
			t.Fatal(err)
		}
		if len(tn.Findings) > 0 {
			t.Errorf("findings: %v", tn.Findings)
		}
		if tn.Factors == nil || len(tn.Factors.Items) != 1 || tn.Factors.Items[0].Name.Value != "otp" {
			t.Errorf("the linked factor file was not read: %+v", tn.Factors)
		}
	})
	t.Run("link outside", func(t *testing.T) {
		dir, outside := t.TempDir(), t.TempDir()
		writeFiles(t, outside, map[string]string{"a.json": `{"name": "a"}`})
		writeFiles(t, dir, map[string]string{"tenant.json": `{}`})
		if err := os.MkdirAll(filepath.Join(dir, "actions"), 0o755); err != nil {
			t.Fatal(err)
		}
		link(t, filepath.Join(outside, "a.json"), filepath.Join(dir, "actions/a.json"))
		_, err := Load(dir, Options{DisplayPath: "d"})
		var re *ReadError
		if !errors.As(err, &re) || !strings.Contains(err.Error(), "is a link to a file outside") {
			t.Fatalf("err = %v", err)
		}
	})
	for _, folder := range []string{"actions", "triggers", "guardian", "guardian/factors"} {
		t.Run(folder+" is a file", func(t *testing.T) {
			dir := t.TempDir()
			writeFiles(t, dir, map[string]string{"tenant.json": `{}`, folder: "x"})
			_, err := Load(dir, Options{DisplayPath: "d"})
			var re *ReadError
			if !errors.As(err, &re) || !strings.Contains(err.Error(), `"d/`+folder+`": is a file; the Deploy CLI expects a folder here`) {
				t.Fatalf("err = %v", err)
			}
		})
	}
}

// TestLoadDirKeywordBreaksJSON: a keyword whose value breaks the JSON is named at its placeholder, and
// none of its value is shown.
func TestLoadDirKeywordBreaksJSON(t *testing.T) {
	for _, tt := range []struct{ text, want string }{
		{"{\n  \"name\": \"##F##\"\n}", `d/guardian/factors/f.json:2:12: could not parse as JSON after keyword replacement, at the value of ##F##; ##F## inserts its value as it is`},
		{"{\n  \"name\": \"x-@@F@@\"\n}", `d/guardian/factors/f.json:2:14: could not parse as JSON after keyword replacement, at the value of @@F@@; @@F@@ inserts its value JSON-encoded`},
	} {
		dir := t.TempDir()
		writeFiles(t, dir, map[string]string{"guardian/factors/f.json": tt.text})
		m := &source.Mappings{}
		m.Set(source.StringKeyword("F", `se"cret`))
		tn, err := Load(dir, Options{DisplayPath: "d", Keywords: m})
		if err != nil {
			t.Fatal(err)
		}
		if len(tn.Findings) != 1 {
			t.Fatalf("%q: findings %v", tt.text, tn.Findings)
		}
		f := tn.Findings[0]
		got := fmt.Sprintf("%s:%d:%d: %s", f.File, f.Line, f.Col, f.Message)
		if !strings.HasPrefix(got, tt.want) || strings.Contains(got, "cret") {
			t.Errorf("got %q, want %q", got, tt.want)
		}
	}
}

// writeFiles writes files (by slash path under dir) with their folders.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
