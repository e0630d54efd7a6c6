package cmd

import (
	"errors"
	"fmt"
)

// Exit codes, the same for every command and format.
const (
	// ExitOK means success: no error findings, every expectation met, every step applied.
	ExitOK = 0
	// ExitFailed means findings with severity error (or warnings with --strict), a failed scenario
	// expectation, or a failed deploy step.
	ExitFailed = 1
	// ExitUsage means a bad flag, an unknown command, a wrong number of arguments or a bad setting.
	ExitUsage = 2
	// ExitRuntime means the input could not be read, a service could not be reached, or an internal
	// error.
	ExitRuntime = 3
	// ExitChanges means, only for deploy --dry-run --detailed-exitcode, that the plan has changes.
	ExitChanges = 4
	// ExitInterrupted means the run was interrupted (SIGINT).
	ExitInterrupted = 130
)

// usageError is a mistake in how mfactl was called.
type usageError struct{ err error }

func (e *usageError) Error() string { return e.err.Error() }
func (e *usageError) Unwrap() error { return e.err }

func usagef(format string, args ...any) error {
	return &usageError{fmt.Errorf(format, args...)}
}

// errFailed reports that the command ran and its result is a failure (exit 1); what failed has
// already been printed.
var errFailed = errors.New("failed")

// exitCode maps an error returned by a command to the process exit code.
func exitCode(err error) int {
	var ue *usageError
	switch {
	case err == nil:
		return ExitOK
	case errors.Is(err, errFailed):
		return ExitFailed
	case errors.Is(err, errChanges):
		return ExitChanges
	case errors.As(err, &ue):
		return ExitUsage
	case errors.Is(err, errInterrupted):
		return ExitInterrupted
	default:
		return ExitRuntime
	}
}

var errInterrupted = errors.New("interrupted")

// errChanges reports, for deploy --dry-run --detailed-exitcode, a plan with changes (exit 4).
var errChanges = errors.New("the plan has changes")
