package simulate

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v4"

	"github.com/mfactl/mfactl/config"
	"github.com/mfactl/mfactl/jsrt"
	"github.com/mfactl/mfactl/source"
)

// Outbound HTTP from Actions is answered from the http: stubs of the scenarios file (product.md §1.2,
// docs/simulation.md "Testing Actions that call other services"): a scenario's entries, then the
// defaults', the first that matches answers. Every answered request is in the result; one that none
// answers stops the scenario with a scenario error that prints the entry to paste.

// Stub is one http: entry.
type Stub struct {
	// Method is upper case, or "" for any method.
	Method string
	// URL is the URL to match exactly, or the prefix (without its *) when Prefix.
	URL    string
	Prefix bool
	Status int
	// Headers are the answer's headers, lower-case names in file order, content-type included when
	// there is a body.
	Headers [][2]string
	// Body is the answer's body (JSON text or text); nil for none.
	Body []byte
	Span source.Span
}

// Request is one outbound request an Action made and the status it got; its JSON is part of the
// result.
type Request struct {
	Method string `json:"method"`
	URL    string `json:"url"`
	Status int    `json:"status"`
	Action string `json:"action"`
	// Via is the client: fetch, axios or node-fetch (shown in the trace).
	Via string `json:"-"`
}

var stubKeys = []string{"body", "headers", "method", "status", "url"}

// httpMethods are the methods a stub can name.
var httpMethods = []string{"DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"}

// defaultsHTTP takes the http: stubs out of defaults: (they are not part of the event) and returns
// the defaults without them.
func (l *loader) defaultsHTTP(n *yaml.Node) *yaml.Node {
	if n.Kind != yaml.MappingNode {
		return n
	}
	out := *n
	out.Content = nil
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == "http" {
			l.f.HTTP = l.httpStubs(n.Content[i+1], "defaults.http")
			continue
		}
		out.Content = append(out.Content, n.Content[i], n.Content[i+1])
	}
	return &out
}

// httpStubs reads an http: list.
func (l *loader) httpStubs(n *yaml.Node, what string) []Stub {
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		l.errorf(n, "%s must be a list of {method, url, status, headers, body}", what)
		return nil
	}
	var out []Stub
	for _, item := range n.Content {
		if s, ok := l.stub(item, what); ok {
			out = append(out, s)
		}
	}
	return out
}

// stub reads one http: entry, reporting each mistake at its position.
func (l *loader) stub(n *yaml.Node, what string) (Stub, bool) {
	s := Stub{Status: 200, Span: l.span(n)}
	if n.Kind != yaml.MappingNode {
		l.errorf(n, "%s entry must be a mapping such as {method: POST, url: https://api.example.com/v1/x, body: {ok: true}}", entryOf(what))
		return s, false
	}
	before := len(l.errs)
	hasURL, contentType := false, ""
	var bodyNode *yaml.Node
	for _, p := range l.pairs(n, stubKeys, entryOf(what)+" entry") {
		k, v := p[0], p[1]
		switch k.Value {
		case "method":
			m := strings.ToUpper(v.Value)
			if v.Kind != yaml.ScalarNode || !contains(httpMethods, m) {
				l.errorf(v, "method %q is not an HTTP method mfactl answers; expected one of %s%s", v.Value, strings.Join(httpMethods, ", "), config.Suggest(m, httpMethods))
				continue
			}
			s.Method = m
		case "url":
			hasURL = true
			s.URL, s.Prefix = l.stubURL(v)
		case "status":
			if v.Kind != yaml.ScalarNode || v.Tag != "!!int" {
				l.errorf(v, "status must be a number such as 200, not %s", describe(v))
				continue
			}
			code, err := strconv.Atoi(v.Value)
			if err != nil || code < 200 || code > 599 {
				l.errorf(v, "status %s is not a status mfactl answers with: use 200 to 599", v.Value)
				continue
			}
			s.Status = code
		case "headers":
			s.Headers, contentType = l.stubHeaders(v)
		case "body":
			bodyNode = v
		}
	}
	if !hasURL {
		l.errorf(n, "%s entry needs url: (the URL the Action requests, or a prefix ending in *)", entryOf(what))
	}
	if bodyNode != nil {
		body, kind := l.stubBody(bodyNode)
		if body != nil {
			s.Body = body
			if contentType == "" {
				s.Headers = append(s.Headers, [2]string{"content-type", kind})
			}
		}
	}
	return s, len(l.errs) == before
}

// describe names what a YAML node holds, for messages.
func describe(v *yaml.Node) string {
	switch v.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	}
	return strconv.Quote(v.Value)
}

