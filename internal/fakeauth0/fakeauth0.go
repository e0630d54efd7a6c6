// Package fakeauth0 is an in-process, stateful fake of the parts of the Auth0 Management API that
// mfactl deploy and export use: the client-credentials token endpoint, tenant settings, Guardian
// factors, phone message types and provider, MFA policies, Actions with their build state machine,
// versions, triggers and bindings. It answers with the real JSON shapes and error bodies, checks
// bearer tokens and scopes, and logs every request (secret values redacted).
//
// It injects faults (Server.Inject, or "fakeauth0 fault" in the testscripts), each for the requests
// whose method and path match, for a number of requests (Times), optionally after letting the first
// Skip of them through. A fault either answers instead of the route:
//
//   - Status: that status with the API's error body (or Body), and any Header, e.g. 429 with
//     Retry-After or x-ratelimit-reset, a 5xx, a 403;
//   - Echo: that status (400 by default) with an error body whose message repeats the Echo text as
//     written, JSON-escaped inside an echoed request body, URL-encoded in a query, base64-encoded and
//     inside base64 Basic credentials (EchoForms lists them), as a careless API echoes a secret;
//
// or lets the route run (its state changes happen) and then spoils its answer (Kind):
//
//   - "empty": the route's status with an empty body;
//   - "null": the body null;
//   - "null-items": a null item in the answer's list (a bare array, or each array field of the
//     object, e.g. {"actions":[…]}, {"bindings":[…]}, {"message_types":[…]});
//   - "null-fields": the fields of the answer's object (or of each item of its list) set to null,
//     all of them or only those in Fields (named fields of a list answer itself too, e.g. "actions");
//   - "ignore-page": list endpoints ignore page= and always answer the first page, padded with
//     filler items to a full per_page, with "total" set to Total (50000 when 0, left out when
//     negative) and no "page" field, as an API that does not paginate would.
//
// Other knobs: Options.LegacyPhone403 (403 on the legacy phone endpoints), FailBuild (builds of an
// Action fail), Options.Latency and Options.BuildTime.
package fakeauth0

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Options configure a fake.
type Options struct {
	// ClientID and ClientSecret are the accepted client credentials (defaults fake-client-id and
	// fake-client-secret).
	ClientID, ClientSecret string
	// AccessToken is a static bearer token accepted besides the issued ones.
	AccessToken string
	// Scopes granted to issued tokens; nil means every scope mfactl needs.
	Scopes []string
	// Latency is added to every request (outside the state lock, so parallel requests overlap).
	Latency time.Duration
	// BuildTime is how long a draft takes from pending to built (0: built by the next read).
	BuildTime time.Duration
	// LegacyPhone403 makes the phone provider endpoints answer 403, as on tenants with Tenant Phone
	// Settings.
	LegacyPhone403 bool
}

// AllScopes are the scopes mfactl needs.
var AllScopes = []string{"read:tenant_settings", "update:tenant_settings", "read:guardian_factors", "update:guardian_factors",
	"read:mfa_policies", "update:mfa_policies", "read:actions", "create:actions", "update:actions", "delete:actions"}

// FactorNames are the Guardian factors, in the order the API lists them.
var FactorNames = []string{"sms", "push-notification", "otp", "email", "duo", "webauthn-roaming", "webauthn-platform", "recovery-code"}

// Fault makes matching requests fail, or spoils their answers (see the package doc).
type Fault struct {
	Method string
	// Path is an exact path, or a prefix when it ends in "*".
	Path string
	// Status is the error status answered (with Echo, 400 when 0). Unused with a Kind.
	Status int
	// Times is how many requests it answers (0: one).
	Times int
	// Skip lets that many matching requests through before the fault starts answering.
	Skip   int
	Header map[string]string
	// Body defaults to the API's error body for Status.
	Body string
	// Echo is text the error message repeats in several forms (EchoForms).
	Echo string
	// Kind spoils the route's own answer: empty, null, null-items, null-fields or ignore-page.
	Kind string
	// Fields limits null-fields to these fields.
	Fields []string
	// Total is the total an ignore-page answer reports (0: 50000; negative: none).
	Total int
}

// Request is one logged request.
type Request struct {
	Method string
	Path   string
	Query  string
	Status int
	// Body is the request body with secret values and the client secret replaced by <redacted>.
	Body string
}

// State is what the fake tenant holds, as plain data.
type State struct {
	CustomizeMFA   *bool           `json:"customize_mfa_in_postlogin_action,omitempty"`
	ShowFactorList *bool           `json:"mfa_show_factor_list_on_enrollment,omitempty"`
	Factors        map[string]bool `json:"factors"`
	MessageTypes   []string        `json:"message_types"`
	Provider       string          `json:"provider"`
	Policies       []string        `json:"policies"`
	Actions        []ActionState   `json:"actions"`
	// Bindings are the post-login bindings as "action name: display name", in order.
	Bindings []string `json:"bindings"`
}

