package cmd

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/mfactl/mfactl/config"
	"github.com/mfactl/mfactl/findings"
)

const convertLong = `Convert turns a tenant kept in one of the Deploy CLI's two formats into the other, offline: a
tenant.yaml (with the code files it names) into the directory format (tenant.json,
actions/<name>.json, triggers/triggers.json, guardian/…, laid out as the Deploy CLI's own
directory export writes them), or such a folder into tenant.yaml. --format chooses the output
format; by default it is the other one.

What is written is what was written, not what mfactl understood of it: unknown keys, values of a
wrong type and keywords (@@KEY@@, ##KEY##) are carried over as they are (no keyword is replaced,
and convert needs no credentials), code files and scenarios.yaml are copied byte for byte, and
comments, which JSON cannot hold, are the one thing lost (a note says so).

Convert carries the sections mfactl manages: tenant, guardianFactors,
guardianPhoneFactorMessageTypes, guardianPhoneFactorSelectedProvider, guardianPolicies, actions
and triggers. A whole-tenant configuration has others (clients, connections, pages …; in the
directory format, their folders); convert lists them and writes nothing, unless --only-mfa says to
leave them out. Keep converting those with the Deploy CLI (a0deploy export --format).

Files already in DEST that hold something else are listed and nothing is written, unless
--force; files that already hold the same bytes are left alone. A link at a path convert writes,
or on the way to it, is refused.

Exit codes: 0 written; 1 not converted (a section convert does not carry, content it cannot
convert, such as a syntax error or a code path outside the folder, or DEST files in the way);
2 usage error; 3 SRC or a code file cannot be read, or DEST cannot be written.`

const convertExample = `  # tenant.yaml to the directory format
  mfactl convert auth0/tenant.yaml -o auth0-dir

  # and back
  mfactl convert auth0-dir -o auth0

  # A whole-tenant file: convert the MFA sections only
  mfactl convert tenant.yaml -o mfa-dir --only-mfa`

func newConvertCmd(app *App) *cobra.Command {
	c := &cobra.Command{
		Use:     "convert SRC -o DEST",
		Short:   "Convert a tenant between the Deploy CLI's YAML and directory formats, offline",
		Long:    convertLong,
		Example: convertExample,
		Args: func(c *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usagef("%s takes one argument, the tenant to convert (a tenant.yaml or a folder in the directory format), got %d\nRun '%s --help' for usage.", c.CommandPath(), len(args), c.CommandPath())
			}
			return nil
		},
		RunE: func(c *cobra.Command, args []string) error {
			return app.runConvert(c, args[0])
		},
	}
	c.Flags().StringP("output", "o", "", "folder to write into (created if missing; required)")
	c.Flags().String("format", "", "yaml or directory (default: the format SRC is not in)")
	c.Flags().Bool("force", false, "overwrite files in DEST that hold something else")
	c.Flags().Bool("only-mfa", false, "leave out the sections convert does not carry (clients, connections …) instead of refusing")
	return c
}

func (app *App) runConvert(c *cobra.Command, src string) error {
	// Flags only: a file in the repository must not choose where mfactl writes or what it overwrites.
	dest, _ := c.Flags().GetString("output")
	if dest == "" {
		return usagef("convert needs -o DEST, the folder to write into\nRun '%s --help' for usage.", c.CommandPath())
	}
	format, _ := c.Flags().GetString("format")
	if format != "" || app.v.InConfig("format") {
		var err error
		if format, err = app.formatFor(c, exportFormats...); err != nil {
			return err
		}
	}
	force, _ := c.Flags().GetBool("force")
	onlyMFA, _ := c.Flags().GetBool("only-mfa")
	srcIsDir := isFolder(src)
	if format == "" {
		format = "directory"
		if srcIsDir {
			format = "yaml"
		}
	}

	tree, err := config.ReadTree(src, src)
	var ce *config.ConvertError
	switch {
	case errors.As(err, &ce):
		for _, p := range ce.Problems {
			fmt.Fprintf(app.Stderr, "%s\n", findings.Escape(p))
		}
		fmt.Fprintf(app.Stderr, "mfactl: %s was not converted: fix the above first\n", findings.Escape(src))
		return errFailed
	case err != nil:
		return err
	}
	if len(tree.Others) > 0 {
		// Each line escaped on its own: the line breaks between them are the list's, not the file's.
		var names []string
		for _, o := range tree.Others {
			names = append(names, "  "+findings.Escape(fmt.Sprintf("%s (%s)", o.Name, o.Where)))
		}
		if !onlyMFA {
			fmt.Fprintf(app.Stderr, "mfactl: %s holds parts of the tenant that convert does not carry (it converts only the MFA sections mfactl manages):\n%s\n"+
				"Nothing was written. Pass --only-mfa to write the MFA sections without them, and convert the rest with the Deploy CLI (a0deploy export --format).\n",
				findings.Escape(src), strings.Join(names, "\n"))
			return errFailed
		}
		app.messagef("mfactl: left out (--only-mfa):\n%s\n", strings.Join(names, "\n"))
	}
	var files []config.TreeFile
	if format == "directory" {
		files, err = tree.Directory()
	} else {
		files, err = tree.YAML()
	}
	if errors.As(err, &ce) {
		for _, p := range ce.Problems {
			fmt.Fprintf(app.Stderr, "%s\n", findings.Escape(p))
		}
		fmt.Fprintf(app.Stderr, "mfactl: %s cannot be written in the %s format\n", findings.Escape(src), format)
		return errFailed
	} else if err != nil {
		return err
	}
	for _, n := range tree.Notes {
		app.messagef("mfactl: note: %s\n", findings.Escape(n))
	}
	res, err := writeTree(dest, files, force)
	if err != nil {
		return err
	}
	if len(res.Conflicts) > 0 && !force {
		conflicts := make([]string, len(res.Conflicts))
		for i, c := range res.Conflicts {
			conflicts[i] = findings.Escape(c)
		}
		fmt.Fprintf(app.Stderr, "mfactl: these files exist and hold something else:\n  %s\nNothing was written. Pass --force to overwrite them, or choose another -o.\n",
			strings.Join(conflicts, "\n  "))
		return errFailed
	}
	for _, p := range strayJSON(dest, files) {
		app.messagef("mfactl: warning: %s was not written by this conversion, but is still read as part of the tenant; remove it\n", findings.Escape(p))
	}
	what := filepath.Join(dest, "tenant.yaml")
	if format == "directory" {
		what = dest + " (the directory format)"
	}
	msg := fmt.Sprintf("Wrote %s: %s", what, plural(res.Written, "file"))
	if res.Unchanged > 0 {
		msg += fmt.Sprintf(", %d already up to date", res.Unchanged)
	}
	if res.Written == 0 {
		msg = fmt.Sprintf("Nothing to write: %s is already up to date (%s)", what, plural(res.Unchanged, "file"))
	}
	app.messagef("%s.\n", findings.Escape(msg))
	return nil
}

func isFolder(p string) bool {
	info, err := os.Stat(p)
	return err == nil && info.IsDir()
}
