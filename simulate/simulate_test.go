package simulate

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mfactl/mfactl/config"
)

// baseTenant enables the toggle and the usual factors; cases add or replace sections.
const baseTenant = `tenant:
  customize_mfa_in_postlogin_action: true
guardianFactors:
  - {name: otp, enabled: true}
  - {name: sms, enabled: true}
  - {name: push-notification, enabled: true}
  - {name: email, enabled: true}
  - {name: webauthn-roaming, enabled: true}
guardianPhoneFactorMessageTypes:
  message_types: [sms, voice]
`

// voiceOnly and noMessageTypes vary guardianPhoneFactorMessageTypes.
var (
	voiceOnly      = strings.Replace(baseTenant, "message_types: [sms, voice]", "message_types: [voice]", 1)
	noMessageTypes = strings.Replace(baseTenant, "guardianPhoneFactorMessageTypes:\n  message_types: [sms, voice]\n", "", 1)
)

// simulateOne builds a tenant with Actions a1, a2, … (handler bodies, or whole files when they
// contain "exports."), runs one scenario and returns its result.
func simulateOne(t *testing.T, tenant string, actions []string, scenario string) *Result {
	t.Helper()
	dir := t.TempDir()
	y := tenant + "actions:\n"
	bind := "triggers:\n  post-login:\n"
	for i, body := range actions {
		name := fmt.Sprintf("a%d", i+1)
		code := body
		if !strings.Contains(body, "exports.") {
			code = "exports.onExecutePostLogin = async (event, api) => {\n" + body + "\n};\n"
		}
		p := filepath.Join(dir, name+".js")
		if err := os.WriteFile(p, []byte(code), 0o644); err != nil {
			t.Fatal(err)
		}
		deps := "" // an Action that requires axios declares it, as Auth0 requires (http_test.go)
		if strings.Contains(code, "require('axios')") {
			deps = ", dependencies: [{name: axios, version: 1.7.9}]"
		}
		y += fmt.Sprintf("  - {name: %s, code: ./%s.js, deployed: true%s, supported_triggers: [{id: post-login, version: v3}]}\n", name, name, deps)
		bind += fmt.Sprintf("    - {action_name: %s, display_name: %s}\n", name, name)
	}
	tn := config.Parse("tenant.yaml", dir, []byte(y+bind), config.Options{})
	for _, f := range tn.Findings {
		if f.Severity == 2 {
			t.Fatalf("tenant: %s", f.Error())
		}
	}
	f, err := Parse("scenarios.yaml", []byte("now: 2026-01-01T09:00:00Z\nscenarios:\n  - name: s\n"+indent(scenario)))
	if err != nil {
		t.Fatalf("scenarios: %v", err)
	}
	return New(tn, f).Run(context.Background(), f.Scenarios[0])
}

func indent(s string) string {
	var b strings.Builder
	for _, line := range strings.Split(strings.TrimSpace(s), "\n") {
		if line != "" {
			b.WriteString("    " + line + "\n")
		}
	}
	return b.String()
}

// brief renders a result in one line: outcome, prompts and log types (with the factor for w).
func brief(r *Result) string {
	var b strings.Builder
	b.WriteString(r.Outcome)
	for _, p := range r.Prompts {
		fmt.Fprintf(&b, " | %s:%s:%s", p.Kind, p.Screen, strings.Join(p.Factors, ","))
		if p.Default != "" {
			fmt.Fprintf(&b, "(default %s)", p.Default)
		}
		if p.Chosen != "" {
			fmt.Fprintf(&b, ">%s", p.Chosen)
			if p.Method != "" {
				fmt.Fprintf(&b, "/%s", p.Method)
			}
			fmt.Fprintf(&b, ":%s", p.Result)
		}
	}
	b.WriteString(" | logs")
	for _, l := range r.Logs {
		b.WriteString(" " + l.Type)
		if l.Type == "w" {
			for _, f := range []string{"otp", "phone", "push-notification", "push", "email", "webauthn-roaming", "webauthn-platform", "recovery-code", "sms"} {
				if strings.Contains(l.Description, "factor "+f+" is") {
					b.WriteString("(" + f + ")")
				}
			}
		}
	}
	return b.String()
}

const (
	cw  = "api.authentication.challengeWith"
	cwa = "api.authentication.challengeWithAny"
	ew  = "api.authentication.enrollWith"
	ewa = "api.authentication.enrollWithAny"
)