// stubURL checks an entry's url: absolute http(s), a * only at the end (a prefix). An exact URL is
// written as the request's: scheme and host in lower case, no default port, at least "/" as path.
func (l *loader) stubURL(v *yaml.Node) (string, bool) {
	raw := v.Value
	bad := func(why string) (string, bool) {
		l.errorf(v, "url %q %s", raw, why)
		return "", false
	}
	if v.Kind != yaml.ScalarNode || v.Tag != "!!str" {
		return bad("must be an absolute http: or https: URL such as https://api.example.com/v1/score")
	}
	text, prefix := strings.CutSuffix(raw, "*")
	if strings.Contains(text, "*") {
		return bad("has a * before its end; a * may only end the URL, to match every URL that starts with the rest")
	}
	for _, r := range text {
		if r <= ' ' || r == 0x7f {
			return bad("contains a space or a control character; write it percent-encoded (%20) as the request sends it")
		}
	}
	lower := strings.ToLower(text)
	if !strings.HasPrefix(lower, "http://") && !strings.HasPrefix(lower, "https://") {
		return bad("is not an absolute http: or https: URL (such as https://api.example.com/v1/score)")
	}
	if strings.Contains(text, "#") {
		return bad("has a fragment (#…), which a request never sends; remove it")
	}
	if prefix {
		scheme, rest, _ := strings.Cut(text, "://")
		host, path, hasPath := strings.Cut(rest, "/")
		if host == "" {
			return bad("must name at least the host before its *")
		}
		out := strings.ToLower(scheme) + "://" + strings.ToLower(host)
		if hasPath {
			out += "/" + path
		}
		return out, true
	}
	u, err := url.Parse(text)
	if err != nil || u.Host == "" || u.Opaque != "" {
		return bad("is not an absolute http: or https: URL (such as https://api.example.com/v1/score)")
	}
	u.Scheme, u.Host = strings.ToLower(u.Scheme), strings.ToLower(u.Host)
	if port := u.Port(); (u.Scheme == "https" && port == "443") || (u.Scheme == "http" && port == "80") {
		u.Host = u.Hostname()
	}
	// Keep the path and query as written, only completing an empty path.
	_, rest, _ := strings.Cut(text, "://")
	_, pathAndQuery, hasPath := strings.Cut(rest, "/")
	out := u.Scheme + "://" + u.Host + "/"
	if hasPath {
		out += pathAndQuery
	} else if i := strings.IndexByte(rest, '?'); i >= 0 {
		out += rest[i:]
	}
	return out, false
}

// stubHeaders reads an entry's headers: a mapping of header names to text (numbers and booleans
// are written as text). It returns them with lower-case names, and the content type if given.
func (l *loader) stubHeaders(v *yaml.Node) ([][2]string, string) {
	if v.Kind != yaml.MappingNode {
		l.errorf(v, "headers must be a mapping of header names to text, such as {x-request-id: abc}")
		return nil, ""
	}
	var out [][2]string
	contentType := ""
	for _, p := range l.pairs(v, nil, "headers") {
		name, value := strings.ToLower(p[0].Value), p[1]
		if !validToken(name) {
			l.errorf(p[0], "header name %q is not a valid HTTP header name", p[0].Value)
			continue
		}
		if value.Kind != yaml.ScalarNode || value.Tag == "!!null" || (value.Tag != "!!str" && value.Tag != "!!int" && value.Tag != "!!float" && value.Tag != "!!bool") {
			l.errorf(value, "header %s must be text, not %s", p[0].Value, describe(value))
			continue
		}
		if strings.ContainsAny(value.Value, "\r\n\x00") {
			l.errorf(value, "header %s cannot contain a line break or a NUL character", p[0].Value)
			continue
		}
		if name == "content-type" {
			contentType = value.Value
		}
		out = append(out, [2]string{name, strings.TrimSpace(value.Value)})
	}
	return out, contentType
}

