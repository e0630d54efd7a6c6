package simulate

import (
	"fmt"
	"sort"
	"strings"

	"go.yaml.in/yaml/v4"

	"github.com/mfactl/mfactl/config"
)

// The types Auth0 documents for the post-login event's fields: the post-login event reference and
// PostLoginV3Event in auth0/auth0-actions src/post-login/v3/index.d.ts (actions-semantics.md §1). A
// scenario's event:, user: and the file's defaults: are checked against them when the file is loaded,
// so `acr_values: "x"` is an error at its line instead of an Action that crashes on `.includes`.
// Fields not listed here are not checked: Auth0 allows additional user attributes, and an object
// whose values are free (app_metadata, request.query …) has no elem.

type kind int

const (
	kAny    kind = iota
	kString      // YAML timestamps count: they reach the event as ISO strings
	kNumber
	kBool
	kScalar // a string, number or boolean
	kObject
	kList
)

// field is the documented type of one event field.
type field struct {
	kind kind
	// opt: Auth0 may leave the field out. A scenario may set it to null to remove it from the event; a
	// field Auth0 always sends cannot be null.
	opt bool
	// fields are an object's documented sub-fields; elem is the type of a list's items, or of the
	// values of an object whose keys are free (secrets, client.metadata).
	fields map[string]*field
	elem   *field
	// example shows the shape in messages, such as "{type: otp}".
	example string
	// values are the strings a field may hold (with "" when emptyOK); nil: any.
	values  []string
	emptyOK bool
	// strict: a key an object does not list is an error. Otherwise only a near miss of a listed key
	// is (enrolledFactor, emailVerified, app_metdata): Auth0 allows other keys.
	strict bool
}

type fields = map[string]*field

func str() *field                 { return &field{kind: kString} }
func num() *field                 { return &field{kind: kNumber} }
func boolean() *field             { return &field{kind: kBool} }
func object(fs fields) *field     { return &field{kind: kObject, fields: fs} }
func valuesOf(elem *field) *field { return &field{kind: kObject, elem: elem} }
func list(elem *field) *field     { return &field{kind: kList, elem: elem} }
func freeObject() *field          { return &field{kind: kObject} }

// optional marks f as a field Auth0 may leave out.
func optional(f *field) *field { f.opt = true; return f }

func (f *field) like(example string) *field { f.example = example; return f }

// oneOf is a string field that holds one of values.
func oneOf(values ...string) *field { return &field{kind: kString, values: values} }

// orEmpty lets a oneOf field be "" too.
func (f *field) orEmpty() *field { f.emptyOK = true; return f }

// strictObject is an object whose keys are all listed.
func strictObject(fs fields) *field { return &field{kind: kObject, fields: fs, strict: true} }

func geoip() *field {
	return object(fields{
		"cityName": optional(str()), "continentCode": optional(str()), "countryCode": optional(str()),
		"countryCode3": optional(str()), "countryName": optional(str()), "latitude": optional(num()),
		"longitude": optional(num()), "subdivisionCode": optional(str()), "subdivisionName": optional(str()),
		"timeZone": optional(str()),
	})
}

func device() *field {
	return optional(object(fields{
		"initial_asn": optional(str()), "initial_ip": optional(str()), "initial_user_agent": optional(str()),
		"last_asn": optional(str()), "last_ip": optional(str()), "last_user_agent": optional(str()),
	}))
}

