package main

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"
)

// TestEveryExampleIsRun fails when a suite under examples/ is not run by testdata/script/examples.txtar:
// every directory of examples/ needs a line running `mfactl simulate` and one running
// `mfactl validate --strict` on its tenant.yaml, so adding a suite means adding its two lines.
func TestEveryExampleIsRun(t *testing.T) {
	script, err := os.ReadFile(filepath.Join("testdata", "script", "examples.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir("examples")
	if err != nil {
		t.Fatal(err)
	}
	suites := 0
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		suites++
		suite := e.Name()
		if _, err := os.Stat(filepath.Join("examples", suite, "tenant.yaml")); err != nil {
			t.Errorf("examples/%s has no tenant.yaml: every folder of examples/ is a suite", suite)
		}
		tenant := regexp.QuoteMeta("$EXAMPLES/" + suite + "/tenant.yaml")
		for cmd, line := range map[string]string{
			"simulate":          `(?m)^exec mfactl simulate( -\S+)* ` + tenant + `\s*$`,
			"validate --strict": `(?m)^exec mfactl validate( -\S+)* --strict( -\S+)* ` + tenant + `\s*$`,
		} {
			if !regexp.MustCompile(line).Match(script) {
				t.Errorf("examples/%s is not run by 'exec mfactl %s $EXAMPLES/%s/tenant.yaml' in testdata/script/examples.txtar", suite, cmd, suite)
			}
		}
	}
	if suites == 0 {
		t.Fatal("no example suites found under examples/")
	}
}
