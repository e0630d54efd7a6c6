package deploy

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/mfactl/mfactl/internal/fakeauth0"
)

func fakeClient(t *testing.T, s *fakeauth0.Server) *Client {
	t.Helper()
	c, err := NewClient(context.Background(), Credentials{Domain: s.URL(), AccessToken: "tok"}, ClientOptions{HTTPClient: &http.Client{}})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestClientSpoiledAnswers reads a tenant whose API answers broken bodies: every read fails with a
// ResponseError naming the endpoint, nothing panics, and no list is read forever.
func TestClientSpoiledAnswers(t *testing.T) {
	seed := fakeauth0.State{Actions: []fakeauth0.ActionState{{Name: "mfa", Code: "x", Deployed: 1, AllChangesDeployed: true}}, Bindings: []string{"mfa: MFA"}}
	tests := []struct {
		fault fakeauth0.Fault
		want  string
	}{
		{fakeauth0.Fault{Method: "GET", Path: "/api/v2/tenants/settings", Kind: "empty"}, "GET /api/v2/tenants/settings: the response body is empty"},
		{fakeauth0.Fault{Method: "GET", Path: "/api/v2/tenants/settings", Kind: "null"}, "GET /api/v2/tenants/settings: the response is null"},
		{fakeauth0.Fault{Method: "GET", Path: "/api/v2/guardian/factors", Kind: "null"}, "GET /api/v2/guardian/factors: the response is null; expected a JSON array"},
		{fakeauth0.Fault{Method: "GET", Path: "/api/v2/guardian/factors", Kind: "null-items"}, "GET /api/v2/guardian/factors: the response has a null item at [4]"},
		{fakeauth0.Fault{Method: "GET", Path: "/api/v2/guardian/factors/phone/message-types", Kind: "null-fields"}, "GET /api/v2/guardian/factors/phone/message-types: the response has no message_types list"},
		{fakeauth0.Fault{Method: "GET", Path: "/api/v2/guardian/factors/phone/selected-provider", Kind: "empty"}, "GET /api/v2/guardian/factors/phone/selected-provider: the response body is empty"},
		{fakeauth0.Fault{Method: "GET", Path: "/api/v2/guardian/policies", Kind: "null-items"}, "GET /api/v2/guardian/policies: the response has a null item at [0]"},
		{fakeauth0.Fault{Method: "GET", Path: "/api/v2/actions/actions", Kind: "null"}, "GET /api/v2/actions/actions: the response is null"},
		{fakeauth0.Fault{Method: "GET", Path: "/api/v2/actions/actions", Kind: "null-items"}, "GET /api/v2/actions/actions: the response has a null item at actions[0]"},
		{fakeauth0.Fault{Method: "GET", Path: "/api/v2/actions/actions", Kind: "null-fields", Fields: []string{"actions"}}, "GET /api/v2/actions/actions: the response has no actions list"},
		{fakeauth0.Fault{Method: "GET", Path: "/api/v2/actions/actions", Kind: "null-fields"}, "GET /api/v2/actions/actions: item 1 of the actions list has no id"},
		{fakeauth0.Fault{Method: "GET", Path: "/api/v2/actions/actions", Kind: "ignore-page", Times: 1000}, "GET /api/v2/actions/actions: the API reports 50000 Actions, more than the 10000 mfactl reads"},
		{fakeauth0.Fault{Method: "GET", Path: "/api/v2/actions/actions", Kind: "ignore-page", Times: 1000, Total: 250}, "GET /api/v2/actions/actions: page 1 repeats page 0"},
		{fakeauth0.Fault{Method: "GET", Path: "/api/v2/actions/triggers/post-login/bindings", Kind: "ignore-page", Times: 1000, Total: -1}, "GET /api/v2/actions/triggers/post-login/bindings: page 1 repeats page 0"},
		{fakeauth0.Fault{Method: "GET", Path: "/api/v2/actions/triggers/post-login/bindings", Kind: "null"}, "GET /api/v2/actions/triggers/post-login/bindings: the response is null"},
		{fakeauth0.Fault{Method: "GET", Path: "/api/v2/actions/triggers/post-login/bindings", Kind: "null-items"}, "the response has a null item at bindings[0]"},
		{fakeauth0.Fault{Method: "GET", Path: "/api/v2/actions/triggers/post-login/bindings", Kind: "null-fields", Fields: []string{"action"}}, "item 1 of the bindings list (bnd_0002) has no action"},
	}
	for _, tt := range tests {
		s := fakeauth0.New(fakeauth0.Options{AccessToken: "tok"})
		s.Seed(seed)
		s.Inject(tt.fault)
		var err error
		func() {
			defer func() {
				if r := recover(); r != nil {
					t.Errorf("%+v: panic %v", tt.fault, r)
				}
			}()
			_, err = ReadState(context.Background(), fakeClient(t, s))
		}()
		var re *ResponseError
		if !errors.As(err, &re) || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%+v: %v, want %q", tt.fault, err, tt.want)
		}
		if n := len(s.Requests()); n > 12 {
			t.Errorf("%+v: %d requests", tt.fault, n)
		}
		s.Close()
	}
}

