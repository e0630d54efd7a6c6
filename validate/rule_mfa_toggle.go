package validate

import "github.com/mfactl/mfactl/findings"

type ruleMFAToggle struct{}

func (ruleMFAToggle) Info() findings.RuleInfo {
	return findings.RuleInfo{ID: "mfa-toggle", Severity: findings.Error,
		Short: "the \"Customize MFA Factors using Actions\" toggle is off while a bound Action calls an MFA command",
		Help:  "Auth0's troubleshooting checklist: \"The Customize MFA factors with Actions toggle must be enabled.\" With it off, challengeWith and enrollWith fail at login (\"MFA customized via PostLogin action but feature is not enabled.\") although the Action deploys fine. The setting is tenant.customize_mfa_in_postlogin_action, at the top level of tenant: (the Deploy CLI drops it under tenant.flags)."}
}

func (ruleMFAToggle) Check(c *Context) {
	s := c.Tenant.Settings
	if s != nil && s.MisplacedCustomizeMFA.Set {
		c.Report(s.MisplacedCustomizeMFA.Span, findings.Error,
			"customize_mfa_in_postlogin_action is not a tenant flag; the Deploy CLI drops it from tenant.flags. Move it to tenant.customize_mfa_in_postlogin_action")
	}
	if s != nil && (s.Unknown || s.CustomizeMFA.Unknown) {
		return // the toggle comes from a keyword with no mapping
	}
	for _, b := range c.Flow {
		calls := mfaCalls(b.Code)
		if len(calls) == 0 {
			continue
		}
		call := calls[0]
		switch {
		case s != nil && s.CustomizeMFA.Set && !s.CustomizeMFA.Value:
			c.Report(s.CustomizeMFA.Span, findings.Error,
				"customize_mfa_in_postlogin_action is false, but bound action %q calls %s (%s:%d); every login that reaches it fails. Set it to true",
				b.Action.Name.Value, call.Method.Short(), b.Action.CodeFile.Path, c.CodeSpan(b.Action, call.Span).Line)
		case s == nil || s.CustomizeMFA.Span.IsZero():
			c.Report(c.CodeSpan(b.Action, call.Span), findings.Warning,
				"%s needs the \"Customize MFA Factors using Actions\" toggle, which tenant.yaml does not set; add customize_mfa_in_postlogin_action: true under tenant:",
				call.Method.Short())
		}
		return
	}
}
