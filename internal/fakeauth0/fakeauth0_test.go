package fakeauth0

import (
	"encoding/json"
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

func TestSpoiledAnswers(t *testing.T) {
	s := New(Options{AccessToken: "tok"})
	defer s.Close()
	s.Seed(State{Actions: []ActionState{{Name: "a", Code: "x", Deployed: 1, AllChangesDeployed: true}}, Bindings: []string{"a: A"}})
	tests := []struct {
		fault      Fault
		path, want string
	}{
		{Fault{Kind: "empty"}, "/api/v2/guardian/factors", ``},
		{Fault{Kind: "null"}, "/api/v2/guardian/factors", `null`},
		{Fault{Kind: "null-items"}, "/api/v2/guardian/policies", `[null]`},
		{Fault{Kind: "null-items"}, "/api/v2/actions/actions", `"actions":[null,{`},
		{Fault{Kind: "null-items"}, "/api/v2/actions/triggers/post-login/bindings", `"bindings":[null,{`},
		{Fault{Kind: "null-items"}, "/api/v2/guardian/factors/phone/message-types", `{"message_types":[null]}`},
		{Fault{Kind: "null-fields"}, "/api/v2/actions/actions/act_0001", `"id":null`},
		{Fault{Kind: "null-fields", Fields: []string{"deployed_version"}}, "/api/v2/actions/actions/act_0001", `"deployed_version":null,"id":"act_0001"`},
		{Fault{Kind: "null-fields", Fields: []string{"action"}}, "/api/v2/actions/triggers/post-login/bindings", `"action":null`},
		{Fault{Kind: "ignore-page"}, "/api/v2/actions/actions?page=7&per_page=3", `"total":50000`},
		{Fault{Kind: "ignore-page", Total: -1}, "/api/v2/actions/triggers/post-login/bindings?page=3&per_page=2", `"bnd_filler_001"`},
		{Fault{Status: 400, Echo: "se\"cr/et"}, "/api/v2/guardian/factors", `se\\\"cr/et`},
	}
	for _, tt := range tests {
		f := tt.fault
		f.Method, f.Path = "GET", strings.SplitN(tt.path, "?", 2)[0]
		s.Inject(f)
		code, body := call(t, s, "GET", tt.path, "tok", "")
		if tt.want == "" && body != "" || !strings.Contains(body, tt.want) {
			t.Errorf("%+v %s: %d %s, want %s", tt.fault, tt.path, code, body, tt.want)
		}
		if f.Kind == "ignore-page" {
			var v struct {
				Actions  []any `json:"actions"`
				Bindings []any `json:"bindings"`
				Page     *int  `json:"page"`
			}
			_ = json.Unmarshal([]byte(body), &v)
			if n := len(v.Actions) + len(v.Bindings); n != 3 && n != 2 || v.Page != nil {
				t.Errorf("ignore-page: %d items, page %v: %s", n, v.Page, body)
			}
		}
		// The fault is used up: the next answer is the route's own.
		if _, body := call(t, s, "GET", tt.path, "tok", ""); strings.Contains(body, "null") || strings.Contains(body, "filler") || body == "" {
			t.Errorf("%+v: fault not used up: %s", tt.fault, body)
		}
	}
	// A spoiled write still happens.
	s.Inject(Fault{Method: "POST", Path: "/api/v2/actions/actions", Kind: "empty"})
	if code, body := call(t, s, "POST", "/api/v2/actions/actions", "tok", `{"name":"b","code":"x","supported_triggers":[{"id":"post-login","version":"v3"}]}`); code != 201 || body != "" {
		t.Errorf("spoiled create: %d %q", code, body)
	}
	if st := s.Snapshot(); len(st.Actions) != 2 {
		t.Errorf("the spoiled create did not happen: %+v", st.Actions)
	}
	// The log keeps the page asked for.
	found := false
	for _, r := range s.Requests() {
		found = found || r.Query == "page=7&per_page=3"
	}
	if !found {
		t.Errorf("log lost page=: %+v", s.Requests())
	}
}

func TestEchoFormsAndBasicAuth(t *testing.T) {
	secret := `c0ffee/Se+cr"et<&>=%41 x`
	s := New(Options{ClientSecret: secret})
	defer s.Close()
	req, _ := http.NewRequest("POST", s.URL()+"/oauth/token", strings.NewReader("grant_type=client_credentials"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.SetBasicAuth(url.QueryEscape("fake-client-id"), url.QueryEscape(secret))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("form-encoded Basic credentials: %d", resp.StatusCode)
	}
	forms := EchoForms(secret)
	if len(forms) != 5 || forms[1] != `c0ffee/Se+cr\"et\u003c\u0026\u003e=%41 x` || forms[2] != "c0ffee%2FSe%2Bcr%22et%3C%26%3E%3D%2541+x" {
		t.Errorf("forms: %q", forms)
	}
	var e struct{ Message string }
	s.Inject(Fault{Method: "GET", Path: "/api/v2/guardian/factors", Status: 400, Echo: secret})
	_, body := call(t, s, "GET", "/api/v2/guardian/factors", "", "")
	if err := json.Unmarshal([]byte(body), &e); err != nil {
		t.Fatal(err)
	}
	for _, f := range forms {
		if !strings.Contains(e.Message, f) {
			t.Errorf("message %q lacks %q", e.Message, f)
		}
	}
}
