package jsrt

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/dop251/goja"
)

// The request path of node/axios.js, in Go. An Action's axios call used to run some 200 lines of
// JavaScript in goja (copying the defaults into the config, writing the query, parsing the answer,
// building the response), which cost more than the rest of a short Action run. axios.js still
// decides which path a call takes and owns every object an Action can change (the instance, its
// defaults and interceptors); it hands this code a config to send, and this code reads and writes
// that config exactly as the JavaScript it replaces did: the same properties, in the same order,
// each once, so that a getter, a Proxy or a frozen object sees no difference.
// TestHTTPGoMatchesScript runs the same calls through both.

// axiosHost is what node/axios.js gives its Go half when it is built: its defaults as made (BASE),
// its validateStatus, and the functions that make what only JavaScript can (its error classes and
// a Buffer).
type axiosHost struct {
	r            *run
	base         []goja.Value // BASE's keys and values, in order: key, value, key, value …
	accept       goja.Value   // BASE.headers.common.Accept
	objectProto  *goja.Object
	validate     *goja.Object // axios.js's validateStatus
	dateCtor     *goja.Object
	typeError    *goja.Object
	stringify    goja.Callable
	parse        goja.Callable
	encode       goja.Callable   // encodeURIComponent
	steps        int             // loop steps since the engine was built, for tick
	lazy         [4]*goja.Object // the config and request accessors of the usual call's responses: get, set, get, set
	lower, upper goja.Callable   // (s) => s.toLowerCase(), s.toUpperCase(): axios.js's helpers
	js           *goja.Object    // axios.js's helpers: error, canceled, arraybuffer, lower, upper, plus, validate
}

// axiosNative is host.axiosNative(I, BASE, validateStatus, helpers): it returns the Go functions
// axios.js calls, [sendFromBase, fromBase, dispatch, buildURL], and the accessors of lazyResponse
// (axios_config.go) for axios.js to export to the seal.
func (r *run) axiosNative(c goja.FunctionCall) goja.Value {
	vm := r.vm
	in := c.Argument(0).ToObject(vm)
	base := c.Argument(1).ToObject(vm)
	ax := &axiosHost{r: r, validate: c.Argument(2).ToObject(vm), js: c.Argument(3).ToObject(vm)}
	for _, k := range base.Keys() {
		ax.base = append(ax.base, vm.ToValue(k), prop(base, k))
	}
	ax.accept = prop(base, "headers").ToObject(vm).Get("common").ToObject(vm).Get("Accept")
	ax.objectProto = prop(in, "Object").ToObject(vm).Get("prototype").ToObject(vm)
	ax.dateCtor = prop(in, "Date").ToObject(vm)
	ax.typeError = prop(in, "TypeError").ToObject(vm)
	fn := func(name string) goja.Callable {
		f, ok := goja.AssertFunction(prop(in, name))
		if !ok {
			panic(vm.NewTypeError("axios: no intrinsic " + name))
		}
		return f
	}
	ax.stringify, ax.parse, ax.encode = fn("stringify"), fn("parse"), fn("encodeURIComponent")
	ax.lower, _ = goja.AssertFunction(prop(ax.js, "lower"))
	ax.upper, _ = goja.AssertFunction(prop(ax.js, "upper"))
	ax.lazy[0], ax.lazy[1] = ax.lazyAccessor("config")
	ax.lazy[2], ax.lazy[3] = ax.lazyAccessor("request")
	return vm.NewArray(ax.sendFromBase, func(c goja.FunctionCall) goja.Value {
		if len(c.Arguments) == 1 {
			return ax.fromBase(c.Argument(0).ToObject(vm), nil, nil, nil, false).object()
		}
		return ax.fromBase(c.Argument(0).ToObject(vm), c.Argument(1), c.Argument(2), c.Argument(3), false).object()
	}, ax.dispatch, func(c goja.FunctionCall) goja.Value {
		return ax.buildURL(scriptConfig{c.Argument(0).ToObject(vm)})
	}, vm.NewArray(ax.lazy[0], ax.lazy[1], ax.lazy[2], ax.lazy[3]))
}

