package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestEveryExampleIsRun fails when a suite under examples/ is missing from the script that runs them.
func TestEveryExampleIsRun(t *testing.T) {
	script, err := os.ReadFile(filepath.Join("testdata", "script", "examples.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	dirs, err := filepath.Glob(filepath.Join("examples", "*", "tenant.yaml"))
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no example suites found: %v", err)
	}
	for _, d := range dirs {
		suite := filepath.Base(filepath.Dir(d))
		for _, cmd := range []string{"simulate", "validate"} {
			if !strings.Contains(string(script), "mfactl "+cmd+" -q $EXAMPLES/"+suite+"/tenant.yaml") && !strings.Contains(string(script), "mfactl "+cmd+" -q --strict $EXAMPLES/"+suite+"/tenant.yaml") {
				t.Errorf("examples/%s is not run by 'mfactl %s' in testdata/script/examples.txtar", suite, cmd)
			}
		}
	}
}
