package schema

import (
	"github.com/mfactl/mfactl/config"
)

// Tenant is the schema of the part of a Deploy CLI tenant.yaml that mfactl reads
// (config/sections.go). Every other top-level key of the Deploy CLI is allowed and left alone, as
// mfactl does. A value may be a whole @@KEY@@ or ##KEY## placeholder, which the Deploy CLI and
// mfactl replace before parsing.
func Tenant() *Schema {
	var others Props
	for _, k := range config.TopLevelKeys {
		switch k {
		case "tenant", "guardianFactors", "guardianPhoneFactorMessageTypes", "guardianPhoneFactorSelectedProvider",
			"guardianPolicies", "actions", "triggers":
			continue
		}
		others = append(others, p(k, &Schema{Description: "A Deploy CLI section mfactl does not manage; left alone."}))
	}
	s := openObject("An Auth0 Deploy CLI tenant.yaml. Only the MFA sections mfactl reads are described; the Deploy CLI's other sections are allowed.",
		append(Props{
			p("tenant", tenantSettings()),
			p("guardianFactors", kwNull(list(factor(), "The MFA factors and whether each is enabled."))),
			p("guardianPhoneFactorMessageTypes", kwNull(object("How the phone factor sends codes.",
				p("message_types", kwNull(list(kw(enum("", "sms", "voice")), "sms, voice or both: the methods phone offers."))),
			))),
			p("guardianPhoneFactorSelectedProvider", kwNull(object("The phone factor's provider.",
				p("provider", kw(enum("", "auth0", "phone-message-hook", "twilio")))))),
			p("guardianPolicies", kwNull(object("The MFA policy.",
				p("policies", kwNull(list(kw(enum("", "all-applications", "confidence-score")),
					"[] never (the Actions decide), [all-applications] always, [confidence-score] adaptive.")))))),
			p("actions", kwNull(list(action(), "The Actions; mfactl reads the post-login ones' code."))),
			p("triggers", kwNull(triggers())),
		}, others...)...)
	s.Schema, s.ID, s.Title = draft, URL("tenant"), "Auth0 Deploy CLI tenant.yaml (the MFA sections mfactl reads)"
	s.Defs = Props{p("keyword", &Schema{Type: "string", Pattern: "^(@@[A-Za-z0-9_]+@@|##[A-Za-z0-9_]+##)$",
		Description: "A Deploy CLI keyword placeholder, replaced from --keyword, a --keywords-file or AUTH0_KEYWORD_REPLACE_MAPPINGS before the file is read."})}
	return s
}

// kw lets a value be a keyword placeholder too.
func kw(x *Schema) *Schema {
	d := x.Description
	x.Description = ""
	return &Schema{Description: d, AnyOf: []*Schema{x, ref("keyword")}}
}

// kwNull lets a section or list be a keyword placeholder, or empty (null), which mfactl reads as
// absent.
func kwNull(x *Schema) *Schema {
	d := x.Description
	x.Description = ""
	return &Schema{Description: d, AnyOf: []*Schema{x, ref("keyword"), {Type: "null"}}}
}

func tenantSettings() *Schema {
	refused := func() *Schema {
		return &Schema{Description: "Refused by the Deploy CLI (\"Pages should be set separately\"): use the pages section.", Not: &Schema{}}
	}
	s := openObject("Tenant settings; mfactl reads the Customize-MFA toggle and the enrollment list flag.",
		p("customize_mfa_in_postlogin_action", kw(boolean("The \"Customize MFA Factors using Actions\" toggle: must be true for challengeWith and enrollWith to work. At this level, not under flags."))),
		p("flags", kwNull(openObject("Tenant flags.",
			p("mfa_show_factor_list_on_enrollment", kw(boolean("Show the list of factors on enrollment."))),
		))),
		p("change_password", refused()), p("error_page", refused()), p("guardian_mfa_page", refused()),
		p("guardian_multifactor", refused()), p("login", refused()), p("password_reset", refused()),
	)
	return kwNull(s)
}

func factor() *Schema {
	var names []string
	names = append(names, config.FactorNames...)
	f := object("One factor. The phone factor is named sms here (phone in Action code).",
		p("name", kw(enum("", names...))),
		p("enabled", kw(boolean("Whether the factor is enabled (absent: disabled)."))),
	)
	f.Required = []string{"name"}
	return kw(f)
}

func action() *Schema {
	triggerRef := object("",
		p("id", kw(enum("", config.TriggerIDs...))),
		p("version", kw(str("The trigger version; MFA commands need post-login v3."))),
		p("url", str("")),
	)
	dep := object("An npm package: the Deploy CLI's schema refuses other keys.",
		p("name", kw(str(""))), p("version", kw(str(""))), p("registry_url", kw(str(""))))
	secret := object("",
		p("name", kw(str(""))),
		p("value", nullable(str("The secret's value, usually a ##KEY## placeholder; never printed."))),
		p("updated_at", &Schema{}),
	)
	a := object("One Action.",
		p("name", kw(str("The Action's name; bindings refer to it."))),
		p("code", kw(str("The code file, relative to the folder of tenant.yaml, such as ./actions/mfa/code.js."))),
		p("runtime", kw(str("The Node.js runtime, such as node22."))),
		p("deployed", kw(boolean("Must be true for a bound Action to run."))),
		p("status", kw(str(""))),
		p("dependencies", kwNull(list(kw(dep), "The npm packages the code requires."))),
		p("secrets", kwNull(list(kw(secret), "The Action's secrets (event.secrets)."))),
		p("supported_triggers", kwNull(list(kw(triggerRef), "The triggers the Action runs on: [{id: post-login, version: v3}]."))),
		p("id", &Schema{Description: "Ignored by mfactl."}),
		p("modules", &Schema{Description: "Ignored by mfactl."}),
	)
	a.Required = []string{"name", "code", "supported_triggers"}
	return kw(a)
}

func triggers() *Schema {
	binding := object("One binding of the post-login flow.",
		p("action_name", kw(str("The Action's name."))),
		p("display_name", kw(str(""))),
	)
	binding.Required = []string{"action_name"}
	var props Props
	for _, id := range config.TriggerIDs {
		if id == "post-login" {
			props = append(props, p(id, kwNull(list(kw(binding), "The Login flow, top to bottom."))))
			continue
		}
		props = append(props, p(id, &Schema{Description: "Another trigger's bindings; left alone."}))
	}
	return object("The Actions bound to each trigger.", props...)
}
