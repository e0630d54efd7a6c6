package validate

// Factor types accepted by the Action commands (actions-semantics §3): `email` can be challenged but
// not enrolled; `push` is an alias of `push-notification`; the phone factor is `phone` in code and
// `sms` in guardianFactors.
var (
	challengeTypes = []string{"email", "otp", "phone", "push", "push-notification", "recovery-code", "webauthn-platform", "webauthn-roaming"}
	enrollTypes    = []string{"otp", "phone", "push", "push-notification", "recovery-code", "webauthn-platform", "webauthn-roaming"}
)

// guardianName maps a factor type as written in Action code to its guardianFactors name.
func guardianName(codeType string) string {
	switch codeType {
	case "phone":
		return "sms"
	case "push":
		return "push-notification"
	}
	return codeType
}

func has(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
