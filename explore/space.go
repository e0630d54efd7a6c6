// Package explore enumerates the logins that matter to a tenant and its Action code (the state
// space), runs each through the simulate pipeline, and groups the outcomes into classes: locked-out,
// never-challenged, cannot-enroll, denied and success, each with a condition, a minimal example and a
// paste-ready scenario. docs/explore.md describes it.
package explore

import (
	"fmt"
	"sort"
	"strings"

	"github.com/mfactl/mfactl/actioncode"
	"github.com/mfactl/mfactl/config"
	"github.com/mfactl/mfactl/simulate"
)

// OtherValue is the value a path takes for "some other value" than the literals the code compares.
const OtherValue = "mfactl-other"

// Value is one value of a dimension. The first value of every dimension is its default: nothing is
// set, the scenarios file's defaults and the default event decide.
type Value struct {
	// Label names the value in conditions: "absent", "'admin'", "[admin]", "some other value".
	Label string
	// V is what the state sets; unused for the default.
	V any
}

// Dimension is one axis of the space: an enrollable factor (enrolled or not) or an event path.
type Dimension struct {
	// Factor is the Action-side name of the factor ("phone", "otp" …) for a factor dimension.
	Factor string
	// Path is the event path below event ("user.app_metadata.isAdmin") for a path dimension.
	Path   string
	Values []Value
}

// Name is how conditions and messages name the dimension.
func (d *Dimension) Name() string {
	if d.Factor != "" {
		return "enrolledFactors has " + d.Factor
	}
	return d.Path
}

// Space is the set of states: the product of its dimensions.
type Space struct {
	Dims []Dimension
	// Info says what was assumed: reads left out of the space and why.
	Info []string
}

// State is one point of the space: an index into each dimension's values.
type State []int

// factorNames maps guardianFactors names to the names Action code uses, in the enrollment order
// simulate offers them (simulation.md §6), then recovery codes.
var factorNames = [][2]string{
	{"push-notification", "push-notification"}, {"sms", "phone"}, {"otp", "otp"},
	{"webauthn-roaming", "webauthn-roaming"}, {"webauthn-platform", "webauthn-platform"},
	{"recovery-code", "recovery-code"},
}

// skipped are the paths other dimensions (or simulate) decide, and those that are not login context.
var skipped = []string{"user.enrolledFactors", "user.multifactor", "authentication.methods", "secrets", "prompt"}

// Derive builds the space of a tenant and its scenarios file: a dimension for each enrollable
// enabled factor, user.email_verified when the email factor is enabled, and one for each event path
// the bound Actions test.
func Derive(t *config.Tenant, f *simulate.File) *Space {
	s := &Space{}
	for _, fn := range factorNames {
		if t.Factors.Enabled(fn[0]) {
			s.Dims = append(s.Dims, Dimension{Factor: fn[1], Values: []Value{{Label: "no"}, {Label: "yes", V: true}}})
		}
	}
	reads := map[string]*actioncode.Read{}
	var order []string
	enables := false // an Action calls api.multifactor.enable
	for _, b := range t.PostLogin {
		a := t.ActionByName(b.ActionName.Value)
		if a == nil || a.CodeFile == nil {
			continue
		}
		for _, c := range actioncode.Analyze([]byte(a.CodeFile.Text)).Calls {
			enables = enables || c.Method == actioncode.MultifactorEnable
		}
		eventReads, gaps := actioncode.EventAnalysis([]byte(a.CodeFile.Text))
		for _, g := range gaps {
			sp := a.CodeFile.SpanOf(g.Offset, g.Offset+1)
			what := "event." + g.Path
			if g.Path == "" {
				what = "event"
			}
			s.Info = append(s.Info, fmt.Sprintf("%s:%d:%d: %s: %s; explore does not vary what is read there (it keeps the defaults)",
				sp.File, sp.Line, sp.Col, what, g.Why))
		}
		for _, rd := range eventReads {
			if isSkipped(rd.Path) {
				continue
			}
			if prev, ok := reads[rd.Path]; ok {
				for _, v := range rd.Values {
					prev.Values = appendNew(prev.Values, v)
				}
				for _, v := range rd.Contains {
					prev.Contains = appendNew(prev.Contains, v)
				}
				prev.Truthy = prev.Truthy || rd.Truthy
				continue
			}
			rd := rd
			reads[rd.Path] = &rd
			order = append(order, rd.Path)
		}
	}
	if t.Factors.Enabled("email") {
		if _, ok := reads["user.email_verified"]; !ok {
			reads["user.email_verified"] = &actioncode.Read{Path: "user.email_verified", Truthy: true}
			order = append(order, "user.email_verified")
		}
	}
	// What the MFA engine reads, whether the code does or not (docs/simulation.md §6, §7): under
	// the adaptive policy, the risk confidence decides whether MFA is required; and MFA that
	// api.multifactor.enable asks for cannot be done in a refresh-token exchange, which has no page.
	engine := func(path string, values ...any) {
		rd, ok := reads[path]
		if !ok {
			rd = &actioncode.Read{Path: path}
			reads[path] = rd
			order = append(order, path)
		}
		for _, v := range values {
			rd.Values = appendNew(rd.Values, v)
		}
	}
	if t.Policies.Has("confidence-score") {
		engine("authentication.riskAssessment.confidence", "low", "high")
	}
	if enables {
		engine("transaction.protocol")
	}
	if rd, ok := reads["transaction.protocol"]; ok {
		// The two protocols every tenant with web applications sees: a login and a refresh-token exchange.
		rd.Values = appendNew(rd.Values, "oidc-basic-profile")
		rd.Values = appendNew(rd.Values, "oauth2-refresh-token")
	}
	sort.Strings(order)
	base := simulate.BaseEvent(f)
	for _, p := range order {
		if d, ok := pathDimension(reads[p], base); ok {
			s.Dims = append(s.Dims, d)
		} else {
			s.Info = append(s.Info, fmt.Sprintf("%s is read but not tested against a value: not enumerated (its value comes from the defaults)", p))
		}
	}
	if f != nil && f.Explore != nil {
		for _, cd := range f.Explore.Dimensions {
			s.configure(cd, base)
		}
	}
	return s
}

