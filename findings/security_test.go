package findings

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/mfactl/mfactl/source"
)

// hostile is text from an untrusted tenant.yaml or Action: a workflow command on a line of its own,
// a legacy one, terminal escapes, C1 controls, a line separator and an invalid byte.
const hostile = "x\n::error file=x::pwned\r::warning::w\n\x1b[31m ##[error]legacy \u0085\u009b\u2028\x00\x7f\xff"

func hostileReport() *Report {
	line := "exports.x = '" + hostile + "';"
	file := source.NewFile("::error::code.js", []byte("ok\n"+strings.ReplaceAll(line, "\n", "")+"\n"))
	return &Report{Files: []*source.File{file}, Findings: []Finding{
		{Span: source.Span{File: "::error::code.js", Line: 2, Col: 3, EndLine: 2, EndCol: 30}, Severity: Error, Rule: "unknown-factor", Message: hostile},
		{Span: source.Span{File: "::error::code.js", Line: 2, Col: 1, EndLine: 3, EndCol: 1}, Severity: Warning, Rule: "other", Message: "w " + hostile},
		{Span: source.Span{File: " ::notice::x"}, Severity: Info, Rule: "other", Message: hostile},
	}}
}

// sgr matches the colour sequences mfactl writes itself.
var sgr = regexp.MustCompile(`\x1b\[[0-9;]*m`)

// checkLines fails when out holds a raw control character other than tab and line feed, or a line
// that a GitHub runner or a terminal would take for something else. commands is how many lines may be
// workflow commands (the github format's own).
func checkLines(t *testing.T, format, out string, commands int) {
	t.Helper()
	for i, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(strings.TrimLeftFunc(line, unicode.IsSpace), "::") {
			if commands--; commands < 0 {
				t.Errorf("%s: line %d is a workflow command: %q", format, i+1, line)
			}
		}
		if strings.Contains(line, "##[") {
			t.Errorf("%s: line %d holds a legacy workflow command: %q", format, i+1, line)
		}
		for _, r := range line {
			if r == utf8.RuneError || (unicode.IsControl(r) && r != '\t') || r == '\u2028' || r == '\u2029' {
				t.Errorf("%s: line %d holds %U: %q", format, i+1, r, line)
				break
			}
		}
	}
}

func TestHostileText(t *testing.T) {
	for _, color := range []bool{false, true} {
		out := render(t, "text", hostileReport(), Options{Color: color})
		if color && !sgr.MatchString(out) {
			t.Fatalf("no colour: %q", out)
		}
		out = sgr.ReplaceAllString(out, "")
		checkLines(t, fmt.Sprintf("text (colour %v)", color), out, 0)
		if !strings.Contains(out, `x\n::error file=x::pwned\r::warning::w\n\x1b[31m ##\x5berror]legacy \u0085\u009b\u2028\x00\x7f\xff`) {
			t.Errorf("the message is not in the escape notation:\n%s", out)
		}
		if !strings.Contains(out, "./::error::code.js:2:3: ") || !strings.Contains(out, "./ ::notice::x: ") {
			t.Errorf("paths that look like commands are not prefixed:\n%s", out)
		}
	}
}

func TestHostileGitHub(t *testing.T) {
	out := render(t, "github", hostileReport(), Options{})
	checkLines(t, "github", out, 3)
	want := `::error file=%3A%3Aerror%3A%3Acode.js,line=2,col=3,endLine=2,endColumn=30,title=unknown-factor::x%0A::error file=x::pwned%0D::warning::w%0A\x1b[31m ##\x5berror]legacy \u0085\u009b\u2028\x00\x7f\xff` + "\n"
	if first := out[:strings.Index(out, "\n")+1]; first != want {
		t.Errorf("got\n%q\nwant\n%q", first, want)
	}
}

func TestHostileJSONAndSARIF(t *testing.T) {
	for _, format := range []string{"json", "sarif"} {
		out := render(t, format, hostileReport(), Options{})
		checkLines(t, format, out, 0)
		// The decoded text is exact.
		if !json.Valid([]byte(out)) {
			t.Fatalf("%s: not valid JSON:\n%s", format, out)
		}
		if !strings.Contains(out, `\u0085\u009b`) || !strings.Contains(out, `\u007f`) || !strings.Contains(out, `##\u005berror]`) {
			t.Errorf("%s: C1, DEL or ##[ are not escaped:\n%s", format, out)
		}
		var doc any
		_ = json.Unmarshal([]byte(out), &doc)
		want := strings.ToValidUTF8(hostile, "\ufffd")
		if found := findString(doc, want); !found {
			t.Errorf("%s: the message does not decode to the original text", format)
		}
	}
}

func findString(v any, s string) bool {
	switch v := v.(type) {
	case string:
		return v == s
	case []any:
		for _, e := range v {
			if findString(e, s) {
				return true
			}
		}
	case map[string]any:
		for _, e := range v {
			if findString(e, s) {
				return true
			}
		}
	}
	return false
}

