package simulate

import (
	"crypto/md5"
	"encoding/hex"
	"net/url"
	"strings"
	"time"
)

// The post-login event (simulation.md §1 item 1). Field names and types follow Auth0's post-login
// event reference and the PostLoginV3Event type of auth0/auth0-actions (actions-semantics.md §1); the
// values are fixed, so runs are reproducible.

// Fixed identifiers the default event uses, so derived fields agree with each other.
const (
	defaultClientID  = "aBcDeFgHiJkLmNoPqRsTuVwXyZ012345"
	defaultHostname  = "example.us.auth0.com"
	defaultRedirect  = "https://app.example.com/callback"
	defaultState     = "c3RhdGUtMDAwMDAwMDAwMDAwMDAwMQ"
	defaultUserAgent = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36"
	defaultIP        = "203.0.113.10" // TEST-NET-3 (RFC 5737)
	defaultASN       = "AS64496"      // a documentation ASN (RFC 5398)
)

// defaultUser is the user of a scenario that names none: a database user who signed up with an
// email and a password, so no given_name or family_name. identities, picture and multifactor are
// derived from the final user (completeEvent, syncMultifactor).
func defaultUser() map[string]any {
	return map[string]any{
		"user_id":         "auth0|000000000000000000000001",
		"email":           "user@example.com",
		"email_verified":  false,
		"name":            "user@example.com",
		"nickname":        "user",
		"app_metadata":    map[string]any{},
		"user_metadata":   map[string]any{},
		"enrolledFactors": []any{},
		"created_at":      "2025-01-01T00:00:00.000Z",
		"updated_at":      "2025-01-01T00:00:00.000Z",
	}
}

// defaultEvent is the fixed, realistic event every scenario starts from: a password login to a web
// app through Universal Login (authorization code flow), from a browser in Berlin, in a fresh session.
// Optional fields Auth0 sends only in some logins (organization, resource_server, prompt,
// custom_domain, refresh_token, session_transfer_token, agent, authentication.riskAssessment) are
// absent; the scenario gives them.
func defaultEvent(now time.Time) map[string]any {
	at := isoTime(now)
	return map[string]any{
		"tenant":        map[string]any{"id": "example"},
		"client":        map[string]any{"client_id": defaultClientID, "name": "Example App", "metadata": map[string]any{}},
		"connection":    map[string]any{"id": "con_0000000000000001", "name": "Username-Password-Authentication", "strategy": "auth0", "metadata": map[string]any{}},
		"authorization": map[string]any{"roles": []any{}},
		"authentication": map[string]any{
			"methods": []any{map[string]any{"name": "pwd", "timestamp": at}},
		},
		"request": map[string]any{
			"ip": defaultIP, "asn": defaultASN, "method": "GET", "hostname": defaultHostname, "language": "en",
			"user_agent": defaultUserAgent,
			"query": map[string]any{
				"redirect_uri": defaultRedirect, "response_type": "code", "response_mode": "query",
				"scope": "openid profile email", "state": defaultState,
			},
			"body": map[string]any{},
			"geoip": map[string]any{"cityName": "Berlin", "continentCode": "EU", "countryCode": "DE", "countryCode3": "DEU",
				"countryName": "Germany", "latitude": 52.52, "longitude": 13.405, "subdivisionCode": "BE",
				"subdivisionName": "Berlin", "timeZone": "Europe/Berlin"},
		},
		"transaction": map[string]any{
			"id": "txn_0000000000000001", "locale": "en", "protocol": "oidc-basic-profile",
			"acr_values": []any{}, "prompt": []any{}, "ui_locales": []any{},
			"requested_scopes": []any{"openid", "profile", "email"},
			"redirect_uri":     defaultRedirect, "response_mode": "query", "response_type": []any{"code"},
			"state": defaultState, "metadata": map[string]any{},
		},
		// A session created by this login; Auth0 sends the timestamps, clients and device to
		// Enterprise tenants. expires_at and idle_expires_at depend on tenant settings mfactl does not
		// read, and metadata is absent until an Action sets it.
		"session": map[string]any{
			"id": "sess_0000000000000001", "created_at": at, "updated_at": at, "authenticated_at": at,
			"last_interacted_at": at, "cookie": map[string]any{"mode": "persistent"},
		},
		"stats":            map[string]any{"logins_count": float64(1)},
		"secrets":          map[string]any{},
		"configuration":    map[string]any{},
		"user":             defaultUser(),
		"security_context": map[string]any{},
	}
}