// eventType is the post-login event. Its top-level keys are all documented (strict); inside, Auth0
// may add fields, so only near misses of the documented ones are refused.
var eventType = strictObject(fields{
	"agent": optional(object(fields{"agent_id": str(), "name": str(), "agent_metadata": optional(freeObject())})),
	"authentication": optional(object(fields{
		"methods": list(object(fields{"name": str(), "timestamp": str(), "type": optional(str())}).like("{name: pwd, timestamp: '2026-01-01T09:00:00.000Z'}")),
		"riskAssessment": optional(object(fields{
			"confidence": str(), "version": str(), "assessments": freeObject(), "supplemental": optional(freeObject()),
		})),
	})),
	"authorization": optional(object(fields{"roles": list(str())})),
	"client": object(fields{
		"client_id": str(), "name": str(), "metadata": valuesOf(str()),
		"refresh_token": optional(object(fields{"policies": optional(list(object(fields{
			"audience": optional(str()), "scope": optional(list(str())),
		})))})),
	}),
	"configuration": freeObject(),
	"connection": object(fields{
		"id": str(), "name": str(), "strategy": str(), "metadata": optional(valuesOf(str())),
	}),
	"custom_domain": optional(object(fields{"domain": str(), "domain_metadata": valuesOf(str())})),
	"organization": optional(object(fields{
		"id": str(), "name": str(), "display_name": str(), "metadata": valuesOf(str()),
	})),
	"prompt": optional(object(fields{"id": str(), "fields": optional(freeObject()), "vars": optional(freeObject())})),
	"refresh_token": optional(object(fields{
		"id": str(), "client_id": optional(str()), "created_at": str(), "device": device(),
		"expires_at": optional(str()), "idle_expires_at": optional(str()), "last_exchanged_at": optional(str()),
		"metadata": optional(freeObject()), "rotating": optional(boolean()), "session_id": optional(str()),
		"user_id": optional(str()), "session_transfer": optional(freeObject()),
		"resource_servers": optional(list(object(fields{"audience": str(), "scopes": str()}))),
	})),
	"request": object(fields{
		"asn": optional(str()), "body": freeObject(), "geoip": geoip(), "hostname": optional(str()),
		"ip": str(), "language": optional(str()), "method": str(), "query": freeObject(),
		"user_agent": optional(str()),
	}),
	"resource_server":  optional(object(fields{"identifier": str()})),
	"secrets":          valuesOf(str()),
	"security_context": optional(object(fields{"ja3": optional(str()), "ja4": optional(str())})),
	"session": optional(object(fields{
		"id": str(), "actor": optional(freeObject()), "authenticated_at": optional(str()),
		"clients": optional(list(object(fields{"client_id": str()}))),
		"cookie":  optional(object(fields{"mode": str()})), "created_at": optional(str()), "device": device(),
		"expires_at": optional(str()), "idle_expires_at": optional(str()), "last_interacted_at": optional(str()),
		"metadata": optional(freeObject()), "session_transfer": optional(freeObject()),
		"updated_at": optional(str()), "user_id": optional(str()),
	})),
	"session_transfer_token": optional(object(fields{
		"client_id": str(), "scope": list(str()),
		"request": object(fields{"ip": str(), "asn": optional(str()), "user_agent": optional(str()), "geoip": optional(geoip())}),
	})),
	"stats":  object(fields{"logins_count": num()}),
	"tenant": object(fields{"id": str()}),
	"transaction": optional(object(fields{
		"id": optional(str()), "acr_values": optional(list(str())), "linking_id": optional(str()),
		"locale": optional(str()), "login_hint": optional(str()), "prompt": optional(list(str())),
		"protocol": optional(str()), "redirect_uri": optional(str()),
		"requested_authorization_details": optional(list(object(fields{"type": str()}))),
		"requested_scopes":                optional(list(str())), "response_mode": optional(str()),
		"response_type": optional(list(str())), "state": optional(str()), "ui_locales": optional(list(str())),
		"actor": optional(freeObject()), "actor_token_type": optional(str()), "correlation_id": optional(str()),
		"subject_token_type": optional(str()),
		"metadata":           valuesOf(&field{kind: kScalar}),
	})),
	"user": object(fields{
		"app_metadata": freeObject(), "user_metadata": freeObject(), "created_at": str(), "updated_at": str(),
		"email": optional(str()), "email_verified": boolean(), "family_name": optional(str()),
		"given_name": optional(str()), "last_password_reset": optional(str()), "name": optional(str()),
		"nickname": optional(str()), "phone_number": optional(str()), "phone_verified": optional(boolean()),
		"picture": optional(str()), "user_id": str(), "username": optional(str()),
		"enrolledFactors": optional(list(object(fields{"type": str(), "options": optional(freeObject())}).like("{type: otp}"))),
		"multifactor":     optional(list(str())),
		"identities": list(object(fields{
			"connection": optional(str()), "isSocial": optional(boolean()), "profileData": optional(freeObject()),
			"provider": optional(str()), "user_id": optional(str()),
		}).like("{connection: Username-Password-Authentication, provider: auth0, user_id: '1'}")),
	}),
})

// describe says what a value of type f is, for messages.
func (f *field) describe() string {
	switch f.kind {
	case kString:
		return "a string"
	case kNumber:
		return "a number"
	case kBool:
		return "true or false"
	case kScalar:
		return "a string, number or boolean"
	case kObject:
		if f.example != "" {
			return "a mapping such as " + f.example
		}
		return "a mapping"
	case kList:
		switch f.elem.kind {
		case kString:
			return "a list of strings"
		case kObject:
			if f.elem.example != "" {
				return "a list of mappings such as [" + f.elem.example + "]"
			}
			return "a list of mappings"
		}
		return "a list"
	}
	return "a value"
}

// accepts says whether the YAML node n has type f (not looking inside).
func (f *field) accepts(n *yaml.Node) bool {
	switch f.kind {
	case kObject:
		return n.Kind == yaml.MappingNode
	case kList:
		return n.Kind == yaml.SequenceNode
	case kAny:
		return true
	}
	if n.Kind != yaml.ScalarNode {
		return false
	}
	switch n.ShortTag() {
	case "!!str", "!!timestamp":
		return f.kind == kString || f.kind == kScalar
	case "!!int", "!!float":
		return f.kind == kNumber || f.kind == kScalar
	case "!!bool":
		return f.kind == kBool || f.kind == kScalar
	}
	return false
}

