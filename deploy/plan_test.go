package deploy

import (
	"strings"
	"testing"
)

func tru() *bool { return boolPtr(true) }
func fls() *bool { return boolPtr(false) }

const code1 = "exports.onExecutePostLogin = async (event, api) => {\n  api.authentication.challengeWith({type: 'otp'});\n};\n"

// deployedAction is a tenant Action whose draft is deployed.
func deployedAction(name, code string) Action {
	return Action{ID: "id-" + name, Name: name, Code: code, Runtime: "node22", Status: "built", AllChangesDeployed: true,
		Triggers: []Trigger{{"post-login", "v3"}}, Deployed: &Version{ID: "v-" + name, Number: 1, Deployed: true}}
}

func targetAction(name, code string) TargetAction {
	return TargetAction{Spec: ActionSpec{Name: name, Code: code, Runtime: "node22", Triggers: []Trigger{{"post-login", "v3"}}}, RuntimeSet: true, Deploy: true}
}

// steps renders a plan as one line per step, then notes and problems.
func steps(p *Plan) string {
	var lines []string
	for _, s := range p.Steps {
		lines = append(lines, s.Change+" "+s.Resource+": "+s.Detail)
	}
	for _, n := range p.Notes {
		lines = append(lines, "note "+n.Resource+": "+n.Message)
	}
	for _, pr := range p.Problems {
		lines = append(lines, "problem: "+pr)
	}
	return strings.Join(lines, "\n")
}

