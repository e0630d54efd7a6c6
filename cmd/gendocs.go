package cmd

import (
	"os"

	"github.com/spf13/cobra"
	"github.com/spf13/cobra/doc"
)

func newGenDocsCmd() *cobra.Command {
	var dir string
	var man bool
	c := &cobra.Command{
		Use:    "gen-docs",
		Short:  "Write the command reference as markdown (or man pages) into a folder",
		Hidden: true,
		Args:   maxArgs(0),
		RunE: func(c *cobra.Command, _ []string) error {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return err
			}
			root := c.Root()
			root.DisableAutoGenTag = true
			if man {
				return doc.GenManTree(root, &doc.GenManHeader{Title: "MFACTL", Section: "1"}, dir)
			}
			return doc.GenMarkdownTree(root, dir)
		},
	}
	c.Flags().StringVar(&dir, "dir", "docs/reference", "folder to write into")
	c.Flags().BoolVar(&man, "man", false, "write man pages instead of markdown")
	return c
}
