package findings

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"strings"
	"testing"

	"github.com/mfactl/mfactl/source"
)

func report(fs ...Finding) *Report {
	file := source.NewFile("t.yaml", []byte("guardianFactors:\n  - name: sms2\n\t\tx: 'héllo' y\n"))
	return &Report{Findings: fs, Files: []*source.File{file}, Tool: "mfactl", Version: "v1.2.3",
		Rules: []RuleInfo{{ID: "unknown-factor", Severity: Error, Short: "an unknown factor", Help: "Factors must be known."},
			{ID: "other", Severity: Warning, Short: "other", Help: "Other."}}}
}

func at(line, col, endCol int, sev Severity, rule, msg string) Finding {
	return Finding{Span: source.Span{File: "t.yaml", Line: line, Col: col, EndLine: line, EndCol: endCol}, Severity: sev, Rule: rule, Message: msg}
}

func render(t *testing.T, format string, r *Report, opts Options) string {
	t.Helper()
	var b bytes.Buffer
	if err := Render(&b, format, r, opts); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestText(t *testing.T) {
	tests := []struct {
		name string
		f    Finding
		want string
	}{
		{"underline", at(2, 11, 15, Error, "unknown-factor", `unknown MFA factor "sms2"`),
			"t.yaml:2:11: error: unknown MFA factor \"sms2\" [unknown-factor]\n  |\n2 |   - name: sms2\n  |           ^~~~\n"},
		{"tabs and wide characters before the column", at(3, 14, 15, Warning, "other", "y"),
			"t.yaml:3:14: warning: y [other]\n  |\n3 | \t\tx: 'héllo' y\n  | \t\t           ^\n"},
		{"no position", Finding{Span: source.Span{File: "t.yaml"}, Severity: Info, Rule: "other", Message: "m"},
			"t.yaml: info: m [other]\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := render(t, "text", report(tt.f), Options{}); got != tt.want {
				t.Errorf("got:\n%q\nwant:\n%q", got, tt.want)
			}
		})
	}
	if got := render(t, "text", report(), Options{}); got != "" {
		t.Errorf("no findings: %q", got)
	}
	plain := render(t, "text", report(at(2, 11, 15, Error, "unknown-factor", "m")), Options{})
	colored := render(t, "text", report(at(2, 11, 15, Error, "unknown-factor", "m")), Options{Color: true})
	if strings.Contains(plain, "\x1b[") || !strings.Contains(colored, "\x1b[") {
		t.Errorf("colour: plain %q colored %q", plain, colored)
	}
}

func TestSummaryLine(t *testing.T) {
	for _, tt := range []struct {
		s    Summary
		want string
	}{
		{Summary{Files: 1}, "no problems found in 1 file"},
		{Summary{Errors: 2, Warnings: 1, Infos: 3, Files: 4}, "2 errors, 1 warning, 3 info in 4 files"},
		{Summary{Warnings: 2, Files: 2}, "2 warnings in 2 files"},
	} {
		if got := SummaryLine(tt.s); got != tt.want {
			t.Errorf("got %q, want %q", got, tt.want)
		}
	}
}

func TestJSON(t *testing.T) {
	got := render(t, "json", report(at(2, 11, 15, Error, "unknown-factor", "a <b> & c")), Options{})
	want := `{
  "version": 1,
  "findings": [
    {
      "file": "t.yaml",
      "line": 2,
      "column": 11,
      "end_line": 2,
      "end_column": 15,
      "severity": "error",
      "rule": "unknown-factor",
      "message": "a <b> & c"
    }
  ],
  "summary": {
    "errors": 1,
    "warnings": 0,
    "infos": 0,
    "files": 1
  }
}
`
	if got != want {
		t.Errorf("got:\n%s", got)
	}
	if got := render(t, "json", report(), Options{}); !strings.Contains(got, `"findings": []`) {
		t.Errorf("clean: %s", got)
	}
}

