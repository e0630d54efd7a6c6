package simulate

import (
	"fmt"
	"strings"
	"time"

	"github.com/mfactl/mfactl/jsrt"
)

// Exact log descriptions from Auth0's two MFA customization pages (simulation.md §5).
const (
	descChallengeNone = "An MFA challenge is used in a PostLogin action but the requested factors are not properly set up. To perform MFA, enable the requested factors and ensure the user is enrolled with them."
	descChallengeOne  = "An MFA challenge is used in a PostLogin action, but the requested factor %s is not properly set up. Enable the requested factor and ensure the user is enrolled with it."
	descEnrollOne     = "An MFA enrollment is used in a PostLogin action, but the requested factor %s is not properly set up. Enable the requested factor and ensure the user is not already enrolled with it."
	descEnrollNone    = "An MFA enrollment is used in a PostLogin action but the requested factors are not properly set up. To perform MFA, enable the requested factors and ensure the user is not already enrolled with them."
	descEnrollFirst   = "An MFA enrollment was requested but the user is already enrolled in MFA. Challenge with at least one existing factor before enrolling a new one."
	descToggleOff     = "MFA customized via PostLogin action but feature is not enabled."
	descTooMany       = "Too many MFA commands: at most 4 of challengeWith, challengeWithAny, enrollWith and enrollWithAny run in one login"
)

// promptDuration is how long one prompt takes on the simulated clock.
const promptDuration = 2 * time.Second

var (
	challengeTypes = []string{"email", "otp", "phone", "push-notification", "recovery-code", "webauthn-platform", "webauthn-roaming"}
	enrollTypes    = []string{"otp", "phone", "push-notification", "recovery-code", "webauthn-platform", "webauthn-roaming"}
	// policyEnrollOrder is the order of the enrollment offered by policy MFA (decided).
	policyEnrollOrder = []string{"push-notification", "phone", "otp", "webauthn-roaming", "webauthn-platform"}
)

// normalize maps Action spellings to one factor name: push is push-notification.
func normalize(t string) string {
	if t == "push" {
		return "push-notification"
	}
	return t
}

// guardianName is the guardianFactors name of a factor: phone is sms.
func guardianName(t string) string {
	if t == "phone" {
		return "sms"
	}
	return t
}

// requested is one entry of a command's factor list.
type requested struct {
	written string // the type as written in the Action, for the log
	factor  string // normalized
	pref    string // phone: options.preferredMethod as the Action gave it
	method  string // phone: the preferredMethod, then (once kept) the delivery: sms, voice or both
}

// factorsOf reads a command's offered list: [factor, ...additionalFactors] or the Any list, with a
// type listed twice counted once (the first stays).
func factorsOf(c jsrt.Call) []requested {
	var raw []any
	switch c.Method {
	case "authentication.challengeWith", "authentication.enrollWith":
		if len(c.Args) > 0 {
			raw = append(raw, c.Args[0])
		}
		if opts, ok := argMap(c.Args, 1); ok {
			if more, ok := opts["additionalFactors"].([]any); ok {
				raw = append(raw, more...)
			}
		}
	default:
		if len(c.Args) > 0 {
			if list, ok := c.Args[0].([]any); ok {
				raw = list
			} else {
				raw = []any{c.Args[0]}
			}
		}
	}
	var out []requested
	seen := map[string]bool{}
	for _, r := range raw {
		q := requested{written: "undefined"}
		if m, ok := r.(map[string]any); ok {
			if t, ok := m["type"].(string); ok {
				q.written = t
			}
			if o, ok := m["options"].(map[string]any); ok {
				q.pref, _ = o["preferredMethod"].(string)
				q.method = q.pref
			}
		} else if s, ok := r.(string); ok {
			q.written = s + " (a string, not {type: …})"
		}
		q.factor = normalize(q.written)
		if seen[q.factor] {
			continue
		}
		seen[q.factor] = true
		out = append(out, q)
	}
	return out
}

