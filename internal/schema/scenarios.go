package schema

import (
	"github.com/mfactl/mfactl/simulate"
)

// Scenarios is the schema of scenarios.yaml: every key simulate's loader accepts
// (simulate/scenarios.go, http.go), the post-login event's documented field types
// (simulate/eventtypes.go) and the vocabulary of expect (simulate/result.go).
func Scenarios() *Schema {
	s := object("Sample logins for mfactl simulate (docs/simulation.md). A scenario with expect: is a test.",
		p("now", &Schema{Type: "string", Format: "date-time", Examples: []any{"2026-01-01T09:00:00Z"},
			Description: "The simulated clock's start (default 2026-01-01T00:00:00Z)."}),
		p("defaults", defaults()),
		p("explore", object("What mfactl explore checks (docs/explore.md); simulate ignores it.",
			p("dimensions", &Schema{Type: "object", AdditionalProperties: &Schema{Type: "array"},
				Description: "Event paths (or roles) and the values explore gives them besides their default, replacing the values it derives from the code, or adding a path the code does not test."}),
			p("properties", list(ref("property"), "Properties every explored login must have; given, they replace the default failing classes (locked-out, never-challenged).")))),
		p("modules", &Schema{Type: "object", AdditionalProperties: ref("module"),
			Description: "Mocks of the npm modules the Actions require, by module name; they win over node_modules."}),
		p("node_modules", &Schema{Type: "string", Examples: []any{"./actions/node_modules"},
			Description: "A node_modules folder, relative to the scenarios file and inside the folder of tenant.yaml, that the Actions' installed pure-JavaScript dependencies load from."}),
		p("scenarios", list(ref("scenario"), "The sample logins, run in order.")),
	)
	s.Schema, s.ID, s.Title = draft, URL("scenarios"), "mfactl scenarios file"
	s.Required = []string{"scenarios"}
	s.Defs = Props{
		p("scenario", scenario()),
		p("answer", answer()),
		p("httpStub", httpStub()),
		p("module", module()),
		p("property", property()),
		p("expect", expect()),
		p("event", event()),
		p("user", eventUser()),
	}
	return s
}

func defaults() *Schema {
	d := event()
	d.Description = "Deep-merged under every scenario's event (client, connection, request, …); http: here answers every scenario's requests after the scenario's own."
	d.Properties = append(Props{p("http", list(ref("httpStub"), "Stubs tried after a scenario's own http: entries."))}, d.Properties...)
	return d
}

func property() *Schema {
	factors := simulate.ChallengeTypes()
	s := object("A property of mfactl explore: one of no, never, challengedWith, for the logins when: matches.",
		p("when", &Schema{Type: "object", Examples: []any{map[string]any{"roles": []any{"admin"}}, map[string]any{"client": map[string]any{"client_id": "abc"}}},
			Description: "The logins the property is about: a subset of the event (a list matches a list holding its items; null matches an absent field), with roles: for event.authorization.roles. Default: every login."}),
		p("no", enum("No login is in this class.", simulate.ExploreClasses...)),
		p("never", enum("challenged: no MFA prompt (challenge or enrollment) is shown.", "challenged")),
		p("challengedWith", list(enum("", factors...), "A challenge is completed with one of these factors.")),
	)
	s.OneOf = []*Schema{{Required: []string{"no"}}, {Required: []string{"never"}}, {Required: []string{"challengedWith"}}}
	return s
}

func scenario() *Schema {
	s := object("One sample login.",
		p("name", &Schema{Type: "string", Description: "The scenario's name, unique in the file; --run matches it."}),
		p("user", ref("user")),
		p("roles", list(str(""), "event.authorization.roles.")),
		p("event", ref("event")),
		p("browser", object("What the user's browser supports.",
			p("webauthn", &Schema{Type: "boolean", Default: true, Description: "Whether the browser supports WebAuthn (default true); without it WebAuthn factors are not offered."}))),
		p("answers", list(ref("answer"), "What the user does at each prompt, in order. Without answers the user completes the first factor offered, successfully.")),
		p("continue", object("What comes back to /continue after api.redirect.sendUserTo.",
			p("query", &Schema{Type: "object", Description: "The query parameters of /continue."}),
			p("body", &Schema{Type: "object", Description: "The form body posted to /continue."}))),
		p("rememberedBrowser", boolean("The browser is remembered: policy MFA that allows remembering the browser is skipped.")),
		p("http", list(ref("httpStub"), "Stubs that answer the Actions' outbound requests (fetch, axios, node-fetch), tried before the defaults' entries; the first that matches answers.")),
		p("expect", ref("expect")),
	)
	s.Required = []string{"name"}
	return s
}

