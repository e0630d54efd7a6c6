package jsrt

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"
)

var now = time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)

func event() map[string]any {
	return map[string]any{
		"user":          map[string]any{"user_id": "auth0|1", "app_metadata": map[string]any{}, "user_metadata": map[string]any{}, "enrolledFactors": []any{map[string]any{"type": "otp"}}},
		"request":       map[string]any{"ip": "203.0.113.1", "hostname": "t.example.com", "query": map[string]any{}, "body": map[string]any{}},
		"transaction":   map[string]any{"protocol": "oidc-basic-profile", "metadata": map[string]any{}},
		"authorization": map[string]any{"roles": []any{"admin"}},
	}
}

func runAction(t *testing.T, src string, opts Options) Result {
	t.Helper()
	p, err := Compile("action.js", []byte(src))
	if err != nil {
		t.Fatalf("compile: %v", err)
	}
	if opts.Handler == "" {
		opts.Handler = "onExecutePostLogin"
	}
	if opts.Event == nil {
		opts.Event = event()
	}
	if opts.Now.IsZero() {
		opts.Now = now
	}
	return p.Run(context.Background(), opts)
}

func calls(r Result) string {
	b, _ := json.Marshal(r.Calls)
	return string(b)
}

func errText(r Result) string {
	if r.Err == nil {
		return ""
	}
	return r.Err.Class + ": " + r.Err.Error()
}

func TestRecordsCalls(t *testing.T) {
	r := runAction(t, `exports.onExecutePostLogin = async (event, api) => {
  const ret = api.authentication.challengeWithAny(event.user.enrolledFactors.map((f) => ({ type: f.type })));
  api.idToken.setCustomClaim('https://x/roles', event.authorization.roles).accessToken.addScope('read');
  api.multifactor.enable('any', { allowRememberBrowser: false });
  console.log('ret', ret, { a: 1 });
  console.warn('careful');
};`, Options{})
	if r.Err != nil {
		t.Fatal(errText(r))
	}
	want := `[{"method":"authentication.challengeWithAny","args":[[{"type":"otp"}]]},{"method":"idToken.setCustomClaim","args":["https://x/roles",["admin"]]},{"method":"accessToken.addScope","args":["read"]},{"method":"multifactor.enable","args":["any",{"allowRememberBrowser":false}]}]`
	if got := calls(r); got != want {
		t.Errorf("calls:\n%s\nwant:\n%s", got, want)
	}
	if strings.Join(r.Console, "|") != `ret undefined {"a":1}|warn: careful` {
		t.Errorf("console: %q", r.Console)
	}
}

func TestHandlerErrors(t *testing.T) {
	tests := []struct {
		name, src, handler, want string
		offsetOf                 string // the source text the error position must point at
	}{
		{"missing", `exports.other = async () => {};`, "", `action_error: Invalid function signature for the "onExecutePostLogin" handler. Use "exports.onExecutePostLogin = async function(event, api) { }" as the signature.`, ""},
		{"not async", `exports.onExecutePostLogin = function () { return Promise.resolve(); };`, "", `action_error: Invalid function signature for the "onExecutePostLogin" handler.`, ""},
		{"throws", "exports.onExecutePostLogin = async (event, api) => {\n  const x = 1;\n  throw new Error('boom');\n};", "", "action_error: Error: boom", "new Error"},
		{"type error", "exports.onExecutePostLogin = async (event, api) => {\n  event.user.nothing.deeper;\n};", "", "action_error: TypeError: Cannot read property 'deeper' of undefined", "deeper"},
		{"rejects", "exports.onExecutePostLogin = async (event, api) => {\n  await null;\n  return Promise.reject(new RangeError('nope'));\n};", "", "action_error: RangeError: nope", "new RangeError"},
		{"never settles", "exports.onExecutePostLogin = async () => { await new Promise(() => {}); };", "", "action_error: the handler's promise never settles", ""},
		{"process.exit", "exports.onExecutePostLogin = async () => { try { process.exit(1); } catch (e) {} };", "", "action_error: Error: process.exit(1) was called: an Action cannot exit the process; throw an Error or call api.access.deny instead", "(1); }"},
		{"fetch", "exports.onExecutePostLogin = async () => { await fetch('https://x'); };", "", "action_error: no answer for GET https://x/", ""},
		{"unmocked module", "const jwt = require('jsonwebtoken');\nexports.onExecutePostLogin = async () => {};", "", "action_error: Error: Cannot find module 'jsonwebtoken': mfactl was given no node_modules folder", ""},
		{"top-level throw", "throw new Error('at load');\nexports.onExecutePostLogin = async () => {};", "", "action_error: Error: at load", "new Error"},
		{"api misuse", "exports.onExecutePostLogin = async (e, api) => { api.multifactor.enable('sms'); };", "", `action_error: TypeError: Invalid MFA provider "sms"`, ""},
		{"restricted claim", "exports.onExecutePostLogin = async (e, api) => { api.idToken.setCustomClaim('sub', 'x'); };", "", `action_error: Error: Cannot set restricted claim "sub"`, ""},
		{"primary user twice", "exports.onExecutePostLogin = async (e, api) => { api.authentication.setPrimaryUser('a'); api.authentication.setPrimaryUser('b'); };", "", "action_error: Error: The primary user can only be altered once per transaction", ""},
		{"render and redirect", "exports.onExecutePostLogin = async (e, api) => { api.prompt.render('p'); api.redirect.sendUserTo('https://x'); };", "", "action_error: Error: Redirect and render commands cannot be used in the same action.", ""},
		{"recursion", "function f() { return f() + 1; }\nexports.onExecutePostLogin = async () => { f(); };", "", "action_error: RangeError: Maximum call stack size exceeded", ""},
		{"long timer", "exports.onExecutePostLogin = async () => { await new Promise((r) => setTimeout(r, 30000)); };", "", "action_timeout: the Action did not finish within 20s (simulated time", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runAction(t, tt.src, Options{Handler: tt.handler})
			if got := errText(r); !strings.HasPrefix(got, tt.want) {
				t.Fatalf("got %q, want prefix %q", got, tt.want)
			}
			if tt.offsetOf != "" {
				if want := strings.Index(tt.src, tt.offsetOf); r.Err.Offset != want {
					t.Errorf("offset %d (%q), want %d", r.Err.Offset, tt.src[max(0, r.Err.Offset):], want)
				}
			}
		})
	}
}

