package cmd

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"github.com/spf13/viper"

	"github.com/mfactl/mfactl/explore"
	"github.com/mfactl/mfactl/findings"
	"github.com/mfactl/mfactl/redact"
	"github.com/mfactl/mfactl/simulate"
)

const rootLong = `mfactl keeps an Auth0 tenant's MFA customization (post-login Actions that call
challengeWith, challengeWithAny, enrollWith and enrollWithAny) in the Deploy CLI's files (a
tenant.yaml, or a folder in its directory format: every command that takes a tenant takes
either), and checks it before it reaches a tenant.

Exit codes (every command, every format):
  0    ok
  1    error findings (warnings too with --strict), a failed expectation or deploy step,
       a refused conversion
  2    usage error: bad flag, unknown command, wrong arguments, bad setting
  3    runtime error: tenant.yaml cannot be read, service unreachable, internal error
  130  interrupted

Configuration: flags, then MFACTL_* environment variables (MFACTL_COLOR, MFACTL_FORMAT, …),
then the config file (--config, default ./mfactl.yaml when present). Deploy CLI settings
(AUTH0_KEYWORD_REPLACE_MAPPINGS, AUTH0_DOMAIN, …) are read from the environment or the
config file under their own names. A ./mfactl.yaml found in the working directory is
repository content: it may set only color, format, quiet, run, scenarios, strict and
AUTH0_KEYWORD_REPLACE_MAPPINGS (docs/usage.md, "Running on untrusted pull requests").`

// NewRoot builds the mfactl command tree for app.
func NewRoot(app *App) *cobra.Command {
	root := &cobra.Command{
		Use:           "mfactl",
		Short:         "Validate, simulate and deploy Auth0 MFA customized with post-login Actions",
		Long:          rootLong,
		Version:       Version,
		SilenceUsage:  true,
		SilenceErrors: true,
		PersistentPreRunE: func(c *cobra.Command, _ []string) error {
			if err := app.v.BindPFlags(c.Flags()); err != nil {
				return err
			}
			if err := app.loadConfig(app.v.GetString("config")); err != nil {
				return err
			}
			switch col := app.v.GetString("color"); col {
			case "auto", "always", "never":
			default:
				return usagef("--color must be auto, always or never, not %q", col)
			}
			return nil
		},
	}
	root.SetVersionTemplate("mfactl {{.Version}}\n")
	root.SetIn(app.Stdin)
	root.SetOut(app.Stdout)
	root.SetErr(app.Stderr)
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return &usageError{fmt.Errorf("%w\nRun '%s --help' for usage.", err, c.CommandPath())}
	})

	pf := root.PersistentFlags()
	pf.String("config", "", "config file (default ./mfactl.yaml when present)")
	pf.String("color", "auto", "colour output: auto, always or never (auto: only on a terminal; never with NO_COLOR or TERM=dumb)")
	pf.BoolP("quiet", "q", false, "print no summary or progress on stderr")
	root.Flags().Bool("version", false, "print mfactl's version")

	root.AddCommand(
		newValidateCmd(app),
		newSimulateCmd(app),
		newExploreCmd(app),
		newInitCmd(app),
		newDeployCmd(app),
		newExportCmd(app),
		newConvertCmd(app),
		newRulesCmd(app),
		newExplainCmd(app),
		newSchemaCmd(app),
		newVersionCmd(),
		newGenDocsCmd(),
	)
	registerCompletions(root)
	return root
}

// Main runs mfactl with args and returns the process exit code.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer) (code int) {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	app := &App{Stdin: stdin, Stdout: stdout, Stderr: stderr, Environ: os.Environ(), ctx: ctx}
	return app.run(args)
}

