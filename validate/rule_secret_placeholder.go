package validate

import (
	"strings"

	"github.com/mfactl/mfactl/findings"
)

type ruleSecretPlaceholder struct{}

func (ruleSecretPlaceholder) Info() findings.RuleInfo {
	return findings.RuleInfo{ID: "secret-placeholder", Severity: findings.Warning,
		Short: "an Action secret has an empty or placeholder value",
		Help:  "A secret listed by name only (as mfactl export writes it) keeps the tenant's value; mfactl deploy sends secrets only when an Action is created or its secret names change, and then needs every value. An empty value, the exported marker _VALUE_NOT_SHOWN_, or an unreplaced ##KEY## would be deployed as the secret's value (Deploy CLI issues #437, #902). Provide the value through keyword replacement at deploy time. mfactl never prints secret values."}
}

func (ruleSecretPlaceholder) Check(c *Context) {
	for _, a := range c.Tenant.Actions {
		for _, s := range a.Secrets {
			if !s.Name.Set || s.Value.Unknown {
				// A keyword with no mapping: the unresolved-keyword warning at the value says it.
				continue
			}
			v := s.Value
			var why string
			switch {
			case !v.Set:
				// The form mfactl export writes: the secret is managed by name, its value stays as
				// it is on the tenant unless the secret must be sent.
				c.Report(s.Name.Span, findings.Info,
					"secret %q of action %q has no value: mfactl deploy keeps the value the tenant has, and refuses to create the Action or change its secret names until a value is given", s.Name.Value, a.Name.Value)
				continue
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
