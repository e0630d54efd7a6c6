package findings

import (
	"bufio"
	"encoding/xml"
	"io"
	"strconv"
	"strings"
)

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
// system-out. It counts first (the totals are attributes of the enclosing elements), then encodes one
// case at a time. Text from the findings is in Escape's notation: XML 1.0 cannot hold most control
// characters at all, and each finding stays on one line of the failure body.
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
	failing := func(f Finding) bool { return f.Severity == Error || (opts.Strict && f.Severity == Warning) }
	type key struct{ file, rule string }
	byCase := map[key][]int{}
	failed := map[key]bool{}
	fileFailures := map[string]int{}
	total := 0
	for i, f := range r.Findings {
		k := key{f.File, f.Rule}
		byCase[k] = append(byCase[k], i)
		if failing(f) && !failed[k] {
			failed[k] = true
			fileFailures[f.File]++
			total++
		}
	}

	command := r.Command
	if command == "" {
		command = "mfactl validate"
	}
	bw := bufio.NewWriter(w)
	bw.WriteString(xml.Header)
	enc := xml.NewEncoder(bw)
	enc.Indent("", "  ")
	attr := func(name, value string) xml.Attr { return xml.Attr{Name: xml.Name{Local: name}, Value: value} }
	count := func(name string, n int) xml.Attr { return attr(name, strconv.Itoa(n)) }
	suites := xml.StartElement{Name: xml.Name{Local: "testsuites"}, Attr: []xml.Attr{
		attr("name", command), count("tests", len(files)*len(rules)), count("failures", total)}}
	if err := enc.EncodeToken(suites); err != nil {
		return err
	}
	for _, file := range files {
		name := Escape(file)
		suite := xml.StartElement{Name: xml.Name{Local: "testsuite"}, Attr: []xml.Attr{attr("name", name),
			count("tests", len(rules)), count("failures", fileFailures[file]), count("errors", 0), count("skipped", 0)}}
		if err := enc.EncodeToken(suite); err != nil {
			return err
		}
		for _, rule := range rules {
			c := junitCase{ClassName: name, Name: Escape(rule)}
			var fail, other []string
			var first string
			for _, i := range byCase[key{file, rule}] {
				f := r.Findings[i]
				if failing(f) {
					if first == "" {
						first = Escape(f.Message)
					}
					fail = append(fail, f.Error())
				} else {
					other = append(other, f.Error())
				}
			}
			if len(fail) > 0 {
				c.Failure = &junitFailure{Type: Escape(rule), Message: first, Body: strings.Join(fail, "\n")}
			}
			c.SystemOut = strings.Join(other, "\n")
			if err := enc.EncodeElement(c, xml.StartElement{Name: xml.Name{Local: "testcase"}}); err != nil {
				return err
			}
		}
		if err := enc.EncodeToken(suite.End()); err != nil {
			return err
		}
	}
	if err := enc.EncodeToken(suites.End()); err != nil {
		return err
	}
	if err := enc.Flush(); err != nil {
		return err
	}
	bw.WriteString("\n")
	return bw.Flush()
}
