package main

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"
)

// TestEveryExampleIsRun fails when a suite under examples/ is not run by testdata/script/examples.txtar:
// every directory of examples/ needs a line running `mfactl simulate` and one running
// `mfactl validate --strict` on its tenant.yaml, and a line of testdata/script/explore_examples.txtar
// running `mfactl explore` on it, so adding a suite means adding its three lines. A suite in the
// Deploy CLI's directory format (a tenant.json and no tenant.yaml) is the tenant itself: the lines name
// the folder.
func TestEveryExampleIsRun(t *testing.T) {
	script, err := os.ReadFile(filepath.Join("testdata", "script", "examples.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	exploreScript, err := os.ReadFile(filepath.Join("testdata", "script", "explore_examples.txtar"))
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
		tenantPath := "$EXAMPLES/" + suite + "/tenant.yaml"
		if _, err := os.Stat(filepath.Join("examples", suite, "tenant.yaml")); err != nil {
			if _, err := os.Stat(filepath.Join("examples", suite, "tenant.json")); err != nil {
				t.Errorf("examples/%s has no tenant.yaml (or tenant.json, for the directory format): every folder of examples/ is a suite", suite)
			}
			tenantPath = "$EXAMPLES/" + suite
		}
		tenant := regexp.QuoteMeta(tenantPath)
		for cmd, line := range map[string]string{
			"simulate":          `(?m)^exec mfactl simulate( -\S+)* ` + tenant + `\s*$`,
			"validate --strict": `(?m)^exec mfactl validate( -\S+)* --strict( -\S+)* ` + tenant + `\s*$`,
		} {
			if !regexp.MustCompile(line).Match(script) {
				t.Errorf("examples/%s is not run by 'exec mfactl %s %s' in testdata/script/examples.txtar", suite, cmd, tenantPath)
			}
		}
		// explore_examples.txtar explores every suite too, with the exit code it expects (exec or
		// exitcode 1), so a new suite's explore report is looked at.
		explore := `(?m)^(exec|exitcode \d+) mfactl explore( -\S+)* ` + tenant + `(\s+-\S+)*\s*$`
		if !regexp.MustCompile(explore).Match(exploreScript) {
			t.Errorf("examples/%s is not explored by 'exec mfactl explore %s' (or 'exitcode 1 mfactl explore …') in testdata/script/explore_examples.txtar", suite, tenantPath)
		}
	}
	if suites == 0 {
		t.Fatal("no example suites found under examples/")
	}
}
