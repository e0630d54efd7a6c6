package simulate

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestPagelessFlows: where Auth0 cannot show a page (token-endpoint grants, prompt=none), MFA, redirects
// and forms end the login with a reason (docs/simulation.md §7).
func TestPagelessFlows(t *testing.T) {
	policyAll := baseTenant + "guardianPolicies: {policies: [all-applications]}\n"
	refresh := "event: {transaction: {protocol: oauth2-refresh-token}}"
	ropg := "event: {transaction: {protocol: oauth2-resource-owner}}"
	enrolled := "user: {enrolledFactors: [{type: otp}]}\n"
	tests := []struct {
		name     string
		tenant   string
		actions  []string
		scenario string
		want     string
		error    string // a part of the result's error
	}{
		{"refresh-token exchange: an Action's multifactor.enable fails it with mfa_required", baseTenant,
			[]string{"api.multifactor.enable('any');"}, enrolled + refresh,
			"failed | logs mfar f", `mfa_required: api.multifactor.enable("any") requires MFA, but a oauth2-refresh-token flow cannot show an MFA prompt`},
		{"refresh-token exchange: the tenant policy is not applied again (decision)", policyAll,
			[]string{"api.idToken.setCustomClaim('https://x/a', 1);"}, enrolled + refresh, "success | logs s", ""},
		{"refresh-token exchange: the Action that returns early for it succeeds", baseTenant,
			[]string{"if (event.transaction.protocol === 'oauth2-refresh-token') { return; }\napi.multifactor.enable('any');"}, enrolled + refresh,
			"success | logs s", ""},
		{"refresh-token exchange: enable('none') asks for nothing", baseTenant,
			[]string{"api.multifactor.enable('none');"}, enrolled + refresh, "success | logs s", ""},
		{"resource-owner grant: the policy gives mfa_required", policyAll,
			[]string{"api.idToken.setCustomClaim('https://x/a', 1);"}, enrolled + ropg,
			"failed | logs mfar f", "mfa_required: the tenant policy requires MFA, but a oauth2-resource-owner flow cannot show an MFA prompt"},
		{"resource-owner grant: a challenge command cannot show its prompt", baseTenant,
			[]string{cw + "({type: 'otp'});"}, enrolled + ropg,
			"failed | logs f", "challengeWith cannot show an MFA prompt in a oauth2-resource-owner flow (transaction.protocol)"},
		{"custom token exchange: the commands are not supported (documented)", baseTenant,
			[]string{ew + "({type: 'otp'});"}, "user: {}\nevent: {transaction: {protocol: oauth2-token-exchange}}",
			"failed | logs f", "enrollWith is not supported in a custom token exchange"},
		{"CIBA: no page either (decision)", baseTenant,
			[]string{cw + "({type: 'otp'});"}, enrolled + "event: {transaction: {protocol: oidc-ciba}}",
			"failed | logs f", "in a oidc-ciba flow"},
		{"canRedirect() is false in a refresh-token exchange", baseTenant,
			[]string{"if (api.redirect.canRedirect()) { throw new Error('canRedirect must be false'); }"}, refresh, "success | logs s", ""},
		{"canRedirect() is false for the other pageless flows too", baseTenant,
			[]string{"if (api.redirect.canRedirect()) { throw new Error('canRedirect must be false'); }"}, "event: {transaction: {protocol: oauth2-token-exchange}}", "success | logs s", ""},
		{"canRedirect() is true in a browser login", baseTenant,
			[]string{"if (!api.redirect.canRedirect()) { throw new Error('canRedirect must be true'); }"}, "user: {}", "success | logs s", ""},
		{"a redirect in a refresh-token exchange fails the login", baseTenant,
			[]string{"exports.onExecutePostLogin = async (event, api) => { api.redirect.sendUserTo('https://app.example.com/step'); };\nexports.onContinuePostLogin = async () => {};"},
			refresh, "failed | logs f", "api.redirect.sendUserTo cannot redirect in a oauth2-refresh-token flow"},
		{"a redirect during prompt=none is interaction_required", baseTenant,
			[]string{"exports.onExecutePostLogin = async (event, api) => { api.redirect.sendUserTo('https://app.example.com/step'); };\nexports.onContinuePostLogin = async () => {};"},
			"event: {request: {query: {prompt: none}}}", "failed | logs f", "interaction_required: api.redirect.sendUserTo cannot redirect during silent authentication"},
		{"MFA during prompt=none is interaction_required", baseTenant,
			[]string{"api.multifactor.enable('any');"}, enrolled + "event: {request: {query: {prompt: none}}}", "failed | logs f",
			"interaction_required: MFA is required during silent authentication (prompt=none)"},
		{"a form in a resource-owner grant fails the login", baseTenant,
			[]string{"exports.onExecutePostLogin = async (event, api) => { api.prompt.render('ap_1'); };\nexports.onContinuePostLogin = async () => {};"},
			ropg, "failed | logs f", "api.prompt.render cannot show form ap_1 in a oauth2-resource-owner flow"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := simulateOne(t, tt.tenant, tt.actions, tt.scenario)
			if got := brief(r); got != tt.want {
				t.Errorf("\ngot:  %s\nwant: %s\nerror: %s", got, tt.want, r.Error)
			}
			if !strings.Contains(r.Error, tt.error) || (tt.error == "") != (r.Error == "") {
				t.Errorf("error = %q, want it to contain %q", r.Error, tt.error)
			}
		})
	}
}

