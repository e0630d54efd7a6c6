package cmd

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"runtime/debug"

	"github.com/spf13/cobra"

	"github.com/mfactl/mfactl/config"
	"github.com/mfactl/mfactl/findings"
	"github.com/mfactl/mfactl/jsrt"
	"github.com/mfactl/mfactl/simulate"
	"github.com/mfactl/mfactl/validate"
)

const simulateLong = `Simulate runs the post-login Login flow of tenant.yaml for sample users, offline, in an embedded
JavaScript engine: every bound Action in order, with the MFA rules Auth0 applies (pause and resume after
MFA commands, factor filtering with w and mfar logs, pickers and "Try another method", challenge before
enroll, the limit of four commands, the Customize-MFA toggle, api.multifactor.enable and the MFA policy).

For each scenario it prints the Actions and what they asked api to do, each prompt as the user would see
it and their answer, the tenant log events Auth0 would write, and the outcome. A scenario with expect:
is a test: the run exits 1 when any expectation fails. docs/simulation.md explains every decision.

Scenarios come from --scenarios, else the scenarios.yaml beside tenant.yaml (the first line on stderr
says which file ran); with neither, one scenario runs: a default user with no enrolled factors.

Exit 0 when every scenario with expectations passed, 1 otherwise (or when a scenario is wrong, such as
an answer naming a factor that is not offered), 2 for a usage error, 3 when tenant.yaml or the
scenarios file cannot be read.`

const simulateExample = `  # Every scenario in ./scenarios.yaml against ./tenant.yaml
  mfactl simulate

  # One example suite, as JSON
  mfactl simulate examples/selection-and-enrollment/tenant.yaml --format json

  # Only the admin scenarios, as JUnit for CI
  mfactl simulate --run 'admin' --format junit -o simulate.xml`

func newSimulateCmd(app *App) *cobra.Command {
	c := &cobra.Command{
		Use:     "simulate [tenant.yaml]",
		Short:   "Run the Login flow for sample users: prompts, tenant logs and outcome",
		Long:    simulateLong,
		Example: simulateExample,
		Args:    maxArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			return app.runSimulate(c, args)
		},
	}
	c.Flags().String("scenarios", "", "scenarios file (default: scenarios.yaml beside tenant.yaml)")
	c.Flags().String("run", "", "run only the scenarios whose name matches this regular expression")
	c.Flags().String("format", "text", "output format: text, json or junit")
	c.Flags().StringP("output", "o", "", "write the results to this file instead of stdout")
	c.Flags().String("node-modules", "", "node_modules folder (inside the folder of tenant.yaml) the Actions' dependencies load from; wins over node_modules: in the scenarios file")
	c.Flags().Duration("action-timeout", jsrt.Timeout, "how long one Action may run before it fails with action_timeout (Auth0: 20s)")
	addKeywordFlags(c, namedEnv)
	return c
}

