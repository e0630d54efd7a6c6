package validate_test

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/mfactl/mfactl/config"
	"github.com/mfactl/mfactl/findings"
	"github.com/mfactl/mfactl/internal/ruledoc"
	"github.com/mfactl/mfactl/validate"
)

var update = flag.Bool("update", false, "rewrite the fail.want sections of testdata/rules and docs/rules.md")

const rulesDir = "../testdata/rules"

// fixture is one rule's examples: a failing tenant (fail/…) with the exact findings it must give
// (fail.want), and a passing one (pass/…) that must give none of that rule.
type fixture struct {
	path    string
	archive *txtar.Archive
}

func loadFixture(t *testing.T, id string) fixture {
	t.Helper()
	path := filepath.Join(rulesDir, id+".txtar")
	a, err := txtar.ParseFile(path)
	if err != nil {
		t.Fatalf("rule %q has no examples: %v (every rule needs %s)", id, err, path)
	}
	return fixture{path: path, archive: a}
}

func (f fixture) section(name string) []byte {
	for _, file := range f.archive.Files {
		if file.Name == name {
			return file.Data
		}
	}
	return nil
}

// run extracts the files under prefix/ into a temporary folder and validates its tenant.yaml, or,
// when it has none, the folder in the directory format.
func (f fixture) run(t *testing.T, prefix string) []findings.Finding {
	t.Helper()
	dir := t.TempDir()
	found := false
	for _, file := range f.archive.Files {
		rel, ok := strings.CutPrefix(file.Name, prefix+"/")
		if !ok {
			continue
		}
		found = true
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, file.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if !found {
		t.Fatalf("%s: no %s/ files", f.path, prefix)
	}
	data, err := os.ReadFile(filepath.Join(dir, "tenant.yaml"))
	if os.IsNotExist(err) {
		// An example in the directory format, read as mfactl validate reads a folder.
		tenant, err := config.LoadDir(dir, config.Options{NamedEnvKeywords: true, DisplayPath: "."})
		if err != nil {
			t.Fatalf("%s: %v", f.path, err)
		}
		return validate.Run(tenant, validate.Options{})
	}
	if err != nil {
		t.Fatalf("%s: %v", f.path, err)
	}
	tenant := config.Parse("tenant.yaml", dir, data, config.Options{NamedEnvKeywords: true}) // as mfactl validate loads it
	return validate.Run(tenant, validate.Options{})
}

func onlyFindings(fs []findings.Finding, rule string) []findings.Finding {
	var out []findings.Finding
	for _, f := range fs {
		if f.Rule == rule {
			out = append(out, f)
		}
	}
	return out
}

// positionIn returns how a finding's position appears in each output format.
func positionIn(format string, f findings.Finding) string {
	switch format {
	case "text":
		return fmt.Sprintf("%s:%d:%d: %s: %s [%s]", f.File, f.Line, f.Col, f.Severity, f.Message, f.Rule)
	case "json":
		return fmt.Sprintf(`"file": %q,
      "line": %d,
      "column": %d,
      "end_line": %d,
      "end_column": %d,
      "severity": %q,
      "rule": %q`, f.File, f.Line, f.Col, f.EndLine, f.EndCol, f.Severity.String(), f.Rule)
	case "sarif":
		return fmt.Sprintf(`"ruleId": %q`, f.Rule) + "|" + fmt.Sprintf(`"startLine": %d,
                "startColumn": %d`, f.Line, f.Col)
	case "github":
		level := map[findings.Severity]string{findings.Error: "error", findings.Warning: "warning", findings.Info: "notice"}[f.Severity]
		return fmt.Sprintf("::%s file=%s,line=%d,col=%d,endLine=%d,endColumn=%d,title=%s::", level, f.File, f.Line, f.Col, f.EndLine, f.EndCol, f.Rule)
	case "junit":
		return fmt.Sprintf(`name="%s"`, f.Rule) + "|" + fmt.Sprintf("%s:%d:%d: %s:", f.File, f.Line, f.Col, f.Severity)
	}
	return ""
}

func only(fs []findings.Finding, rule string) []string {
	var out []string
	for _, f := range fs {
		if f.Rule == rule {
			out = append(out, f.Error())
		}
	}
	return out
}

// TestRules checks every registered rule against its examples: the failing example gives exactly
// the findings in fail.want (position, severity and message), the passing one none of that rule.
func TestRules(t *testing.T) {
	for _, r := range validate.All() {
		id := r.Info().ID
		t.Run(id, func(t *testing.T) {
			fx := loadFixture(t, id)
			got := only(fx.run(t, "fail"), id)
			if len(got) == 0 {
				t.Fatalf("failing example gives no %s finding", id)
			}
			want := strings.TrimSpace(string(fx.section("fail.want")))
			if *update {
				setSection(fx.archive, "fail.want", strings.Join(got, "\n")+"\n")
				if err := os.WriteFile(fx.path, txtar.Format(fx.archive), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if g := strings.Join(got, "\n"); g != want {
				t.Errorf("failing example:\ngot:\n%s\nwant:\n%s", g, want)
			}
			if pass := only(fx.run(t, "pass"), id); len(pass) > 0 {
				t.Errorf("passing example gives:\n%s", strings.Join(pass, "\n"))
			}
			// The same findings, at the same positions, in every output format.
			fs := onlyFindings(fx.run(t, "fail"), id)
			report := &findings.Report{Findings: fs, Rules: validate.Infos(validate.All()), Tool: "mfactl", Version: "1.0.0"}
			for _, format := range findings.Formats() {
				var out bytes.Buffer
				if err := findings.Render(&out, format, report, findings.Options{}); err != nil {
					t.Fatal(err)
				}
				for _, f := range fs {
					for _, part := range strings.Split(positionIn(format, f), "|") {
						if format == "junit" && f.Severity != findings.Error {
							continue // non-failing findings go to system-out, escaped
						}
						got := out.String()
						if format == "json" || format == "sarif" {
							got, part = strings.Join(strings.Fields(got), ""), strings.Join(strings.Fields(part), "")
						}
						if !strings.Contains(got, part) {
							t.Errorf("%s output lacks %q:\n%s", format, part, out.String())
						}
					}
				}
			}
		})
	}
}

func setSection(a *txtar.Archive, name, data string) {
	for i := range a.Files {
		if a.Files[i].Name == name {
			a.Files[i].Data = []byte(data)
			return
		}
	}
	a.Files = append(a.Files, txtar.File{Name: name, Data: []byte(data)})
}

// TestRuleIDs checks that ids are unique kebab-case and every example file belongs to a rule.
func TestRuleIDs(t *testing.T) {
	kebab := regexp.MustCompile(`^[a-z][a-z0-9]*(-[a-z0-9]+)*$`)
	seen := map[string]bool{}
	for _, r := range validate.All() {
		info := r.Info()
		if !kebab.MatchString(info.ID) {
			t.Errorf("rule id %q is not kebab-case", info.ID)
		}
		if seen[info.ID] {
			t.Errorf("rule id %q registered twice", info.ID)
		}
		seen[info.ID] = true
		if info.Short == "" || info.Help == "" {
			t.Errorf("rule %q needs Short and Help", info.ID)
		}
	}
	files, _ := filepath.Glob(filepath.Join(rulesDir, "*.txtar"))
	for _, f := range files {
		if id := strings.TrimSuffix(filepath.Base(f), ".txtar"); !seen[id] {
			t.Errorf("%s: no registered rule %q", f, id)
		}
	}
}

// TestRulesDoc keeps docs/rules.md in step with the registry and the examples: every registered rule
// has a "## id" section, the doc names no other rule, and its text is what the examples generate. It
// keeps internal/ruledoc/examples_gen.go (the examples mfactl explain prints) equal to
// testdata/rules too. Run with -update to regenerate both.
func TestRulesDoc(t *testing.T) {
	const path = "../docs/rules.md"
	generated := rulesDoc(t)
	embedded := embeddedExamples(t)
	if *update {
		if err := os.WriteFile(path, generated, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(examplesGo, embedded, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	doc, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	heading := regexp.MustCompile(`(?m)^## ([a-z0-9-]+)$`)
	inDoc := map[string]bool{}
	for _, m := range heading.FindAllSubmatch(doc, -1) {
		inDoc[string(m[1])] = true
	}
	registered := map[string]bool{}
	for _, r := range validate.All() {
		registered[r.Info().ID] = true
		if !inDoc[r.Info().ID] {
			t.Errorf("docs/rules.md has no section \"## %s\"", r.Info().ID)
		}
	}
	for id := range inDoc {
		if !registered[id] {
			t.Errorf("docs/rules.md documents %q, which is not a registered rule", id)
		}
	}
	if !bytes.Equal(doc, generated) {
		t.Errorf("docs/rules.md is out of date with the rule examples; run: go test ./validate -run 'TestRules' -update")
	}
	if committed, err := os.ReadFile(examplesGo); err != nil || !bytes.Equal(committed, embedded) {
		t.Errorf("%s (the examples mfactl explain prints) is out of date with testdata/rules; run: go test ./validate -run 'TestRules' -update", examplesGo)
	}
}

// examplesGo is the file that puts testdata/rules into the binary.
const examplesGo = "../internal/ruledoc/examples_gen.go"

func embeddedExamples(t *testing.T) []byte {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(rulesDir, "*.txtar"))
	archives := map[string][]byte{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		archives[strings.TrimSuffix(filepath.Base(f), ".txtar")] = data
	}
	src, err := ruledoc.GoSource(archives)
	if err != nil {
		t.Fatal(err)
	}
	return src
}

func rulesDoc(t *testing.T) []byte {
	return ruledoc.Markdown(validate.Infos(validate.All()), func(id string) *ruledoc.Example {
		data, err := os.ReadFile(loadFixture(t, id).path)
		if err != nil {
			t.Fatal(err)
		}
		return ruledoc.Parse(data)
	})
}
