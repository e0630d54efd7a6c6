package jsrt

import (
	"strings"

	"github.com/dop251/goja"
)

// The usual fetch in Go: fetch(url, init) with a string URL, which node/fetch.js's send used to
// answer in JavaScript. It reads init exactly as the script does (method, body and signal, each
// once, in that order) and makes the Response the script's answered made. Any other input (a
// Request, a URL object) still takes the script's path. TestHTTPGoMatchesScript runs the same
// calls through both.

// fetchHost is what node/fetch.js gives its Go half when it is built.
type fetchHost struct {
	r                           *run
	responseProto, headersProto *goja.Object
	kAnswer, kBody, kUsed       *goja.Symbol
	errorCtor                   *goja.Object
	send                        goja.Callable // the script's send(via, input, init)
	upper                       goja.Callable // (s) => s.toUpperCase()
}

// fetchNative is host.fetchNative(I, web's internals, send, upper): it returns [fetch, send], the
// global fetch and the Go send(via, input, init) that node-fetch calls. The global is a Go function
// itself: a script function in between cost an arguments object on every call.
func (r *run) fetchNative(c goja.FunctionCall) goja.Value {
	vm := r.vm
	in := c.Argument(0).ToObject(vm)
	web := c.Argument(1).ToObject(vm)
	sym := func(name string) *goja.Symbol {
		s, ok := prop(web, name).(*goja.Symbol)
		if !ok {
			panic(vm.NewTypeError("fetch: no symbol " + name))
		}
		return s
	}
	f := &fetchHost{r: r,
		responseProto: prop(web, "responseProto").ToObject(vm), headersProto: prop(web, "headersProto").ToObject(vm),
		kAnswer: sym("kAnswer"), kBody: sym("kBody"), kUsed: sym("kUsed"),
		errorCtor: prop(in, "Error").ToObject(vm)}
	var ok bool
	if f.send, ok = goja.AssertFunction(c.Argument(2)); !ok {
		panic(vm.NewTypeError("fetch: send is not a function"))
	}
	if f.upper, ok = goja.AssertFunction(c.Argument(3)); !ok {
		panic(vm.NewTypeError("fetch: upper is not a function"))
	}
	fetch := vm.ToValue(func(c goja.FunctionCall) goja.Value {
		if len(c.Arguments) == 0 {
			return r.rejectedWith(vm.NewTypeError("Failed to execute 'fetch' on 'Window': 1 argument required, but only 0 present."))
		}
		return f.fetch("fetch", c.Argument(0), c.Argument(1))
	}).(*goja.Object)
	must(fetch.DefineDataProperty("name", vm.ToValue("fetch"), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE))
	must(fetch.DefineDataProperty("length", vm.ToValue(2), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE))
	send := func(c goja.FunctionCall) goja.Value {
		return f.fetch(c.Argument(0).String(), c.Argument(1), c.Argument(2))
	}
	return vm.NewArray(fetch, send)
}

// standardMethods are the methods fetch writes in upper case whatever case they are given in.
var standardMethods = map[string]bool{"DELETE": true, "GET": true, "HEAD": true, "OPTIONS": true, "POST": true, "PUT": true}

// fetch is send(via, input, init) for a string input and an init that is an object or nothing;
// the script's send for anything else.
func (f *fetchHost) fetch(via string, input, init goja.Value) goja.Value {
	r := f.r
	vm := r.vm
	href, isString := input.(goja.String)
	o, isObject := init.(*goja.Object)
	if !isString || !(isObject || goja.IsUndefined(init) || goja.IsNull(init)) {
		v, err := f.send(goja.Undefined(), vm.ToValue(via), input, init)
		must(err)
		return v
	}
	method := "GET"
	var signal goja.Value = goja.Undefined()
	if isObject {
		var reason goja.Value
		ex := vm.Try(func() {
			m := prop(o, "method")
			if !goja.IsUndefined(m) {
				ms := jsString(vm, m)
				method = ms.String()
				if up := changeCase(vm, ms, strings.ToUpper, f.upper).String(); standardMethods[up] {
					method = up
				}
			}
			body := prop(o, "body")
			if !goja.IsUndefined(body) && !goja.IsNull(body) && (method == "GET" || method == "HEAD") {
				panic(vm.NewTypeError("Request with GET/HEAD method cannot have body."))
			}
			signal = prop(o, "signal")
			if signal.ToBoolean() && prop(signal.ToObject(vm), "aborted").ToBoolean() {
				reason = prop(signal.ToObject(vm), "reason")
			}
		})
		if ex != nil {
			return r.rejectedWith(ex.Value())
		}
		if reason != nil {
			return r.rejectedWith(reason)
		}
	}
	scheme, ok := urlScheme(href.String())
	if !ok {
		return r.rejectedWith(vm.NewTypeError("Failed to parse URL from " + href.String()))
	}
	if scheme != "http" && scheme != "https" {
		err := vm.NewTypeError("fetch failed")
		cause, e := vm.New(f.errorCtor, vm.ToValue("mfactl answers only http: and https: requests, not "+scheme+":"))
		must(e)
		must(err.DefineDataProperty("cause", cause, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE))
		return r.rejectedWith(err)
	}
	var a answer
	if ex := vm.Try(func() { a, ok = r.answer(via, vm.ToValue(method), href) }); ex != nil {
		return r.rejectedWith(ex.Value())
	} else if !ok {
		return goja.Undefined() // the run is interrupted
	}
	return r.resolvedWith(f.response(method, a))
}

