package validate

import "github.com/mfactl/mfactl/findings"

type ruleActionNotDeployed struct{}

func (ruleActionNotDeployed) Info() findings.RuleInfo {
	return findings.RuleInfo{ID: "action-not-deployed", Severity: findings.Warning,
		Short: "an Action bound to post-login is not deployed: true",
		Help: "Auth0's troubleshooting checklist: \"Ensure your Actions have been deployed and saved in your Pipeline.\" Without deployed: true (false, or absent) the Deploy CLI and mfactl deploy save the code as a draft only: logins keep running the version deployed before, not the code in the file that validate and simulate check. " +
			"That is what an export writes for an Action with draft changes, and the login still works, so this is a warning, not an error; only when the Action has never been deployed does binding it fail the deploy, which mfactl cannot see offline."}
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
		} else if !a.Deployed.Span.IsZero() {
			continue // deployed: has the wrong type: wrong-type says so
		}
		c.Report(span, findings.Warning,
			"action %q is bound to post-login but %s: a deploy saves this code as a draft only, so logins keep running the version deployed before (and binding an Action that was never deployed fails the deploy); validate and simulate check the code in the file. Set deployed: true to run it",
			a.Name.Value, how)
	}
}
