package deploy

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/auth0/go-auth0/management"
	"golang.org/x/oauth2"
)

// Credentials are the Deploy CLI's AUTH0_* settings.
type Credentials struct {
	Domain       string
	ClientID     string
	ClientSecret string
	AccessToken  string
}

// ClientOptions tune the client.
type ClientOptions struct {
	// HTTPClient supplies the base transport (nil: http.DefaultTransport).
	HTTPClient *http.Client
	Retry      RetryPolicy
	// OnRequest is called once per HTTP attempt, token requests included.
	OnRequest func(method, path string, status int)
	UserAgent string
}

// CredentialsError says which AUTH0_* setting is missing or wrong. It never holds a secret.
type CredentialsError struct{ Msg string }

func (e *CredentialsError) Error() string { return e.Msg }

// AuthError is a failure to get a Management API token.
type AuthError struct {
	URL    string
	Detail string
}

func (e *AuthError) Error() string {
	return fmt.Sprintf("could not get a Management API token from %s: %s (check AUTH0_CLIENT_ID and AUTH0_CLIENT_SECRET, and that the application is authorized for the Management API)", e.URL, e.Detail)
}

// UnreachableError is a network failure to reach the tenant.
type UnreachableError struct {
	URL string
	Err error
}

func (e *UnreachableError) Error() string {
	return fmt.Sprintf("cannot reach the Management API at %s: %v", e.URL, e.Err)
}

func (e *UnreachableError) Unwrap() error { return e.Err }

// Client implements API on the official SDK, github.com/auth0/go-auth0.
type Client struct {
	m       *management.Management
	baseURL string
}

var _ API = (*Client)(nil)

// NewClient checks the credentials and builds a client. One token is fetched per run (lazily, on
// the first call) and reused.
func NewClient(ctx context.Context, creds Credentials, opts ClientOptions) (*Client, error) {
	base, insecure, err := parseDomain(creds.Domain)
	if err != nil {
		return nil, err
	}
	if creds.AccessToken == "" {
		var missing []string
		if creds.ClientID == "" {
			missing = append(missing, "AUTH0_CLIENT_ID")
		}
		if creds.ClientSecret == "" {
			missing = append(missing, "AUTH0_CLIENT_SECRET")
		}
		if len(missing) > 0 {
			return nil, &CredentialsError{Msg: strings.Join(missing, " and ") + " not set (or set AUTH0_ACCESS_TOKEN)"}
		}
	}
	baseTransport := http.DefaultTransport
	if opts.HTTPClient != nil && opts.HTTPClient.Transport != nil {
		baseTransport = opts.HTTPClient.Transport
	}
	httpClient := &http.Client{Transport: &retryTransport{base: baseTransport, policy: opts.Retry.withDefaults(), onRequest: opts.OnRequest}}
	// The token request goes through the same transport: retried and counted.
	ctx = context.WithValue(ctx, oauth2.HTTPClient, httpClient)

	options := []management.Option{management.WithNoRetries(), management.WithClient(httpClient), management.WithNoAuth0ClientInfo()}
	if insecure {
		options = append(options, management.WithInsecure())
	}
	if creds.AccessToken != "" {
		options = append(options, management.WithStaticToken(creds.AccessToken))
	} else {
		options = append(options, management.WithClientCredentials(ctx, creds.ClientID, creds.ClientSecret))
	}
	if opts.UserAgent != "" {
		options = append(options, management.WithUserAgent(opts.UserAgent))
	}
	m, err := management.New(base.Host, options...)
	if err != nil {
		return nil, &CredentialsError{Msg: fmt.Sprintf("AUTH0_DOMAIN %q: %v", creds.Domain, err)}
	}
	return &Client{m: m, baseURL: base.String()}, nil
}

