package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/mfactl/mfactl/internal/fakeauth0"
)

// fakeServerKey keeps the script's fake in its Values: Setup puts an empty holder there.
type fakeServerKey struct{}

type fakeHolder struct{ server *fakeauth0.Server }

// cmdFakeAuth0 drives an in-process fake Management API from a script:
//
//	fakeauth0 start [-latency D] [-build-time D] [-fail-build NAME] [-legacy-phone-403] [-scopes a,b] [-seed FILE]
//	fakeauth0 fault METHOD PATH STATUS [TIMES] [Header:Value...]
//	fakeauth0 log [-writes]     the requests, one "METHOD PATH[?QUERY] STATUS" line each
//	fakeauth0 wait-for METHOD PATH  block until such a request was answered
//	fakeauth0 reset-log
//	fakeauth0 state             the tenant's state as JSON
//
// start sets AUTH0_DOMAIN (the server's http://127.0.0.1 URL), AUTH0_CLIENT_ID and AUTH0_CLIENT_SECRET.
func cmdFakeAuth0(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) == 0 {
		ts.Fatalf("usage: fakeauth0 start|fault|log|reset-log|state ...")
	}
	server := func() *fakeauth0.Server {
		s := ts.Value(fakeServerKey{}).(*fakeHolder).server
		if s == nil {
			ts.Fatalf("fakeauth0: no server; run 'fakeauth0 start' first")
		}
		return s
	}
	switch args[0] {
	case "start":
		fs := flag.NewFlagSet("fakeauth0 start", flag.ContinueOnError)
		latency := fs.Duration("latency", 0, "")
		buildTime := fs.Duration("build-time", 0, "")
		failBuild := fs.String("fail-build", "", "")
		legacy := fs.Bool("legacy-phone-403", false, "")
		scopes := fs.String("scopes", "", "")
		seed := fs.String("seed", "", "")
		if err := fs.Parse(args[1:]); err != nil {
			ts.Fatalf("fakeauth0 start: %v", err)
		}
		opts := fakeauth0.Options{Latency: *latency, BuildTime: *buildTime, LegacyPhone403: *legacy}
		if *scopes != "" {
			opts.Scopes = strings.Split(*scopes, ",")
		}
		s := fakeauth0.New(opts)
		ts.Defer(s.Close)
		if *failBuild != "" {
			s.FailBuild(*failBuild)
		}
		if *seed != "" {
			var st fakeauth0.State
			if err := json.Unmarshal([]byte(ts.ReadFile(*seed)), &st); err != nil {
				ts.Fatalf("fakeauth0 start -seed: %v", err)
			}
			s.Seed(st)
		}
		ts.Value(fakeServerKey{}).(*fakeHolder).server = s
		ts.Setenv("AUTH0_DOMAIN", s.URL())
		ts.Setenv("AUTH0_CLIENT_ID", "fake-client-id")
		ts.Setenv("AUTH0_CLIENT_SECRET", "fake-client-secret")
		ts.Setenv("AUTH0_ACCESS_TOKEN", "")
		ts.Setenv("FAKE_AUTH0_URL", s.URL())
		ts.Setenv("FAKE_AUTH0_HOST", strings.TrimPrefix(s.URL(), "http://"))
	case "fault":
		if len(args) < 4 {
			ts.Fatalf("usage: fakeauth0 fault METHOD PATH STATUS [TIMES] [Header:Value...]")
		}
		status, err := strconv.Atoi(args[3])
		if err != nil {
			ts.Fatalf("fakeauth0 fault: status %q", args[3])
		}
		f := fakeauth0.Fault{Method: args[1], Path: args[2], Status: status, Header: map[string]string{}}
		for _, a := range args[4:] {
			if k, v, ok := strings.Cut(a, ":"); ok {
				if v == "now" { // x-ratelimit-reset:now is the current UNIX second
					v = strconv.FormatInt(time.Now().Unix(), 10)
				}
				f.Header[k] = v
			} else if n, err := strconv.Atoi(a); err == nil {
				f.Times = n
			} else {
				ts.Fatalf("fakeauth0 fault: %q is neither TIMES nor Header:Value", a)
			}
		}
		server().Inject(f)
	case "log":
		writes := len(args) > 1 && args[1] == "-writes"
		var b strings.Builder
		for _, r := range server().Requests() {
			if writes && (r.Method == "GET" || r.Path == "/oauth/token") {
				continue
			}
			line := r.Method + " " + r.Path
			if r.Query != "" {
				line += "?" + r.Query
			}
			fmt.Fprintf(&b, "%s %d\n", line, r.Status)
		}
		_, _ = ts.Stdout().Write([]byte(b.String()))
	case "wait-for":
		// fakeauth0 wait-for METHOD PATH: block until such a request has been answered (10 s at most).
		if len(args) != 3 {
			ts.Fatalf("usage: fakeauth0 wait-for METHOD PATH")
		}
		deadline := time.Now().Add(10 * time.Second)
		for {
			for _, r := range server().Requests() {
				if r.Method == args[1] && r.Path == args[2] {
					return
				}
			}
			if time.Now().After(deadline) {
				ts.Fatalf("fakeauth0 wait-for: no %s %s after 10s", args[1], args[2])
			}
			time.Sleep(20 * time.Millisecond)
		}
	case "reset-log":
		server().ResetRequests()
	case "state":
		data, _ := json.MarshalIndent(server().Snapshot(), "", "  ")
		_, _ = ts.Stdout().Write(append(data, '\n'))
	default:
		ts.Fatalf("fakeauth0: unknown subcommand %q", args[0])
	}
}
