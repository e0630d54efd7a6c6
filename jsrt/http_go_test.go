package jsrt

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/dop251/goja"
)

// echoTable answers every request: /status/N with status N, /text with text, /cookies with
// repeated headers, /empty with 204, /bad-json with a body that is not JSON, anything else with
// the method and URL as JSON.
func echoTable(req HTTPRequest) (HTTPResponse, bool) {
	path := req.URL[strings.Index(req.URL, "://")+3:]
	path, _, _ = strings.Cut(path[strings.IndexByte(path, '/'):], "?")
	switch {
	case strings.HasPrefix(path, "/status/"):
		n, _ := strconv.Atoi(strings.TrimPrefix(path, "/status/"))
		return HTTPResponse{Status: n, Headers: jsonType, Body: []byte(`{"status":` + strconv.Itoa(n) + `}`)}, true
	case path == "/text":
		return HTTPResponse{Status: 200, Headers: [][2]string{{"content-type", "text/plain"}}, Body: []byte("plain words")}, true
	case path == "/bad-json":
		return HTTPResponse{Status: 200, Headers: jsonType, Body: []byte("{not json")}, true
	case path == "/cookies":
		return HTTPResponse{Status: 200, Headers: [][2]string{{"set-cookie", "a=1"}, {"x-dup", "1"}, {"set-cookie", "b=2"}, {"x-dup", "2"}, {"__proto__", "p"}}, Body: []byte(`{}`)}, true
	case path == "/empty":
		return HTTPResponse{Status: 204}, true
	}
	b, _ := json.Marshal(map[string]string{"method": req.Method, "url": req.URL, "via": req.Via})
	return HTTPResponse{Status: 200, Headers: jsonType, Body: b}, true
}

// referencePrograms are node/fetch.js and node/axios.js as they were before their request paths
// moved to Go: fetch.js with its Go half left out (a script fetch, and its send answering every
// call), and axios.js from testdata/reference.
func referencePrograms(t *testing.T) map[string]*goja.Program {
	t.Helper()
	fetchSrc, err := nodeScripts.ReadFile("node/fetch.js")
	if err != nil {
		t.Fatal(err)
	}
	const native = "host.fetchNative(I, web.internals, send, function (s) { return s.toUpperCase(); })"
	const script = `[function fetch(input, init) {
    if (arguments.length === 0) {
      return rejected(new TypeErrorCtor("Failed to execute 'fetch' on 'Window': 1 argument required, but only 0 present."));
    }
    return send('fetch', input, init);
  }, send]`
	if !strings.Contains(string(fetchSrc), native) {
		t.Fatal("node/fetch.js no longer calls " + native)
	}
	webSrc, err := nodeScripts.ReadFile("node/web.js")
	if err != nil {
		t.Fatal(err)
	}
	const nativeJSON = "host.bodyJSON(kBody, kUsed, I.parse, bodyMethods.json)"
	if !strings.Contains(string(webSrc), nativeJSON) {
		t.Fatal("node/web.js no longer calls " + nativeJSON)
	}
	axiosSrc, err := os.ReadFile("testdata/reference/axios.js")
	if err != nil {
		t.Fatal(err)
	}
	return map[string]*goja.Program{
		"fetch": goja.MustCompile("mfactl:node/fetch.js", strings.Replace(string(fetchSrc), native, script, 1), true),
		"axios": goja.MustCompile("mfactl:node/axios.js", string(axiosSrc), true),
		"web":   goja.MustCompile("mfactl:node/web.js", strings.Replace(string(webSrc), nativeJSON, "bodyMethods.json", 1), true),
	}
}

