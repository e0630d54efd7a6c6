package simulate

import (
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"go.yaml.in/yaml/v4"

	"github.com/mfactl/mfactl/config"
	"github.com/mfactl/mfactl/findings"
	"github.com/mfactl/mfactl/jsrt"
	"github.com/mfactl/mfactl/source"
)

// DefaultNow is the simulated clock's start when the scenarios file gives none.
var DefaultNow = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// File is a scenarios file.
type File struct {
	Path string
	// Source is the file's text, for error snippets.
	Source *source.File
	// Now is the simulated clock's start.
	Now time.Time
	// Defaults are deep-merged under every scenario's event.
	Defaults map[string]any
	// Modules are the mocks require may load.
	Modules map[string]jsrt.Mock
	// HTTP are the defaults' http: stubs, tried after a scenario's own (http.go).
	HTTP      []Stub
	Scenarios []*Scenario
	// NodeModules is the node_modules: folder, relative to the folder of the file, as written;
	// NodeModulesSpan is where (see ResolveNodeModules).
	NodeModules     string
	NodeModulesSpan source.Span
	// Explore is the explore: section (explorefile.go); nil when the file has none.
	Explore *Explore
}

// Scenario is one sample login.
type Scenario struct {
	Name string
	Span source.Span
	// User is merged over the default user; Roles becomes event.authorization.roles.
	User     map[string]any
	Roles    []string
	HasRoles bool
	// Event is merged over the defaults and the default event.
	Event map[string]any
	// WebAuthn says whether the user's browser supports WebAuthn (default true).
	WebAuthn bool
	Answers  []Answer
	// Continue is what comes back to /continue after a redirect: {query, body}.
	Continue map[string]any
	// RememberedBrowser skips policy MFA that allows remembering the browser.
	RememberedBrowser bool
	// Expect is the subset of the JSON result the scenario expects; nil without expectations.
	Expect     map[string]any
	ExpectSpan source.Span
	Exact      bool
	expectAt   *expectPos
	// HTTP are the scenario's http: stubs, tried before the defaults' (http.go).
	HTTP []Stub
}

// Answer is what the user does at one prompt: an MFA prompt (Factor, Result, Method) or a form that
// api.prompt.render showed (Form, the fields the user submits).
type Answer struct {
	Factor string
	Result string
	Method string
	Form   map[string]any
	IsForm bool
	Span   source.Span
}

// LoadError lists the problems of a scenarios file, with positions.
type LoadError struct {
	Findings []findings.Finding
	Source   *source.File
}

func (e *LoadError) Error() string {
	msgs := make([]string, len(e.Findings))
	for i, f := range e.Findings {
		msgs[i] = f.Error()
	}
	return strings.Join(msgs, "\n")
}

// Load reads a scenarios file. A file that cannot be read returns a plain error; one that can be read
// but is not a valid scenarios file returns a *LoadError with every problem found. The file (and any
// link on the way to it) must stay inside the folder of path.
func Load(path string) (*File, error) {
	dir, name := source.SplitContained(path)
	return LoadIn(dir, name, path)
}

// LoadIn reads the scenarios file name inside the folder dir (see source.ReadContained); display is
// its name in messages.
func LoadIn(dir, name, display string) (*File, error) {
	data, err := source.ReadContained(dir, name, config.MaxTenantSize, true)
	if err != nil {
		if errors.Is(err, source.ErrTooLarge) {
			err = fmt.Errorf("file is larger than %d MB; mfactl reads scenarios files of up to %d MB", config.MaxTenantSize>>20, config.MaxTenantSize>>20)
		}
		return nil, fmt.Errorf("could not read %q: %v", display, err)
	}
	return Parse(filepath.ToSlash(display), data)
}

// Parse reads a scenarios file from data.
func Parse(path string, data []byte) (*File, error) {
	l := &loader{f: &File{Path: path, Source: source.NewFile(path, data), Now: DefaultNow}}
	l.parse(data)
	if len(l.errs) > 0 {
		return nil, &LoadError{Findings: findings.Sort(l.errs), Source: l.f.Source}
	}
	return l.f, nil
}

type loader struct {
	f    *File
	errs []findings.Finding
}

func (l *loader) errorf(n *yaml.Node, format string, args ...any) {
	l.errs = append(l.errs, findings.New(l.span(n), findings.Error, "scenarios", format, args...))
}

func (l *loader) span(n *yaml.Node) source.Span {
	if n == nil || n.Line == 0 {
		return l.f.Source.WholeFile()
	}
	length := 1
	if n.Kind == yaml.ScalarNode {
		length = max(1, len([]rune(strings.SplitN(n.Value, "\n", 2)[0])))
		if n.Style&(yaml.SingleQuotedStyle|yaml.DoubleQuotedStyle) != 0 {
			length += 2
		}
	}
	return l.f.Source.SpanAt(n.Line, n.Column, length)
}

