// Command genscenarios writes a scenarios file of N varied users for the example flow:
// genscenarios -n 1000 -o FILE [-json FILE.json [-tenant tenant.yaml]].
//
// With -json it also writes the same work for bench/nodeloop, which has no YAML parser: the
// scenarios as mfactl's own parser read them from FILE (so the two sides cannot drift), and the
// post-login flow of the tenant (each bound Action's name, path and code, in binding order, as
// mfactl loads it).
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/mfactl/mfactl/config"
	"github.com/mfactl/mfactl/simulate"
)

func main() {
	n := flag.Int("n", 1000, "number of scenarios")
	out := flag.String("o", "", "output file")
	jsonOut := flag.String("json", "", "also write the scenarios and the tenant's post-login flow as JSON to this file, for bench/nodeloop")
	tenant := flag.String("tenant", "examples/selection-and-enrollment/tenant.yaml", "tenant.yaml whose post-login flow -json includes")
	httpMode := flag.String("http", "", "for bench/http/tenant.yaml: 'on' writes two http: stubs and turns the Action's requests on, 'off' turns them off")
	flag.Parse()
	if *out == "" {
		fmt.Fprintln(os.Stderr, "usage: genscenarios -n N -o FILE [-json FILE.json [-tenant tenant.yaml]]")
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
	b.WriteString("now: 2026-01-01T09:00:00Z\n")
	switch *httpMode {
	case "on":
		b.WriteString("defaults:\n  configuration: {REQUESTS: 'on'}\n  http:\n" +
			"    - {method: POST, url: https://risk.example.com/v1/score, body: {score: 42}}\n" +
			"    - {method: GET, url: 'https://allow-list.example.com/v1/countries?code=DE', body: {code: DE, allowed: true}}\n")
	case "off":
		b.WriteString("defaults:\n  configuration: {REQUESTS: 'off'}\n")
	case "":
	default:
		fail(fmt.Errorf("-http is on or off, not %q", *httpMode))
	}
	b.WriteString("scenarios:\n")
	for i := 0; i < *n; i++ {
		fmt.Fprintf(&b, "  - name: user %d\n    user: %s\n    expect: {outcome: success}\n", i, users[i%len(users)])
	}
	if err := os.WriteFile(*out, []byte(b.String()), 0o644); err != nil {
		fail(err)
	}
	if *jsonOut != "" {
		if err := writeJSON(*jsonOut, *out, []byte(b.String()), *tenant); err != nil {
			fail(err)
		}
	}
}

// nodeWork is what bench/nodeloop reads.
type nodeWork struct {
	Now       string         `json:"now"`
	Defaults  map[string]any `json:"defaults,omitempty"`
	Flow      []nodeAction   `json:"flow"`
	Scenarios []nodeScenario `json:"scenarios"`
}

type nodeAction struct {
	Name string `json:"name"`
	Path string `json:"path"`
	Code string `json:"code"`
}

type nodeScenario struct {
	Name  string         `json:"name"`
	User  map[string]any `json:"user,omitempty"`
	Roles []string       `json:"roles,omitempty"`
	Event map[string]any `json:"event,omitempty"`
}

func writeJSON(path, yamlPath string, yamlText []byte, tenantPath string) error {
	f, err := simulate.Parse(yamlPath, yamlText)
	if err != nil {
		return err
	}
	tn, err := config.Load(tenantPath, config.Options{})
	if err != nil {
		return err
	}
	w := nodeWork{Now: f.Now.UTC().Format(time.RFC3339Nano), Defaults: f.Defaults, Flow: []nodeAction{}, Scenarios: make([]nodeScenario, 0, len(f.Scenarios))}
	for _, bnd := range tn.PostLogin {
		a := tn.ActionByName(bnd.ActionName.Value)
		if a == nil || a.CodeFile == nil {
			return fmt.Errorf("%s: post-login Action %q has no readable code", tenantPath, bnd.ActionName.Value)
		}
		w.Flow = append(w.Flow, nodeAction{Name: a.Name.Value, Path: a.CodePath, Code: string(a.CodeFile.Text)})
	}
	if len(f.Modules) > 0 {
		return fmt.Errorf("%s: mocked modules are not supported by bench/nodeloop", yamlPath)
	}
	for _, sc := range f.Scenarios {
		ns := nodeScenario{Name: sc.Name, User: sc.User, Event: sc.Event}
		if sc.HasRoles {
			ns.Roles = append([]string{}, sc.Roles...)
		}
		w.Scenarios = append(w.Scenarios, ns)
	}
	data, err := json.Marshal(w)
	if err != nil {
		return err
	}
	return os.WriteFile(path, data, 0o644)
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, err)
	os.Exit(1)
}
