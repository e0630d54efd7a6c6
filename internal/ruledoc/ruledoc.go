// Package ruledoc renders the documentation of the validate rules: docs/rules.md, and what
// `mfactl rules` and `mfactl explain RULE` print. Each rule's examples are testdata/rules/<id>.txtar
// (a why comment, the failing files under fail/, the exact finding in fail.want, the passing files
// under pass/). The binary carries them in examples_gen.go, which `go test ./validate -update` writes
// from testdata/rules with docs/rules.md; tests fail when the two disagree.
package ruledoc

import (
	"bytes"
	"fmt"
	"go/format"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/mfactl/mfactl/findings"
)

// Example is one rule's examples.
type Example struct {
	// Why is the archive's comment: what the examples show.
	Why string
	// Fail are the files of the failing example (tenant.yaml first), Pass those of the passing one;
	// names are relative to the example's folder.
	Fail, Pass []File
	// Finding is the exact text output of mfactl validate on the failing example (fail.want).
	Finding string
}

// File is one file of an example.
type File struct {
	Name string
	Data string
}

// Parse reads a rule's examples from the text of its txtar archive.
func Parse(data []byte) *Example {
	a := txtar.Parse(data)
	ex := &Example{Why: strings.TrimSpace(string(a.Comment))}
	for _, f := range a.Files {
		switch {
		case f.Name == "fail.want":
			ex.Finding = strings.TrimSpace(string(f.Data))
		case strings.HasPrefix(f.Name, "fail/"):
			ex.Fail = append(ex.Fail, File{strings.TrimPrefix(f.Name, "fail/"), string(f.Data)})
		case strings.HasPrefix(f.Name, "pass/"):
			ex.Pass = append(ex.Pass, File{strings.TrimPrefix(f.Name, "pass/"), string(f.Data)})
		}
	}
	for _, files := range [][]File{ex.Fail, ex.Pass} {
		sort.SliceStable(files, func(i, j int) bool {
			return strings.HasSuffix(files[i].Name, "tenant.yaml") && !strings.HasSuffix(files[j].Name, "tenant.yaml")
		})
	}
	return ex
}

// Lookup returns the examples the binary carries for rule id.
func Lookup(id string) (*Example, bool) {
	data, ok := examples[id]
	if !ok {
		return nil, false
	}
	return Parse([]byte(data)), true
}

// Markdown is docs/rules.md: a table of rules, then a section per rule. example returns a rule's
// examples (nil when it has none).
func Markdown(rules []findings.RuleInfo, example func(id string) *Example) []byte {
	var b bytes.Buffer
	b.WriteString("# mfactl validate rules\n\n")
	b.WriteString("Generated from the rule registry and the examples in `testdata/rules/` by `go test ./validate -run TestRules -update`;\n")
	b.WriteString("a test fails when this page and the rules disagree. Each example's finding is the exact output of\n")
	b.WriteString("`mfactl validate --format text` on it (without the source snippet). The same text is in the binary:\n")
	b.WriteString("`mfactl rules` lists the rules, `mfactl explain RULE` prints one of these sections.\n\n")
	b.WriteString("Severity: **error** when the setup fails at login or at deploy for every user; **warning** when it fails for\n")
	b.WriteString("some users or is risky; **info** for what cannot be checked statically. Some rules report a lower severity\n")
	b.WriteString("when only part of a command is affected (noted in the rule).\n\n")
	b.WriteString("| rule | severity | what it finds |\n|---|---|---|\n")
	for _, i := range rules {
		fmt.Fprintf(&b, "| [`%s`](#%s) | %s | %s |\n", i.ID, i.ID, i.Severity, i.Short)
	}
	for _, i := range rules {
		b.WriteString("\n")
		b.WriteString(Section(i, example(i.ID)))
	}
	return b.Bytes()
}

// Section is a rule's section of docs/rules.md, from its "## id" heading on.
func Section(i findings.RuleInfo, ex *Example) string {
	var b strings.Builder
	fmt.Fprintf(&b, "## %s\n\n", i.ID)
	fmt.Fprintf(&b, "**%s** · %s.\n\n%s\n", i.Severity, capitalize(i.Short), i.Help)
	if ex == nil {
		return b.String()
	}
	if ex.Why != "" {
		fmt.Fprintf(&b, "\n%s\n", ex.Why)
	}
	writeFiles(&b, ex.Fail, "Fails")
	fmt.Fprintf(&b, "\nFinding:\n\n```\n%s\n```\n", ex.Finding)
	writeFiles(&b, ex.Pass, "Passes")
	return b.String()
}

