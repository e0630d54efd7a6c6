// Package simulate runs the post-login Login flow of a tenant.yaml for sample users (scenarios) and
// reports, for each, the Actions run and what they asked of api, the MFA prompts the user saw and
// answered, the tenant log events Auth0 would write, and the outcome. The semantics are those of
// docs/simulation.md.
package simulate

import (
	"github.com/mfactl/mfactl/jsrt"
	"github.com/mfactl/mfactl/source"
)

// Outcomes of a login.
const (
	Success = "success"
	Denied  = "denied"
	Failed  = "failed"
)

// Result is what happened in one scenario; its JSON is the public contract of `--format json`.
type Result struct {
	Name    string      `json:"name"`
	Outcome string      `json:"outcome"`
	Error   string      `json:"error"`
	Actions []ActionRun `json:"actions"`
	Prompts []Prompt    `json:"prompts"`
	Logs    []Log       `json:"logs"`
	// Requests are the outbound requests the Actions made, answered from the http: stubs.
	Requests []Request      `json:"requests"`
	User     map[string]any `json:"user"`
	Expect   *ExpectResult  `json:"expect"`

	// Steps is the story in order, for the text trace.
	Steps []Step `json:"-"`
	// ScenarioError is true when Error is a mistake in the scenario itself (not in the login).
	ScenarioError bool `json:"-"`
	// Span is where the scenario is in the scenarios file.
	Span source.Span `json:"-"`
}

// Passed reports whether the scenario counts as passed: its expectations hold and the scenario
// itself is sound.
func (r *Result) Passed() bool {
	return !r.ScenarioError && (r.Expect == nil || r.Expect.Passed)
}

// ActionRun is one execution of an Action's handler.
type ActionRun struct {
	Name    string      `json:"name"`
	Handler string      `json:"handler"`
	Calls   []jsrt.Call `json:"calls"`
	Console []string    `json:"console"`
	Error   string      `json:"error,omitempty"`
	// Location is where the error was thrown, file:line:col in the Action's code.
	Location string `json:"location,omitempty"`
	// Hint is, for a module the Action could not load, the modules: entry that mocks it, to paste
	// into the scenarios file.
	Hint string `json:"hint,omitempty"`
	// Note is what mfactl can tell about Error beyond the engine's message (a keyword with no mapping
	// on the line of a syntax error).
	Note string `json:"note,omitempty"`
}

// Prompt is one screen the user saw: an MFA prompt, or a form (kind form).
type Prompt struct {
	Action  string   `json:"action"`
	Command string   `json:"command"`
	Kind    string   `json:"kind"`
	Screen  string   `json:"screen"`
	Factors []string `json:"factors"`
	Default string   `json:"default"`
	Chosen  string   `json:"chosen"`
	Method  string   `json:"method,omitempty"`
	Result  string   `json:"result"`
	// Form and Fields are set for a form that api.prompt.render showed (kind form): its id and the
	// fields submitted (the render's fields with the user's answer over them).
	Form   string         `json:"form,omitempty"`
	Fields map[string]any `json:"fields,omitempty"`
	// PhoneBoth is true when this prompt offers phone by SMS or voice call, the user's choice
	// (preferredMethod 'both' on a tenant that lists both message types), so an answer's method:
	// decides. Not in the JSON: explore varies it.
	PhoneBoth bool `json:"-"`
}

// Log is one tenant log event.
type Log struct {
	Type        string         `json:"type"`
	Description string         `json:"description"`
	Date        string         `json:"date"`
	ClientID    string         `json:"client_id,omitempty"`
	UserID      string         `json:"user_id,omitempty"`
	Details     map[string]any `json:"details,omitempty"`
}

// ExpectResult says whether a scenario's expectations held.
type ExpectResult struct {
	Passed   bool     `json:"passed"`
	Failures []string `json:"failures"`
}

// Step is one line of the story of a scenario, for the text trace.
type Step struct {
	Kind string // "action", "call", "console", "error", "prompt", "log", "redirect", "note", "request", "snippet"
	// Index points into Actions, Prompts, Logs or Requests for those kinds.
	Index int
	// Sub is the index of the call or console line within its Action.
	Sub  int
	Text string
}

// Report is the result of a whole run.
type Report struct {
	Version   int       `json:"version"`
	Scenarios []*Result `json:"scenarios"`
	Summary   Summary   `json:"summary"`
}

// Summary counts scenarios.
type Summary struct {
	Scenarios           int `json:"scenarios"`
	Passed              int `json:"passed"`
	Failed              int `json:"failed"`
	WithoutExpectations int `json:"without_expectations"`
}

// NewReport summarises results.
func NewReport(results []*Result) *Report {
	r := &Report{Version: 1, Scenarios: results}
	if r.Scenarios == nil {
		r.Scenarios = []*Result{}
	}
	for _, res := range results {
		r.Summary.add(res)
	}
	return r
}

// add counts one result.
func (s *Summary) add(res *Result) {
	s.Scenarios++
	switch {
	case !res.Passed():
		s.Failed++
	case res.Expect == nil:
		s.WithoutExpectations++
	default:
		s.Passed++
	}
}

// Failed reports whether any scenario failed its expectations or is unsound.
func (r *Report) Failed() bool { return r.Summary.Failed > 0 }