func (app *App) runSimulate(c *cobra.Command, args []string) error {
	format, err := app.formatFor(c, simulate.Formats()...)
	if err != nil {
		return err
	}
	var filter *regexp.Regexp
	if expr := app.v.GetString("run"); expr != "" {
		re, err := regexp.Compile(expr)
		if err != nil {
			return usagef("--run %q is not a valid regular expression: %v", expr, err)
		}
		filter = re
	}
	in, err := app.loadFlowInputs(c, args, format)
	if err != nil {
		return err
	}
	path, tenant, file, nodeModules, out, closeOut := in.path, in.tenant, in.file, in.nodeModules, in.out, in.closeOut
	scenarios := file.Scenarios
	if file.Source == nil {
		app.messagef("scenarios: no scenarios.yaml beside %s; one default scenario runs\n", path)
	} else {
		app.messagef("scenarios: %s\n", file.Path)
	}
	if filter != nil {
		scenarios = file.Select(filter.MatchString)
		if len(scenarios) == 0 {
			_ = closeOut()
			if o := app.v.GetString("output"); o != "" {
				// Nothing ran: leave no empty report for a CI step to mistake for one.
				_ = os.Remove(o)
			}
			return usagef("--run %q matches no scenario name in %s (%d scenarios)", filter.String(), file.Path, len(file.Scenarios))
		}
	}
	if n := findings.Summarize(validate.Run(tenant, validate.Options{}), 0).Errors; n > 0 {
		app.messagef("note: %s has %s; the simulation runs anyway (mfactl validate shows them)\n",
			tenant.File.Path, plural(n, "validation error"))
	}
	// Every Action run leaves its event, api and results as garbage; collecting less often makes a
	// large suite faster for a few MB more (unless GOGC is set).
	if _, set := app.lookupEnv("GOGC"); !set {
		defer debug.SetGCPercent(debug.SetGCPercent(400))
		// ... but not past a soft limit, so a suite of 10,000 scenarios does not hold gigabytes.
		if _, set := app.lookupEnv("GOMEMLIMIT"); !set {
			defer debug.SetMemoryLimit(debug.SetMemoryLimit(96 << 20))
		}
	}
	writer, err := simulate.NewWriter(out, format, simulate.RenderOptions{Color: format == "text" && app.useColor(out), ScenariosPath: file.Path})
	if err != nil {
		return err
	}
	sim := simulate.New(tenant, file)
	sim.NodeModules = nodeModules
	if d := app.v.GetDuration("action-timeout"); d > 0 {
		sim.ActionTimeout = d
		// A backtracking regular expression match stops then too (regexp2's match timeout).
		jsrt.SetRegExpTimeout(d)
	} else {
		return usagef("--action-timeout must be a positive duration such as 20s or 500ms")
	}
	// The Actions' memory limit counts the whole process: put it above what mfactl holds already (the
	// tenant, the scenarios).
	defer jsrt.SetMaxHeap(jsrt.SetMaxHeap(jsrt.HeapInUse() + jsrt.DefaultMaxHeap))
	err = sim.Stream(app.ctx, scenarios, writer.Write)
	summary, cerr := writer.Close()
	if ferr := closeOut(); cerr == nil {
		cerr = ferr
	}
	if app.ctx.Err() != nil {
		return errInterrupted
	}
	if err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("could not write the results: %w", err)
	}
	report := &simulate.Report{Summary: summary}
	app.messagef("%s\n", simulate.SummaryLine(report.Summary))
	if report.Failed() {
		return errFailed
	}
	return nil
}

// nodeModules is the installed dependencies' folder: --node-modules, else the scenarios file's
// node_modules:, inside the folder of tenant.yaml (a bad flag is a usage error, a bad key a problem
// of the scenarios file).
func (app *App) nodeModules(out io.Writer, format, tenantDir string, file *simulate.File) (*jsrt.NodeModules, error) {
	if dir := app.v.GetString("node-modules"); dir != "" {
		clean, err := simulate.ContainedFolder(tenantDir, dir)
		if err != nil {
			return nil, usagef("--node-modules: %v", err)
		}
		return jsrt.NewNodeModules(clean), nil
	}
	dir, err := file.ResolveNodeModules(tenantDir)
	var le *simulate.LoadError
	if errors.As(err, &le) {
		return nil, app.scenarioProblems(out, format, le)
	}
	if err != nil || dir == "" {
		return nil, err
	}
	return jsrt.NewNodeModules(dir), nil
}

