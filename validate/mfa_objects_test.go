package validate_test

import (
	"strings"
	"testing"
)

// TestMFAObjectsAndPhoneSMS covers the factor-object keys the runtime ignores, the phone/sms mirror
// of phone-voice-disabled, and where the over-the-limit command is reported.
func TestMFAObjectsAndPhoneSMS(t *testing.T) {
	tenant := func(types string) string {
		return "tenant:\n  customize_mfa_in_postlogin_action: true\nguardianFactors:\n  - {name: sms, enabled: true}\n  - {name: otp, enabled: true}\n" +
			"guardianPhoneFactorMessageTypes:\n  message_types: " + types + "\n" +
			"actions:\n  - {name: a, code: ./a.js, deployed: true, supported_triggers: [{id: post-login, version: v3}]}\ntriggers:\n  post-login:\n    - action_name: a\n"
	}
	code := func(body string) string {
		return "exports.onExecutePostLogin = async (event, api) => {\n" + body + "\n};\n"
	}
	tests := []struct {
		name, types, body, want, not string
	}{
		{"both without sms", "[voice]", "  api.authentication.challengeWith({ type: 'phone', options: { preferredMethod: 'both' } });",
			`a.js:2:81: error: phone with preferredMethod "both" needs sms in guardianPhoneFactorMessageTypes.message_types (line 6) [phone-sms-disabled]`, ""},
		{"no preferredMethod, voice listed", "[voice]", "  api.authentication.challengeWith({ type: 'phone' });", "", "phone-sms-disabled"},
		{"no preferredMethod, nothing listed", "[]", "  api.authentication.challengeWith({ type: 'phone' });",
			`a.js:2:44: error: phone needs sms or voice in guardianPhoneFactorMessageTypes.message_types (line 6), which lists neither [phone-sms-disabled]`, ""},
		{"sms among other factors", "[voice]", "  api.authentication.challengeWithAny([{ type: 'phone', options: { preferredMethod: 'sms' } }, { type: 'otp' }]);",
			`warning: phone with preferredMethod "sms" needs sms`, ""},
		{"misspelt preferredMethod", "[sms, voice]", "  api.authentication.enrollWith({ type: 'phone', options: { preferedMethod: 'voice' } });",
			`a.js:2:61: warning: enrollWith ignores "preferedMethod" in the options of a phone factor; it reads only "preferredMethod"; did you mean "preferredMethod"? [mfa-unknown-key]`, ""},
		{"preferredMethod on the factor", "[sms, voice]", "  api.authentication.challengeWith({ type: 'phone', preferredMethod: 'voice' });",
			`challengeWith ignores "preferredMethod" in a factor; it reads only "options", "type"; put it in the factor's options`, ""},
		{"additionalFactors in the factor", "[sms, voice]", "  api.authentication.challengeWith({ type: 'otp', additionalFactors: [{ type: 'phone' }] });",
			`it belongs in the second argument: challengeWith({type: …}, {additionalFactors: […]})`, ""},
		{"free-form options of other factors", "[sms, voice]", "  api.authentication.challengeWith({ type: 'otp', options: { anything: 1 } });", "", "mfa-unknown-key"},
		{"fifth command", "[sms, voice]", strings.Repeat("  api.authentication.challengeWith({ type: 'otp' });\n", 5),
			`a.js:6:22: error: every login runs at least 5 MFA commands`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := validateFiles(t, map[string]string{"tenant.yaml": tenant(tt.types), "a.js": code(tt.body)})
			if tt.want != "" && !strings.Contains(got, tt.want) {
				t.Errorf("got:\n%s\nwant a line containing:\n%s", got, tt.want)
			}
			if tt.not != "" && strings.Contains(got, tt.not) {
				t.Errorf("got %q in:\n%s", tt.not, got)
			}
		})
	}
}
