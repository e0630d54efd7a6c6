package validate

import (
	"github.com/mfactl/mfactl/findings"
	"github.com/mfactl/mfactl/jsrt"
)

type ruleUndeclaredDependency struct{}

func (ruleUndeclaredDependency) Info() findings.RuleInfo {
	return findings.RuleInfo{ID: "undeclared-dependency", Severity: findings.Error,
		Short: "an Action requires an npm package that its dependencies do not list",
		Help: "Auth0 installs only the packages an Action's `dependencies` list, so `require('x')` of any other package fails every login that reaches it with `Cannot find module 'x'`. " +
			"Node's built-in modules (`crypto`, `node:url` …) need no entry. A subpath (`lodash/get`, `@scope/pkg/x`) needs its package. " +
			"Only a `require` with a literal name is checked; a relative path (`./x`) is not a package (an Action is one file: `mfactl simulate` reports it), and a computed name cannot be checked."}
}

func (ruleUndeclaredDependency) Check(c *Context) {
	for _, a := range c.Tenant.Actions {
		an := c.Parsed(a)
		if an == nil {
			continue
		}
		declared := map[string]bool{}
		for _, d := range a.Dependencies {
			declared[d.Name.Value] = true
		}
		reported := map[string]bool{}
		for _, req := range an.Requires {
			pkg := jsrt.PackageName(req.Name)
			if pkg == "" || jsrt.IsNodeBuiltin(req.Name) || declared[pkg] || reported[pkg] {
				continue
			}
			reported[pkg] = true
			c.Report(c.CodeSpan(a, req.Span), findings.Error,
				"require('%s'): %s is not in the dependencies of action %q, and Auth0 installs only those, so every login that reaches this line fails with Cannot find module '%s'; add it to the action in tenant.yaml: dependencies: - {name: %s, version: latest} (or the version you test with)",
				req.Name, pkg, a.Name.Value, req.Name, pkg)
		}
	}
}
