// Command gentenant writes a synthetic tenant for benchmarks: gentenant -n 500 -o DIR.
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
	flag.Parse()
	if *out == "" {
		fmt.Fprintln(os.Stderr, "usage: gentenant -n N -o DIR")
		os.Exit(2)
	}
	if err := tenantgen.Write(*out, *n); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