// sendFromBase(config, method, url, data) is axios.js's usual request, for the module instance
// with untouched defaults and no interceptor: fromBase, then dispatch. Reading config throws out of
// the call, as it did in JavaScript; what dispatch throws rejects the promise.
func (ax *axiosHost) sendFromBase(c goja.FunctionCall) goja.Value {
	vm := ax.r.vm
	out := ax.fromBase(c.Argument(0).ToObject(vm), c.Argument(1), c.Argument(2), c.Argument(3), true)
	var p goja.Value
	if ex := vm.Try(func() { p = ax.request(out) }); ex != nil {
		return ax.r.rejectedWith(ex.Value())
	}
	return p
}

// fromBase is the config of a request whose config has no headers of its own, sent by the module
// instance with untouched defaults: BASE merged with config, with method, url and data, and BASE's
// headers flattened (the same for every method); then method, url and data, unless method is nil.
// lazy keeps it as entries (lazyConfig) unless a key would change its prototype.
func (ax *axiosHost) fromBase(config *goja.Object, method, u, data goja.Value, lazy bool) axiosConfig {
	vm := ax.r.vm
	keys := config.Keys()
	var out axiosConfig
	// A config of many keys is made at once: lazyConfig looks its keys up one by one.
	if lazy && len(keys) <= maxLazyKeys && !slices.Contains(keys, "__proto__") {
		out = &lazyConfig{vm: vm, keys: make([]string, 0, len(ax.base)/2+len(keys)+3), vals: make([]goja.Value, 0, len(ax.base)/2+len(keys)+3)}
	} else {
		out = scriptConfig{vm.NewObject()}
	}
	for i := 0; i < len(ax.base); i += 2 {
		k, v := ax.base[i].String(), ax.base[i+1]
		if k == "headers" {
			h := vm.NewObject()
			must(h.Set("Accept", ax.accept))
			v = h
		}
		out.set(k, v)
	}
	for _, k := range keys {
		ax.tick()
		if v := prop(config, k); k != "headers" && !goja.IsUndefined(v) {
			out.set(k, v)
		}
	}
	if method == nil {
		return out
	}
	out.set("method", method)
	out.set("url", u)
	if !goja.IsUndefined(data) {
		out.set("data", data)
	}
	return out
}

// dispatch is axios.js's dispatch(config): it sends one request (synchronously, as axios's http
// adapter starts it) and returns a promise of the response, or one that rejects as axios does.
// What it throws (a getter, a toString, JSON.stringify, validateStatus) the caller turns into a
// rejection.
func (ax *axiosHost) dispatch(c goja.FunctionCall) goja.Value {
	return ax.request(scriptConfig{c.Argument(0).ToObject(ax.r.vm)})
}