// httpShow is the Action-side prelude of TestHTTPGoMatchesScript: show writes a value as JSON,
// functions, symbols and big integers included; outcome is what a promise settles with.
const httpShow = `const show = (v) => JSON.stringify(v, (k, x) => typeof x === 'function' ? 'fn ' + x.name : typeof x === 'bigint' ? 'big ' + x : typeof x === 'symbol' ? String(x) : x);
const outcome = async (p) => {
  try {
    const r = await p;
    if (r instanceof Response) {
      return 'response ' + show(Object.getOwnPropertyDescriptors(r)) + ' ' + show([...r.headers]) + ' ' + r.bodyUsed + ' ' + (await r.text()) + ' ' + r.bodyUsed;
    }
    return 'ok ' + show(r) + ' ' + Object.getPrototypeOf(r.data === null || r.data === undefined ? {} : r.data).constructor.name;
  } catch (e) {
    const seen = e instanceof Error ? { name: e.name, message: e.message, code: e.code, status: e.status, config: e.config, cause: e.cause && e.cause.message,
      response: e.response && { status: e.response.status, data: e.response.data, headers: e.response.headers } } : e;
    return 'err ' + (e && e.constructor && e.constructor.name) + ' ' + show(seen);
  }
};
`

// TestHTTPGoMatchesScript runs each request through mfactl's fetch and axios, whose usual paths
// are in Go (fetch.go, axios.go), and through the JavaScript they replaced: the Action must see
// the same values, the same reads of its own objects in the same order, the same errors, and the
// same requests recorded.
func TestHTTPGoMatchesScript(t *testing.T) {
	programs := referencePrograms(t)
	cases := []struct{ name, body string }{
		// axios
		{"get", `return outcome(require('axios').get('https://api.example.com/a/b?x=1'));`},
		{"get with params", `return outcome(require('axios').get('https://api.example.com/p', { params: {
  s: 'a b:c$d,e[f]g#h&i=j/k?l', n: 12.5, neg: -0, t: true, nil: null, u: undefined, arr: [1, 'two', null, [3]], obj: { x: 1, y: { z: 'é' } },
  d: new Date(Date.UTC(2026, 1, 3, 4, 5, 6, 7)), inst: new (class K { toString() { return 'k!'; } })(), sp: new URLSearchParams('q=1'),
  fn: function f() {}, emoji: '😀', ['ke y']: 'v', '': 'empty' } }));`},
		{"params: arrays a Proxy wraps, array-likes, arrays with other prototypes", `const odd = [5, 6]; Object.setPrototypeOf(odd, Object.prototype);
return outcome(require('axios').get('https://api.example.com/p', { params: { px: new Proxy([1, 2], {}), po: new Proxy({ k: 1 }, {}), al: { length: 1, 0: 'x' }, odd, sparse: [1, , 3] } }));`},
		{"params on a URL with a query and a fragment", `return outcome(require('axios').get('https://api.example.com/p?a=1#frag', { params: { b: 2 } }));`},
		{"params: URLSearchParams", `return outcome(require('axios').get('https://api.example.com/p', { params: new URLSearchParams({ a: '1 2', b: 'x' }) }));`},
		{"params: a string", `return outcome(require('axios').get('https://api.example.com/p', { params: 'ab' }));`},
		{"params: empty", `return outcome(require('axios').get('https://api.example.com/p', { params: {} }));`},
		{"params: a symbol value", `return outcome(require('axios').get('https://api.example.com/p', { params: { s: Symbol('x') } }));`},
		{"params: a lone surrogate", `return outcome(require('axios').get('https://api.example.com/p', { params: { s: '\ud800' } }));`},
		{"params: a date whose toISOString throws", `return outcome(require('axios').get('https://api.example.com/p', { params: { d: new Date(NaN) } }));`},
		{"paramsSerializer function", `return outcome(require('axios').get('https://api.example.com/p', { params: { a: 1 }, paramsSerializer: (p) => 'custom=' + p.a }));`},
		{"paramsSerializer object", `return outcome(require('axios').get('https://api.example.com/p', { params: { a: 1 }, paramsSerializer: { serialize(p) { return 'obj=' + p.a + (this.tag || ''); }, tag: '!' } }));`},
		{"paramsSerializer returning an object", `return outcome(require('axios').get('https://api.example.com/p', { params: { a: 1 }, paramsSerializer: () => ({ valueOf() { return 'v=1'; }, toString() { return 't=1'; } }) }));`},
		{"paramsSerializer returning nothing", `return outcome(require('axios').get('https://api.example.com/p', { params: { a: 1 }, paramsSerializer: () => '' }));`},
		{"post an object", `return outcome(require('axios').post('https://api.example.com/p', { a: 1, b: [true, null], c: { toJSON() { return 'j'; } } }));`},
		{"post text, a number, an array, a function", `const a = require('axios'); return [await outcome(a.post('https://api.example.com/p', 'raw text')), await outcome(a.put('https://api.example.com/p', 42)),
await outcome(a.patch('https://api.example.com/p', [1, 2])), await outcome(a.post('https://api.example.com/p', function g() {}))].join('\n');`},
		{"post URLSearchParams and bytes", `const a = require('axios'); return [await outcome(a.post('https://api.example.com/p', new URLSearchParams({ a: 'b c' }))),
await outcome(a.post('https://api.example.com/p', new Uint8Array([1, 2]))), await outcome(a.post('https://api.example.com/p', new ArrayBuffer(2)))].join('\n');`},
		{"post data JSON.stringify cannot write", `return outcome(require('axios').post('https://api.example.com/p', { n: { toJSON() { throw new SyntaxError('no JSON'); } } }));`},
		{"post a cycle", `const o = {}; o.o = o; return outcome(require('axios').post('https://api.example.com/p', o));`},
		{"delete, head, options", `const a = require('axios'); return [await outcome(a.delete('https://api.example.com/d')), await outcome(a.head('https://api.example.com/h')), await outcome(a.options('https://api.example.com/o'))].join('\n');`},
		{"status errors", `const a = require('axios'); return [await outcome(a.get('https://api.example.com/status/404')), await outcome(a.get('https://api.example.com/status/503')),
await outcome(a.get('https://api.example.com/status/302')), await outcome(a.get('https://api.example.com/status/201'))].join('\n');`},
		{"validateStatus", `const a = require('axios'); return [await outcome(a.get('https://api.example.com/status/404', { validateStatus: () => true })),
await outcome(a.get('https://api.example.com/status/404', { validateStatus: null })), await outcome(a.get('https://api.example.com/status/200', { validateStatus: (s) => s === 201 })),
await outcome(a.get('https://api.example.com/status/200', { validateStatus: () => { throw new RangeError('no'); } })), await outcome(a.get('https://api.example.com/status/200', { validateStatus: 5 }))].join('\n');`},
		{"responseType", `const a = require('axios'); return [await outcome(a.get('https://api.example.com/x', { responseType: 'text' })), await outcome(a.get('https://api.example.com/x', { responseType: 'arraybuffer' })),
await outcome(a.get('https://api.example.com/text')), await outcome(a.get('https://api.example.com/bad-json', { transitional: { silentJSONParsing: false } })),
await outcome(a.get('https://api.example.com/bad-json', { responseType: 'text', transitional: { silentJSONParsing: false } })), await outcome(a.get('https://api.example.com/empty')),
await outcome(a.get('https://api.example.com/x', { responseType: 'document' })), await outcome(a.get('https://api.example.com/x', { responseType: 7 }))].join('\n');`},
		{"response headers", `return outcome(require('axios').get('https://api.example.com/cookies'));`},
		{"bad URLs", `const a = require('axios'); return [await outcome(a.get('not a url')), await outcome(a.get('ftp://x.example.com/')), await outcome(a.get('/relative')), await outcome(a.get('')),
await outcome(a.get()), await outcome(a.get(null)), await outcome(a.get(new URL('https://api.example.com/u?v=1'))), await outcome(a.get(Symbol('s'))), await outcome(a.get('https://api.example.com/' + 'x'.repeat(9000)))].join('\n');`},
		{"baseURL", `const a = require('axios'); const api = a.create({ baseURL: 'https://api.example.com/v2//' });
return [await outcome(api.get('/users')), await outcome(api.get('https://other.example.com/abs')), await outcome(api.get('users', { allowAbsoluteUrls: false })),
await outcome(api.get('https://other.example.com/abs', { allowAbsoluteUrls: false })), await outcome(api.get()), await outcome(a.get('x', { baseURL: 'https://b.example.com' })),
await outcome(a.get('//proto.example.com/rel', { baseURL: 'https://b.example.com' })), api.getUri({ url: 'z', params: { q: 1 } })].join('\n');`},
		{"abort and cancel", `const a = require('axios'); const c = new AbortController(); c.abort();
return [await outcome(a.get('https://api.example.com/x', { signal: c.signal })), await outcome(a.get('https://api.example.com/x', { cancelToken: { reason: new Error('stop') } })),
await outcome(a.get('https://api.example.com/x', { cancelToken: { reason: null } })), await outcome(a.get('https://api.example.com/x', { signal: new AbortController().signal }))].join('\n');`},
		{"method spellings", `const a = require('axios'); return [await outcome(a({ url: 'https://api.example.com/m', method: 'PoSt' })), await outcome(a.request({ url: 'https://api.example.com/m', method: 'ınfo' })),
await outcome(a('https://api.example.com/m', { method: 'DELETE' })), await outcome(a({ url: 'https://api.example.com/m', method: '' })), await outcome(a({ url: 'https://api.example.com/m', method: 'connect' }))].join('\n');`},
		{"getters read in order", `const log = []; const cfg = {}; for (const k of ['params', 'timeout', 'responseType', 'validateStatus']) {
  Object.defineProperty(cfg, k, { enumerable: true, get() { log.push(k); return k === 'params' ? { get a() { log.push('params.a'); return 1; } } : k === 'timeout' ? 5 : undefined; } }); }
const r = await outcome(require('axios').get('https://api.example.com/g', cfg)); return r + ' ' + log.join(',');`},
		{"a Proxy config", `const log = []; const p = new Proxy({ params: { a: 1 }, timeout: 9 }, { get(t, k, rc) { log.push('get ' + String(k)); return Reflect.get(t, k, rc); },
  ownKeys(t) { log.push('ownKeys'); return Reflect.ownKeys(t); }, getOwnPropertyDescriptor(t, k) { log.push('desc ' + String(k)); return Reflect.getOwnPropertyDescriptor(t, k); },
  getPrototypeOf(t) { log.push('proto'); return Reflect.getPrototypeOf(t); } });
const r = await outcome(require('axios').get('https://api.example.com/g', p)); return r + ' ' + log.join(',');`},
		{"a getter that throws", `const cfg = { get params() { throw new Error('getter'); } };
try { await outcome(require('axios').get('https://api.example.com/g', cfg)); return 'no throw'; } catch (e) { return 'threw ' + e.message; }`},
		{"interceptors", `const a = require('axios'); a.interceptors.request.use((c) => { c.params = { added: 1 }; c.headers['X-T'] = 'y'; return c; });
a.interceptors.response.use((r) => { r.data = { wrapped: r.data }; return r; });
return [await outcome(a.get('https://api.example.com/i')), await outcome(a.post('https://api.example.com/i', { d: 1 }))].join('\n');`},
		{"an interceptor returning a frozen config", `const a = require('axios'); a.interceptors.request.use((c) => Object.freeze(Object.assign({}, c)));
return outcome(a.get('https://api.example.com/i'));`},
		{"defaults touched", `const a = require('axios'); a.defaults.headers.common['X-A'] = '1'; a.defaults.timeout = 7;
return [await outcome(a.get('https://api.example.com/t')), await outcome(a.post('https://api.example.com/t', 'x', { headers: { 'content-type': 'text/plain' } }))].join('\n');`},
		{"config headers", `const a = require('axios'); return [await outcome(a.get('https://api.example.com/h', { headers: { Authorization: 'Bearer x', Accept: 'text/plain' } })),
await outcome(a.post('https://api.example.com/h', { j: 1 }, { headers: new Headers({ 'Content-Type': 'application/x-custom' }) }))].join('\n');`},
		{"config keys that are not plain", `const a = require('axios'); return [await outcome(a.get('https://api.example.com/k', { toString: 'x', constructor: 5, valueOf: null })),
await outcome(a.get('https://api.example.com/k', JSON.parse('{"__proto__": {"params": {"inherited": 1}}, "own": 1}'))),
await outcome(a.get('https://api.example.com/k', Object.create({ params: { inherited: 1 } })))].join('\n');`},
		{"a primitive config", `const a = require('axios'); return [await outcome(a.get('https://api.example.com/c', 5)), await outcome(a.get('https://api.example.com/c', 'str'))].join('\n');`},

		// fetch
		{"fetch", `return outcome(fetch('https://api.example.com/f?q=a b'));`},
		{"fetch with init", `return [await outcome(fetch('https://api.example.com/f', { method: 'post', body: '{}', headers: { 'content-type': 'application/json' } })),
await outcome(fetch('https://api.example.com/f', { method: 'patch', body: 'x' })), await outcome(fetch('https://api.example.com/f', { method: 'Head' })),
await outcome(fetch('https://api.example.com/f', { method: 'poſt' })), await outcome(fetch('https://api.example.com/f', null)), await outcome(fetch('https://api.example.com/f', {}))].join('\n');`},
		{"fetch refusals", `return [await outcome(fetch('https://api.example.com/f', { body: 'x' })), await outcome(fetch('https://api.example.com/f', { method: 'HEAD', body: new Uint8Array(1) })),
await outcome(fetch('nope')), await outcome(fetch('data:text/plain,x')), await outcome(fetch('  HTTPS://API.example.com:443/./a/../b#frag')),
await outcome(fetch('https://api.example.com/f', { method: 'bad method' })), await outcome(fetch('https://api.example.com/f', { method: 'TRACE' })),
await outcome(fetch('https://api.example.com/f', { method: Symbol('m') })), await outcome(fetch('https://api.example.com/f', { method: { toString() { throw new Error('ts'); } } }))].join('\n');`},
		{"fetch signals", `const c = new AbortController(); c.abort('why'); return [await outcome(fetch('https://api.example.com/f', { signal: c.signal })),
await outcome(fetch('https://api.example.com/f', { signal: new AbortController().signal })), await outcome(fetch('https://api.example.com/f', { signal: { aborted: 1, reason: 'fake' } }))].join('\n');`},
		{"fetch statuses and bodies", `return [await outcome(fetch('https://api.example.com/status/404')), await outcome(fetch('https://api.example.com/empty')),
await outcome(fetch('https://api.example.com/cookies')), await outcome(fetch('https://api.example.com/status/304'))].join('\n');`},
		{"fetch then json", `const r = await fetch('https://api.example.com/j'); const j = await r.json(); let again; try { await r.json(); } catch (e) { again = e.message; }
return show(j) + ' ' + again + ' ' + r.bodyUsed + ' ' + (r instanceof Response) + ' ' + (r.headers instanceof Headers) + ' ' + r.headers.get('Content-Type');`},
		{"fetch other inputs", `return [await outcome(fetch(new URL('https://api.example.com/u'))), await outcome(fetch(new Request('https://api.example.com/r', { method: 'PUT', body: 'b' }))),
await outcome(fetch('https://api.example.com/f', 5)), await outcome(fetch({ toString() { return 'https://api.example.com/o'; } }))].join('\n');`},
		{"fetch init getters", `const log = []; const init = {}; for (const k of ['method', 'body', 'signal', 'headers']) {
  Object.defineProperty(init, k, { get() { log.push(k); return k === 'method' ? 'POST' : k === 'body' ? 'b' : undefined; } }); }
const r = await outcome(fetch('https://api.example.com/g', init)); return r + ' ' + log.join(',');`},
		{"fetch itself", `return [typeof fetch, fetch.name, fetch.length, await outcome(fetch()), await outcome(fetch(undefined)), await outcome(fetch.call(null, 'https://api.example.com/c')),
await outcome(Reflect.apply(fetch, {}, ['https://api.example.com/r', { method: 'put', body: 'b' }]))].join('\n');`},
		{"json and text", `const a = await fetch('https://api.example.com/j'); const b = await fetch('https://api.example.com/bad-json'); const c = await fetch('https://api.example.com/empty');
const d = new Response('{"made":1}'); const e = new Response(new Uint8Array([123, 125])); const f = new Request('https://x.example.com/', { method: 'POST', body: '[1]' });
const out = [await outcome(a.json()), await outcome(a.json()), await outcome(b.json()), await outcome(c.json()), await outcome(d.json()), await outcome(e.json()), await outcome(f.json()),
  await outcome(Response.prototype.json.call({})), await outcome(Response.prototype.json.call(5)), Response.prototype.json.name, Response.prototype.json.length, d.bodyUsed, a.bodyUsed];
try { out.push(await Response.prototype.json.call(new Proxy(new Response('{"p":1}'), {}))); } catch (e) { out.push('proxy ' + e.message); }
return out.map((x) => typeof x === 'string' ? x : show(x)).join('\n');`},
		{"node-fetch", `const nf = require('node-fetch'); return [await outcome(nf('https://api.example.com/n')), await outcome(nf.default('https://api.example.com/n', { method: 'delete' }))].join('\n');`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			src := "exports.onExecutePostLogin = async (event, api) => {\n" + httpShow + "const v = await (async () => {\n" + tc.body + "\n})(); api.idToken.setCustomClaim('v', String(v)); };"
			p, err := Compile("action.js", []byte(src))
			if err != nil {
				t.Fatal(err)
			}
			opts := Options{Handler: "onExecutePostLogin", Event: event(), Now: now, HTTP: echoTable}
			got := p.Run(context.Background(), opts)
			ref, err := newEngine(true)
			if err != nil {
				t.Fatal(err)
			}
			ref.programs = programs
			opts.Event = event()
			want, _ := ref.runOnce(context.Background(), p, opts)
			ref.retire()
			if g, w := httpOutcome(got), httpOutcome(want); g != w {
				t.Errorf("Go and script differ\nGo:     %s\nscript: %s", g, w)
			} else if testing.Verbose() {
				t.Log(g)
			}
		})
	}
}

