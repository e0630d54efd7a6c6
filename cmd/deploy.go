package cmd

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/mattn/go-isatty"
	"github.com/spf13/cobra"

	"github.com/mfactl/mfactl/config"
	"github.com/mfactl/mfactl/deploy"
	"github.com/mfactl/mfactl/findings"
	"github.com/mfactl/mfactl/validate"
)

const deployLong = `Deploy pushes the MFA setup of tenant.yaml to an Auth0 tenant through the Management API:
guardian factors, phone message types and provider, post-login Actions (code, runtime,
dependencies, secrets, triggers), the post-login flow's bindings, the Customize-MFA toggle and
the MFA policy. It changes only what differs, so a second deploy of the same file makes no
write call at all.

How it runs:
  1. validate tenant.yaml offline; any error finding stops the deploy (exit 1)
  2. read the tenant (in parallel) and print the plan: every change, with the fields it touches,
     a code diff summary for Actions and the old and new binding order. Secret values are never
     printed; they are compared by name, as the API never returns them
  3. ask for confirmation on a terminal (not with --yes, not when stdin is not a terminal)
  4. apply it in this order: factors; phone message types and provider; Actions created or
     updated, then built (polled) and deployed, all in parallel; the Customize-MFA toggle turned
     on BEFORE bindings that need it; the post-login bindings in file order; the toggle turned
     off only after; deletions (with --allow-delete); the MFA policy last
  5. on a failure, stop and list which steps were applied and which were not. The tenant is
     left consistent step by step, and running deploy again finishes the job

Credentials, as the Deploy CLI reads them, from the environment or the config file:
  AUTH0_DOMAIN           the tenant's domain, e.g. my-tenant.eu.auth0.com (https only;
                         http:// is accepted for loopback test servers)
  AUTH0_CLIENT_ID        with AUTH0_CLIENT_SECRET: a machine-to-machine application
  AUTH0_CLIENT_SECRET    authorized for the Management API with the scopes
                         read:/update:tenant_settings, read:/update:guardian_factors,
                         read:/update:mfa_policies, read:/create:/update:/delete:actions
  AUTH0_ACCESS_TOKEN     or a Management API token instead of the client credentials

Rate limits (429) are waited out using x-ratelimit-reset / Retry-After; 5xx answers are retried
with capped exponential backoff for calls that are safe to repeat.

Exit codes: 0 applied (or nothing to do, or --dry-run); 1 validation errors, a plan that cannot
be applied, or a failed step; 2 usage error or missing credentials; 3 the tenant cannot be
read (unreachable, wrong credentials, missing scope); 130 interrupted.`

const deployExample = `  # See what would change on staging, change nothing
  AUTH0_DOMAIN=staging.eu.auth0.com AUTH0_CLIENT_ID=… AUTH0_CLIENT_SECRET=… mfactl deploy --dry-run

  # Deploy from CI, without a prompt, with the values of secrets from the environment
  mfactl deploy infra/auth0/tenant.yaml --yes --keyword RISK_API_KEY="$RISK_API_KEY"

  # Also delete post-login Actions that are no longer in tenant.yaml
  mfactl deploy --yes --allow-delete`

func newDeployCmd(app *App) *cobra.Command {
	c := &cobra.Command{
		Use:     "deploy [tenant.yaml]",
		Short:   "Apply tenant.yaml's MFA setup to an Auth0 tenant: a plan of what differs, in a safe order",
		Long:    deployLong,
		Example: deployExample,
		Args:    maxArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			return app.runDeploy(c, args)
		},
	}
	c.Flags().Bool("dry-run", false, "print the plan and change nothing (exit 0)")
	c.Flags().String("format", "text", "plan format: text, json or markdown (for a pull request comment)")
	c.Flags().StringP("output", "o", "", "write the plan to this file instead of stdout")
	c.Flags().Bool("detailed-exitcode", false, "with --dry-run, exit 4 when the plan has changes (0 when none)")
	c.Flags().BoolP("yes", "y", false, "apply without asking for confirmation")
	c.Flags().Bool("allow-delete", false, "delete post-login Actions that are on the tenant but not in tenant.yaml (default: AUTH0_ALLOW_DELETE, as the Deploy CLI)")
	c.Flags().Duration("build-timeout", 5*time.Minute, "how long to wait for an Action to build and deploy")
	c.Flags().Int("parallel", 8, "how many writes to make at once within a phase (1 makes the order of calls fixed)")
	addKeywordFlags(c, wholeEnv)
	return c
}