// ActionState is an Action of the fake tenant.
type ActionState struct {
	ID           string       `json:"id"`
	Name         string       `json:"name"`
	Code         string       `json:"code"`
	Runtime      string       `json:"runtime"`
	Dependencies []Dependency `json:"dependencies,omitempty"`
	// Secrets maps names to values (values never leave the fake through the API).
	Secrets map[string]string `json:"secrets,omitempty"`
	Trigger string            `json:"trigger"`
	// Status is the draft's build status; Deployed the number of the deployed version (0: never).
	Status             string `json:"status"`
	Deployed           int    `json:"deployed_version"`
	AllChangesDeployed bool   `json:"all_changes_deployed"`
}

// Dependency is an npm dependency.
type Dependency struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

type action struct {
	ActionState
	triggerVersion string
	changedAt      time.Time
	failBuild      bool
	versions       []version
	// pendingDeploy is a deploy that becomes visible on the next read.
	pendingDeploy int
}

type version struct {
	id     string
	number int
	code   string
}

type binding struct {
	id, actionID, display string
}

// Server is a running fake.
type Server struct {
	opts Options
	srv  *httptest.Server

	mu           sync.Mutex
	tokens       map[string][]string
	tokenCount   int
	settings     map[string]any
	factors      map[string]bool
	messageTypes []string
	provider     string
	policies     []string
	actions      []*action
	bindings     []binding
	nextID       int
	failBuild    map[string]bool
	faults       []*Fault
	log          []Request
}

// New starts a fake on 127.0.0.1.
func New(opts Options) *Server {
	if opts.ClientID == "" {
		opts.ClientID = "fake-client-id"
	}
	if opts.ClientSecret == "" {
		opts.ClientSecret = "fake-client-secret"
	}
	if opts.Scopes == nil {
		opts.Scopes = AllScopes
	}
	s := &Server{opts: opts, tokens: map[string][]string{}, failBuild: map[string]bool{}}
	s.reset()
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	return s
}

func (s *Server) reset() {
	s.settings = map[string]any{"friendly_name": "Fake tenant", "sandbox_versions_available": []string{"22"},
		"flags": map[string]any{"cannot_change_enforce_client_authentication_on_passwordless_start": true}}
	s.factors = map[string]bool{}
	for _, f := range FactorNames {
		s.factors[f] = false
	}
	s.messageTypes = []string{}
	s.provider = "auth0"
	s.policies = []string{}
	s.actions = nil
	s.bindings = nil
}

// Close stops the server.
func (s *Server) Close() { s.srv.Close() }

// URL is the server's base URL, http://127.0.0.1:PORT.
func (s *Server) URL() string { return s.srv.URL }

// FailBuild makes every build of the named Action fail.
func (s *Server) FailBuild(name string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failBuild[name] = true
	for _, a := range s.actions {
		if a.Name == name {
			a.failBuild = true
		}
	}
}

// Inject queues a fault. It panics on an unknown Kind.
func (s *Server) Inject(f Fault) {
	if f.Kind != "" && !contains(FaultKinds, f.Kind) {
		panic(fmt.Sprintf("fakeauth0: unknown fault kind %q (want one of %s)", f.Kind, strings.Join(FaultKinds, ", ")))
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if f.Times <= 0 {
		f.Times = 1
	}
	s.faults = append(s.faults, &f)
}

// Requests returns the request log.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.log...)
}

// ResetRequests empties the request log.
func (s *Server) ResetRequests() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.log = nil
}

// TokenRequests counts the token requests answered with a token.
func (s *Server) TokenRequests() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.tokenCount
}

// Snapshot returns the tenant's state.
func (s *Server) Snapshot() State {
	s.mu.Lock()
	defer s.mu.Unlock()
	st := State{Factors: map[string]bool{}, MessageTypes: clone(s.messageTypes), Provider: s.provider, Policies: clone(s.policies), Actions: []ActionState{}, Bindings: []string{}}
	if v, ok := s.settings["customize_mfa_in_postlogin_action"].(bool); ok {
		st.CustomizeMFA = &v
	}
	if v, ok := s.settings["flags"].(map[string]any)["mfa_show_factor_list_on_enrollment"].(bool); ok {
		st.ShowFactorList = &v
	}
	for k, v := range s.factors {
		st.Factors[k] = v
	}
	for _, a := range s.actions {
		s.advance(a)
		as := a.ActionState
		as.Secrets = map[string]string{}
		for k, v := range a.Secrets {
			as.Secrets[k] = v
		}
		st.Actions = append(st.Actions, as)
	}
	for _, b := range s.bindings {
		st.Bindings = append(st.Bindings, s.byID(b.actionID).Name+": "+b.display)
	}
	return st
}

