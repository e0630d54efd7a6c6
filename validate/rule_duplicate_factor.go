package validate

import (
	"github.com/mfactl/mfactl/findings"
	"github.com/mfactl/mfactl/source"
)

type ruleDuplicateFactor struct{}

func (ruleDuplicateFactor) Info() findings.RuleInfo {
	return findings.RuleInfo{ID: "duplicate-factor", Severity: findings.Warning,
		Short: "a factor is listed twice in guardianFactors",
		Help:  "The Deploy CLI sends one PUT per listed factor, in parallel; with two entries for the same factor, which setting wins is a race."}
}

func (ruleDuplicateFactor) Check(c *Context) {
	if c.Tenant.Factors == nil {
		return
	}
	seen := map[string]source.Span{}
	for _, f := range c.Tenant.Factors.Items {
		if !f.Name.Set || f.Name.Unknown {
			continue
		}
		if prev, ok := seen[f.Name.Value]; ok {
			if prev.File != f.Name.Span.File {
				// The directory format: one file per factor, named by its "name" key.
				c.Report(f.Name.Span, findings.Warning, "factor %q is already listed in %s at line %d", f.Name.Value, prev.File, prev.Line)
				continue
			}
			c.Report(f.Name.Span, findings.Warning, "factor %q is already listed at line %d", f.Name.Value, prev.Line)
			continue
		}
		seen[f.Name.Value] = f.Name.Span
	}
}
