package validate

import (
	"github.com/mfactl/mfactl/actioncode"
	"github.com/mfactl/mfactl/findings"
)

type ruleContinueHandlerMissing struct{}

func (ruleContinueHandlerMissing) Info() findings.RuleInfo {
	return findings.RuleInfo{ID: "continue-handler-missing", Severity: findings.Error,
		Short: "an Action redirects with sendUserTo but does not export onContinuePostLogin",
		Help:  "After api.redirect.sendUserTo the login resumes at /continue by calling the same Action's onContinuePostLogin; without it the login cannot complete."}
}

func (ruleContinueHandlerMissing) Check(c *Context) {
	for _, a := range c.postLoginActions() {
		an := c.Parsed(a)
		if an == nil || an.ContinueHandler.Found {
			continue
		}
		if calls := callsOf(an, actioncode.SendUserTo); len(calls) > 0 {
			c.Report(c.CodeSpan(a, calls[0].Span), findings.Error,
				"action %q redirects with sendUserTo but does not export onContinuePostLogin, which Auth0 calls when the user comes back", a.Name.Value)
		}
	}
}