func (ax *axiosHost) request(config axiosConfig) goja.Value {
	r := ax.r
	vm := r.vm
	if signal := config.get("signal"); signal.ToBoolean() && prop(signal.ToObject(vm), "aborted").ToBoolean() {
		return r.rejectedWith(ax.call("canceled", config.object()))
	}
	if token := config.get("cancelToken"); token.ToBoolean() {
		if reason := prop(token.ToObject(vm), "reason"); reason.ToBoolean() {
			return r.rejectedWith(reason)
		}
	}
	m := config.get("method")
	if !m.ToBoolean() {
		m = vm.ToValue("get")
	}
	method := changeCase(vm, jsString(vm, m), strings.ToLower, ax.lower)
	config.set("method", method)
	headers, ok := config.get("headers").(*goja.Object)
	if !ok || !ax.plain(headers) {
		headers = vm.NewObject()
	}
	config.set("data", ax.body(config.get("data"), headers))
	config.set("headers", headers)
	full := ax.buildURL(config)
	scheme, ok := urlScheme(full.String())
	if !ok {
		return r.rejectedWith(ax.call("error", vm.ToValue("Invalid URL"), vm.ToValue("ERR_INVALID_URL"), config.object()))
	}
	protocol := scheme + ":"
	if protocol != "http:" && protocol != "https:" {
		return r.rejectedWith(ax.call("error", vm.ToValue("Unsupported protocol "+protocol), vm.ToValue("ERR_BAD_REQUEST"), config.object()))
	}
	var a answer
	if ex := vm.Try(func() { a, ok = r.answer("axios", method, full) }); ex != nil {
		if e := ex.Value(); vm.InstanceOf(e, ax.typeError) && strings.HasPrefix(prop(e.ToObject(vm), "message").String(), "Failed to parse URL") {
			return r.rejectedWith(ax.call("error", vm.ToValue("Invalid URL"), vm.ToValue("ERR_INVALID_URL"), config.object()))
		}
		return r.rejectedWith(ex.Value())
	} else if !ok {
		return goja.Undefined() // the run is interrupted
	}
	rest := a.href[len(protocol)+2:]
	slash := strings.IndexByte(rest, '/')
	if slash < 0 {
		slash = len(rest) // requestURL always writes a path
	}
	upper := changeCase(vm, method, strings.ToUpper, ax.upper).String()
	host, path := rest[:slash], rest[slash:]
	data := goja.Value(vm.ToValue(""))
	if method.String() != "head" && a.body != nil {
		var ex *goja.Exception
		if ex = vm.Try(func() { data = ax.responseData(string(a.body), config) }); ex != nil {
			return r.rejectedWith(ex.Value())
		}
	}
	status := vm.ToValue(a.status)
	response := vm.NewObject()
	must(response.Set("data", data))
	must(response.Set("status", status))
	must(response.Set("statusText", http.StatusText(a.status)))
	must(response.Set("headers", ax.responseHeaders(a.header)))
	var request *goja.Object
	if lc, ok := config.(*lazyConfig); ok && lc.obj == nil {
		// The usual call: config and request are made when first read.
		if r.lazyResponses == nil {
			r.lazyResponses = map[*goja.Object]*lazyResponse{}
		}
		l := &lazyResponse{config: config, method: upper, protocol: protocol, host: host, path: path}
		r.lazyResponses[response] = l
		must(response.DefineAccessorProperty("config", ax.lazy[0], ax.lazy[1], goja.FLAG_TRUE, goja.FLAG_TRUE))
		must(response.DefineAccessorProperty("request", ax.lazy[2], ax.lazy[3], goja.FLAG_TRUE, goja.FLAG_TRUE))
	} else {
		request = axiosRequest(vm, upper, protocol, host, path)
		must(response.Set("config", config.object()))
		must(response.Set("request", request))
	}
	validate := config.get("validateStatus")
	if a.status == 0 || !validate.ToBoolean() || ax.valid(validate, status) {
		return r.resolvedWith(response)
	}
	code := goja.Undefined()
	if a.status >= 400 && a.status < 500 {
		code = vm.ToValue("ERR_BAD_REQUEST")
	} else if a.status >= 500 {
		code = vm.ToValue("ERR_BAD_RESPONSE")
	}
	msg := vm.ToValue("Request failed with status code " + strconv.Itoa(a.status))
	if request == nil {
		request = r.lazyResponses[response].value(vm, "request").(*goja.Object)
	}
	return r.rejectedWith(ax.call("error", msg, code, config.object(), request, response))
}

// valid is config.validateStatus(status), without a call for axios's own.
func (ax *axiosHost) valid(validate, status goja.Value) bool {
	if validate == ax.validate {
		s := status.ToInteger()
		return s >= 200 && s < 300
	}
	if f, ok := goja.AssertFunction(validate); ok {
		v, err := f(goja.Undefined(), status)
		must(err)
		return v.ToBoolean()
	}
	return ax.call("validate", validate, status).ToBoolean() // throws the TypeError the script threw
}

