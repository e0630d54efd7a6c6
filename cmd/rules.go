package cmd

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/mfactl/mfactl/config"
	"github.com/mfactl/mfactl/findings"
	"github.com/mfactl/mfactl/internal/ruledoc"
	"github.com/mfactl/mfactl/validate"
)

// The rule documentation is in the binary: users of a release have no docs/rules.md. Both commands
// print the same text as that page (internal/ruledoc renders both).

// ruleFormats are the formats of rules and explain.
var ruleFormats = []string{"text", "json", "markdown"}

const rulesLong = `Rules lists every rule mfactl validate checks: its id (the [rule-id] at the end of each finding),
its usual severity and what it finds. 'mfactl explain RULE' prints why a rule matters, with a failing
and a passing example; the same pages are at ` + findings.DocsBaseURI + `.

--format json gives {"version":1,"rules":[{"id","severity","summary","help","docs"}]}; markdown a table
for a wiki or pull request. The format comes from the flag only (not MFACTL_FORMAT or mfactl.yaml,
which set validate's).`

const explainLong = `Explain prints why a validate rule matters and how to fix what it finds, with a failing example, the
exact finding mfactl validate gives on it, and a passing example: the rule's section of
` + findings.DocsBaseURI + `, from the same source.

RULE is a rule id, as printed at the end of each finding ([enroll-email]); 'mfactl rules' lists them.
--format markdown prints the section of docs/rules.md exactly; json gives
{"id","severity","summary","help","why","fail":[{"name","content"}],"finding","pass":[…],"docs"}.`

func newRulesCmd(app *App) *cobra.Command {
	c := &cobra.Command{
		Use:   "rules",
		Short: "List the validate rules: id, severity and what each finds",
		Long:  rulesLong,
		Example: `  mfactl rules
  mfactl rules --format json | jq -r '.rules[] | select(.severity == "error") | .id'`,
		Args: maxArgs(0),
		RunE: func(c *cobra.Command, _ []string) error {
			format, _ := c.Flags().GetString("format")
			if err := enumFlag("format", format, ruleFormats...); err != nil {
				return err
			}
			return writeRules(app.Stdout, format, validate.Infos(validate.All()))
		},
		ValidArgsFunction: cobra.NoFileCompletions,
	}
	c.Flags().String("format", "text", "output format: text, json or markdown")
	return c
}

func writeRules(w io.Writer, format string, rules []findings.RuleInfo) error {
	switch format {
	case "json":
		type rule struct {
			ID       string `json:"id"`
			Severity string `json:"severity"`
			Summary  string `json:"summary"`
			Help     string `json:"help"`
			Docs     string `json:"docs"`
		}
		out := struct {
			Version int    `json:"version"`
			Rules   []rule `json:"rules"`
		}{Version: 1, Rules: []rule{}}
		for _, r := range rules {
			out.Rules = append(out.Rules, rule{r.ID, r.Severity.String(), r.Short, r.Help, r.HelpURI()})
		}
		return writeJSON(w, out)
	case "markdown":
		var b strings.Builder
		b.WriteString("| rule | severity | what it finds |\n|---|---|---|\n")
		for _, r := range rules {
			fmt.Fprintf(&b, "| [`%s`](%s) | %s | %s |\n", r.ID, r.HelpURI(), r.Severity, strings.ReplaceAll(r.Short, "|", `\|`))
		}
		_, err := io.WriteString(w, b.String())
		return err
	}
	idWidth := len("RULE")
	for _, r := range rules {
		idWidth = max(idWidth, len(r.ID))
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%-*s  %-8s  %s\n", idWidth, "RULE", "SEVERITY", "WHAT IT FINDS")
	for _, r := range rules {
		fmt.Fprintf(&b, "%-*s  %-8s  %s\n", idWidth, r.ID, r.Severity, r.Short)
	}
	fmt.Fprintf(&b, "\n%d rules. 'mfactl explain RULE' shows why a rule matters, with examples.\n", len(rules))
	_, err := io.WriteString(w, b.String())
	return err
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

func newExplainCmd(app *App) *cobra.Command {
	c := &cobra.Command{
		Use:   "explain RULE",
		Short: "Explain a validate rule: why it matters, a failing and a passing example",
		Long:  explainLong,
		Example: `  mfactl explain enroll-email
  mfactl explain mfa-toggle --format markdown`,
		Args: func(c *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usagef("%s takes one rule id, such as enroll-email; 'mfactl rules' lists them\nRun '%s --help' for usage.", c.CommandPath(), c.CommandPath())
			}
			return nil
		},
		RunE: func(c *cobra.Command, args []string) error {
			format, _ := c.Flags().GetString("format")
			if err := enumFlag("format", format, ruleFormats...); err != nil {
				return err
			}
			info, err := findRule(args[0])
			if err != nil {
				return err
			}
			ex, _ := ruledoc.Lookup(info.ID)
			return writeExplain(app.Stdout, format, info, ex)
		},
		ValidArgsFunction: func(_ *cobra.Command, args []string, prefix string) ([]cobra.Completion, cobra.ShellCompDirective) {
			if len(args) > 0 {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			var out []cobra.Completion
			for _, r := range validate.Infos(validate.All()) {
				if strings.HasPrefix(r.ID, prefix) {
					out = append(out, cobra.CompletionWithDesc(r.ID, r.Short))
				}
			}
			return out, cobra.ShellCompDirectiveNoFileComp
		},
	}
	c.Flags().String("format", "text", "output format: text, json or markdown (the section of docs/rules.md)")
	return c
}

// findRule returns the rule with id; an unknown id is a usage error with the closest id.
func findRule(id string) (findings.RuleInfo, error) {
	rules := validate.Infos(validate.All())
	ids := make([]string, len(rules))
	for i, r := range rules {
		if r.ID == id {
			return r, nil
		}
		ids[i] = r.ID
	}
	// A rule as printed in a finding: [enroll-email].
	if t := strings.TrimSuffix(strings.TrimPrefix(id, "["), "]"); t != id {
		if r, err := findRule(t); err == nil {
			return r, nil
		}
	}
	return findings.RuleInfo{}, usagef("unknown rule %q%s\nRun 'mfactl rules' for the list of rules.", id, config.Suggest(id, ids))
}

func writeExplain(w io.Writer, format string, info findings.RuleInfo, ex *ruledoc.Example) error {
	switch format {
	case "markdown":
		_, err := io.WriteString(w, ruledoc.Section(info, ex))
		return err
	case "json":
		type file struct {
			Name    string `json:"name"`
			Content string `json:"content"`
		}
		files := func(fs []ruledoc.File) []file {
			out := []file{}
			for _, f := range fs {
				out = append(out, file{f.Name, f.Data})
			}
			return out
		}
		out := struct {
			ID       string `json:"id"`
			Severity string `json:"severity"`
			Summary  string `json:"summary"`
			Help     string `json:"help"`
			Why      string `json:"why"`
			Fail     []file `json:"fail"`
			Finding  string `json:"finding"`
			Pass     []file `json:"pass"`
			Docs     string `json:"docs"`
		}{ID: info.ID, Severity: info.Severity.String(), Summary: info.Short, Help: info.Help, Docs: info.HelpURI(),
			Fail: []file{}, Pass: []file{}}
		if ex != nil {
			out.Why, out.Fail, out.Finding, out.Pass = ex.Why, files(ex.Fail), ex.Finding, files(ex.Pass)
		}
		return writeJSON(w, out)
	}
	_, err := io.WriteString(w, ruledoc.Text(info, ex, 80))
	return err
}
