package jsrt

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
)

// table answers from a fixed list: "METHOD URL" (or "* URL") → response.
func table(entries map[string]HTTPResponse) HTTPHandler {
	return func(req HTTPRequest) (HTTPResponse, bool) {
		if res, ok := entries[req.Method+" "+req.URL]; ok {
			return res, true
		}
		res, ok := entries["* "+req.URL]
		return res, ok
	}
}

var jsonType = [][2]string{{"content-type", "application/json"}}

var testTable = table(map[string]HTTPResponse{
	"POST https://risk.example.com/v1/score":                                                   {Status: 200, Headers: [][2]string{{"content-type", "application/json"}, {"x-request-id", "abc"}}, Body: []byte(`{"score":12}`)},
	"GET https://risk.example.com/v1/score?user=a%20b":                                         {Status: 200, Headers: jsonType, Body: []byte(`{"score":1}`)},
	"* https://api.example.com/text":                                                           {Status: 200, Headers: [][2]string{{"content-type", "text/plain"}}, Body: []byte("not json")},
	"* https://api.example.com/missing":                                                        {Status: 404, Headers: jsonType, Body: []byte(`{"error":"not_found"}`)},
	"* https://api.example.com/down":                                                           {Status: 503, Headers: jsonType, Body: []byte(`{"error":"down"}`)},
	"* https://api.example.com/empty":                                                          {Status: 204},
	"GET https://api.example.com/v2/users?ids[]=1&ids[]=2&q=a+b&when=2026-01-01T00:00:00.000Z": {Status: 200, Headers: jsonType, Body: []byte(`[1,2]`)},
	"GET https://api.example.com/v2/users/7?x=1":                                               {Status: 200, Headers: jsonType, Body: []byte(`{"id":7}`)},
	"PUT https://api.example.com/v2/users/7":                                                   {Status: 201, Headers: jsonType, Body: []byte(`{"ok":true}`)},
	"PATCH https://api.example.com/v2/users/7":                                                 {Status: 200, Headers: jsonType, Body: []byte(`{}`)},
	"DELETE https://api.example.com/v2/users/7":                                                {Status: 204},
	"HEAD https://api.example.com/v2/users/7":                                                  {Status: 200, Headers: jsonType, Body: []byte(`{"id":7}`)},
	"OPTIONS https://api.example.com/v2/users/7":                                               {Status: 200},
	"GET https://api.example.com/":                                                             {Status: 200, Headers: jsonType, Body: []byte(`"root"`)},
})