func TestHostileJUnit(t *testing.T) {
	out := render(t, "junit", hostileReport(), Options{Strict: true})
	checkLines(t, "junit", out, 0)
	var doc struct {
		Suites []struct {
			Cases []struct {
				Failure *struct {
					Message string `xml:"message,attr"`
					Body    string `xml:",chardata"`
				} `xml:"failure"`
			} `xml:"testcase"`
		} `xml:"testsuite"`
	}
	if err := xml.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("not valid XML: %v\n%s", err, out)
	}
	for _, s := range doc.Suites {
		for _, c := range s.Cases {
			if c.Failure == nil {
				continue
			}
			if !strings.Contains(c.Failure.Message, `\x1b[31m`) || strings.ContainsAny(c.Failure.Message, "\n\r\x1b") {
				t.Errorf("failure message: %q", c.Failure.Message)
			}
			// One line per finding.
			if n := strings.Count(c.Failure.Body, "\n"); n != 0 {
				t.Errorf("failure body has %d line breaks: %q", n, c.Failure.Body)
			}
		}
	}
}

// A report of a scenarios file's findings (no rules, no tool, maybe no source) renders in every
// format.
func TestMinimalReportEveryFormat(t *testing.T) {
	src := source.NewFile("scenarios.yaml", []byte("scenarios:\n  - name: [\n"))
	fs := []Finding{{Span: source.Span{File: "scenarios.yaml", Line: 2, Col: 11, EndLine: 2, EndCol: 12}, Severity: Error, Rule: "scenarios", Message: "could not parse as YAML: " + hostile}}
	if got := fs[0].Error(); strings.ContainsAny(got, "\n\r\x1b") || !strings.HasPrefix(got, `scenarios.yaml:2:11: error: could not parse as YAML: x\n::error file=x::pwned`) {
		t.Errorf("Error() = %q", got)
	}
	for _, r := range []*Report{{Findings: fs, Files: []*source.File{src}, Command: "mfactl simulate"}, {Findings: fs}} {
		for _, format := range Formats() {
			out := render(t, format, r, Options{})
			checkLines(t, format, out, map[string]int{"github": 1}[format])
			if !strings.Contains(out, "scenarios") {
				t.Errorf("%s: the rule is missing:\n%s", format, out)
			}
			switch format {
			case "json", "sarif":
				if !json.Valid([]byte(out)) {
					t.Errorf("%s: not valid JSON:\n%s", format, out)
				}
			case "junit":
				want := `<testsuites name="mfactl validate"`
				if r.Command != "" {
					want = `<testsuites name="` + r.Command + `"`
				}
				if err := xml.Unmarshal([]byte(out), new(struct{})); err != nil || !strings.Contains(out, "<failure") || !strings.Contains(out, want) {
					t.Errorf("junit: %v\n%s", err, out)
				}
			case "text":
				if (r.Files != nil) != strings.Contains(out, "2 |   - name: [") {
					t.Errorf("text: excerpt:\n%s", out)
				}
			}
		}
	}
}

// longLineReport is a tenant.yaml of one line of n factor items, each with two findings, as in the
// 49 KB file of the security review.
func longLineReport(n int) *Report {
	var b strings.Builder
	b.WriteString("{guardianFactors: [")
	var fs []Finding
	for i := 0; i < n; i++ {
		col := b.Len() + 8
		name := fmt.Sprintf("f%d", i)
		fmt.Fprintf(&b, "{name: %s, enabeld: x}, ", name)
		fs = append(fs,
			Finding{Span: source.Span{File: "tenant.yaml", Line: 1, Col: col, EndLine: 1, EndCol: col + len(name)}, Severity: Error, Rule: "unknown-factor", Message: fmt.Sprintf("unknown MFA factor %q", name)},
			Finding{Span: source.Span{File: "tenant.yaml", Line: 1, Col: col + len(name) + 2, EndLine: 1, EndCol: col + len(name) + 9}, Severity: Warning, Rule: "unknown-key", Message: `unknown key "enabeld"`})
	}
	b.WriteString("]}\n")
	return &Report{Findings: fs, Files: []*source.File{source.NewFile("tenant.yaml", []byte(b.String()))}}
}

// Output grows linearly with the number of findings on a long line: every finding prints a bounded
// excerpt, not the whole line. (Printing the whole line made a 49 KB file print 427 MB.)
func TestLongLineOutputIsLinear(t *testing.T) {
	for _, format := range Formats() {
		size := func(n int) int {
			var b bytes.Buffer
			if err := Render(&b, format, longLineReport(n), Options{}); err != nil {
				t.Fatal(err)
			}
			return b.Len()
		}
		small, large := size(500), size(2000) // lines of about 12 KB and 49 KB
		perFinding := large / 4000
		if format == "text" && perFinding > 400 {
			t.Errorf("text: %d bytes per finding", perFinding)
		}
		if ratio := float64(large) / float64(small); ratio > 4.5 {
			t.Errorf("%s: 4 times the findings on a 4 times longer line give %.1f times the output (%d bytes, then %d)", format, ratio, small, large)
		}
	}
}

func BenchmarkTextLongLine(b *testing.B) {
	r := longLineReport(2000)
	var out bytes.Buffer
	for b.Loop() {
		out.Reset()
		if err := Render(&out, "text", r, Options{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(out.Len())/float64(len(r.Findings)), "bytes/finding")
}

func BenchmarkFormatsLongLine(b *testing.B) {
	r := longLineReport(2000)
	for _, format := range Formats() {
		b.Run(format, func(b *testing.B) {
			for b.Loop() {
				if err := Render(&bytes.Buffer{}, format, r, Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
