package validate

import (
	"github.com/mfactl/mfactl/findings"
	"github.com/mfactl/mfactl/jsrt"
)

type ruleUnusedDependency struct{}

func (ruleUnusedDependency) Info() findings.RuleInfo {
	return findings.RuleInfo{ID: "unused-dependency", Severity: findings.Info,
		Short: "an Action declares an npm dependency that its code never requires",
		Help: "Every declared dependency is installed when the Action is built, which costs build time and can fail the build, for nothing when no code requires it. " +
			"A `require` of a subpath (`lodash/get`) counts for its package. Not reported when the code calls `require` with a computed name, which may load any package."}
}

func (ruleUnusedDependency) Check(c *Context) {
	for _, a := range c.Tenant.Actions {
		an := c.Parsed(a)
		if an == nil || an.DynamicRequire {
			continue
		}
		used := map[string]bool{}
		for _, req := range an.Requires {
			used[jsrt.PackageName(req.Name)] = true
		}
		for _, d := range a.Dependencies {
			if !d.Name.Set || d.Name.Value == "" || used[d.Name.Value] {
				continue
			}
			c.Report(d.Name.Span, findings.Info,
				"action %q declares the dependency %s, but its code never requires it; remove it, or require it where it is needed",
				a.Name.Value, d.Name.Value)
		}
	}
}
