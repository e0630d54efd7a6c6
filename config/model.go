// Package config loads a Deploy CLI tenant.yaml into a typed model of the MFA setup in which every
// value keeps its position in the file, and loads each Action's code file beside it.
package config

import (
	"github.com/mfactl/mfactl/findings"
	"github.com/mfactl/mfactl/source"
)

// String is a string value from tenant.yaml with its position. Set is false when the key is absent.
type String struct {
	Value string
	Span  source.Span
	Set   bool
}

// Bool is a boolean value from tenant.yaml with its position. Set is false when the key is absent or
// its value is not a boolean.
type Bool struct {
	Value bool
	Span  source.Span
	Set   bool
}

// Tenant is the MFA subset of a tenant.yaml.
type Tenant struct {
	// File is tenant.yaml itself.
	File *source.File
	// Dir is the folder that holds tenant.yaml; Action code paths are relative to it.
	Dir string

	// Settings is the `tenant:` section; nil when absent.
	Settings *Settings
	// Factors is `guardianFactors`; nil when absent.
	Factors *Factors
	// MessageTypes is `guardianPhoneFactorMessageTypes`; nil when absent.
	MessageTypes *MessageTypes
	// PhoneProvider is `guardianPhoneFactorSelectedProvider`; nil when absent.
	PhoneProvider *PhoneProvider
	// Policies is `guardianPolicies`; nil when absent.
	Policies *Policies
	// Actions is `actions`, in file order; ActionsKey is unset when the key is absent.
	Actions    []*Action
	ActionsKey String
	// PostLogin is `triggers.post-login`, in file order (the Login flow, top to bottom); PostLoginKey
	// is unset when the key is absent.
	PostLogin    []*Binding
	PostLoginKey String

	// Unmanaged are the parts of the file mfactl deploy leaves to other tools, in file order: top-level
	// keys (clients, connections …), tenant.* settings other than the MFA ones, triggers other than
	// post-login.
	Unmanaged []string

	// Findings are the problems found while loading: YAML syntax, duplicate keys, wrong types,
	// unknown keys, unreadable code files.
	Findings []findings.Finding
}

// Settings is the `tenant:` section.
type Settings struct {
	Key source.Span
	// CustomizeMFA is tenant.customize_mfa_in_postlogin_action, the "Customize MFA Factors using
	// Actions" toggle.
	CustomizeMFA Bool
	// ShowFactorListOnEnrollment is tenant.flags.mfa_show_factor_list_on_enrollment.
	ShowFactorListOnEnrollment Bool
	// MisplacedCustomizeMFA is set when the toggle was written under tenant.flags, where the Deploy
	// CLI drops it.
	MisplacedCustomizeMFA String
}

// Factors is `guardianFactors`.
type Factors struct {
	Key   source.Span
	Items []*Factor
}

// Factor is one `guardianFactors` item.
type Factor struct {
	Span    source.Span
	Name    String
	Enabled Bool
}

// Enabled reports whether the factor named name (the guardianFactors spelling, e.g. "sms") is listed
// with enabled: true.
func (fs *Factors) Enabled(name string) bool {
	if fs == nil {
		return false
	}
	for _, f := range fs.Items {
		if f.Name.Value == name && f.Enabled.Set && f.Enabled.Value {
			return true
		}
	}
	return false
}

// Find returns the factor named name, or nil.
func (fs *Factors) Find(name string) *Factor {
	if fs == nil {
		return nil
	}
	for _, f := range fs.Items {
		if f.Name.Value == name {
			return f
		}
	}
	return nil
}

// MessageTypes is `guardianPhoneFactorMessageTypes`.
type MessageTypes struct {
	Key   source.Span
	Types []String
}

// Has reports whether t ("sms" or "voice") is listed.
func (m *MessageTypes) Has(t string) bool {
	if m == nil {
		return false
	}
	for _, s := range m.Types {
		if s.Value == t {
			return true
		}
	}
	return false
}

// PhoneProvider is `guardianPhoneFactorSelectedProvider`.
type PhoneProvider struct {
	Key      source.Span
	Provider String
}

// Policies is `guardianPolicies`.
type Policies struct {
	Key      source.Span
	Policies []String
}

// Has reports whether policy p is listed.
func (p *Policies) Has(policy string) bool {
	if p == nil {
		return false
	}
	for _, s := range p.Policies {
		if s.Value == policy {
			return true
		}
	}
	return false
}

// Action is one `actions` item.
type Action struct {
	Span              source.Span
	Name              String
	Code              String
	Runtime           String
	Deployed          Bool
	Status            String
	Dependencies      []Dependency
	Secrets           []Secret
	SupportedTriggers []TriggerRef

	// CodeFile is the Action's code, read and keyword-replaced; nil when it could not be read.
	CodeFile *source.File
	// CodePath is the resolved path of the code file on disk.
	CodePath string
}

// Supports returns the supported_triggers entry for trigger id, or nil.
func (a *Action) Supports(id string) *TriggerRef {
	for i := range a.SupportedTriggers {
		if a.SupportedTriggers[i].ID.Value == id {
			return &a.SupportedTriggers[i]
		}
	}
	return nil
}

// Dependency is one npm dependency of an Action.
type Dependency struct {
	Span    source.Span
	Name    String
	Version String
}

// Secret is one Action secret. Its value is never printed.
type Secret struct {
	Span  source.Span
	Name  String
	Value String
}

// TriggerRef is one supported_triggers entry.
type TriggerRef struct {
	Span    source.Span
	ID      String
	Version String
}

// Binding is one item of a trigger's binding list.
type Binding struct {
	Span        source.Span
	ActionName  String
	DisplayName String
}

// ActionByName returns the first Action with the given name, or nil.
func (t *Tenant) ActionByName(name string) *Action {
	for _, a := range t.Actions {
		if a.Name.Value == name {
			return a
		}
	}
	return nil
}

// Files returns tenant.yaml and every code file that was read, in file order.
func (t *Tenant) Files() []*source.File {
	files := []*source.File{t.File}
	for _, a := range t.Actions {
		if a.CodeFile != nil {
			files = append(files, a.CodeFile)
		}
	}
	return files
}