func TestSemantics(t *testing.T) {
	tests := []struct {
		name     string
		tenant   string
		actions  []string
		scenario string
		want     string
	}{
		// §1 the run
		{"no MFA: success", baseTenant, []string{"api.idToken.setCustomClaim('https://x/a', 1);"}, "user: {}",
			"success | logs s"},
		{"a challenge, then the next Action", baseTenant, []string{cw + "({type: 'otp'});", "api.idToken.setCustomClaim('https://x/a', 1);"},
			"user: {enrolledFactors: [{type: otp}]}",
			"success | challenge:factor:otp(default otp)>otp:success | logs gd_start_auth gd_auth_succeed s"},
		{"an Action that throws fails the login and stops the flow", baseTenant, []string{"throw new Error('boom');", cw + "({type: 'otp'});"}, "user: {}",
			"failed | logs actions_execution_failed f"},
		{"a timer past 20 s is a timeout", baseTenant, []string{"await new Promise((r) => setTimeout(r, 25000));"}, "user: {}",
			"failed | logs actions_execution_failed f"},
		{"deny: f with the reason, queued MFA does not run, later Actions do not run (decided)", baseTenant,
			[]string{cw + "({type: 'otp'}); api.access.deny('blocked');", "throw new Error('must not run');"}, "user: {enrolledFactors: [{type: otp}]}",
			"denied | logs f"},
		{"validation.error denies too", baseTenant, []string{"api.validation.error('invalid_request', 'nope');"}, "user: {}", "denied | logs f"},
		{"commands run in call order after the Action", baseTenant, []string{cw + "({type: 'otp'}); " + cw + "({type: 'phone'});"},
			"user: {enrolledFactors: [{type: otp}, {type: phone}]}",
			"success | challenge:factor:otp(default otp)>otp:success | challenge:factor:phone(default phone)>phone/sms:success | logs gd_start_auth gd_auth_succeed gd_start_auth gd_send_sms gd_auth_succeed s"},
		// §2 one command
		{"a type listed twice counts once", baseTenant, []string{cwa + "([{type: 'otp'}, {type: 'otp'}, {type: 'push'}]);"},
			"user: {enrolledFactors: [{type: otp}, {type: push-notification}]}",
			"success | challenge:picker:otp,push-notification>otp:success | logs gd_start_auth gd_auth_succeed s"},
		{"the fifth command fails; the first four run", baseTenant,
			[]string{strings.Repeat(cw+"({type: 'otp'});", 5)}, "user: {enrolledFactors: [{type: otp}]}",
			"failed | challenge:factor:otp(default otp)>otp:success | logs gd_start_auth gd_auth_succeed f"},
		{"the toggle off fails the command", strings.Replace(baseTenant, "true\nguardian", "false\nguardian", 1),
			[]string{cw + "({type: 'otp'});"}, "user: {enrolledFactors: [{type: otp}]}", "failed | logs f"},
		{"a tenant.yaml without the toggle has it off (decided)", strings.Replace(baseTenant, "tenant:\n  customize_mfa_in_postlogin_action: true\n", "", 1),
			[]string{cw + "({type: 'otp'});"}, "user: {enrolledFactors: [{type: otp}]}", "failed | logs f"},
		{"custom token exchange fails the command", baseTenant, []string{cw + "({type: 'otp'});"},
			"user: {enrolledFactors: [{type: otp}]}\nevent: {transaction: {protocol: oauth2-token-exchange}}", "failed | logs f"},
		{"a challenge already satisfied shows nothing (decided)", baseTenant,
			[]string{cw + "({type: 'otp'});", cwa + "([{type: 'otp'}, {type: 'phone'}]);"}, "user: {enrolledFactors: [{type: otp}, {type: phone}]}",
			"success | challenge:factor:otp(default otp)>otp:success | logs gd_start_auth gd_auth_succeed s"},
		{"enroll before a challenge fails for an enrolled user", baseTenant, []string{ew + "({type: 'webauthn-roaming'});"},
			"user: {enrolledFactors: [{type: otp}]}", "failed | logs mfar f"},
		{"a verified email counts as enrolled (decided)", baseTenant, []string{ew + "({type: 'otp'});"},
			"user: {email_verified: true}", "failed | logs mfar f"},
		{"an unverified email does not", baseTenant, []string{ew + "({type: 'otp'});"},
			"user: {email_verified: false}", "success | enroll:factor:otp(default otp)>otp:success | logs gd_start_enroll gd_enrollment_complete s"},
		{"enroll after a challenge in the same Action", baseTenant, []string{cwa + "([{type: 'otp'}]); " + ew + "({type: 'webauthn-roaming'});"},
			"user: {enrolledFactors: [{type: otp}]}",
			"success | challenge:factor:otp(default otp)>otp:success | enroll:factor:webauthn-roaming(default webauthn-roaming)>webauthn-roaming:success | logs gd_start_auth gd_auth_succeed gd_start_enroll gd_enrollment_complete s"},
		{"filtering: email is not enrollable, w when something is left", baseTenant, []string{ewa + "([{type: 'email'}, {type: 'otp'}]);"}, "user: {}",
			"success | enroll:factor:otp(default otp)>otp:success | logs w(email) gd_start_enroll gd_enrollment_complete s"},
		{"filtering: a disabled factor", baseTenant, []string{cwa + "([{type: 'recovery-code'}, {type: 'otp'}]);"},
			"user: {enrolledFactors: [{type: otp}, {type: recovery-code}]}",
			"success | challenge:factor:otp(default otp)>otp:success | logs w(recovery-code) gd_start_auth gd_auth_succeed s"},
		{"filtering: voice needs voice in message_types", strings.Replace(baseTenant, "[sms, voice]", "[sms]", 1),
			[]string{cw + "({type: 'phone', options: {preferredMethod: 'voice'}}, {additionalFactors: [{type: 'otp'}]});"},
			"user: {enrolledFactors: [{type: otp}, {type: phone}]}",
			"success | challenge:factor:otp(default otp)>otp:success | logs w(phone) gd_start_auth gd_auth_succeed s"},
		{"filtering: WebAuthn without browser support", baseTenant, []string{ewa + "([{type: 'webauthn-roaming'}, {type: 'otp'}]);"},
			"user: {}\nbrowser: {webauthn: false}", "success | enroll:factor:otp(default otp)>otp:success | logs w(webauthn-roaming) gd_start_enroll gd_enrollment_complete s"},
		{"filtering: a challenge of a factor the user lacks", baseTenant, []string{cwa + "([{type: 'push-notification'}, {type: 'otp'}]);"},
			"user: {enrolledFactors: [{type: otp}]}", "success | challenge:factor:otp(default otp)>otp:success | logs w(push-notification) gd_start_auth gd_auth_succeed s"},
		{"nothing left: only mfar, then f", baseTenant, []string{cwa + "([{type: 'push-notification'}, {type: 'otp'}]);"},
			"user: {}", "failed | logs mfar f"},
		{"enroll: every factor already enrolled: mfar and the login continues (decided)", baseTenant,
			[]string{cwa + "([{type: 'otp'}]); " + ewa + "([{type: 'otp'}]);"}, "user: {enrolledFactors: [{type: otp}]}",
			"success | challenge:factor:otp(default otp)>otp:success | logs gd_start_auth gd_auth_succeed mfar s"},
		// §3 prompts and answers
		{"challengeWith: the default, the rest behind Try another method", baseTenant, []string{cw + "({type: 'otp'}, {additionalFactors: [{type: 'email'}]});"},
			"user: {email: a@b.c, email_verified: true, enrolledFactors: [{type: otp}]}\nanswers: [{factor: email}]",
			"success | challenge:factor:otp,email(default otp)>email:success | logs gd_start_auth gd_send_email gd_auth_succeed s"},
		{"challengeWith: the default dropped, the first survivor (decided)", baseTenant,
			[]string{cw + "({type: 'push-notification'}, {additionalFactors: [{type: 'phone'}, {type: 'otp'}]});"},
			"user: {enrolledFactors: [{type: otp}, {type: phone}]}",
			"success | challenge:factor:phone,otp(default phone)>phone/sms:success | logs w(push-notification) gd_start_auth gd_send_sms gd_auth_succeed s"},
		{"challengeWithAny with one usable factor skips the picker", baseTenant, []string{cwa + "([{type: 'otp'}, {type: 'phone'}]);"},
			"user: {enrolledFactors: [{type: phone}]}", "success | challenge:factor:phone(default phone)>phone/sms:success | logs w(otp) gd_start_auth gd_send_sms gd_auth_succeed s"},
		{"a failed code ends the login (decided: no retry)", baseTenant, []string{cw + "({type: 'otp'});", "throw new Error('must not run');"},
			"user: {enrolledFactors: [{type: otp}]}\nanswers: [{factor: otp, result: failure}]", "failed | challenge:factor:otp(default otp)>otp:failure | logs gd_start_auth gd_auth_failed f"},
		{"a rejected push", baseTenant, []string{cw + "({type: 'push-notification'});"},
			"user: {enrolledFactors: [{type: push-notification}]}\nanswers: [{result: rejected}]",
			"failed | challenge:factor:push-notification(default push-notification)>push-notification:rejected | logs gd_start_auth gd_send_pn gd_auth_rejected f"},
		{"phone both: the user picks voice", baseTenant, []string{cw + "({type: 'phone', options: {preferredMethod: 'both'}});"},
			"user: {enrolledFactors: [{type: phone}]}\nanswers: [{factor: phone, method: voice}]",
			"success | challenge:factor:phone(default phone)>phone/voice:success | logs gd_start_auth gd_send_voice gd_auth_succeed s"},
		{"recovery codes log their own events", strings.Replace(baseTenant, "  - {name: otp, enabled: true}", "  - {name: otp, enabled: true}\n  - {name: recovery-code, enabled: true}", 1),
			[]string{cw + "({type: 'recovery-code'});"}, "user: {enrolledFactors: [{type: recovery-code}]}",
			"success | challenge:factor:recovery-code(default recovery-code)>recovery-code:success | logs gd_start_auth gd_recovery_succeed s"},
		// §4 state between Actions
		{"the next Action sees methods and enrolledFactors; not those of its own commands", baseTenant,
			[]string{ewa + "([{type: 'otp'}]); api.idToken.setCustomClaim('https://x/own', event.authentication.methods.length);",
				"if (event.authentication.methods.some((m) => m.name === 'mfa' && m.type === 'otp') && event.user.enrolledFactors.length === 1) { " + cw + "({type: 'otp'}); }"},
			"user: {}",
			"success | enroll:factor:otp(default otp)>otp:success | logs gd_start_enroll gd_enrollment_complete s"},
		{"a redirect runs onContinuePostLogin with the continue request, then the next Action", baseTenant,
			[]string{"exports.onExecutePostLogin = async (event, api) => { api.redirect.sendUserTo('https://consent.example.com', {query: {a: '1'}}); };\n" +
				"exports.onContinuePostLogin = async (event, api) => { if (event.request.query.ok !== 'yes') { api.access.deny('no consent'); } };",
				"api.idToken.setCustomClaim('https://x/after', true);"},
			"user: {}\ncontinue: {query: {ok: 'yes'}}", "success | logs s"},
		{"... and denies when the continue request says so", baseTenant,
			[]string{"exports.onExecutePostLogin = async (event, api) => { api.redirect.sendUserTo('https://consent.example.com'); };\n" +
				"exports.onContinuePostLogin = async (event, api) => { if (event.request.query.ok !== 'yes') { api.access.deny('no consent'); } };"},
			"user: {}\ncontinue: {query: {ok: 'no'}}", "denied | logs f"},
		{"metadata set by an Action is not in event.user for later Actions", baseTenant,
			[]string{"api.user.setAppMetadata('plan', 'gold');", "if (event.user.app_metadata.plan === 'gold') { throw new Error('must not see it'); }"},
			"user: {}", "success | logs s"},
		{"transaction metadata is visible to later Actions", baseTenant,
			[]string{"api.transaction.setMetadata('risk', 'high');", "if (event.transaction.metadata.risk === 'high') { " + cw + "({type: 'otp'}); }"},
			"user: {enrolledFactors: [{type: otp}]}", "success | challenge:factor:otp(default otp)>otp:success | logs gd_start_auth gd_auth_succeed s"},
		// §6 after the last Action
		{"api.multifactor.enable('any'): the first enrolled factor", baseTenant, []string{"api.multifactor.enable('any');"},
			"user: {enrolledFactors: [{type: phone}, {type: otp}]}",
			"success | challenge:factor:phone,otp(default phone)>phone/sms:success | logs gd_start_auth gd_send_sms gd_auth_succeed s"},
		{"enable('none') suppresses the policy", baseTenant + "guardianPolicies: {policies: [all-applications]}\n", []string{"api.multifactor.enable('none');"},
			"user: {enrolledFactors: [{type: otp}]}", "success | logs s"},
		{"commands take precedence over the policy (decided)", baseTenant + "guardianPolicies: {policies: [all-applications]}\n",
			[]string{cw + "({type: 'otp'});"}, "user: {enrolledFactors: [{type: otp}, {type: phone}]}",
			"success | challenge:factor:otp(default otp)>otp:success | logs gd_start_auth gd_auth_succeed s"},
		{"policy always, no factors: enrollment in the fixed order (decided)", baseTenant + "guardianPolicies: {policies: [all-applications]}\n",
			[]string{"api.idToken.setCustomClaim('https://x/a', 1);"}, "user: {}",
			"success | enroll:factor:push-notification,phone,otp,webauthn-roaming(default push-notification)>push-notification:success | logs gd_start_enroll gd_enrollment_complete s"},
		{"enrolling push sends no push (a QR code is scanned)", baseTenant, []string{"api.authentication.enrollWith({type: 'push-notification'});"}, "user: {}",
			"success | enroll:factor:push-notification(default push-notification)>push-notification:success | logs gd_start_enroll gd_enrollment_complete s"},
		{"enrollWithAny: push chosen from the picker sends no push", baseTenant, []string{ewa + "([{type: 'otp'}, {type: 'push-notification'}]);"},
			"user: {}\nanswers: [{factor: push-notification}]",
			"success | enroll:picker:otp,push-notification>push-notification:success | logs gd_start_enroll gd_enrollment_complete s"},
		{"enrolling phone sends the code by SMS", baseTenant, []string{ew + "({type: 'phone'});"}, "user: {}",
			"success | enroll:factor:phone(default phone)>phone/sms:success | logs gd_start_enroll gd_send_sms gd_enrollment_complete s"},
		{"enrolling otp or WebAuthn sends nothing", baseTenant, []string{ew + "({type: 'otp'}); " + ew + "({type: 'webauthn-roaming'});"}, "user: {}",
			"success | enroll:factor:otp(default otp)>otp:success | enroll:factor:webauthn-roaming(default webauthn-roaming)>webauthn-roaming:success | logs gd_start_enroll gd_enrollment_complete gd_start_enroll gd_enrollment_complete s"},
		{"a push enrollment cannot be rejected: a scenario error", baseTenant, []string{ew + "({type: 'push-notification'});"},
			"user: {}\nanswers: [{result: rejected}]",
			"SCENARIO: gives result: rejected for a push-notification enrollment, but enrolling push sends no push to decline"},
		{"phone both without a method answer: SMS first", baseTenant, []string{cw + "({type: 'phone', options: {preferredMethod: 'both'}});"},
			"user: {enrolledFactors: [{type: phone}]}",
			"success | challenge:factor:phone(default phone)>phone/sms:success | logs gd_start_auth gd_send_sms gd_auth_succeed s"},
		{"method sms when preferredMethod is voice: a scenario error", baseTenant, []string{cw + "({type: 'phone', options: {preferredMethod: 'voice'}});"},
			"user: {enrolledFactors: [{type: phone}]}\nanswers: [{method: sms}]",
			"SCENARIO: gives method: sms, but this phone prompt offers only voice (preferredMethod 'voice'"},
		{"rejected is only for push: a scenario error", baseTenant, []string{"api.authentication.challengeWith({type: 'otp'});"},
			"user: {enrolledFactors: [{type: otp}]}\nanswers: [{result: rejected}]",
			"SCENARIO: gives result: rejected for otp, but rejected applies only to push-notification"},
		{"method on a factor that is not phone: a scenario error", baseTenant, []string{"api.authentication.challengeWith({type: 'otp'});"},
			"user: {enrolledFactors: [{type: otp}]}\nanswers: [{method: voice}]", "SCENARIO: gives method: voice for otp, but method applies only to phone"},
		{"method the phone prompt does not offer: a scenario error", baseTenant, []string{"api.authentication.challengeWith({type: 'phone', options: {preferredMethod: 'sms'}});"},
			"user: {enrolledFactors: [{type: phone}]}\nanswers: [{method: voice}]",
			"SCENARIO: gives method: voice, but this phone prompt offers only sms (preferredMethod 'sms', guardianPhoneFactorMessageTypes [sms, voice])"},
		// guardianPhoneFactorMessageTypes decides how phone is delivered (decided)
		{"voice-only tenant: phone without preferredMethod is a call", voiceOnly,
			[]string{cw + "({type: 'phone'});"}, "user: {enrolledFactors: [{type: phone}]}",
			"success | challenge:factor:phone(default phone)>phone/voice:success | logs gd_start_auth gd_send_voice gd_auth_succeed s"},
		{"voice-only tenant: preferredMethod sms is not offered", voiceOnly,
			[]string{cw + "({type: 'phone', options: {preferredMethod: 'sms'}}, {additionalFactors: [{type: 'otp'}]});"},
			"user: {enrolledFactors: [{type: phone}, {type: otp}]}",
			"success | challenge:factor:otp(default otp)>otp:success | logs w(phone) gd_start_auth gd_auth_succeed s"},
		{"voice-only tenant: preferredMethod both is not offered", voiceOnly,
			[]string{cw + "({type: 'phone', options: {preferredMethod: 'both'}}, {additionalFactors: [{type: 'otp'}]});"},
			"user: {enrolledFactors: [{type: phone}, {type: otp}]}",
			"success | challenge:factor:otp(default otp)>otp:success | logs w(phone) gd_start_auth gd_auth_succeed s"},
		{"sms-only tenant: preferredMethod both is not offered", strings.Replace(baseTenant, "[sms, voice]", "[sms]", 1),
			[]string{cw + "({type: 'phone', options: {preferredMethod: 'both'}}, {additionalFactors: [{type: 'otp'}]});"},
			"user: {enrolledFactors: [{type: phone}, {type: otp}]}",
			"success | challenge:factor:otp(default otp)>otp:success | logs w(phone) gd_start_auth gd_auth_succeed s"},
		{"voice-only tenant: phone enrollment is by call", voiceOnly, []string{ew + "({type: 'phone'});"}, "user: {}",
			"success | enroll:factor:phone(default phone)>phone/voice:success | logs gd_start_enroll gd_send_voice gd_enrollment_complete s"},
		{"voice-only tenant: policy MFA calls an enrolled phone", voiceOnly + "guardianPolicies: {policies: [all-applications]}\n",
			[]string{"api.idToken.setCustomClaim('https://x/a', 1);"}, "user: {enrolledFactors: [{type: phone}]}",
			"success | challenge:factor:phone(default phone)>phone/voice:success | logs gd_start_auth gd_send_voice gd_auth_succeed s"},
		{"voice-only tenant: policy enrollment in phone is by call", voiceOnly + "guardianPolicies: {policies: [all-applications]}\n",
			[]string{"api.idToken.setCustomClaim('https://x/a', 1);"}, "user: {}\nanswers: [{factor: phone}]",
			"success | enroll:factor:push-notification,phone,otp,webauthn-roaming(default push-notification)>phone/voice:success | logs gd_start_enroll gd_send_voice gd_enrollment_complete s"},
		{"empty message_types: phone is offered neither by command nor by policy", strings.Replace(baseTenant, "[sms, voice]", "[]", 1) + "guardianPolicies: {policies: [all-applications]}\n",
			[]string{cwa + "([{type: 'phone'}, {type: 'otp'}]);", "api.multifactor.enable('any');"}, "user: {enrolledFactors: [{type: phone}, {type: otp}]}",
			"success | challenge:factor:otp(default otp)>otp:success | logs w(phone) gd_start_auth gd_auth_succeed s"},
		{"no message types section: SMS, as before", noMessageTypes, []string{cw + "({type: 'phone'});"}, "user: {enrolledFactors: [{type: phone}]}",
			"success | challenge:factor:phone(default phone)>phone/sms:success | logs gd_start_auth gd_send_sms gd_auth_succeed s"},
		{"no message types section: voice is not offered, as before", noMessageTypes,
			[]string{cw + "({type: 'phone', options: {preferredMethod: 'voice'}}, {additionalFactors: [{type: 'otp'}]});"},
			"user: {enrolledFactors: [{type: phone}, {type: otp}]}",
			"success | challenge:factor:otp(default otp)>otp:success | logs w(phone) gd_start_auth gd_auth_succeed s"},
		{"voice-only tenant: method voice is the only one, accepted", voiceOnly, []string{cw + "({type: 'phone'});"},
			"user: {enrolledFactors: [{type: phone}]}\nanswers: [{method: voice}]",
			"success | challenge:factor:phone(default phone)>phone/voice:success | logs gd_start_auth gd_send_voice gd_auth_succeed s"},
		{"voice-only tenant: method sms is a scenario error", voiceOnly, []string{cw + "({type: 'phone'});"},
			"user: {enrolledFactors: [{type: phone}]}\nanswers: [{method: sms}]",
			"SCENARIO: gives method: sms, but this phone prompt offers only voice (no preferredMethod, guardianPhoneFactorMessageTypes [voice])"},
		{"method the phone prompt offers is accepted", baseTenant, []string{"api.authentication.challengeWith({type: 'phone', options: {preferredMethod: 'sms'}});"},
			"user: {enrolledFactors: [{type: phone}]}\nanswers: [{method: sms}]",
			"success | challenge:factor:phone(default phone)>phone/sms:success | logs gd_start_auth gd_send_sms gd_auth_succeed s"},
		{"... a picker with mfa_show_factor_list_on_enrollment", strings.Replace(baseTenant, "tenant:\n", "tenant:\n  flags: {mfa_show_factor_list_on_enrollment: true}\n", 1) + "guardianPolicies: {policies: [all-applications]}\n",
			[]string{"api.idToken.setCustomClaim('https://x/a', 1);"}, "user: {}\nanswers: [{factor: otp}]",
			"success | enroll:picker:push-notification,phone,otp,webauthn-roaming>otp:success | logs gd_start_enroll gd_enrollment_complete s"},
		{"adaptive, low confidence, not enrolled: email verification", baseTenant + "guardianPolicies: {policies: [confidence-score]}\n",
			[]string{"api.idToken.setCustomClaim('https://x/a', 1);"}, "user: {}\nevent: {authentication: {riskAssessment: {confidence: low}}}",
			"success | challenge:factor:email(default email)>email:success | logs gd_start_auth gd_send_email gd_auth_succeed s"},
		{"adaptive, high confidence: no MFA", baseTenant + "guardianPolicies: {policies: [confidence-score]}\n",
			[]string{"api.idToken.setCustomClaim('https://x/a', 1);"}, "user: {enrolledFactors: [{type: otp}]}\nevent: {authentication: {riskAssessment: {confidence: high}}}",
			"success | logs s"},
		{"a remembered browser skips MFA that allows it", baseTenant, []string{"api.multifactor.enable('any', {allowRememberBrowser: true});"},
			"user: {enrolledFactors: [{type: otp}]}\nrememberedBrowser: true", "success | logs s"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := simulateOne(t, tt.tenant, tt.actions, tt.scenario)
			if strings.HasPrefix(tt.name, "metadata") && r.User["app_metadata"].(map[string]any)["plan"] != "gold" {
				t.Errorf("the final user lacks the metadata change: %v", r.User)
			}
			if msg, ok := strings.CutPrefix(tt.want, "SCENARIO: "); ok {
				if !r.ScenarioError || r.Outcome != Failed || !strings.HasPrefix(r.Error, "answer 1 (scenarios.yaml:") || !strings.Contains(r.Error, msg) {
					t.Errorf("want a scenario error about answer 1 saying %q, got %s (error %q)", msg, brief(r), r.Error)
				}
				return
			}
			if got := brief(r); got != tt.want {
				t.Errorf("\ngot:  %s\nwant: %s\nerror: %s", got, tt.want, r.Error)
			}
		})
	}
}

// TestExpectListLength: with exact: true a list of the wrong length says "exactly", shorter or longer,
// and shows the result's items with only the keys the expectation names.
func TestExpectListLength(t *testing.T) {
	item := func(typ string) any { return map[string]any{"type": typ, "description": "d " + typ} }
	for _, tt := range []struct {
		exact bool
		got   []any
		want  string
	}{
		{false, []any{item("a")}, "logs: expected at least 2 items, got 1: [{type: a}]"},
		{true, []any{item("a")}, "logs: expected exactly 2 items (exact: true), got 1: [{type: a}]"},
		{true, []any{item("a"), item("b"), item("c")}, "logs: expected exactly 2 items (exact: true), got 3: [{type: a}, {type: b}, {type: c}]"},
	} {
		c := &checker{exact: tt.exact}
		c.match("logs", []any{map[string]any{"type": "a"}, map[string]any{"type": "b"}}, tt.got, nil, func(int) float64 { return 0 })
		if len(c.failures) != 1 || c.failures[0].text != tt.want {
			t.Errorf("exact %v, got %d items: %+v, want %q", tt.exact, len(tt.got), c.failures, tt.want)
		}
	}
}