// call calls one of axios.js's helpers.
func (ax *axiosHost) call(name string, args ...goja.Value) goja.Value {
	f, _ := goja.AssertFunction(prop(ax.js, name))
	v, err := f(goja.Undefined(), args...)
	must(err)
	return v
}

// plain is axios.js's isPlainObject for an object: not a function, and its prototype is
// Object.prototype or null.
func (ax *axiosHost) plain(o *goja.Object) bool {
	if _, isFn := goja.AssertFunction(o); isFn {
		return false
	}
	p := o.Prototype()
	return p == nil || p == ax.objectProto
}

// searchParams is axios.js's isSearchParams: a URLSearchParams, told by its methods.
func (ax *axiosHost) searchParams(v goja.Value) bool {
	o, ok := v.(*goja.Object)
	if !ok || ax.plain(o) {
		return false
	}
	if _, isFn := goja.AssertFunction(o); isFn {
		return false
	}
	for _, m := range []string{"append", "getAll", "toString"} {
		if _, ok := goja.AssertFunction(prop(o, m)); !ok {
			return false
		}
	}
	return true
}

// body is the request data as axios sends it (objects as JSON), setting its content type in
// headers (an object of axios's own, which has no content type yet when it does).
func (ax *axiosHost) body(data goja.Value, headers *goja.Object) goja.Value {
	vm := ax.r.vm
	o, ok := data.(*goja.Object)
	if !ok {
		return data
	}
	if ax.searchParams(o) {
		if !hasHeader(headers, "content-type") {
			must(headers.Set("Content-Type", "application/x-www-form-urlencoded;charset=utf-8"))
		}
		return vm.ToValue(jsString(vm, o))
	}
	if cls := ax.r.classOf(o); cls == "ArrayBuffer" || cls == "TypedArray" {
		return data
	}
	if _, isFn := goja.AssertFunction(o); isFn {
		return data
	}
	if !hasHeader(headers, "content-type") {
		must(headers.Set("Content-Type", "application/json"))
	}
	v, err := ax.stringify(goja.Undefined(), data)
	must(err)
	return v
}

func hasHeader(h *goja.Object, name string) bool {
	for _, k := range h.Keys() { // an object the script made (flatHeaders), or axios's own
		if strings.ToLower(k) == name {
			return true
		}
	}
	return false
}

// buildURL is the URL axios requests: baseURL joined to url unless url is absolute, then the
// params' query.
func (ax *axiosHost) buildURL(config axiosConfig) goja.String {
	vm := ax.r.vm
	var u string
	if v := config.get("url"); !goja.IsUndefined(v) && !goja.IsNull(v) {
		u = jsString(vm, v).String()
	}
	if base := config.get("baseURL"); base.ToBoolean() && (config.get("allowAbsoluteUrls").StrictEquals(vm.ToValue(false)) || !isAbsoluteURL(u)) {
		b := jsString(vm, base).String()
		if u != "" {
			b = strings.TrimSuffix(b, "/")
			b = strings.TrimSuffix(b, "/")
			u = b + "/" + strings.TrimLeft(u, "/")
		} else {
			u = b
		}
	}
	// As the script did, params is read again for the serializer.
	if config.get("params").ToBoolean() {
		var query goja.Value
		ser := config.get("paramsSerializer")
		if f, ok := goja.AssertFunction(ser); ok {
			v, err := f(goja.Undefined(), config.get("params"))
			must(err)
			query = v
		} else if so, ok := ser.(*goja.Object); ok {
			if f, ok := goja.AssertFunction(prop(so, "serialize")); ok {
				v, err := f(so, config.get("params"))
				must(err)
				query = v
			}
		}
		if query == nil {
			query = vm.ToValue(ax.serializeParams(config.get("params")))
		}
		if query.ToBoolean() {
			if hash := strings.IndexByte(u, '#'); hash >= 0 {
				u = u[:hash]
			}
			sep := "&"
			if !strings.Contains(u, "?") {
				sep = "?"
			}
			if _, ok := query.(*goja.Object); ok {
				// u + query converts an object with valueOf first, as String() does not.
				return ax.call("plus", vm.ToValue(u+sep), query).(goja.String)
			}
			u += sep + jsString(vm, query).String()
		}
	}
	return vm.ToValue(u).(goja.String)
}

