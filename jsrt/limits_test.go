package jsrt

import (
	"context"
	"os"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"
	"time"

	"github.com/dop251/goja"
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
	// As in mfactl simulate, the collector keeps garbage near 96 MiB, so that what a hostile test
	// leaves behind is not blamed on the next one.
	debug.SetMemoryLimit(96 << 20)
	os.Exit(m.Run())
}

// limitTimeout is the Action timeout of hostile tests that expect a limit other than the timeout to
// stop the run (or no error at all): long enough that a loaded machine cannot make the timeout win.
var limitTimeout = 10 * hostileTimeout

// runHostile runs body inside the handler with limitTimeout and checks that Run returned in time.
func runHostile(t *testing.T, body string) Result {
	t.Helper()
	return runHostileWithin(t, body, limitTimeout)
}

// runHostileWithin runs body inside the handler with the timeout given, and checks that Run returned
// within it plus a second.
func runHostileWithin(t *testing.T, body string, timeout time.Duration) Result {
	t.Helper()
	src := "exports.onExecutePostLogin = async (event, api) => {\n" + body + "\n};"
	start := time.Now()
	r := runAction(t, src, Options{Timeout: timeout})
	if d := time.Since(start); d > timeout+time.Second {
		t.Errorf("Run took %v, more than the timeout plus a second", d)
	}
	return r
}

