package explore

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/mfactl/mfactl/actioncode"
	"github.com/mfactl/mfactl/config"
	"github.com/mfactl/mfactl/findings"
	"github.com/mfactl/mfactl/jsrt"
	"github.com/mfactl/mfactl/simulate"
	"github.com/mfactl/mfactl/source"
)

// Rules are the rules of explore's failing classes, for SARIF's rules list.
var Rules = []findings.RuleInfo{
	{ID: "explore-" + LockedOut, Severity: findings.Error, Short: "some users cannot log in whatever they answer",
		Help: "mfactl explore found logins that fail although the user completes every prompt (an mfar, the fifth command, the toggle, an exception). The message gives the condition and a scenario that reproduces it with mfactl simulate. See docs/explore.md.", Docs: classesDocs},
	{ID: "explore-" + NeverChallenged, Severity: findings.Error, Short: "some users with enrolled factors are never asked for a second factor",
		Help: "mfactl explore found users with enrolled factors who log in with no MFA prompt. The message gives the condition and a scenario that reproduces it with mfactl simulate. See docs/explore.md.", Docs: classesDocs},
	{ID: "explore-property", Severity: findings.Error, Short: "a property of the scenarios file's explore.properties fails",
		Help: "mfactl explore found a login that breaks a property listed under explore.properties in the scenarios file. The message gives the property, how many states break it and a counterexample scenario that reproduces it with mfactl simulate. See docs/explore.md.", Docs: propertiesDocs},
}

// propertiesDocs is where explore's properties are documented.
const propertiesDocs = "https://github.com/mfactl/mfactl/blob/main/docs/explore.md#properties"

// classesDocs is where explore's classes are documented.
const classesDocs = "https://github.com/mfactl/mfactl/blob/main/docs/explore.md#the-classes"

// Findings gives one finding per failed property when the scenarios file has properties, else one per failing class (locked-out, never-challenged; fails says which kinds
// fail the run), at the Action command that failed when the example's run names it, else at the
// first post-login binding of tenant.yaml (or tenant.yaml itself).
func Findings(r *Report, t *config.Tenant, fails func(kind string) bool) []findings.Finding {
	var out []findings.Finding
	if len(r.Properties) > 0 {
		for _, p := range r.Properties {
			if p.Passed || p.Counterexample == nil {
				continue
			}
			msg := fmt.Sprintf("property fails (%s): %s\ncounterexample (%s):\n%s",
				count(p.Failures, "state"), p.Property, p.Counterexample.Outcome, strings.TrimRight(p.Counterexample.Scenario, "\n"))
			span := p.prop.Span
			if span.IsZero() {
				span = classSpan(&Class{}, t)
			}
			out = append(out, findings.Finding{Span: span, Severity: findings.Error, Rule: "explore-property", Message: msg})
		}
		return out
	}
	for _, c := range r.Classes {
		if (c.Kind != LockedOut && c.Kind != NeverChallenged) || !fails(c.Kind) {
			continue
		}
		msg := fmt.Sprintf("%s (%s): %s\nwhen: %s\nreproduce with this scenario:\n%s",
			c.Kind, count(c.Count, "state"), c.Cause, c.Condition, strings.TrimRight(c.Scenario, "\n"))
		out = append(out, findings.Finding{Span: classSpan(c, t), Severity: findings.Error, Rule: "explore-" + c.Kind, Message: msg})
	}
	return out
}

var locationRe = regexp.MustCompile(`:(\d+):(\d+)$`)

