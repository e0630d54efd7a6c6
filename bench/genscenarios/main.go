// Command genscenarios writes a scenarios file of N varied users for the example flow:
// genscenarios -n 1000 -o FILE.
package main

import (
	"flag"
	"fmt"
	"os"
	"strings"
)

func main() {
	n := flag.Int("n", 1000, "number of scenarios")
	out := flag.String("o", "", "output file")
	flag.Parse()
	if *out == "" {
		fmt.Fprintln(os.Stderr, "usage: genscenarios -n N -o FILE")
		os.Exit(2)
	}
	users := []string{
		"{}",
		"{app_metadata: {isAdmin: true}}",
		"{enrolledFactors: [{type: otp}]}",
		"{app_metadata: {isAdmin: true}, enrolledFactors: [{type: otp}]}",
		"{app_metadata: {isAdmin: true}, enrolledFactors: [{type: otp}, {type: webauthn-roaming}]}",
		"{enrolledFactors: [{type: phone}, {type: push-notification}]}",
	}
	var b strings.Builder
	b.WriteString("now: 2026-01-01T09:00:00Z\nscenarios:\n")
	for i := 0; i < *n; i++ {
		fmt.Fprintf(&b, "  - name: user %d\n    user: %s\n    expect: {outcome: success}\n", i, users[i%len(users)])
	}
	if err := os.WriteFile(*out, []byte(b.String()), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
