package simulate

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/mfactl/mfactl/config"
)

// documentedFields are the fields of the post-login event Auth0 sends in a browser login, with their
// types. Sources: Auth0's post-login event object reference
// (https://auth0.com/docs/actions/reference/post-login/post-login-event-object, docs-v2
// main/docs/actions/reference/post-login/post-login-event-object.mdx) and the PostLoginV3Event type in
// auth0/auth0-actions src/post-login/v3/index.d.ts, summed up in actions-semantics.md §1. Fields marked
// optional there are listed when Auth0 sends them in every interactive login (transaction,
// authorization, session …); the ones it sends only in some logins are in optionalFields.
var documentedFields = []struct{ path, typ string }{
	{"authentication", "object"},
	{"authentication.methods", "array<object>"},
	{"authentication.methods.0.name", "string"},
	{"authentication.methods.0.timestamp", "string"},
	{"authorization", "object"},
	{"authorization.roles", "array<string>"},
	{"client", "object"},
	{"client.client_id", "string"},
	{"client.name", "string"},
	{"client.metadata", "object"},
	{"configuration", "object"},
	{"connection", "object"},
	{"connection.id", "string"},
	{"connection.name", "string"},
	{"connection.strategy", "string"},
	{"connection.metadata", "object"},
	{"request", "object"},
	{"request.ip", "string"},
	{"request.asn", "string"},
	{"request.hostname", "string"},
	{"request.method", "string"},
	{"request.user_agent", "string"},
	{"request.language", "string"},
	{"request.query", "object"},
	{"request.body", "object"},
	{"request.geoip", "object"},
	{"request.geoip.countryCode", "string"},
	{"request.geoip.latitude", "number"},
	{"request.geoip.longitude", "number"},
	{"request.geoip.timeZone", "string"},
	{"secrets", "object"},
	{"security_context", "object"},
	{"session", "object"},
	{"session.id", "string"},
	{"session.user_id", "string"},
	{"session.created_at", "string"},
	{"session.authenticated_at", "string"},
	{"session.clients", "array<object>"},
	{"session.device", "object"},
	{"session.cookie.mode", "string"},
	{"stats", "object"},
	{"stats.logins_count", "number"},
	{"tenant", "object"},
	{"tenant.id", "string"},
	{"transaction", "object"},
	{"transaction.id", "string"},
	{"transaction.acr_values", "array<string>"},
	{"transaction.locale", "string"},
	{"transaction.prompt", "array<string>"},
	{"transaction.protocol", "string"},
	{"transaction.redirect_uri", "string"},
	{"transaction.requested_scopes", "array<string>"},
	{"transaction.response_mode", "string"},
	{"transaction.response_type", "array<string>"},
	{"transaction.state", "string"},
	{"transaction.ui_locales", "array<string>"},
	{"transaction.metadata", "object"},
	{"user", "object"},
	{"user.user_id", "string"},
	{"user.email", "string"},
	{"user.email_verified", "boolean"},
	{"user.name", "string"},
	{"user.nickname", "string"},
	{"user.picture", "string"},
	{"user.created_at", "string"},
	{"user.updated_at", "string"},
	{"user.app_metadata", "object"},
	{"user.user_metadata", "object"},
	{"user.identities", "array<object>"},
	{"user.identities.0.connection", "string"},
	{"user.identities.0.provider", "string"},
	{"user.identities.0.user_id", "string"},
	{"user.identities.0.isSocial", "boolean"},
	{"user.enrolledFactors", "array"},
	{"user.multifactor", "array"},
}

// optionalFields are documented but sent only in some logins: absent unless a scenario gives them.
var optionalFields = []string{"agent", "custom_domain", "organization", "prompt", "refresh_token", "resource_server",
	"session_transfer_token", "authentication.riskAssessment"}

// firstEvent returns the event the first Action of a scenario sees, read from scenarios file text.
func firstEvent(t *testing.T, tenant, file string) map[string]any {
	t.Helper()
	tn := config.Parse("tenant.yaml", t.TempDir(), []byte(tenant), config.Options{})
	f, err := Parse("scenarios.yaml", []byte(file))
	if err != nil {
		t.Fatalf("scenarios: %v", err)
	}
	l := &login{s: New(tn, f), sc: f.Scenarios[0], ctx: context.Background(), clock: f.Now}
	l.buildEvent()
	// Through JSON, as the runtime sees it.
	var e map[string]any
	b, _ := json.Marshal(l.eventFor(boundAction{secrets: map[string]any{}}))
	_ = json.Unmarshal(b, &e)
	return e
}

func lookup(v any, path string) (any, bool) {
	for _, k := range strings.Split(path, ".") {
		switch c := v.(type) {
		case map[string]any:
			var ok bool
			if v, ok = c[k]; !ok {
				return nil, false
			}
		case []any:
			var i int
			if _, err := fmt.Sscan(k, &i); err != nil || i >= len(c) {
				return nil, false
			}
			v = c[i]
		default:
			return nil, false
		}
	}
	return v, true
}

