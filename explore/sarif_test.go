package explore

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/mfactl/mfactl/jsrt"
	"github.com/mfactl/mfactl/simulate"
)

// TestCommandSite: a locked-out class is placed at the call that failed, found in the parsed source
// by the factors the runtime recorded, never at a mention in a comment or at another call of the
// same command.
func TestCommandSite(t *testing.T) {
	const sections = "tenant: {customize_mfa_in_postlogin_action: true}\nguardianFactors:\n  - {name: otp, enabled: true}\n  - {name: sms, enabled: true}\n"
	for _, tc := range []struct {
		name, code string
		want       string // the source line the finding is on, trimmed
	}{
		{"not the comment", `// We call api.authentication.challengeWith({ type: 'phone' }) below.
exports.onExecutePostLogin = async (event, api) => {
  api.authentication.challengeWith({ type: 'phone' });
};`, "api.authentication.challengeWith({ type: 'phone' });"},
		{"the call whose factors failed", `exports.onExecutePostLogin = async (event, api) => {
  if (event.user.app_metadata.vip) {
    api.authentication.challengeWith({ type: 'otp' });
  } else {
    api.authentication.challengeWith({ type: 'phone' }, { additionalFactors: [{ type: 'otp' }] });
  }
};`, "api.authentication.challengeWith({ type: 'phone' }, { additionalFactors: [{ type: 'otp' }] });"},
		{"the second call, after the first prompted", `exports.onExecutePostLogin = async (event, api) => {
  if (event.user.enrolledFactors.length === 0) return;
  api.authentication.challengeWith({ type: 'otp' }, { additionalFactors: [{ type: 'phone' }] });
  api.authentication.challengeWith({ type: 'otp' });
};`, "api.authentication.challengeWith({ type: 'otp' });"},
		{"the call the runtime saw, not an identical one before it", `const unused = (api) => api.authentication.challengeWith({ type: 'otp' });
exports.onExecutePostLogin = async (event, api) => {
  api.authentication.challengeWith({ type: 'otp' });
};`, "api.authentication.challengeWith({ type: 'otp' });"},
		{"a call made in a helper", `function challenge(api, type) {
  api.authentication.challengeWith({ type });
}
exports.onExecutePostLogin = async (event, api) => {
  challenge(api, 'otp');
};`, "api.authentication.challengeWith({ type });"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tn := tenantWith(t, sections, tc.code)
			file := &simulate.File{Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
			rep, err := Run(context.Background(), simulate.New(tn, file), Derive(tn, file), 1000)
			if err != nil {
				t.Fatal(err)
			}
			fs := Findings(rep, tn, func(string) bool { return true })
			var got []string
			lines := strings.Split(tc.code, "\n")
			for _, f := range fs {
				if f.Rule != "explore-locked-out" {
					continue
				}
				got = append(got, strings.TrimSpace(lines[f.Span.Line-1]))
			}
			if len(got) == 0 {
				t.Fatalf("no locked-out finding")
			}
			for _, g := range got {
				if g != tc.want {
					t.Errorf("finding at %q, want %q", g, tc.want)
				}
			}
		})
	}
}

// TestArgFactors reads the factors of a recorded call, in both argument shapes.
func TestArgFactors(t *testing.T) {
	for _, tc := range []struct {
		args []any
		want string
	}{
		{[]any{[]any{map[string]any{"type": "otp"}, map[string]any{"type": "phone"}}}, "otp,phone"},
		{[]any{map[string]any{"type": "phone"}, map[string]any{"additionalFactors": []any{map[string]any{"type": "otp"}}}}, "phone,otp"},
		{[]any{map[string]any{"type": "otp"}}, "otp"},
		{nil, ""},
	} {
		if got := argFactors(jsrtCall(tc.args)); got != tc.want {
			t.Errorf("argFactors(%v) = %q, want %q", tc.args, got, tc.want)
		}
	}
}

func jsrtCall(args []any) jsrt.Call {
	return jsrt.Call{Method: "authentication.challengeWith", Args: args}
}