// loadScenarios finds and reads the scenarios file, or makes the default single scenario. A file
// that is not valid returns a *simulate.LoadError.
func (app *App) loadScenarios(c *cobra.Command, tenantPath string) (*simulate.File, error) {
	path := app.v.GetString("scenarios")
	if path != "" && app.config.Found && !c.Flags().Changed("scenarios") {
		if _, fromEnv := app.lookupEnv("MFACTL_SCENARIOS"); !fromEnv {
			// Named by the config file found in the working directory (repository content): it must
			// lead to a file inside the working directory.
			file, err := simulate.LoadIn(".", path, filepath.Clean(path))
			if err != nil && !errors.As(err, new(*simulate.LoadError)) {
				return nil, fmt.Errorf("%w (scenarios: in %s)", err, app.config.Path)
			}
			return file, err
		}
	}
	if path == "" {
		// The scenarios belong to the tenant they test: the file beside it (./scenarios.yaml for the
		// default ./tenant.yaml), never one that happens to be in the working directory.
		// A tenant in the directory format is its folder: the scenarios are the file inside it.
		folder := filepath.Dir(tenantPath)
		if info, err := os.Stat(tenantPath); err == nil && info.IsDir() {
			folder = tenantPath
		}
		if candidate := filepath.Join(folder, "scenarios.yaml"); fileExists(candidate) {
			path = candidate
		}
	}
	if path == "" {
		return &simulate.File{Path: "(default scenario)", Now: simulate.DefaultNow,
			Scenarios: []*simulate.Scenario{{Name: "a user with no enrolled factors", WebAuthn: true}}}, nil
	}
	return simulate.Load(filepath.Clean(path))
}

// scenarioProblems prints the problems of a scenarios file that is not valid, in the format asked
// for: text on stderr, the other formats as the output document (so a CI job that reads JSON or JUnit
// gets one), and returns the run's error (exit 3).
func (app *App) scenarioProblems(out io.Writer, format string, le *simulate.LoadError) error {
	report := &findings.Report{Findings: le.Findings, Tool: "mfactl", Version: Version, Command: "mfactl simulate"}
	if le.Source != nil {
		report.Files = append(report.Files, le.Source)
	}
	if format == "text" {
		_ = findings.Render(app.Stderr, "text", report, findings.Options{Color: app.useColor(app.Stderr)})
	} else if err := findings.Render(out, format, report, findings.Options{}); err != nil {
		return fmt.Errorf("could not write the results: %w", err)
	}
	problems := fmt.Sprintf("%d problems", len(le.Findings))
	if len(le.Findings) == 1 {
		problems = "1 problem"
	}
	path := "the scenarios file"
	if le.Source != nil {
		path = le.Source.Path
	}
	return fmt.Errorf("%s is not a valid scenarios file (%s)", path, problems)
}

// fileExists reports whether path names something (a link included: reading it decides the rest).
func fileExists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}

// flowInputs are what simulate and explore read before they run the Login flow.
type flowInputs struct {
	path        string
	tenant      *config.Tenant
	file        *simulate.File
	nodeModules *jsrt.NodeModules
	out         io.Writer
	closeOut    func() error
}

// loadFlowInputs reads the tenant, opens --output, and reads the scenarios file and the node_modules
// folder; a scenarios file that is not valid is reported in format to the output.
func (app *App) loadFlowInputs(c *cobra.Command, args []string, format string) (*flowInputs, error) {
	keywords, err := app.keywordMappings(c)
	if err != nil {
		return nil, err
	}
	in := &flowInputs{path: tenantPath(args), out: app.Stdout, closeOut: func() error { return nil }}
	in.tenant, err = config.Load(in.path, config.Options{Keywords: keywords, DisplayPath: filepath.Clean(in.path), NamedEnvKeywords: true})
	if err != nil {
		return nil, err
	}
	app.protectActionSecrets(in.tenant)
	if o := app.v.GetString("output"); o != "" {
		if in.out, in.closeOut, err = app.create(o); err != nil {
			return nil, err
		}
	}
	in.file, err = app.loadScenarios(c, in.path)
	var le *simulate.LoadError
	if errors.As(err, &le) {
		err = app.scenarioProblems(in.out, format, le)
	}
	if err == nil {
		in.nodeModules, err = app.nodeModules(in.out, format, in.tenant.Dir, in.file)
	}
	if err != nil {
		_ = in.closeOut()
		return nil, err
	}
	return in, nil
}
