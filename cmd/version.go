package cmd

import (
	"fmt"
	"runtime"
	"runtime/debug"

	"github.com/spf13/cobra"
)

// Commit and Date describe the build; release builds set them (and Version) with -ldflags "-X …"
// (.goreleaser.yaml). A build from a git checkout without them takes the commit Go recorded.
var (
	Commit = ""
	Date   = ""
)

// buildInfo is the version line's detail: the commit, the build date and the Go version.
func buildInfo() string {
	commit, date, dirty := Commit, Date, false
	if commit == "none" { // GoReleaser outside a git checkout
		commit = ""
	}
	if bi, ok := debug.ReadBuildInfo(); ok && commit == "" {
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				commit = s.Value
			case "vcs.time":
				if date == "" {
					date = s.Value
				}
			case "vcs.modified":
				dirty = s.Value == "true"
			}
		}
	}
	if len(commit) > 12 {
		commit = commit[:12]
	}
	if dirty {
		commit += "-dirty"
	}
	out := ""
	if commit != "" {
		out += "commit " + commit + ", "
	}
	if date != "" {
		out += "built " + date + ", "
	}
	return out + runtime.Version() + " " + runtime.GOOS + "/" + runtime.GOARCH
}

func newVersionCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print mfactl's version, the commit it was built from, and the Go version",
		Args:  maxArgs(0),
		RunE: func(c *cobra.Command, _ []string) error {
			fmt.Fprintf(c.OutOrStdout(), "mfactl %s (%s)\n", Version, buildInfo())
			return nil
		},
	}
}
