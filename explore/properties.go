package explore

import (
	"fmt"
	"strings"

	"github.com/mfactl/mfactl/simulate"
)

// PropertyResult is one property of the scenarios file's explore.properties after the run.
type PropertyResult struct {
	Property string `json:"property"`
	Passed   bool   `json:"passed"`
	// Counterexample is the minimal failing state (nil when the property holds).
	Counterexample *Counterexample `json:"counterexample"`
	// Failures is the number of states that break it.
	Failures int `json:"-"`

	prop   *simulate.Property
	failed []bool // per state index
	// dev names the first failure's answers (devKey; "": the default ones); failedVar holds the
	// logins with such answers that break the property, by runKey, with their answers.
	dev       string
	failedVar map[string][]simulate.Answer
	first     State
	result    *simulate.Result
}

// Counterexample is a state that breaks a property, shrunk, with the outcome of its login and a
// scenario that reproduces it.
type Counterexample struct {
	Example
	Outcome  string `json:"outcome"`
	Error    string `json:"error,omitempty"`
	Scenario string `json:"scenario"`
}

// Holds says whether one login satisfies a property: kind is its class, event the event it started
// from (simulate.EventOf; only read when the property has when:).
func Holds(p *simulate.Property, kind string, res *simulate.Result, event map[string]any) bool {
	if p.When != nil && !Match(p.When, event) {
		return true
	}
	switch {
	case p.No != "":
		return kind != p.No
	case p.Never == "challenged":
		for _, pr := range res.Prompts {
			if pr.Kind == "challenge" || pr.Kind == "enroll" {
				return false
			}
		}
		return true
	case len(p.ChallengedWith) > 0:
		for _, pr := range res.Prompts {
			if pr.Kind == "challenge" && pr.Result == "success" && contains(p.ChallengedWith, pr.Chosen) {
				return true
			}
		}
		return false
	}
	return true
}

// Match is when:'s subset match: every key of a mapping in want is in got with a matching value (a
// null in want matches an absent or null field), every item of a list in want matches an item of
// got's list (so roles: [admin] matches a user with roles admin and editor), and other values are
// equal (numbers by value).
func Match(want, got any) bool {
	switch w := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			return false
		}
		for k, wv := range w {
			gv, present := g[k]
			if wv == nil {
				if present && gv != nil {
					return false
				}
				continue
			}
			if !present || !Match(wv, gv) {
				return false
			}
		}
		return true
	case []any:
		g, ok := got.([]any)
		if !ok {
			return false
		}
		for _, wv := range w {
			found := false
			for _, gv := range g {
				if Match(wv, gv) {
					found = true
					break
				}
			}
			if !found {
				return false
			}
		}
		return true
	case nil:
		return got == nil
	}
	if wn, ok := number(want); ok {
		gn, ok := number(got)
		return ok && wn == gn
	}
	return want == got
}

func number(v any) (float64, bool) {
	switch n := v.(type) {
	case float64:
		return n, true
	case int:
		return float64(n), true
	case int64:
		return float64(n), true
	}
	return 0, false
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// writeProperty writes a property's result for the text report.
func writeProperty(b *strings.Builder, p *PropertyResult) {
	if p.Passed {
		fmt.Fprintf(b, "property holds: %s\n", p.Property)
		return
	}
	fmt.Fprintf(b, "property FAILS (%s): %s\n", count(p.Failures, "state"), p.Property)
	if ce := p.Counterexample; ce != nil {
		outcome := ce.Outcome
		if ce.Error != "" {
			outcome += ": " + ce.Error
		}
		fmt.Fprintf(b, "  counterexample (%s):\n", outcome)
		for _, line := range strings.Split(strings.TrimRight(ce.Scenario, "\n"), "\n") {
			fmt.Fprintf(b, "    %s\n", line)
		}
	}
}
