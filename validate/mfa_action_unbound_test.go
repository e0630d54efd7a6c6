package validate_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mfactl/mfactl/config"
	"github.com/mfactl/mfactl/validate"
)

// validateFiles writes files into a temporary folder and validates its tenant.yaml as mfactl
// validate does; it returns every finding, one per line.
func validateFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	tn := config.Parse("tenant.yaml", dir, []byte(files["tenant.yaml"]), config.Options{NamedEnvKeywords: true})
	var b strings.Builder
	for _, f := range validate.Run(tn, validate.Options{}) {
		b.WriteString(f.Error() + "\n")
	}
	return b.String()
}

const unboundActions = `tenant:
  customize_mfa_in_postlogin_action: true
guardianFactors:
  - name: otp
    enabled: true
actions:
  - name: mfa
    code: ./mfa.js
    runtime: node22
    deployed: true
    supported_triggers:
      - id: post-login
        version: v3
  - name: log
    code: ./log.js
    runtime: node22
    deployed: true
    supported_triggers:
      - id: post-login
        version: v3
`

// TestMFAActionUnbound covers the ways an MFA Action ends up outside the Login flow.
func TestMFAActionUnbound(t *testing.T) {
	mfa := "exports.onExecutePostLogin = async (event, api) => {\n  api.authentication.challengeWith({ type: 'otp' });\n};\n"
	enable := "exports.onExecutePostLogin = async (event, api) => {\n  api.multifactor.enable('any');\n};\n"
	none := "exports.onExecutePostLogin = async (event, api) => {\n  api.multifactor.enable('none');\n};\n"
	log := "exports.onExecutePostLogin = async (event, api) => {};\n"
	tests := []struct {
		name, triggers, code, want string
	}{
		{"binding removed", "triggers:\n  post-login:\n    - action_name: log\n", mfa,
			`tenant.yaml:7:11: warning: action "mfa" calls challengeWith (mfa.js:2) but is not bound to post-login: triggers.post-login (line 22) does not list it, so after a deploy the MFA it asks for is not enforced for any user [mfa-action-unbound]`},
		{"empty flow", "triggers:\n  post-login: []\n", enable,
			`tenant.yaml:7:11: warning: action "mfa" calls enable (mfa.js:2) but is not bound to post-login: triggers.post-login (line 22) binds no Action`},
		{"a draft", "triggers:\n  post-login: []\n", mfa,
			`info: action "mfa" calls challengeWith (mfa.js:2) but is not bound to post-login: triggers.post-login (line 22) binds no Action, so after a deploy the MFA it asks for is not enforced for any user (it is not deployed: true, so it may be a draft)`},
		{"no triggers section", "", mfa,
			`tenant.yaml:7:11: warning: action "mfa" calls challengeWith (mfa.js:2) but is not bound to post-login: tenant.yaml has no triggers section, so a deploy leaves the tenant's Login flow as it is`},
		{"triggers without post-login", "triggers:\n  credentials-exchange: []\n", mfa,
			`warning: action "mfa" calls challengeWith (mfa.js:2) but is not bound to post-login: triggers (line 21) has no post-login list`},
		{"post-login inside the last Action", "    post-login:\n      - action_name: mfa\n", mfa,
			`error: action "mfa" calls challengeWith (mfa.js:2) but is not bound to post-login: the post-login: at line 21, column 5 is not where the Deploy CLI reads bindings`},
		{"misspelt post-login", "triggers:\n  post_login:\n    - action_name: mfa\n", mfa,
			`error: action "mfa" calls challengeWith (mfa.js:2) but is not bound to post-login: the post_login: at line 22, column 3 is not where the Deploy CLI reads bindings`},
		{"bound", "triggers:\n  post-login:\n    - action_name: log\n    - action_name: mfa\n", mfa, ""},
		{"enable none only", "triggers:\n  post-login: []\n", none, ""},
		{"bindings from a keyword", "triggers:\n  post-login: '@@BINDINGS@@'\n", mfa, ""},
		{"binding name from a keyword", "triggers:\n  post-login:\n    - action_name: '##MFA_ACTION##'\n", mfa, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			y := unboundActions + tt.triggers
			if tt.name == "a draft" {
				y = strings.Replace(y, "deployed: true", "deployed: false", 1)
			}
			got := validateFiles(t, map[string]string{"tenant.yaml": y, "mfa.js": tt.code, "log.js": log})
			var rule []string
			for _, line := range strings.Split(got, "\n") {
				if strings.HasSuffix(line, "[mfa-action-unbound]") {
					rule = append(rule, line)
				}
			}
			if tt.want == "" {
				if len(rule) > 0 {
					t.Errorf("unexpected:\n%s", strings.Join(rule, "\n"))
				}
				return
			}
			if len(rule) != 1 || !strings.Contains(rule[0], tt.want) {
				t.Errorf("got:\n%s\nwant one line containing:\n%s", got, tt.want)
			}
		})
	}
}
