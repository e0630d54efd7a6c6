package cmd

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/mfactl/mfactl/internal/schema"
)

// starter is what mfactl init writes: a tenant.yaml with one MFA Action, its code and scenarios
// that pass validate and simulate.
var starter = map[string]string{
	"tenant.yaml": schemaLine("tenant") + `# Auth0 MFA customized with a post-login Action, in the Deploy CLI's tenant.yaml format.
# Check it:    mfactl validate
# Try it:      mfactl simulate
# Deploy it:   mfactl deploy (or a0deploy import -i tenant.yaml)
tenant:
  customize_mfa_in_postlogin_action: true   # "Customize MFA Factors using Actions"
  flags:
    mfa_show_factor_list_on_enrollment: true
guardianFactors:
  - name: otp
    enabled: true
  - name: sms
    enabled: true
  - name: webauthn-roaming
    enabled: true
guardianPhoneFactorMessageTypes:
  message_types: [sms]
guardianPolicies:
  policies: []             # MFA is decided by the Action below
actions:
  - name: mfa
    code: ./actions/mfa/code.js
    runtime: node22
    deployed: true
    dependencies: []
    secrets: []
    supported_triggers:
      - id: post-login
        version: v3
triggers:
  post-login:
    - action_name: mfa
      display_name: mfa
`,
	"actions/mfa/code.js": `/**
 * Challenge users who have a factor with one of theirs; ask everyone else to enroll.
 */
exports.onExecutePostLogin = async (event, api) => {
  const enrolled = event.user.enrolledFactors ?? [];
  if (enrolled.length > 0) {
    api.authentication.challengeWithAny(enrolled.map((f) => ({ type: f.type })));
  } else {
    api.authentication.enrollWithAny([{ type: 'otp' }, { type: 'phone' }, { type: 'webauthn-roaming' }]);
  }
};
`,
	"scenarios.yaml": schemaLine("scenarios") + `# Sample logins for mfactl simulate. A scenario with expect: is a test.
now: 2026-01-01T09:00:00Z
scenarios:
  - name: a new user enrolls in OTP
    answers:
      - factor: otp
    expect:
      outcome: success
      prompts:
        - {kind: enroll, screen: picker, factors: [otp, phone, webauthn-roaming], chosen: otp}
      logs: [{type: gd_start_enroll}, {type: gd_enrollment_complete}, {type: s}]

  - name: a user enrolled in phone is challenged with it
    user:
      enrolledFactors: [{type: phone}]
    expect:
      outcome: success
      prompts:
        - {kind: challenge, screen: factor, factors: [phone], chosen: phone, method: sms}
      logs: [{type: gd_start_auth}, {type: gd_send_sms}, {type: gd_auth_succeed}, {type: s}]

  - name: a wrong code fails the login
    user:
      enrolledFactors: [{type: otp}]
    answers:
      - {factor: otp, result: failure}
    expect:
      outcome: failed
      logs: [{type: gd_start_auth}, {type: gd_auth_failed}, {type: f}]
`,
}

// schemaLine is the first line of a YAML file init writes: it names the file's JSON Schema for
// editors that use the YAML language server (docs/usage.md, "Editors").
func schemaLine(name string) string {
	return "# yaml-language-server: $schema=" + schema.URL(name) + "\n"
}

func newInitCmd(app *App) *cobra.Command {
	return &cobra.Command{
		Use:   "init [DIR]",
		Short: "Write a starter tenant.yaml, MFA Action and scenarios that pass validate and simulate",
		Example: `  mfactl init auth0
  cd auth0 && mfactl validate && mfactl simulate`,
		Args: maxArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			dir := "."
			if len(args) > 0 {
				dir = args[0]
			}
			// Never overwrite: a team's tenant.yaml is not ours to replace.
			for name := range starter {
				p := filepath.Join(dir, name)
				if _, err := os.Lstat(p); err == nil { // a dangling link too: writing would follow it
					return usagef("%s already exists; mfactl init writes only into a folder without tenant.yaml, scenarios.yaml or actions/mfa", p)
				} else if !errors.Is(err, fs.ErrNotExist) {
					return fmt.Errorf("could not check %q: %w", p, unwrapPath(err))
				}
			}
			for _, name := range []string{"tenant.yaml", "actions/mfa/code.js", "scenarios.yaml"} {
				p := filepath.Join(dir, name)
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					return fmt.Errorf("could not create %q: %w", filepath.Dir(p), unwrapPath(err))
				}
				f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
				if err == nil {
					_, err = f.WriteString(starter[name])
					if cerr := f.Close(); err == nil {
						err = cerr
					}
				}
				if err != nil {
					return fmt.Errorf("could not write %q: %w", p, unwrapPath(err))
				}
				app.messagef("wrote %s\n", p)
			}
			app.messagef("next: cd %s && mfactl validate && mfactl simulate\n", dir)
			return nil
		},
	}
}
