// Package config loads a Deploy CLI tenant.yaml into a typed model of the MFA setup in which every
// value keeps its position in the file, and loads each Action's code file beside it.
package config

import (
	"github.com/mfactl/mfactl/findings"
	"github.com/mfactl/mfactl/source"
)

// String is a string value from tenant.yaml with its position. Set is false when the key is absent.
// Unknown is true when the value holds a @@KEY@@ or ##KEY## placeholder that has no mapping: Value is
// then the text as written (placeholder included), and rules that depend on the value say nothing.
type String struct {
	Value   string
	Span    source.Span
	Set     bool
	Unknown bool
}

// Bool is a boolean value from tenant.yaml with its position. Set is false when the key is absent or
// its value is not a boolean. Unknown is true (and Set false) when the value is a placeholder with no
// mapping: it may be either, so rules that depend on it say nothing.
type Bool struct {
	Value   bool
	Span    source.Span
	Set     bool
	Unknown bool
}

// Tenant is the MFA subset of a tenant.yaml.
type Tenant struct {
	// File is tenant.yaml itself.
	File *source.File
	// Dir is the folder that holds tenant.yaml; Action code paths are relative to it.
	Dir string
	// Directory is true for the Deploy CLI's directory format: Dir is the folder given, File is its
	// tenant.json (empty when there is none) and JSONFiles are the other JSON files read.
	Directory bool
	JSONFiles []*source.File

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
	// ActionsUnknown is true when the actions list itself is a placeholder with no mapping.
	ActionsUnknown bool
	// PostLogin is `triggers.post-login`, in file order (the Login flow, top to bottom); PostLoginKey
	// is unset when the key is absent.
	PostLogin    []*Binding
	PostLoginKey String
	// TriggersKey is the `triggers` key; unset when it is absent. TriggerKeys are the keys found in
	// it (trigger ids, or whatever was written there), in file order.
	TriggersKey String
	TriggerKeys []String
	// BindingsUnknown is true when triggers, or its post-login list, is a placeholder with no mapping,
	// or a binding's action_name is: which Actions are bound is then not known.
	BindingsUnknown bool
	// Stray are post-login-like keys found where the Deploy CLI does not read bindings: a trigger
	// id at the top level or inside an Action (a mis-indented post-login:), or a key of triggers
	// that is not a trigger id but close to post-login.
	Stray []String

	// Unknown are the values in the sections mfactl manages that hold a placeholder with no mapping
	// (each is also an unresolved-keyword warning). validate leaves them unjudged; deploy must not
	// send them.
	Unknown []source.Span

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
	// Unknown is true when the whole section is a placeholder with no mapping.
	Unknown bool
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
	// Unknown is true when the list, or an item's name, is a placeholder with no mapping: any factor
	// may then be enabled or not.
	Unknown bool
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

// Known reports whether tenant.yaml says for sure whether the factor named name is enabled: false
// when a placeholder with no mapping stands for the list, for a factor's name, or for this factor's
// enabled value.
func (fs *Factors) Known(name string) bool {
	if fs == nil {
		return true
	}
	if fs.Unknown {
		return false
	}
	for _, f := range fs.Items {
		if f.Name.Value == name && f.Enabled.Unknown {
			return false
		}
	}
	return true
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
	// Unknown is true when the list or one of its items is a placeholder with no mapping.
	Unknown bool
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
	// Unknown is true when the list or one of its items is a placeholder with no mapping.
	Unknown bool
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
	// TriggersUnknown is true when supported_triggers, or one of its ids, is a placeholder with no
	// mapping.
	TriggersUnknown bool

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
	for _, f := range t.JSONFiles {
		if f != t.File {
			files = append(files, f)
		}
	}
	for _, a := range t.Actions {
		if a.CodeFile != nil {
			files = append(files, a.CodeFile)
		}
	}
	return files
}