// Seed replaces the tenant's state. Actions get IDs when they have none; a Deployed number above 0
// makes them deployed with that many versions.
func (s *Server) Seed(st State) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.reset()
	if st.CustomizeMFA != nil {
		s.settings["customize_mfa_in_postlogin_action"] = *st.CustomizeMFA
	}
	if st.ShowFactorList != nil {
		s.settings["flags"].(map[string]any)["mfa_show_factor_list_on_enrollment"] = *st.ShowFactorList
	}
	for k, v := range st.Factors {
		s.factors[k] = v
	}
	if st.MessageTypes != nil {
		s.messageTypes = clone(st.MessageTypes)
	}
	if st.Provider != "" {
		s.provider = st.Provider
	}
	if st.Policies != nil {
		s.policies = clone(st.Policies)
	}
	for _, as := range st.Actions {
		a := &action{ActionState: as, triggerVersion: "v3", changedAt: time.Now().Add(-time.Hour)}
		if a.ID == "" {
			a.ID = s.newID("act")
		}
		if a.Trigger == "" {
			a.Trigger = "post-login"
		}
		if a.Runtime == "" {
			a.Runtime = "node22"
		}
		if a.Status == "" {
			a.Status = "built"
		}
		for i := 1; i <= as.Deployed; i++ {
			a.versions = append(a.versions, version{id: fmt.Sprintf("%s_v%d", a.ID, i), number: i, code: a.Code})
		}
		a.failBuild = s.failBuild[a.Name]
		s.actions = append(s.actions, a)
	}
	for _, b := range st.Bindings {
		name, display, _ := strings.Cut(b, ": ")
		if a := s.byName(name); a != nil {
			s.bindings = append(s.bindings, binding{id: s.newID("bnd"), actionID: a.ID, display: strings.TrimSpace(display)})
		}
	}
}

func clone(xs []string) []string {
	if xs == nil {
		return []string{}
	}
	return append([]string{}, xs...)
}

func (s *Server) newID(prefix string) string {
	s.nextID++
	return fmt.Sprintf("%s_%04d", prefix, s.nextID)
}

func (s *Server) byID(id string) *action {
	for _, a := range s.actions {
		if a.ID == id {
			return a
		}
	}
	return nil
}

func (s *Server) byName(name string) *action {
	for _, a := range s.actions {
		if a.Name == name {
			return a
		}
	}
	return nil
}

// advance moves a draft through the build state machine and makes a pending deploy visible.
func (s *Server) advance(a *action) {
	if a.pendingDeploy > 0 {
		a.Deployed = a.pendingDeploy
		a.pendingDeploy = 0
	}
	switch a.Status {
	case "pending", "building":
		elapsed := time.Since(a.changedAt)
		switch {
		case elapsed >= s.opts.BuildTime && a.failBuild:
			a.Status = "failed"
		case elapsed >= s.opts.BuildTime:
			a.Status = "built"
		case elapsed >= s.opts.BuildTime/2:
			a.Status = "building"
		}
	}
}

// recorder captures the status of a response.
type recorder struct {
	http.ResponseWriter
	status int
}

func (r *recorder) WriteHeader(code int) {
	r.status = code
	r.ResponseWriter.WriteHeader(code)
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	if s.opts.Latency > 0 {
		time.Sleep(s.opts.Latency)
	}
	var body []byte
	if r.Body != nil {
		var err error
		body, err = readAll(r)
		if err != nil {
			writeError(w, 400, "invalid_body", "could not read the body")
			return
		}
	}
	rec := &recorder{ResponseWriter: w, status: 200}
	w = rec
	query := sortedQuery(r.URL.Query()) // as asked, before an ignore-page fault drops page=
	s.mu.Lock()
	defer func() {
		s.log = append(s.log, Request{Method: r.Method, Path: r.URL.Path, Query: query, Status: rec.status, Body: s.redact(body)})
		s.mu.Unlock()
	}()
	f := s.fault(r)
	switch {
	case f == nil:
		s.handle(w, r, body)
	case f.Kind == "":
		failWith(w, f)
	default:
		if f.Kind == "ignore-page" {
			q := r.URL.Query()
			q.Del("page")
			r.URL.RawQuery = q.Encode()
		}
		answer := httptest.NewRecorder()
		s.handle(answer, r, body)
		spoil(w, r, answer, f)
	}
}