// command runs one queued MFA command, through the checks of simulation.md §2 in order.
func (l *login) command(ba boundAction, c jsrt.Call) {
	name := c.Method[strings.LastIndexByte(c.Method, '.')+1:]
	enroll := strings.HasPrefix(name, "enroll")
	kind := "challenge"
	if enroll {
		kind = "enroll"
	}
	details := map[string]any{"action_name": ba.name, "command": name}
	// 1. The four-command limit.
	l.commands++
	if l.commands > 4 {
		l.step("note", 0, 0, fmt.Sprintf("%s is the fifth MFA command of this login", name))
		l.fail(Failed, "f", descTooMany, details)
		return
	}
	// 2. The Customize-MFA toggle (a tenant that does not set it has it off, as a new tenant does).
	if st := l.s.Tenant.Settings; st == nil || !st.CustomizeMFA.Set || !st.CustomizeMFA.Value {
		why := "customize_mfa_in_postlogin_action is false"
		if st == nil || !st.CustomizeMFA.Set {
			why = "tenant.yaml does not set customize_mfa_in_postlogin_action (off on a new tenant)"
		}
		l.step("note", 0, 0, fmt.Sprintf("%s cannot run: %s", name, why))
		l.fail(Failed, "f", descToggleOff, details)
		return
	}
	// 3. A login with no page to show (custom token exchange, other token-endpoint grants, prompt=none).
	if l.protocol() == "oauth2-token-exchange" {
		l.step("note", 0, 0, fmt.Sprintf("%s cannot run: a custom token exchange does not support the MFA commands; check event.transaction.protocol before calling it", name))
		l.fail(Failed, "f", fmt.Sprintf("%s is not supported in a custom token exchange (transaction.protocol oauth2-token-exchange)", name), details)
		return
	}
	if why := l.noPageWhy(); why != "" {
		l.step("note", 0, 0, fmt.Sprintf("%s cannot run: %s; check event.transaction.protocol (or api.redirect.canRedirect()) before calling it", name, why))
		l.fail(Failed, "f", l.noPageError(fmt.Sprintf("%s cannot show an MFA prompt", name)), details)
		return
	}
	offered := factorsOf(c)
	// 4. A challenge already satisfied in this login shows nothing.
	if !enroll {
		for _, q := range offered {
			if has(l.completed, q.factor) {
				l.step("note", 0, 0, fmt.Sprintf("%s is already satisfied: the user completed %s earlier in this login", name, q.factor))
				return
			}
		}
	}
	// 5. Challenge before enroll.
	if enroll && l.hadFactorsAtStart && !l.challenged {
		l.log("mfar", descEnrollFirst, details)
		l.fail(Failed, "f", fmt.Sprintf("%s failed: the user already has a factor and was not challenged first", name), nil)
		return
	}
	// 6. Factor filtering.
	enrolled := l.enrolled()
	var kept []requested
	var dropped []requested
	onlyAlreadyEnrolled := true
	for _, q := range offered {
		reason := l.unusable(q, enroll, enrolled)
		if reason == "" {
			if q.factor == "phone" {
				q.method, _ = l.phoneDelivery(q.method)
			}
			kept = append(kept, q)
			continue
		}
		if reason != "already enrolled" {
			onlyAlreadyEnrolled = false
		}
		dropped = append(dropped, q)
		l.step("note", 0, 0, fmt.Sprintf("%s: %s dropped (%s)", name, q.written, reason))
	}
	if len(kept) == 0 {
		desc := descChallengeNone
		if enroll {
			desc = descEnrollNone
		}
		if enroll && onlyAlreadyEnrolled && len(offered) > 0 {
			// "If the user has already enrolled in all specified factors, the command fails, and the
			// login sequence continues" (decided: that sentence wins for this case).
			l.log("mfar", desc, details)
			l.step("note", 0, 0, fmt.Sprintf("%s: the user already has every factor offered; the login continues", name))
			return
		}
		l.log("mfar", desc, details)
		l.fail(Failed, "f", fmt.Sprintf("%s failed: none of the requested factors can be used", name), nil)
		return
	}
	for _, q := range dropped {
		format := descChallengeOne
		if enroll {
			format = descEnrollOne
		}
		l.log("w", fmt.Sprintf(format, q.written), details)
	}
	l.prompt(ba.name, name, kind, kept, strings.HasSuffix(name, "Any"))
}

