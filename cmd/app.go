// Package cmd wires mfactl's commands with cobra: flags, configuration, exit codes and output. The
// work itself is done by the config, validate and findings packages; only this package prints.
package cmd

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/mattn/go-isatty"
	"github.com/spf13/viper"
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
	// secrets are values that must never be printed (client secret, token, Action secret values);
	// every error and progress message of deploy and export goes through redact.
	secrets []string
}

// addSecret registers a value that must never be printed.
func (a *App) addSecret(s string) {
	if len(s) >= 4 {
		a.secrets = append(a.secrets, s)
	}
}

// redact replaces every registered secret in s.
func (a *App) redact(s string) string {
	for _, secret := range a.secrets {
		s = strings.ReplaceAll(s, secret, "<redacted>")
	}
	return s
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

// loadConfig reads --config, or ./mfactl.yaml when it exists.
func (a *App) loadConfig(path string) error {
	if path == "" {
		if _, err := os.Stat("mfactl.yaml"); err != nil {
			return nil
		}
		path = "mfactl.yaml"
	}
	a.v.SetConfigFile(path)
	ext := strings.TrimPrefix(filepath.Ext(path), ".")
	if ext != "json" && ext != "yaml" && ext != "yml" && ext != "toml" {
		a.v.SetConfigType("yaml")
	}
	if err := a.v.ReadInConfig(); err != nil {
		if _, statErr := os.Stat(path); statErr != nil {
			return usagef("could not read config file %q: %v", path, unwrapPath(statErr))
		}
		return usagef("could not read config file %q: %v", path, err)
	}
	return nil
}

func unwrapPath(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}

// useColor decides whether text output to w is coloured.
func (a *App) useColor(w io.Writer) bool {
	tty := false
	if f, ok := w.(*os.File); ok {
		tty = isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd())
	}
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
