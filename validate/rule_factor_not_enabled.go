package validate

import (
	"github.com/mfactl/mfactl/findings"
)

type ruleFactorNotEnabled struct{}

func (ruleFactorNotEnabled) Info() findings.RuleInfo {
	return findings.RuleInfo{ID: "factor-not-enabled", Severity: findings.Error,
		Short: "a factor used in a bound Action is not enabled in guardianFactors",
		Help:  "Auth0's troubleshooting checklist: \"Factors referenced in your Actions must be enabled in your tenant.\" A disabled factor is dropped from the command with a `w` tenant log; when no requested factor is left the command fails with `mfar` and the user cannot log in. Phone is enabled as sms in guardianFactors; push is push-notification."}
}

func (ruleFactorNotEnabled) Check(c *Context) {
	fs := c.Tenant.Factors
	for _, b := range c.Flow {
		calls := mfaCalls(b.Code)
		if len(calls) == 0 {
			continue
		}
		if fs == nil {
			c.Report(c.CodeSpan(b.Action, calls[0].Span), findings.Info,
				"tenant.yaml has no guardianFactors section, so mfactl cannot check that the factors action %q uses are enabled", b.Action.Name.Value)
			continue
		}
		for _, call := range calls {
			known := challengeTypes
			if call.Method.IsEnroll() {
				known = enrollTypes
			}
			bad := 0
			for _, f := range call.Factors {
				if has(known, f.Type) && !fs.Enabled(guardianName(f.Type)) && fs.Known(guardianName(f.Type)) {
					bad++
				}
			}
			for _, f := range call.Factors {
				name := guardianName(f.Type)
				if !has(known, f.Type) || fs.Enabled(name) || !fs.Known(name) {
					continue
				}
				state := "is not listed in guardianFactors (disabled by default)"
				if g := fs.Find(name); g != nil {
					state = "is not enabled in guardianFactors"
					if g.Enabled.Set {
						state = "has enabled: false in guardianFactors"
					}
				}
				alias := ""
				if name != f.Type {
					alias = " (as " + name + ")"
				}
				c.Report(c.CodeSpan(b.Action, f.TypeSpan), severityFor(bad, len(call.Factors)+len(call.Computed)),
					"factor %q%s used by %s %s", f.Type, alias, call.Method.Short(), state)
			}
		}
	}
}
