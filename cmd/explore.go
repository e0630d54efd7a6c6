package cmd

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/mfactl/mfactl/explore"
	"github.com/mfactl/mfactl/findings"
	"github.com/mfactl/mfactl/jsrt"
	"github.com/mfactl/mfactl/simulate"
)

const exploreLong = `Explore enumerates the logins that matter to tenant.yaml and its Action code, runs each through the
same pipeline as simulate, and groups the outcomes into classes: locked-out (the user answers every
prompt and still cannot log in), never-challenged (the user has factors and logs in with no MFA
prompt), cannot-enroll, denied (by the code; listed, not a failure) and success.

The space is derived: every subset of the enrollable enabled factors as the user's enrolledFactors,
user.email_verified when the email factor is enabled, and each event path the bound Actions test, with
the literals they compare it with, absent and some other value. At each prompt the user completes the
first factor offered. The scenarios file's defaults, module mocks and http stubs apply to every state.
Each class has a condition, a minimal example and a scenario to paste into scenarios.yaml.
docs/explore.md explains the space and its limits.

The scenarios file's explore: properties: list makes explore a test: {no: locked-out},
{when: {roles: [admin]}, challengedWith: [webauthn-roaming]}, {when: {client: {client_id: x}},
never: challenged}. A failing property shows its minimal counterexample as a scenario.

Exit 0 when no class fails, 1 when a locked-out or never-challenged class exists (see
--allow-locked-out, --allow-never-challenged) or the space is larger than --max-states, 2 for a usage
error, 3 when tenant.yaml or the scenarios file cannot be read. With properties, they replace the
failing classes: exit 1 when one fails.`

const exploreExample = `  # Explore ./tenant.yaml with the defaults of ./scenarios.yaml
  mfactl explore

  # One example suite, as JSON
  mfactl explore examples/selection-roles-step-up/tenant.yaml --format json`

func newExploreCmd(app *App) *cobra.Command {
	c := &cobra.Command{
		Use:     "explore [tenant.yaml]",
		Short:   "Run the Login flow for every kind of user and report who is locked out or never challenged",
		Long:    exploreLong,
		Example: exploreExample,
		Args:    maxArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			return app.runExplore(c, args)
		},
	}
	c.Flags().String("scenarios", "", "scenarios file whose defaults, modules and http stubs apply (default: scenarios.yaml beside tenant.yaml)")
	c.Flags().String("format", "text", "output format: text, json or sarif (one result per failing class)")
	c.Flags().StringP("output", "o", "", "write the report to this file instead of stdout")
	c.Flags().Int("max-states", explore.DefaultMaxStates, "run nothing and report the space as truncated when it has more states than this")
	c.Flags().Bool("allow-locked-out", false, "do not fail the run for locked-out classes")
	c.Flags().Bool("allow-never-challenged", false, "do not fail the run for never-challenged classes")
	c.Flags().String("node-modules", "", "node_modules folder (inside the folder of tenant.yaml) the Actions' dependencies load from")
	c.Flags().Duration("action-timeout", jsrt.Timeout, "how long one Action may run before it fails with action_timeout (Auth0: 20s)")
	c.Flags().Duration("run-timeout", explore.DefaultRunTimeout, "stop an Action whose JavaScript runs this long in real time: requests are stubbed and timers simulated, so it loops (0: only --action-timeout)")
	addKeywordFlags(c, namedEnv)
	return c
}

func (app *App) runExplore(c *cobra.Command, args []string) error {
	format, err := app.formatFor(c, explore.Formats()...)
	if err != nil {
		return err
	}
	maxStates := app.v.GetInt("max-states")
	if maxStates < 1 {
		return usagef("--max-states must be at least 1")
	}
	d := app.v.GetDuration("action-timeout")
	if d <= 0 {
		return usagef("--action-timeout must be a positive duration such as 20s or 500ms")
	}
	runTimeout := app.v.GetDuration("run-timeout")
	if runTimeout < 0 {
		return usagef("--run-timeout must be a duration such as 2s, or 0 to use --action-timeout alone")
	}
	in, err := app.loadFlowInputs(c, args, format)
	if err != nil {
		return err
	}
	tenant, file, nodeModules, out, closeOut := in.tenant, in.file, in.nodeModules, in.out, in.closeOut
	if file.Source != nil {
		app.messagef("scenarios: %s (defaults, modules and http stubs apply)\n", file.Path)
	}
	sim := simulate.New(tenant, file)
	sim.NodeModules = nodeModules
	sim.ActionTimeout = d
	sim.RunTimeout = runTimeout
	// A backtracking regular expression is stopped by its own match timeout, not by the watcher.
	rx := d
	if runTimeout > 0 && runTimeout < d {
		rx = runTimeout
	}
	jsrt.SetRegExpTimeout(rx)
	defer jsrt.SetMaxHeap(jsrt.SetMaxHeap(jsrt.HeapInUse() + jsrt.DefaultMaxHeap))
	report, err := explore.Run(app.ctx, sim, explore.Derive(tenant, file), maxStates)
	if app.ctx.Err() != nil {
		_ = closeOut()
		return errInterrupted
	}
	if err != nil {
		_ = closeOut()
		return err
	}
	if format == "sarif" {
		fs := explore.Findings(report, tenant, func(kind string) bool {
			return kind == explore.LockedOut && !app.v.GetBool("allow-locked-out") ||
				kind == explore.NeverChallenged && !app.v.GetBool("allow-never-challenged")
		})
		err = findings.Render(out, "sarif", &findings.Report{Findings: fs, Files: tenant.Files(), Rules: explore.Rules,
			Tool: "mfactl", Version: Version, Command: "mfactl explore"}, findings.Options{})
	} else {
		err = explore.Render(out, format, report)
	}
	if ferr := closeOut(); err == nil {
		err = ferr
	}
	if err != nil {
		return fmt.Errorf("could not write the report: %w", err)
	}
	app.messagef("%s\n", explore.SummaryLine(report))
	if len(report.Properties) > 0 {
		if report.Truncated || report.AnswersTruncated || report.PropertyFailed() {
			return errFailed
		}
		return nil
	}
	if report.Truncated || report.AnswersTruncated ||
		(report.Has(explore.LockedOut) && !app.v.GetBool("allow-locked-out")) ||
		(report.Has(explore.NeverChallenged) && !app.v.GetBool("allow-never-challenged")) {
		return errFailed
	}
	return nil
}
