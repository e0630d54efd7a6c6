package findings

import (
	"encoding/xml"
	"io"
	"strings"
)

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Errors   int         `xml:"errors,attr"`
	Skipped  int         `xml:"skipped,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	ClassName string        `xml:"classname,attr"`
	Name      string        `xml:"name,attr"`
	Failure   *junitFailure `xml:"failure,omitempty"`
	SystemOut string        `xml:"system-out,omitempty"`
}

type junitFailure struct {
	Type    string `xml:"type,attr"`
	Message string `xml:"message,attr"`
	Body    string `xml:",chardata"`
}

// renderJUnit writes one testsuite per file and one testcase per rule per file. A case fails when
// the rule found an error in the file (or a warning, with Strict); its other findings go to
// system-out.
func renderJUnit(w io.Writer, r *Report, opts Options) error {
	var files []string
	seen := map[string]bool{}
	for _, f := range r.Files {
		if !seen[f.Path] {
			seen[f.Path] = true
			files = append(files, f.Path)
		}
	}
	for _, f := range r.Findings {
		if !seen[f.File] {
			seen[f.File] = true
			files = append(files, f.File)
		}
	}
	rules := make([]string, 0, len(r.Rules))
	known := map[string]bool{}
	for _, info := range r.Rules {
		rules = append(rules, info.ID)
		known[info.ID] = true
	}
	for _, f := range r.Findings {
		if !known[f.Rule] {
			known[f.Rule] = true
			rules = append(rules, f.Rule)
		}
	}
	type key struct{ file, rule string }
	byCase := map[key][]Finding{}
	for _, f := range r.Findings {
		byCase[key{f.File, f.Rule}] = append(byCase[key{f.File, f.Rule}], f)
	}
	out := junitSuites{Name: "mfactl validate"}
	for _, file := range files {
		suite := junitSuite{Name: file}
		for _, rule := range rules {
			c := junitCase{ClassName: file, Name: rule}
			var failing, other []string
			var first string
			for _, f := range byCase[key{file, rule}] {
				if f.Severity == Error || (opts.Strict && f.Severity == Warning) {
					if first == "" {
						first = f.Message
					}
					failing = append(failing, f.Error())
				} else {
					other = append(other, f.Error())
				}
			}
			if len(failing) > 0 {
				c.Failure = &junitFailure{Type: rule, Message: first, Body: strings.Join(failing, "\n")}
				suite.Failures++
			}
			c.SystemOut = strings.Join(other, "\n")
			suite.Cases = append(suite.Cases, c)
		}
		suite.Tests = len(suite.Cases)
		out.Tests += suite.Tests
		out.Failures += suite.Failures
		out.Suites = append(out.Suites, suite)
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(out); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}
