package validate

import (
	"strings"

	"github.com/mfactl/mfactl/findings"
)

type ruleSecretPlaceholder struct{}

func (ruleSecretPlaceholder) Info() findings.RuleInfo {
	return findings.RuleInfo{ID: "secret-placeholder", Severity: findings.Warning,
		Short: "an Action secret has an empty or placeholder value",
		Help:  "An empty value, the exported marker _VALUE_NOT_SHOWN_, or an unreplaced ##KEY## would be deployed as the secret's value (Deploy CLI issues #437, #902). Provide the value through keyword replacement at deploy time. mfactl never prints secret values."}
}

func (ruleSecretPlaceholder) Check(c *Context) {
	for _, a := range c.Tenant.Actions {
		for _, s := range a.Secrets {
			if !s.Name.Set {
				continue
			}
			v := s.Value
			var why string
			switch {
			case !v.Set:
				why = "has no value"
			case strings.TrimSpace(v.Value) == "":
				why = "has an empty value"
			case v.Value == "_VALUE_NOT_SHOWN_":
				why = "has the placeholder _VALUE_NOT_SHOWN_ from an export as its value"
			case isPlaceholder(v.Value):
				why = "still has an unreplaced keyword as its value"
			default:
				continue
			}
			span := s.Name.Span
			if v.Set {
				span = v.Span
			}
			c.Report(span, findings.Warning, "secret %q of action %q %s; supply it with --keyword or the environment when you deploy", s.Name.Value, a.Name.Value, why)
		}
	}
}

func isPlaceholder(v string) bool {
	return len(v) > 4 && ((strings.HasPrefix(v, "##") && strings.HasSuffix(v, "##")) || (strings.HasPrefix(v, "@@") && strings.HasSuffix(v, "@@")))
}
