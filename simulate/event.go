package simulate

import "time"

// defaultUser is the user of a scenario that names none (simulation.md §1).
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
		"identities": []any{map[string]any{
			"connection": "Username-Password-Authentication", "isSocial": false, "provider": "auth0", "user_id": "000000000000000000000001",
		}},
		"created_at": "2025-01-01T00:00:00.000Z",
		"updated_at": "2025-01-01T00:00:00.000Z",
	}
}

// defaultEvent is the fixed, realistic event every scenario starts from: no randomness, so runs are
// reproducible.
func defaultEvent(now time.Time) map[string]any {
	return map[string]any{
		"tenant":        map[string]any{"id": "example"},
		"client":        map[string]any{"client_id": "aBcDeFgHiJkLmNoPqRsTuVwXyZ012345", "name": "Example App", "metadata": map[string]any{}},
		"connection":    map[string]any{"id": "con_0000000000000001", "name": "Username-Password-Authentication", "strategy": "auth0", "metadata": map[string]any{}},
		"authorization": map[string]any{"roles": []any{}},
		"authentication": map[string]any{
			"methods": []any{map[string]any{"name": "pwd", "timestamp": isoTime(now)}},
		},
		"request": map[string]any{
			"ip": "203.0.113.10", "method": "GET", "hostname": "example.us.auth0.com", "language": "en",
			"user_agent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36",
			"query":      map[string]any{"client_id": "aBcDeFgHiJkLmNoPqRsTuVwXyZ012345", "response_type": "code", "scope": "openid profile email"},
			"body":       map[string]any{},
			"geoip": map[string]any{"cityName": "Berlin", "continentCode": "EU", "countryCode": "DE", "countryCode3": "DEU",
				"countryName": "Germany", "latitude": 52.52, "longitude": 13.405, "timeZone": "Europe/Berlin"},
		},
		"transaction": map[string]any{
			"id": "txn_0000000000000001", "locale": "en", "protocol": "oidc-basic-profile",
			"requested_scopes": []any{"openid", "profile", "email"}, "ui_locales": []any{}, "metadata": map[string]any{},
		},
		"session":          map[string]any{"id": "sess_0000000000000001"},
		"stats":            map[string]any{"logins_count": float64(1)},
		"secrets":          map[string]any{},
		"user":             defaultUser(),
		"security_context": map[string]any{},
	}
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
