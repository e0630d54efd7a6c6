package cmd

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/mfactl/mfactl/deploy"
)

// planFormats are deploy's plan formats: a table to read, JSON for scripts, markdown for a pull
// request comment.
var planFormats = []string{"text", "json", "markdown"}

// planView is a plan as deploy prints it, whatever the format.
type planView struct {
	Version     int          `json:"version"`
	Tenant      string       `json:"tenant"`
	DryRun      bool         `json:"dry_run"`
	Changes     []changeView `json:"changes"`
	Notes       []noteView   `json:"notes"`
	Problems    []string     `json:"problems"`
	NotDeployed []string     `json:"not_deployed"`
	Summary     planSummary  `json:"summary"`
}

type changeView struct {
	Kind     string         `json:"kind"`
	Resource string         `json:"resource"`
	Change   string         `json:"change"`
	Detail   string         `json:"detail"`
	Before   map[string]any `json:"before"`
	After    map[string]any `json:"after"`
}

type noteView struct {
	Resource string `json:"resource"`
	Message  string `json:"message"`
}

// planSummary answers what scripts ask of a plan: are there changes, and of what kind ("does this
// pull request touch the bindings?").
type planSummary struct {
	Changes int            `json:"changes"`
	Kinds   map[string]int `json:"kinds"`
}

func newPlanView(p *deploy.Plan, domain string, dryRun bool, notDeployed []string) planView {
	v := planView{Version: 1, Tenant: domain, DryRun: dryRun, Changes: []changeView{}, Notes: []noteView{},
		Problems: append([]string{}, p.Problems...), NotDeployed: append([]string{}, notDeployed...),
		Summary: planSummary{Changes: len(p.Steps), Kinds: map[string]int{}}}
	for _, s := range p.Steps {
		v.Changes = append(v.Changes, changeView{Kind: s.Phase.Kind(), Resource: s.Resource, Change: s.Change, Detail: s.Detail, Before: s.Before, After: s.After})
		v.Summary.Kinds[s.Phase.Kind()]++
	}
	for _, n := range p.Notes {
		v.Notes = append(v.Notes, noteView{n.Resource, n.Message})
	}
	return v
}

// writePlan prints the plan in format; every line goes through red (and the writer redacts again).
func writePlan(w io.Writer, format string, v planView, red *redactor) error {
	var b bytes.Buffer
	switch format {
	case "json":
		enc := json.NewEncoder(&b)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(v); err != nil {
			return err
		}
	case "markdown":
		writePlanMarkdown(&b, v, red)
	default:
		writePlanText(&b, v, red)
	}
	_, err := io.WriteString(w, red.redact(b.String()))
	return err
}

func writePlanText(b *bytes.Buffer, v planView, red *redactor) {
	if len(v.Changes) == 0 {
		fmt.Fprintf(b, "No changes: %s already has this MFA setup.\n", red.line(v.Tenant))
	} else {
		tw := tabwriter.NewWriter(b, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "RESOURCE\tCHANGE\tDETAIL")
		for _, c := range v.Changes {
			fmt.Fprintf(tw, "%s\t%s\t%s\n", red.line(c.Resource), red.line(c.Change), red.line(c.Detail))
		}
		_ = tw.Flush()
		fmt.Fprintf(b, "\n%s to %s.\n", capitalize(plural(len(v.Changes), "change")), red.line(v.Tenant))
	}
	for _, n := range v.Notes {
		fmt.Fprintf(b, "note: %s: %s\n", red.line(n.Resource), red.line(n.Message))
	}
	if len(v.NotDeployed) > 0 {
		fmt.Fprintf(b, "note: deploy leaves to other tools: %s\n", red.line(strings.Join(v.NotDeployed, ", ")))
	}
}

// writePlanMarkdown writes the plan for a pull request comment: a heading that says what it is, a
// table of the changes, the notes. Table cells escape |, and nothing from the file can open a code
// block or a link that the comment would render as mfactl's words.
func writePlanMarkdown(b *bytes.Buffer, v planView, red *redactor) {
	cell := func(s string) string {
		s = red.line(s)
		s = strings.NewReplacer("|", `\|`, "\n", " ", "`", "'", "<", "&lt;", ">", "&gt;", "[", `\[`, "]", `\]`).Replace(s)
		return s
	}
	what := "Plan"
	if v.DryRun {
		what = "Plan (dry run)"
	}
	fmt.Fprintf(b, "### mfactl deploy: %s for %s\n\n", what, cell(v.Tenant))
	if len(v.Changes) == 0 {
		b.WriteString("No changes: the tenant already has this MFA setup.\n")
	} else {
		kinds := make([]string, 0, len(v.Summary.Kinds))
		for k, n := range v.Summary.Kinds {
			kinds = append(kinds, fmt.Sprintf("%s %d", k, n))
		}
		sort.Strings(kinds)
		fmt.Fprintf(b, "**%s** (%s)\n\n", capitalize(plural(len(v.Changes), "change")), strings.Join(kinds, ", "))
		b.WriteString("| resource | change | detail |\n|---|---|---|\n")
		for _, c := range v.Changes {
			fmt.Fprintf(b, "| %s | %s | %s |\n", cell(c.Resource), cell(c.Change), cell(c.Detail))
		}
	}
	if len(v.Problems) > 0 {
		b.WriteString("\n**Cannot be applied:**\n\n")
		for _, p := range v.Problems {
			fmt.Fprintf(b, "- %s\n", cell(p))
		}
	}
	if len(v.Notes) > 0 {
		b.WriteString("\n")
		for _, n := range v.Notes {
			fmt.Fprintf(b, "- note: %s: %s\n", cell(n.Resource), cell(n.Message))
		}
	}
	if len(v.NotDeployed) > 0 {
		fmt.Fprintf(b, "\nLeft to other tools (not deployed by mfactl): %s\n", cell(strings.Join(v.NotDeployed, ", ")))
	}
}
