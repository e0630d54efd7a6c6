package simulate

import "fmt"

// pagelessProtocols are the transaction protocols in which Auth0 cannot show the user a page: the
// client talks to the token endpoint (or the user answers on another device), so there is no
// Universal Login page for an MFA prompt, a redirect or a form (docs/simulation.md §7). The first four
// are the ones Auth0's own runtime lists for api.redirect.canRedirect(); the others are mfactl's
// reading of the same rule (decision).
var pagelessProtocols = []string{
	"oauth2-resource-owner", "oauth2-refresh-token", "oauth2-password", "oauth2-webauthn",
	"oauth2-resource-owner-jwt-bearer", "oauth2-token-exchange", "oauth2-access-token", "oidc-ciba",
	"wstrust-usernamemixed",
}

// protocol is event.transaction.protocol.
func (l *login) protocol() string {
	p, _ := obj(l.event, "transaction")["protocol"].(string)
	return p
}

// pageless reports whether this login has no page to show the user.
func (l *login) pageless() bool { return has(pagelessProtocols, l.protocol()) }

// silent reports whether the application asked for silent authentication (prompt=none), where a page
// ends the login with interaction_required.
func (l *login) silent() bool {
	q, _ := obj(l.event, "request")["query"].(map[string]any)
	return q["prompt"] == "none"
}

// noPageWhy says why what needs a page (an MFA prompt, a redirect, a form) cannot be shown in this
// login, or "" when it can.
func (l *login) noPageWhy() string {
	switch {
	case l.pageless():
		return fmt.Sprintf("transaction.protocol is %s, where Auth0 cannot show the user a page", l.protocol())
	case l.silent():
		return "the application asked for silent authentication (prompt=none), where Auth0 cannot show the user a page"
	}
	return ""
}

// noPageError is the failed login's description when what needs a page cannot be shown.
func (l *login) noPageError(what string) string {
	if l.pageless() {
		return fmt.Sprintf("%s in a %s flow (transaction.protocol): there is no page to show the user", what, l.protocol())
	}
	return fmt.Sprintf("interaction_required: %s during silent authentication (prompt=none)", what)
}

// mfaWithoutPage ends a login whose Actions or policy require MFA where no prompt can be shown. At
// the token endpoint Auth0 answers mfa_required, for the application to complete MFA through the MFA
// API (documented for the resource-owner grant and custom token exchange; mfactl applies it to every
// token-endpoint grant, decision); silent authentication ends with interaction_required.
func (l *login) mfaWithoutPage(why string) {
	if l.silent() && !l.pageless() {
		l.step("note", 0, 0, fmt.Sprintf("%s after the last Action, but the application asked for silent authentication (prompt=none): the login ends with interaction_required", why))
		l.fail(Failed, "f", "interaction_required: MFA is required during silent authentication (prompt=none)", nil)
		return
	}
	hint := "check event.transaction.protocol before requiring MFA"
	if l.protocol() == "oauth2-refresh-token" {
		hint = "return early when event.transaction.protocol is oauth2-refresh-token, or every refresh-token exchange of this user fails"
	}
	l.step("note", 0, 0, fmt.Sprintf("%s after the last Action, but transaction.protocol is %s: no MFA prompt can be shown, the token endpoint answers mfa_required; %s", why, l.protocol(), hint))
	l.log("mfar", "Multifactor authentication required", map[string]any{"protocol": l.protocol()})
	l.fail(Failed, "f", fmt.Sprintf("mfa_required: %s, but a %s flow cannot show an MFA prompt", why, l.protocol()), nil)
}
