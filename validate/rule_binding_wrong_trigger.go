package validate

import "github.com/mfactl/mfactl/findings"

type ruleBindingWrongTrigger struct{}

func (ruleBindingWrongTrigger) Info() findings.RuleInfo {
	return findings.RuleInfo{ID: "binding-wrong-trigger", Severity: findings.Error,
		Short: "an Action bound to post-login does not support the post-login trigger",
		Help:  "An Action can only be bound to a trigger listed in its supported_triggers; the Management API refuses the binding."}
}

func (ruleBindingWrongTrigger) Check(c *Context) {
	for _, b := range c.Flow {
		if b.Action == nil || b.Action.Supports("post-login") != nil || b.Action.TriggersUnknown {
			continue
		}
		c.Report(b.Binding.ActionName.Span, findings.Error,
			"action %q is bound to post-login but its supported_triggers does not list {id: post-login, version: v3}", b.Action.Name.Value)
	}
}
