package config

import (
	"fmt"
	"sort"
	"strings"

	"go.yaml.in/yaml/v4"

	"github.com/mfactl/mfactl/findings"
)

// FactorNames are the guardianFactors names the Deploy CLI's schema accepts.
var FactorNames = []string{"duo", "email", "otp", "push-notification", "recovery-code", "sms", "webauthn-platform", "webauthn-roaming"}

// TopLevelKeys are the top-level keys the Deploy CLI 8.x accepts in tenant.yaml; its root schema
// (additionalProperties: false) refuses any other. This is the only list of them in mfactl.
//
// Source: auth0/auth0-deploy-cli at a00a05540b63d56a08fbda276cb05d8ec162c834 (8.43.0), the keys of
// yamlHandlers in src/context/yaml/handlers/index.ts (the same as AssetTypes in src/types.ts), plus
// exclude and include from src/tools/auth0/schema.ts. Not listed: clientAuthCredentialsPre, a
// deploy-only pass registered in src/tools/auth0/handlers/index.ts that no YAML handler reads, and
// migrations, whose handler 8.0.0 removed.
var TopLevelKeys = []string{
	"actionModules", "actions", "attackProtection", "branding", "clientAuthCredentials", "clientGrants", "clients",
	"connectionProfiles", "connections", "customDomains", "databases", "emailProvider", "emailTemplates", "eventStreams",
	"exclude", "flowVaultConnections", "flows", "forms", "guardianFactorProviders", "guardianFactorTemplates",
	"guardianFactors", "guardianPhoneFactorMessageTypes", "guardianPhoneFactorSelectedProvider", "guardianPolicies",
	"hooks", "include", "logStreams", "networkACLs", "organizations", "pages", "phoneProviders", "phoneTemplates",
	"prompts", "rateLimitPolicies", "resourceServers", "riskAssessment", "roles", "rules", "rulesConfigs",
	"selfServiceProfiles", "supplementalSignals", "tenant", "themes", "tokenExchangeProfiles", "triggers",
	"userAttributeProfiles",
}

// TriggerIDs are the Actions triggers the Deploy CLI knows.
var TriggerIDs = []string{"credentials-exchange", "custom-token-exchange", "login-post-identifier", "password-reset-post-challenge",
	"post-change-password", "post-login", "post-user-registration", "pre-user-registration", "send-phone-message", "signup-post-identifier"}

// tenantPageKeys are tenant keys the Deploy CLI refuses ("Pages should be set separately").
var tenantPageKeys = []string{"change_password", "error_page", "guardian_mfa_page", "guardian_multifactor", "login", "password_reset"}

func (l *loader) root(root *yaml.Node) {
	for _, p := range l.pairs(root) {
		k, v := p.key, p.value
		switch k.Value {
		case "tenant":
			l.tenant(k, v)
		case "guardianFactors":
			l.factors(k, v)
		case "guardianPhoneFactorMessageTypes":
			l.messageTypes(k, v)
		case "guardianPhoneFactorSelectedProvider":
			l.phoneProvider(k, v)
		case "guardianPolicies":
			l.policies(k, v)
		case "actions":
			l.actions(k, v)
		case "triggers":
			l.triggers(k, v)
		default:
			if contains(TriggerIDs, k.Value) {
				l.t.Stray = append(l.t.Stray, String{Value: k.Value, Span: l.span(k), Set: true})
			}
			if !contains(TopLevelKeys, k.Value) && !unknown(k) {
				hint := Suggest(k.Value, TopLevelKeys)
				if contains(TriggerIDs, k.Value) {
					hint = "; it is a trigger id: indent it under triggers:"
				}
				l.report(l.span(k), findings.Warning, RuleUnknownKey,
					"unknown top-level key %q; the Deploy CLI refuses keys outside its schema%s", k.Value, hint)
			}
			// Keys mfactl does not manage (clients, connections, …) are left alone.
			l.t.Unmanaged = append(l.t.Unmanaged, k.Value)
		}
	}
}