// isAbsoluteURL is axios's /^([a-z][a-z\d+\-.]*:)?\/\//i.
func isAbsoluteURL(u string) bool {
	if strings.HasPrefix(u, "//") {
		return true
	}
	for i := 0; i < len(u); i++ {
		c := u[i] | 0x20
		switch {
		case c >= 'a' && c <= 'z':
		case i > 0 && (u[i] >= '0' && u[i] <= '9' || u[i] == '+' || u[i] == '-' || u[i] == '.'):
		case i > 0 && u[i] == ':':
			return strings.HasPrefix(u[i+1:], "//")
		default:
			return false
		}
	}
	return false
}

// serializeParams writes params as axios does: arrays as key[]=, dates as ISO, objects as key[k]=.
func (ax *axiosHost) serializeParams(params goja.Value) string {
	vm := ax.r.vm
	if ax.searchParams(params) {
		return jsString(vm, params).String()
	}
	o := params.ToObject(vm)
	var b strings.Builder
	for _, k := range o.Keys() {
		ax.addParam(&b, k, prop(o, k), 1)
	}
	return b.String()
}

// addParam writes one param, or the params of an array or an object, depth levels down. Params
// that nest deeper than MaxNesting (a cycle, say) or a query longer than MaxString throw a
// RangeError, where the script ran out of call stack or string; every step checks that the run
// was not stopped, as the script's loops were interrupted.
func (ax *axiosHost) addParam(b *strings.Builder, key string, v goja.Value, depth int) {
	ax.tick()
	if goja.IsUndefined(v) || goja.IsNull(v) {
		return
	}
	vm := ax.r.vm
	if o, ok := v.(*goja.Object); ok {
		if depth > MaxNesting && (ax.r.isArray(o) || ax.plain(o)) {
			panic(ax.r.g.limit("axios params", "params nest deeper than mfactl's limit of %d", MaxNesting))
		}
		if ax.r.isArray(o) {
			// The script read the length at every step.
			for i := int64(0); i < toLength(prop(o, "length")); i++ {
				ax.addParam(b, key+"[]", prop(o, strconv.FormatInt(i, 10)), depth+1)
			}
			return
		}
		if ax.plain(o) {
			for _, k := range o.Keys() {
				ax.addParam(b, key+"["+k+"]", prop(o, k), depth+1)
			}
			return
		}
		if vm.InstanceOf(v, ax.dateCtor) {
			f, ok := goja.AssertFunction(prop(o, "toISOString"))
			if !ok {
				panic(vm.NewTypeError("v.toISOString is not a function"))
			}
			iso, err := f(v)
			must(err)
			v = iso
		}
	}
	if b.Len() > 0 {
		b.WriteByte('&')
	}
	b.WriteString(ax.encodeParam(vm.ToValue(key)))
	b.WriteByte('=')
	b.WriteString(ax.encodeParam(v))
	if b.Len() > MaxString {
		panic(ax.r.g.tooLongString("axios params"))
	}
}

// tick is one step of a loop over what an Action gave: every 256 steps it checks that the run was
// not stopped (timeout, memory), as the script's loops were interrupted.
func (ax *axiosHost) tick() {
	ax.steps++
	if ax.steps&255 == 0 && ax.r.halted() {
		panic(ax.r.vm.NewGoError(errHalted))
	}
}

// encodeParam is encodeURIComponent with : $ , [ ] kept and spaces as +, as axios writes params.
func (ax *axiosHost) encodeParam(v goja.Value) string {
	e, err := ax.encode(goja.Undefined(), v)
	must(err)
	s := e.String()
	if !strings.Contains(s, "%") {
		return s
	}
	return keptInParams.Replace(s)
}

