package jsrt

import (
	"context"
	"strings"
	"testing"
)

// runTwice runs first and then second in the same sealed runtime when first leaves it reusable, and
// reports whether it did (runTwiceWith, in http_test.go, takes options).
func runTwice(t *testing.T, first, second string) (Result, Result, bool) {
	t.Helper()
	return runTwiceWith(t, first, second, Options{})
}

// pristine fails (access.deny with the list) when anything an earlier run could have changed is not
// as in a new runtime.
const pristine = `exports.onExecutePostLogin = async (event, api) => {
  const bad = [];
  const check = (what, ok) => { try { if (!ok()) { bad.push(what); } } catch (e) { bad.push(what + ': ' + e.message); } };
  check('global leak', () => typeof leak === 'undefined' && typeof leak2 === 'undefined' && !('leak' in globalThis));
  check('global symbol', () => Object.getOwnPropertySymbols(globalThis).length === 1);
  check('global index keys', () => !(0 in globalThis) && !(7 in globalThis));
  check('Array', () => typeof Array === 'function' && Array.isArray([]) && [1, 2].map((x) => x * 2).join() === '2,4');
  check('Array.prototype.leak', () => [].leak === undefined && !('leak' in Array.prototype));
  check('Object.prototype.leak', () => ({}).leak === undefined);
  check('push', () => { const a = []; a.push(1); return a.length === 1; });
  check('iterator', () => { let n = 0; for (const x of [1, 2, 3]) { n += x; } return n === 6; });
  check('Math.random', () => { const v = Math.random(); return v >= 0 && v < 1; });
  check('JSON', () => JSON.parse('{"a":1}').a === 1 && JSON.stringify({ b: 2 }) === '{"b":2}');
  check('Date.now', () => Date.now() === new Date('2026-01-01T09:00:00Z').getTime());
  check('String.prototype.trim', () => ' x '.trim() === 'x');
  check('Promise', async () => (await Promise.resolve(5)) === 5);
  check('Function.prototype.call', () => ((function () { return this.v; }).call({ v: 1 })) === 1);
  check('Error.prototype.name', () => new Error('x').name === 'Error' && String(new TypeError('t')) === 'TypeError: t');
  check('Object.prototype chain', () => Object.getPrototypeOf(Array.prototype) === Object.prototype);
  check('globalThis prototype', () => Object.getPrototypeOf(Object.getPrototypeOf(globalThis)) === Object.prototype);
  check('JSON global', () => typeof JSON.parse === 'function');
  check('Math global', () => typeof Math.max === 'function');
  check('URL', () => new URL('https://a.example.com/x').hostname === 'a.example.com' && URL.leak === undefined);
  check('crypto module', () => require('crypto').createHash('sha256').update('').digest('hex').startsWith('e3b0c442'));
  check('events module', () => { const E = require('events'); const e = new E(); let got = 0; e.on('x', () => { got++; }); e.emit('x'); return got === 1 && E.prototype.leak === undefined; });
  check('Buffer', () => Buffer.from('hi').toString('base64') === 'aGk=' && Buffer.prototype.leak === undefined);
  check('stream module', () => { const s = require('stream'); const r = new s.Readable({ read() {} }); r.push('ab'); r.push(null); return r.read().toString() === 'ab' && s.leak === undefined && s.Readable.prototype.leak === undefined; });
  check('tty module', () => require('tty').isatty(2) === false && require('tty').leak === undefined);
  check('KeyObject', () => require('crypto').createSecretKey(Buffer.from('k')).type === 'secret' && require('crypto').KeyObject.prototype.leak === undefined);
  check('process.stderr', () => typeof process.stderr.write === 'function' && process.stderr.fd === 2 && process.stderr.leak === undefined);
  check('process.env', () => Object.keys(process.env).length === 0);
  check('console', () => typeof console.log === 'function' && console.leak === undefined);
  check('api', () => typeof api.access.deny === 'function' && api.leak === undefined);
  check('event', () => event.leak === undefined);
  check('RegExp', () => /a(b)/.exec('ab')[1] === 'b' && 'a-b'.replace(/-/g, '+') === 'a+b');
  check('Symbol.iterator', () => typeof Array.prototype[Symbol.iterator] === 'function');
  check('late timer', () => typeof late === 'undefined');
  check('accessor functions', () => { const d = Object.getOwnPropertyDescriptor(Array.prototype, 'push'); return d.get.leak === undefined && Object.getOwnPropertyDescriptor(Array.prototype, 'map').set.leak === undefined && typeof Object.getOwnPropertyDescriptor(Array.prototype, 'join').get.call === 'function'; });
  await new Promise((r) => setTimeout(r, 1));
  if (bad.length > 0) { api.access.deny(bad.join('; ')); }
};`