func TestFetchAndAxios(t *testing.T) {
	tests := []struct{ name, body, want string }{
		{"fetch json, status, headers", `const res = await fetch('https://risk.example.com/v1/score', { method: 'post', body: JSON.stringify({ u: 1 }), headers: { 'content-type': 'application/json' } });
return [res.ok, res.status, res.statusText, res.url, res.headers.get('X-Request-Id'), res.headers.has('content-type'), res instanceof Response, (await res.json()).score].join(' ');`,
			"true 200 OK https://risk.example.com/v1/score abc true true 12"},
		{"fetch headers forEach and entries", `const res = await fetch('https://risk.example.com/v1/score', { method: 'POST' });
const seen = []; res.headers.forEach((v, k) => seen.push(k + '=' + v)); return seen.join(',') + ' ' + [...res.headers.entries()].length;`,
			"content-type=application/json,x-request-id=abc 2"},
		{"fetch a URL object and a Request", `const a = await fetch(new URL('https://risk.example.com/v1/score?user=a b'));
const b = await fetch(new Request('https://risk.example.com/v1/score', { method: 'POST' }));
return (await a.json()).score + ' ' + (await b.json()).score;`, "1 12"},
		{"fetch text, and json() of text rejects with a SyntaxError", `const res = await fetch('https://api.example.com/text');
const t = await res.clone().text(); try { await res.json(); return 'parsed'; } catch (e) { return t + ' / ' + e.name; }`, "not json / SyntaxError"},
		{"fetch non-2xx resolves with ok false", `const res = await fetch('https://api.example.com/missing'); return res.ok + ' ' + res.status + ' ' + res.statusText + ' ' + (await res.json()).error;`,
			"false 404 Not Found not_found"},
		{"fetch 204 has no body", `const res = await fetch('https://api.example.com/empty'); return res.status + ' [' + (await res.text()) + '] ' + res.body;`, "204 [] null"},
		{"fetch arrayBuffer", `const res = await fetch('https://api.example.com/text'); return new Uint8Array(await res.arrayBuffer()).length;`, "8"},
		{"fetch is asynchronous", `const order = []; const p = fetch('https://api.example.com/text').then(() => order.push('answered')); order.push('after call'); await p; return order.join(',');`, "after call,answered"},
		{"fetch of a bad URL rejects", `try { await fetch('not a url'); } catch (e) { return e.name + ': ' + e.message; }`, "TypeError: Failed to parse URL from not a url"},
		{"fetch of a data: URL rejects", `try { await fetch('data:text/plain,hi'); } catch (e) { return e.message + ': ' + e.cause.message; }`, "fetch failed: mfactl answers only http: and https: requests, not data:"},
		{"fetch GET with a body rejects", `try { await fetch('https://api.example.com/text', { body: 'x' }); } catch (e) { return e.message; }`, "Request with GET/HEAD method cannot have body."},
		{"fetch is a global", `return typeof globalThis.fetch + ' ' + (fetch === globalThis.fetch);`, "function true"},
		{"node-fetch", `const nf = require('node-fetch'); const res = await nf.default('https://api.example.com/'); return (nf === nf.default) + ' ' + (await res.json()) + ' ' + (typeof nf.Headers);`, "true root function"},

		{"axios get", `const axios = require('axios'); const r = await axios.get('https://api.example.com/v2/users/7?x=1');
return r.status + ' ' + r.statusText + ' ' + r.data.id + ' ' + r.headers['content-type'] + ' ' + r.config.method + ' ' + r.request.path;`,
			"200 OK 7 application/json get /v2/users/7?x=1"},
		{"axios post/put/patch/delete/head/options", `const axios = require('axios'); const u = 'https://api.example.com/v2/users/7';
const out = [];
out.push((await axios.put(u, { a: 1 })).status, (await axios.patch(u, {})).status, (await axios.delete(u)).status);
const h = await axios.head(u); out.push(h.status, JSON.stringify(h.data), (await axios.options(u)).status);
out.push((await axios.request({ url: u, method: 'PUT', data: { b: 2 } })).config.data);
out.push((await axios({ url: u, method: 'patch' })).status, (await axios(u, { method: 'delete' })).status);
return out.join(' ');`, `201 200 204 200 "" 200 {"b":2} 200 204`},
		{"axios create, baseURL, params, headers", `const axios = require('axios');
const api = axios.create({ baseURL: 'https://api.example.com/v2/', headers: { Authorization: 'Bearer t' }, timeout: 1500 });
const r = await api.get('/users', { params: { ids: [1, 2], q: 'a b', skip: undefined, when: new Date(Date.UTC(2026, 0, 1)) } });
return JSON.stringify(r.data) + ' ' + r.config.headers.Authorization + ' ' + r.config.timeout + ' ' + api.getUri({ url: 'x', params: { a: 1 } });`,
			`[1,2] Bearer t 1500 https://api.example.com/v2/x?a=1`},
		{"axios rejects on 4xx as axios does", `const axios = require('axios');
try { await axios.get('https://api.example.com/missing'); return 'resolved'; } catch (e) {
  return [e.name, e.message, e.code, e.status, e.isAxiosError, axios.isAxiosError(e), e.response.status, e.response.data.error, e instanceof Error, e instanceof axios.AxiosError].join(' ');
}`, "AxiosError Request failed with status code 404 ERR_BAD_REQUEST 404 true true 404 not_found true true"},
		{"axios rejects on 5xx with ERR_BAD_RESPONSE", `const axios = require('axios');
return axios.post('https://api.example.com/down', { x: 1 }).then(() => 'resolved', (e) => e.code + ' ' + e.response.status + ' ' + e.config.url);`,
			"ERR_BAD_RESPONSE 503 https://api.example.com/down"},
		{"axios validateStatus", `const axios = require('axios');
const a = await axios.get('https://api.example.com/missing', { validateStatus: () => true });
const b = await axios.get('https://api.example.com/missing', { validateStatus: null });
try { await axios.get('https://api.example.com/v2/users/7?x=1', { validateStatus: (s) => s === 201 }); } catch (e) { return a.status + ' ' + b.status + ' ' + e.message; }`,
			"404 404 Request failed with status code 200"},
		{"axios text that is not JSON stays text", `const axios = require('axios'); const r = await axios.get('https://api.example.com/text'); return typeof r.data + ' ' + r.data;`, "string not json"},
		{"axios responseType text", `const axios = require('axios'); const r = await axios.get('https://api.example.com/v2/users/7?x=1', { responseType: 'text' }); return r.data;`, `{"id":7}`},
		{"axios defaults and interceptors", `const axios = require('axios');
axios.defaults.headers.common['X-Key'] = 'k';
axios.interceptors.request.use((c) => { c.headers['X-Trace'] = '1'; return c; });
axios.interceptors.response.use((r) => { r.data.seen = true; return r; });
const r = await axios.get('https://api.example.com/v2/users/7?x=1');
return r.config.headers['X-Key'] + r.config.headers['X-Trace'] + ' ' + r.data.seen;`, "k1 true"},
		{"axios default export and isAxiosError", `const axios = require('axios'); return (axios.default === axios) + ' ' + axios.isAxiosError(new Error('x')) + ' ' + axios.isAxiosError({ isAxiosError: true });`, "true false true"},
		{"axios invalid URL", `const axios = require('axios'); try { await axios.get('/relative'); } catch (e) { return e.code + ' ' + e.message; }`, "ERR_INVALID_URL Invalid URL"},
		{"axios same instance for the Action", `return require('axios') === require('axios');`, "true"},
		{"axios methods taken off the module keep working", `const { get, request } = require('axios');
const a = await get('https://api.example.com/v2/users/7?x=1'); const b = await request({ url: 'https://api.example.com/v2/users/7', method: 'PUT' });
return a.data.id + ' ' + b.status;`, "7 201"},
		{"axios methods taken off a created instance keep working", `const api = require('axios').create({ baseURL: 'https://api.example.com/v2/' });
const { get } = api; return (await get('/users/7', { params: { x: 1 } })).data.id;`, "7"},
		{"axios members can be replaced, as on the real module", `const axios = require('axios'); axios.get = async () => ({ data: 'mock' });
axios.defaults = { ...axios.defaults, headers: { common: { 'X-Swapped': 'y' } } };
return (await axios.get('x')).data + ' ' + (await axios.request({ url: 'https://api.example.com/v2/users/7?x=1' })).config.headers['X-Swapped'];`, "mock y"},
		{"axios defaults and interceptors are the module's own properties", `const axios = require('axios');
const keys = Object.keys(axios).filter((k) => k === 'defaults' || k === 'interceptors').join(',');
const same = axios.defaults === axios.defaults && axios.interceptors === axios.interceptors;
axios.interceptors = { request: { forEach() {} }, response: { forEach(f) { f({ fulfilled: (r) => { r.data = 'seen'; return r; } }); } } };
return keys + ' ' + same + ' ' + typeof axios.defaults.headers.common + ' ' + (await axios.get('https://api.example.com/v2/users/7?x=1')).data;`, "defaults,interceptors true object seen"},
		{"axios module members", `const axios = require('axios'); return [typeof axios.create, typeof axios.isCancel, axios.VERSION, typeof axios.postForm, axios.Axios === axios.Axios, typeof axios, axios instanceof Function].join(' ');`,
			"function function 1.7.9 function true function true"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := "exports.onExecutePostLogin = async (event, api) => { const v = await (async () => {\n" + tt.body + "\n})(); api.idToken.setCustomClaim('v', String(v)); };"
			r := runAction(t, src, Options{HTTP: testTable})
			if r.Err != nil {
				t.Fatalf("error: %v (requests %v)", r.Err, r.Requests)
			}
			if len(r.Calls) != 1 || len(r.Calls[0].Args) != 2 {
				t.Fatalf("calls: %s", calls(r))
			}
			if got := r.Calls[0].Args[1]; got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

// TestRequestsRecorded: each answered request is recorded with its client, method, URL, status and
// how many api calls came before it.
func TestRequestsRecorded(t *testing.T) {
	r := runLines(t, `api.idToken.setCustomClaim('a', 1);
await fetch('https://risk.example.com/v1/score#frag', { method: 'POST' });
await require('axios').get('https://api.example.com/missing', { validateStatus: null });
api.idToken.setCustomClaim('b', 2);
await require('node-fetch')('https://api.example.com');`, Options{HTTP: testTable})
	if r.Err != nil {
		t.Fatal(r.Err)
	}
	got, _ := json.Marshal(r.Requests)
	want := `[{"Via":"fetch","Method":"POST","URL":"https://risk.example.com/v1/score","Status":200,"Calls":1},` +
		`{"Via":"axios","Method":"GET","URL":"https://api.example.com/missing","Status":404,"Calls":1},` +
		`{"Via":"node-fetch","Method":"GET","URL":"https://api.example.com/","Status":200,"Calls":2}]`
	if string(got) != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

// TestUnansweredRequestStopsTheRun: a request nothing answers stops the run, whatever the Action
// does to catch it, and says which request it was.
func TestUnansweredRequestStopsTheRun(t *testing.T) {
	for _, body := range []string{
		"await fetch('https://nowhere.example.com/x?y=1', { method: 'POST' });",
		"try { await fetch('https://nowhere.example.com/x?y=1', { method: 'post' }); } catch (e) {}",
		"await require('axios').post('https://nowhere.example.com/x?y=1').catch(() => null);",
		"await new Promise((resolve) => setTimeout(() => { fetch('https://nowhere.example.com/x?y=1', { method: 'POST' }).catch(() => {}); resolve(); }, 10));",
		"await Promise.resolve().then(() => fetch('https://nowhere.example.com/x?y=1', { method: 'POST' })).catch(() => {});",
		"const axios = require('axios'); axios.interceptors.request.use((c) => c); try { await axios.post('https://nowhere.example.com/x?y=1'); } catch (e) {}",
	} {
		t.Run(body, func(t *testing.T) {
			r := runLines(t, body+"\napi.access.deny('went on');", Options{HTTP: testTable})
			if r.Err == nil || r.Err.Unanswered == nil {
				t.Fatalf("not stopped for the request: %v", r.Err)
			}
			if u := r.Err.Unanswered; u.Method != "POST" || u.URL != "https://nowhere.example.com/x?y=1" {
				t.Errorf("unanswered: %+v", u)
			}
			if len(r.Calls) != 0 {
				t.Errorf("the Action went on: %s", calls(r))
			}
		})
	}
	// Without a table, nothing is answered.
	r := runLines(t, "await fetch('https://risk.example.com/v1/score');", Options{})
	if r.Err == nil || r.Err.Unanswered == nil || r.Err.Offset < 0 {
		t.Fatalf("got %+v", r.Err)
	}
}

func TestHTTPLimits(t *testing.T) {
	big := table(map[string]HTTPResponse{"* https://api.example.com/big": {Status: 200, Body: make([]byte, MaxHTTPBody+1)}})
	tests := []struct {
		name, body, want string
		h                HTTPHandler
	}{
		{"too many requests", "for (let i = 0; i < 1001; i++) { await fetch('https://api.example.com/'); }", "RangeError: too many HTTP requests for mfactl to answer: more than 1000 in one run", testTable},
		{"a long URL", "await fetch('https://api.example.com/?' + 'a'.repeat(9000));", "RangeError: a request URL of", testTable},
		{"a large answer", "await fetch('https://api.example.com/big');", "RangeError: the answer to GET https://api.example.com/big has a body of", big},
		{"a bad method", "await fetch('https://api.example.com/', { method: 'GE T' });", "TypeError: 'GE T' is not a valid HTTP method.", testTable},
		{"CONNECT", "await require('axios')({ url: 'https://api.example.com/', method: 'connect' });", "TypeError: 'CONNECT' HTTP method is unsupported.", testTable},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runLines(t, tt.body, Options{HTTP: tt.h})
			if r.Err == nil || !strings.HasPrefix(r.Err.Error(), tt.want) {
				t.Errorf("got %v\nwant %s…", r.Err, tt.want)
			}
		})
	}
}

// TestHTTPMocksWin: a mock of axios or node-fetch under modules: answers instead of the table.
func TestHTTPMocksWin(t *testing.T) {
	r := runLines(t, "api.idToken.setCustomClaim('v', require('axios').mocked + require('node-fetch').mocked);",
		Options{HTTP: testTable, Modules: map[string]Mock{"axios": {Value: map[string]any{"mocked": "a"}, HasValue: true}, "node-fetch": {Source: "module.exports = { mocked: 'n' };"}}})
	if r.Err != nil || calls(r) != `[{"method":"idToken.setCustomClaim","args":["v","an"]}]` {
		t.Errorf("got %v %s", r.Err, calls(r))
	}
	r = runLines(t, "require('node:axios');", Options{HTTP: testTable})
	if r.Err == nil || !strings.Contains(r.Err.Message, "Cannot find module 'node:axios'") {
		t.Errorf("node:axios: %v", r.Err)
	}
}

// TestHTTPNoStateBetweenRuns: the client objects are made per run: what one run does to axios's
// defaults and interceptors, or to fetch, does not reach the next run of the same runtime.
func TestHTTPNoStateBetweenRuns(t *testing.T) {
	first := `exports.onExecutePostLogin = async () => {
  const axios = require('axios');
  const attempts = [
    () => { Object.getOwnPropertyDescriptor(axios, 'defaults').get.leak = 1; },
    () => { axios.defaults.headers.common.X = 'leak'; }, () => { axios.interceptors.request.use((c) => { throw new Error('leaked interceptor'); }); },
    () => { fetch.leak = 1; }, () => { require('node-fetch').leak = 1; },
    () => { Response.prototype.json = async () => 'hacked'; }, () => { Headers.prototype.get = () => 'hacked'; },
    () => { axios.AxiosError.prototype.leak = 1; }, () => { Object.getPrototypeOf(axios).get = () => 'hacked'; },
    () => { Object.getPrototypeOf(axios).leak = 1; }, () => { axios.defaults.validateStatus.leak = 1; },
    () => { Object.getOwnPropertyDescriptor(Object.getPrototypeOf(axios), 'get').get.leak = 1; },
  ];
  try { const r = await require('axios').get('https://api.example.com/'); r.config.transitional.leak = 1; r.config.headers.Leak = 1; } catch (e) { /* refused */ }
  const fresh = await require('axios').get('https://api.example.com/');
  attempts.push(() => { Object.getOwnPropertyDescriptor(fresh, 'request').get.leak = 1; }, () => { Object.getOwnPropertyDescriptor(fresh, 'config').set.leak = 1; });
  for (const f of attempts) { try { f(); } catch (e) { /* refused */ } }
};`
	second := `exports.onExecutePostLogin = async (event, api) => {
  const axios = require('axios');
  const getterLeak = Object.getOwnPropertyDescriptor(axios, 'defaults').get.leak;
  const r = await axios.get('https://api.example.com/');
  const lazyLeak = Object.getOwnPropertyDescriptor(r, 'request').get.leak + '' + Object.getOwnPropertyDescriptor(r, 'config').set.leak;
  const res = await fetch('https://api.example.com/');
  const proto = Object.getPrototypeOf(axios);
  api.idToken.setCustomClaim('v', String(r.config.headers.X) + fetch.leak + require('node-fetch').leak + axios.AxiosError.prototype.leak + (await res.json()) + res.headers.get('content-type') +
    proto.leak + axios.defaults.validateStatus.leak + Object.getOwnPropertyDescriptor(proto, 'get').get.leak + typeof axios.get +
    r.config.transitional.leak + r.config.headers.Leak + getterLeak + lazyLeak);
};`
	_, r2, reused := runTwiceWith(t, first, second, Options{HTTP: testTable})
	if !reused {
		t.Fatal("the runtime was not reused: the test shows nothing")
	}
	if r2.Err != nil || calls(r2) != `[{"method":"idToken.setCustomClaim","args":["v","undefinedundefinedundefinedundefinedrootapplication/jsonundefinedundefinedundefinedfunctionundefinedundefinedundefinedundefinedundefined"]}]` {
		t.Errorf("state reached the next run: %v %s", r2.Err, calls(r2))
	}
}

// TestAxiosLazyConfig: the usual call's response.config and response.request are made on first
// read (docs/simulation.md): an accessor until then, the same object on every read, a data property
// after, and the same objects an error carries.
func TestAxiosLazyConfig(t *testing.T) {
	body := `const axios = require('axios'); const u = 'https://api.example.com/v2/users/7?x=1';
const kind = (o, k) => { const d = Object.getOwnPropertyDescriptor(o, k); return 'value' in d ? 'data' : 'accessor'; };
const a = await axios.get(u);
const out = [Object.keys(a).join(','), kind(a, 'config'), kind(a, 'request'), a.config === a.config, kind(a, 'config'), a.request.path, kind(a, 'request'), a.config.method, a.config.url];
const b = await axios.get(u, { params: { y: 2 } }); Object.freeze(b);
out.push(kind(b, 'config'), b.config === b.config, b.config.params.y, b.request === b.request, b.request.path);
const c = await axios.get(u); c.config = 'mine'; out.push(kind(c, 'config'), c.config);
const d = await axios.get(u); out.push(Object.getOwnPropertyDescriptor(d, 'config').get.call({}), JSON.stringify(d).length > 100, kind(d, 'config'));
try { await axios.get('https://api.example.com/status/404'); } catch (e) { out.push(e.config === e.response.config, e.request === e.response.request, e.config.url, e.request.path); }
return out.join(' ');`
	src := "exports.onExecutePostLogin = async (event, api) => { const v = await (async () => {\n" + body + "\n})(); api.idToken.setCustomClaim('v', String(v)); };"
	r := runAction(t, src, Options{HTTP: echoTable})
	if r.Err != nil {
		t.Fatal(r.Err)
	}
	want := "data,status,statusText,headers,config,request accessor accessor true data /v2/users/7?x=1 data get https://api.example.com/v2/users/7?x=1 " +
		"accessor true 2 true /v2/users/7?x=1&y=2 data mine  true data true true https://api.example.com/status/404 /status/404"
	if len(r.Calls) != 1 || len(r.Calls[0].Args) != 2 {
		t.Fatalf("calls: %s", calls(r))
	}
	if got := r.Calls[0].Args[1]; got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

// TestSharedScriptsSealedWhatever: an Action that replaces the global Object, Reflect, Set and Map
// before its first request does not stop mfactl's scripts, built then, from being sealed.
func TestSharedScriptsSealedWhatever(t *testing.T) {
	first := `exports.onExecutePostLogin = async () => {
  const fake = { getPrototypeOf: () => null, getOwnPropertyDescriptor: () => undefined, defineProperty: (o) => o, freeze: (o) => o, ownKeys: () => [] };
  globalThis.Reflect = fake; globalThis.Object = fake; globalThis.Set = class { has() { return true; } add() {} }; globalThis.Map = class { get() { return []; } set() {} };
  const res = await fetch('https://api.example.com/');
  try { Object.getPrototypeOf; } catch (e) { /* fake */ }
  try { res.constructor.prototype.leak = 1; } catch (e) { /* refused */ }
  try { res.headers.constructor.prototype.get = () => 'hacked'; } catch (e) { /* refused */ }
};`
	second := `exports.onExecutePostLogin = async (event, api) => {
  const res = await fetch('https://api.example.com/');
  api.idToken.setCustomClaim('v', String(Response.prototype.leak) + ' ' + res.headers.get('content-type'));
};`
	_, r2, reused := runTwiceWith(t, first, second, Options{HTTP: testTable})
	if !reused {
		t.Fatal("the runtime was not reused: the test shows nothing")
	}
	if r2.Err != nil || calls(r2) != `[{"method":"idToken.setCustomClaim","args":["v","undefined application/json"]}]` {
		t.Errorf("state reached the next run: %v %s", r2.Err, calls(r2))
	}
}

// runTwiceWith is runTwice with options.
func runTwiceWith(t *testing.T, first, second string, opts Options) (Result, Result, bool) {
	t.Helper()
	engines.Lock()
	engines.free = nil
	engines.Unlock()
	p1, err := Compile("first.js", []byte(first))
	if err != nil {
		t.Fatal(err)
	}
	p2, err := Compile("second.js", []byte(second))
	if err != nil {
		t.Fatal(err)
	}
	opts.Handler, opts.Event, opts.Now, opts.Seed = "onExecutePostLogin", event(), now, 1
	r1 := p1.Run(context.Background(), opts)
	built := enginesBuilt.Load()
	opts.Event = event()
	r2 := p2.Run(context.Background(), opts)
	return r1, r2, enginesBuilt.Load() == built
}

// BenchmarkRunHTTP: one Action run with no request, a fetch, an axios request, and both.
func BenchmarkRunHTTP(b *testing.B) {
	for _, bc := range []struct{ name, body string }{
		{"none", "api.idToken.setCustomClaim('a', 1);"},
		{"fetch", "const r = await fetch('https://risk.example.com/v1/score', { method: 'POST', body: '{}' }); api.idToken.setCustomClaim('a', (await r.json()).score);"},
		{"axios", "const { data } = await require('axios').get('https://api.example.com/v2/users/7?x=1'); api.idToken.setCustomClaim('a', data.id);"},
		{"both", "const r = await fetch('https://risk.example.com/v1/score', { method: 'POST', body: '{}' }); const { data } = await require('axios').get('https://api.example.com/v2/users/7', { params: { x: 1 } }); api.idToken.setCustomClaim('a', (await r.json()).score + data.id);"},
	} {
		b.Run(bc.name, func(b *testing.B) {
			p, err := Compile("action.js", []byte("exports.onExecutePostLogin = async (event, api) => {\n"+bc.body+"\n};"))
			if err != nil {
				b.Fatal(err)
			}
			opts := Options{Handler: "onExecutePostLogin", Event: event(), Now: now, HTTP: testTable}
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if r := p.Run(context.Background(), opts); r.Err != nil || len(r.Calls) != 1 {
					b.Fatal(r.Err, calls(r))
				}
			}
		})
	}
}

// TestURLScheme: the scheme as the fetch and axios scripts read it (what their regular expression
// /^\s*([a-zA-Z][a-zA-Z0-9+.-]*):/ matched before).
func TestURLScheme(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"https://a.example.com/", "https"}, {"  HTTP://a", "http"}, {"\u00a0\ufeffdata:text/plain,x", "data"},
		{"web+x.y-z:1", "web+x.y-z"}, {"1http://a", ""}, {"/relative", ""}, {"no scheme", ""}, {":x", ""}, {"", ""},
	} {
		got, ok := urlScheme(tt.in)
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("urlScheme(%q) = %q, %v; want %q", tt.in, got, ok, tt.want)
		}
	}
}

