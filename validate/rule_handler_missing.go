package validate

import "github.com/mfactl/mfactl/findings"

type ruleHandlerMissing struct{}

func (ruleHandlerMissing) Info() findings.RuleInfo {
	return findings.RuleInfo{ID: "handler-missing", Severity: findings.Error,
		Short: "a post-login Action does not export onExecutePostLogin",
		Help: "Auth0 calls exports.onExecutePostLogin(event, api) for every login; without it the Action fails every login it is bound to. " +
			"Code in the Actions beta shape, module.exports = async (event, context) => { … } returning an object of side effects, is the retired pre-GA programming model (post-login v1): it must be migrated to exports.onExecutePostLogin calling api methods (Auth0: \"Migrate from Actions Beta to Final\"). On a v1 Action that shape is a warning that says so; on v2 or v3 nothing calls it, and a bound Action is an error."}
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
		if an.BetaHandler.Found {
			v := a.Supports("post-login").Version
			if !v.Set || v.Unknown || v.Value == "v1" {
				sev = findings.Warning
			}
			c.Report(c.CodeSpan(a, an.BetaHandler.Span), sev,
				"action %q has the retired Actions beta (post-login v1) handler shape, module.exports = async (event, context) => …; it must be migrated to exports.onExecutePostLogin = async (event, api) => { … }, calling api methods instead of returning an object (Auth0: \"Migrate from Actions Beta to Final\")", a.Name.Value)
			continue
		}
		c.Report(a.CodeFile.WholeFile(), sev, "action %q does not export onExecutePostLogin; write exports.onExecutePostLogin = async (event, api) => { … }", a.Name.Value)
	}
}
