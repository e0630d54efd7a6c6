package explore

import (
	"strings"
	"testing"

	"github.com/mfactl/mfactl/simulate"
)

func keys(vs []variant) (answers, devs string) {
	var a, d []string
	for _, v := range vs {
		a = append(a, answersKey(v.answers))
		d = append(d, devKey(v.dev))
	}
	return strings.Join(a, " "), strings.Join(d, " ")
}

func TestBranches(t *testing.T) {
	three := []simulate.Prompt{
		{Kind: "challenge", Factors: []string{"otp", "phone"}, Chosen: "otp", Result: "success"},
		{Kind: "enroll", Factors: []string{"webauthn-roaming", "otp", "phone"}, Chosen: "webauthn-roaming", Result: "success"},
		{Kind: "challenge", Factors: []string{"otp", "phone"}, Chosen: "otp", Result: "success"},
	}
	both := simulate.Prompt{Kind: "challenge", Factors: []string{"phone", "otp"}, Chosen: "phone", Method: "sms", Result: "success", PhoneBoth: true}
	for _, tc := range []struct {
		name    string
		answers []simulate.Answer
		dev     []string
		prompts []simulate.Prompt
		want    string
		wantDev string
	}{
		{"every prompt, however deep", nil, nil, three,
			"[phone] [otp, otp] [otp, phone] [otp, webauthn-roaming, phone]",
			"[phone] [default, otp] [default, phone] [default, default, phone]"},
		{"a variant branches only after its own answers", []simulate.Answer{{Factor: "phone", Result: "success"}}, []string{"phone"}, three,
			"[phone, otp] [phone, phone] [phone, webauthn-roaming, phone]",
			"[phone, otp] [phone, phone] [phone, default, phone]"},
		{"a form ends the branching", nil, nil, append([]simulate.Prompt{{Kind: "form", Result: "success"}}, three...), "", ""},
		{"a failed prompt ends the branching", nil, nil, []simulate.Prompt{{Kind: "challenge", Factors: []string{"otp", "phone"}, Chosen: "otp", Result: "failure"}}, "", ""},
		{"phone by SMS or voice: voice is an answer", nil, nil, []simulate.Prompt{both},
			"[phone by voice] [otp]", "[phone by voice] [otp]"},
		{"phone by SMS or voice behind another factor", nil, nil, []simulate.Prompt{{Kind: "challenge", Factors: []string{"otp", "phone"}, Chosen: "otp", Result: "success", PhoneBoth: true}},
			"[phone] [phone by voice]", "[phone] [phone by voice]"},
		{"phone by SMS only: no method to vary", nil, nil, []simulate.Prompt{{Kind: "challenge", Factors: []string{"phone"}, Chosen: "phone", Method: "sms", Result: "success"}},
			"", ""},
		{"the method replays before a later prompt", nil, nil, []simulate.Prompt{both, three[0]},
			"[phone by voice] [otp] [phone by sms, phone]", "[phone by voice] [otp] [default, phone]"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, dev := keys(branches(tc.answers, tc.dev, &simulate.Result{Prompts: tc.prompts}))
			if got != tc.want || dev != tc.wantDev {
				t.Errorf("branches = %q (%q), want %q (%q)", got, dev, tc.want, tc.wantDev)
			}
		})
	}
}

// TestFailures: one failed answer per MFA prompt completed, the answers before it replayed.
func TestFailures(t *testing.T) {
	for _, tc := range []struct {
		name    string
		prompts []simulate.Prompt
		want    string
	}{
		{"each prompt", []simulate.Prompt{
			{Action: "a", Command: "challengeWith", Kind: "challenge", Factors: []string{"otp", "phone"}, Chosen: "otp", Result: "success"},
			{Action: "b", Command: "enrollWith", Kind: "enroll", Factors: []string{"webauthn-roaming"}, Chosen: "webauthn-roaming", Result: "success"},
		}, "challenge/otp/challengeWith/a=[otp (failure)] enroll/webauthn-roaming/enrollWith/b=[otp, webauthn-roaming (failure)]"},
		{"phone's method is kept", []simulate.Prompt{
			{Action: "a", Command: "challengeWith", Kind: "challenge", Factors: []string{"phone"}, Chosen: "phone", Method: "voice", Result: "success", PhoneBoth: true},
		}, "challenge/phone/challengeWith/a=[phone by voice (failure)]"},
		{"a failed prompt is not failed again, nor what follows it", []simulate.Prompt{
			{Action: "a", Command: "challengeWith", Kind: "challenge", Factors: []string{"otp"}, Chosen: "otp", Result: "failure"},
		}, ""},
		{"the same prompt twice in a login is failed once", []simulate.Prompt{
			{Action: "a", Command: "challengeWith", Kind: "challenge", Factors: []string{"otp"}, Chosen: "otp", Result: "success"},
			{Action: "a", Command: "challengeWith", Kind: "challenge", Factors: []string{"otp"}, Chosen: "otp", Result: "success"},
		}, "challenge/otp/challengeWith/a=[otp (failure)]"},
		{"policy MFA", []simulate.Prompt{
			{Command: "multifactor", Kind: "enroll", Factors: []string{"otp"}, Chosen: "otp", Result: "success"},
		}, "enroll/otp/multifactor/=[otp (failure)]"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ks, runs, _ := failures(&simulate.Result{Prompts: tc.prompts}, func(string) bool { return true })
			var got []string
			for i, k := range ks {
				got = append(got, strings.ReplaceAll(k, "\x00", "/")+"="+answersKey(runs[i]))
			}
			if g := strings.Join(got, " "); g != tc.want {
				t.Errorf("failures = %q, want %q", g, tc.want)
			}
		})
	}
}

func TestPromptLabel(t *testing.T) {
	for _, tc := range []struct {
		p    simulate.Prompt
		want string
	}{
		{simulate.Prompt{Action: "mfa", Command: "challengeWithAny", Kind: "challenge", Chosen: "otp"}, "challenge with otp (challengeWithAny in mfa)"},
		{simulate.Prompt{Command: "multifactor", Kind: "enroll", Chosen: "phone", Method: "sms"}, "enroll with phone (MFA required after the last Action)"},
		{simulate.Prompt{Action: "mfa", Command: "challengeWith", Kind: "challenge", Chosen: "phone", Method: "voice", PhoneBoth: true}, "challenge with phone by voice (challengeWith in mfa)"},
	} {
		if got := promptLabel(tc.p); got != tc.want {
			t.Errorf("promptLabel(%+v) = %q, want %q", tc.p, got, tc.want)
		}
	}
}