func TestHostileActions(t *testing.T) {
	tests := []struct {
		name, body string
		want       string // prefix of "class: message", or "" for no error
	}{
		// Values the recorder would copy into Go.
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

		// Buffers.
		{"new ArrayBuffer(1e11)", "new ArrayBuffer(1e11);", "action_error: RangeError: ArrayBuffer: 100000000000 bytes exceed mfactl's limit of 1048576"},
		{"new Uint8Array(1e11)", "new Uint8Array(1e11);", "action_error: RangeError: Uint8Array: 100000000000 elements exceed mfactl's limit of 131072"},
		{"new Float64Array(array-like)", "new Float64Array({ length: 2 ** 40 });", "action_error: RangeError: Float64Array: 1099511627776 elements exceed"},
		{"typed array over a big buffer", "new Uint8Array(new ArrayBuffer(1 << 20));", "action_error: RangeError: Uint8Array: 1048576 elements exceed"},
		{"ArrayBuffer via a typed array", "new (new Uint8Array(1).buffer.constructor)(1e11);", "action_error: RangeError: ArrayBuffer: "},
		{"typed array subclass", "class Big extends Uint8Array {} new Big(1e11);", "action_error: RangeError: Uint8Array: "},
		{"the original constructor is unreachable", "if (Object.getPrototypeOf(new Uint8Array(1)).constructor !== Uint8Array || ArrayBuffer.prototype.constructor !== ArrayBuffer) { throw new Error('reachable'); } globalThis.ArrayBuffer = null; new (new Uint8Array(1).buffer.constructor)(2e9);",
			"action_error: RangeError: ArrayBuffer: 2000000000 bytes exceed"},

		{"a buffer global replaced before use", "globalThis.ArrayBuffer = 5; new (new Uint8Array(1).buffer.constructor)(1e11);", "action_error: RangeError: ArrayBuffer: "},
		{"a buffer global read through its descriptor", "const d = Object.getOwnPropertyDescriptor(globalThis, 'Float32Array'); new (d.get ? d.get() : d.value)(1e11);", "action_error: RangeError: Float32Array: "},

		// Built-ins that loop or allocate in Go.
		{"String() of a deep array", "let a = []; for (let i = 0; i < 1e5; i++) { a = [a]; } String(a);",
			"action_error: RangeError: Array.prototype.join: arrays nest deeper than mfactl's limit of 1000"},
		{"join of a long holey array", "const a = []; a.length = 2 ** 27; a.join('');", "action_error: RangeError: Array.prototype.join: array length 134217728 exceeds mfactl's limit of 131072"},
		{"join with a long separator", "new Array(100000).join('x'.repeat(1000));", "action_error: RangeError: Array.prototype.join: the result would be longer than"},
		{"join of one long string many times", "new Array(100000).fill('x'.repeat(1000)).join('');", "action_error: RangeError: Array.prototype.join: the result would be longer than"},
		{"fill", "new Array(2 ** 27).fill(0);", "action_error: RangeError: Array.prototype.fill: array length 134217728 exceeds"},
		{"sort of Array(n)", "Array(2 ** 27).sort();", "action_error: RangeError: Array.prototype.sort: array length 134217728 exceeds"},
		{"map of length 2**32-1", "const a = []; a.length = 2 ** 32 - 1; a.map((x) => x);", "action_error: RangeError: Array.prototype.map: array length 4294967295 exceeds"},
		{"indexOf on an array-like", "Array.prototype.indexOf.call({ length: 2 ** 53 }, 1);", "action_error: RangeError: Array.prototype.indexOf: array length 9007199254740991 exceeds"},
		{"Array.from({length})", "Array.from({ length: 2 ** 27 });", "action_error: RangeError: Array.from: array length 134217728 exceeds"},
		{"concat of a holey array", "const a = []; a.length = 2 ** 31; [].concat(a);", "action_error: RangeError: Array.prototype.concat: array length 2147483648 exceeds"},
		{"flat of a shared graph", "let a = [1]; for (let i = 0; i < 40; i++) { a = [a, a]; } a.flat(Infinity);",
			"action_error: RangeError: Array.prototype.flat: the result would have more than mfactl's limit of 131072 elements"},
		{"flat of a deep array", "let a = [1]; for (let i = 0; i < 5000; i++) { a = [a]; } a.flat(Infinity);", "action_error: RangeError: Array.prototype.flat: arrays nest deeper than"},
		{"toLocaleString of a holey array", "const a = []; a.length = 2 ** 30; a.toLocaleString();", "action_error: RangeError: Array.prototype.toLocaleString: array length 1073741824 exceeds"},
		{"apply with a huge array-like", "Math.max.apply(null, { length: 2 ** 27 });", "action_error: RangeError: Function.prototype.apply: 134217728 arguments exceed mfactl's limit of 65536"},
		{"Reflect.apply with a huge array-like", "Reflect.apply(Math.max, null, { length: 2 ** 32 });", "action_error: RangeError: Reflect.apply: 4294967296 arguments exceed"},
		{"spread of a holey array", "const a = []; a.length = 2 ** 32 - 1; const b = [...a];", "action_"},
		{"destructuring a long string", "const [...chars] = 'x'.repeat(2 ** 25);", "action_"},
		{"repeat", "'x'.repeat(2 ** 29);", "action_error: RangeError: String.prototype.repeat: the result would be longer than mfactl's limit of 33554432 characters"},
		{"padStart", "''.padStart(2 ** 29, 'x');", "action_error: RangeError: String.prototype.padStart: the result would be longer than"},
		{"padEnd", "'a'.padEnd(2 ** 40, 'xy');", "action_error: RangeError: String.prototype.padEnd: the result would be longer than"},
		{"concat of a long string many times", "const s = 'x'.repeat(1 << 20); s.concat(...new Array(100).fill(s));", "action_error: RangeError: String.prototype.concat: the result would be longer than"},
		{"replaceAll that multiplies", "'x'.repeat(1e5).replaceAll('', 'y'.repeat(1e5));", "action_error: RangeError: String.prototype.replaceAll: the result would be longer than"},
		{"replace with $` for every match", "'x'.repeat(3e4).replace(/x/g, '$`');", "action_error: RangeError: RegExp.prototype[Symbol.replace]: the result would be longer than"},
		{"split into too many pieces", "'x'.repeat(1 << 20).split('');", "action_error: RangeError: String.prototype.split: the result would have more than mfactl's limit of 131072 elements"},
		{"String.raw of a huge array-like", "String.raw({ raw: { length: 2 ** 30 } });", "action_error: RangeError: String.raw: array length 1073741824 exceeds"},
		{"encodeURIComponent of a long string", "encodeURIComponent('é'.repeat(1 << 23));", "action_error: RangeError: encodeURIComponent: the result would be longer than"},
		{"JSON.stringify of a deep array", "let o = []; for (let i = 0; i < 1e5; i++) { o = [o]; } JSON.stringify(o);",
			"action_error: RangeError: Invalid string length: JSON.stringify: nesting exceeds 1000 levels"},
		{"JSON.stringify of a shared graph", "let o = ['x'.repeat(1e4)]; for (let i = 0; i < 60; i++) { o = [o, o]; } JSON.stringify(o);",
			"action_error: RangeError: Invalid string length: JSON.stringify: the JSON text exceeds 33554432 bytes"},
		{"JSON.parse of a deep text", "JSON.parse('['.repeat(1e6));", "action_error: RangeError: JSON.parse: the text nests deeper than mfactl's limit of 1000"},
		{"proxies wrapping proxies", "let p = {}; for (let i = 0; i < 5000; i++) { p = new Proxy(p, {}); }",
			"action_error: RangeError: Proxy: proxies and bound functions wrap each other more than mfactl's limit of 1000 deep"},
		{"bound functions wrapping bound functions", "let f = () => 1; for (let i = 0; i < 5000; i++) { f = f.bind(null); }", "action_error: RangeError: Function.prototype.bind: "},

		// Regular expressions.
		{"a backtracking regex", "/^(a+)+\\1$/.test('a'.repeat(40) + 'b');", "action_timeout: the Action did not finish within " + hostileTimeout.String()},
		{"a regex on a huge string", "/(a+)+b/.test('a'.repeat(1 << 21));", "action_error: RangeError: RegExp.prototype.test: a string of 2097152 characters exceeds mfactl's limit of 1048576"},
		{"a huge pattern", "new RegExp('(?:a|b)'.repeat(1e4));", "action_error: RangeError: RegExp: a pattern of 70000 characters exceeds mfactl's limit of 32768"},
		{"deeply nested groups", "new RegExp('('.repeat(1000) + 'a' + ')'.repeat(1000) + '\\\\1');", "action_error: RangeError: RegExp: the pattern's groups nest deeper than"},
		{"a pattern from match", "'a'.match('('.repeat(1000) + ')'.repeat(1000));", "action_error: RangeError: String.prototype.match: the pattern's groups nest deeper than"},

		// Code from strings and BigInt.
		{"eval", "eval('1 + 1');", "action_error: EvalError: Code generation from strings disallowed for this context: mfactl does not run eval"},
		{"new Function", "new Function('return 1')();", "action_error: EvalError: Code generation from strings disallowed for this context: mfactl does not run new Function"},
		{"the Function constructor by another way", "(() => {}).constructor('return 1')();", "action_error: EvalError: Code generation from strings disallowed"},
		{"the AsyncFunction constructor", "(async () => {}).constructor('return 1')();", "action_error: EvalError: Code generation from strings disallowed for this context: mfactl does not run new AsyncFunction"},
		{"BigInt by its constructor", "BigInt(1);", "action_error: ReferenceError: BigInt is not defined"},

		// Running too long or using too much memory.
		{"an infinite loop", "for (;;) {}", "action_timeout: the Action did not finish within " + hostileTimeout.String()},
		{"an infinite loop that catches", "for (;;) { try { for (;;) {} } catch (e) {} }", "action_timeout: the Action did not finish within " + hostileTimeout.String()},
		{"console.log of a deep object", "let o = {}; for (let i = 0; i < 1e5; i++) { o = { o }; } console.log(o);", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			timeout := limitTimeout
			if strings.HasPrefix(tt.want, "action_timeout") {
				timeout = hostileTimeout
			}
			r := runHostileWithin(t, tt.body, timeout)
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
	r := runHostileWithin(t, body, hostileTimeout)
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
			// The timeout only stands in for a limit that failed: long enough that a loaded machine
			// (CI next to other jobs) cannot make it win over the memory limit.
			r := runAction(t, "exports.onExecutePostLogin = async () => {"+body+"};", Options{Timeout: 100 * hostileTimeout})
			if got := errText(r); got != "action_error: the Action used more than 128 MB of memory and was stopped" {
				t.Fatalf("got %q", got)
			}
			runtime.GC()
		})
	}
}

