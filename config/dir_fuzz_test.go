package config

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/mfactl/mfactl/source"
)

// FuzzLoadDir builds a directory-format folder from fuzz bytes (tenant.json, one Action file, one
// factor file, triggers.json) and loads it: never a panic, an error only of type *ReadError, every
// finding inside the file it names, and a file that JSON.parse accepts after keyword replacement never
// gets a syntax finding.
func FuzzLoadDir(f *testing.F) {
	for _, s := range [][4]string{
		{`{"customize_mfa_in_postlogin_action": true}`, `{"name": "a", "code": "./actions/a/code.js", "supported_triggers": [{"id": "post-login", "version": "v3"}]}`, `{"name": "otp", "enabled": true}`, `{"post-login": [{"action_name": "a"}]}`},
		{`[]`, `{"name": "a", "code": "../x.js"}`, `{}`, `{"post-login": [], "post-login": []}`},
		{`{"flags": {"mfa_show_factor_list_on_enrollment": "@@F@@"}}`, `{"name": "@@K@@", "code": "##K##"}`, `{"name": @@K@@, "enabled": ##K##}`, `{"post-login": @@K@@}`},
		{"{\n  // c\n}", `{'name': 'a'}`, `null`, ``},
		{`{"a": "\ud800", "b": 1e999, "c": -0}`, "\t{\n\t\"name\":\t\"a\"\n}", `"otp"`, `[1, 2, {"x": [[[]]]}]`},
	} {
		f.Add(s[0], s[1], s[2], s[3], "K", `"v"`)
	}
	f.Fuzz(func(t *testing.T, tenant, action, factor, triggers, key, value string) {
		dir := t.TempDir()
		files := map[string]string{
			"tenant.json":             tenant,
			"actions/a.json":          action,
			"actions/a/code.js":       "exports.onExecutePostLogin = async () => {};\n",
			"guardian/factors/f.json": factor,
			"triggers/triggers.json":  triggers,
			"guardian/policies.json":  `{"policies": []}`,
		}
		writeFiles(t, dir, files)
		m := &source.Mappings{}
		if kw, err := source.JSONKeyword(key, json.RawMessage(value)); err == nil {
			m.Set(kw)
		} else {
			m.Set(source.StringKeyword(key, value))
		}
		tn, err := LoadDir(dir, Options{DisplayPath: "d", Keywords: m})
		if err != nil {
			if _, ok := err.(*ReadError); !ok {
				t.Fatalf("error of type %T: %v", err, err)
			}
			return
		}
		for _, fd := range tn.Findings {
			name := strings.TrimPrefix(fd.File, "d/")
			text, ok := files[name]
			if !ok {
				continue // a folder's span, or a file that is not fuzzed
			}
			lines := strings.Count(text, "\n") + 1
			if fd.Line < 1 || fd.Line > lines || fd.Col < 1 {
				t.Fatalf("finding outside %s (%d lines): %s", name, lines, fd.Error())
			}
		}
		for _, jf := range tn.JSONFiles {
			// Placeholders left in valid JSON can only be inside strings: still no syntax finding.
			if !json.Valid(jf.Text) {
				continue
			}
			for _, fd := range tn.Findings {
				if fd.File == jf.Path && fd.Rule == RuleJSONSyntax {
					t.Fatalf("JSON.parse accepts %s, but: %s\n%s", jf.Path, fd.Error(), jf.Text)
				}
			}
		}
	})
}
