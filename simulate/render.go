package simulate

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/mattn/go-runewidth"
	"github.com/muesli/termenv"

	"github.com/mfactl/mfactl/findings"
)

// Formats lists the output formats of simulate.
func Formats() []string { return []string{"text", "json", "junit"} }

// RenderOptions control rendering.
type RenderOptions struct {
	Color bool
	// ScenariosPath names the scenarios file in JUnit output.
	ScenariosPath string
}

// Render writes a whole report in the named format.
func Render(w io.Writer, format string, r *Report, opts RenderOptions) error {
	out, err := NewWriter(w, format, opts)
	if err != nil {
		return err
	}
	for _, res := range r.Scenarios {
		if err := out.Write(res); err != nil {
			return err
		}
	}
	_, err = out.Close()
	return err
}

// Writer renders results one at a time, so that a run's memory does not grow with its size.
type Writer struct {
	w       io.Writer
	format  string
	opts    RenderOptions
	st      styles
	summary Summary
	cases   []junitCase
}

// NewWriter starts rendering in the named format.
func NewWriter(w io.Writer, format string, opts RenderOptions) (*Writer, error) {
	switch format {
	case "text", "json", "junit":
	default:
		return nil, fmt.Errorf("unknown format %q; expected one of %s", format, strings.Join(Formats(), ", "))
	}
	out := &Writer{w: w, format: format, opts: opts}
	if format == "text" {
		out.st = newStyles(w, opts.Color)
	}
	if format == "json" {
		if _, err := io.WriteString(w, "{\n  \"version\": 1,\n  \"scenarios\": ["); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// Write renders one result.
func (o *Writer) Write(r *Result) error {
	first := o.summary.Scenarios == 0
	o.summary.add(r)
	switch o.format {
	case "text":
		var b strings.Builder
		if !first {
			b.WriteString("\n")
		}
		writeScenario(&b, o.st, r)
		_, err := io.WriteString(o.w, b.String())
		return err
	case "json":
		sep := ",\n    "
		if first {
			sep = "\n    "
		}
		data, err := indentJSON(r, "    ")
		if err != nil {
			return err
		}
		_, err = io.WriteString(o.w, sep+string(data))
		return err
	default:
		o.cases = append(o.cases, junitCaseOf(r, o.opts.ScenariosPath))
		return nil
	}
}

// Close finishes the output and returns the summary.
func (o *Writer) Close() (Summary, error) {
	switch o.format {
	case "json":
		end := "\n  ]"
		if o.summary.Scenarios == 0 {
			end = "]"
		}
		data, err := indentJSON(o.summary, "  ")
		if err != nil {
			return o.summary, err
		}
		_, err = io.WriteString(o.w, end+",\n  \"summary\": "+string(data)+"\n}\n")
		return o.summary, err
	case "junit":
		return o.summary, writeJUnit(o.w, o.cases)
	}
	return o.summary, nil
}

// indentJSON encodes v as json.Encoder with two-space indentation would at the given depth, with
// DEL, C1 controls and "##[" escaped too (findings.EscapeJSON): the decoded text is exact, and no
// control character or workflow command reaches a terminal or CI log raw.
func indentJSON(v any, prefix string) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent(prefix, "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return findings.EscapeJSON(make([]byte, 0, b.Len()), bytes.TrimSuffix(b.Bytes(), []byte("\n"))), nil
}

// SummaryLine is the last line of a run, e.g. "3 scenarios: 2 passed, 1 failed".
func SummaryLine(s Summary) string {
	parts := []string{fmt.Sprintf("%d passed", s.Passed)}
	if s.Failed > 0 {
		parts = append(parts, fmt.Sprintf("%d failed", s.Failed))
	}
	if s.WithoutExpectations > 0 {
		parts = append(parts, fmt.Sprintf("%d without expectations", s.WithoutExpectations))
	}
	noun := "scenarios"
	if s.Scenarios == 1 {
		noun = "scenario"
	}
	return fmt.Sprintf("%d %s: %s", s.Scenarios, noun, strings.Join(parts, ", "))
}

// style is a lipgloss style that is skipped entirely when colour is off (plain text needs no work).
type style struct {
	s  lipgloss.Style
	on bool
}

// Render styles text.
func (st style) Render(text string) string {
	if !st.on {
		return text
	}
	return st.s.Render(text)
}

type styles struct {
	title, action, method, dim, prompt, log, good, bad, warn style
}

func newStyles(w io.Writer, color bool) styles {
	r := lipgloss.NewRenderer(w)
	if color {
		r.SetColorProfile(termenv.ANSI256)
	} else {
		r.SetColorProfile(termenv.Ascii)
	}
	base := r.NewStyle().TabWidth(lipgloss.NoTabConversion)
	mk := func(ls lipgloss.Style) style { return style{s: ls, on: color} }
	return styles{
		title:  mk(base.Bold(true)),
		action: mk(base.Foreground(lipgloss.Color("14")).Bold(true)),
		method: mk(base.Foreground(lipgloss.Color("6"))),
		dim:    mk(base.Faint(true)),
		prompt: mk(base.Foreground(lipgloss.Color("13")).Bold(true)),
		log:    mk(base.Foreground(lipgloss.Color("12"))),
		good:   mk(base.Foreground(lipgloss.Color("10")).Bold(true)),
		bad:    mk(base.Foreground(lipgloss.Color("9")).Bold(true)),
		warn:   mk(base.Foreground(lipgloss.Color("11"))),
	}
}

// logStyle colours a log type by what it says about the login (logtypes.go): s green, w yellow, the
// failures red, the steps in between plain.
func logStyle(st styles, typ string) style {
	switch logTypes[typ] {
	case logSuccess:
		return st.good
	case logWarning:
		return st.warn
	case logFailure:
		return st.bad
	}
	return style{}
}

func outcomeStyle(st styles, outcome string) style {
	switch outcome {
	case Success:
		return st.good
	case Denied:
		return st.warn
	}
	return st.bad
}

// writeScenario writes the text trace of one scenario. Every line starts with a fixed word after
// its indentation ("scenario", "action", "console:", "log" …), and all text that comes from the
// scenarios file, tenant.yaml or Action code is in findings.Escape's notation, so that none of it
// can start a line of its own, and so look like a workflow command to a CI runner, or reach the
// terminal as a control sequence.
func writeScenario(b *strings.Builder, st styles, res *Result) {
	esc := findings.Escape
	fmt.Fprintf(b, "%s %s\n", st.title.Render("scenario"), st.title.Render(esc(res.Name)))
	noCalls := false // "(no api calls)" waits for the requests and console lines that follow the action line
	for i, s := range res.Steps {
		groupNext := i+1 < len(res.Steps) && (res.Steps[i+1].Kind == "request" || res.Steps[i+1].Kind == "console")
		switch s.Kind {
		case "action":
			a := res.Actions[s.Index]
			fmt.Fprintf(b, "  %s %s %s\n", st.action.Render("action"), st.action.Render(esc(a.Name)), st.dim.Render(esc(a.Handler)))
			noCalls = len(a.Calls) == 0 && a.Error == ""
		case "call":
			c := res.Actions[s.Index].Calls[s.Sub]
			fmt.Fprintf(b, "    %s(%s)\n", st.method.Render("api."+esc(c.Method)), esc(args(c.Args)))
		case "console":
			fmt.Fprintf(b, "    %s %s\n", st.dim.Render("console:"), esc(res.Actions[s.Index].Console[s.Sub]))
		case "error":
			fmt.Fprintf(b, "    %s %s\n", st.bad.Render("error:"), esc(s.Text))
			if h := res.Actions[s.Index].Hint; h != "" {
				writeHint(b, st, h)
			}
		case "redirect":
			fmt.Fprintf(b, "  %s %s %s\n", st.prompt.Render("redirect"), esc(s.Text), st.dim.Render("(the user comes back to /continue)"))
		case "note":
			fmt.Fprintf(b, "    %s %s\n", st.dim.Render("·"), st.dim.Render(esc(s.Text)))
		case "request":
			q := res.Requests[s.Index]
			fmt.Fprintf(b, "    %s %s %s → %d\n", st.method.Render(esc(q.Via)), esc(q.Method), esc(q.URL), q.Status)
		case "snippet":
			fmt.Fprintf(b, "    %s %s\n", st.dim.Render("|"), esc(s.Text))
		case "prompt":
			writePrompt(b, st, res.Prompts[s.Index])
		case "log":
			l := res.Logs[s.Index]
			// Padded by the visible width of the plain text, then styled: the descriptions line up the
			// same with colour and without.
			typ := esc(l.Type)
			pad := strings.Repeat(" ", max(1, 25-runewidth.StringWidth(typ)))
			fmt.Fprintf(b, "    %s %s%s%s\n", st.log.Render("log"), logStyle(st, l.Type).Render(typ), pad, esc(l.Description))
		}
		if noCalls && !groupNext {
			fmt.Fprintf(b, "    %s\n", st.dim.Render("(no api calls)"))
			noCalls = false
		}
	}
	line := outcomeStyle(st, res.Outcome).Render(esc(res.Outcome))
	if res.Error != "" {
		msg := res.Error
		if res.ScenarioError {
			// A scenario error's first line says it all; the lines after it (an entry to paste) are above.
			if first, _, multi := strings.Cut(msg, "\n"); multi {
				msg = strings.TrimSuffix(first, ":")
			}
		}
		line += ": " + esc(msg)
	}
	fmt.Fprintf(b, "  %s %s\n", st.title.Render("outcome"), line)
	if e := res.Expect; e != nil {
		if e.Passed {
			fmt.Fprintf(b, "  %s %s\n", st.title.Render("expect "), st.good.Render("passed"))
		} else {
			fmt.Fprintf(b, "  %s %s\n", st.title.Render("expect "), st.bad.Render("FAILED"))
			for _, f := range e.Failures {
				fmt.Fprintf(b, "    %s %s\n", st.bad.Render("✗"), esc(f))
			}
		}
	}
	b.WriteString(verdictLine(st, res) + "\n")
}

// verdictLine is the last line of a scenario, one per scenario for CI logs (grep '^FAIL '):
// "PASS name", "FAIL name (2 failed expectations)" or "DONE name (no expectations)".
func verdictLine(st styles, res *Result) string {
	name := findings.Escape(res.Name)
	switch {
	case !res.Passed():
		var why []string
		if res.ScenarioError {
			why = append(why, "scenario error")
		}
		if e := res.Expect; e != nil && len(e.Failures) > 0 {
			noun := "failed expectations"
			if len(e.Failures) == 1 {
				noun = "failed expectation"
			}
			why = append(why, fmt.Sprintf("%d %s", len(e.Failures), noun))
		}
		return fmt.Sprintf("%s %s (%s)", st.bad.Render("FAIL"), name, strings.Join(why, ", "))
	case res.Expect == nil:
		return fmt.Sprintf("%s %s %s", st.dim.Render("DONE"), name, st.dim.Render("(no expectations)"))
	}
	return fmt.Sprintf("%s %s", st.good.Render("PASS"), name)
}

func writePrompt(b *strings.Builder, st styles, p Prompt) {
	esc := findings.Escape
	p.Kind, p.Command, p.Action, p.Default = esc(p.Kind), esc(p.Command), esc(p.Action), esc(p.Default)
	p.Chosen, p.Method, p.Result = esc(p.Chosen), esc(p.Method), esc(p.Result)
	escaped := make([]string, len(p.Factors))
	for i, f := range p.Factors {
		escaped[i] = esc(f)
	}
	p.Factors = escaped
	if p.Kind == "form" {
		fmt.Fprintf(b, "  %s %s %s\n", st.prompt.Render("form"), esc(p.Form), st.dim.Render("(api.prompt.render in "+p.Action+"; the user submits it and comes back to /continue)"))
		if p.Fields != nil {
			fmt.Fprintf(b, "    user: submits %s\n", esc(show(p.Fields)))
		}
		return
	}
	from := p.Command
	if p.Action != "" {
		from += " in " + p.Action
	} else {
		from = "api.multifactor.enable or the MFA policy, after the last Action"
	}
	fmt.Fprintf(b, "  %s %s\n", st.prompt.Render(p.Kind+" prompt"), st.dim.Render("("+from+")"))
	// In the words of expect's prompts items: screen, default, factors.
	factors := "[" + strings.Join(p.Factors, ", ") + "]"
	switch p.Screen {
	case "picker":
		fmt.Fprintf(b, "    screen: picker, factors: %s\n", factors)
	default:
		var others []string
		for _, f := range p.Factors {
			if f != p.Default {
				others = append(others, f)
			}
		}
		line := fmt.Sprintf("    screen: factor, default: %s, factors: %s", p.Default, factors)
		if len(others) > 0 {
			line += " " + st.dim.Render(fmt.Sprintf(`(%s behind "Try another method")`, strings.Join(others, ", ")))
		}
		b.WriteString(line + "\n")
	}
	if p.Chosen == "" {
		return
	}
	chosen := p.Chosen
	if p.Method != "" {
		chosen += " by " + p.Method
	}
	verb := map[string]string{"challenge": "uses", "enroll": "enrolls"}[p.Kind]
	fmt.Fprintf(b, "    user: %s %s: %s\n", verb, chosen, p.Result)
}

// args renders call arguments as compact JSON.
func args(list []any) string {
	parts := make([]string, len(list))
	for i, a := range list {
		s := show(a)
		if a == nil {
			s = "undefined"
		}
		parts[i] = s
	}
	return strings.Join(parts, ", ")
}

type junitSuites struct {
	XMLName  xml.Name   `xml:"testsuites"`
	Name     string     `xml:"name,attr"`
	Tests    int        `xml:"tests,attr"`
	Failures int        `xml:"failures,attr"`
	Suite    junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Errors   int         `xml:"errors,attr"`
	Skipped  int         `xml:"skipped,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	ClassName string        `xml:"classname,attr"`
	Name      string        `xml:"name,attr"`
	Failure   *junitFailure `xml:"failure,omitempty"`
	SystemOut string        `xml:"system-out,omitempty"`
}

type junitFailure struct {
	Type    string `xml:"type,attr"`
	Message string `xml:"message,attr"`
	Body    string `xml:",chardata"`
}

// junitCaseOf is one testcase per scenario; a scenario fails when its expectations do not hold or
// the scenario itself is wrong.
// Text in it is in findings.Escape's notation: XML 1.0 cannot hold most control characters, and each
// failure stays on one line of the failure body.
func junitCaseOf(res *Result, scenariosPath string) junitCase {
	esc := findings.Escape
	c := junitCase{ClassName: esc(scenariosPath), Name: esc(res.Name), SystemOut: "outcome: " + esc(res.Outcome)}
	if res.Error != "" {
		c.SystemOut += "\nerror: " + esc(res.Error)
	}
	if !res.Passed() {
		var lines []string
		msg := res.Error
		if res.Expect != nil && !res.Expect.Passed {
			lines = res.Expect.Failures
			msg = res.Expect.Failures[0]
		}
		if res.ScenarioError {
			lines = append([]string{res.Error}, lines...)
		}
		escaped := make([]string, len(lines))
		for i, l := range lines {
			escaped[i] = esc(l)
		}
		c.Failure = &junitFailure{Type: "expectation", Message: esc(msg), Body: strings.Join(escaped, "\n")}
	}
	return c
}

func writeJUnit(w io.Writer, cases []junitCase) error {
	suite := junitSuite{Name: "mfactl simulate", Cases: cases, Tests: len(cases)}
	for _, c := range cases {
		if c.Failure != nil {
			suite.Failures++
		}
	}
	out := junitSuites{Name: "mfactl simulate", Tests: suite.Tests, Failures: suite.Failures, Suite: suite}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(out); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// writeHint prints the modules: entry that mocks a module an Action could not load, each line
// indented under a fixed word, ready to paste into the scenarios file.
func writeHint(b *strings.Builder, st styles, hint string) {
	fmt.Fprintf(b, "    %s\n", st.dim.Render("hint: to mock it, add to the scenarios file:"))
	for _, line := range strings.Split(hint, "\n") {
		fmt.Fprintf(b, "    %s %s\n", st.dim.Render("|"), findings.Escape(line))
	}
}

// show renders a value compactly as JSON, for api call arguments and form fields.
func show(v any) string {
	if v == nil {
		return "nothing"
	}
	// Not json.Marshal: it writes &, < and > as \u0026, \u003c and \u003e, which makes URLs unreadable.
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return fmt.Sprint(v)
	}
	s := strings.TrimSuffix(buf.String(), "\n")
	if len(s) > 200 {
		s = s[:197] + "..."
	}
	return strings.ReplaceAll(s, "\n", " ")
}
