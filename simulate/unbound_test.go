package simulate

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mfactl/mfactl/config"
)

// TestUnboundMFAActionNoted: a login that succeeds because the MFA Action is not bound says so in
// its trace, instead of a bare success.
func TestUnboundMFAActionNoted(t *testing.T) {
	dir := t.TempDir()
	code := "exports.onExecutePostLogin = async (event, api) => {\n  api.authentication.challengeWith({ type: 'otp' });\n};\n"
	if err := os.WriteFile(filepath.Join(dir, "mfa.js"), []byte(code), 0o644); err != nil {
		t.Fatal(err)
	}
	y := baseTenant + "actions:\n  - {name: mfa, code: ./mfa.js, deployed: true, supported_triggers: [{id: post-login, version: v3}]}\ntriggers:\npost-login:\n  - action_name: mfa\n"
	tn := config.Parse("tenant.yaml", dir, []byte(y), config.Options{})
	f, err := Parse("scenarios.yaml", []byte("scenarios:\n  - name: s\n"))
	if err != nil {
		t.Fatal(err)
	}
	r := New(tn, f).Run(context.Background(), f.Scenarios[0])
	var notes []string
	for _, s := range r.Steps {
		if s.Kind == "note" {
			notes = append(notes, s.Text)
		}
	}
	want := `action "mfa" asks for MFA but is not bound to post-login: it does not run in this login, so its MFA is not enforced`
	if r.Outcome != Success || !strings.Contains(strings.Join(notes, "\n"), want) {
		t.Errorf("outcome %s, notes:\n%s", r.Outcome, strings.Join(notes, "\n"))
	}
}
