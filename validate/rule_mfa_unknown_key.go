package validate

import (
	"fmt"

	"github.com/mfactl/mfactl/actioncode"
	"github.com/mfactl/mfactl/config"
	"github.com/mfactl/mfactl/findings"
)

type ruleMFAUnknownKey struct{}

func (ruleMFAUnknownKey) Info() findings.RuleInfo {
	return findings.RuleInfo{ID: "mfa-unknown-key", Severity: findings.Warning,
		Short: "a key the MFA commands ignore, in a factor object or its options",
		Help: "challengeWith, challengeWithAny, enrollWith and enrollWithAny read a factor as {type, options}; options takes preferredMethod for phone and otpFallback for push (other factors' options are free-form); the second argument of challengeWith and enrollWith takes additionalFactors. " +
			"Any other key is silently ignored: {type: 'phone', option: {preferredMethod: 'voice'}} sends codes by SMS, and {additionalFactor: […]} offers no other method. The login still works, so this is a warning."}
}

func (ruleMFAUnknownKey) Check(c *Context) {
	for _, a := range c.Tenant.Actions {
		for _, call := range mfaCalls(c.Parsed(a)) {
			for _, k := range call.UnknownKeys {
				c.Report(c.CodeSpan(a, k.Span), findings.Warning, "%s ignores %q in %s; it reads only %s%s",
					call.Method.Short(), k.Name, k.In, quoted(k.Known), keyHint(call.Method, k))
			}
		}
	}
}

// keyHint says where a key that belongs elsewhere goes, or suggests the key meant.
func keyHint(m actioncode.Method, k actioncode.ObjectKey) string {
	switch {
	case k.In == "a factor" && (k.Name == "preferredMethod" || k.Name == "otpFallback"):
		return fmt.Sprintf("; put it in the factor's options: {type: …, options: {%s: …}}", k.Name)
	case k.In == "a factor" && k.Name == "additionalFactors":
		if m == actioncode.ChallengeWith || m == actioncode.EnrollWith {
			return fmt.Sprintf("; it belongs in the second argument: %s({type: …}, {additionalFactors: […]})", m.Short())
		}
		return fmt.Sprintf("; %s takes the whole list of factors as its argument", m.Short())
	}
	return config.Suggest(k.Name, k.Known)
}