// given says what n is, for messages.
func given(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		v := n.Value
		if r := []rune(v); len(r) > 40 {
			v = string(r[:40]) + "…"
		}
		switch n.ShortTag() {
		case "!!str":
			return fmt.Sprintf("the string %q", v)
		case "!!int", "!!float":
			return "the number " + v
		case "!!bool":
			return v
		case "!!null":
			return "null"
		case "!!timestamp":
			return "the time " + v
		}
		return fmt.Sprintf("%q", v)
	}
	return "an alias"
}

// checkEvent reports each field under n (the event, or a part of it at path) whose type Auth0
// documents and that has another type, at the field's position.
func (l *loader) checkEvent(n *yaml.Node, path string, f *field) {
	if n.Kind == yaml.AliasNode {
		// An alias is checked for its kind only: following aliases into their content could take
		// exponential time on a hostile file.
		if n.Alias != nil && n.Alias.ShortTag() != "!!null" && !f.accepts(n.Alias) {
			l.errorf(n, "%s must be %s, not %s", path, f.describe(), given(n.Alias))
		}
		return
	}
	if n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null" {
		if !f.opt && f.kind != kAny {
			l.errorf(n, "%s must be %s, not null: Auth0 always sends it", path, f.describe())
		}
		return
	}
	if !f.accepts(n) {
		hint := ""
		if f.kind == kString && n.Kind == yaml.ScalarNode {
			hint = fmt.Sprintf(" (quote it: '%s')", n.Value)
		}
		l.errorf(n, "%s must be %s, not %s%s", path, f.describe(), given(n), hint)
		return
	}
	switch f.kind {
	case kString:
		if f.values != nil && n.Kind == yaml.ScalarNode && !contains(f.values, n.Value) && !(f.emptyOK && n.Value == "") {
			l.errorf(n, "%s must be one of %s, not %s%s", path, strings.Join(f.values, ", "), given(n), valueHint(n.Value, f.values))
		}
	case kObject:
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if k.ShortTag() == "!!merge" {
				continue
			}
			if sub, ok := f.fields[k.Value]; ok {
				l.checkEvent(v, path+"."+k.Value, sub)
			} else if f.elem != nil {
				l.checkEvent(v, path+"."+k.Value, f.elem)
			} else if len(f.fields) > 0 {
				l.unknownKey(k, path, f)
			}
		}
	case kList:
		for i, item := range n.Content {
			l.checkEvent(item, fmt.Sprintf("%s[%d]", path, i), f.elem)
		}
	}
}

// unknownKey reports a key that the object f at path does not list: always when f is strict, else
// when it is a near miss of a listed key.
func (l *loader) unknownKey(k *yaml.Node, path string, f *field) {
	names := make([]string, 0, len(f.fields))
	for name := range f.fields {
		names = append(names, name)
	}
	sort.Strings(names)
	if f.strict {
		l.errorf(k, "unknown key %q in %s; expected one of %s%s", k.Value, path, strings.Join(names, ", "), config.Suggest(k.Value, names))
		return
	}
	if near := nearMiss(k.Value, names); near != "" {
		l.errorf(k, "unknown key %q in %s; did you mean %q? (%s may hold keys Auth0 does not document, but not one this close to a documented one)", k.Value, path, near, path)
	}
}

// nearMiss returns the documented name that key is most likely a misspelling of, or "": the same
// name but for case, _ and - (emailVerified, enrolled_factors), or one edit away for names of 8
// letters or more, two for 12 or more (enrolledFactor, app_metdata). Shorter names must match but for
// case, _ and -: emails (GitHub's) or nicknames are real attributes, not typos.
func nearMiss(key string, names []string) string {
	norm := func(s string) string {
		return strings.NewReplacer("_", "", "-", "").Replace(strings.ToLower(s))
	}
	best, bestD := "", 3
	for _, name := range names {
		a, b := norm(key), norm(name)
		d := config.Distance(a, b)
		n := min(len(a), len(b))
		limit := 0
		switch {
		case n >= 12:
			limit = 2
		case n >= 8:
			limit = 1
		}
		if d <= limit && d < bestD {
			best, bestD = name, d
		}
	}
	return best
}

// valueHint is a did-you-mean for a value that is not one of values.
func valueHint(v string, values []string) string {
	switch {
	case v == "push" && contains(values, "push-notification") && !contains(values, "push"):
		return "; the result names it push-notification"
	case (v == "passed" || v == "pass" || v == "ok") && contains(values, Success):
		return "; outcome is how the login ended (success for a login that went through), not whether the test passed"
	case v == "sms" && contains(values, "phone"):
		return `; the factor is phone ("sms" is its name in guardianFactors)`
	}
	return config.Suggest(v, values)
}

// pruneNulls removes from e the optional fields a scenario set to null, so the Action sees them
// undefined as when Auth0 leaves them out.
func pruneNulls(e map[string]any, f *field) {
	for k, v := range e {
		sub, ok := f.fields[k]
		if !ok {
			continue
		}
		if v == nil && sub.opt {
			delete(e, k)
			continue
		}
		if m, ok := v.(map[string]any); ok && sub.kind == kObject {
			pruneNulls(m, sub)
		}
	}
}