func (app *App) run(args []string) (code int) {
	// Everything printed goes through the secrets registered during the run.
	app.secrets = &redact.Set{}
	stdout, stderr := redact.NewWriter(app.Stdout, app.secrets), redact.NewWriter(app.Stderr, app.secrets)
	app.Stdout, app.Stderr = stdout, stderr
	defer func() {
		_ = stdout.Flush()
		_ = stderr.Flush()
	}()
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(app.Stderr, "mfactl: internal error: %v\n%s\nThis is a bug in mfactl; please report it with the command you ran.\n", r, debug.Stack())
			code = ExitRuntime
		}
	}()
	if app.ctx == nil {
		app.ctx = context.Background()
	}
	app.v = viper.New()
	app.v.SetEnvPrefix("MFACTL")
	app.v.SetEnvKeyReplacer(strings.NewReplacer("-", "_"))
	app.v.AutomaticEnv()

	root := NewRoot(app)
	root.SetArgs(args)
	err := root.ExecuteContext(app.ctx)
	if err != nil && app.ctx.Err() != nil {
		err = errInterrupted
	}
	if err != nil && isCobraUsageError(err) {
		err = &usageError{err}
	}
	switch {
	case err == nil, errors.Is(err, errFailed):
	case errors.Is(err, errInterrupted):
		fmt.Fprintln(app.Stderr, "mfactl: interrupted")
	default:
		fmt.Fprintf(app.Stderr, "mfactl: %s\n", errorText(app.redact(err.Error())))
	}
	return exitCode(err)
}

// isCobraUsageError recognises the errors cobra returns for unknown commands and bad arguments.
func isCobraUsageError(err error) bool {
	msg := err.Error()
	for _, p := range []string{"unknown command", "unknown flag", "unknown shorthand flag", "accepts ", "requires at least", "requires at most", "invalid argument"} {
		if strings.HasPrefix(msg, p) {
			return true
		}
	}
	return false
}

// maxArgs is cobra.MaximumNArgs with a usage error.
func maxArgs(n int) cobra.PositionalArgs {
	return func(c *cobra.Command, args []string) error {
		if len(args) > n {
			return usagef("%s takes at most %d argument(s), got %d: %s\nRun '%s --help' for usage.",
				c.CommandPath(), n, len(args), strings.Join(args, " "), c.CommandPath())
		}
		return nil
	}
}

// enumFlag checks a string flag against allowed values.
func enumFlag(name, value string, allowed ...string) error {
	for _, a := range allowed {
		if value == a {
			return nil
		}
	}
	return usagef("--%s must be one of %s, not %q", name, strings.Join(allowed, ", "), value)
}

// formatFor is the output format of command c among allowed. A --format on the command line (or
// MFACTL_FORMAT) must be one of them; one from a config file that this command does not offer (a
// shared mfactl.yaml with format: sarif, meant for validate) leaves the command's default.
func (app *App) formatFor(c *cobra.Command, allowed ...string) (string, error) {
	format := app.v.GetString("format")
	if c.Flags().Changed("format") || !app.v.InConfig("format") {
		return format, enumFlag("format", format, allowed...)
	}
	if v, fromEnv := app.lookupEnv("MFACTL_FORMAT"); fromEnv && v != "" {
		return format, enumFlag("format", format, allowed...)
	}
	if err := enumFlag("format", format, allowed...); err != nil {
		// Another command's format is meant for that command; anything else is a mistake.
		for _, other := range [][]string{findings.Formats(), simulate.Formats(), explore.Formats(), planFormats, exportFormats} {
			if enumFlag("format", format, other...) == nil {
				def, _ := c.Flags().GetString("format")
				return def, nil
			}
		}
		return format, err
	}
	return format, nil
}

var _ = pflag.ContinueOnError

// errorText makes an error message safe to print: every control character in the visible notation, and
// no line that a CI log could read as a workflow command (a line starting with "::"; "##[" anywhere
// is escaped by findings.Escape). Messages keep their own line breaks between lines.
func errorText(msg string) string {
	lines := strings.Split(msg, "\n")
	for i, line := range lines {
		line = findings.Escape(line)
		if t := strings.TrimLeft(line, " \t"); strings.HasPrefix(t, "::") {
			line = line[:len(line)-len(t)] + `\x3a` + t[1:]
		}
		lines[i] = line
	}
	return strings.Join(lines, "\n")
}
