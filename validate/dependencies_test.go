package validate_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mfactl/mfactl/config"
	"github.com/mfactl/mfactl/jsrt"
	"github.com/mfactl/mfactl/validate"
)

// TestBuiltinsNeedNoDependency: no Node built-in module, with or without node:, is ever reported as
// an undeclared dependency.
func TestBuiltinsNeedNoDependency(t *testing.T) {
	var code strings.Builder
	n := 0
	for _, name := range jsrt.NodeBuiltins() {
		fmt.Fprintf(&code, "require('%s');\n", name)
		n++
		if !strings.HasPrefix(name, "node:") {
			fmt.Fprintf(&code, "require('node:%s');\n", name)
			n++
		}
	}
	code.WriteString("require('not-a-builtin');\nexports.onExecutePostLogin = async () => {};\n")
	if n < 120 {
		t.Fatalf("only %d built-in names: the list is incomplete", n)
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "a.js"), []byte(code.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	tenant := config.Parse("tenant.yaml", dir, []byte(`actions:
  - name: a
    code: ./a.js
    deployed: true
    dependencies: []
    supported_triggers: [{id: post-login, version: v3}]
`), config.Options{})
	var fs []string
	for _, f := range validate.Run(tenant, validate.Options{}) {
		if f.Rule == "undeclared-dependency" {
			fs = append(fs, f.Message)
		}
	}
	if len(fs) != 1 || !strings.Contains(fs[0], "require('not-a-builtin')") {
		for _, f := range fs {
			t.Error(f)
		}
		t.Fatalf("%d findings, want only the one of not-a-builtin", len(fs))
	}
}
