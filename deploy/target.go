package deploy

import (
	"github.com/mfactl/mfactl/config"
)

// DefaultRuntime is the runtime Auth0 gives an Action created without one.
const DefaultRuntime = "node22"

// Target is the MFA setup a tenant.yaml asks for. A nil or unset part is not managed: the tenant's
// value is left alone, as the Deploy CLI leaves absent sections alone.
type Target struct {
	Settings TenantSettings
	// Factors lists the factors named in guardianFactors with an enabled value, in file order.
	Factors []Factor
	// MessageTypes is nil when guardianPhoneFactorMessageTypes is absent.
	MessageTypes []string
	ManageTypes  bool
	// Provider is empty when guardianPhoneFactorSelectedProvider is absent.
	Provider string
	// Policies is nil when guardianPolicies is absent.
	Policies       []string
	ManagePolicies bool
	// Actions are the file's Actions that support post-login, in file order. ManageActions is false
	// when the `actions` key is absent (then nothing is created, changed or deleted).
	Actions       []TargetAction
	ManageActions bool
	// Bindings is the post-login flow in file order; ManageBindings is false when the key is absent.
	Bindings       []BindingRef
	ManageBindings bool
}

// TargetAction is one Action of the file.
type TargetAction struct {
	Spec ActionSpec
	// RuntimeSet is false when the file leaves runtime out (Auth0 then uses DefaultRuntime).
	RuntimeSet bool
	// Deploy is the file's `deployed: true`. Absent means false, as for the Deploy CLI (it deploys
	// only Actions marked deployed) and as validate's action-not-deployed rule reads it.
	Deploy bool
	// MissingSecretValues names secrets the file lists without a usable value; they cannot be sent.
	MissingSecretValues []string
}

// unsetSecret is what the Deploy CLI's own examples write for a secret whose value is not exported.
const unsetSecret = "_VALUE_NOT_SHOWN_"

// TargetOf reads the MFA setup a loaded tenant.yaml asks for.
func TargetOf(t *config.Tenant) *Target {
	tg := &Target{}
	if s := t.Settings; s != nil {
		if s.CustomizeMFA.Set {
			tg.Settings.CustomizeMFA = boolPtr(s.CustomizeMFA.Value)
		}
		if s.ShowFactorListOnEnrollment.Set {
			tg.Settings.ShowFactorListOnEnrollment = boolPtr(s.ShowFactorListOnEnrollment.Value)
		}
	}
	if t.Factors != nil {
		for _, f := range t.Factors.Items {
			if f.Name.Value != "" && f.Enabled.Set {
				tg.Factors = append(tg.Factors, Factor{Name: f.Name.Value, Enabled: f.Enabled.Value})
			}
		}
	}
	if t.MessageTypes != nil {
		tg.ManageTypes = true
		tg.MessageTypes = []string{}
		for _, m := range t.MessageTypes.Types {
			tg.MessageTypes = append(tg.MessageTypes, m.Value)
		}
	}
	if t.PhoneProvider != nil {
		tg.Provider = t.PhoneProvider.Provider.Value
	}
	if t.Policies != nil {
		tg.ManagePolicies = true
		tg.Policies = []string{}
		for _, p := range t.Policies.Policies {
			tg.Policies = append(tg.Policies, p.Value)
		}
	}
	tg.ManageActions = t.ActionsKey.Set
	for _, a := range t.Actions {
		if a.Supports(PostLogin) == nil || a.Name.Value == "" {
			continue
		}
		ta := TargetAction{
			Spec: ActionSpec{
				Name:    a.Name.Value,
				Runtime: a.Runtime.Value,
			},
			RuntimeSet: a.Runtime.Set && a.Runtime.Value != "",
			Deploy:     a.Deployed.Set && a.Deployed.Value,
		}
		if !ta.RuntimeSet {
			ta.Spec.Runtime = DefaultRuntime
		}
		if a.CodeFile != nil {
			ta.Spec.Code = string(a.CodeFile.Text)
		}
		for _, d := range a.Dependencies {
			ta.Spec.Dependencies = append(ta.Spec.Dependencies, Dependency{Name: d.Name.Value, Version: d.Version.Value})
		}
		for _, tr := range a.SupportedTriggers {
			ta.Spec.Triggers = append(ta.Spec.Triggers, Trigger{ID: tr.ID.Value, Version: tr.Version.Value})
		}
		for _, s := range a.Secrets {
			if !s.Value.Set || s.Value.Value == "" || s.Value.Value == unsetSecret {
				ta.MissingSecretValues = append(ta.MissingSecretValues, s.Name.Value)
			}
			ta.Spec.Secrets = append(ta.Spec.Secrets, Secret{Name: s.Name.Value, Value: s.Value.Value})
		}
		tg.Actions = append(tg.Actions, ta)
	}
	tg.ManageBindings = t.PostLoginKey.Set
	for _, b := range t.PostLogin {
		display := b.DisplayName.Value
		if display == "" {
			display = b.ActionName.Value
		}
		tg.Bindings = append(tg.Bindings, BindingRef{ActionName: b.ActionName.Value, DisplayName: display})
	}
	return tg
}

// Action returns the target Action with that name, or nil.
func (tg *Target) Action(name string) *TargetAction {
	for i := range tg.Actions {
		if tg.Actions[i].Spec.Name == name {
			return &tg.Actions[i]
		}
	}
	return nil
}

func boolPtr(b bool) *bool { return &b }
