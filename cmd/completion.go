package cmd

import (
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/mfactl/mfactl/explore"
	"github.com/mfactl/mfactl/findings"
	"github.com/mfactl/mfactl/simulate"
)

// Shell completion (mfactl completion bash|zsh|fish|powershell) completes every flag's value: an
// enumeration offers its values and no files, a file flag offers only files of its kind, a folder
// flag only folders. TestEveryFlagCompletes keeps new flags from falling back to every file.

// formatsOf are the --format values of each command, the lists the commands check.
func formatsOf(command string) []string {
	switch command {
	case "validate":
		return findings.Formats()
	case "simulate":
		return simulate.Formats()
	case "explore":
		return explore.Formats()
	case "deploy":
		return planFormats
	case "rules", "explain":
		return ruleFormats
	case "export", "convert":
		return exportFormats
	}
	return nil
}

// formatDescriptions describe the --format values in shells that show descriptions.
var formatDescriptions = map[string]string{
	"text":      "for people (default)",
	"json":      "JSON for scripts",
	"sarif":     "SARIF 2.1.0 for code scanning",
	"github":    "GitHub Actions annotations",
	"junit":     "JUnit XML for CI test reports",
	"markdown":  "Markdown for a pull request or wiki",
	"yaml":      "tenant.yaml and actions/<name>/code.js",
	"directory": "the Deploy CLI's directory format (tenant.json, actions/, triggers/, guardian/)",
}

// yamlExts are the extensions of tenant.yaml and scenarios files in completion.
var (
	yamlExts     = []string{"yaml", "yml"}
	yamlJSONExts = []string{"yaml", "yml", "json"}
)

func files(exts ...string) cobra.CompletionFunc {
	return func(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
		return exts, cobra.ShellCompDirectiveFilterFileExt
	}
}

func folders(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
	return nil, cobra.ShellCompDirectiveFilterDirs
}

// anyFile completes any file name (an output file may be new).
func anyFile(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
	return nil, cobra.ShellCompDirectiveDefault
}

func values(vs ...cobra.Completion) cobra.CompletionFunc {
	return cobra.FixedCompletions(vs, cobra.ShellCompDirectiveNoFileComp)
}

// tenantArg completes the optional tenant path: .yaml and .yml files, and folders (which hold them,
// or are a tenant in the Deploy CLI's directory format).
func tenantArg(_ *cobra.Command, args []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
	if len(args) > 0 {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	return yamlExts, cobra.ShellCompDirectiveFilterFileExt
}

// flagCompletions complete flags by name, the same in every command that has them.
var flagCompletions = map[string]cobra.CompletionFunc{
	"color":          values("auto\tcolour only on a terminal (default)", "always", "never"),
	"config":         files("yaml", "yml", "json", "toml"),
	"output":         anyFile,
	"scenarios":      files(yamlJSONExts...),
	"keywords-file":  files(yamlJSONExts...),
	"keyword":        values(),
	"env-keyword":    values(),
	"run":            values(),
	"node-modules":   folders,
	"action-timeout": values("20s\tAuth0's limit", "5s", "500ms"),
	"run-timeout":    values("2s\tthe default: an Action that runs this long loops", "0\tonly --action-timeout"),
	"max-states":     values("10000", "100000"),
	"build-timeout":  values("5m", "10m"),
	"parallel":       values("1\tcalls in a fixed order", "8"),
	"dir":            folders,
}

// registerCompletions sets the completion of every flag and positional argument in the tree.
func registerCompletions(root *cobra.Command) {
	_ = root.RegisterFlagCompletionFunc("color", flagCompletions["color"])
	_ = root.RegisterFlagCompletionFunc("config", flagCompletions["config"])
	for _, c := range root.Commands() {
		switch c.Name() {
		case "validate", "simulate", "deploy", "explore", "convert":
			c.ValidArgsFunction = tenantArg
		case "init":
			c.ValidArgsFunction = func(_ *cobra.Command, args []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
				if len(args) > 0 {
					return nil, cobra.ShellCompDirectiveNoFileComp
				}
				return nil, cobra.ShellCompDirectiveFilterDirs
			}
		case "export", "version", "gen-docs", "rules":
			if c.ValidArgsFunction == nil {
				c.ValidArgsFunction = cobra.NoFileCompletions
			}
		}
		if c.Name() == "export" || c.Name() == "convert" {
			_ = c.RegisterFlagCompletionFunc("output", folders)
		}
		if formats := formatsOf(c.Name()); formats != nil {
			var vs []cobra.Completion
			for _, f := range formats {
				vs = append(vs, cobra.CompletionWithDesc(f, formatDescriptions[f]))
			}
			_ = c.RegisterFlagCompletionFunc("format", values(vs...))
		}
		c.LocalNonPersistentFlags().VisitAll(func(f *pflag.Flag) {
			if _, set := c.GetFlagCompletionFunc(f.Name); set {
				return
			}
			if fn, ok := flagCompletions[f.Name]; ok {
				_ = c.RegisterFlagCompletionFunc(f.Name, fn)
			}
		})
	}
}