// keptInParams puts back what axios's params keep of encodeURIComponent's escapes. Its escapes are
// upper case, so the replacer need not fold case.
var keptInParams = strings.NewReplacer("%3A", ":", "%24", "$", "%2C", ",", "%20", "+", "%5B", "[", "%5D", "]")

// responseHeaders is the answer's headers as axios gives them: lower-case names, repeated values
// joined with ", ", set-cookie as a list.
func (ax *axiosHost) responseHeaders(hs [][2]string) *goja.Object {
	vm := ax.r.vm
	out := vm.NewObject()
	var cookies []any
	for _, h := range hs {
		name, value := h[0], h[1]
		if name == "set-cookie" {
			cookies = append(cookies, value)
			must(out.Set(name, vm.NewArray(cookies...)))
			continue
		}
		if prev := prop(out, name); prev != nil && !goja.IsUndefined(prev) {
			value = prev.String() + ", " + value
		}
		must(out.Set(name, value))
	}
	return out
}

// responseData is the response's data for its body text: parsed as JSON unless the config asks for
// text or bytes, and the text itself when it is not JSON (unless transitional.silentJSONParsing is
// false).
func (ax *axiosHost) responseData(text string, config axiosConfig) goja.Value {
	vm := ax.r.vm
	typ := config.get("responseType")
	if s, ok := typ.(goja.String); ok {
		switch s.String() {
		case "arraybuffer":
			return ax.call("arraybuffer", vm.ToValue(text))
		case "text", "document":
			return vm.ToValue(text)
		}
	}
	if text == "" {
		return vm.ToValue(text)
	}
	var v goja.Value
	ex := vm.Try(func() {
		var err error
		v, err = ax.parse(goja.Undefined(), vm.ToValue(text))
		must(err)
	})
	if ex == nil {
		return v
	}
	t := config.get("transitional") // read before the type is looked at, as the script did
	if s, ok := typ.(goja.String); ok && s.String() == "json" {
		if t.ToBoolean() && prop(t.ToObject(vm), "silentJSONParsing").StrictEquals(vm.ToValue(false)) {
			msg := ex.Value().ToObject(vm).Get("message")
			panic(ax.call("error", msg, vm.ToValue("ERR_BAD_RESPONSE"), config.object()))
		}
	}
	return vm.ToValue(text)
}

// changeCase is s.toUpperCase() or s.toLowerCase(): in Go (goCase) for ASCII, where the two agree,
// and by the script's function otherwise, which follows Unicode's special casing ('ß' is "SS").
func changeCase(vm *goja.Runtime, s goja.String, goCase func(string) string, script goja.Callable) goja.String {
	if str := s.String(); isASCII(str) {
		return vm.ToValue(goCase(str)).(goja.String)
	}
	v, err := script(goja.Undefined(), s)
	must(err)
	return v.(goja.String)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// jsString is JavaScript's String(v): a symbol gives its description, anything else ToString.
func jsString(vm *goja.Runtime, v goja.Value) goja.String {
	if s, ok := v.(*goja.Symbol); ok {
		return vm.ToValue("Symbol(" + s.String() + ")").(goja.String)
	}
	return toStr(vm, v)
}

// must throws err, a JavaScript exception from a property set or a call, into the script.
func must(err error) {
	if err != nil {
		panic(err)
	}
}

// resolvedWith is Promise.resolve(v) for a value that is not a promise.
func (r *run) resolvedWith(v goja.Value) goja.Value {
	p, resolve, _ := r.vm.NewPromise()
	must(resolve(v))
	return r.vm.ToValue(p)
}

// rejectedWith is Promise.reject(e).
func (r *run) rejectedWith(e goja.Value) goja.Value {
	p, _, reject := r.vm.NewPromise()
	must(reject(e))
	return r.vm.ToValue(p)
}

// prop is o[name]: undefined, not Go's nil, for a property o does not have.
func prop(o *goja.Object, name string) goja.Value {
	if v := o.Get(name); v != nil {
		return v
	}
	return goja.Undefined()
}