func typeOf(v any) string {
	switch v := v.(type) {
	case string:
		return "string"
	case float64:
		return "number"
	case bool:
		return "boolean"
	case map[string]any:
		return "object"
	case []any:
		elem := ""
		for _, e := range v {
			if t := typeOf(e); elem == "" || elem == t {
				elem = t
			} else {
				elem = "mixed"
			}
		}
		if elem == "" {
			return "array"
		}
		return "array<" + elem + ">"
	case nil:
		return "null"
	}
	return fmt.Sprintf("%T", v)
}

func TestDefaultEventHasDocumentedFields(t *testing.T) {
	e := firstEvent(t, baseTenant, "scenarios: [{name: s}]")
	for _, f := range documentedFields {
		v, ok := lookup(e, f.path)
		if !ok {
			t.Errorf("event.%s is missing; Auth0 sends it as %s", f.path, f.typ)
			continue
		}
		got := typeOf(v)
		if got != f.typ && !(f.typ == "array" && strings.HasPrefix(got, "array")) && !(strings.HasPrefix(f.typ, "array<") && got == "array") {
			t.Errorf("event.%s is %s (%v), want %s", f.path, got, v, f.typ)
		}
	}
	for _, p := range optionalFields {
		if v, ok := lookup(e, p); ok {
			t.Errorf("event.%s = %v by default; Auth0 sends it only in some logins", p, v)
		}
	}
	// The arrays Auth0 always sends are empty, not absent, when the request had none.
	for _, p := range []string{"transaction.acr_values", "transaction.prompt", "transaction.ui_locales", "authorization.roles", "user.multifactor", "user.enrolledFactors"} {
		if v, _ := lookup(e, p); typeOf(v) != "array" {
			t.Errorf("event.%s = %v, want []", p, v)
		}
	}
	if e["transaction"].(map[string]any)["protocol"] != "oidc-basic-profile" {
		t.Errorf("transaction.protocol = %v", e["transaction"].(map[string]any)["protocol"])
	}
}

// logEvent is an Action that prints the given expressions of its event as JSON.
func logEvent(exprs ...string) string {
	var b strings.Builder
	for _, x := range exprs {
		fmt.Fprintf(&b, "console.log(%q + ' ' + JSON.stringify(%s));\n", x, x)
	}
	return b.String()
}

func consoleOf(r *Result) string {
	var lines []string
	for _, a := range r.Actions {
		lines = append(lines, a.Console...)
		if a.Error != "" {
			lines = append(lines, "error: "+a.Error)
		}
	}
	return strings.Join(lines, "\n")
}