func (app *App) runDeploy(c *cobra.Command, args []string) (err error) {
	// Everything deploy prints or returns goes through red: the credentials are registered before
	// anything is read, so that no message, finding, plan line or error can show them.
	red := app.deployRedactor()
	defer func() { err = red.err(err) }()
	defer red.recoverPanic(&err)
	ctx := c.Context()
	keywords, err := app.keywordMappings(c)
	if err != nil {
		return err
	}
	if app.v.GetDuration("build-timeout") <= 0 {
		return usagef("--build-timeout must be positive")
	}
	if app.v.GetInt("parallel") < 1 {
		return usagef("--parallel must be at least 1")
	}
	format, err := app.formatFor(c, planFormats...)
	if err != nil {
		return err
	}
	allowDelete, err := app.allowDelete(c)
	if err != nil {
		return err
	}
	dryRun := app.v.GetBool("dry-run")
	if app.v.GetBool("detailed-exitcode") && !dryRun {
		return usagef("--detailed-exitcode needs --dry-run (it tells whether a plan has changes)")
	}
	path := tenantPath(args)
	tenant, err := config.Load(path, config.Options{Keywords: keywords, DisplayPath: filepath.Clean(path)})
	if err != nil {
		return err
	}
	app.protectUsedKeywords(keywords, tenant.Files())
	for _, a := range tenant.Actions {
		for _, s := range a.Secrets {
			red.add(s.Value.Value)
		}
	}
	// Validate first: a file with an error never reaches the tenant.
	fs := validate.Run(tenant, validate.Options{Rules: validate.All()})
	sum := findings.Summarize(fs, len(tenant.Files()))
	if sum.Errors > 0 {
		report := &findings.Report{Findings: fs, Files: tenant.Files(), Tool: "mfactl", Version: Version}
		var buf bytes.Buffer
		_ = findings.Render(&buf, "text", report, findings.Options{Color: app.useColor(app.Stderr)})
		fmt.Fprint(app.Stderr, red.redact(buf.String()))
		fmt.Fprintf(app.Stderr, "%s\nmfactl: not deploying: tenant.yaml has errors (run 'mfactl validate' for details)\n", red.text(findings.SummaryLine(sum)))
		return errFailed
	}
	// A value validate could not judge (a placeholder with no mapping) is not sent either: the tenant
	// would get the placeholder text, or keep a value the file means to change.
	if n := len(tenant.Unknown); n > 0 {
		u := tenant.Unknown[0]
		fmt.Fprintf(app.Stderr, "mfactl: not deploying: %d value(s) in the MFA sections hold a keyword with no mapping, the first at %s:%d:%d; pass the mappings (--keyword, --keywords-file, the environment) and run deploy again\n",
			n, red.text(u.File), u.Line, u.Col)
		return errFailed
	}

	api, domain, err := app.managementClient(c, red)
	if err != nil {
		return err
	}
	app.messagef("Reading the MFA setup of %s…\n", red.line(domain))
	state, err := deploy.ReadState(ctx, api)
	if err != nil {
		return red.readError(domain, err)
	}
	plan := deploy.NewPlan(state, deploy.TargetOf(tenant), deploy.PlanOptions{AllowDelete: allowDelete})
	out, closeOut := app.Stdout, func() error { return nil }
	if o := app.v.GetString("output"); o != "" {
		if out, closeOut, err = app.create(o); err != nil {
			return err
		}
	}
	err = writePlan(out, format, newPlanView(plan, domain, dryRun, tenant.Unmanaged), red)
	if cerr := closeOut(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("could not write the plan: %w", err)
	}
	if len(plan.Problems) > 0 {
		for _, p := range plan.Problems {
			fmt.Fprintf(app.Stderr, "mfactl: %s\n", red.line(p))
		}
		fmt.Fprintln(app.Stderr, "mfactl: not deploying: the plan cannot be applied as it is")
		return errFailed
	}
	if dryRun && app.v.GetBool("detailed-exitcode") && !plan.Empty() {
		return errChanges
	}
	if dryRun || plan.Empty() {
		return nil
	}
	if !app.v.GetBool("yes") && app.stdinIsTerminal() {
		ok, err := app.confirm(fmt.Sprintf("Apply %s to %s? [y/N] ", plural(len(plan.Steps), "change"), red.line(domain)))
		if err != nil {
			return err
		}
		if !ok {
			app.messagef("Nothing applied.\n")
			return nil
		}
	}

	progress := newDeployProgress(app, red.line)
	err = deploy.Apply(ctx, api, plan, deploy.ApplyOptions{
		BuildTimeout: app.v.GetDuration("build-timeout"),
		Concurrency:  app.v.GetInt("parallel"),
		Progress:     progress.event,
	})
	progress.close()
	if err == nil {
		app.messagef("Applied %s to %s.\n", plural(len(plan.Steps), "change"), red.line(domain))
		return nil
	}
	printOutcome(app.Stderr, plan, red.line)
	if ctx.Err() != nil {
		return errInterrupted
	}
	fmt.Fprintf(app.Stderr, "mfactl: deploy stopped: %s\nRun deploy again to finish: it re-reads the tenant and applies only what is still missing.\n", red.line(err.Error()))
	return errFailed
}

