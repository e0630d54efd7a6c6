package cmd

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/mfactl/mfactl/config"
	"github.com/mfactl/mfactl/findings"
	"github.com/mfactl/mfactl/validate"
)

const validateLong = `Validate checks tenant.yaml (or a folder in the Deploy CLI's directory format, tenant.json
and its folders) and the code of its Actions, offline, for
everything that makes an MFA customization with post-login Actions fail at login or at deploy:
the Customize-MFA toggle, factors that are not enabled, email passed to enrollWith, a fifth MFA
command, enrollments before a challenge, undeployed or unbound Actions, JavaScript errors, and
YAML or JSON mistakes inside the sections mfactl manages. 'mfactl rules' lists every rule, and
'mfactl explain RULE' says why one matters, with a failing and a passing example (also at
` + findings.DocsBaseURI + `).

Findings go to stdout (or --output); a one-line summary goes to stderr.
Exit 0 when there is no error finding (and no warning with --strict), 1 otherwise,
2 for a usage error, 3 when tenant.yaml cannot be read.`

const validateExample = `  # Check ./tenant.yaml
  mfactl validate

  # In GitHub Actions: annotations on the pull request, or SARIF for code scanning
  mfactl validate infra/auth0/tenant.yaml --format github
  mfactl validate --format sarif --output mfactl.sarif

  # Fail on warnings too, with keywords the Deploy CLI would replace: one given here, one taken
  # from the environment variable TENANT_LABEL (validate takes environment variables only by name)
  mfactl validate --strict --keyword ENV=staging --env-keyword TENANT_LABEL`

func newValidateCmd(app *App) *cobra.Command {
	c := &cobra.Command{
		Use:     "validate [tenant.yaml]",
		Short:   "Check tenant.yaml and its Action code for MFA misconfigurations, offline",
		Long:    validateLong,
		Example: validateExample,
		Args:    maxArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			return app.runValidate(c, args)
		},
	}
	c.Flags().String("format", "text", "output format: text, json, sarif, github or junit")
	c.Flags().StringP("output", "o", "", "write the findings to this file instead of stdout")
	c.Flags().Bool("strict", false, "warnings fail the run too (exit 1)")
	addKeywordFlags(c, namedEnv)
	return c
}

// tenantPath returns the tenant.yaml argument, or ./tenant.yaml.
func tenantPath(args []string) string {
	if len(args) > 0 {
		return args[0]
	}
	return "tenant.yaml"
}

func (app *App) runValidate(c *cobra.Command, args []string) error {
	format, err := app.formatFor(c, findings.Formats()...)
	if err != nil {
		return err
	}
	keywords, err := app.keywordMappings(c)
	if err != nil {
		return err
	}
	path := tenantPath(args)
	tenant, err := config.Load(path, config.Options{Keywords: keywords, DisplayPath: filepath.Clean(path), NamedEnvKeywords: true})
	if err != nil {
		var re *config.ReadError
		if errors.As(err, &re) && errors.Is(re.Err, fs.ErrNotExist) && len(args) == 0 {
			return fmt.Errorf("%w\nRun 'mfactl validate PATH' with the path of your tenant.yaml, or 'mfactl init' to start one", err)
		}
		return err
	}
	app.protectActionSecrets(tenant)
	rules := validate.All()
	fs := validate.Run(tenant, validate.Options{Rules: rules})
	report := &findings.Report{Findings: fs, Files: tenant.Files(), Rules: validate.Infos(rules), Tool: "mfactl", Version: Version}

	out := app.Stdout
	closeOut := func() error { return nil }
	if o := app.v.GetString("output"); o != "" {
		if out, closeOut, err = app.create(o); err != nil {
			return err
		}
	}
	strict := app.v.GetBool("strict")
	opts := findings.Options{Color: format == "text" && app.useColor(out), Strict: strict}
	err = findings.Render(out, format, report, opts)
	if cerr := closeOut(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("could not write the findings: %w", err)
	}
	sum := findings.Summarize(fs, len(report.Files))
	app.messagef("%s\n", findings.SummaryLine(sum))
	if sum.Errors > 0 || (strict && sum.Warnings > 0) {
		return errFailed
	}
	return nil
}

var _ io.Writer = (*os.File)(nil)
