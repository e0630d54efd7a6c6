package simulate

import (
	"context"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/mfactl/mfactl/actioncode"
	"github.com/mfactl/mfactl/config"
	"github.com/mfactl/mfactl/jsrt"
	"github.com/mfactl/mfactl/source"
)

// Simulator runs scenarios against one tenant. It compiles every bound Action once.
type Simulator struct {
	Tenant *config.Tenant
	File   *File
	// ActionTimeout is how long one Action may run (default jsrt.Timeout, Auth0's 20 s).
	ActionTimeout time.Duration
	// RunTimeout, when set, stops an Action whose JavaScript runs this long in real time: a loop
	// (jsrt.Options.RunTimeout).
	RunTimeout time.Duration
	// NodeModules is where the Actions' installed dependencies load from (nil: none).
	NodeModules *jsrt.NodeModules
	flow        []boundAction
	// unboundMFA names the Actions that ask for MFA but are not bound to post-login: every trace
	// says so, since the login then succeeds without them.
	unboundMFA []string
}

type boundAction struct {
	name    string
	action  *config.Action
	program *jsrt.Program
	// problem is why the Action cannot run (missing, no code, does not compile).
	problem string
	// note explains problem when mfactl can tell more (a keyword left in the code).
	note    string
	secrets map[string]any
	// deps are the names of the Action's declared dependencies, the packages it may require.
	deps []string
}

// New prepares a simulator: the post-login bindings in order, each Action compiled once.
func New(t *config.Tenant, f *File) *Simulator {
	s := &Simulator{Tenant: t, File: f}
	for _, b := range t.PostLogin {
		ba := boundAction{name: b.ActionName.Value, action: t.ActionByName(b.ActionName.Value), secrets: map[string]any{}}
		switch {
		case ba.action == nil:
			ba.problem = fmt.Sprintf("action %q is bound to post-login but is not in tenant.yaml", ba.name)
		case ba.action.CodeFile == nil:
			ba.problem = fmt.Sprintf("the code of action %q could not be read (run mfactl validate)", ba.name)
		default:
			p, err := jsrt.Compile(ba.action.CodeFile.Path, ba.action.CodeFile.Text)
			if err != nil {
				msg := err.Error()
				if se, ok := err.(*jsrt.SyntaxError); ok {
					sp := ba.action.CodeFile.SpanOf(se.Offset, se.Offset+1)
					msg = fmt.Sprintf("SyntaxError: %s (%s:%d:%d)", se.Message, sp.File, sp.Line, sp.Col)
					ba.note = keywordHint(ba.action.CodeFile, se.Offset)
				}
				ba.problem = msg
			}
			ba.program = p
			ba.deps = []string{}
			for _, d := range ba.action.Dependencies {
				if d.Name.Set {
					ba.deps = append(ba.deps, d.Name.Value)
				}
			}
			for _, sec := range ba.action.Secrets {
				if sec.Name.Set {
					ba.secrets[sec.Name.Value] = sec.Value.Value
				}
			}
		}
		s.flow = append(s.flow, ba)
	}
	s.unboundMFA = unboundMFAActions(t)
	return s
}

// keywordHint explains a syntax error at a keyword with no mapping: the Deploy CLI replaces it
// before the code is deployed, so the code as written is not the code that runs.
func keywordHint(f *source.File, offset int) string {
	ps, _ := f.Unresolved()
	for _, p := range ps {
		if offset >= p.Start && offset < p.Start+len(p.Text) {
			return fmt.Sprintf("the keyword %s has no mapping: pass --keyword %s=VALUE (or a --keywords-file) to replace it as the Deploy CLI does", p.Text, p.Key)
		}
	}
	return ""
}

// unboundMFAActions names the Actions whose code asks for MFA (one of the four commands, or
// api.multifactor.enable with another provider than 'none') that no post-login binding names.
func unboundMFAActions(t *config.Tenant) []string {
	bound := map[string]bool{}
	for _, b := range t.PostLogin {
		bound[b.ActionName.Value] = true
	}
	var out []string
	for _, a := range t.Actions {
		if bound[a.Name.Value] || a.CodeFile == nil || t.BindingsUnknown {
			continue
		}
		for _, c := range actioncode.Analyze(a.CodeFile.Text).Calls {
			if c.Method.IsMFACommand() || (c.Method == actioncode.MultifactorEnable && !(c.StringArgSet && c.StringArg == "none")) {
				out = append(out, a.Name.Value)
				break
			}
		}
	}
	return out
}