func TestCompileLimits(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"BigInt literal", "exports.onExecutePostLogin = async () => { return 1n << 80000000000n; };", "BigInt is not supported in mfactl's sandbox"},
		{"deep brackets", "exports.onExecutePostLogin = async () => " + strings.Repeat("(", 5000) + "1" + strings.Repeat(")", 5000) + ";", "brackets nest deeper than 256 levels"},
		{"long expression chain", "exports.onExecutePostLogin = async () => 1" + strings.Repeat("+1", 5000) + ";", "the code nests more than 2000 levels deep"},
		{"nested labels", "exports.onExecutePostLogin = async () => { " + strings.Repeat("a:", 5000) + "; };", "more than 1000 labelled statements"},
		{"too large", "exports.onExecutePostLogin = async () => {};" + strings.Repeat(" ", MaxSource), "the source is"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			_, err := Compile("a.js", []byte(tt.src))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("got %v, want %q", err, tt.want)
			}
			if d := time.Since(start); d > time.Second {
				t.Errorf("took %v", d)
			}
		})
	}
	// A source map comment is not followed (it would make the parser read any file).
	if _, err := Compile("a.js", []byte("exports.onExecutePostLogin = async () => {};\n//# sourceMappingURL=/dev/zero")); err != nil {
		t.Fatal(err)
	}
}

