package simulate

// The tenant log type codes the simulation writes (docs/simulation.md §3, §5), with what each means
// for the login: the trace colours them by it, and the scenarios file's expect.logs[].type must name
// one of them.

// logClass is what a log type says about the login.
type logClass int

const (
	logNeutral logClass = iota // a step of the login (gd_start_auth, gd_send_sms …)
	logSuccess                 // the login succeeded (s)
	logWarning                 // a factor was dropped (w)
	logFailure                 // something failed or was refused (f, mfar, gd_auth_failed …)
)

var logTypes = map[string]logClass{
	"s":                             logSuccess,
	"w":                             logWarning,
	"f":                             logFailure,
	"mfar":                          logFailure,
	"actions_execution_failed":      logFailure,
	"gd_auth_failed":                logFailure,
	"gd_auth_rejected":              logFailure,
	"gd_recovery_failed":            logFailure,
	"gd_webauthn_challenge_failed":  logFailure,
	"gd_webauthn_enrollment_failed": logFailure,
	"gd_start_auth":                 logNeutral,
	"gd_start_enroll":               logNeutral,
	"gd_send_sms":                   logNeutral,
	"gd_send_voice":                 logNeutral,
	"gd_send_email":                 logNeutral,
	"gd_send_pn":                    logNeutral,
	"gd_auth_succeed":               logNeutral,
	"gd_enrollment_complete":        logNeutral,
	"gd_recovery_succeed":           logNeutral,
}

// LogTypes lists the log type codes the simulation writes, in order.
func LogTypes() []string { return sortedKeys(toAny(logTypes)) }

func toAny[V any](m map[string]V) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}
