package deploy

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
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
	// OnToken is told each bearer token the client sends (once per token), so that the caller can
	// keep it out of everything it prints.
	OnToken   func(token string)
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
	msg := fmt.Sprintf("cannot reach the Management API at %s: %v", e.URL, e.Err)
	if wrongAddress(e.Err) {
		msg += "; check AUTH0_DOMAIN (your tenant's domain, such as example.eu.auth0.com, or its custom domain)"
	}
	return msg
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
	httpClient := &http.Client{Transport: &retryTransport{base: baseTransport, policy: opts.Retry.withDefaults(), onRequest: opts.OnRequest, onToken: opts.OnToken}}
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

// Response size limits: an answer larger than maxBody is refused, and an error body is read up to
// maxErrorBody (the rest is left unread).
const (
	maxBody      = 64 << 20
	maxErrorBody = 64 << 10
)

func apiPath(path []string) string { return "/api/v2/" + strings.Join(path, "/") }

// call sends one request through the SDK (its URL building, authentication and transport) and
// returns the body of a 2xx answer. Error answers become an APIError; the body is read here rather
// than by the SDK's typed calls, so that every answer's shape can be checked before it is used.
func (c *Client) call(ctx context.Context, method string, payload any, opts []management.RequestOption, path ...string) ([]byte, error) {
	req, err := c.m.NewRequest(ctx, method, c.m.URI(path...), payload, opts...)
	if err != nil {
		return nil, fmt.Errorf("%s %s: %w", method, apiPath(path), err)
	}
	resp, err := c.m.Do(req)
	if err != nil {
		return nil, c.wrap(err, method, path...)
	}
	defer resp.Body.Close()
	limit := int64(maxBody)
	if resp.StatusCode >= 400 {
		limit = maxErrorBody
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if err != nil {
		return nil, c.wrap(err, method, path...)
	}
	switch {
	case resp.StatusCode >= 400:
		return nil, apiError(method, path, resp.StatusCode, body)
	case resp.StatusCode < 200 || resp.StatusCode >= 300:
		return nil, &ResponseError{Method: method, Path: apiPath(path), Problem: fmt.Sprintf("unexpected answer %s", resp.Status)}
	case int64(len(body)) > limit:
		return nil, &ResponseError{Method: method, Path: apiPath(path), Problem: fmt.Sprintf("the response is larger than %d MiB; not read", maxBody>>20)}
	}
	return body, nil
}

// get calls GET and checks the answer with parse.
func get[T any](c *Client, ctx context.Context, parse func([]byte) (T, string), opts []management.RequestOption, path ...string) (T, error) {
	var zero T
	body, err := c.call(ctx, http.MethodGet, nil, opts, path...)
	if err != nil {
		return zero, err
	}
	v, problem := parse(body)
	if problem != "" {
		return zero, &ResponseError{Method: http.MethodGet, Path: apiPath(path), Problem: problem}
	}
	return v, nil
}

// apiError reads a Management API error body leniently: {statusCode, error, message, errorCode}.
func apiError(method string, path []string, status int, body []byte) error {
	var b struct {
		Message   any `json:"message"`
		ErrorCode any `json:"errorCode"`
	}
	_ = json.Unmarshal(body, &b)
	msg, _ := b.Message.(string)
	code, _ := b.ErrorCode.(string)
	if msg == "" {
		msg = http.StatusText(status)
	}
	e := &APIError{Method: method, Path: apiPath(path), Status: status, Code: code, Message: msg}
	if status == http.StatusForbidden || status == http.StatusUnauthorized {
		e.Scope = scopeFor(method, strings.Join(path, "/"))
	}
	if status == http.StatusUnauthorized {
		e.Message += " (the token was rejected: check the credentials and that they belong to this tenant)"
	}
	return e
}

// wrap turns a transport error into an AuthError or UnreachableError.
func (c *Client) wrap(err error, method string, path ...string) error {
	if err == nil {
		return nil
	}
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
	// A token answer that is not a token (empty, null, no access_token) comes back from the token
	// source as a plain "oauth2: …" error; one that could not be fetched at all is a network failure.
	var tue *url.Error
	if errors.As(err, &tue) && tue.Err != nil {
		if rest, ok := strings.CutPrefix(tue.Err.Error(), "oauth2: "); ok && !strings.HasPrefix(rest, "cannot fetch token") {
			return &AuthError{URL: c.baseURL + "/oauth/token", Detail: "the answer is not a token (" + rest + ")"}
		}
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
	return fmt.Errorf("%s %s: %w", method, apiPath(path), err)
}

// unavailable maps 403/404 on the legacy phone endpoints to ErrUnavailable.
func unavailable(err error) error {
	var ae *APIError
	if errors.As(err, &ae) && (ae.Status == 403 || ae.Status == 404) {
		return fmt.Errorf("%w: %v", ErrUnavailable, err)
	}
	return err
}

// write sends a write whose answer mfactl does not use.
func (c *Client) write(ctx context.Context, method string, payload any, opts []management.RequestOption, path ...string) error {
	_, err := c.call(ctx, method, payload, opts, path...)
	return err
}

func (c *Client) TenantSettings(ctx context.Context) (TenantSettings, error) {
	opts := []management.RequestOption{management.IncludeFields("customize_mfa_in_postlogin_action", "flags")}
	return get(c, ctx, parseSettings, opts, "tenants", "settings")
}

func (c *Client) UpdateTenantSettings(ctx context.Context, patch TenantSettings) error {
	t := &management.Tenant{CustomizeMFAInPostLoginAction: patch.CustomizeMFA}
	if patch.ShowFactorListOnEnrollment != nil {
		t.Flags = &management.TenantFlags{MFAShowFactorListOnEnrollment: patch.ShowFactorListOnEnrollment}
	}
	return c.write(ctx, http.MethodPatch, t, nil, "tenants", "settings")
}

func (c *Client) Factors(ctx context.Context) ([]Factor, error) {
	return get(c, ctx, parseFactors, nil, "guardian", "factors")
}

func (c *Client) SetFactor(ctx context.Context, name string, enabled bool) error {
	return c.write(ctx, http.MethodPut, map[string]bool{"enabled": enabled}, nil, "guardian", "factors", name)
}

func (c *Client) MessageTypes(ctx context.Context) ([]string, error) {
	types, err := get(c, ctx, parseMessageTypes, nil, "guardian", "factors", "phone", "message-types")
	return types, unavailable(err)
}

func (c *Client) SetMessageTypes(ctx context.Context, types []string) error {
	types = nonNil(types)
	err := c.write(ctx, http.MethodPut, &management.PhoneMessageTypes{MessageTypes: &types}, nil, "guardian", "factors", "phone", "message-types")
	return unavailable(err)
}

func (c *Client) SelectedProvider(ctx context.Context) (string, error) {
	p, err := get(c, ctx, parseProvider, nil, "guardian", "factors", "phone", "selected-provider")
	return p, unavailable(err)
}

func (c *Client) SetSelectedProvider(ctx context.Context, provider string) error {
	err := c.write(ctx, http.MethodPut, &management.MultiFactorProvider{Provider: &provider}, nil, "guardian", "factors", "phone", "selected-provider")
	return unavailable(err)
}

func (c *Client) Policies(ctx context.Context) ([]string, error) {
	return get(c, ctx, parsePolicies, nil, "guardian", "policies")
}

func (c *Client) SetPolicies(ctx context.Context, policies []string) error {
	p := management.MultiFactorPolicies(nonNil(policies))
	return c.write(ctx, http.MethodPut, &p, nil, "guardian", "policies")
}

// Actions reads every page of the post-login Actions, bounded as paginate says. Two Actions with
// one name (names are unique on a tenant) make the list unusable for planning.
func (c *Client) Actions(ctx context.Context) ([]Action, error) {
	path := []string{"actions", "actions"}
	all, err := paginate(ctx, http.MethodGet, apiPath(path), "Actions", func(ctx context.Context, page int) (listPage[Action], error) {
		// installed=false: only custom Actions. Marketplace ones are not the file's to update or delete.
		opts := []management.RequestOption{management.Parameter("triggerId", PostLogin), management.Parameter("installed", "false"),
			management.Page(page), management.PerPage(pageSize)}
		return get(c, ctx, parseActionPage, opts, path...)
	})
	if err != nil {
		return nil, err
	}
	ids := map[string]string{}
	for _, a := range all {
		if other, dup := ids[a.Name]; dup {
			return nil, &ResponseError{Method: http.MethodGet, Path: apiPath(path), Problem: fmt.Sprintf("two Actions are named %q (%s and %s)", a.Name, other, a.ID)}
		}
		ids[a.Name] = a.ID
	}
	return all, nil
}

func (c *Client) Action(ctx context.Context, id string) (Action, error) {
	return get(c, ctx, func(b []byte) (Action, string) { return parseAction(b, id) }, nil, "actions", "actions", id)
}

// CreateAction creates an Action; the answer must hold its id.
func (c *Client) CreateAction(ctx context.Context, spec ActionSpec) (Action, error) {
	path := []string{"actions", "actions"}
	body, err := c.call(ctx, http.MethodPost, sdkAction(spec), nil, path...)
	if err != nil {
		return Action{}, err
	}
	a, problem := parseAction(body, "")
	if problem != "" {
		return Action{}, &ResponseError{Method: http.MethodPost, Path: apiPath(path), Problem: problem}
	}
	return a, nil
}

// UpdateAction updates an Action; the answer must be that Action.
func (c *Client) UpdateAction(ctx context.Context, id string, spec ActionSpec) (Action, error) {
	path := []string{"actions", "actions", id}
	body, err := c.call(ctx, http.MethodPatch, sdkAction(spec), nil, path...)
	if err != nil {
		return Action{}, err
	}
	a, problem := parseAction(body, id)
	if problem != "" {
		return Action{}, &ResponseError{Method: http.MethodPatch, Path: apiPath(path), Problem: problem}
	}
	return a, nil
}

// DeployAction deploys an Action's draft; the answer must name the new version.
func (c *Client) DeployAction(ctx context.Context, id string) (Version, error) {
	path := []string{"actions", "actions", id, "deploy"}
	body, err := c.call(ctx, http.MethodPost, nil, nil, path...)
	if err != nil {
		return Version{}, err
	}
	v, problem := parseVersion(body)
	if problem != "" {
		return Version{}, &ResponseError{Method: http.MethodPost, Path: apiPath(path), Problem: problem}
	}
	return v, nil
}

func (c *Client) DeleteAction(ctx context.Context, id string) error {
	return c.write(ctx, http.MethodDelete, nil, []management.RequestOption{management.Parameter("force", "true")}, "actions", "actions", id)
}

// Bindings reads every page of a trigger's bindings, bounded as paginate says.
func (c *Client) Bindings(ctx context.Context, trigger string) ([]Binding, error) {
	path := []string{"actions", "triggers", trigger, "bindings"}
	return paginate(ctx, http.MethodGet, apiPath(path), "bindings", func(ctx context.Context, page int) (listPage[Binding], error) {
		opts := []management.RequestOption{management.Page(page), management.PerPage(pageSize)}
		return get(c, ctx, parseBindingPage, opts, path...)
	})
}

func (c *Client) SetBindings(ctx context.Context, trigger string, refs []BindingRef) error {
	bindings := make([]*management.ActionBinding, 0, len(refs))
	for _, r := range refs {
		bindings = append(bindings, &management.ActionBinding{
			Ref:         &management.ActionBindingReference{Type: strPtr("action_name"), Value: strPtr(r.ActionName)},
			DisplayName: strPtr(r.DisplayName),
		})
	}
	body := map[string]any{"bindings": bindings}
	return c.write(ctx, http.MethodPatch, body, nil, "actions", "triggers", trigger, "bindings")
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
