package validate_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/mfactl/mfactl/config"
	"github.com/mfactl/mfactl/findings"
	"github.com/mfactl/mfactl/validate"
)

// yamlOnlyRules are the rules whose failing example has no directory-format twin, with the reason.
// Every other rule's examples are converted (mfactl convert's code) and must give the same findings
// at the equivalent positions.
var yamlOnlyRules = map[string]string{
	"mfa-action-unbound":     "its example is a post-login: key at the top level of tenant.yaml (a mis-indentation); the directory format has no such place, and convert does not carry top-level keys it does not manage",
	"action-code-unreadable": "its example's code path names a folder, which convert does not copy (it carries the path as written), so the twin's finding is action-code-missing",
	"yaml-syntax":            "a YAML syntax error: there is no tenant to convert (convert refuses it); its JSON counterpart is json-syntax",
	"duplicate-key":          "a duplicate YAML key: convert refuses it, since JSON.parse would keep the last one silently; the JSON case is in validate_directory.txtar",
}

// directoryRules are the rules whose examples are in the directory format already, with the reason.
var directoryRules = map[string]string{
	"json-syntax": "a JSON syntax error in a file of the directory format: its YAML counterpart is yaml-syntax",
}

// twin converts the files of the fixture under prefix/ to the directory format and validates the
// folder, as mfactl validate DIR does. It returns the YAML findings, the directory-format findings
// and where the converter wrote each key and value; a conversion refused is err.
func (f fixture) twin(t *testing.T, prefix string) (yamlFindings, dirFindings []findings.Finding, positions []config.Position, err error) {
	t.Helper()
	yamlFindings = f.run(t, prefix)
	dir := t.TempDir()
	for _, file := range f.archive.Files {
		rel, ok := strings.CutPrefix(file.Name, prefix+"/")
		if !ok {
			continue
		}
		writeFile(t, filepath.Join(dir, "yaml", filepath.FromSlash(rel)), file.Data)
	}
	tree, err := config.ReadTree(filepath.Join(dir, "yaml", "tenant.yaml"), "tenant.yaml")
	if err != nil {
		return nil, nil, nil, err
	}
	if len(tree.Others) > 0 {
		return nil, nil, nil, &config.ConvertError{Problems: []string{fmt.Sprintf("convert does not carry %v", tree.Others)}}
	}
	tree.RecordPositions = true
	files, err := tree.Directory()
	if err != nil {
		return nil, nil, nil, err
	}
	out := filepath.Join(dir, "dir")
	for _, file := range files {
		p := filepath.Join(out, filepath.FromSlash(file.Path))
		if strings.HasSuffix(file.Path, "/") {
			if err := os.MkdirAll(p, 0o755); err != nil {
				t.Fatal(err)
			}
			continue
		}
		writeFile(t, p, file.Data)
	}
	tenant, err := config.Load(out, config.Options{DisplayPath: ".", NamedEnvKeywords: true})
	if err != nil {
		t.Fatal(err)
	}
	return yamlFindings, validate.Run(tenant, validate.Options{}), tree.Positions, nil
}

func writeFile(t *testing.T, p string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// equivalents are the positions in the directory format that stand for a position in tenant.yaml:
// where the key or value that starts there was written, or, inside a value, the same distance
// from where it was written. A position in a code file is the same in both formats.
func equivalents(ps []config.Position, f findings.Finding) []string {
	if f.File != "tenant.yaml" {
		return []string{fmt.Sprintf("%s:%d:%d", f.File, f.Line, f.Col)}
	}
	best := -1
	for _, p := range ps {
		if p.FromLine == f.Line && p.FromCol <= f.Col && p.FromCol > best {
			best = p.FromCol
		}
	}
	var out []string
	for _, p := range ps {
		if p.FromLine == f.Line && p.FromCol == best {
			out = append(out, fmt.Sprintf("%s:%d:%d", p.ToFile, p.ToLine, p.ToCol+f.Col-best))
		}
	}
	return out
}

// TestRulesDirectoryTwins: every rule example, converted to the directory format by convert's code,
// gives the same findings of that rule (same severities) at the equivalent positions, and its passing
// example none.
func TestRulesDirectoryTwins(t *testing.T) {
	for _, r := range validate.All() {
		id := r.Info().ID
		t.Run(id, func(t *testing.T) {
			if reason, ok := directoryRules[id]; ok {
				t.Skip(reason)
			}
			fx := loadFixture(t, id)
			yf, df, positions, err := fx.twin(t, "fail")
			var problem string
			if err != nil {
				problem = fmt.Sprintf("the failing example does not convert: %v", err)
			} else {
				problem = compareTwin(id, yf, df, positions)
			}
			if reason, ok := yamlOnlyRules[id]; ok {
				if problem == "" {
					t.Fatalf("listed as YAML-only (%s), but its twin gives the same findings: remove it from yamlOnlyRules", reason)
				}
				return
			}
			if problem != "" {
				t.Fatal(problem)
			}
			for _, w := range onlyFindings(yf, id) {
				t.Logf("%s:%d:%d has its twin at one of %v", w.File, w.Line, w.Col, equivalents(positions, w))
			}
			_, pass, _, err := fx.twin(t, "pass")
			if err != nil {
				t.Fatalf("the passing example does not convert: %v", err)
			}
			if p := onlyFindings(pass, id); len(p) > 0 {
				t.Errorf("the passing example's twin gives:\n%s", list(p))
			}
		})
	}
	ids := map[string]bool{}
	for _, r := range validate.All() {
		ids[r.Info().ID] = true
	}
	for id := range yamlOnlyRules {
		if !ids[id] {
			t.Errorf("yamlOnlyRules lists %q, which is no rule", id)
		}
	}
}

// compareTwin says how the twin's findings of rule id differ from tenant.yaml's, or "".
func compareTwin(id string, yf, df []findings.Finding, positions []config.Position) string {
	want := onlyFindings(yf, id)
	got := onlyFindings(df, id)
	if len(got) != len(want) {
		return fmt.Sprintf("%d %s findings in the directory twin, %d in tenant.yaml:\ntwin:\n%s\nyaml:\n%s", len(got), id, len(want), list(got), list(want))
	}
	var problems []string
	for i, w := range want {
		eq := equivalents(positions, w)
		matched := false
		for j, g := range got {
			if g.Severity == w.Severity && slices.Contains(eq, fmt.Sprintf("%s:%d:%d", g.File, g.Line, g.Col)) {
				got = slices.Delete(got, j, j+1)
				matched = true
				break
			}
		}
		if !matched {
			problems = append(problems, fmt.Sprintf("finding %d of tenant.yaml, %s, has no twin at %v with severity %s; the twin's findings:\n%s", i, w.Error(), eq, w.Severity, list(onlyFindings(df, id))))
		}
	}
	return strings.Join(problems, "\n")
}

func list(fs []findings.Finding) string {
	var b strings.Builder
	for _, f := range fs {
		b.WriteString(f.Error() + "\n")
	}
	return b.String()
}