func TestInfiniteLoopIsInterrupted(t *testing.T) {
	start := time.Now()
	r := runAction(t, "exports.onExecutePostLogin = async () => { for (;;) {} };", Options{Timeout: 100 * time.Millisecond})
	if got := errText(r); !strings.HasPrefix(got, "action_timeout: the Action did not finish within 100ms") {
		t.Fatalf("got %q", got)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("took %v", d)
	}
}

func TestAllocationWithoutEndIsStopped(t *testing.T) {
	defer SetMaxHeap(SetMaxHeap(64 << 20))
	r := runAction(t, "exports.onExecutePostLogin = async () => { const a = []; for (;;) { a.push('x'.repeat(1000) + a.length); } };", Options{})
	if got := errText(r); !strings.Contains(got, "memory") {
		t.Fatalf("got %q", got)
	}
}

func TestClockAndTimers(t *testing.T) {
	r := runAction(t, `exports.onExecutePostLogin = async (event, api) => {
  const t0 = Date.now();
  await new Promise((resolve) => setTimeout(resolve, 1500));
  api.idToken.setCustomClaim('https://x/t', [new Date(t0).toISOString(), Date.now() - t0]);
};`, Options{})
	if r.Err != nil {
		t.Fatal(errText(r))
	}
	if got := calls(r); got != `[{"method":"idToken.setCustomClaim","args":["https://x/t",["2026-01-01T09:00:00.000Z",1500]]}]` {
		t.Errorf("calls: %s", got)
	}
	if r.Elapsed != 1500*time.Millisecond {
		t.Errorf("elapsed %v", r.Elapsed)
	}
}

func TestModulesAndState(t *testing.T) {
	r := runAction(t, `const risk = require('risk-client');
const config = require('config');
exports.onExecutePostLogin = async (event, api) => {
  const score = await risk.score(event.user.user_id);
  api.transaction.setMetadata('score', score);
  api.transaction.setMetadata('region', config.region);
  api.cache.set('k', 'v');
};`, Options{Modules: map[string]Mock{
		"risk-client": {Source: "module.exports = { score: async (id) => id.length };"},
		"config":      {Value: map[string]any{"region": "eu"}, HasValue: true},
	}, Cache: map[string]CacheRecord{}})
	if r.Err != nil {
		t.Fatal(errText(r))
	}
	md := r.Event["transaction"].(map[string]any)["metadata"].(map[string]any)
	if md["score"] != float64(7) || md["region"] != "eu" {
		t.Errorf("metadata %v", md)
	}
}

