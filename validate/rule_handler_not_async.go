package validate

import "github.com/mfactl/mfactl/findings"

type ruleHandlerNotAsync struct{}

func (ruleHandlerNotAsync) Info() findings.RuleInfo {
	return findings.RuleInfo{ID: "handler-not-async", Severity: findings.Error,
		Short: "an Action handler is not an async function",
		Help:  "The Actions runtime checks that the handler is an AsyncFunction and otherwise fails with `Invalid function signature for the \"onExecutePostLogin\" handler`. A plain function that returns a Promise is not enough."}
}

func (ruleHandlerNotAsync) Check(c *Context) {
	for _, a := range c.postLoginActions() {
		an := c.Parsed(a)
		if an == nil {
			continue
		}
		sev := findings.Warning
		if c.isBound(a) {
			sev = findings.Error
		}
		if h := an.ExecuteHandler; h.Found && !h.Async {
			c.Report(c.CodeSpan(a, h.Span), sev, "onExecutePostLogin must be declared async; Auth0 refuses other functions: write exports.onExecutePostLogin = async (event, api) => { … }")
		}
		if h := an.ContinueHandler; h.Found && !h.Async {
			c.Report(c.CodeSpan(a, h.Span), sev, "onContinuePostLogin must be declared async; Auth0 refuses other functions: write exports.onContinuePostLogin = async (event, api) => { … }")
		}
	}
}