// TestRequestURL: URLs as a request sends them; the canonical ones are taken as they are.
func TestRequestURL(t *testing.T) {
	for _, tt := range []struct {
		in, want  string
		ok, canon bool
	}{
		{"https://api.example.com/v1/score", "https://api.example.com/v1/score", true, true},
		{"https://allow-list.example.com/v1/countries?code=DE&x=a+b%20c", "https://allow-list.example.com/v1/countries?code=DE&x=a+b%20c", true, false},
		{"https://api.example.com/a!b'(c)*;d=e:f@g,h/%41", "https://api.example.com/a!b'(c)*;d=e:f@g,h/%41", true, true},
		{"https://api.example.com/p?q=[1]&r=a,b", "https://api.example.com/p?q=[1]&r=a,b", true, true},
		{"HTTPS://API.example.com:443/./a/../b?x=\"y\"#frag", "https://api.example.com/b?x=%22y%22", true, false},
		{"https://api.example.com", "https://api.example.com/", true, false},
		{"https://api.example.com/a b", "https://api.example.com/a%20b", true, false},
		{"https://api.example.com/.well-known/x", "https://api.example.com/.well-known/x", true, false},
		{"https://api.example.com/%zz", "", false, false},
		{"ftp://api.example.com/", "", false, false},
		{"not a url", "", false, false},
	} {
		got, ok := requestURL(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("requestURL(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
		if canonicalURL(tt.in) != tt.canon {
			t.Errorf("canonicalURL(%q) = %v, want %v", tt.in, !tt.canon, tt.canon)
		}
	}
}

// FuzzRequestURL: a URL canonicalURL takes as it is, parsing writes the same.
func FuzzRequestURL(f *testing.F) {
	for _, s := range []string{"https://api.example.com/v1/score", "http://a.example.com/x?y=1", "https://a.b/%41?q=%", "https://a.b/c/./d"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !canonicalURL(s) {
			return
		}
		if got, ok := parsedURL(s); !ok || got != s {
			t.Errorf("canonicalURL(%q) is true, but parsing gives %q, %v", s, got, ok)
		}
	})
}
