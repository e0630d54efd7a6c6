package cmd

import (
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/mfactl/mfactl/config"
	"github.com/mfactl/mfactl/deploy"
)

const exportLong = `Export reads the MFA setup of an Auth0 tenant through the Management API and writes it in the
Deploy CLI format: DIR/tenant.yaml (the Customize-MFA toggle, guardian factors, phone message
types and provider, MFA policy, post-login Actions and the post-login flow's bindings) and
DIR/actions/<name>/code.js for each custom post-login Action (the name sanitized as the Deploy
CLI does). Secrets are written by name only: the API never returns their values.

With --format directory it writes the same setup in the Deploy CLI's directory format, as its own
directory export lays it out: DIR/tenant.json, DIR/actions/<name>.json and
DIR/actions/<name>/code.js, DIR/triggers/triggers.json, DIR/guardian/factors/<name>.json,
DIR/guardian/policies.json, DIR/guardian/phoneFactorMessageTypes.json and
DIR/guardian/phoneFactorSelectedProvider.json. Give that folder to any mfactl command.

'mfactl deploy --dry-run' of the export against the same tenant reports no changes, and
'mfactl validate' of it reports no error. Existing files at those paths are overwritten; a link
at one of them (or on the way to it) is refused. Other files are left alone: a .json file of
actions/, guardian/factors/ or triggers/ that this export did not write is a warning, since
it is still read as part of the tenant.

Credentials are read as by 'mfactl deploy' (AUTH0_DOMAIN, AUTH0_CLIENT_ID + AUTH0_CLIENT_SECRET or
AUTH0_ACCESS_TOKEN); export needs only the read: scopes.

Exit codes: 0 written; 2 usage error or missing credentials; 3 the tenant cannot be read or a
file cannot be written; 130 interrupted.`

const exportExample = `  # Pull production's MFA setup into ./prod
  mfactl export -o prod

  # Compare it with what is in git
  mfactl export -o /tmp/live && diff -r /tmp/live infra/auth0

  # In the Deploy CLI's directory format
  mfactl export --format directory -o prod`

func newExportCmd(app *App) *cobra.Command {
	c := &cobra.Command{
		Use:     "export",
		Short:   "Write a tenant's MFA setup to tenant.yaml and actions/<name>/code.js, or in the directory format",
		Long:    exportLong,
		Example: exportExample,
		Args:    maxArgs(0),
		RunE: func(c *cobra.Command, args []string) error {
			return app.runExport(c)
		},
	}
	c.Flags().StringP("output", "o", ".", "folder to write tenant.yaml and actions/ into (created if missing)")
	c.Flags().String("format", "yaml", "yaml (tenant.yaml) or directory (the Deploy CLI's directory format: tenant.json, actions/, triggers/, guardian/)")
	return c
}

func (app *App) runExport(c *cobra.Command) (err error) {
	red := app.deployRedactor()
	defer func() { err = red.err(err) }()
	defer red.recoverPanic(&err)
	format, err := app.formatFor(c, exportFormats...)
	if err != nil {
		return err
	}
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
	var files []deploy.ExportFile
	if format == "directory" {
		if files, err = deploy.ExportDirectory(state); err != nil {
			return err
		}
	} else {
		files = deploy.Export(state)
	}
	out := make([]config.TreeFile, 0, len(files))
	codeFiles := 0
	for _, f := range files {
		// What the tenant answered is written, except a credential: the API never returns secret
		// values, so one in an export is an echo that must not end up in a repository.
		data := f.Data
		if clean := red.redact(string(data)); clean != string(data) {
			data = []byte(clean)
			app.messagef("mfactl: warning: what the tenant returned for %s holds a credential; it is written as <redacted>\n", red.line(filepath.Join(dir, filepath.FromSlash(f.Path))))
		}
		if strings.HasSuffix(f.Path, "/code.js") {
			codeFiles++
		}
		out = append(out, config.TreeFile{Path: f.Path, Data: data})
	}
	if _, err := writeTree(dir, out, true); err != nil {
		return err
	}
	if format == "directory" {
		for _, p := range strayJSON(dir, out) {
			app.messagef("mfactl: warning: %s was not written by this export, but is still read as part of the tenant; remove it\n", red.line(p))
		}
		app.messagef("Wrote %s in the Deploy CLI's directory format (tenant.json, guardian/, triggers/, actions/ with %s) for %s.\n", red.line(dir), plural(codeFiles, "Action code file"), red.line(domain))
		return nil
	}
	app.messagef("Wrote %s and %s for %s.\n", red.line(filepath.Join(dir, "tenant.yaml")), plural(codeFiles, "Action code file"), red.line(domain))
	return nil
}

// exportFormats are the formats export writes.
var exportFormats = []string{"yaml", "directory"}
