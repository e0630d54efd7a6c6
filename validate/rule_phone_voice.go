package validate

import "github.com/mfactl/mfactl/findings"

type rulePhoneVoice struct{}

func (rulePhoneVoice) Info() findings.RuleInfo {
	return findings.RuleInfo{ID: "phone-voice-disabled", Severity: findings.Error,
		Short: "phone with preferredMethod voice or both while message_types lacks voice",
		Help:  "The phone factor can send codes by SMS or voice; voice calls need voice in guardianPhoneFactorMessageTypes.message_types. A command asking for voice is dropped (`w`), or fails (`mfar`) when nothing else is offered."}
}

func (rulePhoneVoice) Check(c *Context) {
	mt := c.Tenant.MessageTypes
	if mt == nil || mt.Unknown {
		return
	}
	for _, b := range c.Flow {
		for _, call := range mfaCalls(b.Code) {
			bad := 0
			for _, f := range call.Factors {
				if f.Type == "phone" && (f.PreferredMethod == "voice" || f.PreferredMethod == "both") && !mt.Has("voice") {
					bad++
				}
			}
			for _, f := range call.Factors {
				if f.Type == "phone" && (f.PreferredMethod == "voice" || f.PreferredMethod == "both") && !mt.Has("voice") {
					c.Report(c.CodeSpan(b.Action, f.PreferredSpan), severityFor(bad, len(call.Factors)+len(call.Computed)),
						"phone with preferredMethod %q needs voice in guardianPhoneFactorMessageTypes.message_types (line %d)", f.PreferredMethod, mt.Key.Line)
				}
			}
		}
	}
}
