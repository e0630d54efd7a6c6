package validate

import (
	"fmt"
	"strings"

	"github.com/mfactl/mfactl/actioncode"
	"github.com/mfactl/mfactl/config"
	"github.com/mfactl/mfactl/findings"
)

type ruleMFAActionUnbound struct{}

func (ruleMFAActionUnbound) Info() findings.RuleInfo {
	return findings.RuleInfo{ID: "mfa-action-unbound", Severity: findings.Warning,
		Short: "an Action that calls MFA commands is not bound to post-login",
		Help: "Auth0's troubleshooting checklist: \"Ensure your Action is listed in the flow.\" An Action runs at login only when it is bound to post-login; one that is not deploys fine, every login succeeds, and the MFA it asks for is simply not enforced. " +
			"Warning, not error: nothing fails at login or at deploy, but the setup is a silent security risk, so --strict fails on it. " +
			"Error when a post-login: key is written where the Deploy CLI does not read bindings (at the top level or inside an Action: a mis-indented key; or misspelt under triggers): the file shows the Action was meant to be bound, and the Deploy CLI fails on such a key at deploy. " +
			"Info for an Action that is not deployed: true: a draft is not meant to run yet (a tenant export writes Library Actions that are not in the flow this way). " +
			"When tenant.yaml has no triggers.post-login at all, the deploy leaves the tenant's Login flow as it is, and the Action may be bound there, which mfactl cannot see; the message says so. " +
			"Actions whose only MFA call is api.multifactor.enable('none') are not reported."}
}

func (ruleMFAActionUnbound) Check(c *Context) {
	t := c.Tenant
	if t.BindingsUnknown {
		return // which Actions are bound comes from a keyword with no mapping
	}
	stray := strayPostLogin(t)
	for _, a := range t.Actions {
		if a.Name.Unknown || c.isBound(a) || isBoundByName(t, a) {
			continue
		}
		call, ok := firstMFACall(c.Parsed(a))
		if !ok {
			continue
		}
		where := c.CodeSpan(a, call.Span)
		what := fmt.Sprintf("action %q calls %s (%s:%d) but is not bound to post-login", a.Name.Value, call.Method.Short(), where.File, where.Line)
		sev := findings.Warning
		if !a.Deployed.Unknown && !(a.Deployed.Set && a.Deployed.Value) {
			sev = findings.Info
		}
		var why string
		switch {
		case stray.Set:
			why = fmt.Sprintf("the %s: at line %d, column %d is not where the Deploy CLI reads bindings (triggers: post-login:; check its indentation), so nothing binds the Action and the MFA it asks for is not enforced", stray.Value, stray.Span.Line, stray.Span.Col)
			sev = findings.Error
		case !t.PostLoginKey.Set && !t.TriggersKey.Set:
			why = "tenant.yaml has no triggers section, so a deploy leaves the tenant's Login flow as it is; unless the Action is bound there, the MFA it asks for is not enforced. Bind it under triggers: post-login:"
		case !t.PostLoginKey.Set:
			why = fmt.Sprintf("triggers (line %d) has no post-login list, so a deploy leaves the tenant's Login flow as it is; unless the Action is bound there, the MFA it asks for is not enforced. Bind it under triggers: post-login:", t.TriggersKey.Span.Line)
		case len(t.PostLogin) == 0:
			why = fmt.Sprintf("triggers.post-login (line %d) binds no Action, so after a deploy the MFA it asks for is not enforced for any user", t.PostLoginKey.Span.Line)
		default:
			why = fmt.Sprintf("triggers.post-login (line %d) does not list it, so after a deploy the MFA it asks for is not enforced for any user", t.PostLoginKey.Span.Line)
		}
		if sev == findings.Info {
			why += " (it is not deployed: true, so it may be a draft)"
		}
		c.Report(a.Name.Span, sev, "%s: %s", what, why)
	}
}

// firstMFACall returns the first call that asks for MFA: one of the four commands, or
// api.multifactor.enable with any provider but 'none'.
func firstMFACall(an *actioncode.Analysis) (actioncode.Call, bool) {
	if an == nil {
		return actioncode.Call{}, false
	}
	for _, call := range an.Calls {
		if call.Method.IsMFACommand() || (call.Method == actioncode.MultifactorEnable && !(call.StringArgSet && call.StringArg == "none")) {
			return call, true
		}
	}
	return actioncode.Call{}, false
}

// isBoundByName reports whether a binding names a (an Action with the same name may come first in
// the file; the binding then belongs to that one, and duplicate-action reports the pair).
func isBoundByName(t *config.Tenant, a *config.Action) bool {
	for _, b := range t.PostLogin {
		if b.ActionName.Value == a.Name.Value {
			return true
		}
	}
	return false
}

// strayPostLogin returns a post-login key written where the Deploy CLI does not read bindings: at the
// top level, inside an Action, or misspelt under triggers.
func strayPostLogin(t *config.Tenant) config.String {
	for _, s := range t.Stray {
		if s.Value == "post-login" {
			return s
		}
	}
	for _, k := range t.TriggerKeys {
		if k.Value != "post-login" && !k.Unknown && config.Distance(strings.ToLower(k.Value), "post-login") <= 2 {
			return k
		}
	}
	return config.String{}
}
