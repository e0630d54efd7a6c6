package validate

import (
	"github.com/mfactl/mfactl/config"
	"github.com/mfactl/mfactl/findings"
)

type ruleBindingUnknownAction struct{}

func (ruleBindingUnknownAction) Info() findings.RuleInfo {
	return findings.RuleInfo{ID: "binding-unknown-action", Severity: findings.Error,
		Short: "a post-login binding names an Action that is not in tenant.yaml",
		Help:  "Bindings refer to Actions by name. A binding to an Action that does not exist fails the deploy; one that exists only on the tenant cannot be checked or simulated."}
}

func (ruleBindingUnknownAction) Check(c *Context) {
	if c.Tenant.ActionsUnknown {
		return // the actions list comes from a keyword with no mapping
	}
	var names []string
	someUnknown := false
	for _, a := range c.Tenant.Actions {
		names = append(names, a.Name.Value)
		someUnknown = someUnknown || a.Name.Unknown
	}
	for _, b := range c.Flow {
		if b.Action != nil || !b.Binding.ActionName.Set || b.Binding.ActionName.Unknown || someUnknown {
			continue
		}
		if !c.Tenant.ActionsKey.Set {
			c.Report(b.Binding.ActionName.Span, findings.Warning,
				"binding to action %q, but tenant.yaml has no actions section; mfactl cannot check or simulate it", b.Binding.ActionName.Value)
			continue
		}
		c.Report(b.Binding.ActionName.Span, findings.Error, "binding to action %q, which is not in actions%s",
			b.Binding.ActionName.Value, suggestName(b.Binding.ActionName.Value, names))
	}
}

func suggestName(s string, names []string) string {
	return config.Suggest(s, names)
}