// httpOutcome is what TestHTTPGoMatchesScript compares of a run: its claim, error and requests.
func httpOutcome(r Result) string {
	var b strings.Builder
	if r.Err != nil {
		b.WriteString("error: " + r.Err.Error() + "\n")
	}
	for _, c := range r.Calls {
		for _, a := range c.Args {
			fmt.Fprintln(&b, a)
		}
	}
	for _, q := range r.Requests {
		b.WriteString("request: " + q.Via + " " + q.Method + " " + q.URL + " " + strconv.Itoa(q.Status) + "\n")
	}
	return b.String()
}

// fuzzHTTPAction builds a params value and a config from event.ops (a stack machine over the
// bytes of the fuzzer's input) and sends it with axios and fetch: FuzzHTTPGoMatchesScript runs it
// through the Go paths and through the scripts they replaced.
const fuzzHTTPAction = `exports.onExecutePostLogin = async (event, api) => {
` + httpShow + `
  const strs = ['a b', 'x:y$z,[]', '#frag', '%25', 'é', '😀', '', '?q=1', '/', 'key', '__proto__', 'toString', '0', 'length'];
  const stack = [];
  const ops = event.ops;
  const pop = () => (stack.length ? stack.pop() : undefined);
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i], arg = (ops[i + 1] || 0);
    switch (op % 12) {
      case 0: stack.push(strs[arg % strs.length]); i++; break;
      case 1: stack.push(arg - 100); i++; break;
      case 2: stack.push(arg % 2 ? null : undefined); i++; break;
      case 3: stack.push(new Date(Date.UTC(2026, 0, 1 + arg))); i++; break;
      case 4: { const n = arg % 4; const a = []; for (let j = 0; j < n; j++) { a.unshift(pop()); } stack.push(a); i++; break; }
      case 5: { const n = arg % 4; const o = {}; for (let j = 0; j < n; j++) { o[strs[(arg + j) % strs.length]] = pop(); } stack.push(o); i++; break; }
      case 6: stack.push(arg % 2 === 0); i++; break;
      case 7: stack.push(new URLSearchParams('a=' + arg)); i++; break;
      case 8: { const v = pop(); stack.push(Object.freeze(v && typeof v === 'object' ? v : { v })); break; }
      case 9: stack.push(Object.create(null)); break;
      case 10: { const a = [1, 2]; a.length = arg % 6; stack.push(a); i++; break; }
      default: stack.push(Symbol('s' + arg)); i++; break;
    }
  }
  const params = pop();
  const config = { params };
  if (ops.length % 3 === 1) { config.responseType = 'text'; }
  if (ops.length % 5 === 2) { config.validateStatus = (s) => s < 500; }
  if (ops.length % 7 === 3) { config.data = pop(); }
  const axios = require('axios');
  const paths = ['/p', '/status/404', '/status/503', '/text', '/bad-json', '/cookies', '/empty'];
  const url = 'https://api.example.com' + paths[ops.length % paths.length];
  const out = [await outcome(axios.get(url, config)), await outcome(axios.post(url, pop(), config))];
  out.push(await outcome(fetch(url + '?' + String(ops.length), { method: ops.length % 2 ? 'post' : 'GET', body: ops.length % 2 ? show(params) : undefined })));
  api.idToken.setCustomClaim('v', out.join('\n'));
};`