// parseDomain accepts a bare host (https), an https:// URL, or an http:// URL of a loopback host.
func parseDomain(domain string) (*url.URL, bool, error) {
	domain = strings.TrimSpace(domain)
	if domain == "" {
		return nil, false, &CredentialsError{Msg: "AUTH0_DOMAIN is not set"}
	}
	raw := domain
	if !strings.Contains(raw, "://") {
		raw = "https://" + raw
	}
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || (u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.User != nil {
		return nil, false, &CredentialsError{Msg: fmt.Sprintf("AUTH0_DOMAIN %q is not a domain; give the tenant's domain, e.g. my-tenant.eu.auth0.com", domain)}
	}
	u.Path = ""
	switch u.Scheme {
	case "https":
		return u, false, nil
	case "http":
		host := u.Hostname()
		if ip := net.ParseIP(host); host == "localhost" || ip != nil && ip.IsLoopback() {
			return u, true, nil
		}
		return nil, false, &CredentialsError{Msg: fmt.Sprintf("AUTH0_DOMAIN %s: only https is allowed for a non-loopback host", domain)}
	}
	return nil, false, &CredentialsError{Msg: fmt.Sprintf("AUTH0_DOMAIN %q: unsupported scheme %q; use https", domain, u.Scheme)}
}

// scopes needed by each call, for 403 messages.
func scopeFor(method, path string) string {
	var resource string
	switch {
	case strings.HasPrefix(path, "tenants/"):
		resource = "tenant_settings"
	case strings.HasPrefix(path, "guardian/policies"):
		resource = "mfa_policies"
	case strings.HasPrefix(path, "guardian/"):
		resource = "guardian_factors"
	default:
		resource = "actions"
	}
	switch {
	case method == http.MethodGet:
		return "read:" + resource
	case method == http.MethodDelete:
		return "delete:" + resource
	case method == http.MethodPost:
		return "create:" + resource
	}
	return "update:" + resource
}

// wrap turns an SDK or transport error into an APIError, AuthError or UnreachableError.
func (c *Client) wrap(err error, method string, path ...string) error {
	if err == nil {
		return nil
	}
	p := strings.Join(path, "/")
	var re *oauth2.RetrieveError
	if errors.As(err, &re) {
		detail := re.ErrorCode
		if re.ErrorDescription != "" {
			detail += ": " + re.ErrorDescription
		}
		if detail == "" && re.Response != nil {
			detail = re.Response.Status
		}
		return &AuthError{URL: c.baseURL + "/oauth/token", Detail: detail}
	}
	var me management.Error
	if errors.As(err, &me) {
		msg := me.Error()
		// The SDK formats "<status> <reason>: <message>"; keep the message.
		if _, rest, ok := strings.Cut(msg, ": "); ok && strings.HasPrefix(msg, strconv.Itoa(me.Status())) {
			msg = rest
		}
		e := &APIError{Method: method, Path: "/api/v2/" + p, Status: me.Status(), Message: msg}
		if e.Status == http.StatusForbidden || e.Status == http.StatusUnauthorized {
			e.Scope = scopeFor(method, p)
		}
		if e.Status == http.StatusUnauthorized {
			e.Message += " (the token was rejected: check the credentials and that they belong to this tenant)"
		}
		return e
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	var ue *url.Error
	var ne net.Error
	var oe *net.OpError
	if errors.As(err, &ue) || errors.As(err, &ne) || errors.As(err, &oe) {
		cause := err
		if oe != nil {
			cause = oe
		}
		return &UnreachableError{URL: c.baseURL, Err: cause}
	}
	return fmt.Errorf("%s /api/v2/%s: %w", method, p, err)
}

// unavailable maps 403/404 on the legacy phone endpoints to ErrUnavailable.
func unavailable(err error) error {
	var ae *APIError
	if errors.As(err, &ae) && (ae.Status == 403 || ae.Status == 404) {
		return fmt.Errorf("%w: %v", ErrUnavailable, err)
	}
	return err
}

func (c *Client) TenantSettings(ctx context.Context) (TenantSettings, error) {
	t, err := c.m.Tenant.Read(ctx, management.Parameter("fields", "customize_mfa_in_postlogin_action,flags"), management.IncludeFields("customize_mfa_in_postlogin_action", "flags"))
	if err != nil {
		return TenantSettings{}, c.wrap(err, "GET", "tenants", "settings")
	}
	s := TenantSettings{CustomizeMFA: t.CustomizeMFAInPostLoginAction}
	if t.Flags != nil {
		s.ShowFactorListOnEnrollment = t.Flags.MFAShowFactorListOnEnrollment
	}
	return s, nil
}

func (c *Client) UpdateTenantSettings(ctx context.Context, patch TenantSettings) error {
	t := &management.Tenant{CustomizeMFAInPostLoginAction: patch.CustomizeMFA}
	if patch.ShowFactorListOnEnrollment != nil {
		t.Flags = &management.TenantFlags{MFAShowFactorListOnEnrollment: patch.ShowFactorListOnEnrollment}
	}
	return c.wrap(c.m.Tenant.Update(ctx, t), "PATCH", "tenants", "settings")
}

func (c *Client) Factors(ctx context.Context) ([]Factor, error) {
	list, err := c.m.Guardian.MultiFactor.List(ctx)
	if err != nil {
		return nil, c.wrap(err, "GET", "guardian", "factors")
	}
	out := make([]Factor, 0, len(list))
	for _, f := range list {
		out = append(out, Factor{Name: f.GetName(), Enabled: f.GetEnabled()})
	}
	return out, nil
}

func (c *Client) SetFactor(ctx context.Context, name string, enabled bool) error {
	body := map[string]bool{"enabled": enabled}
	err := c.m.Request(ctx, http.MethodPut, c.m.URI("guardian", "factors", name), &body)
	return c.wrap(err, "PUT", "guardian", "factors", name)
}

func (c *Client) MessageTypes(ctx context.Context) ([]string, error) {
	mt, err := c.m.Guardian.MultiFactor.Phone.MessageTypes(ctx)
	if err != nil {
		return nil, unavailable(c.wrap(err, "GET", "guardian", "factors", "phone", "message-types"))
	}
	if mt.MessageTypes == nil {
		return []string{}, nil
	}
	return *mt.MessageTypes, nil
}

func (c *Client) SetMessageTypes(ctx context.Context, types []string) error {
	types = nonNil(types)
	err := c.m.Guardian.MultiFactor.Phone.UpdateMessageTypes(ctx, &management.PhoneMessageTypes{MessageTypes: &types})
	return unavailable(c.wrap(err, "PUT", "guardian", "factors", "phone", "message-types"))
}

func (c *Client) SelectedProvider(ctx context.Context) (string, error) {
	p, err := c.m.Guardian.MultiFactor.Phone.Provider(ctx)
	if err != nil {
		return "", unavailable(c.wrap(err, "GET", "guardian", "factors", "phone", "selected-provider"))
	}
	return p.GetProvider(), nil
}

func (c *Client) SetSelectedProvider(ctx context.Context, provider string) error {
	err := c.m.Guardian.MultiFactor.Phone.UpdateProvider(ctx, &management.MultiFactorProvider{Provider: &provider})
	return unavailable(c.wrap(err, "PUT", "guardian", "factors", "phone", "selected-provider"))
}

func (c *Client) Policies(ctx context.Context) ([]string, error) {
	p, err := c.m.Guardian.MultiFactor.Policy(ctx)
	if err != nil {
		return nil, c.wrap(err, "GET", "guardian", "policies")
	}
	if p == nil {
		return []string{}, nil
	}
	return nonNil(*p), nil
}

func (c *Client) SetPolicies(ctx context.Context, policies []string) error {
	p := management.MultiFactorPolicies(nonNil(policies))
	return c.wrap(c.m.Guardian.MultiFactor.UpdatePolicy(ctx, &p), "PUT", "guardian", "policies")
}

// pageSize is the page size for lists; 100 is accepted by both lists mfactl reads.
const pageSize = 100

func (c *Client) Actions(ctx context.Context) ([]Action, error) {
	var out []Action
	for page := 0; ; page++ {
		l, err := c.m.Action.List(ctx, management.Parameter("triggerId", PostLogin), management.Page(page), management.PerPage(pageSize))
		if err != nil {
			return nil, c.wrap(err, "GET", "actions", "actions")
		}
		for _, a := range l.Actions {
			out = append(out, actionOf(a))
		}
		if len(l.Actions) < pageSize {
			return out, nil
		}
	}
}

func (c *Client) Action(ctx context.Context, id string) (Action, error) {
	a, err := c.m.Action.Read(ctx, id)
	if err != nil {
		return Action{}, c.wrap(err, "GET", "actions", "actions", id)
	}
	return actionOf(a), nil
}

func (c *Client) CreateAction(ctx context.Context, spec ActionSpec) (Action, error) {
	a := sdkAction(spec)
	if err := c.m.Action.Create(ctx, a); err != nil {
		return Action{}, c.wrap(err, "POST", "actions", "actions")
	}
	return actionOf(a), nil
}

func (c *Client) UpdateAction(ctx context.Context, id string, spec ActionSpec) (Action, error) {
	a := sdkAction(spec)
	if err := c.m.Action.Update(ctx, id, a); err != nil {
		return Action{}, c.wrap(err, "PATCH", "actions", "actions", id)
	}
	return actionOf(a), nil
}

func (c *Client) DeployAction(ctx context.Context, id string) (Version, error) {
	v, err := c.m.Action.Deploy(ctx, id)
	if err != nil {
		return Version{}, c.wrap(err, "POST", "actions", "actions", id, "deploy")
	}
	return Version{ID: v.GetID(), Number: v.Number, Deployed: v.Deployed}, nil
}

func (c *Client) DeleteAction(ctx context.Context, id string) error {
	return c.wrap(c.m.Action.Delete(ctx, id, management.Parameter("force", "true")), "DELETE", "actions", "actions", id)
}

func (c *Client) Bindings(ctx context.Context, trigger string) ([]Binding, error) {
	var out []Binding
	for page := 0; ; page++ {
		l, err := c.m.Action.Bindings(ctx, trigger, management.Page(page), management.PerPage(pageSize))
		if err != nil {
			return nil, c.wrap(err, "GET", "actions", "triggers", trigger, "bindings")
		}
		for _, b := range l.Bindings {
			bd := Binding{ID: b.GetID(), DisplayName: b.GetDisplayName()}
			if b.Action != nil {
				bd.ActionID, bd.ActionName = b.Action.GetID(), b.Action.GetName()
			}
			out = append(out, bd)
		}
		if len(l.Bindings) < pageSize {
			return out, nil
		}
	}
}

func (c *Client) SetBindings(ctx context.Context, trigger string, refs []BindingRef) error {
	bindings := make([]*management.ActionBinding, 0, len(refs))
	for _, r := range refs {
		bindings = append(bindings, &management.ActionBinding{
			Ref:         &management.ActionBindingReference{Type: strPtr("action_name"), Value: strPtr(r.ActionName)},
			DisplayName: strPtr(r.DisplayName),
		})
	}
	return c.wrap(c.m.Action.UpdateBindings(ctx, trigger, bindings), "PATCH", "actions", "triggers", trigger, "bindings")
}

func strPtr(s string) *string { return &s }

// sdkAction builds the request body of a create or update. Secrets go in only when they must be
// sent: the API replaces the whole set, and leaving the key out keeps the tenant's values.
func sdkAction(spec ActionSpec) *management.Action {
	a := &management.Action{Name: strPtr(spec.Name), Code: strPtr(spec.Code)}
	if spec.Runtime != "" {
		a.Runtime = strPtr(spec.Runtime)
	}
	deps := make([]management.ActionDependency, 0, len(spec.Dependencies))
	for _, d := range spec.Dependencies {
		deps = append(deps, management.ActionDependency{Name: strPtr(d.Name), Version: strPtr(d.Version)})
	}
	a.Dependencies = &deps
	for _, t := range spec.Triggers {
		a.SupportedTriggers = append(a.SupportedTriggers, management.ActionTrigger{ID: strPtr(t.ID), Version: strPtr(t.Version)})
	}
	if spec.SendSecrets {
		secrets := make([]management.ActionSecret, 0, len(spec.Secrets))
		for _, s := range spec.Secrets {
			secrets = append(secrets, management.ActionSecret{Name: strPtr(s.Name), Value: strPtr(s.Value)})
		}
		a.Secrets = &secrets
	}
	return a
}

func actionOf(a *management.Action) Action {
	out := Action{
		ID:                 a.GetID(),
		Name:               a.GetName(),
		Code:               a.GetCode(),
		Runtime:            a.GetRuntime(),
		Status:             strings.ToLower(a.GetStatus()),
		AllChangesDeployed: a.AllChangesDeployed,
	}
	if a.Dependencies != nil {
		for _, d := range *a.Dependencies {
			out.Dependencies = append(out.Dependencies, Dependency{Name: d.GetName(), Version: d.GetVersion()})
		}
	}
	if a.Secrets != nil {
		for _, s := range *a.Secrets {
			out.SecretNames = append(out.SecretNames, s.GetName())
		}
	}
	for _, t := range a.SupportedTriggers {
		out.Triggers = append(out.Triggers, Trigger{ID: t.GetID(), Version: t.GetVersion()})
	}
	if v := a.DeployedVersion; v != nil {
		out.Deployed = &Version{ID: v.GetID(), Number: v.Number, Deployed: v.Deployed}
	}
	return out
}
