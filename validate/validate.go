// Package validate checks a loaded tenant.yaml and its Action code for everything that makes an MFA
// customization with post-login Actions fail at login or at deploy. Each rule lives in its own file
// and is listed in the registry (All).
package validate

import (
	"runtime"
	"strings"
	"sync"

	"github.com/mfactl/mfactl/actioncode"
	"github.com/mfactl/mfactl/config"
	"github.com/mfactl/mfactl/findings"
	"github.com/mfactl/mfactl/source"
)

// Rule is one check.
type Rule interface {
	// Info describes the rule.
	Info() findings.RuleInfo
	// Check reports the rule's findings through c.
	Check(c *Context)
}

// BoundAction is one post-login binding with the Action it names (nil when the file has no such
// Action) and the analysis of its code (nil when the code could not be read or parsed).
type BoundAction struct {
	Binding *config.Binding
	Action  *config.Action
	Code    *actioncode.Analysis
}

// Context is what rules read, and where they report.
type Context struct {
	Tenant *config.Tenant
	// Code holds the analysis of every Action whose code was read (syntax errors included).
	Code map[*config.Action]*actioncode.Analysis
	// Flow is the post-login bindings in order.
	Flow []BoundAction

	rule     findings.RuleInfo
	findings []findings.Finding
}

// Report adds a finding of the current rule.
func (c *Context) Report(span source.Span, sev findings.Severity, format string, args ...any) {
	c.findings = append(c.findings, findings.New(span, sev, c.rule.ID, format, args...))
}

// CodeSpan converts a span in an Action's code to a position in its file.
func (c *Context) CodeSpan(a *config.Action, s actioncode.Span) source.Span {
	return a.CodeFile.SpanOf(s.Start, s.End)
}

// Parsed returns the analysis of a's code when it parsed, else nil.
func (c *Context) Parsed(a *config.Action) *actioncode.Analysis {
	if a == nil {
		return nil
	}
	an := c.Code[a]
	if an == nil || an.SyntaxError != nil {
		return nil
	}
	return an
}

// Options control a run.
type Options struct {
	// Rules to run; default All().
	Rules []Rule
}

// Run checks t and returns its findings (the loader's included), sorted.
func Run(t *config.Tenant, opts Options) []findings.Finding {
	rules := opts.Rules
	if rules == nil {
		rules = All()
	}
	c := &Context{Tenant: t, Code: analyse(t.Actions)}
	for _, b := range t.PostLogin {
		ba := BoundAction{Binding: b, Action: t.ActionByName(b.ActionName.Value)}
		ba.Code = c.Parsed(ba.Action)
		c.Flow = append(c.Flow, ba)
	}
	all := append([]findings.Finding(nil), t.Findings...)
	for _, r := range rules {
		c.rule = r.Info()
		c.findings = c.findings[:0]
		r.Check(c)
		all = append(all, c.findings...)
	}
	return findings.Sort(all)
}

// analyse parses every Action's code, in parallel across cores.
func analyse(actions []*config.Action) map[*config.Action]*actioncode.Analysis {
	out := make(map[*config.Action]*actioncode.Analysis, len(actions))
	var todo []*config.Action
	for _, a := range actions {
		if a.CodeFile != nil {
			todo = append(todo, a)
		}
	}
	results := make([]*actioncode.Analysis, len(todo))
	workers := min(runtime.GOMAXPROCS(0), len(todo))
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				results[i] = actioncode.Analyze(maskedCode(todo[i].CodeFile))
			}
		}()
	}
	for i := range todo {
		next <- i
	}
	close(next)
	wg.Wait()
	for i, a := range todo {
		out[a] = results[i]
	}
	return out
}

// Infos returns the descriptions of rules, for renderers and docs.
func Infos(rules []Rule) []findings.RuleInfo {
	out := make([]findings.RuleInfo, len(rules))
	for i, r := range rules {
		out[i] = r.Info()
	}
	return out
}

// severityFor is error when every entry of a command is affected (the command can never run) and
// warning when only some are (those are dropped, with a `w` tenant log, for every login).
func severityFor(bad, total int) findings.Severity {
	if bad >= total {
		return findings.Error
	}
	return findings.Warning
}

// mfaCalls returns the four MFA commands among an analysis's calls.
func mfaCalls(an *actioncode.Analysis) []actioncode.Call {
	if an == nil {
		return nil
	}
	var out []actioncode.Call
	for _, call := range an.Calls {
		if call.Method.IsMFACommand() {
			out = append(out, call)
		}
	}
	return out
}

// callsOf returns the calls of method m.
func callsOf(an *actioncode.Analysis, m actioncode.Method) []actioncode.Call {
	if an == nil {
		return nil
	}
	var out []actioncode.Call
	for _, call := range an.Calls {
		if call.Method == m {
			out = append(out, call)
		}
	}
	return out
}

// postLoginActions returns the Actions that declare the post-login trigger, bound or not, with
// their parsed code.
func (c *Context) postLoginActions() []*config.Action {
	var out []*config.Action
	for _, a := range c.Tenant.Actions {
		if a.Supports("post-login") != nil {
			out = append(out, a)
		}
	}
	return out
}

// isBound reports whether a is bound to post-login.
func (c *Context) isBound(a *config.Action) bool {
	for _, b := range c.Flow {
		if b.Action == a {
			return true
		}
	}
	return false
}

// maskedCode returns an Action's code for analysis: a bare @@KEY@@ with no mapping (not inside a
// string) is no JavaScript, but it is a value once mapped, so it is read as the identifier __KEY__,
// a value the analysis does not know. Lengths are kept, so every position stays.
func maskedCode(f *source.File) []byte {
	text := f.Text
	var out []byte
	for _, r := range f.UnresolvedRanges() {
		if text[r[0]] != '@' || (r[0] > 0 && strings.IndexByte("'\"`", text[r[0]-1]) >= 0) {
			continue
		}
		if out == nil {
			out = append([]byte(nil), text...)
		}
		out[r[0]], out[r[0]+1], out[r[1]-2], out[r[1]-1] = '_', '_', '_', '_'
	}
	if out == nil {
		return text
	}
	return out
}
