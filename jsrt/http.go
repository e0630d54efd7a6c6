package jsrt

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"unicode"

	"github.com/dop251/goja"
)

// Outbound HTTP: the global fetch, the built-in axios and node-fetch modules (node/fetch.js,
// node/axios.js) ask Options.HTTP, the caller's table of answers, instead of the network. Nothing
// here opens a connection: a request is a method and a URL handed to a Go function, and the
// answer is data. Every request answered is recorded (Result.Requests); a request nothing answers
// stops the run (an interrupt, which the Action cannot catch) with Error.Unanswered set, so that the
// caller reports a mistake in its table rather than an Action failure.

// HTTPRequest is one request an Action made.
type HTTPRequest struct {
	// Via is the client that made it: fetch, axios or node-fetch.
	Via string
	// Method is upper case; URL is absolute http(s), without a fragment.
	Method string
	URL    string
}

// HTTPResponse answers a request. Headers are lower-case names with their values, in order.
type HTTPResponse struct {
	Status  int
	Headers [][2]string
	Body    []byte
}

// HTTPHandler answers a request, or reports false when it has no answer for it.
type HTTPHandler func(HTTPRequest) (HTTPResponse, bool)

// Request is one request a run made and the status it got.
type Request struct {
	Via    string
	Method string
	URL    string
	Status int
	// Calls is how many api calls the run had made before it: where it goes in the story.
	Calls int
}

// Limits on outbound requests (docs/simulation.md, "Limits on Action code").
const (
	// MaxRequests bounds the requests of one run.
	MaxRequests = 1000
	// MaxRequestURL bounds the length of a request's URL, in UTF-16 code units.
	MaxRequestURL = 8192
	// MaxHTTPBody bounds the body of an answer.
	MaxHTTPBody = 1 << 20
	// maxMethod bounds the length of a request's method.
	maxMethod = 32
)

// httpPackage builds one of the npm packages mfactl answers itself when the scenarios file mocks none
// of them (their real versions need Node's http module, which an Action does not get); nil for
// another name.
func httpPackage(name string) func(r *run) goja.Value {
	switch name {
	case "axios":
		return func(r *run) goja.Value { return r.callExport("axios", "make") }
	case "node-fetch":
		return func(r *run) goja.Value { return r.callExport("fetch", "makeNodeFetch") }
	}
	return nil
}

// httpPackageFor is the built-in axios or node-fetch for a require of name from the file from, or
// nil. The Action gets one only when its dependencies declare it (or are not known), as Auth0
// installs only those; a package that requires it always gets it, before any installed copy.
func (r *run) httpPackageFor(name, from string) func(r *run) goja.Value {
	build := httpPackage(name)
	if build == nil || strings.HasPrefix(from, virtualRoot) || r.opts.Dependencies == nil {
		return build
	}
	for _, d := range r.opts.Dependencies {
		if d == name {
			return build
		}
	}
	return nil
}

// HTTPPackages lists the npm packages answered from Options.HTTP when not mocked.
func HTTPPackages() []string { return []string{"axios", "node-fetch"} }

// isToken reports whether s is an HTTP token (RFC 9110), as a method must be.
func isToken(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c <= ' ' || c >= 0x7f || strings.IndexByte(`"(),/:;<=>?@[\]{}`, c) >= 0 {
			return false
		}
	}
	return true
}

// answerHeaders is where the header names and values start in host.http's answer.
const answerHeaders = 4

// answer is what a request got: its status, the answer's body (nil for none), the URL as sent and the
// answer's headers.
type answer struct {
	status int
	body   []byte
	href   string
	header [][2]string
}

// httpRequest is host.http(via, method, url): it answers one request from Options.HTTP and returns
// [status, statusText, body (text or null), url, name, value, name, value …] to node/fetch.js or
// node/axios.js.
func (r *run) httpRequest(c goja.FunctionCall) goja.Value {
	a, ok := r.answer(c.Argument(0).String(), c.Argument(1), c.Argument(2))
	if !ok {
		return goja.Undefined()
	}
	return r.answerList(a)
}

// answerList is host.http's answer as the scripts read it. One flat list: an array costs a goja
// object and a property map, and a request used to take three or more.
func (r *run) answerList(a answer) *goja.Object {
	list := make([]any, answerHeaders, answerHeaders+2*len(a.header))
	list[0], list[1], list[2], list[3] = a.status, http.StatusText(a.status), goja.Null(), a.href
	if a.body != nil {
		list[2] = string(a.body)
	}
	for _, h := range a.header {
		list = append(list, h[0], h[1])
	}
	return r.vm.NewArray(list...)
}

