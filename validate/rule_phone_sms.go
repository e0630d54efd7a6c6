package validate

import (
	"github.com/mfactl/mfactl/actioncode"
	"github.com/mfactl/mfactl/findings"
)

type rulePhoneSMS struct{}

func (rulePhoneSMS) Info() findings.RuleInfo {
	return findings.RuleInfo{ID: "phone-sms-disabled", Severity: findings.Error,
		Short: "phone with preferredMethod sms or both while message_types lacks sms",
		Help: "The mirror of phone-voice-disabled: SMS codes need sms in guardianPhoneFactorMessageTypes.message_types. A command asking for phone with preferredMethod sms (or both) on a tenant that lists only voice is dropped (`w`), or fails (`mfar`) when nothing else is offered. " +
			"Without a preferredMethod, phone uses what the tenant lists (SMS first), so it is reported only when message_types lists neither sms nor voice. Without the section, the tenant's current setting stays and nothing is reported."}
}

func (rulePhoneSMS) Check(c *Context) {
	mt := c.Tenant.MessageTypes
	if mt == nil || mt.Unknown || mt.Has("sms") {
		return
	}
	lacks := func(f actioncode.FactorRef) bool {
		switch f.PreferredMethod {
		case "sms", "both":
			return true
		case "":
			return !mt.Has("voice")
		}
		return false
	}
	for _, b := range c.Flow {
		for _, call := range mfaCalls(b.Code) {
			bad := 0
			for _, f := range call.Factors {
				if f.Type == "phone" && lacks(f) {
					bad++
				}
			}
			for _, f := range call.Factors {
				if f.Type != "phone" || !lacks(f) {
					continue
				}
				sev := severityFor(bad, len(call.Factors)+len(call.Computed))
				if f.PreferredMethod == "" {
					c.Report(c.CodeSpan(b.Action, f.TypeSpan), sev,
						"phone needs sms or voice in guardianPhoneFactorMessageTypes.message_types (line %d), which lists neither", mt.Key.Line)
					continue
				}
				c.Report(c.CodeSpan(b.Action, f.PreferredSpan), sev,
					"phone with preferredMethod %q needs sms in guardianPhoneFactorMessageTypes.message_types (line %d)", f.PreferredMethod, mt.Key.Line)
			}
		}
	}
}
