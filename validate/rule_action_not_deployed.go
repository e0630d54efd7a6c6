package validate

import "github.com/mfactl/mfactl/findings"

type ruleActionNotDeployed struct{}

func (ruleActionNotDeployed) Info() findings.RuleInfo {
	return findings.RuleInfo{ID: "action-not-deployed", Severity: findings.Error,
		Short: "an Action bound to post-login is not deployed: true",
		Help:  "Auth0's troubleshooting checklist: \"Ensure your Actions have been deployed and saved in your Pipeline.\" Without deployed: true the Deploy CLI only saves a draft; a binding to a never-deployed Action is refused, and an older deployed version keeps running otherwise."}
}

func (ruleActionNotDeployed) Check(c *Context) {
	for _, b := range c.Flow {
		a := b.Action
		if a == nil || (a.Deployed.Set && a.Deployed.Value) || a.Deployed.Unknown {
			continue
		}
		span := a.Name.Span
		how := "has no deployed: true"
		if a.Deployed.Set {
			span, how = a.Deployed.Span, "is deployed: false"
		}
		c.Report(span, findings.Error, "action %q is bound to post-login but %s; its code would not run as written", a.Name.Value, how)
	}
}
