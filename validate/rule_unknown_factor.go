package validate

import (
	"fmt"
	"sort"
	"strings"

	"github.com/mfactl/mfactl/findings"
	"github.com/mfactl/mfactl/source"
)

type ruleUnknownFactor struct{}

func (ruleUnknownFactor) Info() findings.RuleInfo {
	return findings.RuleInfo{ID: "unknown-factor", Severity: findings.Error,
		Short: "a factor type that Auth0 does not know",
		Help:  "Action commands take otp, email, phone, push-notification (or push), webauthn-roaming, webauthn-platform and recovery-code; guardianFactors names the phone factor sms. An unknown type is dropped with a `w` tenant log, and when nothing is left the command fails with `mfar`."}
}

func (ruleUnknownFactor) Check(c *Context) {
	for _, a := range c.Tenant.Actions {
		for _, call := range mfaCalls(c.Parsed(a)) {
			known := challengeTypes
			if call.Method.IsEnroll() {
				known = append(enrollTypes, "email") // email in an enrollment has its own rule
			}
			bad := 0
			for _, f := range call.Factors {
				if !has(known, f.Type) && !source.IsPlaceholder(f.Type) {
					bad++
				}
			}
			for _, f := range call.Factors {
				if has(known, f.Type) || source.IsPlaceholder(f.Type) {
					continue // a type from a keyword with no mapping is unknown, not wrong
				}
				hint := ""
				switch f.Type {
				case "sms", "voice":
					hint = `; the phone factor is "phone" in Action code (choose SMS or voice with options.preferredMethod)`
				default:
					hint = closest(f.Type, known)
				}
				c.Report(c.CodeSpan(a, f.TypeSpan), severityFor(bad, len(call.Factors)+len(call.Computed)),
					"unknown factor type %q in %s; expected one of %s%s", f.Type, call.Method.Short(), quoted(known), hint)
			}
		}
	}
}

func quoted(list []string) string {
	s := append([]string(nil), list...)
	sort.Strings(s)
	for i := range s {
		s[i] = fmt.Sprintf("%q", s[i])
	}
	return strings.Join(s, ", ")
}

func closest(s string, list []string) string {
	return suggestName(s, list)
}
