package validate

import "github.com/mfactl/mfactl/findings"

type ruleDuplicateAction struct{}

func (ruleDuplicateAction) Info() findings.RuleInfo {
	return findings.RuleInfo{ID: "duplicate-action", Severity: findings.Error,
		Short: "two Actions have the same name",
		Help:  "Actions are matched to the tenant and bound by name; the Deploy CLI refuses duplicate names."}
}

func (ruleDuplicateAction) Check(c *Context) {
	seen := map[string]int{}
	for _, a := range c.Tenant.Actions {
		if !a.Name.Set || a.Name.Unknown {
			continue
		}
		if line, ok := seen[a.Name.Value]; ok {
			c.Report(a.Name.Span, findings.Error, "action %q is already defined at line %d; action names must be unique", a.Name.Value, line)
			continue
		}
		seen[a.Name.Value] = a.Name.Span.Line
	}
}
