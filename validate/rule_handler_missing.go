package validate

import "github.com/mfactl/mfactl/findings"

type ruleHandlerMissing struct{}

func (ruleHandlerMissing) Info() findings.RuleInfo {
	return findings.RuleInfo{ID: "handler-missing", Severity: findings.Error,
		Short: "a post-login Action does not export onExecutePostLogin",
		Help:  "Auth0 calls exports.onExecutePostLogin(event, api) for every login; without it the Action fails every login it is bound to."}
}

func (ruleHandlerMissing) Check(c *Context) {
	for _, a := range c.postLoginActions() {
		an := c.Parsed(a)
		if an == nil || an.ExecuteHandler.Found {
			continue
		}
		sev := findings.Warning
		if c.isBound(a) {
			sev = findings.Error
		}
		c.Report(a.CodeFile.WholeFile(), sev, "action %q does not export onExecutePostLogin; write exports.onExecutePostLogin = async (event, api) => { … }", a.Name.Value)
	}
}