func (l *loader) tenant(k, v *yaml.Node) {
	s := &Settings{Key: l.span(k)}
	l.t.Settings = s
	if isNull(v) || !l.expectMapping(v, "tenant", findings.Error) {
		s.Unknown = l.unknownValue(v)
		return
	}
	for _, p := range l.pairs(resolve(v)) {
		switch {
		case p.key.Value == "customize_mfa_in_postlogin_action":
			s.CustomizeMFA = l.boolean(p.value, "tenant.customize_mfa_in_postlogin_action", findings.Error)
		case p.key.Value == "flags":
			l.tenantFlags(s, p.value)
		case contains(tenantPageKeys, p.key.Value):
			l.report(l.span(p.key), findings.Error, RuleUnknownKey,
				"tenant.%s is refused by the Deploy CLI (\"Pages should be set separately\"); use the pages section", p.key.Value)
		default:
			l.t.Unmanaged = append(l.t.Unmanaged, "tenant."+p.key.Value)
		}
	}
}

func (l *loader) tenantFlags(s *Settings, v *yaml.Node) {
	if isNull(v) || !l.expectMapping(v, "tenant.flags", findings.Error) {
		return
	}
	for _, p := range l.pairs(resolve(v)) {
		switch p.key.Value {
		case "mfa_show_factor_list_on_enrollment":
			s.ShowFactorListOnEnrollment = l.boolean(p.value, "tenant.flags.mfa_show_factor_list_on_enrollment", findings.Error)
		case "customize_mfa_in_postlogin_action":
			s.MisplacedCustomizeMFA = String{Value: resolve(p.value).Value, Span: l.span(p.key), Set: true}
		default:
			l.t.Unmanaged = append(l.t.Unmanaged, "tenant.flags."+p.key.Value)
		}
	}
}

func (l *loader) factors(k, v *yaml.Node) {
	fs := &Factors{Key: l.span(k)}
	l.t.Factors = fs
	if isNull(v) || !l.expectSequence(v, "guardianFactors", findings.Error) {
		fs.Unknown = l.unknownValue(v)
		return
	}
	for _, item := range resolve(v).Content {
		l.factor(fs, resolve(item))
	}
}

// factor reads one guardianFactors item.
func (l *loader) factor(fs *Factors, item *yaml.Node) {
	if !l.expectMapping(item, "a guardianFactors item", findings.Error) {
		fs.Unknown = fs.Unknown || l.unknownValue(item)
		return
	}
	f := &Factor{Span: l.span(item)}
	for _, p := range l.pairs(item) {
		switch p.key.Value {
		case "name":
			f.Name = l.str(p.value, "guardianFactors name", findings.Error)
			fs.Unknown = fs.Unknown || f.Name.Unknown
			if f.Name.Set && !f.Name.Unknown && !contains(FactorNames, f.Name.Value) {
				hint := Suggest(f.Name.Value, FactorNames)
				switch f.Name.Value {
				case "phone":
					hint = `; the phone factor is named "sms" in guardianFactors (and "phone" in Action code)`
				case "push":
					hint = `; did you mean "push-notification"?`
				}
				l.report(f.Name.Span, findings.Error, "unknown-factor",
					"unknown MFA factor %q; expected one of %s%s", f.Name.Value, quoteList(FactorNames), hint)
			}
		case "enabled":
			f.Enabled = l.boolean(p.value, "guardianFactors enabled", findings.Warning)
		default:
			// The Deploy CLI's schema lets any other property through, so a misspelt key is silently
			// sent to the API: exactly what mfactl is here to catch.
			l.unknownKey(p.key, "a guardianFactors item", []string{"enabled", "name"}, findings.Warning,
				"; the Deploy CLI accepts it silently")
		}
	}
	if !f.Name.Set {
		l.report(f.Span, findings.Error, RuleWrongType, "guardianFactors item has no name; the Deploy CLI requires one")
	} else if !f.Enabled.Set && !hasKey(item, "enabled") {
		l.report(f.Name.Span, findings.Warning, RuleWrongType, "guardianFactors item %q has no enabled: true or false; it is treated as disabled", f.Name.Value)
	}
	fs.Items = append(fs.Items, f)
}