// configure applies one entry of the scenarios file's explore.dimensions: the path takes its
// default and the values listed, in place of the values derived from the code (or as a new
// dimension, after the derived ones, when the code does not test it).
func (s *Space) configure(cd *simulate.ExploreDimension, base map[string]any) {
	d := Dimension{Path: cd.Path}
	def, has := lookup(base, cd.Path)
	d.Values = []Value{{Label: "absent"}}
	if has {
		d.Values[0].Label = "default (" + show(def) + ")"
	}
	for _, v := range cd.Values {
		dup := has && fmt.Sprint(def) == fmt.Sprint(v)
		for _, x := range d.Values[1:] {
			dup = dup || fmt.Sprint(x.V) == fmt.Sprint(v)
		}
		if !dup {
			d.Values = append(d.Values, Value{Label: show(v), V: v})
		}
	}
	for i := range s.Dims {
		if s.Dims[i].Path == cd.Path {
			s.Dims[i] = d
			s.Info = append(s.Info, fmt.Sprintf("%s takes the values of the scenarios file's explore.dimensions (%d values)", cd.Path, len(d.Values)))
			return
		}
	}
	s.Dims = append(s.Dims, d)
	s.Info = append(s.Info, fmt.Sprintf("%s is a dimension from the scenarios file's explore.dimensions (%d values)", cd.Path, len(d.Values)))
	for i, msg := range s.Info {
		if strings.HasPrefix(msg, cd.Path+" is read but not tested") {
			s.Info = append(s.Info[:i], s.Info[i+1:]...)
			break
		}
	}
}

func isSkipped(p string) bool {
	for _, s := range skipped {
		if p == s || strings.HasPrefix(p, s+".") {
			return true
		}
	}
	return false
}

func appendNew(list []any, v any) []any {
	for _, x := range list {
		if x == v {
			return list
		}
	}
	return append(list, v)
}

// lookup returns the value at a dotted path of an event.
func lookup(e map[string]any, path string) (any, bool) {
	var cur any = e
	for _, k := range strings.Split(path, ".") {
		m, ok := cur.(map[string]any)
		if !ok {
			return nil, false
		}
		if cur, ok = m[k]; !ok {
			return nil, false
		}
	}
	return cur, true
}

