package explore

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v4"

	"github.com/mfactl/mfactl/simulate"
)

// The kinds of class, in report order.
const (
	LockedOut       = "locked-out"
	NeverChallenged = "never-challenged"
	CannotEnroll    = "cannot-enroll"
	Denied          = "denied"
	Success         = "success"
)

var kindOrder = map[string]int{LockedOut: 0, NeverChallenged: 1, CannotEnroll: 2, Denied: 3, Success: 4}

// DefaultMaxStates bounds the space explored when --max-states is not given.
const DefaultMaxStates = 10000

// DefaultRunTimeout is how long explore lets an Action's JavaScript run in real time before it
// counts the state as looping: Actions finish in milliseconds when requests are answered from the
// http: stubs and timers are simulated, and a state that loops would otherwise hold a worker for
// Auth0's 20 s.
const DefaultRunTimeout = 2 * time.Second

// Report is the result of an exploration; its JSON is the contract of `explore --format json`.
type Report struct {
	Version   int      `json:"version"`
	States    int      `json:"states"`
	Classes   []*Class `json:"classes"`
	Truncated bool     `json:"truncated"`
	// AnswerVariants is the number of extra logins run with other answers at the prompts (another
	// offered factor, or phone by voice call, at any prompt); AnswersTruncated says --max-states cut
	// them, and AnswersCut how many were found and not run (not counting those they would have led to).
	AnswerVariants   int  `json:"answerVariants"`
	AnswersTruncated bool `json:"answersTruncated"`
	AnswersCut       int  `json:"answersCut"`
	// Failures is, once per prompt reached (its kind, the factor used, the command and the Action),
	// what happens when the user fails it. They are not classes and fail nothing by themselves.
	Failures []*FailurePath `json:"failures"`
	// Properties are the scenarios file's explore.properties, in order; absent without them.
	Properties []*PropertyResult `json:"properties,omitempty"`
	// Info says what was assumed or left out (not in the JSON contract).
	Info []string `json:"-"`
	// Dimensions names each dimension with its number of values, for the text report.
	Dimensions []string `json:"-"`
}

// Class is the states that share an outcome kind and cause.
type Class struct {
	Kind      string         `json:"kind"`
	Cause     string         `json:"-"`
	Count     int            `json:"count"`
	Condition string         `json:"condition"`
	Example   Example        `json:"example"`
	Scenario  string         `json:"scenario"`
	Logs      []simulate.Log `json:"logs"`
	seen      []map[int]bool // per dimension, the values seen in the class
	first     State          // the first state of the class
	key       string         // kind and cause, without the answers
	dev       string         // the answers that make the class's logins (devKey; "": the default ones)
	result    *simulate.Result
}

// FailurePath is what a failed answer at one prompt does: the first login (in the space's order)
// that reached the prompt, run again with the user failing it there.
type FailurePath struct {
	// Prompt describes the prompt: "challenge with otp (challengeWithAny in mfa-selection)".
	Prompt  string `json:"prompt"`
	Kind    string `json:"kind"`
	Factor  string `json:"factor"`
	Command string `json:"command"`
	Action  string `json:"action"`
	// Logins is how many of the logins run (states and answer variants) reached the prompt.
	Logins   int            `json:"logins"`
	Outcome  string         `json:"outcome"`
	Error    string         `json:"error"`
	Example  Example        `json:"example"`
	Scenario string         `json:"scenario"`
	Logs     []simulate.Log `json:"logs"`
}

// Example is a class's minimal state: the user and the event fields it sets, and the answers the
// user gave at each prompt.
type Example struct {
	User    map[string]any `json:"user"`
	Event   map[string]any `json:"event"`
	Answers []Answer       `json:"answers"`
}

// Answer is what the example's user did at one prompt.
type Answer struct {
	Factor string `json:"factor"`
	// Method is sms or voice for phone at a prompt that lets the user choose.
	Method string `json:"method,omitempty"`
	Result string `json:"result"`
}

// Failing reports whether the report has a class of the given kind.
func (r *Report) Has(kind string) bool {
	for _, c := range r.Classes {
		if c.Kind == kind {
			return true
		}
	}
	return false
}

