package simulate

import (
	"strings"

	"go.yaml.in/yaml/v4"

	"github.com/mfactl/mfactl/config"
	"github.com/mfactl/mfactl/source"
)

// Explore is the explore: section of a scenarios file (docs/explore.md); simulate ignores it.
type Explore struct {
	// Properties, when given, replace explore's default failing classes.
	Properties []*Property
	// Dimensions replace the values explore derives for an event path, or add a path the code does
	// not test, in the order written.
	Dimensions []*ExploreDimension
}

// ExploreDimension is one entry of explore.dimensions: an event path and the values it takes
// besides its default (nothing set).
type ExploreDimension struct {
	Path   string
	Values []any
	Span   source.Span
}

// exploreDecided are the paths explore's other dimensions (or simulate) decide: explore.dimensions
// may not set them.
var exploreDecided = []string{"user.enrolledFactors", "user.multifactor", "authentication.methods", "secrets", "prompt"}

// Property is one entry of explore.properties: for every state whose event matches When (nil: every
// state), the login must satisfy exactly one of No (no state of that class), ChallengedWith (a
// challenge completed with one of the factors) or Never ("challenged": no MFA prompt).
type Property struct {
	// Text is the entry as written, on one line: {no: locked-out}.
	Text           string
	Span           source.Span
	When           map[string]any
	No             string
	ChallengedWith []string
	Never          string
}

// ExploreClasses are the kinds of class explore reports, for properties' no:.
var ExploreClasses = []string{"locked-out", "never-challenged", "cannot-enroll", "denied", "success"}

var (
	exploreKeys   = []string{"dimensions", "properties"}
	propertyKeys  = []string{"challengedWith", "never", "no", "when"}
	propertyNever = []string{"challenged"}
)

func (l *loader) explore(n *yaml.Node) {
	l.f.Explore = &Explore{}
	if n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null" {
		return
	}
	if n.Kind != yaml.MappingNode {
		l.errorf(n, "explore must be a mapping such as {properties: [{no: locked-out}]}")
		return
	}
	for _, p := range l.pairs(n, exploreKeys, "explore") {
		if p[0].Value == "dimensions" {
			l.exploreDimensions(p[1])
			continue
		}
		if p[1].Kind != yaml.SequenceNode {
			l.errorf(p[1], "explore.properties must be a list such as [{no: locked-out}, {when: {roles: [admin]}, challengedWith: [otp]}]")
			continue
		}
		for _, item := range p[1].Content {
			if prop := l.property(item); prop != nil {
				l.f.Explore.Properties = append(l.f.Explore.Properties, prop)
			}
		}
	}
}

func (l *loader) exploreDimensions(n *yaml.Node) {
	const shape = "explore.dimensions must be a mapping of event paths to lists of values, such as {authorization.roles: [[admin], [editor], []]}"
	if n.Kind != yaml.MappingNode {
		l.errorf(n, "%s", shape)
		return
	}
	for _, p := range l.pairs(n, nil, "explore.dimensions") {
		k, v := p[0], p[1]
		path := k.Value
		if path == "roles" {
			path = "authorization.roles"
		}
		bad := k.Kind != yaml.ScalarNode || path == "" || strings.HasPrefix(path, ".") || strings.HasSuffix(path, ".") || strings.Contains(path, "..")
		if bad {
			l.errorf(k, "explore.dimensions: %q is not an event path such as user.app_metadata.isAdmin", k.Value)
			continue
		}
		decided := false
		for _, d := range exploreDecided {
			if path == d || strings.HasPrefix(path, d+".") {
				l.errorf(k, "explore.dimensions: %s is decided by explore itself (the enrolled factors, the answers) or by simulate; it cannot be a dimension", path)
				decided = true
			}
		}
		if decided {
			continue
		}
		if v.Kind != yaml.SequenceNode || len(v.Content) == 0 {
			l.errorf(v, "explore.dimensions.%s must be a non-empty list of the values it takes, such as [true, false]", k.Value)
			continue
		}
		d := &ExploreDimension{Path: path, Span: l.span(k)}
		for _, item := range v.Content {
			if path == "authorization.roles" && item.Kind != yaml.SequenceNode {
				l.errorf(item, "explore.dimensions.%s: each value is a list of role names, such as [admin] or []", k.Value)
				continue
			}
			d.Values = append(d.Values, l.value(item, "explore.dimensions."+k.Value))
		}
		l.f.Explore.Dimensions = append(l.f.Explore.Dimensions, d)
	}
}

