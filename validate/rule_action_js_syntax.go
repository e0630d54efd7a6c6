package validate

import "github.com/mfactl/mfactl/findings"

type ruleActionJSSyntax struct{}

func (ruleActionJSSyntax) Info() findings.RuleInfo {
	return findings.RuleInfo{ID: "action-js-syntax", Severity: findings.Error,
		Short: "an Action's code is not valid JavaScript",
		Help:  "An Action that does not parse cannot be built or deployed; Auth0 reports it only when you deploy. The position is the JavaScript parser's."}
}

func (ruleActionJSSyntax) Check(c *Context) {
	for _, a := range c.Tenant.Actions {
		if an := c.Code[a]; an != nil && an.SyntaxError != nil {
			c.Report(c.CodeSpan(a, an.SyntaxError.Span), findings.Error, "JavaScript syntax error: %s", an.SyntaxError.Message)
		}
	}
}
