package deploy

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"strings"
	"sync"
	"time"
)

// ApplyOptions tune Apply.
type ApplyOptions struct {
	// Concurrency bounds the writes in flight at once within a phase (default 8).
	Concurrency int
	// BuildTimeout bounds the wait for an Action to build and for a deploy to take effect (default 5m).
	BuildTimeout time.Duration
	// PollInterval is the first wait between status polls; it grows by half up to MaxPollInterval
	// (defaults 200ms and 2s).
	PollInterval    time.Duration
	MaxPollInterval time.Duration
	// Progress is told when each step starts and ends. Calls are serialized.
	Progress func(Event)
}

// EventKind says what happened to a step.
type EventKind int

// The event kinds.
const (
	StepStarted EventKind = iota
	StepWaiting
	StepDone
	StepFailed
)

// Event is a progress report of one step.
type Event struct {
	Kind    EventKind
	Step    *Step
	Message string
}

// BuildFailedError is returned when Auth0 could not build an Action's draft.
type BuildFailedError struct{ Action string }

func (e *BuildFailedError) Error() string {
	return fmt.Sprintf("Auth0 could not build the draft of %q (status failed); check its dependencies and the Actions editor in the Dashboard", e.Action)
}

// TimeoutError is returned when a build or a deploy does not finish in time.
type TimeoutError struct {
	Action  string
	Waiting string
	After   time.Duration
	Status  string
}

func (e *TimeoutError) Error() string {
	return fmt.Sprintf("%q was still not %s after %s (status %s); re-run deploy to continue, or raise --build-timeout", e.Action, e.Waiting, e.After.Round(time.Second), orNone(e.Status))
}

// Apply runs the plan's steps phase by phase and records each step's status. It stops after the first
// phase in which a step failed (the remaining steps stay NotRun), so that nothing is bound to an
// Action that did not deploy. The plan is re-computable from the tenant: a re-run converges.
func Apply(ctx context.Context, api API, p *Plan, opts ApplyOptions) error {
	if opts.Concurrency <= 0 {
		opts.Concurrency = 8
	}
	if opts.BuildTimeout <= 0 {
		opts.BuildTimeout = 5 * time.Minute
	}
	if opts.PollInterval <= 0 {
		opts.PollInterval = 200 * time.Millisecond
	}
	if opts.MaxPollInterval <= 0 {
		opts.MaxPollInterval = 2 * time.Second
	}
	a := &applier{api: api, opts: opts, ids: map[string]string{}}
	for _, s := range p.Steps {
		if s.actionID != "" && s.action != nil {
			a.ids[s.action.Spec.Name] = s.actionID
		}
	}
	var phases [][]*Step
	for i, s := range p.Steps {
		if i == 0 || s.Phase != p.Steps[i-1].Phase {
			phases = append(phases, nil)
		}
		phases[len(phases)-1] = append(phases[len(phases)-1], s)
	}
	for _, steps := range phases {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := a.phase(ctx, steps); err != nil {
			return err
		}
	}
	return nil
}

// phase applies the steps of one phase. A panic fails every step of the phase that had not finished.
func (a *applier) phase(ctx context.Context, steps []*Step) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = &PanicError{Value: r, Stack: debug.Stack()}
			for _, s := range steps {
				if a.status(s) == NotRun {
					a.fail(s, err)
				}
			}
		}
	}()
	switch steps[0].Phase {
	case PhaseFactors:
		return a.each(ctx, steps, a.setFactor)
	case PhaseActionDeploy:
		return a.deployActions(ctx, steps)
	}
	return a.each(ctx, steps, a.run)
}

func (a *applier) status(s *Step) StepStatus {
	a.mu.Lock()
	defer a.mu.Unlock()
	return s.Status
}

type applier struct {
	api  API
	opts ApplyOptions

	mu  sync.Mutex // guards ids and serializes Progress
	ids map[string]string
}

func (a *applier) report(kind EventKind, s *Step, msg string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	switch kind {
	case StepDone:
		s.Status = Applied
	case StepFailed:
		s.Status = Failed
	}
	if a.opts.Progress != nil {
		// A progress printer that panics must not stop the deploy half-way.
		_ = safely(func() error { a.opts.Progress(Event{Kind: kind, Step: s, Message: msg}); return nil })
	}
}

func (a *applier) fail(s *Step, err error) error {
	s.Err = err
	a.report(StepFailed, s, err.Error())
	return err
}

// each runs f for every step with bounded concurrency, reporting each step's start and end, and
// returns the first error after all have finished (steps in flight are not abandoned half-way).
func (a *applier) each(ctx context.Context, steps []*Step, f func(context.Context, *Step) error) error {
	errs := a.parallel(ctx, steps, func(ctx context.Context, s *Step) error {
		a.report(StepStarted, s, "")
		if err := f(ctx, s); err != nil {
			return a.fail(s, err)
		}
		a.report(StepDone, s, "")
		return nil
	})
	if len(errs) > 0 {
		return firstError(errs)
	}
	return ctx.Err()
}