// response is the Response fetch resolves with: web.js's answered, which its constructor would make
// of a text body and the answer's headers, without its checks and conversions. Its headers keep
// host.http's flat list (web.js's mapOf makes their map when first read).
func (f *fetchHost) response(method string, a answer) *goja.Object {
	vm := f.r.vm
	list := f.r.answerList(a)
	text := prop(list, "1")
	body := prop(list, "2")
	headers := vm.CreateObject(f.headersProto)
	must(headers.SetSymbol(f.kAnswer, list))
	res := vm.CreateObject(f.responseProto)
	define := func(name string, v any, configurable goja.Flag) {
		must(res.DefineDataProperty(name, vm.ToValue(v), goja.FLAG_FALSE, configurable, goja.FLAG_TRUE))
	}
	define("status", a.status, goja.FLAG_FALSE)
	define("statusText", text, goja.FLAG_FALSE)
	define("ok", a.status >= 200 && a.status < 300, goja.FLAG_FALSE)
	define("headers", headers, goja.FLAG_FALSE)
	define("type", "basic", goja.FLAG_TRUE)
	define("url", a.href, goja.FLAG_TRUE)
	define("redirected", false, goja.FLAG_FALSE)
	if method == "HEAD" || nullBodyStatus(a.status) {
		body = goja.Null()
	}
	must(res.SetSymbol(f.kBody, body))
	must(res.SetSymbol(f.kUsed, false))
	return res
}

// nullBodyStatus: a response with this status has no body.
func nullBodyStatus(status int) bool {
	return status == 101 || status == 204 || status == 205 || status == 304
}

// bodyJSON is host.bodyJSON(kBody, kUsed, parse, json): it returns the json() of Request and
// Response, which reads a body that is text or nothing in Go, as web.js's json (which it calls for
// anything else) reads it: used, then the body; marked used unless there is none; parsed by parse
// (the guarded JSON.parse); a promise of the value, or one that rejects with what was thrown.
func (r *run) bodyJSON(c goja.FunctionCall) goja.Value {
	vm := r.vm
	kBody, ok1 := c.Argument(0).(*goja.Symbol)
	kUsed, ok2 := c.Argument(1).(*goja.Symbol)
	parse, ok3 := goja.AssertFunction(c.Argument(2))
	script, ok4 := goja.AssertFunction(c.Argument(3))
	if !ok1 || !ok2 || !ok3 || !ok4 {
		panic(vm.NewTypeError("bodyJSON: bad arguments"))
	}
	json := vm.ToValue(func(c goja.FunctionCall) goja.Value {
		// A Proxy's reads run its traps: the script reads it, as before.
		o, ok := c.This.(*goja.Object)
		if !ok || o.ExportType() == proxyType {
			v, err := script(c.This)
			must(err)
			return v
		}
		var v goja.Value
		if ex := vm.Try(func() {
			if truthy(o.GetSymbol(kUsed)) {
				panic(vm.NewTypeError("Body is unusable: Body has already been read"))
			}
			body := o.GetSymbol(kBody)
			text, isText := body.(goja.String)
			if !isText && (body == nil || !goja.IsNull(body)) {
				v = nil // bytes, or no body at all: the script's
				return
			}
			if isText {
				must(o.SetSymbol(kUsed, true))
			} else {
				text = vm.ToValue("").(goja.String)
			}
			var err error
			v, err = parse(goja.Undefined(), text)
			must(err)
			v = r.resolvedWith(v)
		}); ex != nil {
			return r.rejectedWith(ex.Value())
		}
		if v == nil {
			v, err := script(c.This)
			must(err)
			return v
		}
		return v
	}).(*goja.Object)
	must(json.DefineDataProperty("name", vm.ToValue("json"), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE))
	must(json.DefineDataProperty("length", vm.ToValue(0), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE))
	return json
}
