package jsrt

import (
	"strings"
	"testing"
)

// runExpr runs an Action whose handler logs the value of each expression (strings as they are).
func runLines(t *testing.T, body string, opts Options) Result {
	t.Helper()
	return runAction(t, "exports.onExecutePostLogin = async (event, api) => {\n"+body+"\n};", opts)
}

func TestNodeSurface(t *testing.T) {
	tests := []struct {
		name, expr, want string
	}{
		// crypto: known vectors.
		{"md5", "require('crypto').createHash('md5').update('abc').digest('hex')", "900150983cd24fb0d6963f7d28e17f72"},
		{"sha1", "require('node:crypto').createHash('sha1').update('abc').digest('hex')", "a9993e364706816aba3e25717850c26c9cd0d89d"},
		{"sha256 base64", "require('crypto').createHash('SHA256').update('a').update('bc').digest('base64')", "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0="},
		{"sha384", "require('crypto').createHash('sha384').update('abc').digest('hex').slice(0, 16)", "cb00753f45a35e8b"},
		{"sha512 base64url", "require('crypto').createHash('sha512').update(Buffer.from('abc')).digest('base64url').slice(0, 12)", "3a81oZNherrM"},
		{"digest buffer", "require('crypto').createHash('sha256').update('abc').digest().length", "32"},
		{"digest latin1", "require('crypto').createHash('md5').update('abc').digest('latin1').length", "16"},
		{"hmac", "require('crypto').createHmac('sha256', 'key').update('The quick brown fox jumps over the lazy dog').digest('hex')",
			"f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8"},
		{"hash one-shot", "require('crypto').hash('sha1', 'abc')", "a9993e364706816aba3e25717850c26c9cd0d89d"},
		{"digest twice", "(() => { const h = require('crypto').createHash('md5'); h.digest(); try { h.digest(); } catch (e) { return e.code; } })()", "ERR_CRYPTO_HASH_FINALIZED"},
		{"unknown hash", "(() => { try { require('crypto').createHash('nope'); } catch (e) { return e.message; } })()", "Digest method not supported: nope"},
		{"timingSafeEqual", "require('crypto').timingSafeEqual(Buffer.from('ab'), Buffer.from('ab'))", "true"},
		{"timingSafeEqual lengths", "(() => { try { require('crypto').timingSafeEqual(Buffer.from('a'), Buffer.from('ab')); } catch (e) { return e.code; } })()", "ERR_CRYPTO_TIMING_SAFE_EQUAL_LENGTH"},
		{"pbkdf2", "require('crypto').pbkdf2Sync('password', 'salt', 1, 20, 'sha1').toString('hex')", "0c60c80f961f0e71f3a9b524af6012062fe037a6"},
		{"randomUUID shape", "/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(crypto.randomUUID())", "true"},
		{"randomBytes", "require('crypto').randomBytes(16).length", "16"},
		{"randomInt range", "(() => { const c = require('crypto'); for (let i = 0; i < 100; i++) { const n = c.randomInt(3, 5); if (n < 3 || n >= 5) return n; } return 'ok'; })()", "ok"},
		{"getRandomValues", "crypto.getRandomValues(new Uint32Array(4)).length", "4"},
		{"subtle.digest", "crypto.subtle.digest('SHA-256', new TextEncoder().encode('abc')).then((ab) => Buffer.from(ab).toString('hex'))", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
		{"webcrypto", "require('crypto').webcrypto === globalThis.crypto && require('crypto').subtle === crypto.subtle", "true"},
		// url.
		{"URL", "(() => { const u = new URL('https://user:pw@Example.com:8080/a/../b?x=1&y=2#h'); return [u.protocol, u.hostname, u.port, u.pathname, u.search, u.hash, u.searchParams.get('y')].join('|'); })()",
			"https:|example.com|8080|/b|?x=1&y=2|#h|2"},
		{"URL base", "new URL('../c?d=1', 'https://a.example.com/x/y/z').href", "https://a.example.com/x/c?d=1"},
		{"URL invalid", "(() => { try { new URL('nope'); } catch (e) { return e.name + ' ' + e.code; } })()", "TypeError ERR_INVALID_URL"},
		{"URLSearchParams", "(() => { const p = new URLSearchParams({ a: '1 2', b: 'é' }); p.append('a', 'x'); return p.toString() + ' ' + p.getAll('a').join(','); })()", "a=1+2&b=%C3%A9&a=x 1 2,x"},
		{"URL hash keeps percent-encodings", "(() => { const u = new URL('https://a.example.com/p?x=1'); u.hash = 'back=https%3A%2F%2Fb&app=Example%20App'; const one = u.href + '|' + u.hash; u.hash = '#a b\\\"é'; const two = u.href; u.hash = ''; return [one, two, u.href, u.hash].join(' '); })()",
			"https://a.example.com/p?x=1#back=https%3A%2F%2Fb&app=Example%20App|#back=https%3A%2F%2Fb&app=Example%20App https://a.example.com/p?x=1#a%20b%22%C3%A9 https://a.example.com/p?x=1 "},
		{"URL href after searchParams", "(() => { const u = new URL('/a?x=1', 'https://b.example.com'); u.searchParams.set('y', 'é'); return u.href + ' ' + (u instanceof URL); })()", "https://b.example.com/a?x=1&y=%C3%A9 true"},
		{"url module", "require('node:url').URL === URL && typeof require('url').URLSearchParams", "function"},
		// Buffer.
		{"Buffer hex", "Buffer.from('hello').toString('hex')", "68656c6c6f"},
		{"Buffer from hex", "Buffer.from('68656c6c6f', 'hex').toString()", "hello"},
		{"Buffer base64 round trip", "Buffer.from(Buffer.from('héllo wörld').toString('base64'), 'base64').toString('utf8')", "héllo wörld"},
		{"Buffer base64url", "Buffer.from([0xfb, 0xff]).toString('base64url') + ' ' + Buffer.from('-_8', 'base64url').toString('hex')", "-_8 fbff"},
		{"Buffer latin1", "Buffer.from('é', 'latin1').toString('hex') + ' ' + Buffer.from([0xe9]).toString('binary')", "e9 é"},
		{"Buffer concat and slice", "Buffer.concat([Buffer.from('ab'), Buffer.from('cd')]).slice(1, 3).toString()", "bc"},
		{"Buffer isBuffer", "[Buffer.isBuffer(Buffer.alloc(1)), Buffer.isBuffer(new Uint8Array(1)), Buffer.alloc(3, 'ab').toString()].join()", "true,false,aba"},
		{"Buffer byteLength", "Buffer.byteLength('é€') + ' ' + Buffer.byteLength('aGk=', 'base64')", "5 2"},
		{"Buffer toJSON", "JSON.stringify(Buffer.from('hi'))", `{"type":"Buffer","data":[104,105]}`},
		{"Buffer equals", "Buffer.from('a').equals(Buffer.from('a')) && Buffer.compare(Buffer.from('a'), Buffer.from('b'))", "-1"},
		{"Buffer readUInt32BE", "Buffer.from([0, 0, 1, 0]).readUInt32BE(0)", "256"},
		{"no BigInt in Buffer", "typeof Buffer.prototype.readBigInt64BE", "undefined"},
		{"buffer module", "require('buffer').Buffer === Buffer", "true"},
		// Text encoding, atob, btoa.
		{"TextEncoder", "Array.from(new TextEncoder().encode('é€')).join()", "195,169,226,130,172"},
		{"TextDecoder", "new TextDecoder().decode(new Uint8Array([195, 169, 0xff]))", "é\uFFFD"},
		{"TextDecoder fatal", "(() => { try { new TextDecoder('utf-8', { fatal: true }).decode(new Uint8Array([0xff])); } catch (e) { return e.name; } })()", "TypeError"},
		{"btoa atob", "btoa('hi') + ' ' + atob('aGk=') + ' ' + atob(' aG k ')", "aGk= hi hi"},
		{"btoa non-latin1", "(() => { try { btoa('€'); } catch (e) { return e.name; } })()", "InvalidCharacterError"},
		// structuredClone.
		{"structuredClone Map and Date", "(() => { const d = new Date(0); const m = new Map([['d', d]]); const c = structuredClone({ m, l: [1, { x: 2 }], s: new Set([1]) }); return [c.m.get('d').toISOString(), c.m.get('d') !== d, c.l[1].x, c.s.has(1)].join(); })()",
			"1970-01-01T00:00:00.000Z,true,2,true"},
		{"structuredClone cycles", "(() => { const a = { n: 1 }; a.self = a; const c = structuredClone(a); return c.self === c && c !== a; })()", "true"},
		{"structuredClone typed array", "structuredClone(new Uint16Array([1, 2])).join()", "1,2"},
		{"structuredClone function", "(() => { try { structuredClone({ f() {} }); } catch (e) { return e.name + ': ' + e.message; } })()", "DataCloneError: [Function: f] could not be cloned."},
		{"structuredClone symbol", "(() => { try { structuredClone(Symbol('s')); } catch (e) { return e.name; } })()", "DataCloneError"},
		// util.
		{"util.format", "require('util').format('%s %d %i %f %j %%', 'a', 42, '7.5px', '1.5', { a: 1 }) + '|' + require('util').format('x', 1, 'y')", `a 42 7 1.5 {"a":1} %|x 1 y`},
		{"util.format %s object", "require('util').format('%s', { a: 1 })", "{ a: 1 }"},
		{"util.inspect", "require('util').inspect({ a: 'x', b: [1, 2], c: { d: { e: { f: 1 } } }, 'k-1': null, m: new Map([[1, 2]]), s: new Set(['a']), u: undefined })",
			"{ a: 'x', b: [ 1, 2 ], c: { d: { e: [Object] } }, 'k-1': null, m: Map(1) { 1 => 2 }, s: Set(1) { 'a' }, u: undefined }"},
		{"util.inspect Buffer and Date", "require('util').inspect([Buffer.from('hi'), new Date(0), /x/g, () => 1])", "[ <Buffer 68 69>, 1970-01-01T00:00:00.000Z, /x/g, [Function (anonymous)] ]"},
		{"util.promisify", "require('util').promisify((a, cb) => cb(null, a + 1))(1)", "2"},
		{"util.promisify error", "require('util').promisify((cb) => cb(new Error('no')))().catch((e) => e.message)", "no"},
		{"util.types", "(() => { const t = require('util').types; return [t.isDate(new Date()), t.isRegExp(/x/), t.isPromise(Promise.resolve()), t.isMap(new Map()), t.isDate({})].join(); })()", "true,true,true,true,false"},
		{"util.inherits", "(() => { function A() {} A.prototype.hi = () => 'hi'; function B() {} require('util').inherits(B, A); return new B().hi() + (B.super_ === A); })()", "hitrue"},
		{"util.isDeepStrictEqual", "[require('util').isDeepStrictEqual({ a: [1, new Map([[1, 2]])] }, { a: [1, new Map([[1, 2]])] }), require('util').isDeepStrictEqual({ a: 1 }, { a: '1' })].join()", "true,false"},
		{"util TextEncoder", "require('util').TextEncoder === TextEncoder", "true"},
		// querystring.
		{"querystring.parse", "JSON.stringify(require('querystring').parse('a=1&a=2&b=x%20y+z&c'))", `{"a":["1","2"],"b":"x y z","c":""}`},
		{"querystring.stringify", "require('querystring').stringify({ a: [1, 2], b: 'x y', c: true, d: null, e: 'é' })", "a=1&a=2&b=x%20y&c=true&d=&e=%C3%A9"},
		{"querystring escape", "require('querystring').escape('a b&c') + ' ' + require('querystring').unescape('a%20b%zz')", "a%20b%26c a b%zz"},
		// events.
		{"EventEmitter order", "(() => { const E = require('events'); const e = new E(); const out = []; e.on('x', (v) => out.push('a' + v)); e.prependListener('x', (v) => out.push('p' + v)); e.once('x', (v) => out.push('o' + v)); e.emit('x', 1); e.emit('x', 2); return out.join() + ' ' + e.listenerCount('x'); })()",
			"p1,a1,o1,p2,a2 2"},
		{"EventEmitter off", "(() => { const { EventEmitter } = require('node:events'); const e = new EventEmitter(); const f = () => {}; e.on('x', f); e.off('x', f); return e.emit('x') + ' ' + e.listenerCount('x') + ' ' + e.eventNames().length; })()", "false 0 0"},
		{"EventEmitter error", "(() => { const e = new (require('events'))(); try { e.emit('error', new Error('boom')); } catch (err) { return err.message; } })()", "boom"},
		{"events.once", "(() => { const E = require('events'); const e = new E(); const p = E.once(e, 'ready'); e.emit('ready', 1, 2); return p.then((args) => args.join()); })()", "1,2"},
		{"EventEmitter inherits", "(() => { const E = require('events'); function My() { E.call(this); } require('util').inherits(My, E); const m = new My(); let got; m.on('x', (v) => { got = v; }); m.emit('x', 5); return got; })()", "5"},
		// assert.
		{"assert ok", "(() => { const assert = require('assert'); assert(true); assert.ok(1); assert.strictEqual(1, 1); assert.deepStrictEqual({ a: [1] }, { a: [1] }); assert.equal(1, '1'); return 'ok'; })()", "ok"},
		{"assert strictEqual fails", "(() => { try { require('assert').strictEqual(1, 2); } catch (e) { return e.name + ' ' + e.code + ' ' + JSON.stringify(e.message); } })()",
			`AssertionError ERR_ASSERTION "Expected values to be strictly equal:\n\n1 !== 2\n"`},
		{"assert message", "(() => { try { require('node:assert').ok(false, 'must be true'); } catch (e) { return e.message; } })()", "must be true"},
		{"assert deepStrictEqual fails", "(() => { try { require('assert/strict').deepEqual({ a: 1 }, { a: '1' }); } catch (e) { return e.message.split('\\n')[0]; } })()", "Expected values to be strictly deep-equal:"},
		{"assert throws", "(() => { const assert = require('assert'); assert.throws(() => { throw new TypeError('x'); }, TypeError); assert.throws(() => { throw new Error('abc'); }, /b/); try { assert.throws(() => {}); } catch (e) { return e.message; } })()", "Missing expected exception."},
		{"assert rejects", "require('assert').rejects(Promise.reject(new Error('x')), { message: 'x' }).then(() => 'ok')", "ok"},
		// string_decoder, timers, process.
		{"StringDecoder", "(() => { const { StringDecoder } = require('string_decoder'); const d = new StringDecoder('utf8'); const b = Buffer.from('é€'); return d.write(b.slice(0, 1)) + '|' + d.write(b.slice(1, 3)) + '|' + d.end(b.slice(3)); })()", "|é|€"},
		{"timers/promises", "require('timers/promises').setTimeout(5000, 'done').then((v) => v + ' ' + (Date.now() - event.startedAt))", "done 5000"},
		{"timers", "new Promise((resolve) => require('node:timers').setTimeout(() => resolve('t'), 10))", "t"},
		{"process", "[process.version, process.versions.node, process.platform, process.argv.length, process.cwd(), typeof process.nextTick, require('process') === process].join()", "v22.12.0,22.12.0,linux,0,/,function,true"},
		{"process.env empty", "JSON.stringify(process.env) + Object.keys(process.env).length", "{}0"},
		{"nextTick and microtasks order", "new Promise((resolve) => { const out = []; process.nextTick(() => out.push('tick')); queueMicrotask(() => out.push('micro')); setTimeout(() => resolve(out.join()), 0); })", "tick,micro"},
		// Web classes.
		{"AbortController", "(() => { const c = new AbortController(); let fired = 0; c.signal.addEventListener('abort', () => fired++); c.abort(); c.abort(); return [c.signal.aborted, c.signal.reason.name, fired].join(); })()", "true,AbortError,1"},
		{"AbortSignal.timeout", "new Promise((resolve) => { const s = AbortSignal.timeout(100); s.onabort = () => resolve(s.reason.name); })", "TimeoutError"},
		{"Headers", "(() => { const h = new Headers({ 'Content-Type': 'text/plain' }); h.append('X-A', '1'); h.append('x-a', '2'); return [h.get('content-type'), h.get('X-A'), h.has('x-b'), [...h.keys()].join('+')].join('|'); })()", "text/plain|1, 2|false|content-type+x-a"},
		{"Request", "(() => { const r = new Request('https://api.example.com/x', { method: 'post', body: JSON.stringify({ a: 1 }), headers: { authorization: 'Bearer t' } }); return r.json().then((b) => [r.method, r.url, r.headers.get('authorization'), b.a].join()); })()",
			"POST,https://api.example.com/x,Bearer t,1"},
		{"Response", "(() => { const r = Response.json({ ok: true }, { status: 201 }); return r.text().then((t) => [r.status, r.ok, r.headers.get('content-type'), t].join('|')); })()", `201|true|application/json|{"ok":true}`},
		{"fetch is a global", "typeof fetch", "function"},
		{"global", "global === globalThis && typeof globalThis.URL", "function"},
		{"assigning a global first", "(() => { globalThis.crypto = 5; return crypto; })()", "5"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runLines(t, "event.startedAt = Date.now(); console.log(String(await ("+tt.expr+")));", Options{Seed: 7})
			if r.Err != nil {
				t.Fatal(errText(r))
			}
			if got := strings.Join(r.Console, "\n"); got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestNodeSigning(t *testing.T) {
	// Keys made for this test only.
	r := runLines(t, `
const crypto = require('crypto');
const rsa = event.secrets.rsa, rsaPub = event.secrets.rsaPub, ec = event.secrets.ec, ecPub = event.secrets.ecPub;
const s = crypto.createSign('RSA-SHA256').update('payload').sign(rsa, 'base64');
console.log(crypto.createVerify('RSA-SHA256').update('payload').verify(rsaPub, s, 'base64'));
console.log(crypto.createVerify('RSA-SHA256').update('other').verify(rsaPub, s, 'base64'));
const e1 = crypto.createSign('SHA256').update('payload').sign({ key: ec, dsaEncoding: 'ieee-p1363' }).toString('base64url');
const e2 = crypto.sign('sha256', Buffer.from('payload'), { key: ec, dsaEncoding: 'ieee-p1363' }).toString('base64url');
console.log(e1 === e2, Buffer.from(e1, 'base64url').length);
console.log(crypto.verify('sha256', Buffer.from('payload'), { key: ecPub, dsaEncoding: 'ieee-p1363' }, Buffer.from(e1, 'base64url')));
console.log(crypto.createVerify('SHA256').update('payload').verify(ecPub, crypto.createSign('SHA256').update('payload').sign(ec)));
`, Options{Event: map[string]any{"secrets": map[string]any{"rsa": testRSAKey, "rsaPub": testRSAPub, "ec": testECKey, "ecPub": testECPub}}})
	if r.Err != nil {
		t.Fatal(errText(r))
	}
	if got, want := strings.Join(r.Console, "|"), "true|false|true 64|true|true"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestNodeDeterministic(t *testing.T) {
	body := "console.log(crypto.randomUUID(), Math.random(), require('crypto').randomBytes(8).toString('hex'), require('crypto').randomInt(1000), crypto.getRandomValues(new Uint8Array(4)).join())"
	a := runLines(t, body, Options{Seed: 42})
	b := runLines(t, body, Options{Seed: 42})
	c := runLines(t, body, Options{Seed: 43})
	if a.Err != nil || c.Err != nil {
		t.Fatal(errText(a), errText(c))
	}
	if strings.Join(a.Console, "") != strings.Join(b.Console, "") {
		t.Errorf("same seed, different output:\n%q\n%q", a.Console, b.Console)
	}
	if strings.Join(a.Console, "") == strings.Join(c.Console, "") {
		t.Errorf("different seeds, same output: %q", a.Console)
	}
}

func TestNodeEnvEmpty(t *testing.T) {
	t.Setenv("MFACTL_TEST_SECRET", "leak")
	r := runLines(t, "console.log(JSON.stringify(process.env), process.env.MFACTL_TEST_SECRET, process.env.PATH, process.env.HOME)", Options{})
	if got := strings.Join(r.Console, ""); got != "{} undefined undefined undefined" || r.Err != nil {
		t.Errorf("got %q %s", got, errText(r))
	}
}

func TestNodeRequire(t *testing.T) {
	tests := []struct {
		name, src, want string
		modules         map[string]Mock
	}{
		{"https", "require('https')", "action_error: Error: require('https'): mfactl runs Actions offline and has no network; mock the module under modules: in the scenarios file", nil},
		{"node:http", "require('node:http')", "action_error: Error: require('node:http'): mfactl runs Actions offline and has no network", nil},
		{"fs", "require('fs')", "action_error: Error: require('fs'): an Action has no filesystem", nil},
		{"fs/promises", "require('node:fs/promises')", "action_error: Error: require('node:fs/promises'): an Action has no filesystem", nil},
		{"child_process", "require('child_process')", "action_error: Error: require('child_process'): mfactl does not let an Action reach the host", nil},
		{"zlib", "require('zlib')", "action_error: Error: require('zlib'): this Node.js module is not part of mfactl's simulated runtime", nil},
		{"unknown node:", "require('node:nope')", "action_error: Error: Cannot find module 'node:nope': no such built-in module", nil},
		{"unknown package", "require('jsonwebtoken')", "action_error: Error: Cannot find module 'jsonwebtoken': mfactl was given no node_modules folder that has it", nil},
		{"/etc/passwd", "require('/etc/passwd')", "action_error: Error: Cannot find module '/etc/passwd': mfactl reads no files for an Action", nil},
		{"../../go.mod", "require('../../go.mod')", "action_error: Error: Cannot find module '../../go.mod': mfactl reads no files for an Action", nil},
		{"./x", "require('./x')", "action_error: Error: Cannot find module './x': mfactl reads no files for an Action", nil},
		{"a mock wins over crypto", "console.log(require('crypto').mocked, require('node:crypto').mocked)", "", map[string]Mock{"crypto": {Value: map[string]any{"mocked": "yes"}, HasValue: true}}},
		{"a module that throws while loading", "require('bad')", "action_error: Error: broken at load", map[string]Mock{"bad": {Source: "throw new Error('broken at load');"}}},
		{"same module twice", "if (require('util') !== require('node:util') || require('events') !== require('node:events')) throw new Error('different');", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runAction(t, tt.src+"\nexports.onExecutePostLogin = async () => {};", Options{Modules: tt.modules})
			if got := errText(r); tt.want == "" && got != "" || !strings.HasPrefix(got, tt.want) {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestNodeProcessExitInTimer(t *testing.T) {
	r := runLines(t, "await new Promise((resolve) => setTimeout(() => { try { process.exit(3); } catch (e) {} resolve(); }, 10)); api.access.deny('after');", Options{})
	if got := errText(r); !strings.HasPrefix(got, "action_error: Error: process.exit(3) was called") {
		t.Errorf("got %q", got)
	}
	if len(r.Calls) != 0 {
		t.Errorf("the Action went on after process.exit: %v", r.Calls)
	}
}

func TestNodeUncaughtMicrotask(t *testing.T) {
	r := runLines(t, "queueMicrotask(() => { throw new Error('in a microtask'); }); await null;", Options{})
	if got := errText(r); got != "action_error: Error: in a microtask" {
		t.Errorf("got %q", got)
	}
}

func TestNodeHostile(t *testing.T) {
	tests := []struct{ name, body, want string }{
		{"Buffer.alloc(1e10)", "Buffer.alloc(1e10);", "action_error: RangeError: Buffer.alloc: 10000000000 bytes exceed mfactl's limit of 131072"},
		{"Buffer.allocUnsafe(2**31)", "Buffer.allocUnsafe(2 ** 31);", "action_error: RangeError: Buffer.alloc: 2147483648 bytes exceed"},
		{"Buffer.from a huge array-like", "Buffer.from({ length: 2 ** 40 });", "action_error: RangeError: Buffer.from: 1099511627776 bytes exceed"},
		{"new Buffer of a huge array-like", "new Buffer({ length: 2 ** 40 });", "action_error: RangeError: Buffer: 1099511627776 bytes exceed"},
		{"Buffer.from a long string", "Buffer.from('x'.repeat(1 << 24));", "action_error: RangeError: Buffer.from: 16777216 bytes exceed"},
		{"Buffer.from a long hex string", "Buffer.from('ab'.repeat(1 << 20), 'hex');", "action_error: RangeError: Buffer.from: 1048576 bytes exceed"},
		{"Buffer.from valueOf", "Buffer.from({ valueOf() { return 'x'.repeat(1 << 24); } });", "action_error: RangeError: Buffer.from: 16777216 bytes exceed"},
		{"Buffer.concat", "const b = Buffer.alloc(100000); Buffer.concat([b, b, b]);", "action_error: RangeError: Buffer.concat: 200000 bytes exceed"},
		{"Buffer.concat totalLength", "Buffer.concat([Buffer.alloc(1)], 1e12);", "action_error: RangeError: Buffer.concat: 1000000000000 bytes exceed"},
		{"Buffer.alloc with a long fill", "Buffer.alloc(10, 'x'.repeat(1 << 24)).toString();", ""},
		{"Buffer.byteLength of a long string", "Buffer.byteLength('x'.repeat(1 << 24));", "action_error: RangeError: Buffer.byteLength: 16777216 bytes exceed"},
		{"slice through species", "Buffer.alloc(10).map((x) => x + 1);", ""},
		{"TextEncoder of a long string", "new TextEncoder().encode('x'.repeat(1 << 20));", "action_error: RangeError: TextEncoder.encode: 1048576 bytes exceed"},
		{"btoa of a long string", "btoa('x'.repeat(1 << 25));", "action_error: RangeError: btoa: the result would be longer than"},
		{"createHash of a long string", "require('crypto').createHash('sha256').update('x'.repeat(1 << 24));", "action_error: RangeError: Hash.update: a string of 16777216 characters exceeds mfactl's limit of 8388608"},
		{"createHmac with a long key", "require('crypto').createHmac('sha256', 'k'.repeat(1 << 24));", "action_error: RangeError: crypto.createHmac: a string of 16777216 characters exceeds"},
		{"pbkdf2 iterations", "require('crypto').pbkdf2Sync('p', 's', 1e9, 32, 'sha256');", "action_error: RangeError: crypto.pbkdf2: the iterations 1000000000 are outside mfactl's limits of 1 to 100000"},
		{"pbkdf2 key length", "require('crypto').pbkdf2Sync('p', 's', 1, 1e9, 'sha256');", "action_error: RangeError: crypto.pbkdf2: a key length of 1000000000 exceeds"},
		{"randomBytes(1e9)", "require('crypto').randomBytes(1e9);", "action_error: RangeError: crypto.randomBytes: 1000000000 bytes exceed"},
		{"getRandomValues over 64 KiB", "crypto.getRandomValues(new Uint8Array(65537));", "action_error: QuotaExceededError: The ArrayBufferView's byte length (65537) exceeds"},
		{"a long PEM key", "require('crypto').createSign('sha256').update('x').sign('k'.repeat(1 << 20));", "action_error: RangeError: a key of 1048576 characters exceeds mfactl's limit of 16384"},
		{"URL of a long text", "new URL('https://x/' + 'a'.repeat(2 << 20));", "action_error: RangeError: URL: a text of 2097162 characters exceeds mfactl's limit of 1048576"},
		{"URLSearchParams of many pairs", "new URLSearchParams('&'.repeat(1 << 19));", "action_error: RangeError: URLSearchParams: array length 524288 exceeds"},
		{"URLSearchParams of a huge object", "const o = {}; for (let i = 0; i < 200000; i++) { o['k' + i] = i; } new URLSearchParams(o);", "action_error: RangeError: URLSearchParams: array length 200000 exceeds"},
		{"structuredClone of a deep object", "let o = {}; for (let i = 0; i < 10000; i++) { o = { o }; } structuredClone(o);", "action_error: RangeError: "},
		{"structuredClone of a shared graph", "let o = [1]; for (let i = 0; i < 40; i++) { o = [o, o]; } structuredClone(o);", ""},
		{"structuredClone of a huge array", "const a = []; a.length = 2 ** 30; structuredClone(a);", "action_error: RangeError: structuredClone: more than mfactl's limit of 131072 values"},
		{"util.inspect of a shared graph", "let o = ['x'.repeat(1000)]; for (let i = 0; i < 60; i++) { o = [o, o]; } const s = require('util').inspect(o, { depth: Infinity }); if (s.length > 2e6) throw new Error('too long');", ""},
		{"util.format of a long string many times", "const s = 'x'.repeat(1 << 24); const out = require('util').format(s, s, s, s, s); if (out.length > 2e6) throw new Error('too long');", ""},
		{"querystring.parse of many pairs", "const q = require('querystring').parse('a=1&'.repeat(1 << 20)); if (q.a.length !== 1000) throw new Error(String(q.a.length));", ""},
		{"querystring.parse maxKeys 0", "require('querystring').parse('a=1&'.repeat(1 << 18), '&', '=', { maxKeys: 0 });", ""},
		{"isDeepStrictEqual of deep objects", "let a = {}, b = {}; for (let i = 0; i < 10000; i++) { a = { a }; b = { a: b }; } require('util').isDeepStrictEqual(a, b);", "action_error: RangeError: "},
		{"EventEmitter that emits itself", "const e = new (require('events'))(); e.on('x', () => e.emit('x')); e.emit('x');", "action_error: RangeError: Maximum call stack size exceeded"},
		{"process.exit is not caught", "try { process.exit(); } catch (e) {} api.access.deny('x');", "action_error: Error: process.exit(undefined) was called"},
		{"an infinite nextTick loop", "const f = () => process.nextTick(f); f(); await new Promise(() => {});", "action_timeout: the Action did not finish within"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runHostile(t, tt.body)
			if got := errText(r); tt.want == "" && got != "" || !strings.HasPrefix(got, tt.want) {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}