// TestRegExpTimeout checks that a backtracking match stops at the regexp timeout (TestMain sets it to
// the Action timeout, as the simulator does).
func TestRegExpTimeout(t *testing.T) {
	start := time.Now()
	r := runHostileWithin(t, "/^(a+)+\\1$/.test('a'.repeat(40) + 'b');", hostileTimeout)
	if got := errText(r); !strings.HasPrefix(got, "action_timeout: the Action did not finish within "+hostileTimeout.String()+"") {
		t.Fatalf("got %q", got)
	}
	// The match itself stopped: the run ended without being abandoned, well before Grace.
	if d := time.Since(start); d > hostileTimeout+Grace {
		t.Errorf("took %v", d)
	}
}

// TestGuardsKeepBehaviour checks that guarded built-ins still do what goja's own do: each expression
// is evaluated in a bare goja runtime and in an Action, and the JSON of the results must match.
func TestGuardsKeepBehaviour(t *testing.T) {
	exprs := []string{
		"[1, [2, [3, [4]]]].flat(Infinity).join('-')", "[1, [2, [3, [4]]]].flat()", "[1, , 3].flat()", "[1, 2, 3].flatMap((x) => [x, [x * 2]])",
		"[[1, 2], [3]].toString()", "[1, null, undefined, 2].join()", "String([1, [2, 3]])", "(() => { const c = [1, 2]; c.push(c); return c.join(); })()",
		"[1234.5, 'x', null, [1, 2]].toLocaleString()", "[1, 2, 3].join(undefined)", "[1, 2].join({ toString() { return '+'; } })",
		"'ab'.repeat(3)", "'x'.padStart(4, 'ab')", "'x'.padEnd(3)", "'x'.padStart(0)", "'a'.concat('b', 1, null, undefined)",
		"'a,b,,c'.split(',')", "'abc'.split('')", "'a1b2'.split(/\\d/)", "'a,b,c'.split(',', 2)", "'abc'.split()", "'abc'.split(undefined, 0)",
		"'aaa'.replace('a', '[$&]')", "'aaa'.replaceAll('a', '$$')", "'x-y'.replace(/(\\w)-(\\w)/, '$2-$1')", "'abc'.replace(/b/, (m) => m.toUpperCase())",
		"'a.b'.replace(/(?<x>\\.)/, '[$<x>]')", "'abc'.replace('b', \"$'$`$0$1$10\")", "'abcabc'.replace(/(b)/g, '$01$1$2$<x>')", "'aXbX'.replaceAll('X', (m, i) => i)",
		"String.raw({ raw: ['+', '+', '+'] }, 1, 2)", "String.raw({ raw: 'abc' }, 1)", "encodeURIComponent('a b/é')", "escape('a b')",
		"JSON.stringify({ a: [1, 'x', null, true], b: undefined, c() {} }, null, 2)", "JSON.stringify([new Date(0), { toJSON() { return 'j'; } }, NaN, -0, 1e21, 'é\\u2028\\ud800\\n\\u0001'])",
		"JSON.stringify({ a: 1, b: 2, c: { a: 3 } }, ['a', 'c'])", "JSON.stringify({ a: 1, b: [1, 2] }, (k, v) => (k === 'a' ? v + 1 : v), '--')",
		"JSON.stringify(undefined) === undefined", "JSON.stringify(() => 1) === undefined", "JSON.stringify([undefined, () => 1, Symbol('s')])",
		"JSON.stringify({ [Symbol('s')]: 1, x: Symbol('s') })", "JSON.stringify(new Number(3))", "JSON.stringify(Object('s'))", "JSON.stringify(new Boolean(false))",
		"JSON.stringify({ a: [] , b: {} }, null, 4)", "JSON.stringify([[]], null, 'abcdefghijklmnop')", "JSON.stringify(JSON.rawJSON('12345678901234567890'))",
		"JSON.stringify(new Proxy({ a: 1 }, {}))", "JSON.stringify(new Proxy([1, 2], {}))", "JSON.stringify(new Uint8Array([1, 2]))", "JSON.stringify(new Map([[1, 2]]))",
		"JSON.stringify({ get a() { return 5; } })", "JSON.stringify({ 2: 'b', 1: 'a', x: 1 })",
		"JSON.parse('{\"a\":[1,{\"b\":2}]}')", "JSON.parse('[1,2]', (k, v) => (typeof v === 'number' ? v * 2 : v))",
		"Math.max.apply(null, [1, 5, 3])", "Reflect.apply(Math.min, null, [4, 2])", "Reflect.construct(Date, [0]).getTime()", "[...'héllo'].length",
		"Array.from({ length: 3 }, (_, i) => i)", "Array.from('abc')", "Array.from(new Set([1, 1, 2]))", "[...[1, 2].entries()]",
		"Array.from(new Uint8Array([1, 2, 3]))", "new Uint8Array(new ArrayBuffer(8), 2, 3).length", "new Float64Array(4).byteLength", "new Int16Array([1, 2, 3]).join()",
		"Uint8Array.from([1, 2]).join()", "Uint8Array.of(1, 2).length", "new Uint8Array(2) instanceof Uint8Array", "new ArrayBuffer(4).slice(1).byteLength",
		"Object.prototype.toString.call(new Proxy([], {}))", "/a(b)?/.exec('ac')[1] === undefined", "new RegExp('a+', 'g').test('caa')", "RegExp('x', 'i').flags",
		"new RegExp(/ab/g, 'i').flags", "/x/ instanceof RegExp", "'aXbX'.match(/X/g)", "[...'a1b2'.matchAll(/\\d/g)].map((m) => m.index)", "'abc'.search('c')", "'abc'.match('b').index",
		"[].map.name", "[].map.length", "Uint8Array.name", "Uint8Array.length", "Uint8Array.BYTES_PER_ELEMENT", "ArrayBuffer.isView(new DataView(new ArrayBuffer(1)))",
		"typeof Uint8Array.fromBase64", "(function () {}) instanceof Function", "(async function () {}) instanceof Function", "Function.prototype.toString.call(Array.prototype.map)",
		"Array.prototype.concat.call(1, [2], 3).length", "[1, 2, 3].concat([4], 5)", "[1, 2, 3].slice(1)", "[3, 1, 2].sort()", "[3, 1, 2].toSorted((a, b) => b - a)",
		"[1, 2, 3].indexOf(2)", "Array.prototype.map.call('abc', (c) => c + c)", "[1, 2, 3].with(0, 9)", "[1, 2, 3].reduce((a, b) => a + b)",
		"(() => { const p = new Proxy({}, {}); const r = Proxy.revocable({}, {}); r.revoke(); return typeof p; })()", "((x) => x).bind(null, 7)()",
		"typeof Proxy", "Proxy.name", "typeof eval", "eval(42)", "eval({ a: 1 }).a",
	}
	src := "exports.onExecutePostLogin = async (event, api) => {\n  const out = [];\n"
	for _, e := range exprs {
		src += "  try { out.push(JSON.stringify(" + e + ")); } catch (err) { out.push('threw ' + err.name + ': ' + err.message); }\n"
	}
	src += "  api.idToken.setCustomClaim('https://x/out', out);\n};"
	r := runAction(t, src, Options{})
	if r.Err != nil {
		t.Fatal(errText(r))
	}
	got := r.Calls[0].Args[1].([]any)
	bare := goja.New()
	for i, e := range exprs {
		v, err := bare.RunString("(function () { try { return JSON.stringify(" + e + "); } catch (err) { return 'threw ' + err.name + ': ' + err.message; } })()")
		if err != nil {
			t.Fatalf("%s: %v", e, err)
		}
		want := v.Export()
		if i >= len(got) || got[i] != want {
			t.Errorf("%s:\n got %#v\nwant %#v", e, got[min(i, len(got)-1)], want)
		}
	}
}
