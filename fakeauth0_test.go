package main

import (
	"encoding/base64"
	"encoding/json"
	"flag"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
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
//	                [-client-secret S] [-access-token T]
//	fakeauth0 fault METHOD PATH STATUS|KIND [TIMES] [Header:Value...] [echo=TEXT] [total=N|none] [fields=a,b] [skip=N]
//	fakeauth0 log [-writes]     the requests, one "METHOD PATH[?QUERY] STATUS" line each
//	fakeauth0 wait-for METHOD PATH  block until such a request was answered
//	fakeauth0 reset-log
//	fakeauth0 state             the tenant's state as JSON
//	fakeauth0 no-leak VALUE [FILE|DIR...]  fail if stdout, stderr or the files hold VALUE in any form
//
// start sets AUTH0_DOMAIN (the server's http://127.0.0.1 URL), AUTH0_CLIENT_ID and AUTH0_CLIENT_SECRET.
// A fault's KIND is one of fakeauth0.FaultKinds (empty, null, null-items, null-fields, ignore-page);
// echo=TEXT makes a STATUS fault's error message repeat TEXT in the forms of fakeauth0.EchoForms;
// skip=N lets the first N matching requests through.
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
		clientSecret := fs.String("client-secret", "fake-client-secret", "")
		accessToken := fs.String("access-token", "", "")
		if err := fs.Parse(args[1:]); err != nil {
			ts.Fatalf("fakeauth0 start: %v", err)
		}
		opts := fakeauth0.Options{Latency: *latency, BuildTime: *buildTime, LegacyPhone403: *legacy, ClientSecret: *clientSecret, AccessToken: *accessToken}
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
		ts.Setenv("AUTH0_CLIENT_SECRET", *clientSecret)
		ts.Setenv("AUTH0_ACCESS_TOKEN", "")
		ts.Setenv("FAKE_AUTH0_URL", s.URL())
		ts.Setenv("FAKE_AUTH0_HOST", strings.TrimPrefix(s.URL(), "http://"))
	case "fault":
		if len(args) < 4 {
			ts.Fatalf("usage: fakeauth0 fault METHOD PATH STATUS|KIND [TIMES] [Header:Value...] [echo=TEXT] [total=N|none] [fields=a,b] [skip=N]")
		}
		f := fakeauth0.Fault{Method: args[1], Path: args[2], Header: map[string]string{}}
		if slices.Contains(fakeauth0.FaultKinds, args[3]) {
			f.Kind = args[3]
		} else if status, err := strconv.Atoi(args[3]); err == nil {
			f.Status = status
		} else {
			ts.Fatalf("fakeauth0 fault: %q is neither a status nor one of %s", args[3], strings.Join(fakeauth0.FaultKinds, ", "))
		}
		for _, a := range args[4:] {
			if v, ok := strings.CutPrefix(a, "echo="); ok {
				f.Echo = v
			} else if v, ok := strings.CutPrefix(a, "total="); ok {
				if v == "none" {
					f.Total = -1
				} else if n, err := strconv.Atoi(v); err == nil && n > 0 {
					f.Total = n
				} else {
					ts.Fatalf("fakeauth0 fault: total=%q", v)
				}
			} else if v, ok := strings.CutPrefix(a, "skip="); ok {
				n, err := strconv.Atoi(v)
				if err != nil || n < 0 {
					ts.Fatalf("fakeauth0 fault: skip=%q", v)
				}
				f.Skip = n
			} else if v, ok := strings.CutPrefix(a, "fields="); ok {
				f.Fields = strings.Split(v, ",")
			} else if k, v, ok := strings.Cut(a, ":"); ok {
				if v == "now" { // x-ratelimit-reset:now is the current UNIX second
					v = strconv.FormatInt(time.Now().Unix(), 10)
				}
				f.Header[k] = v
			} else if n, err := strconv.Atoi(a); err == nil {
				f.Times = n
			} else {
				ts.Fatalf("fakeauth0 fault: %q is neither TIMES, Header:Value, echo=, total=, fields= nor skip=", a)
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
	case "no-leak":
		if len(args) < 2 || args[1] == "" {
			ts.Fatalf("usage: fakeauth0 no-leak VALUE [FILE|DIR...]")
		}
		noLeak(ts, args[1], args[2:])
	case "state":
		data, _ := json.MarshalIndent(server().Snapshot(), "", "  ")
		_, _ = ts.Stdout().Write(append(data, '\n'))
	default:
		ts.Fatalf("fakeauth0: unknown subcommand %q", args[0])
	}
}

// noLeak fails the script when the last command's stdout or stderr, or one of the files (directories
// are walked), holds value as written or in a form it takes when escaped or encoded. The forms are
// computed here, independently of package redact, so that the check does not share its blind spots.
func noLeak(ts *testscript.TestScript, value string, paths []string) {
	forms := leakForms(value)
	check := func(name, text string) {
		for _, f := range forms {
			if strings.Contains(text, f) {
				ts.Fatalf("fakeauth0 no-leak: %s holds %q (a form of the secret)", name, f)
			}
		}
	}
	check("stdout", ts.ReadFile("stdout"))
	check("stderr", ts.ReadFile("stderr"))
	for _, p := range paths {
		root := ts.MkAbs(p)
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			check(path, string(data))
			return nil
		})
		if err != nil {
			ts.Fatalf("fakeauth0 no-leak: %v", err)
		}
	}
}