// pathDimension gives a read its values: the default, the literals seen, and some other value. A
// path the code looks into as a list takes the lists of each literal alone, of all of them, and of
// some other value.
func pathDimension(rd *actioncode.Read, base map[string]any) (Dimension, bool) {
	d := Dimension{Path: rd.Path}
	def, has := lookup(base, rd.Path)
	defLabel := "absent"
	if has {
		defLabel = "default (" + show(def) + ")"
	}
	d.Values = []Value{{Label: defLabel}}
	add := func(v any) {
		if has && fmt.Sprint(def) == fmt.Sprint(v) {
			return
		}
		for _, x := range d.Values[1:] {
			if fmt.Sprint(x.V) == fmt.Sprint(v) {
				return
			}
		}
		d.Values = append(d.Values, Value{Label: show(v), V: v})
	}
	switch {
	case len(rd.Contains) > 0:
		for _, v := range rd.Contains {
			add([]any{v})
		}
		if len(rd.Contains) > 1 {
			add(append([]any{}, rd.Contains...))
		}
		add([]any{OtherValue})
		add([]any{})
	case len(rd.Values) > 0:
		allBool := true
		for _, v := range rd.Values {
			add(v)
			_, b := v.(bool)
			allBool = allBool && b
		}
		if allBool {
			add(true)
			add(false)
		} else {
			add(OtherValue)
		}
	case rd.Truthy:
		add(true)
		if has {
			add(false)
		}
	default:
		return d, false
	}
	for i := range d.Values[1:] {
		if d.Values[i+1].V == OtherValue {
			d.Values[i+1].Label = "some other value"
		}
	}
	return d, len(d.Values) > 1
}

// show writes a value as conditions and YAML flow style do.
func show(v any) string {
	switch v := v.(type) {
	case string:
		if v == OtherValue {
			return "some other value"
		}
		return v
	case []any:
		parts := make([]string, len(v))
		for i, x := range v {
			parts[i] = show(x)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case map[string]any:
		return "{…}"
	}
	return fmt.Sprint(v)
}

// Size is the number of states, saturating at limit+1.
func (s *Space) Size(limit int) int {
	n := 1
	for _, d := range s.Dims {
		n *= len(d.Values)
		if n > limit {
			return limit + 1
		}
	}
	return n
}

// State returns the i-th state: the first dimension varies slowest.
func (s *Space) State(i int) State {
	st := make(State, len(s.Dims))
	for d := len(s.Dims) - 1; d >= 0; d-- {
		n := len(s.Dims[d].Values)
		st[d] = i % n
		i /= n
	}
	return st
}

// Index is the inverse of State.
func (s *Space) Index(st State) int {
	i := 0
	for d, v := range st {
		i = i*len(s.Dims[d].Values) + v
	}
	return i
}

// Factors lists the factors a state's user is enrolled in.
func (s *Space) Factors(st State) []string {
	out := []string{}
	for d, v := range st {
		if s.Dims[d].Factor != "" && v != 0 {
			out = append(out, s.Dims[d].Factor)
		}
	}
	return out
}

// Scenario is the scenario that runs a state: its user's enrolled factors (always set, so the
// scenarios file's defaults do not decide them) and each path set away from its default.
func (s *Space) Scenario(name string, st State) *simulate.Scenario {
	sc := &simulate.Scenario{Name: name, WebAuthn: true, User: map[string]any{}, Event: map[string]any{}}
	factors := []any{}
	for _, f := range s.Factors(st) {
		factors = append(factors, map[string]any{"type": f})
	}
	sc.User["enrolledFactors"] = factors
	for d, v := range st {
		dim := s.Dims[d]
		if dim.Factor != "" || v == 0 {
			continue
		}
		val := dim.Values[v].V
		switch {
		case dim.Path == "authorization.roles":
			roles, _ := val.([]any)
			sc.HasRoles = true
			sc.Roles = make([]string, 0, len(roles))
			for _, r := range roles {
				sc.Roles = append(sc.Roles, fmt.Sprint(r))
			}
		case strings.HasPrefix(dim.Path, "user."):
			set(sc.User, strings.TrimPrefix(dim.Path, "user."), val)
		default:
			set(sc.Event, dim.Path, val)
		}
	}
	return sc
}

// set puts v at a dotted path, creating the maps on the way.
func set(m map[string]any, path string, v any) {
	keys := strings.Split(path, ".")
	for _, k := range keys[:len(keys)-1] {
		next, ok := m[k].(map[string]any)
		if !ok {
			next = map[string]any{}
			m[k] = next
		}
		m = next
	}
	m[keys[len(keys)-1]] = v
}