// classSpan finds where a class's example failed: the location of an Action's exception, else the
// call of the command its error names ("challengeWith failed: …") in the last Action that made it.
func classSpan(c *Class, t *config.Tenant) source.Span {
	if res := c.result; res != nil && c.Kind == LockedOut {
		for _, run := range res.Actions {
			a := t.ActionByName(run.Name)
			if run.Location == "" || a == nil || a.CodeFile == nil {
				continue
			}
			if m := locationRe.FindStringSubmatch(run.Location); m != nil {
				line, _ := strconv.Atoi(m[1])
				col, _ := strconv.Atoi(m[2])
				return a.CodeFile.SpanAt(line, col, 1)
			}
		}
		if method, _, ok := strings.Cut(res.Error, " failed"); ok && method != "" && !strings.ContainsAny(method, " .") {
			re := regexp.MustCompile(`\b` + regexp.QuoteMeta(method) + `\s*\(`)
			for i := len(res.Actions) - 1; i >= 0; i-- {
				run := res.Actions[i]
				a := t.ActionByName(run.Name)
				if a == nil || a.CodeFile == nil || !calls(run.Calls, method) {
					continue
				}
				if sp, ok := commandSite(a.CodeFile.Text, run, res, method); ok {
					return a.CodeFile.SpanOf(sp.Start, sp.End)
				}
				if loc := re.FindIndex(a.CodeFile.Text); loc != nil {
					return a.CodeFile.SpanOf(loc[0], loc[0]+len(method))
				}
			}
		}
	}
	for _, b := range t.PostLogin {
		if !b.Span.IsZero() {
			return b.Span
		}
	}
	if t.File != nil {
		return source.Span{File: t.File.Path, Line: 1, Col: 1}
	}
	return source.Span{}
}

// commandSite finds, in an Action's source, the call of an MFA command (method: "challengeWith" …)
// that failed in run: the one after those of the same method that showed a prompt in this login.
// Its site is the parsed call expression holding the offset the runtime recorded for it. Without
// one (a call made from another file), it is the call in the source whose factors are the ones the
// call was given; the j-th of several identical calls goes to the j-th such site, and a site whose
// factors are computed matches when no written one does. ok is false when the source has no call of
// the method.
func commandSite(src []byte, run simulate.ActionRun, res *simulate.Result, method string) (actioncode.Span, bool) {
	full := "authentication." + method
	var recorded []jsrt.Call
	for _, c := range run.Calls {
		if c.Method == full {
			recorded = append(recorded, c)
		}
	}
	var sites, computed []actioncode.Call
	for _, c := range actioncode.Analyze(src).Calls {
		if string(c.Method) == full {
			sites = append(sites, c)
		}
	}
	if len(sites) == 0 {
		return actioncode.Span{}, false
	}
	if len(recorded) == 0 {
		return sites[0].Span, true
	}
	done := 0
	for _, p := range res.Prompts {
		if p.Action == run.Name && p.Command == method {
			done++
		}
	}
	failing := min(done, len(recorded)-1)
	// The runtime records where each call was made: the call expression around that offset is the
	// site, wherever it is (a helper, a loop).
	if at := recorded[failing].Offset; at >= 0 {
		for _, c := range sites {
			if c.CallSpan.Start <= at && at < c.CallSpan.End {
				return c.Span, true
			}
		}
	}
	want := argFactors(recorded[failing])
	same := 0 // identical calls before the failing one
	for _, c := range recorded[:failing] {
		if argFactors(c) == want {
			same++
		}
	}
	var exact []actioncode.Call
	for _, c := range sites {
		if len(c.Computed) > 0 {
			computed = append(computed, c)
			continue
		}
		types := make([]string, len(c.Factors))
		for i, f := range c.Factors {
			types[i] = f.Type
		}
		if strings.Join(types, ",") == want {
			exact = append(exact, c)
		}
	}
	switch {
	case same < len(exact):
		return exact[same].Span, true
	case len(exact) > 0:
		return exact[0].Span, true
	case len(computed) > 0:
		return computed[0].Span, true
	}
	return sites[0].Span, true
}

// argFactors lists the factor types an MFA command was called with, as the runtime recorded its
// arguments: the list of the Any forms, or the factor then options.additionalFactors.
func argFactors(c jsrt.Call) string {
	var types []string
	add := func(v any) {
		if m, ok := v.(map[string]any); ok {
			t, _ := m["type"].(string)
			types = append(types, t)
		}
	}
	if len(c.Args) > 0 {
		if list, ok := c.Args[0].([]any); ok {
			for _, f := range list {
				add(f)
			}
		} else {
			add(c.Args[0])
			if len(c.Args) > 1 {
				if o, ok := c.Args[1].(map[string]any); ok {
					if more, ok := o["additionalFactors"].([]any); ok {
						for _, f := range more {
							add(f)
						}
					}
				}
			}
		}
	}
	return strings.Join(types, ",")
}

func calls(cs []jsrt.Call, method string) bool {
	for _, c := range cs {
		if c.Method == method || strings.HasSuffix(c.Method, "."+method) {
			return true
		}
	}
	return false
}
