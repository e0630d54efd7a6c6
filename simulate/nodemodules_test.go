package simulate

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mfactl/mfactl/config"
	"github.com/mfactl/mfactl/jsrt"
)

// The package tree of jsrt's tests (jsrt/testdata/deps/node_modules): greet requires shout, mocks
// and the Action's declared dependencies decide what loads.
var depsFolder = filepath.Join("..", "jsrt", "testdata", "deps", "node_modules")

func TestNodeModulesInScenarios(t *testing.T) {
	tests := []struct {
		name, deps, modules, body, want string
	}{
		{"a declared package loads", "[{name: greet, version: 1.2.0}]", "",
			"console.log(require('greet').hello('ada'));", "console HELLO ADA."},
		{"a mock wins", "[{name: greet, version: 1.2.0}]", "modules:\n  greet: {value: {hello: 1}}\n",
			"console.log(require('greet').hello);", "console 1"},
		{"an installed package that is not declared", "[]", "",
			"require('greet');", "error Error: Cannot find module 'greet': 'greet' is not in the Action's dependencies in tenant.yaml"},
		{"the hint", "[]", "",
			"require('greet').hello();", "hint modules:\n  greet: {source: \"module.exports = {hello: () => ({})}\"}"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			code := "exports.onExecutePostLogin = async (event, api) => {\n" + tt.body + "\n};\n"
			if err := os.WriteFile(filepath.Join(dir, "a.js"), []byte(code), 0o644); err != nil {
				t.Fatal(err)
			}
			y := baseTenant + "actions:\n  - {name: a, code: ./a.js, deployed: true, dependencies: " + tt.deps +
				", supported_triggers: [{id: post-login, version: v3}]}\ntriggers:\n  post-login:\n    - {action_name: a, display_name: a}\n"
			tn := config.Parse("tenant.yaml", dir, []byte(y), config.Options{})
			f, err := Parse("scenarios.yaml", []byte(tt.modules+"scenarios:\n  - name: s\n"))
			if err != nil {
				t.Fatal(err)
			}
			s := New(tn, f)
			s.NodeModules = jsrt.NewNodeModules(depsFolder)
			res := s.RunAll(context.Background(), f.Scenarios)[0]
			a := res.Actions[0]
			got := "console " + strings.Join(a.Console, "|")
			if a.Error != "" {
				got = "error " + a.Error
			}
			if strings.HasPrefix(tt.want, "hint ") {
				got = "hint " + a.Hint
			}
			if !strings.HasPrefix(got, tt.want) {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestNodeModulesKey(t *testing.T) {
	root := t.TempDir()
	for _, d := range []string{"repo/actions/node_modules", "elsewhere"} {
		if err := os.MkdirAll(filepath.Join(root, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	repo := filepath.Join(root, "repo")
	for value, want := range map[string]string{
		"./actions/node_modules":                    "",
		"actions/node_modules":                      "",
		"../elsewhere":                              `scenarios.yaml:1:15: node_modules: "` + filepath.ToSlash(filepath.Join(repo, "..", "elsewhere")) + `" is outside the folder of tenant.yaml`,
		"./actions/nothing":                         "no such folder",
		"./actions/node_modules/../../../elsewhere": "is outside the folder of tenant.yaml",
	} {
		f, err := Parse(filepath.Join(repo, "scenarios.yaml"), []byte("node_modules: "+value+"\nscenarios:\n  - name: s\n"))
		if err != nil {
			t.Fatal(err)
		}
		dir, err := f.ResolveNodeModules(repo)
		switch {
		case want == "" && (err != nil || dir == ""):
			t.Errorf("%s: %v", value, err)
		case want != "" && (err == nil || !strings.Contains(err.Error(), strings.TrimPrefix(want, "scenarios.yaml:1:15: "))):
			t.Errorf("%s: got %v, want %q", value, err, want)
		}
	}
	for _, bad := range []string{"node_modules: [a]", "node_modules: ''", "node_modules: 3"} {
		if _, err := Parse("scenarios.yaml", []byte(bad+"\nscenarios:\n  - name: s\n")); err == nil || !strings.Contains(err.Error(), "node_modules must be the path of a folder") {
			t.Errorf("%s: %v", bad, err)
		}
	}
}