// answer answers one request of the client via from Options.HTTP, and records it. A method or URL
// that a request cannot have throws the TypeError fetch and axios throw; a request over the limits
// throws a RangeError. A request nothing answers interrupts the run (Error.Unanswered) and reports
// false: the caller returns at once.
func (r *run) answer(via string, methodArg, urlArg goja.Value) (answer, bool) {
	vm := r.vm
	m := r.g.str(methodArg)
	if m.Length() > maxMethod || !isToken(m.String()) {
		panic(vm.NewTypeError(fmt.Sprintf("'%s' is not a valid HTTP method.", clip(m, maxMethod))))
	}
	method := strings.ToUpper(m.String())
	if method == "CONNECT" || method == "TRACE" || method == "TRACK" {
		panic(vm.NewTypeError(fmt.Sprintf("'%s' HTTP method is unsupported.", method)))
	}
	u := r.g.str(urlArg)
	if u.Length() > MaxRequestURL {
		panic(r.rangeErrorf("a request URL of %d characters exceeds mfactl's limit of %d", u.Length(), MaxRequestURL))
	}
	href, ok := requestURL(u.String())
	if !ok {
		panic(vm.NewTypeError("Failed to parse URL from " + clip(u, 200)))
	}
	req := HTTPRequest{Via: via, Method: method, URL: href}
	r.mu.Lock()
	n := len(r.requests)
	r.mu.Unlock()
	if n >= MaxRequests {
		panic(r.rangeErrorf("too many HTTP requests for mfactl to answer: more than %d in one run", MaxRequests))
	}
	var res HTTPResponse
	ok = false
	if r.opts.HTTP != nil {
		res, ok = r.opts.HTTP(req)
	}
	if !ok {
		e := &Error{Class: "action_error", Offset: -1,
			Message:    fmt.Sprintf("no answer for %s %s", req.Method, req.URL),
			Unanswered: &Request{Via: via, Method: req.Method, URL: req.URL}}
		for _, f := range vm.CaptureCallStack(0, nil) {
			if f.SrcName() == r.p.Name {
				pos := f.Position()
				e.Offset = r.offset(pos.Line, pos.Column)
				break
			}
		}
		// An interrupt, not an exception: the Action cannot catch it and go on as if answered.
		r.broken = true
		vm.Interrupt(e)
		return answer{}, false
	}
	if len(res.Body) > MaxHTTPBody {
		panic(r.rangeErrorf("the answer to %s %s has a body of %d bytes, over mfactl's limit of %d", req.Method, req.URL, len(res.Body), MaxHTTPBody))
	}
	r.mu.Lock()
	if !r.abandoned {
		r.requests = append(r.requests, Request{Via: via, Method: req.Method, URL: req.URL, Status: res.Status, Calls: len(r.calls)})
	}
	r.mu.Unlock()
	return answer{status: res.Status, body: res.Body, href: href, header: res.Headers}, true
}

// urlScheme is the scheme a URL starts with (after leading spaces), in lower case, as the fetch
// and axios scripts read it before asking for an answer; false when it has none.
func urlScheme(s string) (string, bool) {
	s = strings.TrimLeftFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == '\ufeff' })
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
		case i > 0 && (c >= '0' && c <= '9' || c == '+' || c == '.' || c == '-'):
		case i > 0 && c == ':':
			return strings.ToLower(s[:i]), true
		default:
			return "", false
		}
	}
	return "", false
}

// urlControls removes the tabs and line breaks a URL parser ignores.
var urlControls = strings.NewReplacer("\t", "", "\n", "", "\r", "")

// requestURL is an absolute http(s) URL as a request sends it, as the URL standard (and so Node's
// fetch) writes it: surrounding spaces and inner tabs and line breaks removed, scheme and host in
// lower case, no default port, dot segments resolved, "/" for an empty path, spaces, quotes, < and >
// percent-encoded, and no fragment (which is never sent). It reports false for anything else.
func requestURL(s string) (string, bool) {
	if canonicalURL(s) {
		return s, true
	}
	return parsedURL(s)
}

