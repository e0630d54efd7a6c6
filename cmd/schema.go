package cmd

import (
	"strings"

	"github.com/spf13/cobra"

	"github.com/mfactl/mfactl/config"
	"github.com/mfactl/mfactl/internal/schema"
)

const schemaLong = `Schema prints a JSON Schema (draft 2020-12) for editors:

  scenarios  scenarios.yaml: every key mfactl simulate reads, with descriptions and the values
             answers and expect take (result, method, outcome, kind, screen), and the http: stubs
  tenant     the MFA sections of a Deploy CLI tenant.yaml that mfactl reads (tenant,
             guardianFactors, guardianPhoneFactor*, guardianPolicies, actions, triggers); the
             Deploy CLI's other sections are allowed

The same files are published at ` + schema.BaseURL + `<name>.schema.json.
With the YAML language server (VS Code's YAML extension, and most editors' YAML support), a
first line names the schema of a file; mfactl init writes it:

  # yaml-language-server: $schema=` + schema.BaseURL + `scenarios.schema.json`

func newSchemaCmd(app *App) *cobra.Command {
	return &cobra.Command{
		Use:   "schema scenarios|tenant",
		Short: "Print the JSON Schema of scenarios.yaml or of tenant.yaml's MFA sections, for editors",
		Long:  schemaLong,
		Example: `  mfactl schema scenarios > .vscode/scenarios.schema.json
  mfactl schema tenant`,
		ValidArgs: []cobra.Completion{
			cobra.CompletionWithDesc("scenarios", "scenarios.yaml, for mfactl simulate"),
			cobra.CompletionWithDesc("tenant", "the MFA sections of tenant.yaml"),
		},
		Args: func(c *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usagef("%s takes one schema name: %s\nRun '%s --help' for usage.", c.CommandPath(), strings.Join(schema.Names, " or "), c.CommandPath())
			}
			if _, ok := schema.Get(args[0]); !ok {
				return usagef("unknown schema %q; expected %s%s", args[0], strings.Join(schema.Names, " or "), config.Suggest(args[0], schema.Names))
			}
			return nil
		},
		RunE: func(c *cobra.Command, args []string) error {
			s, _ := schema.Get(args[0])
			_, err := app.Stdout.Write(schema.JSON(s))
			return err
		},
	}
}
