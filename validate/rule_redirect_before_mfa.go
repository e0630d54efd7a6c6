package validate

import (
	"github.com/mfactl/mfactl/actioncode"
	"github.com/mfactl/mfactl/findings"
)

type ruleRedirectBeforeMFA struct{}

func (ruleRedirectBeforeMFA) Info() findings.RuleInfo {
	return findings.RuleInfo{ID: "redirect-before-mfa", Severity: findings.Warning,
		Short: "an Action that redirects is bound before an Action with MFA commands",
		Help:  "The selection page warns that the Action with sendUserTo must come after the MFA Actions, \"otherwise MFA can be bypassed\". Bind redirecting Actions last."}
}

func (ruleRedirectBeforeMFA) Check(c *Context) {
	for i, b := range c.Flow {
		redirects := callsOf(b.Code, actioncode.SendUserTo)
		if len(redirects) == 0 {
			continue
		}
		for _, later := range c.Flow[i+1:] {
			if len(mfaCalls(later.Code)) > 0 && later.Action != b.Action {
				c.Report(b.Binding.ActionName.Span, findings.Warning,
					"action %q redirects with sendUserTo but is bound before action %q, which calls MFA commands; bind the redirecting Action after it, or MFA can be bypassed",
					b.Action.Name.Value, later.Action.Name.Value)
				break
			}
		}
	}
}
