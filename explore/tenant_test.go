package explore

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/mfactl/mfactl/config"
	"github.com/mfactl/mfactl/simulate"
)

// tenantWith writes a tenant.yaml with the given sections and one bound Action, and loads it.
func tenantWith(t *testing.T, sections, code string) *config.Tenant {
	t.Helper()
	dir := t.TempDir()
	yml := sections + `
actions:
  - {name: a, code: ./a.js, runtime: node22, deployed: true, dependencies: [], secrets: [], supported_triggers: [{id: post-login, version: v3}]}
triggers:
  post-login:
    - {action_name: a, display_name: a}
`
	if err := os.WriteFile(filepath.Join(dir, "tenant.yaml"), []byte(yml), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "a.js"), []byte(code), 0o644); err != nil {
		t.Fatal(err)
	}
	tn, err := config.Load(filepath.Join(dir, "tenant.yaml"), config.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return tn
}

// TestTenantDecides: the toggle, the policy and the phone message types are the tenant's, the same in
// every state (never dimensions); what the MFA engine reads because of them is.
func TestTenantDecides(t *testing.T) {
	const otp = "  - {name: otp, enabled: true}\n"
	const sms = "  - {name: sms, enabled: true}\n"
	for _, tc := range []struct {
		name, sections, code string
		// dims are the dimensions' names; classes each class as "kind: count"; contains a cause
		// every listed class has (when set).
		dims, classes, cause string
		variants             int
	}{
		{"toggle off: every login with a command fails on it",
			"tenant: {customize_mfa_in_postlogin_action: false}\nguardianFactors:\n" + otp + sms,
			"exports.onExecutePostLogin = async (event, api) => { api.authentication.challengeWithAny([{type: 'otp'}, {type: 'phone'}]); };",
			"enrolledFactors has phone, enrolledFactors has otp", "locked-out: 4", "feature is not enabled", 0},
		{"policy all-applications: MFA in every state, no one is never challenged",
			"tenant: {customize_mfa_in_postlogin_action: true}\nguardianFactors:\n" + otp + "guardianPolicies: {policies: [all-applications]}\n",
			"exports.onExecutePostLogin = async (event, api) => {};",
			"enrolledFactors has otp", "success: 2", "", 0},
		{"policy confidence-score: the risk confidence the engine reads is a dimension",
			"tenant: {customize_mfa_in_postlogin_action: true}\nguardianFactors:\n" + otp + "guardianPolicies: {policies: [confidence-score]}\n",
			"exports.onExecutePostLogin = async (event, api) => {};",
			"enrolledFactors has otp, authentication.riskAssessment.confidence", "never-challenged: 3, success: 3, success: 2", "", 0},
		{"api.multifactor.enable: the protocol the engine reads is a dimension",
			"tenant: {customize_mfa_in_postlogin_action: true}\nguardianFactors:\n" + otp,
			"exports.onExecutePostLogin = async (event, api) => { api.multifactor.enable('any'); };",
			"enrolledFactors has otp, transaction.protocol", "locked-out: 2, success: 4", "", 0},
		{"message types sms and voice, preferredMethod both: voice is an answer, not a dimension",
			"tenant: {customize_mfa_in_postlogin_action: true}\nguardianFactors:\n" + sms + "guardianPhoneFactorMessageTypes: {message_types: [sms, voice]}\n",
			"exports.onExecutePostLogin = async (event, api) => { api.authentication.challengeWith({type: 'phone', options: {preferredMethod: 'both'}}); };",
			"enrolledFactors has phone", "locked-out: 1, success: 1", "", 1},
		{"message types sms only: nothing to choose",
			"tenant: {customize_mfa_in_postlogin_action: true}\nguardianFactors:\n" + sms + "guardianPhoneFactorMessageTypes: {message_types: [sms]}\n",
			"exports.onExecutePostLogin = async (event, api) => { api.authentication.challengeWith({type: 'phone'}); };",
			"enrolledFactors has phone", "locked-out: 1, success: 1", "", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tn := tenantWith(t, tc.sections, tc.code)
			file := &simulate.File{Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
			space := Derive(tn, file)
			var dims []string
			for _, d := range space.Dims {
				dims = append(dims, d.Name())
			}
			if got := strings.Join(dims, ", "); got != tc.dims {
				t.Errorf("dimensions = %q, want %q", got, tc.dims)
			}
			rep, err := Run(context.Background(), simulate.New(tn, file), space, 1000)
			if err != nil {
				t.Fatal(err)
			}
			var classes []string
			for _, c := range rep.Classes {
				classes = append(classes, c.Kind+": "+strconv.Itoa(c.Count))
				if tc.cause != "" && !strings.Contains(c.Cause, tc.cause) {
					t.Errorf("class %s: cause %q lacks %q", c.Kind, c.Cause, tc.cause)
				}
			}
			if got := strings.Join(classes, ", "); got != tc.classes {
				t.Errorf("classes = %q, want %q", got, tc.classes)
			}
			if rep.AnswerVariants != tc.variants {
				t.Errorf("answer variants = %d, want %d", rep.AnswerVariants, tc.variants)
			}
		})
	}
}