// parallel runs f for every step, at most Concurrency at once, and collects the errors.
func (a *applier) parallel(ctx context.Context, steps []*Step, f func(context.Context, *Step) error) []error {
	sem := make(chan struct{}, a.opts.Concurrency)
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		errs []error
	)
	for _, s := range steps {
		if ctx.Err() != nil {
			break
		}
		sem <- struct{}{}
		wg.Add(1)
		go func() {
			defer func() { <-sem; wg.Done() }()
			if err := safely(func() error { return f(ctx, s) }); err != nil {
				var pe *PanicError
				if errors.As(err, &pe) && a.status(s) != Failed {
					a.fail(s, err)
				}
				mu.Lock()
				errs = append(errs, err)
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	return errs
}

func (a *applier) setFactor(ctx context.Context, s *Step) error {
	return a.api.SetFactor(ctx, s.factor.Name, s.factor.Enabled)
}

// run applies one step that is a single call (or a create with its recovery).
func (a *applier) run(ctx context.Context, s *Step) error {
	switch {
	case s.Resource == "phone message types":
		return a.api.SetMessageTypes(ctx, s.values)
	case s.Resource == "phone provider":
		return a.api.SetSelectedProvider(ctx, s.values[0])
	case s.Resource == "policies":
		return a.api.SetPolicies(ctx, s.values)
	case s.settings != nil:
		return a.api.UpdateTenantSettings(ctx, *s.settings)
	case strings.HasPrefix(s.Resource, "bindings "):
		return a.setBindings(ctx, s)
	case s.Change == "create":
		return a.createAction(ctx, s)
	case s.Change == "update":
		_, err := a.api.UpdateAction(ctx, s.actionID, s.action.Spec)
		return err
	case s.Change == "delete":
		return a.api.DeleteAction(ctx, s.actionID)
	}
	return fmt.Errorf("internal error: no way to apply %s %s", s.Change, s.Resource)
}

// createAction creates an Action. A create is never retried blindly: after an error that may hide a
// create that happened (5xx, lost connection) or a conflict, the Action is looked up by name.
func (a *applier) createAction(ctx context.Context, s *Step) error {
	created, err := a.api.CreateAction(ctx, s.action.Spec)
	if err != nil {
		var apiErr *APIError
		if errors.As(err, &apiErr) && apiErr.Status < 500 && apiErr.Status != 409 {
			return err
		}
		if ctx.Err() != nil {
			return err
		}
		existing, lerr := a.findAction(ctx, s.action.Spec.Name)
		if lerr != nil || existing == nil {
			return err
		}
		// It exists after all: make sure it holds what the file says.
		if _, uerr := a.api.UpdateAction(ctx, existing.ID, s.action.Spec); uerr != nil {
			return uerr
		}
		created = *existing
	}
	a.mu.Lock()
	a.ids[s.action.Spec.Name] = created.ID
	a.mu.Unlock()
	return nil
}

func (a *applier) findAction(ctx context.Context, name string) (*Action, error) {
	all, err := a.api.Actions(ctx)
	if err != nil {
		return nil, err
	}
	for i := range all {
		if all[i].Name == name {
			return &all[i], nil
		}
	}
	return nil, nil
}

func (a *applier) setBindings(ctx context.Context, s *Step) error {
	refs := s.bindings
	if refs == nil {
		refs = []BindingRef{}
	}
	var err error
	// Auth0 may refuse a binding for moments after a deploy ("Trying to create a binding for an
	// action that has not been deployed"); the deploy was confirmed, so a few short retries cover it.
	for attempt := 0; attempt < 5; attempt++ {
		if err = a.api.SetBindings(ctx, PostLogin, refs); err == nil {
			return nil
		}
		var apiErr *APIError
		if !errors.As(err, &apiErr) || apiErr.Status != 400 || !strings.Contains(apiErr.Message, "binding") {
			return err
		}
		if serr := sleep(ctx, time.Duration(attempt+1)*500*time.Millisecond); serr != nil {
			return err
		}
	}
	return err
}

// deployActions waits for every draft to build, deploys the built ones, and waits until each deploy
// has taken effect. One list call per poll serves every Action being waited for.
func (a *applier) deployActions(ctx context.Context, steps []*Step) error {
	for _, s := range steps {
		a.mu.Lock()
		s.actionID = a.ids[s.action.Spec.Name]
		a.mu.Unlock()
		a.report(StepStarted, s, "")
		a.report(StepWaiting, s, "waiting for the build")
	}
	var errs []error
	pending := append([]*Step(nil), steps...)
	// Wait for the builds.
	built, failed := a.waitFor(ctx, pending, "built", func(act *Action) (bool, error) {
		switch act.Status {
		case "built":
			return true, nil
		case "failed":
			return false, &BuildFailedError{Action: act.Name}
		}
		return false, nil
	})
	errs = append(errs, failed...)
	// Deploy the built ones.
	versions := map[*Step]string{}
	var vmu sync.Mutex
	errs = append(errs, a.parallel(ctx, built, func(ctx context.Context, s *Step) error {
		v, err := a.deployWhenBuilt(ctx, s)
		if err != nil {
			return a.fail(s, err)
		}
		vmu.Lock()
		versions[s] = v.ID
		vmu.Unlock()
		a.report(StepWaiting, s, "deployed version "+fmt.Sprint(v.Number)+", waiting for it to take effect")
		return nil
	})...)
	var deployed []*Step
	for _, s := range built {
		if s.Status != Failed {
			deployed = append(deployed, s)
		}
	}
	// Wait until each deploy shows as the deployed version.
	done, failed := a.waitFor(ctx, deployed, "deployed", func(act *Action) (bool, error) {
		return act.Deployed != nil && act.Deployed.Deployed && (act.AllChangesDeployed || act.Deployed.ID == versionOf(versions, act.Name, deployed)), nil
	})
	errs = append(errs, failed...)
	for _, s := range done {
		a.report(StepDone, s, "")
	}
	if len(errs) > 0 {
		return firstError(errs)
	}
	return ctx.Err()
}

func versionOf(versions map[*Step]string, name string, steps []*Step) string {
	for _, s := range steps {
		if s.action.Spec.Name == name {
			return versions[s]
		}
	}
	return ""
}

// deployWhenBuilt deploys, treating "must be in the 'built' state" as not yet built.
func (a *applier) deployWhenBuilt(ctx context.Context, s *Step) (Version, error) {
	delay := a.opts.PollInterval
	deadline := time.Now().Add(a.opts.BuildTimeout)
	for {
		v, err := a.api.DeployAction(ctx, s.actionID)
		var apiErr *APIError
		if err == nil || !errors.As(err, &apiErr) || apiErr.Status != 400 || !strings.Contains(apiErr.Message, "built") || time.Now().After(deadline) {
			return v, err
		}
		if serr := sleep(ctx, delay); serr != nil {
			return v, serr
		}
		delay = min(delay*3/2, a.opts.MaxPollInterval)
	}
}

// waitFor polls the tenant's Actions until cond holds for each step's Action, an Action fails, or
// the build timeout passes. It returns the steps that reached the condition and an error for each
// that did not (those steps are reported failed).
func (a *applier) waitFor(ctx context.Context, steps []*Step, what string, cond func(*Action) (bool, error)) (reached []*Step, errs []error) {
	if len(steps) == 0 {
		return nil, nil
	}
	waiting := map[string]*Step{}
	for _, s := range steps {
		waiting[s.actionID] = s
	}
	last := map[string]string{}
	delay := a.opts.PollInterval
	deadline := time.Now().Add(a.opts.BuildTimeout)
	for len(waiting) > 0 {
		all, err := a.pollActions(ctx, waiting)
		if err != nil {
			for _, s := range waiting {
				errs = append(errs, a.fail(s, err))
			}
			return reached, errs
		}
		for id, s := range waiting {
			act, ok := all[id]
			if !ok {
				continue
			}
			last[id] = act.Status
			okNow, err := cond(&act)
			if err != nil {
				errs = append(errs, a.fail(s, err))
				delete(waiting, id)
			} else if okNow {
				reached = append(reached, s)
				delete(waiting, id)
			}
		}
		if len(waiting) == 0 {
			break
		}
		if time.Now().After(deadline) {
			for id, s := range waiting {
				errs = append(errs, a.fail(s, &TimeoutError{Action: s.action.Spec.Name, Waiting: what, After: a.opts.BuildTimeout, Status: last[id]}))
			}
			break
		}
		if err := sleep(ctx, delay); err != nil {
			for _, s := range waiting {
				errs = append(errs, a.fail(s, err))
			}
			break
		}
		delay = min(delay*3/2, a.opts.MaxPollInterval)
	}
	// Keep the plan's order for reporting.
	order := map[*Step]int{}
	for i, s := range steps {
		order[s] = i
	}
	sortSteps(reached, order)
	return reached, errs
}

// pollActions reads the Actions being waited for: one at a time when there are few, one list call
// when there are many.
func (a *applier) pollActions(ctx context.Context, waiting map[string]*Step) (map[string]Action, error) {
	out := map[string]Action{}
	if len(waiting) <= 2 {
		for id := range waiting {
			act, err := a.api.Action(ctx, id)
			if err != nil {
				return nil, err
			}
			out[id] = act
		}
		return out, nil
	}
	all, err := a.api.Actions(ctx)
	if err != nil {
		return nil, err
	}
	for _, act := range all {
		out[act.ID] = act
	}
	return out, nil
}

func sortSteps(steps []*Step, order map[*Step]int) {
	for i := 1; i < len(steps); i++ {
		for j := i; j > 0 && order[steps[j]] < order[steps[j-1]]; j-- {
			steps[j], steps[j-1] = steps[j-1], steps[j]
		}
	}
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