const formAction = `exports.onExecutePostLogin = async (event, api) => {
  if (event.prompt !== undefined) { throw new Error('event.prompt before the form'); }
  api.prompt.render('ap_profile', {fields: {company: 'prefilled', hidden_ref: 'r1'}, vars: {external_id: 'x-9'}});
};
exports.onContinuePostLogin = async (event, api) => {
  api.user.setUserMetadata('form', event.prompt);
  api.user.setUserMetadata('query', event.request.query);
};
`

// TestForms: api.prompt.render pauses like a redirect; the next answer is what the user submits;
// onContinuePostLogin sees event.prompt = {id, fields, vars} (docs/simulation.md §8).
func TestForms(t *testing.T) {
	later := "if (event.prompt !== undefined) { throw new Error('event.prompt in a later Action'); }"
	tests := []struct {
		name     string
		scenario string
		want     string // event.prompt as onContinuePostLogin saw it, as JSON
		fields   string // the prompt's fields in the result, as JSON
	}{
		{"the answer's fields go over the render's", "user: {}\nanswers: [{form: {company: Acme, role: cto}}]",
			`{"fields":{"company":"Acme","hidden_ref":"r1","role":"cto"},"id":"ap_profile","vars":{"external_id":"x-9"}}`,
			`{"company":"Acme","hidden_ref":"r1","role":"cto"}`},
		{"no answer left: the render's fields are submitted", "user: {}",
			`{"fields":{"company":"prefilled","hidden_ref":"r1"},"id":"ap_profile","vars":{"external_id":"x-9"}}`,
			`{"company":"prefilled","hidden_ref":"r1"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := simulateOne(t, baseTenant, []string{formAction, later}, tt.scenario)
			if got := brief(r); got != "success | form:form: | logs s" {
				t.Fatalf("got %s (error %s)", got, r.Error)
			}
			meta, _ := r.User["user_metadata"].(map[string]any)
			got, _ := json.Marshal(meta["form"])
			if string(got) != tt.want {
				t.Errorf("event.prompt = %s, want %s", got, tt.want)
			}
			if q, _ := json.Marshal(meta["query"]); string(q) != "{}" {
				t.Errorf("event.request.query after the form = %s, want a new request with an empty query", q)
			}
			p := r.Prompts[0]
			fields, _ := json.Marshal(p.Fields)
			if p.Kind != "form" || p.Form != "ap_profile" || p.Action != "a1" || string(fields) != tt.fields {
				t.Errorf("prompt = %+v, want kind form, form ap_profile, fields %s", p, tt.fields)
			}
			if len(r.Actions) != 3 || r.Actions[1].Handler != "onContinuePostLogin" {
				t.Errorf("want a1 onExecutePostLogin, a1 onContinuePostLogin, a2; got %+v", r.Actions)
			}
		})
	}
	t.Run("an MFA answer at a form is a scenario error", func(t *testing.T) {
		r := simulateOne(t, baseTenant, []string{formAction}, "user: {}\nanswers: [{factor: otp}]")
		if !r.ScenarioError || !strings.Contains(r.Error, "answer 1 (scenarios.yaml:") || !strings.Contains(r.Error, "this prompt is form ap_profile") {
			t.Errorf("got %s, error %q", brief(r), r.Error)
		}
	})
	t.Run("a form answer at an MFA prompt is a scenario error", func(t *testing.T) {
		r := simulateOne(t, baseTenant, []string{cw + "({type: 'otp'});"}, "user: {enrolledFactors: [{type: otp}]}\nanswers: [{form: {a: b}}]")
		if !r.ScenarioError || !strings.Contains(r.Error, "submits a form, but this prompt is an MFA challenge (otp)") {
			t.Errorf("got %s, error %q", brief(r), r.Error)
		}
	})
	t.Run("form and factor in one answer is a load error", func(t *testing.T) {
		_, err := Parse("scenarios.yaml", []byte("scenarios:\n  - name: s\n    answers: [{form: {a: b}, factor: otp}]\n"))
		if err == nil || !strings.Contains(err.Error(), "scenarios.yaml:3:") || !strings.Contains(err.Error(), "either an MFA answer") {
			t.Errorf("err = %v", err)
		}
	})
}
