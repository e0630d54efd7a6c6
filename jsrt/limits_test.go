package jsrt

import (
	"context"
	"os"
	"runtime"
	"strings"
	"testing"
	"time"
)

// hostileTimeout is the Action timeout of the hostile tests: every run must end within it plus a
// second. It is longer under the race detector, which slows JavaScript down about tenfold.
var hostileTimeout = func() time.Duration {
	if raceEnabled {
		return 3 * time.Second
	}
	return 300 * time.Millisecond
}()

func TestMain(m *testing.M) {
	// A backtracking regular expression must not outlive the short timeouts of these tests.
	SetRegExpTimeout(hostileTimeout)
	os.Exit(m.Run())
}

// runHostile runs body inside the handler with the short timeout and checks that Run returned in time.
func runHostile(t *testing.T, body string) Result {
	t.Helper()
	src := "exports.onExecutePostLogin = async (event, api) => {\n" + body + "\n};"
	start := time.Now()
	r := runAction(t, src, Options{Timeout: hostileTimeout})
	if d := time.Since(start); d > hostileTimeout+time.Second {
		t.Errorf("Run took %v, more than the timeout plus a second", d)
	}
	return r
}

func TestHostileActions(t *testing.T) {
	tests := []struct {
		name, body string
		want       string // prefix of "class: message", or "" for no error
	}{
		{"array length 2**32-1 to the api", "const a = []; a.length = 2 ** 32 - 1; api.authentication.challengeWithAny(a);",
			"action_error: RangeError: value too large for mfactl to record: api.authentication.challengeWithAny: array length 4294967295 exceeds 10000"},
		{"sparse array of 2**27 to the api", "const a = []; a.length = 2 ** 27; api.idToken.setCustomClaim('https://x', a);",
			"action_error: RangeError: value too large for mfactl to record: api.idToken.setCustomClaim: array length 134217728 exceeds 10000"},
		{"deep object to the api", "let o = {}; for (let i = 0; i < 1e5; i++) { o = { o }; } api.idToken.setCustomClaim('https://x', o);",
			"action_error: RangeError: value too large for mfactl to record: api.idToken.setCustomClaim: nesting exceeds 64 levels"},
		{"shared graph to the api", "let o = ['x'.repeat(1000)]; for (let i = 0; i < 40; i++) { o = [o, o]; } api.idToken.setCustomClaim('https://x', o);",
			"action_error: RangeError: value too large for mfactl to record: api.idToken.setCustomClaim: "},
		{"overridden slice", "Array.prototype.slice = function () { const a = []; a.length = 2 ** 32 - 1; return a; }; api.authentication.challengeWithAny([{ type: 'otp' }]);", ""},
		{"overridden slice that loops", "Array.prototype.slice = function () { for (;;) {} }; Array.prototype.map = Array.prototype.slice; api.authentication.challengeWithAny([{ type: 'otp' }]);", ""},
		{"toJSON returning a huge graph", "const big = []; big.length = 2 ** 30; api.idToken.setCustomClaim('https://x', { toJSON() { return big; } });",
			"action_error: RangeError: value too large for mfactl to record: api.idToken.setCustomClaim: array length 1073741824 exceeds 10000"},
		{"too many api calls", "for (let i = 0; i < 20000; i++) { api.accessToken.addScope('s'); }",
			"action_error: RangeError: too many api calls for mfactl to record: more than 10000"},

		{"an infinite loop", "for (;;) {}", "action_timeout: the Action did not finish within " + hostileTimeout.String()},
		{"an infinite loop that catches", "for (;;) { try { for (;;) {} } catch (e) {} }", "action_timeout: the Action did not finish within " + hostileTimeout.String()},
		{"console.log of a deep object", "let o = {}; for (let i = 0; i < 1e5; i++) { o = { o }; } console.log(o);", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runHostile(t, tt.body)
			got := errText(r)
			if tt.want == "" && got != "" || !strings.HasPrefix(got, tt.want) {
				t.Fatalf("got %q\nwant prefix %q", got, tt.want)
			}
		})
	}
}

func TestHostileConsole(t *testing.T) {
	r := runHostile(t, `let o = {}; for (let i = 0; i < 1e5; i++) { o = { o }; }
const a = []; a.length = 2 ** 32 - 1;
const c = { name: 'c' }; c.self = c;
console.log(o);
console.log(a);
console.log(c);
console.log('x'.repeat(1 << 20));
console.log('after the limit');`)
	if r.Err != nil {
		t.Fatal(errText(r))
	}
	if len(r.Console) != 4 {
		t.Fatalf("%d lines", len(r.Console))
	}
	if !strings.HasPrefix(r.Console[0], `{"o":{"o":{"o":`) || !strings.Contains(r.Console[0], `"[Object]"`) {
		t.Errorf("deep object: %.200s", r.Console[0])
	}
	if !strings.HasPrefix(r.Console[1], "[null,null") || !strings.HasSuffix(r.Console[1], `"… 4294957295 more items"]`) {
		t.Errorf("holey array: %.100s … %s", r.Console[1], r.Console[1][max(0, len(r.Console[1])-60):])
	}
	if r.Console[2] != "[object Object]" {
		t.Errorf("circular: %s", r.Console[2])
	}
	if n := len(r.Console[3]); n > maxConsole+100 || !strings.HasSuffix(r.Console[3], "(console output truncated at 256 KiB)") {
		t.Errorf("long string: %d bytes", n)
	}
}

