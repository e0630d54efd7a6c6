package explore

import (
	"testing"

	"github.com/mfactl/mfactl/simulate"
)

func TestMatch(t *testing.T) {
	event := map[string]any{
		"client":        map[string]any{"client_id": "kiosk", "name": "Kiosk"},
		"authorization": map[string]any{"roles": []any{"admin", "editor"}},
		"user":          map[string]any{"email_verified": true, "logins_count": float64(3), "app_metadata": map[string]any{}},
	}
	for _, c := range []struct {
		when map[string]any
		want bool
	}{
		{map[string]any{}, true},
		{map[string]any{"client": map[string]any{"client_id": "kiosk"}}, true},
		{map[string]any{"client": map[string]any{"client_id": "other"}}, false},
		{map[string]any{"authorization": map[string]any{"roles": []any{"admin"}}}, true},
		{map[string]any{"authorization": map[string]any{"roles": []any{"admin", "editor"}}}, true},
		{map[string]any{"authorization": map[string]any{"roles": []any{"viewer"}}}, false},
		{map[string]any{"authorization": map[string]any{"roles": []any{}}}, true},
		{map[string]any{"user": map[string]any{"logins_count": 3}}, true},
		{map[string]any{"user": map[string]any{"email_verified": false}}, false},
		{map[string]any{"user": map[string]any{"app_metadata": map[string]any{"isAdmin": nil}}}, true},
		{map[string]any{"user": map[string]any{"email_verified": nil}}, false},
		{map[string]any{"organization": map[string]any{"id": "org_1"}}, false},
		{map[string]any{"client": "kiosk"}, false},
	} {
		if got := Match(c.when, event); got != c.want {
			t.Errorf("Match(%v) = %v, want %v", c.when, got, c.want)
		}
	}
}

func TestHolds(t *testing.T) {
	challenged := &simulate.Result{Outcome: simulate.Success, Prompts: []simulate.Prompt{{Kind: "challenge", Chosen: "otp", Result: "success"}}}
	failedChallenge := &simulate.Result{Outcome: simulate.Failed, Prompts: []simulate.Prompt{{Kind: "challenge", Chosen: "otp", Result: "failure"}}}
	enrolled := &simulate.Result{Outcome: simulate.Success, Prompts: []simulate.Prompt{{Kind: "enroll", Chosen: "otp", Result: "success"}}}
	none := &simulate.Result{Outcome: simulate.Success}
	admin := map[string]any{"authorization": map[string]any{"roles": []any{"admin"}}}
	user := map[string]any{"authorization": map[string]any{"roles": []any{}}}
	whenAdmin := map[string]any{"authorization": map[string]any{"roles": []any{"admin"}}}
	for i, c := range []struct {
		p     simulate.Property
		kind  string
		res   *simulate.Result
		event map[string]any
		want  bool
	}{
		{simulate.Property{No: LockedOut}, LockedOut, none, nil, false},
		{simulate.Property{No: LockedOut}, Success, none, nil, true},
		{simulate.Property{Never: "challenged"}, Success, challenged, nil, false},
		{simulate.Property{Never: "challenged"}, Success, enrolled, nil, false},
		{simulate.Property{Never: "challenged"}, NeverChallenged, none, nil, true},
		{simulate.Property{When: whenAdmin, ChallengedWith: []string{"otp"}}, Success, challenged, admin, true},
		{simulate.Property{When: whenAdmin, ChallengedWith: []string{"webauthn-roaming"}}, Success, challenged, admin, false},
		{simulate.Property{When: whenAdmin, ChallengedWith: []string{"otp"}}, LockedOut, failedChallenge, admin, false},
		{simulate.Property{When: whenAdmin, ChallengedWith: []string{"otp"}}, Success, enrolled, admin, false},
		{simulate.Property{When: whenAdmin, ChallengedWith: []string{"otp"}}, Success, none, user, true}, // when does not match
	} {
		if got := Holds(&c.p, c.kind, c.res, c.event); got != c.want {
			t.Errorf("case %d: Holds = %v, want %v", i, got, c.want)
		}
	}
}
