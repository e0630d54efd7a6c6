package explore

import (
	"testing"

	"github.com/mfactl/mfactl/simulate"
)

func TestBranches(t *testing.T) {
	res := &simulate.Result{Prompts: []simulate.Prompt{
		{Kind: "challenge", Factors: []string{"otp", "phone"}, Chosen: "otp", Result: "success"},
		{Kind: "enroll", Factors: []string{"webauthn-roaming", "otp", "phone"}, Chosen: "webauthn-roaming", Result: "success"},
		{Kind: "challenge", Factors: []string{"otp", "phone"}, Chosen: "otp", Result: "success"}, // past AnswerDepth
	}}
	var got []string
	for _, v := range branches(nil, res) {
		got = append(got, answersKey(v.answers))
	}
	want := []string{"[phone]", "[otp, otp]", "[otp, phone]"}
	if len(got) != len(want) {
		t.Fatalf("branches = %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("branches = %v, want %v", got, want)
		}
	}
	// A variant branches only after its own answers.
	v := branches([]simulate.Answer{{Factor: "phone", Result: "success"}}, res)
	if len(v) != 2 || answersKey(v[0].answers) != "[phone, otp]" {
		t.Fatalf("branches after [phone] = %v", v)
	}
	// A form, or a failed prompt, ends the branching.
	res.Prompts[0].Kind = "form"
	if v := branches(nil, res); len(v) != 0 {
		t.Fatalf("branches past a form = %v", v)
	}
}