func TestEventFields(t *testing.T) {
	tests := []struct {
		name     string
		actions  []string
		scenario string
		want     string
	}{
		{"acr_values is [] and includes works on it", []string{logEvent("event.transaction.acr_values", "event.transaction.acr_values.includes('http://schemas.openid.net/pape/policies/2007/06/multi-factor')")},
			"user: {}", "event.transaction.acr_values []\nevent.transaction.acr_values.includes('http://schemas.openid.net/pape/policies/2007/06/multi-factor') false"},
		{"a scenario sets acr_values", []string{logEvent("event.transaction.acr_values")},
			"event: {transaction: {acr_values: ['http://schemas.openid.net/pape/policies/2007/06/multi-factor']}}",
			`event.transaction.acr_values ["http://schemas.openid.net/pape/policies/2007/06/multi-factor"]`},
		{"no enrollment: multifactor is []", []string{logEvent("event.user.multifactor")}, "user: {}", "event.user.multifactor []"},
		{"enrolled in phone: guardian", []string{logEvent("event.user.multifactor")}, "user: {enrolledFactors: [{type: phone}]}", `event.user.multifactor ["guardian"]`},
		{"several factors: guardian once", []string{logEvent("event.user.multifactor")},
			"user: {enrolledFactors: [{type: otp}, {type: push-notification}, {type: recovery-code}]}", `event.user.multifactor ["guardian"]`},
		{"the implicit email factor does not count", []string{logEvent("event.user.multifactor", "event.user.enrolledFactors")},
			"user: {email_verified: true}", "event.user.multifactor []\nevent.user.enrolledFactors [{\"type\":\"email\"}]"},
		{"dependent factors alone do not count", []string{logEvent("event.user.multifactor")},
			"user: {enrolledFactors: [{type: webauthn-platform}, {type: email}, {type: recovery-code}]}", "event.user.multifactor []"},
		{"an enrollment in an earlier Action is seen by the next one",
			[]string{logEvent("event.user.multifactor") + ew + "({type: 'otp'});", logEvent("event.user.multifactor")},
			"user: {}\nanswers: [{factor: otp}]", "event.user.multifactor []\nevent.user.multifactor [\"guardian\"]"},
		{"a scenario's multifactor wins, enrollments or not",
			[]string{logEvent("event.user.multifactor") + ew + "({type: 'otp'});", logEvent("event.user.multifactor")},
			"user: {multifactor: [duo]}\nanswers: [{factor: otp}]", "event.user.multifactor [\"duo\"]\nevent.user.multifactor [\"duo\"]"},
		{"configuration and resource_server come from the scenario", []string{logEvent("event.configuration", "event.resource_server")},
			"event: {configuration: {API_KEY: k}, resource_server: {identifier: 'https://api.example.com'}}",
			"event.configuration {\"API_KEY\":\"k\"}\nevent.resource_server {\"identifier\":\"https://api.example.com\"}"},
		{"optional fields are undefined by default", []string{logEvent("typeof event.organization", "typeof event.resource_server", "typeof event.refresh_token", "typeof event.prompt")},
			"user: {}", "typeof event.organization \"undefined\"\ntypeof event.resource_server \"undefined\"\ntypeof event.refresh_token \"undefined\"\ntypeof event.prompt \"undefined\""},
		{"a refresh-token exchange has event.refresh_token", []string{logEvent("event.refresh_token.id", "event.refresh_token.client_id", "event.refresh_token.user_id", "event.refresh_token.session_id")},
			"event: {transaction: {protocol: oauth2-refresh-token}}",
			"event.refresh_token.id \"rt_0000000000000001\"\nevent.refresh_token.client_id \"aBcDeFgHiJkLmNoPqRsTuVwXyZ012345\"\nevent.refresh_token.user_id \"auth0|000000000000000000000001\"\nevent.refresh_token.session_id \"sess_0000000000000001\""},
		{"a given refresh_token is kept", []string{logEvent("event.refresh_token")},
			"event: {transaction: {protocol: oauth2-refresh-token}, refresh_token: {id: rt_mine, created_at: '2025-06-01T00:00:00.000Z'}}",
			"event.refresh_token {\"created_at\":\"2025-06-01T00:00:00.000Z\",\"id\":\"rt_mine\"}"},
		{"null removes an optional field", []string{logEvent("typeof event.transaction", "typeof event.session")},
			"event: {transaction: null, session: ~}", "typeof event.transaction \"undefined\"\ntypeof event.session \"undefined\""},
		{"derived fields follow the scenario's user and client", []string{logEvent("event.user.identities", "event.session.user_id", "event.session.clients", "event.request.query.client_id")},
			"user: {user_id: 'google-oauth2|1234'}\nevent: {client: {client_id: web-app}, connection: {name: google-oauth2, strategy: google-oauth2}}",
			"event.user.identities [{\"connection\":\"google-oauth2\",\"isSocial\":true,\"provider\":\"google-oauth2\",\"user_id\":\"1234\"}]\nevent.session.user_id \"google-oauth2|1234\"\nevent.session.clients [{\"client_id\":\"web-app\"}]\nevent.request.query.client_id \"web-app\""},
		{"event.user and user: merge", []string{logEvent("event.user.app_metadata", "event.user.email")},
			"event: {user: {app_metadata: {plan: gold}}}\nuser: {email: ada@example.com}", "event.user.app_metadata {\"plan\":\"gold\"}\nevent.user.email \"ada@example.com\""},
		{"extra fields are kept", []string{logEvent("event.user.department", "event.transaction.custom")},
			"user: {department: sales}\nevent: {transaction: {custom: 1}}", "event.user.department \"sales\"\nevent.transaction.custom 1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := simulateOne(t, baseTenant, tt.actions, tt.scenario)
			if got := consoleOf(r); got != tt.want {
				t.Errorf("console:\n%s\nwant:\n%s\n(%s)", got, tt.want, brief(r))
			}
		})
	}
}

func TestMultifactorInResultUser(t *testing.T) {
	r := simulateOne(t, baseTenant, []string{ew + "({type: 'otp'});"}, "user: {}\nanswers: [{factor: otp}]")
	if got := fmt.Sprint(r.User["multifactor"]); got != "[guardian]" {
		t.Errorf("user.multifactor after enrolling otp = %s, want [guardian] (%s)", got, brief(r))
	}
}

func TestDefaultsSetEventFields(t *testing.T) {
	e := firstEvent(t, baseTenant, `defaults:
  configuration: {SLACK_WEBHOOK: 'https://hooks.example.com/x'}
  resource_server: {identifier: 'https://api.example.com'}
  organization: {id: org_1, name: acme, display_name: Acme, metadata: {}}
  user: {app_metadata: {plan: gold}}
scenarios:
  - {name: s, user: {email: ada@example.com}}
`)
	for path, want := range map[string]string{
		"configuration.SLACK_WEBHOOK": "https://hooks.example.com/x", "resource_server.identifier": "https://api.example.com",
		"organization.id": "org_1", "user.app_metadata.plan": "gold", "user.email": "ada@example.com",
	} {
		if v, _ := lookup(e, path); v != want {
			t.Errorf("event.%s = %v, want %s", path, v, want)
		}
	}
}
