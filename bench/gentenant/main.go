// Command gentenant writes a synthetic tenant for benchmarks: gentenant -n 500 -o DIR, as
// DIR/tenant.yaml, or with -format directory in the Deploy CLI's directory format (DIR/tenant.json,
// DIR/actions/*.json …).
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/mfactl/mfactl/internal/tenantgen"
)

func main() {
	n := flag.Int("n", 500, "number of Actions")
	out := flag.String("o", "", "output folder")
	format := flag.String("format", "yaml", "yaml (tenant.yaml) or directory (the Deploy CLI's directory format)")
	flag.Parse()
	write := map[string]func(string, int) error{"yaml": tenantgen.Write, "directory": tenantgen.WriteDir}[*format]
	if *out == "" || write == nil {
		fmt.Fprintln(os.Stderr, "usage: gentenant -n N -o DIR [-format yaml|directory]")
		os.Exit(2)
	}
	if err := write(*out, *n); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
