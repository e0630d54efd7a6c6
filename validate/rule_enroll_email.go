package validate

import "github.com/mfactl/mfactl/findings"

type ruleEnrollEmail struct{}

func (ruleEnrollEmail) Info() findings.RuleInfo {
	return findings.RuleInfo{ID: "enroll-email", Severity: findings.Error,
		Short: "email is passed to enrollWith or enrollWithAny",
		Help:  "Email is a challenge-only factor: the enrollment page lists otp, recovery-code, push-notification, phone, webauthn-platform and webauthn-roaming. Users with a verified email are enrolled in it implicitly once the factor is enabled. In an enrollment it is dropped (tenant log `w`), and when nothing else is offered the command fails (`mfar`)."}
}

func (ruleEnrollEmail) Check(c *Context) {
	for _, a := range c.Tenant.Actions {
		for _, call := range mfaCalls(c.Parsed(a)) {
			if !call.Method.IsEnroll() {
				continue
			}
			bad := 0
			for _, f := range call.Factors {
				if f.Type == "email" {
					bad++
				}
			}
			for _, f := range call.Factors {
				if f.Type == "email" {
					c.Report(c.CodeSpan(a, f.TypeSpan), severityFor(bad, len(call.Factors)+len(call.Computed)),
						"email cannot be enrolled with %s; it is a challenge-only factor (use challengeWith, or enroll otp, phone, push-notification or WebAuthn)", call.Method.Short())
				}
			}
		}
	}
}
