package validate

import "github.com/mfactl/mfactl/findings"

type ruleEnrollWithoutChallenge struct{}

func (ruleEnrollWithoutChallenge) Info() findings.RuleInfo {
	return findings.RuleInfo{ID: "enroll-without-challenge", Severity: findings.Warning,
		Short: "an enrollment can run for an already-enrolled user before any challenge",
		Help:  "\"Users must complete an MFA challenge using one of their existing enrolledFactors before they can enroll in additional factors.\" Otherwise the enrollment fails with `mfar` (\"An MFA enrollment was requested but the user is already enrolled in MFA…\"). Challenge first (as the official sample does with challengeWithAny), or enroll only when event.user.enrolledFactors is empty."}
}

func (ruleEnrollWithoutChallenge) Check(c *Context) {
	challengedBefore := false
	for _, b := range c.Flow {
		an := b.Code
		if an == nil {
			continue
		}
		if !challengedBefore {
			for _, call := range mfaCalls(an) {
				if call.Method.IsEnroll() && call.EnrollBeforeChallenge {
					c.Report(c.CodeSpan(b.Action, call.Span), findings.Warning,
						"%s can run before any challenge; for users who already have a factor (including a verified email when the email factor is enabled) it fails with mfar. Challenge an enrolled factor first, or check event.user.enrolledFactors",
						call.Method.Short())
				}
			}
		}
		if an.ChallengesOnEveryPath {
			challengedBefore = true
		}
	}
}