// unusable says why a requested factor is dropped (simulation.md §2 table), or "".
func (l *login) unusable(q requested, enroll bool, enrolled []string) string {
	known := challengeTypes
	if enroll {
		known = enrollTypes
	}
	if !has(known, q.factor) {
		if enroll && q.factor == "email" {
			return "email can be challenged but not enrolled"
		}
		return "not a factor type this command accepts"
	}
	g := guardianName(q.factor)
	if !l.s.Tenant.Factors.Enabled(g) {
		return fmt.Sprintf("%s is not enabled in guardianFactors", g)
	}
	if q.factor == "phone" {
		if _, why := l.phoneDelivery(q.method); why != "" {
			return why
		}
	}
	if strings.HasPrefix(q.factor, "webauthn") && !l.sc.WebAuthn {
		return "the browser does not support WebAuthn"
	}
	if !enroll && !has(enrolled, q.factor) {
		return "the user is not enrolled in it"
	}
	if enroll && has(enrolled, q.factor) {
		return "already enrolled"
	}
	return ""
}

// phoneDelivery says how a phone factor asked for with preferredMethod pref reaches the user on this
// tenant: "sms", "voice" or "both" (the user chooses), or "" and why it cannot (docs/simulation.md §3).
// An explicit preferredMethod needs every method it names in guardianPhoneFactorMessageTypes; without
// one, phone uses what the tenant lists, SMS first. Without the section, SMS works and voice does not.
func (l *login) phoneDelivery(pref string) (string, string) {
	mt := l.s.Tenant.MessageTypes
	sms, voice := mt == nil || mt.Has("sms"), mt.Has("voice")
	const missing = "preferredMethod '%s' needs %s in guardianPhoneFactorMessageTypes"
	switch pref {
	case "voice":
		if !voice {
			return "", fmt.Sprintf(missing, pref, "voice")
		}
		return "voice", ""
	case "both":
		switch {
		case !voice:
			return "", fmt.Sprintf(missing, pref, "voice")
		case !sms:
			return "", fmt.Sprintf(missing, pref, "sms")
		}
		return "both", ""
	case "sms":
		if !sms {
			return "", fmt.Sprintf(missing, pref, "sms")
		}
		return "sms", ""
	}
	switch {
	case sms:
		return "sms", ""
	case voice:
		return "voice", ""
	}
	return "", "guardianPhoneFactorMessageTypes lists neither sms nor voice"
}

