package validate

import (
	"github.com/mfactl/mfactl/actioncode"
	"github.com/mfactl/mfactl/findings"
)

type ruleRedirectInMFAAction struct{}

func (ruleRedirectInMFAAction) Info() findings.RuleInfo {
	return findings.RuleInfo{ID: "redirect-in-mfa-action", Severity: findings.Error,
		Short: "api.redirect.sendUserTo is in the same Action as an MFA command",
		Help:  "Auth0's Customize MFA Selection page: \"The redirect (sendUserTo) command must be in a separate Action from your MFA commands.\""}
}

func (ruleRedirectInMFAAction) Check(c *Context) {
	for _, a := range c.Tenant.Actions {
		an := c.Parsed(a)
		cmds := mfaCalls(an)
		if len(cmds) == 0 {
			continue
		}
		for _, r := range callsOf(an, actioncode.SendUserTo) {
			c.Report(c.CodeSpan(a, r.Span), findings.Error,
				"sendUserTo must be in a separate Action from MFA commands; action %q also calls %s (line %d)",
				a.Name.Value, cmds[0].Method.Short(), c.CodeSpan(a, cmds[0].Span).Line)
		}
	}
}