func hasKey(m *yaml.Node, key string) bool {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if resolve(m.Content[i]).Value == key {
			return true
		}
	}
	return false
}

func (l *loader) messageTypes(k, v *yaml.Node) {
	mt := &MessageTypes{Key: l.span(k)}
	l.t.MessageTypes = mt
	if isNull(v) || !l.expectMapping(v, "guardianPhoneFactorMessageTypes", findings.Error) {
		mt.Unknown = l.unknownValue(v)
		return
	}
	for _, p := range l.pairs(resolve(v)) {
		switch p.key.Value {
		case "message_types":
			if isNull(p.value) || !l.expectSequence(p.value, "guardianPhoneFactorMessageTypes.message_types", findings.Error) {
				mt.Unknown = mt.Unknown || l.unknownValue(p.value)
				continue
			}
			for _, item := range resolve(p.value).Content {
				t := l.oneOf(item, "message type", []string{"sms", "voice"}, findings.Error)
				mt.Unknown = mt.Unknown || t.Unknown
				mt.Types = append(mt.Types, t)
			}
		default:
			l.unknownKey(p.key, "guardianPhoneFactorMessageTypes", []string{"message_types"}, findings.Error,
				"; the Deploy CLI's schema refuses it")
		}
	}
}

func (l *loader) phoneProvider(k, v *yaml.Node) {
	pp := &PhoneProvider{Key: l.span(k)}
	l.t.PhoneProvider = pp
	if isNull(v) || !l.expectMapping(v, "guardianPhoneFactorSelectedProvider", findings.Error) {
		return
	}
	for _, p := range l.pairs(resolve(v)) {
		switch p.key.Value {
		case "provider":
			pp.Provider = l.oneOf(p.value, "provider", []string{"auth0", "phone-message-hook", "twilio"}, findings.Error)
		default:
			l.unknownKey(p.key, "guardianPhoneFactorSelectedProvider", []string{"provider"}, findings.Error,
				"; the Deploy CLI's schema refuses it")
		}
	}
}

func (l *loader) policies(k, v *yaml.Node) {
	pol := &Policies{Key: l.span(k)}
	l.t.Policies = pol
	if isNull(v) || !l.expectMapping(v, "guardianPolicies", findings.Error) {
		pol.Unknown = l.unknownValue(v)
		return
	}
	for _, p := range l.pairs(resolve(v)) {
		switch p.key.Value {
		case "policies":
			if isNull(p.value) || !l.expectSequence(p.value, "guardianPolicies.policies", findings.Error) {
				pol.Unknown = pol.Unknown || l.unknownValue(p.value)
				continue
			}
			for _, item := range resolve(p.value).Content {
				s := l.oneOf(item, "policy", []string{"all-applications", "confidence-score"}, findings.Error)
				pol.Unknown = pol.Unknown || s.Unknown
				pol.Policies = append(pol.Policies, s)
			}
		default:
			l.unknownKey(p.key, "guardianPolicies", []string{"policies"}, findings.Error, "; the Deploy CLI's schema refuses it")
		}
	}
}

var actionKeys = []string{"code", "dependencies", "deployed", "id", "modules", "name", "runtime", "secrets", "status", "supported_triggers"}

func (l *loader) actions(k, v *yaml.Node) {
	l.t.ActionsKey = String{Value: k.Value, Span: l.span(k), Set: true}
	if isNull(v) || !l.expectSequence(v, "actions", findings.Error) {
		l.t.ActionsUnknown = l.unknownValue(v)
		return
	}
	for _, item := range resolve(v).Content {
		l.action(resolve(item))
	}
}