// TestNoStateBetweenRuns: what one run does to the built-ins, the global object, the Node surface,
// api, console or the event never reaches the next run in the same runtime.
func TestNoStateBetweenRuns(t *testing.T) {
	hostile := `exports.onExecutePostLogin = async (event, api) => {
  const attempts = [
    () => { globalThis.leak = 1; }, () => { leak2 = 2; }, () => { globalThis[Symbol('s')] = 1; },
    () => { globalThis[0] = 'leak'; globalThis[7] = 'leak'; },
    () => { Array.prototype.leak = 1; }, () => { Object.prototype.leak = 1; }, () => { Array.prototype.push = null; },
    () => { Object.defineProperty(Array.prototype, 'leak', { value: 1 }); },
    () => { Math.random = () => 4; }, () => { JSON.parse = null; }, () => { Date.now = () => 0; },
    () => { String.prototype.trim = null; }, () => { Object.getPrototypeOf([][Symbol.iterator]()).next = null; },
    () => { Promise.prototype.then = null; }, () => { Function.prototype.call = null; }, () => { Error.prototype.name = 'X'; },
    () => { Object.setPrototypeOf(Array.prototype, null); }, () => { delete Array.prototype[Symbol.iterator]; },
    () => { Object.setPrototypeOf(Object.getPrototypeOf(globalThis), null); },
    () => { globalThis.Array = null; }, () => { globalThis.JSON = {}; }, () => { delete globalThis.Math; },
    () => { URL.leak = 1; URL = null; }, () => { require('crypto').createHash = null; },
    () => { require('events').prototype.leak = 1; require('events').prototype.emit = null; },
    () => { Buffer.prototype.leak = 1; }, () => { process.env.LEAK = '1'; },
    () => { const s = require('stream'); s.leak = 1; s.Readable.prototype.leak = 1; s.Readable.prototype.push = null; },
    () => { require('tty').leak = 1; require('tty').isatty = () => true; },
    () => { require('crypto').KeyObject.prototype.leak = 1; }, () => { process.stderr.leak = 1; process.stderr.write = null; },
    () => { console.leak = 1; console.log = null; }, () => { api.leak = 1; }, () => { event.leak = 1; },
    () => { RegExp.prototype.exec = () => null; }, () => { setTimeout(() => { globalThis.late = 1; }, 10 ** 9); },
    () => { new Promise(() => {}); }, () => { Object.setPrototypeOf(globalThis, { leak: 1 }); },
    () => { Object.getOwnPropertyDescriptor(Object.getPrototypeOf([]), 'push').get.leak = 1; },
    () => { Object.getOwnPropertyDescriptor(Object.getPrototypeOf([]), 'map').set.leak = 1; },
    () => { Object.getOwnPropertyDescriptor(Object.getPrototypeOf([]), 'join').get.call = null; },
  ];
  let refused = 0;
  for (const f of attempts) { try { f(); } catch (e) { refused++; } }
  api.idToken.setCustomClaim('https://x/refused', refused);
};`
	r1, r2, reused := runTwice(t, hostile, pristine)
	if r1.Err != nil {
		t.Fatalf("the hostile run failed: %v", r1.Err)
	}
	if !reused {
		t.Fatal("the second run did not reuse the runtime: the test shows nothing")
	}
	if r2.Err != nil || len(r2.Calls) != 0 {
		t.Fatalf("state reached the next run: %v %s", r2.Err, calls(r2))
	}
}

