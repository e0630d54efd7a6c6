package deploy

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mfactl/mfactl/config"
	"github.com/mfactl/mfactl/findings"
	"github.com/mfactl/mfactl/validate"
)

func exportedState() *State {
	b := deployedAction("risk/score: v2", "exports.onExecutePostLogin = async () => {};\n")
	b.SecretNames = []string{"RISK_KEY"}
	b.Dependencies = []Dependency{{"axios", "1.7.0"}}
	c := deployedAction("draft only", code1)
	c.AllChangesDeployed = false
	return &State{
		Settings:              TenantSettings{CustomizeMFA: tru(), ShowFactorListOnEnrollment: fls()},
		Factors:               map[string]bool{"otp": true, "sms": true, "email": false, "duo": false, "push-notification": false, "webauthn-roaming": true, "webauthn-platform": false, "recovery-code": false},
		MessageTypes:          []string{"sms", "voice"},
		MessageTypesAvailable: true,
		Provider:              "auth0",
		ProviderAvailable:     true,
		Policies:              []string{},
		Actions:               []Action{deployedAction("a", code1), b, c},
		Bindings:              []Binding{{ActionName: "risk/score: v2", DisplayName: "Risk"}, {ActionName: "a", DisplayName: "a"}},
	}
}

func writeExport(t *testing.T, st *State) string {
	t.Helper()
	dir := t.TempDir()
	for _, f := range Export(st) {
		p := filepath.Join(dir, filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestExportRoundTrip: what export writes loads, validates without errors, and plans no change
// against the tenant it came from.
func TestExportRoundTrip(t *testing.T) {
	st := exportedState()
	dir := writeExport(t, st)
	if _, err := os.Stat(filepath.Join(dir, "actions", "risk-score- v2", "code.js")); err != nil {
		t.Errorf("sanitized code file: %v", err)
	}
	tenant, err := config.Load(filepath.Join(dir, "tenant.yaml"), config.Options{})
	if err != nil {
		t.Fatal(err)
	}
	fs := validate.Run(tenant, validate.Options{Rules: validate.All()})
	for _, f := range fs {
		if f.Severity == findings.Error || f.Severity == findings.Warning {
			t.Errorf("finding on the export: %s %s: %s", f.Severity, f.Rule, f.Message)
		}
	}
	p := NewPlan(st, TargetOf(tenant), PlanOptions{})
	if !p.Empty() || len(p.Problems) > 0 {
		t.Errorf("plan of the export against its own tenant is not empty:\n%s", steps(p))
	}
	data, _ := os.ReadFile(filepath.Join(dir, "tenant.yaml"))
	for _, want := range []string{"customize_mfa_in_postlogin_action: true", "- name: RISK_KEY", "code: ./actions/risk-score- v2/code.js", "deployed: false", "display_name: Risk"} {
		if !strings.Contains(string(data), want) {
			t.Errorf("tenant.yaml lacks %q:\n%s", want, data)
		}
	}
}
