// Command measure runs a command and prints its wall time, CPU time (user+sys) and peak resident
// memory: measure [-runs N] [-label L] [-tsv] -- command args...  It prints the best wall time, the
// least CPU time and the largest peak of N runs (each figure independently), and the last non-zero
// exit status. With -tsv it prints one machine-readable line instead: label, wall s, CPU s, peak MB,
// exit, separated by tabs, for scripts that compare two commands.
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
	tsv := flag.Bool("tsv", false, "print label, wall, CPU, peak MB and exit separated by tabs")
	flag.Parse()
	args := flag.Args()
	if len(args) == 0 || *runs < 1 {
		fmt.Fprintln(os.Stderr, "usage: measure [-runs N] [-label L] [-tsv] -- command args...")
		os.Exit(2)
	}
	best := time.Duration(1<<63 - 1)
	bestCPU := best
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
		// The child's own rusage: its user and system time over all its threads, and its peak RSS
		// (kilobytes on Linux).
		bestCPU = min(bestCPU, cmd.ProcessState.UserTime()+cmd.ProcessState.SystemTime())
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			peakKB = max(peakKB, ru.Maxrss)
		}
	}
	peakMB := float64(peakKB) / 1024
	if *tsv {
		fmt.Printf("%s\t%.4f\t%.4f\t%.1f\t%d\n", *label, best.Seconds(), bestCPU.Seconds(), peakMB, code)
		return
	}
	fmt.Printf("%-28s wall %7.3f s (best of %d)   CPU %7.3f s   peak memory %6.1f MB   exit %d\n", *label, best.Seconds(), *runs, bestCPU.Seconds(), peakMB, code)
}
