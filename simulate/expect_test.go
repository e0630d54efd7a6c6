package simulate

import "testing"

// Values in failures are YAML flow scalars that read back as the same value.
func TestFlowScalar(t *testing.T) {
	for in, want := range map[string]string{
		"otp": "otp", "Second factor started": "Second factor started", "": `""`, "true": `"true"`,
		"12": `"12"`, "a, b": `"a, b"`, "a: b": `"a: b"`, "-x": `"-x"`, "null": `"null"`, "x\ny": `"x\ny"`,
		"https://example.com/a?b=1&c=<d>": "https://example.com/a?b=1&c=<d>", " lead": `" lead"`,
		"2026-01-01T00:00:00Z": `"2026-01-01T00:00:00Z"`, "#x": `"#x"`,
	} {
		if got := flowScalar(in); got != want {
			t.Errorf("flowScalar(%q) = %s, want %s", in, got, want)
		}
	}
	if got := flow(map[string]any{"b": 1.0, "a": []any{true, nil, 1.5}}, nil); got != "{a: [true, null, 1.5], b: 1}" {
		t.Errorf("flow: %s", got)
	}
}

// Near misses of documented user fields are typos; other additional attributes are not.
func TestNearMiss(t *testing.T) {
	names := []string{"app_metadata", "email", "email_verified", "enrolledFactors", "name", "user_id", "username"}
	for key, want := range map[string]string{
		"enrolledFactor": "enrolledFactors", "emailVerified": "email_verified", "app_metdata": "app_metadata",
		"enrolled_factors": "enrolledFactors", "Email": "email", "userId": "user_id",
		"department": "", "names": "", "plan": "", "emails": "", "mail": "", "picture_url": "",
	} {
		if got := nearMiss(key, names); got != want {
			t.Errorf("nearMiss(%q) = %q, want %q", key, got, want)
		}
	}
}

// Failures come in login order (the trace's), not in the order of the keys.
func TestExpectLoginOrder(t *testing.T) {
	res := &Result{Outcome: Success, Prompts: []Prompt{{Kind: "challenge", Screen: "factor"}}, Logs: []Log{{Type: "gd_start_auth"}, {Type: "s"}},
		Steps: []Step{{Kind: "prompt"}, {Kind: "log"}, {Kind: "log", Index: 1}}}
	got := check(res, map[string]any{
		"outcome": "failed",
		"logs":    []any{map[string]any{"type": "gd_start_auth"}, map[string]any{"type": "f"}},
		"prompts": []any{map[string]any{"screen": "picker"}},
	}, false)
	want := []string{
		"prompts[0]: expected {screen: picker}, got {screen: factor}",
		"logs[1]: expected {type: f}, got {type: s}",
		"outcome: expected failed, got success",
	}
	if len(got.Failures) != len(want) {
		t.Fatalf("failures %q, want %q", got.Failures, want)
	}
	for i := range want {
		if got.Failures[i] != want[i] {
			t.Errorf("failure %d: %q, want %q", i, got.Failures[i], want[i])
		}
	}
}
