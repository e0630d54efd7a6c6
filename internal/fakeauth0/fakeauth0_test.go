package fakeauth0

import (
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

func call(t *testing.T, s *Server, method, path, token, body string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest(method, s.URL()+path, strings.NewReader(body))
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func token(t *testing.T, s *Server, secret string) (int, string) {
	t.Helper()
	resp, err := http.PostForm(s.URL()+"/oauth/token", url.Values{"grant_type": {"client_credentials"}, "client_id": {"fake-client-id"}, "client_secret": {secret}})
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func TestLifecycle(t *testing.T) {
	s := New(Options{BuildTime: 100 * time.Millisecond, AccessToken: "tok"})
	defer s.Close()
	if code, body := token(t, s, "wrong"); code != 401 || !strings.Contains(body, "access_denied") {
		t.Errorf("bad secret: %d %s", code, body)
	}
	if code, _ := call(t, s, "GET", "/api/v2/guardian/factors", "nope", ""); code != 401 {
		t.Errorf("bad token: %d", code)
	}
	if code, body := call(t, s, "PATCH", "/api/v2/tenants/settings", "tok", `{"friendly_name":"x"}`); code != 400 || !strings.Contains(body, "Additional properties not allowed: friendly_name") {
		t.Errorf("unknown settings key: %d %s", code, body)
	}
	code, body := call(t, s, "POST", "/api/v2/actions/actions", "tok", `{"name":"a","code":"x","supported_triggers":[{"id":"post-login","version":"v3"}],"secrets":[{"name":"K","value":"s3cr3t"}]}`)
	if code != 201 || !strings.Contains(body, `"status":"pending"`) {
		t.Fatalf("create: %d %s", code, body)
	}
	if code, body := call(t, s, "POST", "/api/v2/actions/actions/act_0001/deploy", "tok", ""); code != 400 || !strings.Contains(body, "'built' state") {
		t.Errorf("deploy before built: %d %s", code, body)
	}
	if code, body := call(t, s, "PATCH", "/api/v2/actions/triggers/post-login/bindings", "tok", `{"bindings":[{"ref":{"type":"action_name","value":"a"}}]}`); code != 400 || !strings.Contains(body, "has not been deployed") {
		t.Errorf("bind undeployed: %d %s", code, body)
	}
	time.Sleep(120 * time.Millisecond)
	if code, body := call(t, s, "POST", "/api/v2/actions/actions/act_0001/deploy", "tok", ""); code != 200 || !strings.Contains(body, `"deployed":false`) {
		t.Errorf("deploy when built: %d %s", code, body)
	}
	if _, body := call(t, s, "GET", "/api/v2/actions/actions/act_0001", "tok", ""); !strings.Contains(body, `"all_changes_deployed":true`) || !strings.Contains(body, `"deployed":true`) {
		t.Errorf("after deploy: %s", body)
	}
	if code, _ := call(t, s, "PATCH", "/api/v2/actions/triggers/post-login/bindings", "tok", `{"bindings":[{"ref":{"type":"action_name","value":"a"},"display_name":"A"}]}`); code != 200 {
		t.Errorf("bind deployed: %d", code)
	}
	if code, body := call(t, s, "PATCH", "/api/v2/actions/actions/act_0001", "tok", `{"secrets":[{"name":"K"}]}`); code != 400 {
		t.Errorf("secret without value: %d %s", code, body)
	}
	s.Inject(Fault{Method: "GET", Path: "/api/v2/guardian/*", Status: 429, Times: 2, Header: map[string]string{"Retry-After": "0"}})
	for i, want := range []int{429, 429, 200} {
		if code, _ := call(t, s, "GET", "/api/v2/guardian/policies", "tok", ""); code != want {
			t.Errorf("fault %d: %d, want %d", i, code, want)
		}
	}
	for _, r := range s.Requests() {
		if strings.Contains(r.Body, "s3cr3t") {
			t.Errorf("a secret value in the log: %+v", r)
		}
	}
	if st := s.Snapshot(); len(st.Bindings) != 1 || st.Bindings[0] != "a: A" || st.Actions[0].Secrets["K"] != "s3cr3t" {
		t.Errorf("snapshot: %+v", st)
	}
}

func TestScopes(t *testing.T) {
	s := New(Options{Scopes: []string{"read:actions"}})
	defer s.Close()
	_, body := token(t, s, "fake-client-secret")
	tok := body[strings.Index(body, "fake-token-") : strings.Index(body, "fake-token-")+12]
	if code, body := call(t, s, "GET", "/api/v2/guardian/factors", tok, ""); code != 403 || !strings.Contains(body, "read:guardian_factors") {
		t.Errorf("missing scope: %d %s", code, body)
	}
	if code, _ := call(t, s, "GET", "/api/v2/actions/actions", tok, ""); code != 200 {
		t.Errorf("granted scope: %d", code)
	}
}
