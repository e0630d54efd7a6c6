package validate

import "github.com/mfactl/mfactl/findings"

type ruleDuplicateBinding struct{}

func (ruleDuplicateBinding) Info() findings.RuleInfo {
	return findings.RuleInfo{ID: "duplicate-binding", Severity: findings.Warning,
		Short: "the same Action is bound to post-login more than once",
		Help:  "A second binding runs the Action twice in every login, doubling its MFA commands towards the limit of four."}
}

func (ruleDuplicateBinding) Check(c *Context) {
	seen := map[string]int{}
	for _, b := range c.Flow {
		name := b.Binding.ActionName
		if !name.Set || name.Unknown {
			continue
		}
		if line, ok := seen[name.Value]; ok {
			c.Report(name.Span, findings.Warning, "action %q is already bound to post-login at line %d; it would run twice in every login", name.Value, line)
			continue
		}
		seen[name.Value] = name.Span.Line
	}
}
