// Command measure runs a command and prints its wall time and peak resident memory:
// measure [-runs N] -- command args...  It prints the best wall time and the largest peak of N runs.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"syscall"
	"time"
)

func main() {
	runs := flag.Int("runs", 5, "number of runs")
	label := flag.String("label", "", "label printed before the figures")
	flag.Parse()
	args := flag.Args()
	if len(args) == 0 {
		fmt.Fprintln(os.Stderr, "usage: measure [-runs N] [-label L] -- command args...")
		os.Exit(2)
	}
	best := time.Duration(1<<63 - 1)
	var peakKB int64
	code := 0
	for i := 0; i < *runs; i++ {
		cmd := exec.Command(args[0], args[1:]...)
		cmd.Stdout, cmd.Stderr = nil, nil
		start := time.Now()
		err := cmd.Run()
		wall := time.Since(start)
		if err != nil {
			if ee, ok := err.(*exec.ExitError); ok {
				code = ee.ExitCode()
			} else {
				fmt.Fprintln(os.Stderr, err)
				os.Exit(1)
			}
		}
		best = min(best, wall)
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			peakKB = max(peakKB, ru.Maxrss)
		}
	}
	fmt.Printf("%-28s wall %7.3f s (best of %d)   peak memory %6.1f MB   exit %d\n", *label, best.Seconds(), *runs, float64(peakKB)/1024, code)
}
