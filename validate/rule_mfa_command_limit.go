package validate

import (
	"fmt"
	"strings"

	"github.com/mfactl/mfactl/actioncode"
	"github.com/mfactl/mfactl/findings"
)

type ruleMFACommandLimit struct{}

// maxCommands is how many of the four MFA commands Auth0 runs in one login.
const maxCommands = 4

func (ruleMFACommandLimit) Info() findings.RuleInfo {
	return findings.RuleInfo{ID: "mfa-command-limit", Severity: findings.Error,
		Short: "more than four MFA commands can run in one login",
		Help:  "\"Actions (or series of Actions) in a tenant can only execute four of the following commands per user flow: enrollWith, enrollWithAny, challengeWith, challengeWithAny.\" A fifth is an authentication error. mfactl counts along paths through the bound Actions: sequential calls add up, branches of if/else, switch and ?: are alternatives (the largest counts), and a call in a loop or callback may run any number of times."}
}

func (ruleMFACommandLimit) Check(c *Context) {
	minTotal, maxTotal, unbounded := 0, 0, false
	var parts []string
	var overMin, overMax *BoundAction
	var minBefore, maxBefore int // commands of the Actions before the one that goes over
	var loopCall *actioncode.Call
	var loopAction *BoundAction
	for i := range c.Flow {
		b := &c.Flow[i]
		an := b.Code
		if an == nil || len(mfaCalls(an)) == 0 {
			continue
		}
		prevMin, prevMax := minTotal, maxTotal
		minTotal += an.MinCommands
		if an.MaxCommands == actioncode.Unbounded {
			unbounded = true
			for _, call := range mfaCalls(an) {
				if call.InLoop && loopCall == nil {
					call := call
					loopCall, loopAction = &call, b
				}
			}
			parts = append(parts, fmt.Sprintf("%s: any number", b.Action.Name.Value))
		} else {
			maxTotal += an.MaxCommands
			parts = append(parts, fmt.Sprintf("%s: %s", b.Action.Name.Value, countRange(an.MinCommands, an.MaxCommands)))
		}
		if overMin == nil && minTotal > maxCommands {
			overMin, minBefore = b, prevMin
		}
		if overMax == nil && maxTotal > maxCommands {
			overMax, maxBefore = b, prevMax
		}
	}
	breakdown := strings.Join(parts, ", ")
	switch {
	case overMin != nil:
		c.Report(c.CodeSpan(overMin.Action, overLimit(overMin.Code, minBefore).Span), findings.Error,
			"every login runs at least %d MFA commands (%s); Auth0 runs at most %d of challengeWith, challengeWithAny, enrollWith and enrollWithAny per login, and the fifth fails it",
			minTotal, breakdown, maxCommands)
	case overMax != nil:
		c.Report(c.CodeSpan(overMax.Action, overLimit(overMax.Code, maxBefore).Span), findings.Warning,
			"some logins can run %d MFA commands (%s); Auth0 runs at most %d per login, and the fifth fails it",
			maxTotal, breakdown, maxCommands)
	case unbounded && loopCall != nil:
		c.Report(c.CodeSpan(loopAction.Action, loopCall.Span), findings.Warning,
			"%s is called in a loop or callback, so one login can run any number of MFA commands; Auth0 runs at most %d per login, and the fifth fails it",
			loopCall.Method.Short(), maxCommands)
	}
}

func countRange(lo, hi int) string {
	if lo == hi {
		return fmt.Sprint(lo)
	}
	return fmt.Sprintf("%d to %d", lo, hi)
}

// overLimit returns the command of an Action that goes over the limit when before commands ran in
// the Actions ahead of it: its (maxCommands-before+1)-th MFA command run by onExecutePostLogin, in
// source order (the last one when a branch holds fewer), or its first when none is attributed.
func overLimit(an *actioncode.Analysis, before int) actioncode.Call {
	all := mfaCalls(an)
	var run []actioncode.Call
	for _, call := range all {
		if call.Handler == "onExecutePostLogin" {
			run = append(run, call)
		}
	}
	if len(run) == 0 {
		return all[0]
	}
	i := min(max(maxCommands-before, 0), len(run)-1)
	return run[i]
}