func TestRedirectTokens(t *testing.T) {
	ev := event()
	r := runAction(t, `exports.onExecutePostLogin = async (event, api) => {
  const token = api.redirect.encodeToken({ secret: 's3cret', payload: { step: 'consent' } });
  api.redirect.sendUserTo('https://x/consent', { query: { session_token: token } });
};`, Options{Event: ev})
	if r.Err != nil {
		t.Fatal(errText(r))
	}
	token := r.Calls[0].Args[1].(map[string]any)["query"].(map[string]any)["session_token"].(string)
	ev["request"].(map[string]any)["query"] = map[string]any{"session_token": token}
	r = runAction(t, `exports.onExecutePostLogin = async () => {};
exports.onContinuePostLogin = async (event, api) => {
  const p = api.redirect.validateToken({ secret: 's3cret' });
  api.idToken.setCustomClaim('https://x/step', p.step);
  api.redirect.validateToken({ secret: 'wrong' });
};`, Options{Event: ev, Handler: "onContinuePostLogin"})
	if got := errText(r); got != "action_error: Error: The session token is invalid: invalid signature" || calls(r) != `[{"method":"idToken.setCustomClaim","args":["https://x/step","consent"]}]` {
		t.Errorf("%s %s", got, calls(r))
	}
}

func TestCompileError(t *testing.T) {
	_, err := Compile("a.js", []byte("exports.onExecutePostLogin = async () => {\n  if (x {\n};"))
	se, ok := err.(*SyntaxError)
	if !ok || se.Offset != 51 || se.Message != "Unexpected token {" {
		t.Fatalf("%#v", err)
	}
}

// benchAction is the Action the run benchmarks run: a selection Action as most tenants have.
const benchAction = `exports.onExecutePostLogin = async (event, api) => {
  const enrolled = event.user.enrolledFactors ?? [];
  if (enrolled.length > 0) { api.authentication.challengeWithAny(enrolled.map((f) => ({ type: f.type }))); }
  else { api.authentication.enrollWithAny([{ type: 'otp' }, { type: 'webauthn-roaming' }]); }
};`

func BenchmarkRun(b *testing.B) {
	p, err := Compile("a.js", []byte(benchAction))
	if err != nil {
		b.Fatal(err)
	}
	ev := event()
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if r := p.Run(context.Background(), Options{Handler: "onExecutePostLogin", Event: ev, Now: now}); r.Err != nil {
			b.Fatal(r.Err)
		}
	}
}

// TestCompileParserPanic: goja's parser panics on an array binding pattern left open at the end of the
// input; Compile reports a syntax error for such sources.
func TestCompileParserPanic(t *testing.T) {
	for _, src := range []string{"function[[[...{", "});function[[[...{", "});function[[[...{ /*"} {
		_, err := Compile("a.js", []byte(src))
		var se *SyntaxError
		if !errors.As(err, &se) {
			t.Errorf("%q: got %#v", src, err)
		}
	}
}

// TestRunTimeout: a run timeout shorter than the Action timeout stops a loop after that much real
// time, and never a simulated wait, which takes none.
func TestRunTimeout(t *testing.T) {
	loop := runAction(t, "exports.onExecutePostLogin = async () => { for (;;) {} };", Options{RunTimeout: 100 * time.Millisecond})
	if got := errText(loop); !strings.HasPrefix(got, "action_timeout: the Action ran for 100ms of real time and was stopped") {
		t.Errorf("loop: %s", got)
	}
	wait := runAction(t, "exports.onExecutePostLogin = async (event, api) => { await new Promise((r) => setTimeout(r, 10000)); api.access.deny('after'); };", Options{RunTimeout: 100 * time.Millisecond})
	if wait.Err != nil || len(wait.Calls) != 1 {
		t.Errorf("a simulated 10 s wait: %v %s", wait.Err, calls(wait))
	}
	long := runAction(t, "exports.onExecutePostLogin = async () => { for (;;) {} };", Options{Timeout: 100 * time.Millisecond, RunTimeout: time.Second})
	if got := errText(long); !strings.HasPrefix(got, "action_timeout: the Action did not finish within 100ms") {
		t.Errorf("a run timeout longer than the timeout: %s", got)
	}
}

// TestConversionErrorWording: goja's error for an object that cannot become a primitive writes Go
// addresses; the run's error has Node's words, the same in every run.
func TestConversionErrorWording(t *testing.T) {
	r := runAction(t, "exports.onExecutePostLogin = async (event, api) => { return String({ toString: 1, valueOf: 2 }); };", Options{})
	if r.Err == nil || r.Err.Name != "TypeError" || r.Err.Message != "Cannot convert object to primitive value" {
		t.Fatalf("got %+v", r.Err)
	}
}
