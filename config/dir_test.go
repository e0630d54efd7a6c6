package config

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
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
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			for name, text := range tt.files {
				p := filepath.Join(dir, filepath.FromSlash(name))
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
					t.Fatal(err)
				}
			}
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