// prompt shows a screen (simulation.md §3), takes the user's answer and writes the logs.
func (l *login) prompt(action, command, kind string, kept []requested, picker bool) {
	p := Prompt{Action: action, Command: command, Kind: kind, Screen: "factor", Factors: []string{}}
	for _, q := range kept {
		p.Factors = append(p.Factors, q.factor)
		p.PhoneBoth = p.PhoneBoth || q.factor == "phone" && q.method == "both"
	}
	if picker && len(kept) >= 2 {
		p.Screen = "picker"
	} else {
		p.Default = kept[0].factor
	}
	chosen := kept[0]
	result, method := "success", ""
	if l.answer < len(l.sc.Answers) {
		a := l.sc.Answers[l.answer]
		l.answer++
		if a.IsForm {
			l.answerError(p, fmt.Sprintf("answer %d (%s:%d) submits a form, but this prompt is an MFA %s (%s); answer it with factor: and result:",
				l.answer, a.Span.File, a.Span.Line, kind, strings.Join(p.Factors, ", ")))
			return
		}
		if a.Factor != "" {
			found := false
			for _, q := range kept {
				if q.factor == normalize(a.Factor) {
					chosen, found = q, true
				}
			}
			if !found {
				l.answerError(p, fmt.Sprintf("answer %d (%s:%d) picks %q, which is not offered at this prompt (offered: %s)",
					l.answer, a.Span.File, a.Span.Line, a.Factor, strings.Join(p.Factors, ", ")))
				return
			}
		}
		switch {
		case a.Result == "rejected" && chosen.factor != "push-notification":
			l.answerError(p, fmt.Sprintf("answer %d (%s:%d) gives result: rejected for %s, but rejected applies only to push-notification (a declined push); answer %s with success or failure",
				l.answer, a.Span.File, a.Span.Line, chosen.factor, chosen.factor))
			return
		case a.Result == "rejected" && kind == "enroll":
			l.answerError(p, fmt.Sprintf("answer %d (%s:%d) gives result: rejected for a push-notification enrollment, but enrolling push sends no push to decline (the user scans a QR code); answer success or failure",
				l.answer, a.Span.File, a.Span.Line))
			return
		}
		if a.Method != "" {
			switch {
			case chosen.factor != "phone":
				l.answerError(p, fmt.Sprintf("answer %d (%s:%d) gives method: %s for %s, but method applies only to phone",
					l.answer, a.Span.File, a.Span.Line, a.Method, chosen.factor))
				return
			case chosen.method != "both" && a.Method != chosen.method:
				l.answerError(p, fmt.Sprintf("answer %d (%s:%d) gives method: %s, but this phone prompt offers only %s (%s)",
					l.answer, a.Span.File, a.Span.Line, a.Method, chosen.method, l.phoneWhy(chosen)))
				return
			}
		}
		result, method = a.Result, a.Method
	}
	if chosen.factor == "phone" {
		switch {
		case chosen.method != "both":
			method = chosen.method // the only way this tenant delivers it
		case method == "":
			method = "sms" // both, and the answer does not say: SMS first
		}
		p.Method = method
	}
	p.Chosen, p.Result = chosen.factor, result
	l.res.Prompts = append(l.res.Prompts, p)
	l.step("prompt", len(l.res.Prompts)-1, 0, "")

	start := "gd_start_auth"
	if kind == "enroll" {
		start = "gd_start_enroll"
	}
	l.log(start, map[string]string{"gd_start_auth": "Second factor started", "gd_start_enroll": "MFA Enroll started"}[start], map[string]any{"authenticator": map[string]any{"type": chosen.factor}})
	switch {
	case chosen.factor == "phone" && method == "voice":
		l.log("gd_send_voice", "MFA voice call success", nil)
	case chosen.factor == "phone":
		l.log("gd_send_sms", "MFA SMS Sent", nil)
	case chosen.factor == "email":
		l.log("gd_send_email", "MFA Email Sent", nil)
	case chosen.factor == "push-notification" && kind == "challenge":
		// Enrolling push is scanning a QR code with the Guardian app: no push is sent.
		l.log("gd_send_pn", "Push notification sent", nil)
	}
	l.clock = l.clock.Add(promptDuration)
	switch result {
	case "success":
		switch {
		case chosen.factor == "recovery-code" && kind == "challenge":
			l.log("gd_recovery_succeed", "MFA recovery success", nil)
		case kind == "enroll":
			l.log("gd_enrollment_complete", "MFA enrollment complete", map[string]any{"authenticator": map[string]any{"type": chosen.factor}})
		default:
			l.log("gd_auth_succeed", "MFA Auth success", nil)
		}
		l.methods = append(l.methods, map[string]any{"name": "mfa", "timestamp": isoTime(l.clock), "type": chosen.factor})
		l.completed = append(l.completed, chosen.factor)
		if kind == "enroll" {
			list, _ := l.user["enrolledFactors"].([]any)
			l.user["enrolledFactors"] = append(list, map[string]any{"type": chosen.factor})
		} else {
			l.challenged = true
		}
	case "rejected":
		l.log("gd_auth_rejected", "MFA Auth rejected", nil)
		l.fail(Failed, "f", fmt.Sprintf("the user rejected the %s prompt", chosen.factor), nil)
	default:
		switch {
		case chosen.factor == "recovery-code":
			l.log("gd_recovery_failed", "MFA recovery failed", nil)
		case strings.HasPrefix(chosen.factor, "webauthn") && kind == "enroll":
			l.log("gd_webauthn_enrollment_failed", "WebAuthn enrollment failed", nil)
		case strings.HasPrefix(chosen.factor, "webauthn"):
			l.log("gd_webauthn_challenge_failed", "WebAuthn challenge failed", nil)
		default:
			l.log("gd_auth_failed", "MFA Auth failed", nil)
		}
		l.fail(Failed, "f", fmt.Sprintf("the user failed the %s %s", chosen.factor, kind), nil)
	}
}