func validToken(s string) bool {
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

// stubBody reads an entry's body: a mapping or list is sent as JSON, text as text/plain; numbers and
// booleans are JSON too; null is no body. Anything else (a tag such as !!binary) is refused.
func (l *loader) stubBody(v *yaml.Node) ([]byte, string) {
	n := v
	for n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	var data []byte
	kind := "application/json"
	switch {
	case !strings.HasPrefix(n.Tag, "!!"):
		l.errorf(v, "body must be text (sent as text/plain) or YAML data, a mapping or a list (sent as JSON), not a value tagged %s", n.Tag)
		return nil, ""
	case n.Kind == yaml.ScalarNode && n.Tag == "!!null":
		return nil, ""
	case n.Kind == yaml.ScalarNode && (n.Tag == "!!str" || n.Tag == "!!timestamp"):
		data, kind = []byte(n.Value), "text/plain"
	case n.Kind == yaml.ScalarNode && (n.Tag == "!!int" || n.Tag == "!!float" || n.Tag == "!!bool"),
		n.Kind == yaml.MappingNode, n.Kind == yaml.SequenceNode:
		before := len(l.errs)
		value := l.value(n, "body")
		if len(l.errs) > before {
			return nil, ""
		}
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(value); err != nil {
			l.errorf(v, "body cannot be sent as JSON: %v", err)
			return nil, ""
		}
		data = bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
	default:
		l.errorf(v, "body must be text (sent as text/plain) or YAML data, a mapping or a list (sent as JSON), not a value tagged %s", n.Tag)
		return nil, ""
	}
	if len(data) > jsrt.MaxHTTPBody {
		l.errorf(v, "body is %d bytes; mfactl answers with at most %d", len(data), jsrt.MaxHTTPBody)
		return nil, ""
	}
	return data, kind
}

// matches reports whether the stub answers req.
func (s *Stub) matches(req jsrt.HTTPRequest) bool {
	if s.Method != "" && !strings.EqualFold(s.Method, req.Method) {
		return false
	}
	if s.Prefix {
		return strings.HasPrefix(req.URL, s.URL)
	}
	return req.URL == s.URL
}

// answer finds the first stub that answers req: the scenario's, then the defaults'.
func answer(req jsrt.HTTPRequest, lists ...[]Stub) (jsrt.HTTPResponse, bool) {
	for _, list := range lists {
		for i := range list {
			if s := &list[i]; s.matches(req) {
				return jsrt.HTTPResponse{Status: s.Status, Headers: s.Headers, Body: s.Body}, true
			}
		}
	}
	return jsrt.HTTPResponse{}, false
}

// httpHandler answers the Actions' requests from the scenario's and the defaults' stubs. It only
// reads them: it runs on the engine's goroutine.
func (l *login) httpHandler() jsrt.HTTPHandler {
	own, defaults := l.sc.HTTP, l.s.File.HTTP
	return func(req jsrt.HTTPRequest) (jsrt.HTTPResponse, bool) { return answer(req, own, defaults) }
}

// actionSteps tells an Action run's story in the order it happened: the Action, then its api calls,
// the requests it made and its console lines, interleaved as they were recorded.
func (l *login) actionSteps(idx int, run ActionRun, reqs []jsrt.Request, consoleAt []jsrt.Position) {
	first := len(l.res.Requests)
	for _, r := range reqs {
		l.res.Requests = append(l.res.Requests, Request{Method: r.Method, URL: r.URL, Status: r.Status, Action: run.Name, Via: r.Via})
	}
	l.step("action", idx, 0, "")
	calls, next, lines := 0, 0, 0
	for calls < len(run.Calls) || next < len(reqs) || lines < len(run.Console) {
		switch {
		case lines < len(run.Console) && (lines >= len(consoleAt) || consoleAt[lines].Calls <= calls && consoleAt[lines].Requests <= next):
			// Written before the next call and the next request (or where is unknown: last).
			if lines >= len(consoleAt) && (calls < len(run.Calls) || next < len(reqs)) {
				break
			}
			l.step("console", idx, lines, "")
			lines++
			continue
		}
		switch {
		case next < len(reqs) && (reqs[next].Calls <= calls || calls >= len(run.Calls)):
			l.step("request", first+next, 0, "")
			next++
		case calls < len(run.Calls):
			l.step("call", idx, calls, "")
			calls++
		default:
			// Only console lines with no position are left.
			l.step("console", idx, lines, "")
			lines++
		}
	}
}

// unanswered stops the scenario at a request no stub answers: a scenario error, with the entry to
// paste into the scenarios file.
func (l *login) unanswered(req *jsrt.Request) {
	first := fmt.Sprintf("no http: stub answers %s %s; add to the scenario (or defaults):", req.Method, req.URL)
	entry := []string{"http:", fmt.Sprintf("  - {method: %s, url: %s, status: 200, body: {}}", req.Method, yamlScalar(req.URL))}
	l.res.ScenarioError = true
	l.res.Outcome = Failed
	l.res.Error = first + "\n  " + strings.Join(entry, "\n  ")
	l.step("note", 0, 0, "scenario error: "+first)
	for _, line := range entry {
		l.step("snippet", 0, 0, line)
	}
	l.done = true
}

// yamlScalar writes s as a YAML flow scalar: plain when it can be, else double-quoted.
func yamlScalar(s string) string {
	plain := s != "" && strings.IndexByte("!&*|>'\"%@`-?:#", s[0]) < 0
	for i := 0; i < len(s) && plain; i++ {
		c := s[i]
		plain = c > ' ' && c < 0x7f && strings.IndexByte(`,[]{}`, c) < 0
	}
	if plain {
		return s
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s)
	return strings.TrimSuffix(buf.String(), "\n")
}

// entryOf is what with its article: "an http", "a defaults.http".
func entryOf(what string) string {
	if strings.HasPrefix(what, "http") {
		return "an " + what
	}
	return "a " + what
}
