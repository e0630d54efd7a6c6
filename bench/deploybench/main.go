// Command deploybench measures `mfactl deploy` against the in-process fake Management API with a
// fixed latency added to every request: for a tenant.yaml of N Actions it prints, for a first deploy
// and for a second deploy of the same file, the requests made (reads and writes), the wall time and
// the peak memory of the mfactl process.
//
//	deploybench -mfactl bench/out/mfactl -latency 50ms -build-time 1s -actions 3,50
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/mfactl/mfactl/internal/fakeauth0"
)

func main() {
	bin := flag.String("mfactl", "bench/out/mfactl", "the mfactl binary")
	latency := flag.Duration("latency", 50*time.Millisecond, "latency added to each request")
	buildTime := flag.Duration("build-time", time.Second, "how long the fake takes to build an Action")
	counts := flag.String("actions", "3,50", "comma-separated numbers of Actions")
	work := flag.String("dir", "bench/out/deploy", "where to write the generated tenants")
	flag.Parse()

	fmt.Printf("mfactl deploy against the fake Management API (+%s per request, %s build per Action)\n", *latency, *buildTime)
	fmt.Printf("%-9s %-7s %9s %7s %7s %9s %9s\n", "actions", "deploy", "requests", "reads", "writes", "wall", "peak")
	for _, field := range strings.Split(*counts, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(field))
		if err != nil || n < 1 {
			fail("bad -actions %q", field)
		}
		dir := filepath.Join(*work, fmt.Sprintf("tenant-%d", n))
		if err := writeTenant(dir, n); err != nil {
			fail("%v", err)
		}
		srv := fakeauth0.New(fakeauth0.Options{Latency: *latency, BuildTime: *buildTime})
		for _, run := range []string{"first", "second"} {
			srv.ResetRequests()
			wall, peakKB := deploy(*bin, srv.URL(), filepath.Join(dir, "tenant.yaml"))
			reads, writes := 0, 0
			for _, r := range srv.Requests() {
				if r.Method == "GET" {
					reads++
				} else if r.Path != "/oauth/token" {
					writes++
				} else {
					reads++ // the token request: not a change to the tenant
				}
			}
			fmt.Printf("%-9d %-7s %9d %7d %7d %8.2fs %7.1fMB\n", n, run, reads+writes, reads, writes, wall.Seconds(), float64(peakKB)/1024)
		}
		srv.Close()
	}
}

func deploy(bin, url, tenant string) (time.Duration, int64) {
	c := exec.Command(bin, "deploy", "--yes", "-q", "--env=false", tenant)
	c.Env = append(os.Environ(), "AUTH0_DOMAIN="+url, "AUTH0_CLIENT_ID=fake-client-id", "AUTH0_CLIENT_SECRET=fake-client-secret")
	c.Stdout = nil
	var stderr strings.Builder
	c.Stderr = &stderr
	start := time.Now()
	err := c.Run()
	wall := time.Since(start)
	if err != nil {
		fail("mfactl deploy: %v\n%s", err, stderr.String())
	}
	var peak int64
	if ru, ok := c.ProcessState.SysUsage().(*syscall.Rusage); ok {
		peak = ru.Maxrss
	}
	return wall, peak
}

// writeTenant writes a tenant.yaml with n post-login Actions, all bound, that validates cleanly.
func writeTenant(dir string, n int) error {
	var b strings.Builder
	b.WriteString("tenant:\n  customize_mfa_in_postlogin_action: true\nguardianFactors:\n  - name: otp\n    enabled: true\n  - name: sms\n    enabled: true\n")
	b.WriteString("guardianPhoneFactorMessageTypes:\n  message_types: [sms]\nguardianPolicies:\n  policies: []\nactions:\n")
	for i := 0; i < n; i++ {
		name := fmt.Sprintf("action-%03d", i)
		code := fmt.Sprintf("exports.onExecutePostLogin = async (event, api) => {\n  api.idToken.setCustomClaim('https://example.com/step-%d', true);\n};\n", i)
		if i == 0 {
			code = "exports.onExecutePostLogin = async (event, api) => {\n  const enrolled = event.user.enrolledFactors ?? [];\n  if (enrolled.length > 0) {\n    api.authentication.challengeWithAny([{ type: 'otp' }, { type: 'phone' }]);\n  } else {\n    api.authentication.enrollWithAny([{ type: 'otp' }, { type: 'phone' }]);\n  }\n};\n"
		}
		if err := os.MkdirAll(filepath.Join(dir, "actions", name), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, "actions", name, "code.js"), []byte(code), 0o644); err != nil {
			return err
		}
		fmt.Fprintf(&b, "  - name: %s\n    code: ./actions/%s/code.js\n    runtime: node22\n    deployed: true\n    supported_triggers:\n      - id: post-login\n        version: v3\n", name, name)
	}
	b.WriteString("triggers:\n  post-login:\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "    - action_name: action-%03d\n      display_name: action-%03d\n", i, i)
	}
	return os.WriteFile(filepath.Join(dir, "tenant.yaml"), []byte(b.String()), 0o644)
}

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "deploybench: "+format+"\n", args...)
	os.Exit(1)
}