// action reads one actions item and its code.
func (l *loader) action(item *yaml.Node) {
	if !l.expectMapping(item, "an actions item", findings.Error) {
		l.t.ActionsUnknown = l.t.ActionsUnknown || l.unknownValue(item)
		return
	}
	a := &Action{Span: l.span(item)}
	for _, p := range l.pairs(item) {
		switch p.key.Value {
		case "name":
			a.Name = l.str(p.value, "action name", findings.Error)
		case "code":
			a.Code = l.str(p.value, "action code", findings.Error)
		case "runtime":
			a.Runtime = l.str(p.value, "action runtime", findings.Error)
		case "deployed":
			a.Deployed = l.boolean(p.value, "action deployed", findings.Error)
		case "status":
			a.Status = l.str(p.value, "action status", findings.Error)
		case "dependencies":
			a.Dependencies = l.dependencies(p.value)
		case "secrets":
			a.Secrets = l.secrets(p.value)
		case "supported_triggers":
			a.SupportedTriggers, a.TriggersUnknown = l.supportedTriggers(p.value)
		case "id", "modules":
		default:
			if contains(TriggerIDs, p.key.Value) {
				l.t.Stray = append(l.t.Stray, String{Value: p.key.Value, Span: l.span(p.key), Set: true})
			}
			l.unknownKey(p.key, "an actions item", actionKeys, findings.Warning, "; the Deploy CLI sends it to the API as is")
		}
	}
	for _, req := range []struct {
		set  bool
		name string
	}{{a.Name.Set || hasKey(item, "name"), "name"}, {a.Code.Set || hasKey(item, "code"), "code"}, {len(a.SupportedTriggers) > 0 || hasKey(item, "supported_triggers"), "supported_triggers"}} {
		if !req.set {
			l.report(a.Span, findings.Error, RuleWrongType, "actions item%s has no %s; the Deploy CLI requires name, code and supported_triggers", nameSuffix(a), req.name)
		}
	}
	l.loadCode(a)
	l.t.Actions = append(l.t.Actions, a)
}

func nameSuffix(a *Action) string {
	if a.Name.Set {
		return fmt.Sprintf(" %q", a.Name.Value)
	}
	return ""
}

func (l *loader) dependencies(v *yaml.Node) []Dependency {
	if isNull(v) || !l.expectSequence(v, "action dependencies", findings.Error) {
		return nil
	}
	var out []Dependency
	for _, item := range resolve(v).Content {
		item = resolve(item)
		if !l.expectMapping(item, "a dependencies item", findings.Error) {
			continue
		}
		d := Dependency{Span: l.span(item)}
		for _, p := range l.pairs(item) {
			switch p.key.Value {
			case "name":
				d.Name = l.str(p.value, "dependency name", findings.Error)
			case "version":
				d.Version = l.str(p.value, "dependency version", findings.Error)
			case "registry_url":
				l.str(p.value, "dependency registry_url", findings.Error)
			default:
				l.unknownKey(p.key, "a dependencies item", []string{"name", "registry_url", "version"}, findings.Error,
					"; the Deploy CLI's schema refuses it")
			}
		}
		out = append(out, d)
	}
	return out
}

func (l *loader) secrets(v *yaml.Node) []Secret {
	if isNull(v) || !l.expectSequence(v, "action secrets", findings.Error) {
		return nil
	}
	var out []Secret
	for _, item := range resolve(v).Content {
		item = resolve(item)
		if !l.expectMapping(item, "a secrets item", findings.Error) {
			continue
		}
		s := Secret{Span: l.span(item)}
		for _, p := range l.pairs(item) {
			switch p.key.Value {
			case "name":
				s.Name = l.str(p.value, "secret name", findings.Error)
			case "value":
				if isNull(p.value) {
					s.Value = String{Span: l.span(p.value), Set: true}
					continue
				}
				s.Value = l.str(p.value, "secret value", findings.Error)
			case "updated_at":
			default:
				l.unknownKey(p.key, "a secrets item", []string{"name", "updated_at", "value"}, findings.Warning, "")
			}
		}
		out = append(out, s)
	}
	return out
}