// completeEvent fills the fields Auth0 derives from others, where the defaults, the scenario's event
// and its user left them out: the user's identities and picture, the request's client_id, the
// session's user, clients and device, and event.refresh_token in a refresh-token exchange.
func completeEvent(e map[string]any, now time.Time) {
	user, _ := e["user"].(map[string]any)
	client, _ := e["client"].(map[string]any)
	conn, _ := e["connection"].(map[string]any)
	req, _ := e["request"].(map[string]any)
	clientID, _ := client["client_id"].(string)
	userID, _ := user["user_id"].(string)

	if user != nil {
		if _, ok := user["identities"]; !ok && userID != "" {
			user["identities"] = []any{identityOf(userID, conn)}
		}
		if _, ok := user["picture"]; !ok {
			if email, ok := user["email"].(string); ok && email != "" {
				user["picture"] = gravatar(email)
			}
		}
	}
	if q, ok := req["query"].(map[string]any); ok && clientID != "" {
		if _, ok := q["client_id"]; !ok {
			q["client_id"] = clientID
		}
	}
	session, _ := e["session"].(map[string]any)
	if session != nil {
		if _, ok := session["user_id"]; !ok && userID != "" {
			session["user_id"] = userID
		}
		if _, ok := session["clients"]; !ok && clientID != "" {
			session["clients"] = []any{map[string]any{"client_id": clientID}}
		}
		if _, ok := session["device"]; !ok && req != nil {
			session["device"] = deviceOf(req)
		}
	}
	if tx, ok := e["transaction"].(map[string]any); ok && tx["protocol"] == "oauth2-refresh-token" {
		if _, ok := e["refresh_token"]; !ok {
			rt := map[string]any{
				"id": "rt_0000000000000001", "client_id": clientID, "user_id": userID,
				"created_at": isoTime(now.Add(-24 * time.Hour)), "rotating": false,
				"resource_servers": []any{map[string]any{"audience": "https://" + hostnameOf(req) + "/userinfo", "scopes": "openid profile email offline_access"}},
			}
			if session != nil {
				rt["session_id"] = session["id"]
			}
			if req != nil {
				rt["device"] = deviceOf(req)
			}
			e["refresh_token"] = rt
		}
	}
}

// identityOf is the identity a user_id of the form provider|id stands for.
func identityOf(userID string, conn map[string]any) map[string]any {
	provider, id, found := strings.Cut(userID, "|")
	strategy, _ := conn["strategy"].(string)
	name, _ := conn["name"].(string)
	if !found {
		provider, id = strategy, userID
	}
	return map[string]any{
		"connection": name, "provider": provider, "user_id": id,
		// Social connections have strategy === name (post-login event reference).
		"isSocial": strategy != "" && strategy == name && strategy != "auth0",
	}
}

// gravatar is the picture Auth0 gives a user without one: the Gravatar of the email, falling back to
// an avatar with the email's first two letters.
func gravatar(email string) string {
	sum := md5.Sum([]byte(strings.ToLower(strings.TrimSpace(email))))
	initials := strings.ToLower(email)
	if r := []rune(initials); len(r) > 2 {
		initials = string(r[:2])
	}
	return "https://s.gravatar.com/avatar/" + hex.EncodeToString(sum[:]) + "?s=480&r=pg&d=" +
		url.QueryEscape("https://cdn.auth0.com/avatars/"+initials+".png")
}

func deviceOf(req map[string]any) map[string]any {
	d := map[string]any{}
	for _, k := range []string{"ip", "user_agent", "asn"} {
		if v, ok := req[k].(string); ok {
			d["initial_"+k] = v
			d["last_"+k] = v
		}
	}
	return d
}

func hostnameOf(req map[string]any) string {
	if h, ok := req["hostname"].(string); ok && h != "" {
		return h
	}
	return defaultHostname
}

// dependentFactors are the factors that do not make a user enrolled in MFA on their own (Enable MFA:
// "dependent factors"); Auth0 leaves user.multifactor empty when they are all a user has.
var dependentFactors = []string{"email", "webauthn-platform", "recovery-code"}

// multifactorOf is user.multifactor for a list of enrolled factors: ["guardian"] when one of them is
// an independent factor, [] otherwise (simulation.md §1 item 1).
func multifactorOf(factors any) []any {
	list, _ := factors.([]any)
	for _, f := range list {
		m, _ := f.(map[string]any)
		t, _ := m["type"].(string)
		if t != "" && !contains(dependentFactors, normalize(t)) {
			return []any{"guardian"}
		}
	}
	return []any{}
}

func isoTime(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000Z") }

// merge deep-merges over into base (maps merge key by key; anything else replaces) and returns base.
func merge(base, over map[string]any) map[string]any {
	if base == nil {
		base = map[string]any{}
	}
	for k, v := range over {
		if vm, ok := v.(map[string]any); ok {
			if bm, ok := base[k].(map[string]any); ok {
				base[k] = merge(bm, vm)
				continue
			}
			base[k] = merge(map[string]any{}, vm)
			continue
		}
		base[k] = clone(v)
	}
	return base
}

// clone deep-copies JSON data.
func clone(v any) any {
	switch v := v.(type) {
	case map[string]any:
		m := make(map[string]any, len(v))
		for k, e := range v {
			m[k] = clone(e)
		}
		return m
	case []any:
		s := make([]any, len(v))
		for i, e := range v {
			s[i] = clone(e)
		}
		return s
	}
	return v
}

func obj(m map[string]any, key string) map[string]any {
	if v, ok := m[key].(map[string]any); ok {
		return v
	}
	v := map[string]any{}
	m[key] = v
	return v
}

// BaseEvent is the event every scenario of f starts from: the default event with the file's
// defaults merged over it (before a scenario's own fields and the derived fields).
func BaseEvent(f *File) map[string]any {
	e := defaultEvent(f.Now)
	if f.Defaults != nil {
		merge(e, f.Defaults)
	}
	return e
}