func writeFiles(b *strings.Builder, files []File, title string) {
	fmt.Fprintf(b, "\n%s:\n", title)
	for _, f := range files {
		fmt.Fprintf(b, "\n`%s`\n\n```%s\n%s```\n", f.Name, lang(f.Name), f.Data)
	}
}

func lang(name string) string {
	switch {
	case strings.HasSuffix(name, ".js"):
		return "js"
	case strings.HasSuffix(name, ".json"):
		return "json"
	}
	return "yaml"
}

// Text is what `mfactl explain RULE` prints on a terminal: the rule's help wrapped to width, its
// examples indented, and where the page is published.
func Text(i findings.RuleInfo, ex *Example, width int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s (%s)\n%s.\n\n", i.ID, i.Severity, capitalize(i.Short))
	b.WriteString(Wrap(i.Help, width))
	b.WriteString("\n")
	if ex != nil {
		if ex.Why != "" {
			b.WriteString("\n" + Wrap(ex.Why, width) + "\n")
		}
		writeText(&b, ex.Fail, nil, "Fails")
		fmt.Fprintf(&b, "\nFinding:\n%s", indent(ex.Finding+"\n"))
		writeText(&b, ex.Pass, ex.Fail, "Passes")
	}
	fmt.Fprintf(&b, "\nDocumentation: %s\n", i.HelpURI())
	return b.String()
}

// writeText prints an example's files; a file the same as in same is named, not repeated.
func writeText(b *strings.Builder, files, same []File, title string) {
	fmt.Fprintf(b, "\n%s:\n", title)
	for _, f := range files {
		repeated := false
		for _, s := range same {
			repeated = repeated || (s.Name == f.Name && s.Data == f.Data)
		}
		if repeated {
			fmt.Fprintf(b, "\n  %s: as above\n", f.Name)
			continue
		}
		fmt.Fprintf(b, "\n  %s\n%s", f.Name, indent(f.Data))
	}
}

// indent puts four spaces before each non-empty line.
func indent(s string) string {
	lines := strings.SplitAfter(s, "\n")
	for i, l := range lines {
		if strings.TrimSpace(l) != "" {
			lines[i] = "    " + l
		}
	}
	return strings.Join(lines, "")
}

// Wrap breaks text into lines of at most width characters at spaces (a longer word stays whole);
// line breaks in text are kept.
func Wrap(text string, width int) string {
	var out []string
	for _, para := range strings.Split(text, "\n") {
		line := ""
		for _, w := range strings.Fields(para) {
			switch {
			case line == "":
				line = w
			case utf8.RuneCountInString(line)+1+utf8.RuneCountInString(w) > width:
				out = append(out, line)
				line = w
			default:
				line += " " + w
			}
		}
		out = append(out, line)
	}
	return strings.Join(out, "\n")
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// GoSource is examples_gen.go for the archives given by rule id.
func GoSource(archives map[string][]byte) ([]byte, error) {
	ids := make([]string, 0, len(archives))
	for id := range archives {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	var b bytes.Buffer
	b.WriteString("// Code generated by go test ./validate -run TestRulesDoc -update; DO NOT EDIT.\n")
	b.WriteString("// It is testdata/rules/*.txtar, so that mfactl explain carries every rule's examples.\n\n")
	b.WriteString("package ruledoc\n\n")
	b.WriteString("// examples are the txtar archives of testdata/rules, by rule id.\n")
	b.WriteString("var examples = map[string]string{\n")
	for _, id := range ids {
		fmt.Fprintf(&b, "%q: %s,\n", id, literal(string(archives[id])))
	}
	b.WriteString("}\n")
	return format.Source(b.Bytes())
}

// literal writes s as a raw string when it can be one (readable diffs), else quoted.
func literal(s string) string {
	if !utf8.ValidString(s) || strings.ContainsAny(s, "`\r\ufeff") {
		return strconv.Quote(s)
	}
	for _, r := range s {
		if r < ' ' && r != '\n' && r != '\t' {
			return strconv.Quote(s)
		}
	}
	return "`" + s + "`"
}
