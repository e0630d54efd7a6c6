// Package cmd wires mfactl's commands with cobra: flags, configuration, exit codes and output. The
// work itself is done by the config, validate and findings packages; only this package prints.
package cmd

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/mattn/go-isatty"
	"github.com/spf13/viper"

	"github.com/mfactl/mfactl/redact"
)

// Version is mfactl's version; release builds set it with -ldflags "-X github.com/mfactl/mfactl/cmd.Version=…".
var Version = "0.1.0"

// App is what every command shares: its streams, environment and settings. A fresh App (and viper
// instance) is made for every run, so nothing leaks between runs or tests.
type App struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	// Environ is the process environment as KEY=VALUE pairs.
	Environ []string

	ctx context.Context
	v   *viper.Viper
	// secrets are values that must never be printed: the client secret, tokens, Action secret values
	// and keyword values. Stdout, Stderr and every output file are written through them.
	secrets *redact.Set
	// config is the config file in use, with where it came from.
	config configFile
}

// addSecret registers a value that must never be printed.
func (a *App) addSecret(s string) {
	a.secrets.Add(s, "<redacted>")
}

// redact replaces every registered secret in s.
func (a *App) redact(s string) string {
	return a.secrets.String(s)
}

// create creates an output file (--output) whose content is redacted like stdout. Close it with the
// returned function.
// It does not write through a link: a link committed where CI writes its report
// (mfactl.sarif -> ~/.bashrc) would otherwise overwrite any file the job can write. (Git cannot
// commit a device or a pipe, so those, such as /dev/null, are written to as named.)
func (a *App) create(path string) (io.Writer, func() error, error) {
	if info, err := os.Lstat(path); err == nil && info.Mode()&os.ModeSymlink != 0 {
		return nil, nil, fmt.Errorf("could not write %q: it is a link, and mfactl does not write through links (remove it first)", path)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC|noFollow, 0o644)
	if err != nil {
		return nil, nil, fmt.Errorf("could not write %q: %w", path, unwrapPath(err))
	}
	w := redact.NewWriter(f, a.secrets)
	return w, func() error {
		err := w.Flush()
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		return err
	}, nil
}

// terminal returns the file behind w when w is a terminal.
func terminal(w io.Writer) (*os.File, bool) {
	for {
		u, ok := w.(interface{ Unwrap() io.Writer })
		if !ok {
			break
		}
		w = u.Unwrap()
	}
	f, ok := w.(*os.File)
	if !ok || !(isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd())) {
		return nil, false
	}
	return f, true
}

// getenv looks a variable up in the App's environment.
func (a *App) getenv(key string) string {
	v, _ := a.lookupEnv(key)
	return v
}

func (a *App) lookupEnv(key string) (string, bool) {
	for i := len(a.Environ) - 1; i >= 0; i-- {
		if k, v, ok := strings.Cut(a.Environ[i], "="); ok && k == key {
			return v, true
		}
	}
	return "", false
}

// messagef prints a message on stderr unless --quiet.
func (a *App) messagef(format string, args ...any) {
	if a.v.GetBool("quiet") {
		return
	}
	fmt.Fprintf(a.Stderr, format, args...)
}

func unwrapPath(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}

// useColor decides whether text output to w is coloured.
func (a *App) useColor(w io.Writer) bool {
	_, tty := terminal(w)
	return colorDecision(a.v.GetString("color"), a.getenv("NO_COLOR"), a.getenv("TERM"), tty)
}

// colorDecision: --color always/never win; auto colours only a terminal, and never when NO_COLOR is
// set to a non-empty value (no-color.org) or TERM is dumb.
func colorDecision(setting, noColor, term string, tty bool) bool {
	switch setting {
	case "always":
		return true
	case "never":
		return false
	}
	return tty && noColor == "" && term != "dumb"
}