// RunAll runs scenarios in parallel across cores; results stay in input order.
func (s *Simulator) RunAll(ctx context.Context, scenarios []*Scenario) []*Result {
	results := make([]*Result, 0, len(scenarios))
	_ = s.Stream(ctx, scenarios, func(r *Result) error {
		results = append(results, r)
		return nil
	})
	return results
}

// Stream runs scenarios in parallel across cores and calls emit with each result in input order, as
// soon as it and every result before it are done, so a large suite is never held in memory at once.
// It stops at the first error emit returns.
func (s *Simulator) Stream(ctx context.Context, scenarios []*Scenario, emit func(*Result) error) error {
	return s.StreamFunc(ctx, len(scenarios), func(i int) *Scenario { return scenarios[i] }, emit)
}

// StreamFunc is Stream over n scenarios that scenario(i) builds when a worker needs the i-th (from
// several goroutines at once), so a caller with many states holds only the scenarios running and the
// results waiting for their turn. emit still gets the results in order 0..n-1.
func (s *Simulator) StreamFunc(ctx context.Context, n int, scenario func(i int) *Scenario, emit func(*Result) error) error {
	type done struct {
		i int
		r *Result
	}
	workers := max(1, min(runtime.GOMAXPROCS(0), n))
	next := make(chan int)
	out := make(chan done, workers)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				out <- done{i, s.Run(ctx, scenario(i))}
			}
		}()
	}
	go func() {
		defer close(next)
		for i := range n {
			select {
			case next <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() {
		wg.Wait()
		close(out)
	}()
	pending := map[int]*Result{}
	want := 0
	var err error
	for d := range out {
		pending[d.i] = d.r
		for err == nil {
			r, ok := pending[want]
			if !ok {
				break
			}
			delete(pending, want)
			want++
			if err = emit(r); err != nil {
				cancel()
			}
		}
	}
	return err
}

// login is the state of one simulated login.
type login struct {
	s   *Simulator
	sc  *Scenario
	ctx context.Context
	res *Result

	clock time.Time
	// event is the scenario's event; user and methods are its live parts.
	event   map[string]any
	user    map[string]any
	methods []any
	// appMetadata and userMetadata collect api.user changes, applied to the final user only.
	appMetadata, userMetadata map[string]any
	cache                     map[string]jsrt.CacheRecord

	hadFactorsAtStart bool
	multifactorGiven  bool     // the scenario set user.multifactor: it is not derived
	completed         []string // factors completed (challenged or enrolled) in this login
	challenged        bool     // a challenge was completed in this login
	commands          int      // MFA commands run, satisfied ones included
	answer            int      // the next answer to use
	enable            *string  // the last api.multifactor.enable provider
	allowRemember     bool
	done              bool
}

// Run simulates one scenario.
func (s *Simulator) Run(ctx context.Context, sc *Scenario) *Result {
	l := &login{s: s, sc: sc, ctx: ctx, clock: s.File.Now, cache: map[string]jsrt.CacheRecord{},
		res: &Result{Name: sc.Name, Actions: []ActionRun{}, Prompts: []Prompt{}, Logs: []Log{}, Requests: []Request{}, Span: sc.Span}}
	l.buildEvent()
	l.flow()
	l.finishUser()
	if sc.Expect != nil {
		l.res.Expect = checkAt(l.res, sc.Expect, sc.Exact, sc.expectAt)
	}
	return l.res
}

// buildEvent assembles the first Action's event (simulation.md §1 item 1): the default event, the
// file's defaults, the scenario's event, its user and roles, each deep-merged over the one before; then
// the optional fields set to null are removed and the derived fields filled in.
func (l *login) buildEvent() {
	e := defaultEvent(l.clock)
	if l.s.File.Defaults != nil {
		merge(e, l.s.File.Defaults)
	}
	if l.sc.Event != nil {
		merge(e, l.sc.Event)
	}
	if l.sc.User != nil {
		merge(obj(e, "user"), l.sc.User)
	}
	if l.sc.HasRoles {
		roles := make([]any, len(l.sc.Roles))
		for i, r := range l.sc.Roles {
			roles[i] = r
		}
		obj(e, "authorization")["roles"] = roles
	}
	_, l.multifactorGiven = obj(e, "user")["multifactor"]
	pruneNulls(e, eventType)
	completeEvent(e, l.clock)
	l.event = e
	l.user = obj(e, "user")
	if a, ok := e["authentication"].(map[string]any); ok {
		l.methods, _ = a["methods"].([]any)
	}
	// Users with a verified email are enrolled in email once the factor is enabled (decided, per the
	// Adaptive MFA docs).
	factors := l.enrolled()
	if l.s.Tenant.Factors.Enabled("email") && l.user["email_verified"] == true && !has(factors, "email") {
		list, _ := l.user["enrolledFactors"].([]any)
		l.user["enrolledFactors"] = append(list, map[string]any{"type": "email"})
	}
	l.hadFactorsAtStart = len(l.enrolled()) > 0
}

// syncMultifactor sets user.multifactor from the user's enrolled factors, enrollments earlier in this
// login included, unless the scenario gave it (simulation.md §1 item 1).
func (l *login) syncMultifactor() {
	if !l.multifactorGiven {
		l.user["multifactor"] = multifactorOf(l.user["enrolledFactors"])
	}
}

// enrolled returns the types of the user's enrolled factors (push is push-notification).
func (l *login) enrolled() []string {
	list, _ := l.user["enrolledFactors"].([]any)
	var out []string
	for _, f := range list {
		if m, ok := f.(map[string]any); ok {
			if t, ok := m["type"].(string); ok {
				out = append(out, normalize(t))
			}
		}
	}
	return out
}

// eventFor returns the event an Action sees when it begins: the current user (multifactor from its
// enrollments so far) and methods, a new request object, its own secrets.
func (l *login) eventFor(ba boundAction) map[string]any {
	l.syncMultifactor()
	// The runtime only reads the event, so a shallow copy of what changes is enough.
	e := make(map[string]any, len(l.event))
	for k, v := range l.event {
		e[k] = v
	}
	// A scenario that set authentication to null keeps it undefined.
	if a, ok := l.event["authentication"].(map[string]any); ok {
		auth := make(map[string]any, len(a))
		for k, v := range a {
			auth[k] = v
		}
		auth["methods"] = l.methods
		e["authentication"] = auth
	}
	e["secrets"] = ba.secrets
	return e
}

func (l *login) step(kind string, index, sub int, text string) {
	l.res.Steps = append(l.res.Steps, Step{Kind: kind, Index: index, Sub: sub, Text: text})
}

// flow runs the bound Actions in order (simulation.md §1).
func (l *login) flow() {
	if len(l.s.flow) == 0 {
		l.step("note", 0, 0, "no Action is bound to post-login")
	}
	for _, name := range l.s.unboundMFA {
		l.step("note", 0, 0, fmt.Sprintf("action %q asks for MFA but is not bound to post-login: it does not run in this login, so its MFA is not enforced", name))
	}
	for _, ba := range l.s.flow {
		if l.done {
			return
		}
		l.runAction(ba, "onExecutePostLogin", nil)
	}
	if l.done {
		return
	}
	l.afterLastAction()
	if l.done {
		return
	}
	l.log("s", "Successful login", nil)
	l.res.Outcome = Success
}

// runAction executes one handler and acts on what it asked for.
func (l *login) runAction(ba boundAction, handler string, resume map[string]any) {
	run := ActionRun{Name: ba.name, Handler: handler, Calls: []jsrt.Call{}, Console: []string{}}
	idx := len(l.res.Actions)
	if ba.problem != "" {
		run.Error, run.Note = ba.problem, ba.note
		l.res.Actions = append(l.res.Actions, run)
		l.step("action", idx, 0, "")
		l.step("error", idx, 0, ba.problem)
		if ba.note != "" {
			l.step("note", idx, 0, ba.note)
		}
		l.actionFailed(ba, "action_error", ba.problem)
		return
	}
	event := l.eventFor(ba)
	for k, v := range resume {
		// What the resumed handler sees after a redirect or a form: a new request, event.prompt.
		event[k] = v
	}
	out := ba.program.Run(l.ctx, jsrt.Options{Handler: handler, Event: event, Now: l.clock, Modules: l.s.File.Modules, Cache: l.cache, Timeout: l.s.ActionTimeout, RunTimeout: l.s.RunTimeout,
		Seed: actionSeed(l.sc.Name, idx, handler), NodeModules: l.s.NodeModules, Dependencies: ba.deps, HTTP: l.httpHandler()})
	l.clock = l.clock.Add(out.Elapsed)
	run.Calls = append(run.Calls, out.Calls...)
	run.Console = append(run.Console, out.Console...)
	if out.Err != nil {
		run.Error = out.Err.Error()
		run.Hint = out.Err.Hint
		if out.Err.Offset >= 0 {
			sp := ba.action.CodeFile.SpanOf(out.Err.Offset, out.Err.Offset+1)
			run.Location = fmt.Sprintf("%s:%d:%d", sp.File, sp.Line, sp.Col)
		}
	}
	if out.Err != nil && out.Err.Unanswered != nil {
		run.Error = fmt.Sprintf("stopped at %s %s, which no http: stub answers", out.Err.Unanswered.Method, out.Err.Unanswered.URL)
	}
	l.res.Actions = append(l.res.Actions, run)
	l.actionSteps(idx, run, out.Requests, out.ConsoleAt)
	if out.Err != nil && out.Err.Unanswered != nil {
		l.unanswered(out.Err.Unanswered)
		return
	}
	if out.Err != nil {
		msg := run.Error
		if run.Location != "" {
			msg += " at " + run.Location
		}
		l.step("error", idx, 0, msg)
		l.actionFailed(ba, out.Err.Class, msg)
		return
	}
	if out.Event != nil {
		// api.transaction.setMetadata and api.session changes are visible to later Actions.
		for _, k := range []string{"transaction", "session"} {
			if v, ok := out.Event[k]; ok {
				l.event[k] = v
			}
		}
	}
	var commands []jsrt.Call
	var redirect, render *jsrt.Call
	for i, c := range run.Calls {
		switch c.Method {
		case "access.deny", "session.revoke", "validation.error":
			reason := describeDeny(c)
			l.step("note", idx, i, fmt.Sprintf("%s: the login is denied after this Action; MFA commands it queued do not run", c.Method))
			l.fail(Denied, "f", reason, map[string]any{"action_name": ba.name, "reason": reason})
			return
		case "authentication.challengeWith", "authentication.challengeWithAny", "authentication.enrollWith", "authentication.enrollWithAny":
			commands = append(commands, c)
		case "redirect.sendUserTo":
			c := c
			redirect = &c
		case "prompt.render":
			c := c
			render = &c
		case "multifactor.enable":
			p, _ := argString(c.Args, 0)
			l.enable = &p
			if opts, ok := argMap(c.Args, 1); ok {
				l.allowRemember, _ = opts["allowRememberBrowser"].(bool)
			} else {
				l.allowRemember = false
			}
		case "user.setAppMetadata":
			l.setMetadata(&l.appMetadata, c)
		case "user.setUserMetadata":
			l.setMetadata(&l.userMetadata, c)
		}
	}
	// The Action has finished: the pipeline pauses for its MFA commands, in call order.
	for _, c := range commands {
		l.command(ba, c)
		if l.done {
			return
		}
	}
	if handler != "onExecutePostLogin" {
		return
	}
	switch {
	case redirect != nil:
		l.redirect(ba, idx, *redirect)
	case render != nil:
		l.form(ba, idx, *render)
	}
}

// redirect follows api.redirect.sendUserTo: the user leaves for the URL and comes back to /continue,
// where the same Action's onContinuePostLogin runs with a new event.request (simulation.md §1.4).
func (l *login) redirect(ba boundAction, idx int, c jsrt.Call) {
	url, _ := argString(c.Args, 0)
	if opts, ok := argMap(c.Args, 1); ok {
		if q, ok := opts["query"].(map[string]any); ok && len(q) > 0 {
			var parts []string
			for _, k := range sortedKeys(q) {
				parts = append(parts, fmt.Sprintf("%s=%v", k, q[k]))
			}
			sep := "?"
			if strings.Contains(url, "?") {
				sep = "&"
			}
			url += sep + strings.Join(parts, "&")
		}
	}
	if why := l.noPageWhy(); why != "" {
		l.step("note", idx, 0, fmt.Sprintf("api.redirect.sendUserTo cannot redirect: %s; check api.redirect.canRedirect() first", why))
		l.fail(Failed, "f", l.noPageError("api.redirect.sendUserTo cannot redirect"), map[string]any{"action_name": ba.name})
		return
	}
	l.step("redirect", idx, 0, url)
	req := l.newRequest()
	if l.sc.Continue != nil {
		merge(req, l.sc.Continue)
	}
	l.runAction(ba, "onContinuePostLogin", map[string]any{"request": req})
}

// newRequest is event.request after a pause: Auth0 issues a new one, with the query and body of the
// request that resumes the login.
func (l *login) newRequest() map[string]any {
	req := clone(obj(l.event, "request")).(map[string]any)
	req["query"] = map[string]any{}
	req["body"] = map[string]any{}
	return req
}

// form shows the form api.prompt.render asked for, takes the user's submission from the next answer,
// and runs the same Action's onContinuePostLogin with event.prompt = {id, fields, vars}: the render's
// fields with the submitted ones over them, and its vars (Auth0's "Render Forms using Actions" page).
func (l *login) form(ba boundAction, idx int, c jsrt.Call) {
	id, _ := argString(c.Args, 0)
	opts, _ := argMap(c.Args, 1)
	fields, _ := opts["fields"].(map[string]any)
	vars, _ := opts["vars"].(map[string]any)
	if why := l.noPageWhy(); why != "" {
		l.step("note", idx, 0, fmt.Sprintf("api.prompt.render cannot show form %s: %s", id, why))
		l.fail(Failed, "f", l.noPageError(fmt.Sprintf("api.prompt.render cannot show form %s", id)), map[string]any{"action_name": ba.name})
		return
	}
	submitted := map[string]any{}
	if fields != nil {
		submitted = clone(fields).(map[string]any)
	}
	p := Prompt{Action: ba.name, Command: "render", Kind: "form", Screen: "form", Form: id, Factors: []string{}, Result: "submitted"}
	if l.answer < len(l.sc.Answers) {
		a := l.sc.Answers[l.answer]
		if !a.IsForm {
			l.answer++
			l.answerError(p, fmt.Sprintf("answer %d (%s:%d) answers an MFA prompt, but this prompt is form %s, which api.prompt.render showed; write - form: {field: value} for it",
				l.answer, a.Span.File, a.Span.Line, id))
			return
		}
		l.answer++
		merge(submitted, a.Form)
	}
	p.Fields = submitted
	l.res.Prompts = append(l.res.Prompts, p)
	l.step("prompt", len(l.res.Prompts)-1, 0, "")
	l.clock = l.clock.Add(promptDuration)
	prompt := map[string]any{"id": id, "fields": submitted, "vars": map[string]any{}}
	if vars != nil {
		prompt["vars"] = clone(vars)
	}
	l.runAction(ba, "onContinuePostLogin", map[string]any{"request": l.newRequest(), "prompt": prompt})
}

func (l *login) setMetadata(target *map[string]any, c jsrt.Call) {
	key, ok := argString(c.Args, 0)
	if !ok {
		return
	}
	if *target == nil {
		*target = map[string]any{}
	}
	var v any
	if len(c.Args) > 1 {
		v = c.Args[1]
	}
	(*target)[key] = v
}

// finishUser shows the user as Auth0 would store it after the login: metadata changes applied.
func (l *login) finishUser() {
	l.syncMultifactor()
	u := clone(l.user).(map[string]any)
	apply := func(key string, changes map[string]any) {
		if changes == nil {
			return
		}
		m, _ := u[key].(map[string]any)
		if m == nil {
			m = map[string]any{}
		}
		for k, v := range changes {
			if v == nil {
				delete(m, k)
			} else {
				m[k] = v
			}
		}
		u[key] = m
	}
	apply("app_metadata", l.appMetadata)
	apply("user_metadata", l.userMetadata)
	l.res.User = u
}

func describeDeny(c jsrt.Call) string {
	switch c.Method {
	case "validation.error":
		code, _ := argString(c.Args, 0)
		msg, _ := argString(c.Args, 1)
		return strings.TrimSpace(code + ": " + msg)
	default:
		reason, _ := argString(c.Args, 0)
		if reason == "" {
			return "access denied by " + c.Method
		}
		return reason
	}
}

// actionFailed ends the login after an Action error (simulation.md §1.4).
func (l *login) actionFailed(ba boundAction, class, msg string) {
	l.log("actions_execution_failed", fmt.Sprintf("Action %q failed: %s", ba.name, msg), map[string]any{
		"action_name": ba.name, "trigger_id": "post-login", "error_class": class, "action_error": map[string]any{"message": msg},
	})
	l.res.Error = fmt.Sprintf("action %q failed: %s", ba.name, msg)
	l.fail(Failed, "f", fmt.Sprintf("Action %q failed: %s", ba.name, msg), nil)
}

// fail ends the login: one f log that says why, after any specific log (simulation.md §1.6).
func (l *login) fail(outcome, logType, why string, details map[string]any) {
	l.log(logType, why, details)
	l.res.Outcome = outcome
	if l.res.Error == "" && outcome == Failed {
		l.res.Error = why
	}
	l.done = true
}

func (l *login) log(typ, description string, details map[string]any) {
	client, _ := obj(l.event, "client")["client_id"].(string)
	userID, _ := l.user["user_id"].(string)
	l.res.Logs = append(l.res.Logs, Log{Type: typ, Description: description, Date: isoTime(l.clock), ClientID: client, UserID: userID, Details: details})
	l.step("log", len(l.res.Logs)-1, 0, "")
}

func argString(args []any, i int) (string, bool) {
	if i < len(args) {
		s, ok := args[i].(string)
		return s, ok
	}
	return "", false
}

func argMap(args []any, i int) (map[string]any, bool) {
	if i < len(args) {
		m, ok := args[i].(map[string]any)
		return m, ok
	}
	return nil, false
}

func has(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