// handle answers a request that no fault replaces: the token endpoint, or an authorized API call.
func (s *Server) handle(w http.ResponseWriter, r *http.Request, body []byte) {
	if r.URL.Path == "/oauth/token" && r.Method == http.MethodPost {
		s.token(w, r, body)
		return
	}
	path, ok := strings.CutPrefix(r.URL.Path, "/api/v2/")
	if !ok {
		writeError(w, 404, "", "Not Found")
		return
	}
	scopes, ok := s.tokens[strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")]
	if !ok && s.opts.AccessToken != "" && r.Header.Get("Authorization") == "Bearer "+s.opts.AccessToken {
		scopes, ok = AllScopes, true
	}
	if !ok {
		writeError(w, 401, "", "Invalid token")
		return
	}
	need := ScopeFor(r.Method, path)
	if !contains(scopes, need) {
		writeError(w, 403, "insufficient_scope", "Insufficient scope, expected any of: "+need)
		return
	}
	s.route(w, r, path, body)
}

// ScopeFor is the scope a Management API call needs.
func ScopeFor(method, path string) string {
	resource := "actions"
	switch {
	case strings.HasPrefix(path, "tenants/"):
		resource = "tenant_settings"
	case strings.HasPrefix(path, "guardian/policies"):
		resource = "mfa_policies"
	case strings.HasPrefix(path, "guardian/"):
		resource = "guardian_factors"
	}
	switch method {
	case http.MethodGet:
		return "read:" + resource
	case http.MethodDelete:
		return "delete:" + resource
	case http.MethodPost:
		return "create:" + resource
	}
	return "update:" + resource
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

func sortedQuery(q url.Values) string {
	return q.Encode() // Encode sorts by key
}

func (s *Server) fault(r *http.Request) *Fault {
	for i, f := range s.faults {
		if f.Method != "" && f.Method != r.Method {
			continue
		}
		if p, prefix := strings.CutSuffix(f.Path, "*"); prefix && !strings.HasPrefix(r.URL.Path, p) || !prefix && f.Path != r.URL.Path {
			continue
		}
		if f.Skip > 0 {
			f.Skip--
			continue
		}
		f.Times--
		if f.Times <= 0 {
			s.faults = append(s.faults[:i], s.faults[i+1:]...)
		}
		return f
	}
	return nil
}

// redact removes secret values and the client secret from a logged body.
func (s *Server) redact(body []byte) string {
	text := string(body)
	if s.opts.ClientSecret != "" {
		text = strings.ReplaceAll(text, url.QueryEscape(s.opts.ClientSecret), "<redacted>")
		text = strings.ReplaceAll(text, s.opts.ClientSecret, "<redacted>")
	}
	var doc map[string]any
	if json.Unmarshal(body, &doc) == nil {
		if secrets, ok := doc["secrets"].([]any); ok {
			for _, sec := range secrets {
				if m, ok := sec.(map[string]any); ok {
					if _, has := m["value"]; has {
						m["value"] = "<redacted>"
					}
				}
			}
			out, _ := json.Marshal(doc)
			text = string(out)
		}
	}
	return text
}

func (s *Server) token(w http.ResponseWriter, r *http.Request, body []byte) {
	var id, secret, grant string
	if strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") {
		var req map[string]string
		_ = json.Unmarshal(body, &req)
		id, secret, grant = req["client_id"], req["client_secret"], req["grant_type"]
	} else {
		form, _ := url.ParseQuery(string(body))
		id, secret, grant = form.Get("client_id"), form.Get("client_secret"), form.Get("grant_type")
		if u, p, ok := r.BasicAuth(); ok {
			// RFC 6749 2.3.1: Basic credentials are form-encoded first.
			id, secret = u, p
			if v, err := url.QueryUnescape(u); err == nil {
				id = v
			}
			if v, err := url.QueryUnescape(p); err == nil {
				secret = v
			}
		}
	}
	if grant != "client_credentials" {
		writeJSON(w, 400, map[string]string{"error": "unsupported_grant_type", "error_description": "Unsupported grant type: " + grant})
		return
	}
	if id != s.opts.ClientID || secret != s.opts.ClientSecret {
		writeJSON(w, 401, map[string]string{"error": "access_denied", "error_description": "Unauthorized"})
		return
	}
	s.tokenCount++
	tok := fmt.Sprintf("fake-token-%d", s.tokenCount)
	s.tokens[tok] = s.opts.Scopes
	writeJSON(w, 200, map[string]any{"access_token": tok, "scope": strings.Join(s.opts.Scopes, " "), "expires_in": 86400, "token_type": "Bearer"})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func writeError(w http.ResponseWriter, status int, code, message string) {
	body := map[string]any{"statusCode": status, "error": http.StatusText(status), "message": message}
	if code != "" {
		body["errorCode"] = code
	}
	writeJSON(w, status, body)
}

func readAll(r *http.Request) ([]byte, error) {
	defer r.Body.Close()
	return io.ReadAll(io.LimitReader(r.Body, 10<<20))
}

func atoiDefault(s string, def int) int {
	if n, err := strconv.Atoi(s); err == nil {
		return n
	}
	return def
}

func sortStrings(xs []string) []string {
	out := clone(xs)
	sort.Strings(out)
	return out
}