// TestRetiredRuntimes: a run that leaves the runtime in a state that cannot be put back retires it;
// the next run gets a new one and sees nothing.
func TestRetiredRuntimes(t *testing.T) {
	for _, body := range []string{
		"Object.defineProperty(globalThis, 'leak', { value: 1 });",
		"Object.preventExtensions(globalThis);",
		"Object.defineProperty(globalThis, 'Math', { writable: false });",
		"function f() { return f() + 1; } try { f(); } catch (e) {}",
		"try { process.exit(1); } catch (e) {}",
	} {
		t.Run(body, func(t *testing.T) {
			r1, r2, reused := runTwice(t, "exports.onExecutePostLogin = async (event, api) => { "+body+" };", pristine)
			if reused {
				t.Errorf("the runtime was used again (first run: %v)", r1.Err)
			}
			if r2.Err != nil || len(r2.Calls) != 0 {
				t.Errorf("state reached the next run: %v %s", r2.Err, calls(r2))
			}
		})
	}
}

// TestSealedBuiltinsStillWork: code that assigns properties its objects inherit from built-ins works
// in a sealed runtime, and code that changes built-ins gets Node's result (run again in a fresh
// runtime).
func TestSealedBuiltinsStillWork(t *testing.T) {
	tests := []struct{ name, code, want string }{
		{"class with this.name", "class CustomError extends Error { constructor(m) { super(m); this.name = 'CustomError'; } } const e = new CustomError('m'); return e.name + ' ' + String(e) + ' ' + (e instanceof Error);",
			"CustomError CustomError: m true"},
		{"error without a message", "const e = new Error(); e.message = 'later'; e.name = 'Mine'; return String(e);", "Mine: later"},
		{"own toString", "const o = {}; o.toString = () => 'mine'; o.valueOf = () => 7; return String(o) + (o + 1);", "mine8"},
		{"prototype constructor", "function F() {} F.prototype = Object.create(Error.prototype); F.prototype.constructor = F; F.prototype.name = 'F'; return (new F().constructor === F) + ' ' + new F().name;", "true F"},
		{"array own push", "const a = []; a.push = (x) => 'mocked ' + x; return a.push(1);", "mocked 1"},
		{"strict assignment", "'use strict'; const o = Object.create(Array.prototype); o.map = 1; return o.map;", "1"},
		{"a new method on String.prototype (sloppy)", "String.prototype.shout = function () { return this.toUpperCase() + '!'; }; return 'hi'.shout();", "HI!"},
		{"a replaced built-in (strict)", "'use strict'; Math.max = () => 42; return Math.max(1, 2);", "42"},
		{"Object.defineProperty on a built-in", "Object.defineProperty(Array.prototype, 'last', { get() { return this[this.length - 1]; } }); return [1, 2, 3].last;", "3"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkValue(t, tt.code, tt.want) })
	}
}

// checkValue runs code (a function body returning a value) in a handler and checks that String() of
// its value is want.
func checkValue(t *testing.T, code, want string) {
	t.Helper()
	src := "exports.onExecutePostLogin = async (event, api) => { api.idToken.setCustomClaim('https://x/v', String((() => { " + code + " })())); };"
	r := runAction(t, src, Options{})
	if r.Err != nil {
		t.Fatalf("error: %v", r.Err)
	}
	if got := calls(r); !strings.Contains(got, `"https://x/v",`+quote(want)) {
		t.Errorf("got %s, want %q", got, want)
	}
}

func quote(s string) string { return `"` + strings.ReplaceAll(s, `"`, `\"`) + `"` }

// BenchmarkRunFresh is BenchmarkRun in a runtime built for the run, as a run that is retried after
// a TypeError gets (and as every run did before runtimes were reused).
func BenchmarkRunFresh(b *testing.B) {
	p, err := Compile("a.js", []byte(benchAction))
	if err != nil {
		b.Fatal(err)
	}
	ev := event()
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		r, err := newEngine(false)
		if err != nil {
			b.Fatal(err)
		}
		res, _ := r.runOnce(context.Background(), p, Options{Handler: "onExecutePostLogin", Event: ev, Now: now})
		r.retire()
		if res.Err != nil {
			b.Fatal(res.Err)
		}
	}
}

// BenchmarkNewSealedEngine is what building a reusable runtime costs (once per worker).
func BenchmarkNewSealedEngine(b *testing.B) {
	for i := 0; i < b.N; i++ {
		if _, err := newEngine(true); err != nil {
			b.Fatal(err)
		}
	}
}
