package deploy

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"sort"
	"sync"
)

// PostLogin is the trigger mfactl manages.
const PostLogin = "post-login"

// State is the MFA setup a tenant has, as read through the Management API.
type State struct {
	Settings TenantSettings
	// Factors maps each Guardian factor name to whether it is enabled.
	Factors map[string]bool
	// MessageTypes is nil when the tenant does not offer the endpoint.
	MessageTypes []string
	// MessageTypesAvailable is false when the endpoint answered 403 or 404.
	MessageTypesAvailable bool
	// Provider is the legacy phone provider; ProviderAvailable is false on tenants that answer 403/404.
	Provider          string
	ProviderAvailable bool
	Policies          []string
	// Actions are the custom post-login Actions, sorted by name.
	Actions []Action
	// Bindings are the post-login bindings in execution order.
	Bindings []Binding
}

// ActionByName returns the tenant's Action with that name, or nil.
func (s *State) ActionByName(name string) *Action {
	for i := range s.Actions {
		if s.Actions[i].Name == name {
			return &s.Actions[i]
		}
	}
	return nil
}

// ReadState reads everything mfactl manages, with the reads made concurrently.
func ReadState(ctx context.Context, api API) (*State, error) {
	s := &State{}
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		errs []error
	)
	read := func(f func() error) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := safely(f); err != nil {
				mu.Lock()
				errs = append(errs, err)
				mu.Unlock()
			}
		}()
	}
	read(func() (err error) { s.Settings, err = api.TenantSettings(ctx); return })
	read(func() error {
		fs, err := api.Factors(ctx)
		if err != nil {
			return err
		}
		s.Factors = make(map[string]bool, len(fs))
		for _, f := range fs {
			s.Factors[f.Name] = f.Enabled
		}
		return nil
	})
	read(func() error {
		types, err := api.MessageTypes(ctx)
		if errors.Is(err, ErrUnavailable) {
			return nil
		}
		if err != nil {
			return err
		}
		s.MessageTypes, s.MessageTypesAvailable = types, true
		return nil
	})
	read(func() error {
		p, err := api.SelectedProvider(ctx)
		if errors.Is(err, ErrUnavailable) {
			return nil
		}
		if err != nil {
			return err
		}
		s.Provider, s.ProviderAvailable = p, true
		return nil
	})
	read(func() (err error) { s.Policies, err = api.Policies(ctx); return })
	read(func() error {
		as, err := api.Actions(ctx)
		if err != nil {
			return err
		}
		sort.SliceStable(as, func(i, j int) bool { return as[i].Name < as[j].Name })
		s.Actions = as
		return nil
	})
	read(func() (err error) { s.Bindings, err = api.Bindings(ctx, PostLogin); return })
	wg.Wait()
	if len(errs) > 0 {
		return nil, firstError(errs)
	}
	return s, nil
}

// firstError picks the most useful of several concurrent errors: a cancellation last, so that a
// real API error is reported rather than the cancellation it caused.
func firstError(errs []error) error {
	for _, err := range errs {
		if !errors.Is(err, context.Canceled) {
			return err
		}
	}
	return errs[0]
}

// PanicError is a panic recovered in deploy: a bug in mfactl, reported as the failure of the read or
// the step it happened in rather than crashing the run from a goroutine no caller could recover.
type PanicError struct {
	Value any
	// Stack is where it happened, for debugging; it is not part of the message.
	Stack []byte
}

func (e *PanicError) Error() string {
	return fmt.Sprintf("internal error: %v (a bug in mfactl; please report it with the command you ran)", e.Value)
}

// recovered turns a panic into a PanicError in *err. Use it as "defer recovered(&err)".
func recovered(err *error) {
	if r := recover(); r != nil {
		*err = &PanicError{Value: r, Stack: debug.Stack()}
	}
}

// safely runs f, returning a panic as a PanicError.
func safely(f func() error) (err error) {
	defer recovered(&err)
	return f()
}