func (l *loader) property(n *yaml.Node) *Property {
	const shape = "a property must be a mapping with one of no: <class>, challengedWith: [factors] or never: challenged, and optionally when: {…}"
	if n.Kind != yaml.MappingNode {
		l.errorf(n, "%s", shape)
		return nil
	}
	prop := &Property{Span: l.span(n), Text: oneLine(n)}
	asserts := 0
	ok := true
	for _, p := range l.pairs(n, propertyKeys, "a property") {
		k, v := p[0], p[1]
		switch k.Value {
		case "no":
			asserts++
			prop.No = v.Value
			if v.Kind != yaml.ScalarNode || !contains(ExploreClasses, v.Value) {
				l.errorf(v, "no: %q is not a class; expected one of %s%s", v.Value, strings.Join(ExploreClasses, ", "), config.Suggest(v.Value, ExploreClasses))
				ok = false
			}
		case "never":
			asserts++
			prop.Never = v.Value
			if v.Kind != yaml.ScalarNode || !contains(propertyNever, v.Value) {
				l.errorf(v, "never: %q is not known; expected %s%s", v.Value, strings.Join(propertyNever, ", "), config.Suggest(v.Value, propertyNever))
				ok = false
			}
		case "challengedWith":
			asserts++
			if v.Kind != yaml.SequenceNode || len(v.Content) == 0 {
				l.errorf(v, "challengedWith must be a non-empty list of factors such as [webauthn-roaming, push-notification]")
				ok = false
				continue
			}
			for _, f := range v.Content {
				if f.Kind != yaml.ScalarNode || !contains(challengeTypes, f.Value) {
					hint := valueHint(f.Value, challengeTypes)
					if hint == "" {
						hint = config.Suggest(f.Value, challengeTypes)
					}
					l.errorf(f, "challengedWith: %q is not a factor; expected one of %s%s", f.Value, strings.Join(challengeTypes, ", "), hint)
					ok = false
					continue
				}
				prop.ChallengedWith = append(prop.ChallengedWith, f.Value)
			}
		case "when":
			prop.When = l.when(v)
			if prop.When == nil {
				ok = false
			}
		}
	}
	if asserts != 1 {
		l.errorf(n, "%s (this one has %d of them)", shape, asserts)
		return nil
	}
	if !ok {
		return nil
	}
	return prop
}

// when reads a property's when: a subset of the event, with roles: as in a scenario.
func (l *loader) when(n *yaml.Node) map[string]any {
	if n.Kind != yaml.MappingNode {
		l.errorf(n, "when must be a mapping of event fields (and roles:), such as {roles: [admin]} or {client: {client_id: abc}}")
		return nil
	}
	event := &yaml.Node{Kind: yaml.MappingNode, Line: n.Line, Column: n.Column}
	var roles []string
	hasRoles := false
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == "roles" {
			if err := n.Content[i+1].Decode(&roles); err != nil {
				l.errorf(n.Content[i+1], "when.roles must be a list of role names")
				return nil
			}
			hasRoles = true
			continue
		}
		event.Content = append(event.Content, n.Content[i], n.Content[i+1])
	}
	before := len(l.errs)
	l.pairs(n, nil, "when") // duplicate keys
	w := l.object(event, "when")
	if w == nil {
		w = map[string]any{}
	}
	l.checkEvent(event, "when", eventType)
	if len(l.errs) > before {
		return nil
	}
	if hasRoles {
		list := make([]any, len(roles))
		for i, r := range roles {
			list[i] = r
		}
		auth, _ := w["authorization"].(map[string]any)
		if auth == nil {
			auth = map[string]any{}
			w["authorization"] = auth
		}
		auth["roles"] = list
	}
	return w
}

// oneLine writes a node as one line of flow YAML.
func oneLine(n *yaml.Node) string {
	c := *n
	c.Style = yaml.FlowStyle
	c.HeadComment, c.LineComment, c.FootComment = "", "", ""
	out, err := yaml.Marshal(&c)
	if err != nil {
		return ""
	}
	return strings.Join(strings.Fields(string(out)), " ")
}

// EventOf is the event a scenario of f starts from, before any Action runs: the default event, the
// file's defaults, the scenario's event, user and roles, and the derived fields.
func EventOf(f *File, sc *Scenario) map[string]any {
	e := BaseEvent(f)
	if sc.Event != nil {
		merge(e, sc.Event)
	}
	if sc.User != nil {
		merge(obj(e, "user"), sc.User)
	}
	if sc.HasRoles {
		roles := make([]any, len(sc.Roles))
		for i, r := range sc.Roles {
			roles[i] = r
		}
		obj(e, "authorization")["roles"] = roles
	}
	pruneNulls(e, eventType)
	completeEvent(e, f.Now)
	return e
}

// ChallengeTypes are the factor types a challenge can name, for properties' challengedWith.
func ChallengeTypes() []string { return append([]string(nil), challengeTypes...) }
