package cmd

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/mfactl/mfactl/deploy"
)

const exportLong = `Export reads the MFA setup of an Auth0 tenant through the Management API and writes it in the
Deploy CLI format: DIR/tenant.yaml (the Customize-MFA toggle, guardian factors, phone message
types and provider, MFA policy, post-login Actions and the post-login flow's bindings) and
DIR/actions/<name>/code.js for each custom post-login Action (the name sanitized as the Deploy
CLI does). Secrets are written by name only: the API never returns their values.

'mfactl deploy --dry-run' of the export against the same tenant reports no changes, and
'mfactl validate' of it reports no error. Existing files at those paths are overwritten.

Credentials are read as by 'mfactl deploy' (AUTH0_DOMAIN, AUTH0_CLIENT_ID + AUTH0_CLIENT_SECRET or
AUTH0_ACCESS_TOKEN); export needs only the read: scopes.

Exit codes: 0 written; 2 usage error or missing credentials; 3 the tenant cannot be read or a
file cannot be written; 130 interrupted.`

const exportExample = `  # Pull production's MFA setup into ./prod
  mfactl export -o prod

  # Compare it with what is in git
  mfactl export -o /tmp/live && diff -r /tmp/live infra/auth0`

func newExportCmd(app *App) *cobra.Command {
	c := &cobra.Command{
		Use:     "export",
		Short:   "Write a tenant's MFA setup to tenant.yaml and actions/<name>/code.js",
		Long:    exportLong,
		Example: exportExample,
		Args:    maxArgs(0),
		RunE: func(c *cobra.Command, args []string) error {
			return app.runExport(c)
		},
	}
	c.Flags().StringP("output", "o", ".", "folder to write tenant.yaml and actions/ into (created if missing)")
	return c
}

func (app *App) runExport(c *cobra.Command) (err error) {
	red := app.deployRedactor()
	defer func() { err = red.err(err) }()
	defer red.recoverPanic(&err)
	api, domain, err := app.managementClient(c, red)
	if err != nil {
		return err
	}
	app.messagef("Reading the MFA setup of %s…\n", red.line(domain))
	state, err := deploy.ReadState(c.Context(), api)
	if err != nil {
		return red.readError(domain, err)
	}
	dir := app.v.GetString("output")
	files := deploy.Export(state)
	for _, f := range files {
		path := filepath.Join(dir, filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return fmt.Errorf("could not create %s: %w", filepath.Dir(path), unwrapPath(err))
		}
		// What the tenant answered is written, except a credential: the API never returns secret
		// values, so one in an export is an echo that must not end up in a repository.
		data := f.Data
		if clean := red.redact(string(data)); clean != string(data) {
			data = []byte(clean)
			app.messagef("mfactl: warning: what the tenant returned for %s holds a credential; it is written as <redacted>\n", red.line(path))
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			return fmt.Errorf("could not write %s: %w", path, unwrapPath(err))
		}
	}
	app.messagef("Wrote %s and %s for %s.\n", red.line(filepath.Join(dir, "tenant.yaml")), plural(len(files)-1, "Action code file"), red.line(domain))
	return nil
}
