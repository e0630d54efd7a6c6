package validate

import "github.com/mfactl/mfactl/findings"

type ruleComputedFactors struct{}

func (ruleComputedFactors) Info() findings.RuleInfo {
	return findings.RuleInfo{ID: "computed-factors", Severity: findings.Info,
		Short: "a factor list is computed at login time and cannot be checked statically",
		Help:  "mfactl resolves string literals and simple constants. A list built at login time (for example from event.user.enrolledFactors) is only known per user: use mfactl simulate with sample users to check it."}
}

func (ruleComputedFactors) Check(c *Context) {
	for _, a := range c.Tenant.Actions {
		for _, call := range mfaCalls(c.Parsed(a)) {
			for _, s := range call.Computed {
				c.Report(c.CodeSpan(a, s), findings.Info,
					"factors passed to %s are computed at login time, so mfactl cannot check them here; cover them with mfactl simulate", call.Method.Short())
			}
		}
	}
}