// managementClient builds the Management API client from AUTH0_* settings: the environment first,
// then the config file. The credentials, and each token the client sends, are registered with red.
func (app *App) managementClient(c *cobra.Command, red *redactor) (*deploy.Client, string, error) {
	creds := deploy.Credentials{
		Domain:       app.setting("AUTH0_DOMAIN"),
		ClientID:     app.setting("AUTH0_CLIENT_ID"),
		ClientSecret: app.setting("AUTH0_CLIENT_SECRET"),
		AccessToken:  app.setting("AUTH0_ACCESS_TOKEN"),
	}
	red.add(creds.ClientSecret, creds.AccessToken)
	api, err := deploy.NewClient(c.Context(), creds, deploy.ClientOptions{UserAgent: "mfactl/" + Version, OnToken: red.addToken})
	if err != nil {
		var ce *deploy.CredentialsError
		if errors.As(err, &ce) {
			return nil, "", usagef("%v\nSet AUTH0_DOMAIN and AUTH0_CLIENT_ID + AUTH0_CLIENT_SECRET (or AUTH0_ACCESS_TOKEN) in the environment or the config file; see 'mfactl deploy --help'", err)
		}
		return nil, "", err
	}
	domain := creds.Domain
	if i := strings.Index(domain, "//"); i >= 0 {
		domain = domain[i+2:]
	}
	return api, strings.TrimSuffix(domain, "/"), nil
}

// redactor is what deploy and export print and return through: the App's secrets (matched as
// written, JSON-, XML- and URL-escaped and base64-encoded; see package redact), and text from the
// tenant or the API kept from writing control characters to the terminal or to CI logs. The App's
// writers redact too; the redactor also covers the strings deploy builds before printing them
// (plan cells are padded to a width, which must be the width of what is shown).
type redactor struct {
	app *App
}

func (app *App) deployRedactor() *redactor {
	r := &redactor{app: app}
	// Registered before the file is even read: a keyword can put them in any field.
	r.add(app.setting("AUTH0_CLIENT_SECRET"), app.setting("AUTH0_ACCESS_TOKEN"))
	return r
}

// add registers values that must never be printed. It may be called concurrently.
func (r *redactor) add(values ...string) {
	for _, v := range values {
		r.app.addSecret(v)
	}
}

