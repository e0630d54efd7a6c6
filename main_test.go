package main

import (
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/mfactl/mfactl/cmd"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"mfactl": func() { os.Exit(cmd.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) },
	})
}

// TestScript runs the end-to-end scripts in testdata/script. MFACTL_UPDATE=1 rewrites the expected
// outputs of failing cmp commands in place.
func TestScript(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		RequireExplicitExec: true,
		RequireUniqueNames:  true,
		UpdateScripts:       os.Getenv("MFACTL_UPDATE") != "",
		Setup: func(env *testscript.Env) error {
			// Keep the host's settings out of the scripts.
			for _, k := range []string{"NO_COLOR", "TERM", "CLICOLOR_FORCE", "GITHUB_ACTIONS", "AUTH0_KEYWORD_REPLACE_MAPPINGS",
				"AUTH0_DOMAIN", "AUTH0_CLIENT_ID", "AUTH0_CLIENT_SECRET", "AUTH0_ACCESS_TOKEN", "MFACTL_COLOR", "MFACTL_FORMAT"} {
				env.Setenv(k, "")
			}
			wd, err := os.Getwd()
			if err != nil {
				return err
			}
			env.Setenv("REPO", wd)
			env.Setenv("EXAMPLES", filepath.Join(wd, "examples"))
			env.Setenv("WILD", filepath.Join(wd, "testdata", "actions-in-the-wild"))
			env.Values[fakeServerKey{}] = &fakeHolder{}
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"exitcode":   cmdExitCode,
			"fakeauth0":  cmdFakeAuth0,
			"visible":    cmdVisible,
			"scenarioof": cmdScenarioOf,
		},
	})
}

// cmdVisible copies a file with each escape character written as \e, so that a golden file of
// coloured output shows its escape codes: visible IN OUT.
func cmdVisible(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: visible IN OUT")
	}
	text := strings.ReplaceAll(ts.ReadFile(args[0]), "\x1b", `\e`)
	ts.Check(os.WriteFile(ts.MkAbs(args[1]), []byte(text), 0o644))
}

// cmdExitCode runs a program and checks its exit code: exitcode N prog args...
// Its stdout and stderr stay available to stdout, stderr and cmp.
func cmdExitCode(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: exitcode N command [args...]")
	}
	want, err := strconv.Atoi(args[0])
	if err != nil {
		ts.Fatalf("usage: exitcode N command [args...]: %v", err)
	}
	err = ts.Exec(args[1], args[2:]...)
	got := 0
	if err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			ts.Fatalf("%v", err)
		}
		got = ee.ExitCode()
	}
	if got != want {
		ts.Fatalf("exit code %d, want %d\nstdout:\n%s\nstderr:\n%s", got, want, ts.ReadFile("stdout"), ts.ReadFile("stderr"))
	}
}

// cmdScenarioOf writes the scenario of the first class of a kind in an explore JSON report as a
// scenarios file, so a script can run simulate on exactly what explore printed:
// scenarioof REPORT.json KIND OUT.yaml [CONDITION], the first whose condition contains CONDITION
// when it is given. KIND failure picks a failed answer's scenario, by its prompt.
func cmdScenarioOf(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 3 && len(args) != 4 {
		ts.Fatalf("usage: scenarioof REPORT.json KIND OUT.yaml [CONDITION]")
	}
	var report struct {
		Classes  []struct{ Kind, Condition, Scenario string }
		Failures []struct{ Prompt, Scenario string }
	}
	ts.Check(json.Unmarshal([]byte(ts.ReadFile(args[0])), &report))
	if args[1] == "failure" {
		// A failed answer's scenario, the first whose prompt contains CONDITION.
		for _, f := range report.Failures {
			if len(args) == 3 || strings.Contains(f.Prompt, args[3]) {
				ts.Check(os.WriteFile(ts.MkAbs(args[2]), []byte("scenarios:\n"+f.Scenario), 0o644))
				return
			}
		}
		ts.Fatalf("no failure in %s", args[0])
	}
	for _, c := range report.Classes {
		if c.Kind == args[1] && (len(args) == 3 || strings.Contains(c.Condition, args[3])) {
			ts.Check(os.WriteFile(ts.MkAbs(args[2]), []byte("scenarios:\n"+c.Scenario), 0o644))
			return
		}
	}
	ts.Fatalf("no %s class in %s", args[1], args[0])
}
