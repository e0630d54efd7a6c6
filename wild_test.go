package main

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/mfactl/mfactl/simulate"
)

// TestEveryWildActionIsRun fails when a folder of testdata/actions-in-the-wild is not run by
// testdata/script/actions_in_the_wild.txtar: each folder is one Action written the way public
// post-login Actions are, with a tenant.yaml and a scenarios.yaml whose scenarios all have expect:,
// and it only guards mfactl's behaviour if the script runs it. Adding a folder means adding its line.
func TestEveryWildActionIsRun(t *testing.T) {
	script, err := os.ReadFile(filepath.Join("testdata", "script", "actions_in_the_wild.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	root := filepath.Join("testdata", "actions-in-the-wild")
	entries, err := os.ReadDir(root)
	if err != nil {
		t.Fatal(err)
	}
	folders := 0
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		folders++
		slug := e.Name()
		for _, f := range []string{"tenant.yaml", "scenarios.yaml"} {
			if _, err := os.Stat(filepath.Join(root, slug, f)); err != nil {
				t.Errorf("%s/%s has no %s: every folder of the corpus is an Action with its scenarios", root, slug, f)
			}
		}
		if f, err := simulate.Load(filepath.Join(root, slug, "scenarios.yaml")); err != nil {
			t.Errorf("%s/%s/scenarios.yaml: %v", root, slug, err)
		} else {
			if n := len(f.Scenarios); n < 2 || n > 5 {
				t.Errorf("%s/%s/scenarios.yaml has %d scenarios; each Action has 2 to 5", root, slug, n)
			}
			for _, sc := range f.Scenarios {
				if sc.Expect == nil {
					t.Errorf("%s/%s/scenarios.yaml: scenario %q has no expect: every scenario of the corpus is a test", root, slug, sc.Name)
				}
			}
		}
		line := `(?m)^exec mfactl simulate( -\S+)* ` + regexp.QuoteMeta("$WILD/"+slug+"/tenant.yaml") + `\s*$`
		if !regexp.MustCompile(line).Match(script) {
			t.Errorf("%s/%s is not run by 'exec mfactl simulate -q $WILD/%s/tenant.yaml' in testdata/script/actions_in_the_wild.txtar", root, slug, slug)
		}
	}
	if folders < 30 {
		t.Errorf("testdata/actions-in-the-wild has %d Actions; the corpus keeps at least 30", folders)
	}
}
