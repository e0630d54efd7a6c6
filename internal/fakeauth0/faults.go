package fakeauth0

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
)

// FaultKinds are the kinds of Fault that spoil a route's answer.
var FaultKinds = []string{"empty", "null", "null-items", "null-fields", "ignore-page"}

// DefaultIgnorePageTotal is the total an ignore-page fault reports unless told otherwise.
const DefaultIgnorePageTotal = 50000

// listFields are the fields that hold an answer's list.
var listFields = []string{"actions", "bindings", "versions", "triggers"}

// EchoForms returns the forms in which an Echo fault repeats text in its error message: as written,
// JSON-escaped, URL-encoded (query), base64 (standard), and base64 inside Basic credentials.
func EchoForms(text string) []string {
	j, _ := json.Marshal(text)
	return []string{
		text,
		string(j[1 : len(j)-1]),
		url.QueryEscape(text),
		base64.StdEncoding.EncodeToString([]byte(text)),
		base64.StdEncoding.EncodeToString([]byte("fake-client-id:" + text)),
	}
}

// echoMessage is an error message that repeats text in every EchoForms form, each in the context a
// careless API would echo it from.
func echoMessage(text string) string {
	f := EchoForms(text)
	return fmt.Sprintf("Payload validation error: 'Invalid value %s' in body {\"client_secret\":\"%s\"} of https://fake.auth0.test/oauth/token?client_secret=%s&access_token=%s (encoded %s; Authorization: Basic %s)",
		f[0], f[1], f[2], f[2], f[3], f[4])
}

// failWith answers a request with a fault's error.
func failWith(w http.ResponseWriter, f *Fault) {
	for k, v := range f.Header {
		w.Header().Set(k, v)
	}
	status := f.Status
	if status == 0 {
		status = 400
	}
	if f.Echo != "" {
		writeError(w, status, "invalid_body", echoMessage(f.Echo))
		return
	}
	if f.Body != "" {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		fmt.Fprint(w, f.Body)
		return
	}
	code := map[int]string{429: "too_many_requests", 403: "insufficient_scope"}[status]
	msg := map[int]string{429: "Global limit has been reached", 500: "An internal server error occurred", 503: "Service Unavailable", 403: "Insufficient scope, expected any of: update:actions"}[status]
	if msg == "" {
		msg = http.StatusText(status)
	}
	writeError(w, status, code, msg)
}

// spoil writes the route's answer as the fault's kind makes it. Error answers pass unchanged.
func spoil(w http.ResponseWriter, r *http.Request, answer *httptest.ResponseRecorder, f *Fault) {
	for k, v := range answer.Header() {
		w.Header()[k] = v
	}
	for k, v := range f.Header {
		w.Header().Set(k, v)
	}
	w.Header().Del("Content-Length")
	body := answer.Body.Bytes()
	if answer.Code >= 300 {
		w.WriteHeader(answer.Code)
		_, _ = w.Write(body)
		return
	}
	var out []byte
	switch f.Kind {
	case "empty":
	case "null":
		out = []byte("null")
	default:
		var v any
		if json.Unmarshal(body, &v) != nil {
			out = body
			break
		}
		switch f.Kind {
		case "null-items":
			v = nullItems(v)
		case "null-fields":
			nullFields(v, f.Fields)
		case "ignore-page":
			perPage := min(atoiDefault(r.URL.Query().Get("per_page"), 50), 100)
			if perPage <= 0 {
				perPage = 50
			}
			total := f.Total
			if total == 0 {
				total = DefaultIgnorePageTotal
			}
			firstPage(v, perPage, total)
		}
		out, _ = json.Marshal(v)
	}
	w.WriteHeader(answer.Code)
	_, _ = w.Write(out)
}

// nullItems puts a null in the middle of a bare array, or of every array field of an object.
func nullItems(v any) any {
	insert := func(xs []any) []any { return slices.Insert(xs, len(xs)/2, any(nil)) }
	switch x := v.(type) {
	case []any:
		return insert(x)
	case map[string]any:
		for k, f := range x {
			if xs, ok := f.([]any); ok {
				x[k] = insert(xs)
			}
		}
	}
	return v
}

// nullFields sets the fields of an object to null, or those of each item of its list (and, when
// fields are named, those of the list answer itself).
func nullFields(v any, only []string) {
	nullify := func(o any) {
		m, ok := o.(map[string]any)
		if !ok {
			return
		}
		for k := range m {
			if len(only) == 0 || slices.Contains(only, k) {
				m[k] = nil
			}
		}
	}
	switch x := v.(type) {
	case []any:
		for _, item := range x {
			nullify(item)
		}
	case map[string]any:
		for _, lf := range listFields {
			if items, ok := x[lf].([]any); ok {
				for _, item := range items {
					nullify(item)
				}
				if len(only) > 0 {
					nullify(x) // named fields of the list answer itself too, e.g. "actions"
				}
				return
			}
		}
		nullify(x)
	}
}

// firstPage turns the first page of a list answer into what an API that ignores page= answers for
// every page: a full page (padded with filler items), a total, no page number.
func firstPage(v any, perPage, total int) {
	m, ok := v.(map[string]any)
	if !ok {
		return
	}
	for _, lf := range listFields {
		items, ok := m[lf].([]any)
		if !ok {
			continue
		}
		for i := len(items); i < perPage; i++ {
			items = append(items, filler(lf, i))
		}
		m[lf] = items
	}
	delete(m, "page")
	if total < 0 {
		delete(m, "total")
	} else {
		m["total"] = total
	}
}

func filler(list string, i int) map[string]any {
	name := fmt.Sprintf("filler-%03d", i)
	actionID := fmt.Sprintf("act_filler_%03d", i)
	triggers := []any{map[string]any{"id": "post-login", "version": "v3"}}
	switch list {
	case "actions":
		return map[string]any{"id": actionID, "name": name, "code": "exports.onExecutePostLogin = async () => {};\n", "runtime": "node22",
			"dependencies": []any{}, "secrets": []any{}, "supported_triggers": triggers, "status": "built", "all_changes_deployed": true}
	case "bindings":
		return map[string]any{"id": fmt.Sprintf("bnd_filler_%03d", i), "trigger_id": "post-login", "display_name": name,
			"action": map[string]any{"id": actionID, "name": name, "supported_triggers": triggers}}
	}
	return map[string]any{"id": fmt.Sprintf("filler_%03d", i)}
}