func (l *loader) parse(data []byte) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		var le *yaml.LoadError
		if errors.As(err, &le) && le.Mark.Line > 0 {
			l.errs = append(l.errs, findings.New(l.f.Source.SpanAt(le.Mark.Line, le.Mark.Column, 1), findings.Error, "scenarios", "could not parse as YAML: %s", le.Message))
		} else {
			l.errs = append(l.errs, findings.New(l.f.Source.WholeFile(), findings.Error, "scenarios", "could not parse as YAML: %v", err))
		}
		return
	}
	if len(doc.Content) == 0 {
		l.errorf(nil, "the scenarios file is empty; expected scenarios: [{name: …, user: …}]")
		return
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		l.errorf(root, "the scenarios file must be a mapping with a scenarios list")
		return
	}
	var scenarios *yaml.Node
	for _, p := range l.pairs(root, []string{"defaults", "explore", "modules", "node_modules", "now", "scenarios"}, "the scenarios file") {
		switch p[0].Value {
		case "node_modules":
			if p[1].Kind != yaml.ScalarNode || p[1].Tag != "!!str" || strings.TrimSpace(p[1].Value) == "" {
				l.errorf(p[1], "node_modules must be the path of a folder, relative to the scenarios file, such as ./actions/node_modules")
				continue
			}
			l.f.NodeModules, l.f.NodeModulesSpan = p[1].Value, l.span(p[1])
		case "now":
			var t time.Time
			if err := p[1].Decode(&t); err != nil {
				l.errorf(p[1], "now must be a time such as 2026-01-01T09:00:00Z, not %q", p[1].Value)
				continue
			}
			l.f.Now = t.UTC()
		case "defaults":
			p[1] = l.defaultsHTTP(p[1])
			l.f.Defaults = l.object(p[1], "defaults")
			if l.f.Defaults != nil {
				l.checkEvent(p[1], "defaults", eventType)
			}
		case "modules":
			l.modules(p[1])
		case "explore":
			l.explore(p[1])
		case "scenarios":
			scenarios = p[1]
		}
	}
	if scenarios == nil {
		l.errorf(root, "the scenarios file has no scenarios list")
		return
	}
	if scenarios.Kind != yaml.SequenceNode {
		l.errorf(scenarios, "scenarios must be a list")
		return
	}
	names := map[string]int{}
	for _, item := range scenarios.Content {
		if sc := l.scenario(item); sc != nil {
			if line, ok := names[sc.Name]; ok {
				l.errorf(item, "scenario %q is already defined at line %d; names must be unique", sc.Name, line)
			}
			names[sc.Name] = sc.Span.Line
			l.f.Scenarios = append(l.f.Scenarios, sc)
		}
	}
}

// pairs returns a mapping's pairs, reporting duplicate and unknown keys.
func (l *loader) pairs(m *yaml.Node, known []string, what string) [][2]*yaml.Node {
	var out [][2]*yaml.Node
	seen := map[string]bool{}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		if seen[k.Value] {
			l.errorf(k, "key %q is defined twice in %s", k.Value, what)
			continue
		}
		seen[k.Value] = true
		if known != nil && !contains(known, k.Value) {
			l.errorf(k, "unknown key %q in %s; expected one of %s%s", k.Value, what, strings.Join(known, ", "), config.Suggest(k.Value, known))
			continue
		}
		out = append(out, [2]*yaml.Node{k, v})
	}
	return out
}

// object decodes a mapping into JSON data.
func (l *loader) object(n *yaml.Node, what string) map[string]any {
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return nil
	}
	if n.Kind != yaml.MappingNode {
		l.errorf(n, "%s must be a mapping", what)
		return nil
	}
	v, ok := l.value(n, what).(map[string]any)
	if !ok {
		return nil
	}
	return v
}

// value decodes any node into JSON data (maps, lists, strings, float64 numbers, booleans, nil).
func (l *loader) value(n *yaml.Node, what string) any {
	var v any
	if err := n.Decode(&v); err != nil {
		l.errorf(n, "%s: %v", what, err)
		return nil
	}
	b, err := json.Marshal(jsonable(v))
	if err != nil {
		l.errorf(n, "%s cannot be used as JSON: %v", what, err)
		return nil
	}
	var out any
	_ = json.Unmarshal(b, &out)
	return out
}