func TestGitHub(t *testing.T) {
	got := render(t, "github", report(
		at(2, 11, 15, Error, "unknown-factor", "100% wrong,\nreally: yes\r"),
		Finding{Span: source.Span{File: "dir,x:y.yaml"}, Severity: Info, Rule: "other", Message: "m"},
		at(3, 1, 2, Warning, "other", "w"),
	), Options{})
	want := "::error file=t.yaml,line=2,col=11,endLine=2,endColumn=15,title=unknown-factor::100%25 wrong,%0Areally: yes%0D\n" +
		"::notice file=dir%2Cx%3Ay.yaml,title=other::m\n" +
		"::warning file=t.yaml,line=3,col=1,endLine=3,endColumn=2,title=other::w\n"
	if got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

// TestSARIFRequiredFields decodes the SARIF output and checks every field GitHub code scanning
// requires.
func TestSARIFRequiredFields(t *testing.T) {
	out := render(t, "sarif", report(at(2, 11, 15, Error, "unknown-factor", "m"), at(3, 4, 4, Info, "other", "i")), Options{})
	var log struct {
		Schema  string `json:"$schema"`
		Version string `json:"version"`
		Runs    []struct {
			Tool struct {
				Driver struct {
					Name, Version, InformationURI string
					Rules                         []struct {
						ID               string `json:"id"`
						ShortDescription struct{ Text string }
						FullDescription  struct{ Text string }
						Help             struct{ Text string }
						HelpURI          string `json:"helpUri"`
					}
				}
			}
			Results []struct {
				RuleID    string `json:"ruleId"`
				Level     string
				Message   struct{ Text string }
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI string }
						Region           struct{ StartLine, StartColumn, EndLine, EndColumn int }
					}
				}
				PartialFingerprints map[string]string
			}
		}
	}
	if err := json.Unmarshal([]byte(out), &log); err != nil {
		t.Fatal(err)
	}
	if log.Version != "2.1.0" || log.Schema == "" || len(log.Runs) != 1 {
		t.Fatalf("header: %+v", log)
	}
	d := log.Runs[0].Tool.Driver
	if d.Name != "mfactl" || d.Version != "1.2.3" || len(d.Rules) != 2 {
		t.Errorf("driver: %+v", d)
	}
	for _, r := range d.Rules {
		if r.ID == "" || r.ShortDescription.Text == "" || r.FullDescription.Text == "" || r.Help.Text == "" || !strings.HasSuffix(r.HelpURI, "#"+r.ID) {
			t.Errorf("rule: %+v", r)
		}
	}
	res := log.Runs[0].Results
	if len(res) != 2 {
		t.Fatalf("results: %+v", res)
	}
	r0 := res[0]
	reg := r0.Locations[0].PhysicalLocation.Region
	if r0.RuleID != "unknown-factor" || r0.Level != "error" || r0.Message.Text != "m" || r0.Locations[0].PhysicalLocation.ArtifactLocation.URI != "t.yaml" ||
		reg.StartLine != 2 || reg.StartColumn != 11 || reg.EndLine != 2 || reg.EndColumn != 15 || r0.PartialFingerprints["primaryLocationLineHash"] == "" {
		t.Errorf("result: %+v", r0)
	}
	// info is SARIF's note, and an empty span still gets an end column after its start.
	if r1 := res[1]; r1.Level != "note" || r1.Locations[0].PhysicalLocation.Region.EndColumn != 5 {
		t.Errorf("result: %+v", r1)
	}
	// Absolute paths are file:// URIs; the same finding on two lines gets two fingerprints.
	abs := report(at(2, 1, 2, Error, "other", "same"), at(3, 1, 2, Error, "other", "same"))
	abs.Findings = append(abs.Findings, Finding{Span: source.Span{File: "/abs/t.yaml", Line: 1, Col: 1, EndLine: 1, EndCol: 2}, Severity: Error, Rule: "other", Message: "m"})
	out = render(t, "sarif", abs, Options{})
	if !strings.Contains(out, `"uri": "file:///abs/t.yaml"`) || strings.Count(out, `"primaryLocationLineHash"`) != 3 {
		t.Errorf("absolute: %s", out)
	}
	var fps map[string]bool = map[string]bool{}
	for _, line := range strings.Split(out, "\n") {
		if strings.Contains(line, "primaryLocationLineHash") {
			fps[line] = true
		}
	}
	if len(fps) != 3 {
		t.Errorf("fingerprints not distinct: %v", fps)
	}
	if clean := render(t, "sarif", report(), Options{}); !strings.Contains(clean, `"results": []`) {
		t.Errorf("clean: %s", clean)
	}
}

func TestJUnit(t *testing.T) {
	r := report(at(2, 11, 15, Error, "unknown-factor", "bad \"x\""), at(3, 1, 2, Warning, "other", "w"))
	out := render(t, "junit", r, Options{})
	if !strings.HasPrefix(out, xml.Header) {
		t.Errorf("no header: %s", out)
	}
	var suites struct {
		Tests    int `xml:"tests,attr"`
		Failures int `xml:"failures,attr"`
		Suites   []struct {
			Name  string `xml:"name,attr"`
			Cases []struct {
				Name    string `xml:"name,attr"`
				Failure *struct {
					Message string `xml:"message,attr"`
					Body    string `xml:",chardata"`
				} `xml:"failure"`
				SystemOut string `xml:"system-out"`
			} `xml:"testcase"`
		} `xml:"testsuite"`
	}
	if err := xml.Unmarshal([]byte(out), &suites); err != nil {
		t.Fatal(err)
	}
	if suites.Tests != 2 || suites.Failures != 1 || len(suites.Suites) != 1 || len(suites.Suites[0].Cases) != 2 {
		t.Fatalf("%+v", suites)
	}
	c := suites.Suites[0].Cases
	if c[0].Name != "unknown-factor" || c[0].Failure == nil || c[0].Failure.Message != `bad "x"` || !strings.Contains(c[0].Failure.Body, "t.yaml:2:11: error") {
		t.Errorf("case 0: %+v", c[0])
	}
	if c[1].Name != "other" || c[1].Failure != nil || !strings.Contains(c[1].SystemOut, "warning: w") {
		t.Errorf("case 1: %+v", c[1])
	}
	// With Strict, the warning fails its case.
	if strict := render(t, "junit", r, Options{Strict: true}); !strings.Contains(strict, `failures="2"`) {
		t.Errorf("strict: %s", strict)
	}
}

func TestUnknownFormat(t *testing.T) {
	if err := Render(&bytes.Buffer{}, "xml", report(), Options{}); err == nil {
		t.Error("no error")
	}
}