// addToken registers a token the client sends.
func (r *redactor) addToken(tok string) { r.add(tok) }

// redact removes every registered secret from s, in every form.
func (r *redactor) redact(s string) string { return r.app.redact(s) }

// text is s redacted for a message: control characters escaped, each line on its own.
func (r *redactor) text(s string) string { return errorText(r.redact(s)) }

// line is s redacted for one line or one table cell: newlines and control characters escaped.
func (r *redactor) line(s string) string {
	return strings.ReplaceAll(findings.Escape(r.redact(s)), "\t", `\t`)
}

// err returns err with a redacted message; errors.Is and errors.As still see what it wraps, so the
// exit code does not change.
func (r *redactor) err(err error) error {
	if err == nil || errors.Is(err, errFailed) || errors.Is(err, errInterrupted) {
		return err
	}
	msg := r.text(err.Error())
	if msg == err.Error() {
		return err
	}
	return &redactedError{msg: msg, err: err}
}

// readError explains a failure to read the tenant (exit 3), on one line.
func (r *redactor) readError(domain string, err error) error {
	return &redactedError{msg: r.line(fmt.Sprintf("could not read the MFA setup of %s: %v", domain, err)), err: err}
}

// recoverPanic turns a panic of deploy or export into an error (exit 3) that is redacted like every
// other, instead of a stack trace that could hold a secret. Use it as "defer r.recoverPanic(&err)".
func (r *redactor) recoverPanic(err *error) {
	if v := recover(); v != nil {
		*err = fmt.Errorf("internal error: %v (a bug in mfactl; please report it with the command you ran)", v)
	}
}

type redactedError struct {
	msg string
	err error
}

func (e *redactedError) Error() string { return e.msg }
func (e *redactedError) Unwrap() error { return e.err }

// setting reads a Deploy CLI setting from the environment, else from the config file.
func (app *App) setting(key string) string {
	if v, ok := app.lookupEnv(key); ok && v != "" {
		return v
	}
	if app.v.ConfigFileUsed() != "" {
		return app.v.GetString(key)
	}
	return ""
}

// allowDelete is --allow-delete or, when the flag is not given, the Deploy CLI's AUTH0_ALLOW_DELETE
// (environment or config file), so that a team's a0deploy config deletes with mfactl as with a0deploy.
func (app *App) allowDelete(c *cobra.Command) (bool, error) {
	if c.Flags().Changed("allow-delete") || app.v.IsSet("allow-delete") {
		return app.v.GetBool("allow-delete"), nil
	}
	v := app.setting("AUTH0_ALLOW_DELETE")
	if v == "" {
		return false, nil
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		return false, usagef("AUTH0_ALLOW_DELETE is %q; use true or false", v)
	}
	return b, nil
}

func (app *App) stdinIsTerminal() bool {
	f, ok := app.Stdin.(*os.File)
	return ok && (isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd()))
}

func (app *App) confirm(prompt string) (bool, error) {
	fmt.Fprint(app.Stderr, prompt)
	line, err := bufio.NewReader(app.Stdin).ReadString('\n')
	if err != nil && err != io.EOF {
		return false, err
	}
	answer := strings.ToLower(strings.TrimSpace(line))
	return answer == "y" || answer == "yes", nil
}

// printPlan writes the plan as a table. Every cell is redacted and kept on one line: names and
// display names come from tenant.yaml (keywords included) and from the tenant.
// printOutcome lists, after a failure, what was applied and what was not, each line redacted.
func printOutcome(w io.Writer, p *deploy.Plan, line func(string) string) {
	fmt.Fprintln(w, "\nWhat was applied:")
	for _, s := range p.Steps {
		text := fmt.Sprintf("%s %s", s.Change, s.Resource)
		if s.Status == deploy.Failed && s.Err != nil {
			text += ": " + s.Err.Error()
		}
		fmt.Fprintf(w, "  %-11s %s\n", s.Status, line(text))
	}
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