// TestRecorderIgnoresPrototypes checks that the recorder and the console work whatever the Action did
// to the built-ins they might call.
func TestRecorderIgnoresPrototypes(t *testing.T) {
	r := runHostile(t, `Array.prototype.slice = Array.prototype.map = Array.prototype.join = function () { throw new Error('called'); };
Object.keys = Object.entries = JSON.stringify = function () { throw new Error('called'); };
Object.defineProperty(Array.prototype, '0', { get() { throw new Error('called'); }, set() { throw new Error('called'); } });
Array.prototype[Symbol.iterator] = function () { throw new Error('called'); };
api.authentication.challengeWithAny([{ type: 'otp' }, { type: 'email' }]);
console.log('x', { a: [1, 2] }, [3]);`)
	if r.Err != nil {
		t.Fatal(errText(r))
	}
	if got := calls(r); got != `[{"method":"authentication.challengeWithAny","args":[[{"type":"otp"},{"type":"email"}]]}]` {
		t.Errorf("calls %s", got)
	}
	if strings.Join(r.Console, "|") != `x {"a":[1,2]} [3]` {
		t.Errorf("console %q", r.Console)
	}
}

// TestStuckInGoBuiltin runs an Action that keeps goja inside one of its Go built-ins for seconds (a
// holey array whose prototype chain is long, searched with indexOf): Run gives up on it at the
// timeout plus Grace.
func TestStuckInGoBuiltin(t *testing.T) {
	body := `let C = Array; for (let i = 0; i < 300; i++) { C = class extends C {}; }
const a = new C(); a.length = 131072; console.log('before'); api.accessToken.addScope('s');
a.indexOf(1); a.indexOf(1);`
	r := runHostile(t, body)
	if got := errText(r); !strings.HasPrefix(got, "action_timeout: the Action did not finish within "+hostileTimeout.String()+"") {
		t.Fatalf("got %q", got)
	}
	if len(r.Console) != 1 || len(r.Calls) != 1 {
		t.Errorf("what was recorded before is lost: %q %v", r.Console, r.Calls)
	}
}

func TestCancelStopsARunStuckInGo(t *testing.T) {
	p, err := Compile("a.js", []byte(`exports.onExecutePostLogin = async () => {
let C = Array; for (let i = 0; i < 300; i++) { C = class extends C {}; }
const a = new C(); a.length = 131072; for (;;) { a.indexOf(1); }
};`))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(200*time.Millisecond, cancel)
	start := time.Now()
	r := p.Run(ctx, Options{Handler: "onExecutePostLogin", Event: event(), Now: now})
	if d := time.Since(start); d > 200*time.Millisecond+time.Second {
		t.Errorf("took %v", d)
	}
	if got := errText(r); got != "action_timeout: interrupted" {
		t.Errorf("got %q", got)
	}
}

func TestMemoryLimit(t *testing.T) {
	defer SetMaxHeap(SetMaxHeap(128 << 20))
	for _, body := range []string{
		"const a = []; for (;;) { a.push('x'.repeat(1 << 20) + a.length); }",
		"let s = 'x'; for (;;) { s = s + s; }",
		"const a = []; for (;;) { a.push(new ArrayBuffer(1 << 20)); }",
	} {
		t.Run(body, func(t *testing.T) {
			r := runAction(t, "exports.onExecutePostLogin = async () => {"+body+"};", Options{Timeout: 10 * hostileTimeout})
			if got := errText(r); got != "action_error: the Action used more than 128 MB of memory and was stopped" {
				t.Fatalf("got %q", got)
			}
			runtime.GC()
		})
	}
}

// TestRegExpTimeout checks that a backtracking match stops at the regexp timeout (TestMain sets it to
// the Action timeout, as the simulator does).
func TestRegExpTimeout(t *testing.T) {
	start := time.Now()
	r := runHostile(t, "/^(a+)+\\1$/.test('a'.repeat(40) + 'b');")
	if got := errText(r); !strings.HasPrefix(got, "action_timeout: the Action did not finish within "+hostileTimeout.String()+"") {
		t.Fatalf("got %q", got)
	}
	// The match itself stopped: the run ended without being abandoned, well before Grace.
	if d := time.Since(start); d > hostileTimeout+Grace {
		t.Errorf("took %v", d)
	}
}
