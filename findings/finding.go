// Package findings defines the one finding type every mfactl check produces, and renders lists of
// findings as text, JSON, SARIF 2.1.0, GitHub workflow annotations and JUnit XML.
package findings

import (
	"fmt"
	"sort"

	"github.com/mfactl/mfactl/source"
)

// Severity says how bad a finding is.
type Severity int

// Severities, from least to most severe.
const (
	Info Severity = iota
	Warning
	Error
)

// String returns "info", "warning" or "error".
func (s Severity) String() string {
	switch s {
	case Error:
		return "error"
	case Warning:
		return "warning"
	default:
		return "info"
	}
}

// MarshalText encodes the severity as its name.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Finding is one problem found in a file, at a position, by a rule.
type Finding struct {
	source.Span
	Severity Severity
	Rule     string
	Message  string
}

// Error formats the finding as file:line:col: severity: message [rule], on one line: its text is in
// Escape's notation, since it may quote an untrusted file.
func (f Finding) Error() string {
	return fmt.Sprintf("%s:%d:%d: %s: %s [%s]", Escape(f.File), f.Line, f.Col, f.Severity, Escape(f.Message), Escape(f.Rule))
}

// New returns a finding at span.
func New(span source.Span, sev Severity, rule, format string, args ...any) Finding {
	return Finding{Span: span, Severity: sev, Rule: rule, Message: fmt.Sprintf(format, args...)}
}

// RuleInfo describes a rule for documentation and for SARIF's rules list.
type RuleInfo struct {
	// ID is the stable kebab-case rule id.
	ID string
	// Severity is the rule's usual severity (some findings of a rule may differ).
	Severity Severity
	// Short is a one-line summary.
	Short string
	// Help explains why the rule matters and how to fix what it finds.
	Help string
	// Docs is where the rule is documented, when that is not its entry in docs/rules.md.
	Docs string
}

// HelpURI returns the rule's documentation address.
func (r RuleInfo) HelpURI() string {
	if r.Docs != "" {
		return r.Docs
	}
	return DocsBaseURI + "#" + r.ID
}

// DocsBaseURI is where docs/rules.md is published.
const DocsBaseURI = "https://github.com/mfactl/mfactl/blob/main/docs/rules.md"

// Sort orders findings by file, line, column, rule and message, and removes exact duplicates.
func Sort(fs []Finding) []Finding {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Col != b.Col {
			return a.Col < b.Col
		}
		if a.Rule != b.Rule {
			return a.Rule < b.Rule
		}
		return a.Message < b.Message
	})
	out := fs[:0]
	for i, f := range fs {
		if i > 0 && f == fs[i-1] {
			continue
		}
		out = append(out, f)
	}
	return out
}

// Summary counts findings by severity and the files that were checked.
type Summary struct {
	Errors   int `json:"errors"`
	Warnings int `json:"warnings"`
	Infos    int `json:"infos"`
	Files    int `json:"files"`
}

// Summarize counts fs; files is the number of files checked.
func Summarize(fs []Finding, files int) Summary {
	s := Summary{Files: files}
	for _, f := range fs {
		switch f.Severity {
		case Error:
			s.Errors++
		case Warning:
			s.Warnings++
		default:
			s.Infos++
		}
	}
	return s
}

// Report is everything a renderer needs: the findings, the files checked (for snippets and for
// per-file JUnit cases), and the rules (for SARIF). Only Findings is required: a report of a
// scenarios file's problems, with no rules and perhaps no source, renders in every format.
type Report struct {
	// Command names the run in JUnit's testsuites element; default "mfactl validate".
	Command  string
	Findings []Finding
	// Files are the files that were checked, in order; their text gives the source lines.
	Files []*source.File
	Rules []RuleInfo
	// Tool and Version name the producer.
	Tool    string
	Version string
}

// File returns the checked file with the given path, or nil.
func (r *Report) File(path string) *source.File {
	for _, f := range r.Files {
		if f.Path == path {
			return f
		}
	}
	return nil
}