// TestClientSpoiledWrites: an answer that lacks what a write returns fails the write.
func TestClientSpoiledWrites(t *testing.T) {
	s := fakeauth0.New(fakeauth0.Options{AccessToken: "tok"})
	defer s.Close()
	c := fakeClient(t, s)
	ctx := context.Background()
	spec := ActionSpec{Name: "mfa", Code: "x", Triggers: []Trigger{{"post-login", "v3"}}}
	s.Inject(fakeauth0.Fault{Method: "POST", Path: "/api/v2/actions/actions", Kind: "empty"})
	if _, err := c.CreateAction(ctx, spec); err == nil || !strings.Contains(err.Error(), "POST /api/v2/actions/actions: the response body is empty") {
		t.Errorf("create, empty answer: %v", err)
	}
	s.Inject(fakeauth0.Fault{Method: "PATCH", Path: "/api/v2/actions/actions/act_0001", Kind: "null"})
	if _, err := c.UpdateAction(ctx, "act_0001", spec); err == nil || !strings.Contains(err.Error(), "PATCH /api/v2/actions/actions/act_0001: the response is null") {
		t.Errorf("update, null answer: %v", err)
	}
	if _, err := c.Action(ctx, "act_0001"); err != nil {
		t.Fatal(err)
	}
	s.Inject(fakeauth0.Fault{Method: "POST", Path: "/api/v2/actions/actions/act_0001/deploy", Kind: "null-fields", Fields: []string{"id"}})
	if _, err := c.DeployAction(ctx, "act_0001"); err == nil || !strings.Contains(err.Error(), "POST /api/v2/actions/actions/act_0001/deploy: the response has no version id") {
		t.Errorf("deploy, no id: %v", err)
	}
	s.Inject(fakeauth0.Fault{Method: "GET", Path: "/api/v2/actions/actions/act_0001", Kind: "null-fields"})
	if _, err := c.Action(ctx, "act_0001"); err == nil || !strings.Contains(err.Error(), "GET /api/v2/actions/actions/act_0001: the Action has no id") {
		t.Errorf("read, null fields: %v", err)
	}
	// Writes whose answer is not used do not care about it.
	s.Inject(fakeauth0.Fault{Method: "PUT", Path: "/api/v2/guardian/factors/otp", Kind: "null"})
	if err := c.SetFactor(ctx, "otp", true); err != nil {
		t.Errorf("factor, null answer: %v", err)
	}
}

// TestClientEchoAndTokens: an error body's message is kept (for the redactor to clean), and each
// bearer token is handed to OnToken once.
func TestClientEchoAndTokens(t *testing.T) {
	s := fakeauth0.New(fakeauth0.Options{})
	defer s.Close()
	var tokens []string
	c, err := NewClient(context.Background(), Credentials{Domain: s.URL(), ClientID: "fake-client-id", ClientSecret: "fake-client-secret"},
		ClientOptions{OnToken: func(tok string) { tokens = append(tokens, tok) }})
	if err != nil {
		t.Fatal(err)
	}
	s.Inject(fakeauth0.Fault{Method: "GET", Path: "/api/v2/guardian/policies", Status: 400, Echo: "echoed"})
	_, err = c.Policies(context.Background())
	var ae *APIError
	if !errors.As(err, &ae) || ae.Status != 400 || ae.Code != "invalid_body" || !strings.Contains(ae.Message, "Invalid value echoed") {
		t.Errorf("echo: %#v", err)
	}
	for i := 0; i < 3; i++ {
		if _, err := c.Policies(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	if len(tokens) != 1 || tokens[0] != "fake-token-1" {
		t.Errorf("tokens: %q", tokens)
	}
}

// TestActionsOnlyCustom: the Actions list asks for custom Actions only (installed=false), so that a
// Marketplace Action is never planned for an update or, with --allow-delete, a deletion.
func TestActionsOnlyCustom(t *testing.T) {
	s := fakeauth0.New(fakeauth0.Options{AccessToken: "tok"})
	defer s.Close()
	if _, err := fakeClient(t, s).Actions(context.Background()); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, r := range s.Requests() {
		if r.Path == "/api/v2/actions/actions" {
			found = true
			if !strings.Contains(r.Query, "installed=false") || !strings.Contains(r.Query, "triggerId=post-login") {
				t.Errorf("query %q lacks installed=false or triggerId=post-login", r.Query)
			}
		}
	}
	if !found {
		t.Fatal("no request for the Actions list")
	}
}
