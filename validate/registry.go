package validate

// All returns every rule, in the order the documentation lists them.
func All() []Rule {
	rules := append([]Rule(nil), loaderRules...)
	return append(rules,
		ruleActionJSSyntax{},
		ruleHandlerMissing{},
		ruleHandlerNotAsync{},
		ruleContinueHandlerMissing{},
		ruleMFAToggle{},
		ruleUnknownFactor{},
		ruleEnrollEmail{},
		ruleFactorNotEnabled{},
		ruleMFAUnknownKey{},
		rulePhoneVoice{},
		rulePhoneSMS{},
		ruleComputedFactors{},
		ruleMFACommandLimit{},
		ruleEnrollWithoutChallenge{},
		ruleRedirectInMFAAction{},
		ruleRedirectBeforeMFA{},
		ruleMFAActionUnbound{},
		ruleActionNotDeployed{},
		ruleBindingUnknownAction{},
		ruleBindingWrongTrigger{},
		ruleTriggerVersion{},
		ruleDuplicateAction{},
		ruleDuplicateBinding{},
		ruleDuplicateFactor{},
		ruleSecretPlaceholder{},
		ruleUndeclaredDependency{},
		ruleUnusedDependency{},
	)
}