// leakForms are the texts that give value away: as written, JSON-escaped (with and without HTML
// escaping), Go-quoted, URL-encoded, base64 in both alphabets, and the run of base64 characters that
// encodes value inside a longer base64 text at each of the three alignments.
func leakForms(value string) []string {
	set := map[string]bool{value: true}
	j, _ := json.Marshal(value)
	set[string(j[1:len(j)-1])] = true
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(value)
	raw := strings.TrimSpace(b.String())
	set[raw[1:len(raw)-1]] = true
	q := strconv.Quote(value)
	set[q[1:len(q)-1]] = true
	set[url.QueryEscape(value)] = true
	set[url.PathEscape(value)] = true
	for _, e := range []*base64.Encoding{base64.StdEncoding, base64.URLEncoding} {
		for k := 0; k < 3; k++ {
			s := e.EncodeToString(append(make([]byte, k), value...))
			// Skip the group that mixes the k prefix bytes in, and the last group, which depends on
			// what follows.
			from := 0
			if k > 0 {
				from = 4
			}
			whole := (len(value) - (3-k)%3) / 3
			to := from + 4*whole
			if to > from && to <= len(s) && to-from >= 8 {
				set[s[from:to]] = true
			}
		}
	}
	for _, f := range fakeauth0.EchoForms(value) {
		set[f] = true
	}
	var out []string
	for f := range set {
		if len(f) >= 4 {
			out = append(out, f)
		}
	}
	return out
}

func TestLeakForms(t *testing.T) {
	secret := `c0ffee/Se+cr"et<&>=%41 x`
	forms := leakForms(secret)
	for _, want := range []string{
		secret,
		`c0ffee/Se+cr\"et\u003c\u0026\u003e=%41 x`,
		`c0ffee/Se+cr\"et<&>=%41 x`,
		"c0ffee%2FSe%2Bcr%22et%3C%26%3E%3D%2541+x",
		base64.StdEncoding.EncodeToString([]byte(secret)),
	} {
		if !slices.Contains(forms, want) {
			t.Errorf("no form %q in %q", want, forms)
		}
	}
	// Inside a longer base64 text, at any alignment, some form is found.
	for _, prefix := range []string{"fake-client-id:", "x:", "ab:"} {
		enc := base64.StdEncoding.EncodeToString([]byte(prefix + secret))
		found := false
		for _, f := range forms {
			found = found || strings.Contains(enc, f)
		}
		if !found {
			t.Errorf("base64 of %q+secret: no form found", prefix)
		}
	}
	for _, f := range forms {
		if strings.Contains("<redacted>", f) {
			t.Errorf("form %q matches the placeholder", f)
		}
	}
}
