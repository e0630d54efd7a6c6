package simulate

import (
	"bytes"
	"context"
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"github.com/mfactl/mfactl/config"
)

// The streamed JSON is byte for byte what encoding the whole report at once gives.
func TestStreamedJSONMatchesWholeReport(t *testing.T) {
	tn, err := config.Load("../examples/selection-and-enrollment/tenant.yaml", config.Options{})
	if err != nil {
		t.Fatal(err)
	}
	f, err := Parse("s.yaml", []byte("scenarios:\n  - name: a <b> & c\n  - name: admin\n    user: {app_metadata: {isAdmin: true}, enrolledFactors: [{type: otp}]}\n    expect: {outcome: success}\n  - name: bad\n    user: {enrolledFactors: [{type: otp}]}\n    expect: {outcome: denied}\n"))
	if err != nil {
		t.Fatal(err)
	}
	for _, scenarios := range [][]*Scenario{f.Scenarios, nil} {
		results := New(tn, f).RunAll(context.Background(), scenarios)
		var whole bytes.Buffer
		enc := json.NewEncoder(&whole)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(NewReport(results)); err != nil {
			t.Fatal(err)
		}
		var streamed bytes.Buffer
		if err := Render(&streamed, "json", NewReport(results), RenderOptions{}); err != nil {
			t.Fatal(err)
		}
		if whole.String() != streamed.String() {
			t.Errorf("streamed JSON differs:\n%s\nwant:\n%s", streamed.String(), whole.String())
		}
		if len(scenarios) > 0 && !strings.Contains(streamed.String(), `"failed": 1`) {
			t.Errorf("summary: %s", streamed.String())
		}
	}
}

// Colour changes no column: the coloured trace without its escape codes is the plain trace, for
// every log type the simulation writes (the padding is measured on the plain text).
func TestColorKeepsAlignment(t *testing.T) {
	res := &Result{Name: "é名 scenario", Outcome: Failed, Error: "x", Actions: []ActionRun{{Name: "a", Handler: "onExecutePostLogin", Console: []string{"hi"}}},
		Expect: &ExpectResult{Failures: []string{"s.yaml:1:1: outcome: expected success, got failed"}}}
	res.Steps = append(res.Steps, Step{Kind: "action"}, Step{Kind: "console"})
	for i, typ := range append(LogTypes(), "gd_unknown_type", "名前") {
		res.Logs = append(res.Logs, Log{Type: typ, Description: "d"})
		res.Steps = append(res.Steps, Step{Kind: "log", Index: i})
	}
	var plain, color strings.Builder
	writeScenario(&plain, newStyles(&bytes.Buffer{}, false), res)
	writeScenario(&color, newStyles(&bytes.Buffer{}, true), res)
	if !strings.Contains(color.String(), "\x1b[") {
		t.Fatal("no colour")
	}
	if got := regexp.MustCompile("\x1b\\[[0-9;]*m").ReplaceAllString(color.String(), ""); got != plain.String() {
		t.Errorf("coloured trace differs from plain:\n%s\nwant:\n%s", got, plain.String())
	}
	if !strings.Contains(plain.String(), "    log 名前                     d\n") {
		t.Errorf("wide characters are not padded by their width:\n%s", plain.String())
	}
}