func answer() *Schema {
	mfa := object("An answer at an MFA prompt.",
		p("factor", &Schema{Type: "string", Description: "The factor the user picks, as Action code names it.",
			Examples: []any{"otp", "phone", "push-notification", "email", "webauthn-roaming", "webauthn-platform", "recovery-code"}}),
		p("result", &Schema{Type: "string", Enum: []any{"success", "failure", "rejected"}, Default: "success",
			Description: "success (default), failure (a wrong code) or rejected (a push notification the user rejects)."}),
		p("method", enum("For phone: the method the user chooses.", "sms", "voice")),
	)
	form := object("An answer to a form that api.prompt.render showed.",
		p("form", &Schema{Type: "object", Description: "The fields the user submits, by name."}))
	form.Required = []string{"form"}
	return &Schema{Description: "What the user does at one prompt: an MFA answer or a form.", OneOf: []*Schema{mfa, form}}
}

func httpStub() *Schema {
	methods := []any{}
	for _, m := range []string{"DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"} {
		methods = append(methods, m)
	}
	for _, m := range []string{"delete", "get", "head", "options", "patch", "post", "put"} {
		methods = append(methods, m)
	}
	s := object("One http: entry: the answer to the requests it matches.",
		p("method", &Schema{Type: "string", Enum: methods, Description: "The request method; any method when absent."}),
		p("url", &Schema{Type: "string", Pattern: "^[Hh][Tt][Tt][Pp][Ss]?://[^*#\\s]+\\*?$",
			Examples:    []any{"https://risk.example.com/v1/score", "https://api.example.com/v1/*"},
			Description: "The absolute http: or https: URL the Action requests, query string included; ending in * it matches every URL that starts with the rest."}),
		p("status", &Schema{Type: "integer", Minimum: float(200), Maximum: float(599), Default: 200, Description: "The answer's status (default 200)."}),
		p("headers", &Schema{Type: "object", AdditionalProperties: &Schema{Type: []string{"string", "number", "boolean"}},
			Description: "The answer's headers, by name."}),
		p("body", &Schema{Type: []string{"object", "array", "string", "number", "boolean", "null"},
			Description: "The answer's body: a mapping or a list is sent as JSON, text as text/plain."}),
	)
	s.Required = []string{"url"}
	return s
}

func module() *Schema {
	value := object("", p("value", &Schema{Description: "The module's exports, as data."}), p("source", str("")))
	value.Required = []string{"value"}
	src := object("", p("source", str("JavaScript that sets module.exports.")), p("value", &Schema{}))
	src.Required = []string{"source"}
	return &Schema{Type: "object", Description: "A mock module: {value: <data>} or {source: <JavaScript that sets module.exports>}.",
		AnyOf: []*Schema{value, src}}
}

// expect is the subset of the JSON result (simulate --format json) a scenario expects.
func expect() *Schema {
	prompt := object("One screen the user saw.",
		p("action", str("The Action that asked for it.")),
		p("command", str("The api call, such as challengeWithAny or render.")),
		p("kind", enum("", "challenge", "enroll", "form")),
		p("screen", enum("picker: a list to choose from; factor: one factor's screen; form: a form.", "picker", "factor", "form")),
		p("factors", list(str(""), "The factors offered, in order.")),
		p("default", str("The factor shown first on a factor screen.")),
		p("chosen", str("The factor the user used.")),
		p("method", enum("For phone.", "sms", "voice")),
		p("result", enum("", "success", "failure", "rejected", "submitted")),
		p("form", str("The form's id (kind form).")),
		p("fields", &Schema{Type: "object", Description: "The fields submitted (kind form)."}),
	)
	log := object("One tenant log event.",
		p("type", &Schema{Type: "string", Description: "The log event type.", Examples: []any{"s", "f", "w", "mfar", "gd_start_auth", "gd_auth_succeed", "gd_enrollment_complete"}}),
		p("description", str("")),
		p("date", str("")),
		p("client_id", str("")),
		p("user_id", str("")),
		p("details", &Schema{Type: "object"}),
	)
	action := object("One run of an Action's handler.",
		p("name", str("")),
		p("handler", enum("", "onExecutePostLogin", "onContinuePostLogin")),
		p("calls", list(object("", p("method", str("The api method, such as authentication.challengeWith.")), p("args", &Schema{Type: "array"})), "")),
		p("console", list(str(""), "What the Action logged.")),
		p("error", str("")),
		p("location", str("")),
		p("hint", str("")),
		p("note", str("")),
	)
	request := object("One outbound request an Action made.",
		p("method", str("")), p("url", str("")), p("status", &Schema{Type: "integer"}), p("action", str("")))
	return object("Makes the scenario a test: any subset of its JSON result. Listed keys must be equal; a list of N items matches the first N results (all of them with exact: true).",
		p("outcome", enum("How the login ended.", simulate.Success, simulate.Denied, simulate.Failed)),
		p("error", str("The login's or the scenario's error.")),
		p("prompts", list(prompt, "The screens the user saw, in order.")),
		p("logs", list(log, "The tenant log events, in order.")),
		p("actions", list(action, "The Actions that ran, in order.")),
		p("requests", list(request, "The outbound requests, in order.")),
		p("user", &Schema{Type: "object", Description: "The user after the login (metadata the Actions set, enrolled factors)."}),
		p("name", str("The scenario's name.")),
		p("exact", boolean("Lists must match in length too.")),
	)
}
