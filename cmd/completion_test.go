package cmd

import (
	"testing"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// TestEveryFlagCompletes checks that every flag that takes a value has a completion, so none falls
// back to offering every file (a --format completing file names), and that every command with
// arguments says how to complete them.
func TestEveryFlagCompletes(t *testing.T) {
	root := NewRoot(&App{})
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		check := func(f *pflag.Flag) {
			if f.Value.Type() == "bool" || f.Hidden {
				return
			}
			if _, ok := c.GetFlagCompletionFunc(f.Name); !ok {
				t.Errorf("%s --%s has no completion", c.CommandPath(), f.Name)
			}
		}
		c.LocalFlags().VisitAll(check)
		if c.Runnable() && c.ValidArgsFunction == nil && len(c.ValidArgs) == 0 && c.Name() != "help" && c.Parent() != nil && c.Parent().Name() != "completion" {
			t.Errorf("%s has no completion for its arguments", c.CommandPath())
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
}