// afterLastAction applies api.multifactor.enable or the tenant policy (simulation.md §6).
func (l *login) afterLastAction() {
	if l.commands > 0 {
		return // the commands take precedence
	}
	required, adaptive := false, false
	switch {
	case l.enable != nil:
		required = *l.enable != "none"
	case l.protocol() == "oauth2-refresh-token":
		// The tenant policy is not applied again when a refresh token is exchanged (decision): only an
		// Action's api.multifactor.enable asks for MFA there.
	case l.s.Tenant.Policies.Has("all-applications"):
		required = true
	case l.s.Tenant.Policies.Has("confidence-score"):
		risk, _ := obj(l.event, "authentication")["riskAssessment"].(map[string]any)
		conf, _ := risk["confidence"].(string)
		required, adaptive = conf == "low", true
	}
	if !required {
		return
	}
	why := "the tenant policy requires MFA"
	if l.enable != nil {
		why = fmt.Sprintf("api.multifactor.enable(%q) requires MFA", *l.enable)
	}
	if l.noPageWhy() != "" {
		l.mfaWithoutPage(why)
		return
	}
	if l.sc.RememberedBrowser && l.allowRemember {
		l.step("note", 0, 0, "MFA skipped: the browser is remembered")
		return
	}
	l.step("note", 0, 0, why+" after the last Action")
	var usable []requested
	for _, f := range l.enrolled() {
		if q, ok := l.policyFactor(f); ok {
			usable = append(usable, q)
		}
	}
	if len(usable) > 0 {
		l.prompt("", "multifactor", "challenge", usable, false)
		return
	}
	if adaptive {
		l.prompt("", "multifactor", "challenge", []requested{{written: "email", factor: "email"}}, false)
		return
	}
	var offer []requested
	for _, f := range policyEnrollOrder {
		if q, ok := l.policyFactor(f); ok && (!strings.HasPrefix(f, "webauthn") || l.sc.WebAuthn) {
			offer = append(offer, q)
		}
	}
	if len(offer) == 0 {
		l.fail(Failed, "f", "MFA is required but no factor that can be enrolled is enabled in guardianFactors", nil)
		return
	}
	st := l.s.Tenant.Settings
	list := st != nil && st.ShowFactorListOnEnrollment.Value
	l.prompt("", "multifactor", "enroll", offer, list)
}

// policyFactor is factor f as policy MFA offers it: enabled, and for phone delivered as the tenant's
// message types allow (no preferredMethod).
func (l *login) policyFactor(f string) (requested, bool) {
	q := requested{written: f, factor: f}
	if !l.s.Tenant.Factors.Enabled(guardianName(f)) {
		return q, false
	}
	if f == "phone" {
		var why string
		if q.method, why = l.phoneDelivery(""); why != "" {
			return q, false
		}
	}
	return q, true
}

// answerError ends the scenario with a scenario error about an answer that does not fit the prompt
// (the prompt is still shown, so the trace says what was offered).
func (l *login) answerError(p Prompt, msg string) {
	l.res.Prompts = append(l.res.Prompts, p)
	l.step("prompt", len(l.res.Prompts)-1, 0, "")
	l.res.ScenarioError = true
	l.res.Error = msg
	l.res.Outcome = Failed
	l.step("note", 0, 0, "scenario error: "+l.res.Error)
	l.done = true
}

// phoneWhy says, for a scenario error, why a phone prompt offers one method only.
func (l *login) phoneWhy(q requested) string {
	why := "no preferredMethod"
	if q.pref != "" {
		why = "preferredMethod '" + q.pref + "'"
	}
	if mt := l.s.Tenant.MessageTypes; mt != nil {
		var types []string
		for _, t := range mt.Types {
			types = append(types, t.Value)
		}
		why += ", guardianPhoneFactorMessageTypes [" + strings.Join(types, ", ") + "]"
	}
	return why
}