// canonicalURL reports whether s is already written as requestURL writes it, which most request
// URLs are (https://host/path?query, in lower case, with nothing to escape): parsing one cost more
// than the rest of a request. It is conservative: anything it is unsure of gets parsed.
// FuzzRequestURL checks it against parsedURL.
func canonicalURL(s string) bool {
	rest, ok := strings.CutPrefix(s, "https://")
	if !ok {
		if rest, ok = strings.CutPrefix(s, "http://"); !ok {
			return false
		}
	}
	slash := strings.IndexByte(rest, '/')
	if slash <= 0 {
		return false
	}
	for i := 0; i < slash; i++ {
		if c := rest[i]; !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '-') {
			return false
		}
	}
	path, query, hasQuery := strings.Cut(rest[slash:], "?")
	if strings.Contains(path, "/.") {
		return false
	}
	for i := 0; i < len(path); i++ {
		switch c := path[i]; {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		case strings.IndexByte("-._~!$&'()*+,;=:@/", c) >= 0:
		case c == '%' && i+2 < len(path) && isHex(path[i+1]) && isHex(path[i+2]):
		default:
			return false
		}
	}
	if hasQuery {
		for i := 0; i < len(query); i++ {
			if c := query[i]; c <= ' ' || c >= 0x7f || strings.IndexByte("\"<>'#%", c) >= 0 {
				return false
			}
		}
	}
	return true
}

func isHex(c byte) bool { return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' }

// parsedURL is requestURL by parsing s.
func parsedURL(s string) (string, bool) {
	s = strings.TrimFunc(s, func(r rune) bool { return r <= ' ' })
	if strings.ContainsAny(s, "\t\n\r") {
		s = urlControls.Replace(s)
	}
	s, _, _ = strings.Cut(s, "#")
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.Opaque != "" {
		return "", false
	}
	host := strings.ToLower(u.Host)
	if port := u.Port(); (u.Scheme == "https" && port == "443") || (u.Scheme == "http" && port == "80") {
		host = strings.ToLower(u.Hostname())
		if strings.Contains(host, ":") {
			host = "[" + host + "]"
		}
	}
	if strings.Contains(u.Path, "/.") {
		ref := &url.URL{Path: u.Path}
		u.Path, u.RawPath = u.ResolveReference(ref).Path, ""
	}
	path := u.EscapedPath()
	if path == "" {
		path = "/"
	}
	var b strings.Builder
	b.WriteString(u.Scheme + "://")
	if u.User != nil {
		b.WriteString(u.User.String() + "@")
	}
	b.WriteString(host)
	b.WriteString(path)
	if u.RawQuery != "" || u.ForceQuery {
		b.WriteByte('?')
		for i := 0; i < len(u.RawQuery); i++ {
			c := u.RawQuery[i]
			if c <= ' ' || c >= 0x7f || c == '"' || c == '<' || c == '>' || c == '\'' {
				fmt.Fprintf(&b, "%%%02X", c)
			} else {
				b.WriteByte(c)
			}
		}
	}
	return b.String(), true
}

// sharedScripts are the node/*.js that a sealed engine builds once and seals like the built-ins,
// instead of once per run: the web classes (Headers, Request, Response, AbortController …), fetch
// and axios's implementation. Building them costs more than a whole short Action run, and an
// Action that makes a request needs all three. What a run may change is made per run from them:
// node-fetch's function and axios's instance (with its defaults and interceptors).
var sharedScripts = map[string]bool{"web": true, "fetch": true, "axios": true}

// sharedScript returns node/<name>.js built for this engine, sealed on first use.
func (r *run) sharedScript(name string) goja.Value {
	if v, ok := r.shared[name]; ok {
		return v
	}
	r.takeLateIntrinsics()
	fn, err := r.vm.RunProgram(r.program(name))
	if err != nil {
		panic(err)
	}
	f, _ := goja.AssertFunction(fn)
	v, err := f(goja.Undefined(), r.scriptHost(), r.intrinsics, goja.Undefined())
	if err != nil {
		panic(err)
	}
	// Sealed as the built-ins are (seal.js), with the sealing function taken before any Action ran
	// and walking only what is not sealed yet: what one run does to them cannot reach the next.
	holder := r.vm.NewObject()
	_ = holder.Set("exports", v)
	if _, err := r.seal(goja.Undefined(), holder, r.vm.NewArray(r.lazyProto, r.intrinsics, r.vm.GlobalObject()), r.vm.ToValue(r.overridable), r.sealedSet); err != nil {
		panic(err)
	}
	if r.shared == nil {
		r.shared = map[string]goja.Value{}
	}
	r.shared[name] = v
	return v
}

// callExport calls the function name of node/<script>.js's exports, for this run's module.exports.
func (r *run) callExport(script, name string) goja.Value {
	fn, _ := goja.AssertFunction(r.script(script).ToObject(r.vm).Get(name))
	v, err := fn(goja.Undefined())
	if err != nil {
		panic(err)
	}
	return v
}
