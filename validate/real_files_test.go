package validate_test

import (
	"strings"
	"testing"

	"github.com/mfactl/mfactl/config"
	"github.com/mfactl/mfactl/findings"
	"github.com/mfactl/mfactl/validate"
)

// TestDeployCLIShapedTenant: a whole-tenant file with the shape of the Deploy CLI's own example (its
// top-level keys, its placeholders left unmapped in the same kinds of positions, an Actions beta
// Action) validates with no error and no unknown-key warning.
func TestDeployCLIShapedTenant(t *testing.T) {
	tn, err := config.Load("../testdata/deploycli-shape/tenant.yaml", config.Options{NamedEnvKeywords: true, DisplayPath: "tenant.yaml"})
	if err != nil {
		t.Fatal(err)
	}
	rules := map[string]int{}
	for _, f := range validate.Run(tn, validate.Options{}) {
		rules[f.Rule]++
		if f.Severity == findings.Error || f.Rule == config.RuleUnknownKey || f.Rule == config.RuleYAMLSyntax {
			t.Errorf("%s", f.Error())
		}
	}
	if rules[config.RuleUnresolvedKeywrd] != 11 {
		t.Errorf("want one unresolved-keyword warning per placeholder (11), got %d", rules[config.RuleUnresolvedKeywrd])
	}
}

// TestTruthfulMessages: findings on old shapes say what they are.
func TestTruthfulMessages(t *testing.T) {
	const head = "tenant:\n  customize_mfa_in_postlogin_action: true\nguardianFactors:\n  - {name: otp, enabled: true}\nactions:\n  - name: a\n"
	mfa := "exports.onExecutePostLogin = async (event, api) => {\n  api.authentication.challengeWith({ type: 'otp' });\n};\n"
	plain := "exports.onExecutePostLogin = async (event, api) => {\n  api.access.deny('no');\n};\n"
	beta := "module.exports = async (event, context) => {\n  return {};\n};\n"
	bind := "triggers:\n  post-login:\n    - action_name: a\n"
	action := func(version, deployed string) string {
		return head + "    code: ./a.js\n    deployed: " + deployed + "\n    supported_triggers: [{id: post-login, version: " + version + "}]\n" + bind
	}
	tests := []struct {
		name, yaml, code, want, not string
	}{
		{"beta shape on v1", action("v1", "true"), beta,
			`a.js:1:1: warning: action "a" has the retired Actions beta (post-login v1) handler shape, module.exports = async (event, context) => …; it must be migrated to exports.onExecutePostLogin`, "error"},
		{"beta shape on v3 is never called", action("v3", "true"), beta,
			`a.js:1:1: error: action "a" has the retired Actions beta (post-login v1) handler shape`, ""},
		{"v2 without MFA commands", action("v2", "true"), plain,
			`tenant.yaml:9:52: info: action "a" uses post-login version "v2", which runs, and calls no MFA command; v3 is the latest`, "error"},
		{"v1 without MFA commands", action("v1", "true"), plain,
			`warning: action "a" uses post-login version "v1", the retired Actions beta version; migrate it to v3`, "error"},
		{"v2 with an MFA command", action("v2", "true"), mfa,
			`tenant.yaml:9:52: error: action "a" calls challengeWith (a.js:2) on post-login version "v2"; the MFA commands need v3: write version: v3 [trigger-version-outdated]`, ""},
		{"deployed: false says what runs", action("v3", "false"), mfa,
			`tenant.yaml:8:15: warning: action "a" is bound to post-login but is deployed: false: a deploy saves this code as a draft only, so logins keep running the version deployed before`, "error"},
		{"inline code", head + "    code: |\n      /** @type {PostLoginAction} */\n      exports.onExecutePostLogin = async (event, api) => {};\n    deployed: true\n    supported_triggers: [{id: post-login, version: v3}]\n" + bind, "",
			`tenant.yaml:7:11: error: action "a" has its JavaScript written inline in code:; the Deploy CLI takes a file path there (code: ./actions/a/code.js) and reads the code from that file, so move the script into one [action-code-missing]`, "PostLoginAction"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := validateFiles(t, map[string]string{"tenant.yaml": tt.yaml, "a.js": tt.code})
			if !strings.Contains(got, tt.want) {
				t.Errorf("got:\n%s\nwant a line containing:\n%s", got, tt.want)
			}
			if tt.not != "" && strings.Contains(got, tt.not) {
				t.Errorf("got %q in:\n%s", tt.not, got)
			}
		})
	}
}

// TestBareKeywordInCode: a bare @@KEY@@ with no mapping in Action code is one unresolved-keyword
// warning, not a JavaScript syntax error, and its value is unknown.
func TestBareKeywordInCode(t *testing.T) {
	y := "tenant:\n  customize_mfa_in_postlogin_action: true\nguardianFactors:\n  - {name: otp, enabled: true}\nactions:\n  - {name: a, code: ./a.js, deployed: true, supported_triggers: [{id: post-login, version: v3}]}\ntriggers:\n  post-login:\n    - action_name: a\n"
	code := "const FACTORS = @@MFA_FACTORS@@;\nexports.onExecutePostLogin = async (event, api) => {\n  api.authentication.challengeWithAny(FACTORS);\n};\n"
	got := validateFiles(t, map[string]string{"tenant.yaml": y, "a.js": code})
	if strings.Count(got, "\n") != 2 || !strings.Contains(got, "a.js:1:17: warning: keyword @@MFA_FACTORS@@ has no mapping") || !strings.Contains(got, "[computed-factors]") {
		t.Errorf("got:\n%s", got)
	}
}
