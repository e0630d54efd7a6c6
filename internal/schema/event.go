package schema

// The post-login event's documented field types, as simulate/eventtypes.go checks them when the
// scenarios file is read (TestEventTypesAgree makes sure the loader refuses each type given here).
// Events and users may carry other fields: Auth0 allows additional attributes. An optional field may
// be null (the Action then sees it undefined); strings take YAML times too.

func text() *Schema                { return &Schema{Type: "string"} }
func number() *Schema              { return &Schema{Type: "number"} }
func yesNo() *Schema               { return &Schema{Type: "boolean"} }
func free() *Schema                { return &Schema{Type: "object"} }
func of(props ...Prop) *Schema     { return &Schema{Type: "object", Properties: props} }
func valuesOf(v *Schema) *Schema   { return &Schema{Type: "object", AdditionalProperties: v} }
func listOf(items *Schema) *Schema { return &Schema{Type: "array", Items: items} }
func opt(x *Schema) *Schema        { return nullable(x) }

func geoip() *Schema {
	return of(p("cityName", opt(text())), p("continentCode", opt(text())), p("countryCode", opt(text())),
		p("countryCode3", opt(text())), p("countryName", opt(text())), p("latitude", opt(number())),
		p("longitude", opt(number())), p("subdivisionCode", opt(text())), p("subdivisionName", opt(text())),
		p("timeZone", opt(text())))
}

func device() *Schema {
	return opt(of(p("initial_asn", opt(text())), p("initial_ip", opt(text())), p("initial_user_agent", opt(text())),
		p("last_asn", opt(text())), p("last_ip", opt(text())), p("last_user_agent", opt(text()))))
}

// event is the post-login event (what a scenario's event: is merged into).
func event() *Schema {
	e := of(
		p("user", ref("user")),
		p("client", of(p("client_id", text()), p("name", text()), p("metadata", valuesOf(text())),
			p("refresh_token", opt(of(p("policies", opt(listOf(of(p("audience", opt(text())), p("scope", opt(listOf(text())))))))))))),
		p("connection", of(p("id", text()), p("name", text()), p("strategy", text()), p("metadata", opt(valuesOf(text()))))),
		p("request", of(p("asn", opt(text())), p("body", free()), p("geoip", geoip()), p("hostname", opt(text())),
			p("ip", text()), p("language", opt(text())), p("method", text()), p("query", free()), p("user_agent", opt(text())))),
		p("organization", opt(of(p("id", text()), p("name", text()), p("display_name", text()), p("metadata", valuesOf(text()))))),
		p("transaction", opt(of(p("id", opt(text())), p("acr_values", opt(listOf(text()))), p("linking_id", opt(text())),
			p("locale", opt(text())), p("login_hint", opt(text())), p("prompt", opt(listOf(text()))),
			p("protocol", opt(text())), p("redirect_uri", opt(text())),
			p("requested_authorization_details", opt(listOf(of(p("type", text()))))),
			p("requested_scopes", opt(listOf(text()))), p("response_mode", opt(text())),
			p("response_type", opt(listOf(text()))), p("state", opt(text())), p("ui_locales", opt(listOf(text()))),
			p("actor", opt(free())), p("actor_token_type", opt(text())), p("correlation_id", opt(text())),
			p("subject_token_type", opt(text())),
			p("metadata", valuesOf(&Schema{Type: []string{"string", "number", "boolean"}}))))),
		p("authentication", opt(of(
			p("methods", listOf(of(p("name", text()), p("timestamp", text()), p("type", opt(text()))))),
			p("riskAssessment", opt(of(p("confidence", text()), p("version", text()), p("assessments", free()), p("supplemental", opt(free()))))),
		))),
		p("authorization", opt(of(p("roles", listOf(text()))))),
		p("stats", of(p("logins_count", number()))),
		p("tenant", of(p("id", text()))),
		p("secrets", valuesOf(text())),
		p("configuration", free()),
		p("session", opt(of(p("id", text()), p("actor", opt(free())), p("authenticated_at", opt(text())),
			p("clients", opt(listOf(of(p("client_id", text()))))),
			p("cookie", opt(of(p("mode", text())))), p("created_at", opt(text())), p("device", device()),
			p("expires_at", opt(text())), p("idle_expires_at", opt(text())), p("last_interacted_at", opt(text())),
			p("metadata", opt(free())), p("session_transfer", opt(free())),
			p("updated_at", opt(text())), p("user_id", opt(text()))))),
		p("refresh_token", opt(of(p("id", text()), p("client_id", opt(text())), p("created_at", text()), p("device", device()),
			p("expires_at", opt(text())), p("idle_expires_at", opt(text())), p("last_exchanged_at", opt(text())),
			p("metadata", opt(free())), p("rotating", opt(yesNo())), p("session_id", opt(text())),
			p("user_id", opt(text())), p("session_transfer", opt(free())),
			p("resource_servers", opt(listOf(of(p("audience", text()), p("scopes", text())))))))),
		p("prompt", opt(of(p("id", text()), p("fields", opt(free())), p("vars", opt(free()))))),
		p("resource_server", opt(of(p("identifier", text())))),
		p("custom_domain", opt(of(p("domain", text()), p("domain_metadata", valuesOf(text()))))),
		p("security_context", opt(of(p("ja3", opt(text())), p("ja4", opt(text()))))),
		p("session_transfer_token", opt(of(p("client_id", text()), p("scope", listOf(text())),
			p("request", of(p("ip", text()), p("asn", opt(text())), p("user_agent", opt(text())), p("geoip", opt(geoip()))))))),
		p("agent", opt(of(p("agent_id", text()), p("name", text()), p("agent_metadata", opt(free()))))),
	)
	e.Description = "Fields of the post-login event, merged over the defaults and mfactl's default event."
	return e
}

// eventUser is event.user (a scenario's user:, merged over the default user).
func eventUser() *Schema {
	u := of(
		p("user_id", text()), p("email", opt(text())), p("email_verified", yesNo()),
		p("enrolledFactors", opt(listOf(of(
			p("type", &Schema{Type: "string", Examples: []any{"otp", "phone", "push-notification", "email", "webauthn-roaming", "webauthn-platform", "recovery-code"}}),
			p("options", opt(free())))))),
		p("app_metadata", free()), p("user_metadata", free()),
		p("multifactor", opt(listOf(text()))),
		p("created_at", text()), p("updated_at", text()),
		p("family_name", opt(text())), p("given_name", opt(text())), p("last_password_reset", opt(text())),
		p("name", opt(text())), p("nickname", opt(text())), p("phone_number", opt(text())), p("phone_verified", opt(yesNo())),
		p("picture", opt(text())), p("username", opt(text())),
		p("identities", listOf(of(p("connection", opt(text())), p("isSocial", opt(yesNo())), p("profileData", opt(free())),
			p("provider", opt(text())), p("user_id", opt(text()))))),
	)
	u.Description = "event.user, merged over mfactl's default user. enrolledFactors are the user's factors, such as [{type: otp}]."
	return u
}