// jsonable turns YAML-decoded values into values encoding/json accepts.
func jsonable(v any) any {
	switch v := v.(type) {
	case map[string]any:
		for k, e := range v {
			v[k] = jsonable(e)
		}
		return v
	case map[any]any:
		m := make(map[string]any, len(v))
		for k, e := range v {
			m[fmt.Sprint(k)] = jsonable(e)
		}
		return m
	case []any:
		for i, e := range v {
			v[i] = jsonable(e)
		}
		return v
	case time.Time:
		return v.UTC().Format(time.RFC3339Nano)
	}
	return v
}

func (l *loader) modules(n *yaml.Node) {
	if n.Kind != yaml.MappingNode {
		l.errorf(n, "modules must be a mapping of module name to {value: …} or {source: …}")
		return
	}
	l.f.Modules = map[string]jsrt.Mock{}
	for _, p := range l.pairs(n, nil, "modules") {
		if p[1].Kind != yaml.MappingNode {
			l.errorf(p[1], "module %q must be {value: <data>} or {source: <JavaScript that sets module.exports>}", p[0].Value)
			continue
		}
		var m jsrt.Mock
		for _, mp := range l.pairs(p[1], []string{"source", "value"}, "module "+p[0].Value) {
			switch mp[0].Value {
			case "value":
				m.Value, m.HasValue = l.value(mp[1], "module "+p[0].Value), true
			case "source":
				m.Source = mp[1].Value
			}
		}
		if !m.HasValue && m.Source == "" {
			l.errorf(p[1], "module %q needs value: or source:", p[0].Value)
		}
		l.f.Modules[p[0].Value] = m
	}
}

var scenarioKeys = []string{"answers", "browser", "continue", "event", "expect", "http", "name", "rememberedBrowser", "roles", "user"}

func (l *loader) scenario(n *yaml.Node) *Scenario {
	if n.Kind != yaml.MappingNode {
		l.errorf(n, "a scenario must be a mapping with a name")
		return nil
	}
	sc := &Scenario{Span: l.span(n), WebAuthn: true}
	for _, p := range l.pairs(n, scenarioKeys, "a scenario") {
		k, v := p[0], p[1]
		switch k.Value {
		case "name":
			if v.Kind != yaml.ScalarNode || v.Value == "" {
				l.errorf(v, "name must be a non-empty string")
			}
			sc.Name = v.Value
		case "user":
			sc.User = l.object(v, "user")
			if sc.User != nil {
				l.checkEvent(v, "user", eventType.fields["user"])
			}
		case "roles":
			var roles []string
			if err := v.Decode(&roles); err != nil {
				l.errorf(v, "roles must be a list of role names")
			}
			sc.Roles, sc.HasRoles = roles, true
		case "event":
			sc.Event = l.object(v, "event")
			if sc.Event != nil {
				l.checkEvent(v, "event", eventType)
			}
		case "browser":
			for _, bp := range l.pairs(v, []string{"webauthn"}, "browser") {
				if err := bp[1].Decode(&sc.WebAuthn); err != nil {
					l.errorf(bp[1], "browser.webauthn must be true or false")
				}
			}
		case "answers":
			l.answers(sc, v)
		case "http":
			sc.HTTP = l.httpStubs(v, "http")
		case "continue":
			sc.Continue = l.object(v, "continue")
			if v.Kind == yaml.MappingNode {
				l.pairs(v, []string{"body", "query"}, "continue")
			}
		case "rememberedBrowser":
			if err := v.Decode(&sc.RememberedBrowser); err != nil {
				l.errorf(v, "rememberedBrowser must be true or false")
			}
		case "expect":
			sc.ExpectSpan = l.span(v)
			sc.Expect = l.object(v, "expect")
			if sc.Expect == nil {
				sc.Expect = map[string]any{}
			}
			if e, ok := sc.Expect["exact"]; ok {
				sc.Exact, _ = e.(bool) // expectType reports any other value
				delete(sc.Expect, "exact")
			}
			if v.Kind == yaml.MappingNode {
				l.pairs(v, nil, "expect") // duplicate keys
				l.checkEvent(v, "expect", expectType)
				sc.expectAt = l.expectPositions(v)
			}
		}
	}
	if sc.Name == "" {
		l.errorf(n, "scenario has no name")
	}
	return sc
}