func (l *loader) supportedTriggers(v *yaml.Node) (out []TriggerRef, unknownIDs bool) {
	if isNull(v) || !l.expectSequence(v, "action supported_triggers", findings.Error) {
		return nil, l.unknownValue(v)
	}
	for _, item := range resolve(v).Content {
		item = resolve(item)
		if !l.expectMapping(item, "a supported_triggers item", findings.Error) {
			unknownIDs = unknownIDs || l.unknownValue(item)
			continue
		}
		t := TriggerRef{Span: l.span(item)}
		for _, p := range l.pairs(item) {
			switch p.key.Value {
			case "id":
				t.ID = l.str(p.value, "trigger id", findings.Error)
				unknownIDs = unknownIDs || t.ID.Unknown
			case "version":
				t.Version = l.str(p.value, "trigger version", findings.Error)
			case "url":
			default:
				l.unknownKey(p.key, "a supported_triggers item", []string{"id", "url", "version"}, findings.Warning, "")
			}
		}
		out = append(out, t)
	}
	return out, unknownIDs
}

func (l *loader) triggers(k, v *yaml.Node) {
	l.t.TriggersKey = String{Value: k.Value, Span: l.span(k), Set: true}
	if isNull(v) || !l.expectMapping(v, "triggers", findings.Error) {
		l.t.BindingsUnknown = l.unknownValue(v)
		return
	}
	for _, p := range l.pairs(resolve(v)) {
		l.t.TriggerKeys = append(l.t.TriggerKeys, String{Value: p.key.Value, Span: l.span(p.key), Set: true, Unknown: l.unknownValue(p.key)})
		if l.unknownValue(p.key) {
			l.t.BindingsUnknown = true
			continue
		}
		if !contains(TriggerIDs, p.key.Value) {
			l.report(l.span(p.key), findings.Warning, RuleUnknownKey, "unknown trigger %q; expected one of %s%s",
				p.key.Value, quoteList(TriggerIDs), Suggest(p.key.Value, TriggerIDs))
			continue
		}
		if p.key.Value != "post-login" {
			l.t.Unmanaged = append(l.t.Unmanaged, "triggers."+p.key.Value)
			continue
		}
		l.t.PostLoginKey = String{Value: p.key.Value, Span: l.span(p.key), Set: true}
		if isNull(p.value) || !l.expectSequence(p.value, "triggers.post-login", findings.Error) {
			l.t.BindingsUnknown = l.t.BindingsUnknown || l.unknownValue(p.value)
			continue
		}
		for _, item := range resolve(p.value).Content {
			item = resolve(item)
			if !l.expectMapping(item, "a post-login binding", findings.Error) {
				l.t.BindingsUnknown = l.t.BindingsUnknown || l.unknownValue(item)
				continue
			}
			b := &Binding{Span: l.span(item)}
			for _, bp := range l.pairs(item) {
				switch bp.key.Value {
				case "action_name":
					b.ActionName = l.str(bp.value, "action_name", findings.Error)
					l.t.BindingsUnknown = l.t.BindingsUnknown || b.ActionName.Unknown
				case "display_name":
					b.DisplayName = l.str(bp.value, "display_name", findings.Error)
				default:
					l.unknownKey(bp.key, "a post-login binding", []string{"action_name", "display_name"}, findings.Warning,
						"; bindings refer to Actions by action_name")
				}
			}
			if !b.ActionName.Set {
				l.report(b.Span, findings.Error, RuleWrongType, "post-login binding has no action_name")
			}
			l.t.PostLogin = append(l.t.PostLogin, b)
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func quoteList(list []string) string {
	sorted := append([]string(nil), list...)
	sort.Strings(sorted)
	q := make([]string, len(sorted))
	for i, s := range sorted {
		q[i] = fmt.Sprintf("%q", s)
	}
	return strings.Join(q, ", ")
}

// Suggest returns `; did you mean "x"?` for the candidate closest to s, when it is close enough to
// be a likely typo (an edit distance of at most 2, or of half the shorter word).
func Suggest(s string, candidates []string) string {
	best, bestD := "", -1
	for _, c := range candidates {
		d := Distance(strings.ToLower(s), strings.ToLower(c))
		limit := max(2, min(len(s), len(c))/2)
		if d <= limit && (bestD < 0 || d < bestD) {
			best, bestD = c, d
		}
	}
	if best == "" || best == s {
		return ""
	}
	return fmt.Sprintf("; did you mean %q?", best)
}

// Distance is the Levenshtein edit distance between a and b.
func Distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
