// Package deploy reads a tenant's MFA setup through the Auth0 Management API, plans the changes that
// bring it to a tenant.yaml, applies them in a safe order, and exports a tenant back to files.
package deploy

import (
	"context"
	"errors"
	"fmt"
)

// API is the narrow view of the Management API that planning, applying and exporting need. The real
// implementation (NewClient) is built on github.com/auth0/go-auth0; tests use the in-process fake in
// internal/fakeauth0 through the same client.
type API interface {
	// TenantSettings reads the MFA fields of GET /tenants/settings.
	TenantSettings(ctx context.Context) (TenantSettings, error)
	// UpdateTenantSettings sends PATCH /tenants/settings with only the fields that are set.
	UpdateTenantSettings(ctx context.Context, patch TenantSettings) error

	// Factors lists GET /guardian/factors.
	Factors(ctx context.Context) ([]Factor, error)
	// SetFactor sends PUT /guardian/factors/{name} {"enabled": enabled}.
	SetFactor(ctx context.Context, name string, enabled bool) error
	// MessageTypes reads GET /guardian/factors/phone/message-types; ErrUnavailable on 403 or 404.
	MessageTypes(ctx context.Context) ([]string, error)
	// SetMessageTypes sends PUT /guardian/factors/phone/message-types; ErrUnavailable on 403 or 404.
	SetMessageTypes(ctx context.Context, types []string) error
	// SelectedProvider reads GET /guardian/factors/phone/selected-provider; ErrUnavailable on 403/404.
	SelectedProvider(ctx context.Context) (string, error)
	// SetSelectedProvider sends PUT /guardian/factors/phone/selected-provider; ErrUnavailable on 403/404.
	SetSelectedProvider(ctx context.Context, provider string) error
	// Policies reads GET /guardian/policies.
	Policies(ctx context.Context) ([]string, error)
	// SetPolicies sends PUT /guardian/policies (an empty slice is sent as []).
	SetPolicies(ctx context.Context, policies []string) error

	// Actions lists every custom (not Marketplace) Action that supports the post-login trigger,
	// all pages of GET /actions/actions?triggerId=post-login.
	Actions(ctx context.Context) ([]Action, error)
	// Action reads GET /actions/actions/{id}.
	Action(ctx context.Context, id string) (Action, error)
	// CreateAction sends POST /actions/actions. It is never retried on 5xx: the caller re-lists
	// by name instead, so a create that did happen is not made twice.
	CreateAction(ctx context.Context, spec ActionSpec) (Action, error)
	// UpdateAction sends PATCH /actions/actions/{id}.
	UpdateAction(ctx context.Context, id string, spec ActionSpec) (Action, error)
	// DeployAction sends POST /actions/actions/{id}/deploy and returns the new version.
	DeployAction(ctx context.Context, id string) (Version, error)
	// DeleteAction sends DELETE /actions/actions/{id}?force=true.
	DeleteAction(ctx context.Context, id string) error

	// Bindings lists every page of GET /actions/triggers/{trigger}/bindings, in execution order.
	Bindings(ctx context.Context, trigger string) ([]Binding, error)
	// SetBindings sends PATCH /actions/triggers/{trigger}/bindings with refs by action name, in order.
	SetBindings(ctx context.Context, trigger string, refs []BindingRef) error
}

// TenantSettings are the tenant settings mfactl manages. A nil field is unknown (read) or not sent
// (write).
type TenantSettings struct {
	// CustomizeMFA is customize_mfa_in_postlogin_action, the "Customize MFA Factors using Actions" toggle.
	CustomizeMFA *bool
	// ShowFactorListOnEnrollment is flags.mfa_show_factor_list_on_enrollment.
	ShowFactorListOnEnrollment *bool
}

// Factor is one Guardian factor as the API names it (sms, push-notification, otp, …).
type Factor struct {
	Name    string
	Enabled bool
}

// Action is a post-login Action as the tenant has it. Secret values are never returned by the API,
// so only names are kept.
type Action struct {
	ID           string
	Name         string
	Code         string
	Runtime      string
	Dependencies []Dependency
	SecretNames  []string
	Triggers     []Trigger
	// Status is the draft's build status, lower case: pending, building, packaged, built, retrying, failed.
	Status string
	// AllChangesDeployed is true when the draft equals the deployed version.
	AllChangesDeployed bool
	// Deployed is the deployed version, nil before the first deploy.
	Deployed *Version
}

// Version is an Action version.
type Version struct {
	ID       string
	Number   int
	Deployed bool
}

// ActionSpec is what mfactl sends to create or update an Action.
type ActionSpec struct {
	Name         string
	Code         string
	Runtime      string
	Dependencies []Dependency
	Triggers     []Trigger
	// Secrets are sent only when SendSecrets is true; the API replaces the whole secret set, and
	// leaving the key out keeps the existing secrets.
	Secrets     []Secret
	SendSecrets bool
}

// Dependency is an npm dependency of an Action.
type Dependency struct {
	Name    string
	Version string
}

// Secret is an Action secret with its value. Its value is never printed or logged.
type Secret struct {
	Name  string
	Value string
}

// String hides the value, so a secret printed by mistake shows only its name.
func (s Secret) String() string { return s.Name + "=<redacted>" }

// GoString hides the value from %#v too.
func (s Secret) GoString() string {
	return "deploy.Secret{Name:" + fmt.Sprintf("%q", s.Name) + ", Value:<redacted>}"
}

// Trigger is a supported trigger of an Action.
type Trigger struct {
	ID      string
	Version string
}

// Binding is one binding of a trigger, in execution order.
type Binding struct {
	ID          string
	ActionID    string
	ActionName  string
	DisplayName string
}

// BindingRef is one binding to send, referring to its Action by name.
type BindingRef struct {
	ActionName  string
	DisplayName string
}

// ErrUnavailable is returned for endpoints the tenant does not offer (403 or 404 on the legacy phone
// endpoints); planning skips them as the Deploy CLI does.
var ErrUnavailable = errors.New("not available on this tenant")

// APIError is an error answer of the Management API.
type APIError struct {
	Method string
	Path   string
	Status int
	// Code is errorCode from the body, when there is one.
	Code    string
	Message string
	// Scope is the scope the call needs, named in 403 messages.
	Scope string
}

func (e *APIError) Error() string {
	msg := fmt.Sprintf("%s %s: %d", e.Method, e.Path, e.Status)
	if e.Message != "" {
		msg += " " + e.Message
	}
	if e.Status == 403 && e.Scope != "" {
		msg += fmt.Sprintf(" (the application needs the %s scope)", e.Scope)
	}
	return msg
}