// FuzzHTTPGoMatchesScript: for any params, config and request the fuzzer makes, the Go paths and
// the scripts they replaced give the Action the same values and record the same requests.
func FuzzHTTPGoMatchesScript(f *testing.F) {
	for _, seed := range [][]byte{
		{0, 0}, {0, 1, 1, 5, 5, 2}, {0, 3, 3, 4, 4, 2, 5, 1}, {7, 3}, {9, 0, 2, 5, 1}, {10, 5, 0, 13, 5, 2},
		{0, 10, 1, 3, 5, 2, 8}, {11, 1}, {3, 200, 0, 4, 4, 2}, {0, 11, 0, 12, 5, 2},
	} {
		f.Add(seed)
	}
	p, err := Compile("action.js", []byte(fuzzHTTPAction))
	if err != nil {
		f.Fatal(err)
	}
	var programs map[string]*goja.Program
	var ref *run
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 48 {
			data = data[:48]
		}
		if programs == nil {
			programs = referencePrograms(t)
		}
		ops := make([]any, len(data))
		for i, b := range data {
			ops[i] = float64(b)
		}
		ev := event()
		ev["ops"] = ops
		opts := Options{Handler: "onExecutePostLogin", Event: ev, Now: now, HTTP: echoTable, Timeout: 5 * time.Second}
		got := p.Run(context.Background(), opts)
		if ref == nil {
			if ref, err = newEngine(true); err != nil {
				t.Fatal(err)
			}
			ref.programs = programs
		}
		ev = event()
		ev["ops"] = ops
		opts.Event = ev
		want, reusable := ref.runOnce(context.Background(), p, opts)
		// The reference engine is kept out of the pool: put back as the pool would, or replaced.
		if !reusable || ref.broken || !ref.resetGlobal() {
			ref.retire()
			ref = nil
		} else {
			ref.clear()
		}
		// goja writes the object in some of its messages ("Could not convert &{Object 0x…} … to
		// primitive"): its addresses differ from run to run.
		if g, w := goAddress.ReplaceAllString(httpOutcome(got), "0x…"), goAddress.ReplaceAllString(httpOutcome(want), "0x…"); g != w {
			t.Errorf("ops %v: Go and script differ\nGo:     %s\nscript: %s", data, g, w)
		}
	})
}

var goAddress = regexp.MustCompile(`0x[0-9a-f]+`)
