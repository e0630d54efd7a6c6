// Command profile is mfactl with profiling around it, for finding where a whole `mfactl simulate`
// (or any other command) spends its time: profile -cpu cpu.out [-mem heap.out] -- simulate ARGS...
// Read the profiles with `go tool pprof -top bench/out/profile cpu.out`.
package main

import (
	"flag"
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"

	"github.com/mfactl/mfactl/cmd"
)

func main() {
	cpu := flag.String("cpu", "", "write a CPU profile to this file")
	mem := flag.String("mem", "", "write an allocation profile (all allocations since the start) to this file")
	flag.Parse()
	if *cpu == "" && *mem == "" {
		fmt.Fprintln(os.Stderr, "usage: profile -cpu FILE [-mem FILE] -- mfactl-args...")
		os.Exit(2)
	}
	if *cpu != "" {
		f, err := os.Create(*cpu)
		if err != nil {
			fail(err)
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			fail(err)
		}
	}
	code := cmd.Main(flag.Args(), os.Stdin, os.Stdout, os.Stderr)
	if *cpu != "" {
		pprof.StopCPUProfile()
	}
	if *mem != "" {
		f, err := os.Create(*mem)
		if err != nil {
			fail(err)
		}
		runtime.GC()
		if err := pprof.Lookup("allocs").WriteTo(f, 0); err != nil {
			fail(err)
		}
		_ = f.Close()
	}
	os.Exit(code)
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, err)
	os.Exit(1)
}