func TestPlan(t *testing.T) {
	inSync := func() (*State, *Target) {
		st := &State{
			Settings:              TenantSettings{CustomizeMFA: tru()},
			Factors:               map[string]bool{"otp": true, "sms": false, "email": false},
			MessageTypes:          []string{"sms"},
			MessageTypesAvailable: true,
			Policies:              []string{},
			Actions:               []Action{deployedAction("a", code1)},
			Bindings:              []Binding{{ActionName: "a", DisplayName: "a"}},
		}
		tg := &Target{
			Settings:       TenantSettings{CustomizeMFA: tru()},
			Factors:        []Factor{{"otp", true}, {"sms", false}},
			ManageTypes:    true,
			MessageTypes:   []string{"sms"},
			ManagePolicies: true,
			Policies:       []string{},
			ManageActions:  true,
			Actions:        []TargetAction{targetAction("a", code1)},
			ManageBindings: true,
			Bindings:       []BindingRef{{"a", "a"}},
		}
		return st, tg
	}
	tests := []struct {
		name  string
		edit  func(*State, *Target)
		opts  PlanOptions
		want  string
		empty bool
	}{
		{name: "in sync", edit: func(*State, *Target) {}, empty: true},
		{name: "message types order does not matter",
			edit: func(s *State, t *Target) {
				s.MessageTypes = []string{"voice", "sms"}
				t.MessageTypes = []string{"sms", "voice"}
			},
			empty: true},
		{name: "factor enabled and disabled",
			edit: func(s *State, t *Target) { t.Factors = []Factor{{"otp", false}, {"sms", true}} },
			want: "disable factor otp: enabled → disabled\nenable factor sms: disabled → enabled"},
		{name: "factors and settings the file leaves out are left alone",
			edit: func(s *State, t *Target) {
				t.Factors = nil
				t.Settings = TenantSettings{}
				t.ManageTypes = false
				t.ManagePolicies = false
			},
			empty: true},
		{name: "code change",
			edit: func(s *State, t *Target) {
				t.Actions[0].Spec.Code = strings.Replace(code1, "otp", "phone", 1) + "// more\n"
			},
			want: "update action a: code +2 −1 lines\ndeploy action a: build, then deploy the new draft"},
		{name: "undeployed draft is deployed",
			edit: func(s *State, t *Target) { s.Actions[0].AllChangesDeployed = false },
			want: "deploy action a: draft changes not yet deployed"},
		{name: "deployed: false updates the draft only",
			edit: func(s *State, t *Target) { t.Actions[0].Deploy = false; t.Actions[0].Spec.Code = "x" },
			want: "update action a: code +1 −3 lines"},
		{name: "runtime left out keeps the tenant's",
			edit: func(s *State, t *Target) {
				s.Actions[0].Runtime = "node18"
				t.Actions[0].RuntimeSet = false
				t.Actions[0].Spec.Runtime = DefaultRuntime
			},
			empty: true},
		{name: "runtime, dependencies, triggers",
			edit: func(s *State, t *Target) {
				t.Actions[0].Spec.Runtime = "node18"
				t.Actions[0].Spec.Dependencies = []Dependency{{"axios", "1.7.0"}}
				t.Actions[0].Spec.Triggers = []Trigger{{"post-login", "v2"}}
			},
			want: "update action a: runtime node22 → node18; dependencies [] → [axios@1.7.0]; supported_triggers [post-login@v3] → [post-login@v2]\ndeploy action a: build, then deploy the new draft"},
		{name: "secrets compared by name; values are never shown",
			edit: func(s *State, t *Target) {
				s.Actions[0].SecretNames = []string{"KEY"}
				t.Actions[0].Spec.Secrets = []Secret{{"KEY", "s3cr3t-value"}}
			},
			empty: true},
		{name: "new secret is sent",
			edit: func(s *State, t *Target) {
				t.Actions[0].Spec.Secrets = []Secret{{"KEY", "s3cr3t-value"}}
			},
			want: "update action a: secrets [] → [KEY]\ndeploy action a: build, then deploy the new draft"},
		{name: "a secret to send without a value is a problem",
			edit: func(s *State, t *Target) {
				t.Actions[0].Spec.Secrets = []Secret{{"KEY", ""}}
				t.Actions[0].MissingSecretValues = []string{"KEY"}
			},
			want: "update action a: secrets [] → [KEY]\ndeploy action a: build, then deploy the new draft\nproblem: action a: secret KEY has no value, and secrets must be sent because their names differ from the tenant's (give it a value, e.g. value: '##KEY##' with --keyword KEY=…)"},
		{name: "new action is created, deployed and bound, with the toggle on first",
			edit: func(s *State, t *Target) {
				s.Settings.CustomizeMFA = fls()
				t.Actions = append(t.Actions, targetAction("b", code1))
				t.Bindings = append(t.Bindings, BindingRef{"b", "b"})
			},
			want: "create action b: 3 lines, runtime node22\ndeploy action b: build, then deploy version 1\nupdate tenant settings: customize_mfa_in_postlogin_action false → true\nset bindings post-login: [a] → [a, b]"},
		{name: "toggle off comes after the bindings",
			edit: func(s *State, t *Target) {
				t.Settings.CustomizeMFA = fls()
				t.Bindings = nil
			},
			want: "set bindings post-login: [a] → []\nupdate tenant settings: customize_mfa_in_postlogin_action true → false (after the bindings that need it are gone)"},
		{name: "unknown toggle on the tenant counts as off",
			edit:  func(s *State, t *Target) { s.Settings.CustomizeMFA = nil; t.Settings.CustomizeMFA = fls() },
			empty: true},
		{name: "reorder",
			edit: func(s *State, t *Target) {
				s.Actions = append(s.Actions, deployedAction("b", code1))
				t.Actions = append(t.Actions, targetAction("b", code1))
				s.Bindings = []Binding{{ActionName: "b", DisplayName: "b"}, {ActionName: "a", DisplayName: "a"}}
				t.Bindings = []BindingRef{{"a", "a"}, {"b", "b"}}
			},
			want: "reorder bindings post-login: [b, a] → [a, b]"},
		{name: "display name change",
			edit: func(s *State, t *Target) { t.Bindings = []BindingRef{{"a", "Step-up"}} },
			want: "set bindings post-login: [a] → [a (Step-up)]"},
		{name: "extra tenant action is only listed without --allow-delete",
			edit: func(s *State, t *Target) { s.Actions = append(s.Actions, deployedAction("old", code1)) },
			want: "note action old: on the tenant but not in tenant.yaml; not deleted (use --allow-delete)"},
		{name: "extra tenant action is deleted with --allow-delete, after the bindings",
			edit: func(s *State, t *Target) {
				s.Actions = append(s.Actions, deployedAction("old", code1))
				s.Bindings = append(s.Bindings, Binding{ActionName: "old", DisplayName: "old"})
			},
			opts: PlanOptions{AllowDelete: true},
			want: "set bindings post-login: [a, old] → [a]\ndelete action old: not in tenant.yaml (--allow-delete)"},
		{name: "no actions key: nothing created or deleted",
			edit: func(s *State, t *Target) {
				s.Actions = append(s.Actions, deployedAction("old", code1))
				t.ManageActions = false
				t.Actions = nil
			},
			opts:  PlanOptions{AllowDelete: true},
			empty: true},
		{name: "binding to an action that exists nowhere",
			edit: func(s *State, t *Target) { t.Bindings = append(t.Bindings, BindingRef{"ghost", "ghost"}) },
			want: "set bindings post-login: [a] → [a, ghost]\nproblem: triggers.post-login binds \"ghost\", which is neither in tenant.yaml's actions nor on the tenant"},
		{name: "binding to a never-deployed action with deployed: false",
			edit: func(s *State, t *Target) {
				b := targetAction("b", code1)
				b.Deploy = false
				t.Actions = append(t.Actions, b)
				t.Bindings = append(t.Bindings, BindingRef{"b", "b"})
			},
			want: "create action b: 3 lines, runtime node22\nset bindings post-login: [a] → [a, b]\nproblem: triggers.post-login binds \"b\", which is not deployed and is not deployed by this run (deployed: false); Auth0 refuses to bind it"},
		{name: "policy last",
			edit: func(s *State, t *Target) {
				t.Policies = []string{"all-applications"}
				t.Factors = []Factor{{"email", true}}
			},
			want: "enable factor email: disabled → enabled\nset policies: [] → [all-applications]"},
		{name: "message types unavailable is a note",
			edit: func(s *State, t *Target) { s.MessageTypesAvailable = false; t.MessageTypes = []string{"voice"} },
			want: "note phone message types: the tenant does not offer /guardian/factors/phone/message-types (403/404); skipped"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st, tg := inSync()
			tt.edit(st, tg)
			p := NewPlan(st, tg, tt.opts)
			if got := steps(p); got != tt.want {
				t.Errorf("plan:\n%s\nwant:\n%s", got, tt.want)
			}
			if p.Empty() != (tt.empty || tt.want != "" && len(p.Steps) == 0) {
				t.Errorf("Empty() = %v", p.Empty())
			}
			if strings.Contains(steps(p), "s3cr3t") {
				t.Errorf("a secret value is in the plan")
			}
		})
	}
}

func TestSanitizeName(t *testing.T) {
	tests := map[string]string{
		"mfa-selection":          "mfa-selection",
		"My Custom Action":       "My Custom Action",
		"a/b\\c:d*e?f\"g<h>i|j":  "a-b-c-d-e-f-g-h-i-j",
		"..":                     "-",
		"con":                    "-",
		"COM1.txt":               "-",
		"console":                "console",
		"trailing. .":            "trailing-",
		"tab\there":              "tab-here",
		strings.Repeat("é", 200): strings.Repeat("é", 127),
	}
	for in, want := range tests {
		if got := SanitizeName(in); got != want {
			t.Errorf("SanitizeName(%q) = %q, want %q", in, got, want)
		}
	}
}