// expectType is what expect: may say: a subset of the JSON result (result.go), every key known and
// every value one the result can hold, so a typo fails when the file is read, not after the run.
var expectType = strictObject(fields{
	"name":    str(),
	"outcome": oneOf(Success, Denied, Failed),
	"error":   str(),
	"exact":   boolean(),
	"actions": list(strictObject(fields{
		"name": str(), "handler": oneOf("onExecutePostLogin", "onContinuePostLogin"),
		"calls":   list(strictObject(fields{"method": str(), "args": list(&field{kind: kAny})})),
		"console": list(str()), "error": str(), "location": str(), "hint": str(), "note": str(),
	})),
	"prompts": list(strictObject(fields{
		"action":  str(),
		"command": oneOf("challengeWith", "challengeWithAny", "enrollWith", "enrollWithAny", "multifactor", "render"),
		"kind":    oneOf("challenge", "enroll", "form"),
		"screen":  oneOf("factor", "picker", "form"),
		"factors": list(oneOf(challengeTypes...)),
		"default": oneOf(challengeTypes...).orEmpty(),
		"chosen":  oneOf(challengeTypes...).orEmpty(),
		"method":  oneOf("sms", "voice").orEmpty(),
		"result":  oneOf("success", "failure", "rejected", "submitted").orEmpty(),
		"form":    str(),
		"fields":  freeObject(),
	})),
	"logs": list(strictObject(fields{
		"type": oneOf(LogTypes()...), "description": str(), "date": str(), "client_id": str(), "user_id": str(),
		"details": freeObject(),
	})),
	"requests": list(strictObject(fields{
		"method": oneOf(httpMethods...), "url": str(), "status": num(), "action": str(),
		"via": oneOf("fetch", "axios", "node-fetch"),
	})),
	// The user after the login: event.user's fields, with the same rule for other keys.
	"user": eventType.fields["user"],
})

// expectPos is where each part of a scenario's expect: is written, with the order of its keys, so
// that a failure can point at the expectation and show it in the file's own order.
type expectPos struct {
	span  source.Span
	keys  []string
	field map[string]*expectPos
	items []*expectPos
}

func (l *loader) expectPositions(n *yaml.Node) *expectPos {
	p := &expectPos{span: l.span(n)}
	switch n.Kind {
	case yaml.MappingNode:
		p.field = map[string]*expectPos{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			if k.ShortTag() == "!!merge" {
				continue
			}
			if _, dup := p.field[k.Value]; !dup {
				p.keys = append(p.keys, k.Value)
			}
			p.field[k.Value] = l.expectPositions(n.Content[i+1])
		}
	case yaml.SequenceNode:
		for _, item := range n.Content {
			p.items = append(p.items, l.expectPositions(item))
		}
	}
	return p
}

// answerFactors are the factors an answer may name: push is push-notification, as in Action code.
var answerFactors = append(append([]string{}, challengeTypes...), "push")

func (l *loader) answers(sc *Scenario, n *yaml.Node) {
	if n.Kind != yaml.SequenceNode {
		l.errorf(n, "answers must be a list of {factor, result} or {form: {field: value}}")
		return
	}
	for _, item := range n.Content {
		a := Answer{Result: "success", Span: l.span(item)}
		if item.Kind != yaml.MappingNode {
			l.errorf(item, "an answer must be a mapping such as {factor: otp, result: success} or {form: {field: value}}")
			continue
		}
		pairs := l.pairs(item, []string{"factor", "form", "method", "result"}, "an answer")
		for _, p := range pairs {
			switch p[0].Value {
			case "form":
				a.IsForm = true
				a.Form = l.object(p[1], "answer form (the fields the user submits)")
				if a.Form == nil {
					a.Form = map[string]any{}
				}
				if len(pairs) > 1 {
					l.errorf(p[0], "an answer is either an MFA answer (factor, result, method) or a form (form:), not both")
				}
			case "factor":
				a.Factor = p[1].Value
				if p[1].Kind != yaml.ScalarNode || !contains(answerFactors, a.Factor) {
					l.errorf(p[1], "answer factor %q is not a factor type; expected one of %s%s", a.Factor, strings.Join(answerFactors, ", "), valueHint(a.Factor, answerFactors))
				}
			case "result":
				a.Result = p[1].Value
				if !contains([]string{"success", "failure", "rejected"}, a.Result) {
					l.errorf(p[1], "answer result %q is not one of success, failure, rejected%s", a.Result, config.Suggest(a.Result, []string{"success", "failure", "rejected"}))
				}
			case "method":
				a.Method = p[1].Value
				if a.Method != "sms" && a.Method != "voice" {
					l.errorf(p[1], "answer method %q is not sms or voice%s", a.Method, config.Suggest(a.Method, []string{"sms", "voice"}))
				}
			}
		}
		sc.Answers = append(sc.Answers, a)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// Select returns the scenarios whose names match the filter.
func (f *File) Select(match func(string) bool) []*Scenario {
	var out []*Scenario
	for _, sc := range f.Scenarios {
		if match == nil || match(sc.Name) {
			out = append(out, sc)
		}
	}
	return out
}

// sortedKeys returns a map's keys in order.
func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