// Run explores the space of sim's tenant: every state through sim, in parallel, in a deterministic
// order. Past maxStates nothing runs and the report is truncated, naming the dimensions.
func Run(ctx context.Context, sim *simulate.Simulator, space *Space, maxStates int) (*Report, error) {
	rep := &Report{Version: 1, Classes: []*Class{}, Info: space.Info}
	for _, d := range space.Dims {
		rep.Dimensions = append(rep.Dimensions, fmt.Sprintf("%s (%d values)", d.Name(), len(d.Values)))
	}
	n := space.Size(maxStates)
	if n > maxStates {
		rep.Truncated = true
		rep.States = 0
		return rep, nil
	}
	rep.States = n
	var props []*PropertyResult
	needEvent := false
	if sim.File != nil && sim.File.Explore != nil {
		e := sim.File.Explore
		for _, p := range e.Properties {
			props = append(props, &PropertyResult{Property: p.Text, Passed: true, prop: p, failed: make([]bool, n), failedVar: map[string][]simulate.Answer{}})
			needEvent = needEvent || p.When != nil
		}
	}
	rep.Properties = props
	classOf := make([]int, n)
	varClass := map[string]int{} // answer variants that made a class: runKey -> class
	byKey := map[string]int{}
	budget := maxStates - n
	var variants []variant
	var fails []*failurePath
	failAt := map[string]*failurePath{}
	seenPrompts := func(idx int, res *simulate.Result) {
		var counted [4]*failurePath // a login's prompts (at most four commands), each counted once
		n := 0
		for _, p := range res.Prompts {
			if !isMFA(p) || p.Result != "success" {
				break
			}
			if f := failAt[failureKey(p)]; f != nil && !slices.Contains(counted[:n], f) {
				f.fp.Logins++
				if n < len(counted) {
					counted[n] = f
					n++
				}
			}
		}
		keys, runs, at := failures(res, func(k string) bool { return failAt[k] == nil })
		for i, k := range keys {
			p := res.Prompts[at[i]]
			f := &failurePath{state: idx, answers: runs[i], fp: &FailurePath{
				Prompt: promptLabel(p), Kind: p.Kind, Factor: p.Chosen, Command: p.Command, Action: p.Action, Logins: 1}}
			failAt[k] = f
			fails = append(fails, f)
		}
	}
	varAnswers := map[string][]simulate.Answer{} // the answers of the variants that made a class, by runKey
	record := func(st State, idx int, answers []simulate.Answer, dev []string, res *simulate.Result) {
		kind, cause := Classify(res, len(space.Factors(st)) > 0)
		ak := devKey(dev)
		if ak != "" && kind != LockedOut && kind != CannotEnroll {
			// With another answer, only a failure is news: the state's default login already put
			// it in a success, denied or never-challenged class.
			return
		}
		if ak != "" {
			// The default answers, or fewer of these answers (each other answer of the variant put
			// back to the default one), already fail this way: this variant adds nothing. It is
			// recorded as that class, so variants built on it find it too.
			for i := range dev {
				if dev[i] == "" {
					continue
				}
				fewer := append([]string(nil), dev...)
				fewer[i] = ""
				for len(fewer) > 0 && fewer[len(fewer)-1] == "" {
					fewer = fewer[:len(fewer)-1]
				}
				ci, ok := classOf[idx], true
				if len(fewer) > 0 {
					ci, ok = varClass[runKey(idx, devKey(fewer))]
				}
				if ok && rep.Classes[ci].key == kind+"\x00"+cause {
					varClass[runKey(idx, ak)] = ci
					return
				}
			}
		}
		key := kind + "\x00" + cause + "\x00" + ak
		ci, ok := byKey[key]
		if !ok {
			ci = len(rep.Classes)
			byKey[key] = ci
			c := &Class{Kind: kind, Cause: cause, key: kind + "\x00" + cause, first: st, dev: ak, seen: make([]map[int]bool, len(space.Dims))}
			for d := range c.seen {
				c.seen[d] = map[int]bool{}
			}
			if ak != "" {
				c.Cause += " (answers: " + ak + ")"
			}
			rep.Classes = append(rep.Classes, c)
		}
		c := rep.Classes[ci]
		c.Count++
		for d, v := range st {
			c.seen[d][v] = true
		}
		if ak == "" {
			classOf[idx] = ci
		} else {
			varClass[runKey(idx, ak)] = ci
			varAnswers[runKey(idx, ak)] = answers
		}
	}
	check := func(st State, idx int, answers []simulate.Answer, dev []string, kind string, res *simulate.Result) {
		var event map[string]any
		if needEvent {
			event = simulate.EventOf(sim.File, space.Scenario("", st))
		}
		ak := devKey(dev)
		for _, p := range props {
			if ak != "" && p.failed[idx] {
				continue // the state already breaks it with the default answers
			}
			if !Holds(p.prop, kind, res, event) {
				if p.Passed {
					p.Passed, p.first, p.dev = false, st, ak
				}
				if ak == "" {
					p.failed[idx] = true
				} else if p.dev == ak {
					p.failedVar[runKey(idx, ak)] = answers
				}
				p.Failures++
			}
		}
	}
	branch := func(idx int, answers []simulate.Answer, dev []string, res *simulate.Result) {
		for _, v := range branches(answers, dev, res) {
			if budget <= 0 {
				rep.AnswersTruncated = true
				rep.AnswersCut++
				continue
			}
			budget--
			v.state = idx
			variants = append(variants, v)
		}
	}
	i := 0
	state := func(i int) *simulate.Scenario { return space.Scenario("state "+strconv.Itoa(i), space.State(i)) }
	err := sim.StreamFunc(ctx, n, state, func(res *simulate.Result) error {
		st := space.State(i)
		record(st, i, nil, nil, res)
		kind, _ := Classify(res, len(space.Factors(st)) > 0)
		check(st, i, nil, nil, kind, res)
		branch(i, nil, nil, res)
		seenPrompts(i, res)
		i++
		return nil
	})
	if err != nil {
		return nil, err
	}
	// The answers: each round runs the variants the previous one found, breadth first, so the
	// order (and what --max-states cuts) is deterministic.
	for len(variants) > 0 && ctx.Err() == nil {
		round := variants
		variants = nil
		j := 0
		err := sim.StreamFunc(ctx, len(round), func(j int) *simulate.Scenario {
			sc := space.Scenario("state "+strconv.Itoa(round[j].state), space.State(round[j].state))
			sc.Answers = round[j].answers
			return sc
		}, func(res *simulate.Result) error {
			v := round[j]
			st := space.State(v.state)
			rep.AnswerVariants++
			record(st, v.state, v.answers, v.dev, res)
			kind, _ := Classify(res, len(space.Factors(st)) > 0)
			check(st, v.state, v.answers, v.dev, kind, res)
			branch(v.state, v.answers, v.dev, res)
			seenPrompts(v.state, res)
			j++
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	// The failure answers: one login per prompt, after every other, so they cut nothing.
	rep.Failures = []*FailurePath{}
	for _, f := range fails {
		sc, res, ex := example(ctx, sim, space, "explore: fails the "+f.fp.Prompt, space.State(f.state), f.answers)
		f.fp.Outcome, f.fp.Error, f.fp.Example, f.fp.Logs = res.Outcome, res.Error, ex, res.Logs
		f.fp.Scenario = scenarioYAML(sc, res)
		rep.Failures = append(rep.Failures, f.fp)
	}
	for ci, c := range rep.Classes {
		keep := func(st State) bool { return classOf[space.Index(st)] == ci }
		if ak := c.dev; ak != "" {
			keep = func(st State) bool {
				got, ok := varClass[runKey(space.Index(st), ak)]
				return ok && got == ci
			}
		}
		ex := Shrink(c.first, keep)
		c.Condition = condition(space, c)
		if c.dev != "" {
			c.Condition += " and answers = " + c.dev
		}
		// The shrunk state's own answers: its default ones may differ from the first state's.
		answers := varAnswers[runKey(space.Index(ex), c.dev)]
		var sc *simulate.Scenario
		sc, c.result, c.Example = example(ctx, sim, space, "explore: "+c.Kind+" when "+c.Condition, ex, answers)
		c.Logs = c.result.Logs
		c.Scenario = scenarioYAML(sc, c.result)
	}
	for _, p := range props {
		if p.Passed {
			continue
		}
		keep := func(st State) bool { return p.failed[space.Index(st)] }
		if ak := p.dev; ak != "" {
			keep = func(st State) bool { return p.failedVar[runKey(space.Index(st), ak)] != nil }
		}
		ex := Shrink(p.first, keep)
		sc, res, e := example(ctx, sim, space, "explore: counterexample to "+p.Property, ex, p.failedVar[runKey(space.Index(ex), p.dev)])
		p.result = res
		p.Counterexample = &Counterexample{Example: e, Outcome: res.Outcome, Error: res.Error, Scenario: scenarioYAML(sc, res)}
		p.failed, p.failedVar = nil, nil
	}
	sort.SliceStable(rep.Classes, func(i, j int) bool {
		return kindOrder[rep.Classes[i].Kind] < kindOrder[rep.Classes[j].Kind]
	})
	return rep, nil
}

// example runs a (shrunk) state again under a name, for its scenario, result and example.
func example(ctx context.Context, sim *simulate.Simulator, space *Space, name string, st State, answers []simulate.Answer) (*simulate.Scenario, *simulate.Result, Example) {
	sc := space.Scenario(name, st)
	sc.Answers = answers
	res := sim.Run(ctx, sc)
	ex := Example{User: sc.User, Event: sc.Event, Answers: []Answer{}}
	if sc.HasRoles {
		// The example's event shows the roles; the scenario keeps them under roles: only.
		ex.Event = deepCopy(sc.Event).(map[string]any)
		roles := make([]any, len(sc.Roles))
		for i, r := range sc.Roles {
			roles[i] = r
		}
		set(ex.Event, "authorization.roles", roles)
	}
	for _, p := range res.Prompts {
		if isMFA(p) {
			a := given(p)
			ex.Answers = append(ex.Answers, Answer{Factor: a.Factor, Method: a.Method, Result: p.Result})
		}
	}
	return sc, res, ex
}

// promptLabel describes a prompt for the failure answers: "challenge with otp (challengeWithAny in
// mfa-selection)", "enroll with phone by voice (MFA required after the last Action)".
func promptLabel(p simulate.Prompt) string {
	s := p.Kind + " with " + answerLabel(given(p))
	if p.Command == "multifactor" {
		return s + " (MFA required after the last Action)"
	}
	return s + " (" + p.Command + " in " + p.Action + ")"
}

// deepCopy copies JSON data.
func deepCopy(v any) any {
	switch v := v.(type) {
	case map[string]any:
		m := make(map[string]any, len(v))
		for k, e := range v {
			m[k] = deepCopy(e)
		}
		return m
	case []any:
		l := make([]any, len(v))
		for i, e := range v {
			l[i] = deepCopy(e)
		}
		return l
	}
	return v
}

// PropertyFailed reports whether a property of the report fails.
func (r *Report) PropertyFailed() bool {
	for _, p := range r.Properties {
		if !p.Passed {
			return true
		}
	}
	return false
}

// Classify gives a login's class: its kind and its cause. enrolled says whether the user had
// enrolled factors (the implicit email factor aside).
func Classify(res *simulate.Result, enrolled bool) (kind, cause string) {
	mfa := 0
	for _, p := range res.Prompts {
		if p.Kind == "challenge" || p.Kind == "enroll" {
			mfa++
		}
	}
	switch res.Outcome {
	case simulate.Success:
		switch {
		case mfa > 0:
			return Success, "with MFA"
		case enrolled:
			return NeverChallenged, "the user has enrolled factors and logs in with no MFA prompt"
		default:
			return Success, "without MFA: the user has no enrolled factor and none is required"
		}
	case simulate.Denied:
		if res.Error == "" {
			return Denied, "denied by an Action"
		}
		return Denied, res.Error
	}
	if res.ScenarioError {
		return LockedOut, "the state could not be simulated: " + res.Error
	}
	if strings.Contains(res.Error, "no factor that can be enrolled") ||
		(strings.HasPrefix(res.Error, "enrollWith") && strings.Contains(res.Error, "none of the requested factors")) {
		return CannotEnroll, res.Error
	}
	cause = res.Error
	for _, l := range res.Logs {
		if l.Type == "mfar" {
			cause = l.Description + " (" + res.Error + ")"
			break
		}
	}
	return LockedOut, cause
}

// Shrink makes a state minimal for a property: it resets one dimension at a time to its default
// (the first dimensions first: the enrolled factors) and keeps the change while keep still holds,
// until no reset keeps it.
func Shrink(st State, keep func(State) bool) State {
	cur := append(State(nil), st...)
	for changed := true; changed; {
		changed = false
		for d := range cur {
			if cur[d] == 0 {
				continue
			}
			try := append(State(nil), cur...)
			try[d] = 0
			if keep(try) {
				cur, changed = try, true
			}
		}
	}
	return cur
}

// condition describes a class by the values each dimension takes in it; dimensions that take every
// value are left out. "approximately" when the class is not the whole product of those values.
func condition(s *Space, c *Class) string {
	var parts []string
	product := 1
	var with, without []string
	allFactorsFixed := true
	for d, dim := range s.Dims {
		seen := c.seen[d]
		product *= len(seen)
		if dim.Factor != "" {
			switch {
			case len(seen) == len(dim.Values):
				allFactorsFixed = false
			case seen[1]:
				with = append(with, dim.Factor)
			default:
				without = append(without, dim.Factor)
			}
			continue
		}
		if len(seen) == len(dim.Values) {
			continue
		}
		var labels []string
		for v := range dim.Values {
			if seen[v] {
				labels = append(labels, dim.Values[v].Label)
			}
		}
		if len(labels) == 1 {
			if labels[0] == "absent" {
				parts = append(parts, dim.Path+" absent")
			} else {
				parts = append(parts, dim.Path+" = "+labels[0])
			}
		} else {
			parts = append(parts, dim.Path+" in {"+strings.Join(labels, ", ")+"}")
		}
	}
	var factors []string
	switch {
	case allFactorsFixed:
		factors = []string{"enrolledFactors = [" + strings.Join(with, ", ") + "]"}
	default:
		for _, f := range with {
			factors = append(factors, "enrolledFactors has "+f)
		}
		for _, f := range without {
			factors = append(factors, "enrolledFactors lacks "+f)
		}
	}
	parts = append(factors, parts...)
	out := strings.Join(parts, " and ")
	if out == "" || out == "enrolledFactors = []" && len(with) == 0 && !hasFactorDims(s) {
		out = "every state"
	}
	switch {
	case product == c.Count:
	case out == "every state":
		out = "every state not in another class"
	default:
		out = "approximately: " + out
	}
	return out
}

func hasFactorDims(s *Space) bool {
	for _, d := range s.Dims {
		if d.Factor != "" {
			return true
		}
	}
	return false
}

// scenarioYAML writes the scenario that reproduces a class, with the expectations of its outcome, as
// an item to paste under scenarios: in scenarios.yaml.
func scenarioYAML(sc *simulate.Scenario, res *simulate.Result) string {
	item := &yaml.Node{Kind: yaml.MappingNode}
	add := func(k string, v any) {
		var n yaml.Node
		_ = n.Encode(v)
		item.Content = append(item.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: k}, &n)
	}
	add("name", sc.Name)
	add("user", sc.User)
	if sc.HasRoles {
		add("roles", sc.Roles)
	}
	if len(sc.Event) > 0 {
		add("event", sc.Event)
	}
	if len(sc.Answers) > 0 {
		answers := make([]*yaml.Node, len(sc.Answers))
		for i, a := range sc.Answers {
			n := &yaml.Node{Kind: yaml.MappingNode}
			for _, kv := range [][2]string{{"factor", a.Factor}, {"method", a.Method}, {"result", a.Result}} {
				if kv[1] == "" || kv[0] == "result" && kv[1] == "success" {
					continue
				}
				n.Content = append(n.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: kv[0]}, &yaml.Node{Kind: yaml.ScalarNode, Value: kv[1]})
			}
			answers[i] = n
		}
		add("answers", answers)
	}
	expect := &yaml.Node{Kind: yaml.MappingNode}
	eadd := func(k string, v any) {
		var n yaml.Node
		_ = n.Encode(v)
		expect.Content = append(expect.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: k}, &n)
	}
	mfa := 0
	for _, p := range res.Prompts {
		if p.Kind == "challenge" || p.Kind == "enroll" {
			mfa++
		}
	}
	if res.Outcome == simulate.Success && mfa == 0 {
		eadd("exact", true)
		eadd("prompts", []any{})
	}
	eadd("outcome", res.Outcome)
	if res.Error != "" && !timedOut(res) {
		eadd("error", res.Error)
	}
	item.Content = append(item.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: "expect"}, expect)
	flowLeaves(item)
	doc := &yaml.Node{Kind: yaml.SequenceNode, Content: []*yaml.Node{item}}
	out, err := yaml.Marshal(doc)
	if err != nil {
		return ""
	}
	return string(out)
}

// flowLeaves writes the mappings and lists below the top two levels in flow style, as the example
// suites do: enrolledFactors: [{type: phone}].
func flowLeaves(n *yaml.Node) {
	for i := 1; i < len(n.Content); i += 2 {
		v := n.Content[i]
		if v.Kind == yaml.MappingNode {
			for j := 1; j < len(v.Content); j += 2 {
				if c := v.Content[j]; c.Kind == yaml.SequenceNode || c.Kind == yaml.MappingNode {
					c.Style = yaml.FlowStyle
				}
			}
		} else if v.Kind == yaml.SequenceNode {
			v.Style = yaml.FlowStyle
			for _, c := range v.Content {
				c.Style = yaml.FlowStyle
			}
		}
	}
}

// timedOut reports whether an Action of the login was stopped for time. Its scenario then expects
// the outcome alone: explore stops a looping Action sooner (--run-timeout) than simulate, which
// waits for the Action timeout, and says so in other words.
func timedOut(res *simulate.Result) bool {
	for _, l := range res.Logs {
		if l.Type == "actions_execution_failed" && l.Details["error_class"] == "action_timeout" {
			return true
		}
	}
	return false
}
