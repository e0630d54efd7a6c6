package deploy

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

// stubAPI answers every call with zero values, or as its hooks say.
type stubAPI struct {
	factors   func() ([]Factor, error)
	setFactor func(name string) error
	actions   func() ([]Action, error)
	action    func(id string) (Action, error)
	deploy    func(id string) (Version, error)
}

func (s *stubAPI) TenantSettings(context.Context) (TenantSettings, error) {
	return TenantSettings{}, nil
}
func (s *stubAPI) UpdateTenantSettings(context.Context, TenantSettings) error { return nil }
func (s *stubAPI) Factors(context.Context) ([]Factor, error) {
	if s.factors != nil {
		return s.factors()
	}
	return nil, nil
}
func (s *stubAPI) SetFactor(_ context.Context, name string, _ bool) error {
	if s.setFactor != nil {
		return s.setFactor(name)
	}
	return nil
}
func (s *stubAPI) MessageTypes(context.Context) ([]string, error)    { return []string{}, nil }
func (s *stubAPI) SetMessageTypes(context.Context, []string) error   { return nil }
func (s *stubAPI) SelectedProvider(context.Context) (string, error)  { return "auth0", nil }
func (s *stubAPI) SetSelectedProvider(context.Context, string) error { return nil }
func (s *stubAPI) Policies(context.Context) ([]string, error)        { return []string{}, nil }
func (s *stubAPI) SetPolicies(context.Context, []string) error       { return nil }
func (s *stubAPI) CreateAction(context.Context, ActionSpec) (Action, error) {
	return Action{ID: "new"}, nil
}
func (s *stubAPI) UpdateAction(_ context.Context, id string, _ ActionSpec) (Action, error) {
	return Action{ID: id}, nil
}
func (s *stubAPI) DeleteAction(context.Context, string) error              { return nil }
func (s *stubAPI) Bindings(context.Context, string) ([]Binding, error)     { return nil, nil }
func (s *stubAPI) SetBindings(context.Context, string, []BindingRef) error { return nil }
func (s *stubAPI) Actions(context.Context) ([]Action, error) {
	if s.actions != nil {
		return s.actions()
	}
	return nil, nil
}
func (s *stubAPI) Action(_ context.Context, id string) (Action, error) {
	if s.action != nil {
		return s.action(id)
	}
	return Action{ID: id}, nil
}
func (s *stubAPI) DeployAction(_ context.Context, id string) (Version, error) {
	if s.deploy != nil {
		return s.deploy(id)
	}
	return Version{ID: "v"}, nil
}

func TestReadStateRecoversPanics(t *testing.T) {
	api := &stubAPI{factors: func() ([]Factor, error) {
		var f *Factor
		return []Factor{*f}, nil // a nil dereference in a read goroutine
	}}
	_, err := ReadState(context.Background(), api)
	var pe *PanicError
	if !errors.As(err, &pe) || !strings.Contains(err.Error(), "internal error: runtime error: invalid memory address") || len(pe.Stack) == 0 {
		t.Fatalf("ReadState: %v", err)
	}
	if strings.Contains(err.Error(), "goroutine") || strings.Contains(err.Error(), "panic") {
		t.Errorf("the message holds a stack: %v", err)
	}
}

func TestApplyRecoversPanics(t *testing.T) {
	plan := func() *Plan {
		ta := targetAction("mfa", code1)
		return &Plan{Steps: []*Step{
			{Phase: PhaseFactors, Resource: "factor otp", Change: "enable", factor: &Factor{"otp", true}},
			{Phase: PhaseFactors, Resource: "factor sms", Change: "enable", factor: &Factor{"sms", true}},
			{Phase: PhaseActionDeploy, Resource: "action mfa", Change: "deploy", action: &ta, actionID: "id-mfa"},
			{Phase: PhasePolicies, Resource: "policies", Change: "set", values: []string{}},
		}}
	}
	opts := ApplyOptions{PollInterval: time.Millisecond, BuildTimeout: time.Second}

	// A panic in a parallel step fails that step; the others of the phase finish; later phases do not run.
	p := plan()
	err := Apply(context.Background(), &stubAPI{setFactor: func(name string) error {
		if name == "sms" {
			panic("boom in " + name)
		}
		return nil
	}}, p, opts)
	if err == nil || !strings.Contains(err.Error(), "internal error: boom in sms") {
		t.Fatalf("Apply: %v", err)
	}
	want := []StepStatus{Applied, Failed, NotRun, NotRun}
	for i, s := range p.Steps {
		if s.Status != want[i] {
			t.Errorf("step %d %s: %s, want %s", i, s.Resource, s.Status, want[i])
		}
	}

	// A panic while waiting for builds (in Apply's own goroutine) fails the phase's unfinished steps.
	p = plan()
	err = Apply(context.Background(), &stubAPI{action: func(string) (Action, error) {
		var m map[string]int
		m["x"] = 1 // assignment to a nil map
		return Action{}, nil
	}}, p, opts)
	if err == nil || !strings.Contains(err.Error(), "internal error: assignment to entry in nil map") {
		t.Fatalf("Apply while waiting: %v", err)
	}
	want = []StepStatus{Applied, Applied, Failed, NotRun}
	for i, s := range p.Steps {
		if s.Status != want[i] {
			t.Errorf("waiting: step %d %s: %s, want %s", i, s.Resource, s.Status, want[i])
		}
	}

	// A progress printer that panics does not stop the deploy.
	p = plan()
	opts.Progress = func(Event) { panic("printer") }
	if err := Apply(context.Background(), &stubAPI{action: func(id string) (Action, error) {
		return Action{ID: id, Name: "mfa", Status: "built", AllChangesDeployed: true, Deployed: &Version{ID: "v", Deployed: true}}, nil
	}}, p, opts); err != nil {
		t.Fatalf("Apply with a panicking printer: %v", err)
	}
	for i, s := range p.Steps {
		if s.Status != Applied {
			t.Errorf("printer: step %d %s: %s", i, s.Resource, s.Status)
		}
	}
}
