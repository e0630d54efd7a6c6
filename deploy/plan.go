package deploy

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"sort"
	"strings"
)

// Phase orders the steps of a plan. Steps of one phase may run concurrently; a phase starts only
// when the one before it has finished.
type Phase int

// The phases, in the order they are applied. Factors come before the message types that need sms;
// Actions are built and deployed before anything binds them; the Customize-MFA toggle goes on before
// the bindings that need it (and off only after they are gone); deletions follow the bindings that
// stop using an Action; the policy comes last, once the flow it backs up is in place.
const (
	PhaseFactors Phase = iota
	PhasePhone
	PhaseActionWrite
	PhaseActionDeploy
	PhaseSettingsBefore
	PhaseBindings
	PhaseSettingsAfter
	PhaseDelete
	PhasePolicies
)

// Kind is what a phase changes, for a plan's readers: factor, phone, action, settings, bindings or
// policy.
func (p Phase) Kind() string {
	switch p {
	case PhaseFactors:
		return "factor"
	case PhasePhone:
		return "phone"
	case PhaseActionWrite, PhaseActionDeploy, PhaseDelete:
		return "action"
	case PhaseSettingsBefore, PhaseSettingsAfter:
		return "settings"
	case PhaseBindings:
		return "bindings"
	case PhasePolicies:
		return "policy"
	}
	return "other"
}

// StepStatus is where a step stands after Apply.
type StepStatus int

// The step statuses.
const (
	NotRun StepStatus = iota
	Applied
	Failed
)

func (s StepStatus) String() string {
	switch s {
	case Applied:
		return "applied"
	case Failed:
		return "failed"
	}
	return "not applied"
}

// Step is one change to the tenant.
type Step struct {
	Phase Phase
	// Resource is what changes: "factor sms", "action mfa-selection", "bindings post-login", …
	Resource string
	// Change is the verb: enable, disable, set, create, update, deploy, delete, reorder.
	Change string
	// Detail says which fields change and how (never a secret value).
	Detail string
	// Before and After are the changed fields' values on the tenant and in the file (nil for a
	// resource that does not exist on that side): names of secrets, never their values; an Action's
	// code as its line count and SHA-256.
	Before, After map[string]any

	Status StepStatus
	Err    error

	factor   *Factor
	action   *TargetAction
	actionID string
	settings *TenantSettings
	values   []string     // message types, provider, policies
	bindings []BindingRef // the whole post-login flow
}

// Note is something the plan does not do and says why: an Action not deleted without
// --allow-delete, an endpoint the tenant does not offer.
type Note struct {
	Resource string
	Message  string
}

// Plan is the ordered list of changes that bring a tenant to a target.
type Plan struct {
	Steps []*Step
	Notes []Note
	// Problems stop the plan from being applied: a binding to an Action that exists nowhere, a secret
	// that must be sent but has no value.
	Problems []string
}

// Empty reports whether the plan changes nothing.
func (p *Plan) Empty() bool { return len(p.Steps) == 0 }

// PlanOptions tune planning.
type PlanOptions struct {
	// AllowDelete deletes post-login Actions that are on the tenant but not in the file.
	AllowDelete bool
}

// NewPlan compares a tenant's state with a target and lists only what differs.
func NewPlan(cur *State, tg *Target, opts PlanOptions) *Plan {
	p := &Plan{}
	p.planFactors(cur, tg)
	p.planPhone(cur, tg)
	p.planActions(cur, tg, opts)
	p.planSettings(cur, tg)
	p.planBindings(cur, tg)
	p.planPolicies(cur, tg)
	sort.SliceStable(p.Steps, func(i, j int) bool { return p.Steps[i].Phase < p.Steps[j].Phase })
	return p
}

func (p *Plan) add(s *Step) { p.Steps = append(p.Steps, s) }

func (p *Plan) planFactors(cur *State, tg *Target) {
	seen := map[string]bool{}
	for _, f := range tg.Factors {
		if seen[f.Name] {
			continue
		}
		seen[f.Name] = true
		enabled, known := cur.Factors[f.Name]
		if known && enabled == f.Enabled {
			continue
		}
		change, detail := "enable", "disabled → enabled"
		if !f.Enabled {
			change, detail = "disable", "enabled → disabled"
		}
		if !known {
			detail = "not listed by the tenant → " + map[bool]string{true: "enabled", false: "disabled"}[f.Enabled]
		}
		f := f
		var before map[string]any
		if known {
			before = map[string]any{"enabled": enabled}
		}
		p.add(&Step{Phase: PhaseFactors, Resource: "factor " + f.Name, Change: change, Detail: detail, factor: &f,
			Before: before, After: map[string]any{"enabled": f.Enabled}})
	}
}

func (p *Plan) planPhone(cur *State, tg *Target) {
	if tg.ManageTypes {
		switch {
		case !cur.MessageTypesAvailable:
			p.Notes = append(p.Notes, Note{"phone message types", "the tenant does not offer /guardian/factors/phone/message-types (403/404); skipped"})
		case !sameSet(cur.MessageTypes, tg.MessageTypes):
			p.add(&Step{Phase: PhasePhone, Resource: "phone message types", Change: "set",
				Detail: list(cur.MessageTypes) + " → " + list(tg.MessageTypes), values: tg.MessageTypes,
				Before: map[string]any{"message_types": strs(cur.MessageTypes)}, After: map[string]any{"message_types": strs(tg.MessageTypes)}})
		}
	}
	if tg.Provider != "" {
		switch {
		case !cur.ProviderAvailable:
			p.Notes = append(p.Notes, Note{"phone provider", "the tenant does not offer the legacy /guardian/factors/phone/selected-provider endpoint (403/404); skipped"})
		case cur.Provider != tg.Provider:
			p.add(&Step{Phase: PhasePhone, Resource: "phone provider", Change: "set", Detail: orNone(cur.Provider) + " → " + tg.Provider, values: []string{tg.Provider},
				Before: map[string]any{"provider": cur.Provider}, After: map[string]any{"provider": tg.Provider}})
		}
	}
}

func (p *Plan) planActions(cur *State, tg *Target, opts PlanOptions) {
	if !tg.ManageActions {
		return
	}
	for i := range tg.Actions {
		ta := &tg.Actions[i]
		have := cur.ActionByName(ta.Spec.Name)
		if have == nil {
			ta.Spec.SendSecrets = len(ta.Spec.Secrets) > 0
			p.requireSecretValues(ta, "it is created")
			detail := fmt.Sprintf("%d lines, runtime %s", lineCount(ta.Spec.Code), ta.Spec.Runtime)
			if n := len(ta.Spec.Secrets); n > 0 {
				detail += fmt.Sprintf(", secrets %s", strings.Join(secretNames(ta.Spec.Secrets), ", "))
			}
			p.add(&Step{Phase: PhaseActionWrite, Resource: "action " + ta.Spec.Name, Change: "create", Detail: detail, action: ta,
				After: map[string]any{"code": codeSummary(ta.Spec.Code), "runtime": ta.Spec.Runtime, "dependencies": strs(depStrings(ta.Spec.Dependencies)),
					"supported_triggers": strs(triggerStrings(ta.Spec.Triggers)), "secrets": strs(sorted(secretNames(ta.Spec.Secrets)))}})
			if ta.Deploy {
				p.add(&Step{Phase: PhaseActionDeploy, Resource: "action " + ta.Spec.Name, Change: "deploy", Detail: "build, then deploy version 1", action: ta})
			}
			continue
		}
		changes, before, after := actionChanges(have, ta)
		p.requireSecretValues(ta, "their names differ from the tenant's")
		if len(changes) > 0 {
			p.add(&Step{Phase: PhaseActionWrite, Resource: "action " + ta.Spec.Name, Change: "update",
				Detail: strings.Join(changes, "; "), action: ta, actionID: have.ID, Before: before, After: after})
		}
		if ta.Deploy && (len(changes) > 0 || !have.AllChangesDeployed || have.Deployed == nil) {
			detail := "draft changes not yet deployed"
			if len(changes) > 0 {
				detail = "build, then deploy the new draft"
			}
			p.add(&Step{Phase: PhaseActionDeploy, Resource: "action " + ta.Spec.Name, Change: "deploy", Detail: detail, action: ta, actionID: have.ID})
		}
	}
	for _, have := range cur.Actions {
		if tg.Action(have.Name) != nil {
			continue
		}
		if !opts.AllowDelete {
			p.Notes = append(p.Notes, Note{"action " + have.Name, "on the tenant but not in tenant.yaml; not deleted (use --allow-delete)"})
			continue
		}
		p.add(&Step{Phase: PhaseDelete, Resource: "action " + have.Name, Change: "delete", Detail: "not in tenant.yaml (--allow-delete)", actionID: have.ID,
			Before: map[string]any{"code": codeSummary(have.Code), "runtime": have.Runtime}})
	}
}

// actionChanges lists what differs between the tenant's Action and the file's, with the fields'
// values on each side, and decides whether secrets must be sent.
func actionChanges(have *Action, ta *TargetAction) (changes []string, before, after map[string]any) {
	before, after = map[string]any{}, map[string]any{}
	if have.Code != ta.Spec.Code {
		added, removed := lineDiff(have.Code, ta.Spec.Code)
		changes = append(changes, fmt.Sprintf("code +%d −%d lines", added, removed))
		before["code"], after["code"] = codeSummary(have.Code), codeSummary(ta.Spec.Code)
	}
	if ta.RuntimeSet && have.Runtime != ta.Spec.Runtime {
		changes = append(changes, "runtime "+orNone(have.Runtime)+" → "+ta.Spec.Runtime)
		before["runtime"], after["runtime"] = have.Runtime, ta.Spec.Runtime
	}
	if !ta.RuntimeSet {
		// Keep whatever runtime the tenant has; only a runtime the file names is managed.
		ta.Spec.Runtime = have.Runtime
	}
	if !slices.Equal(depStrings(have.Dependencies), depStrings(ta.Spec.Dependencies)) {
		changes = append(changes, "dependencies "+list(depStrings(have.Dependencies))+" → "+list(depStrings(ta.Spec.Dependencies)))
		before["dependencies"], after["dependencies"] = strs(depStrings(have.Dependencies)), strs(depStrings(ta.Spec.Dependencies))
	}
	if !slices.Equal(triggerStrings(have.Triggers), triggerStrings(ta.Spec.Triggers)) {
		changes = append(changes, "supported_triggers "+list(triggerStrings(have.Triggers))+" → "+list(triggerStrings(ta.Spec.Triggers)))
		before["supported_triggers"], after["supported_triggers"] = strs(triggerStrings(have.Triggers)), strs(triggerStrings(ta.Spec.Triggers))
	}
	want := secretNames(ta.Spec.Secrets)
	if !sameSet(have.SecretNames, want) {
		ta.Spec.SendSecrets = true
		changes = append(changes, "secrets "+list(sorted(have.SecretNames))+" → "+list(sorted(want)))
		before["secrets"], after["secrets"] = strs(sorted(have.SecretNames)), strs(sorted(want))
	}
	return changes, before, after
}

// codeSummary stands for an Action's code in a plan: its size and hash, never its text (which may
// hold what keyword replacement put in).
func codeSummary(code string) map[string]any {
	sum := sha256.Sum256([]byte(code))
	return map[string]any{"lines": lineCount(code), "sha256": hex.EncodeToString(sum[:])}
}

// strs is a list for a plan's JSON: never null.
func strs(xs []string) []string {
	if xs == nil {
		return []string{}
	}
	return xs
}

// requireSecretValues records a problem for each secret that would be sent without a value.
func (p *Plan) requireSecretValues(ta *TargetAction, why string) {
	if !ta.Spec.SendSecrets {
		return
	}
	for _, name := range ta.MissingSecretValues {
		p.Problems = append(p.Problems, fmt.Sprintf("action %s: secret %s has no value, and secrets must be sent because %s (give it a value, e.g. value: '##%s##' with --keyword %s=…)",
			ta.Spec.Name, name, why, name, name))
	}
}

func (p *Plan) planSettings(cur *State, tg *Target) {
	var before, after TenantSettings
	var details []string
	if want := tg.Settings.CustomizeMFA; want != nil && *want != isTrue(cur.Settings.CustomizeMFA) {
		details = append(details, fmt.Sprintf("customize_mfa_in_postlogin_action %v → %v", isTrue(cur.Settings.CustomizeMFA), *want))
		if *want {
			before.CustomizeMFA = want
		} else {
			after.CustomizeMFA = want
		}
	}
	if want := tg.Settings.ShowFactorListOnEnrollment; want != nil && *want != isTrue(cur.Settings.ShowFactorListOnEnrollment) {
		details = append(details, fmt.Sprintf("flags.mfa_show_factor_list_on_enrollment %v → %v", isTrue(cur.Settings.ShowFactorListOnEnrollment), *want))
		before.ShowFactorListOnEnrollment = want
	}
	if before.CustomizeMFA != nil || before.ShowFactorListOnEnrollment != nil {
		d := detailsFor(details, before)
		was, will := settingValues(cur.Settings, before)
		p.add(&Step{Phase: PhaseSettingsBefore, Resource: "tenant settings", Change: "update", Detail: d, settings: &before, Before: was, After: will})
	}
	if after.CustomizeMFA != nil {
		was, will := settingValues(cur.Settings, after)
		p.add(&Step{Phase: PhaseSettingsAfter, Resource: "tenant settings", Change: "update",
			Detail: detailsFor(details, after) + " (after the bindings that need it are gone)", settings: &after, Before: was, After: will})
	}
}

// settingValues are the tenant's and the file's values of the settings s changes.
func settingValues(cur, s TenantSettings) (before, after map[string]any) {
	before, after = map[string]any{}, map[string]any{}
	if s.CustomizeMFA != nil {
		before["customize_mfa_in_postlogin_action"], after["customize_mfa_in_postlogin_action"] = isTrue(cur.CustomizeMFA), *s.CustomizeMFA
	}
	if s.ShowFactorListOnEnrollment != nil {
		before["flags.mfa_show_factor_list_on_enrollment"], after["flags.mfa_show_factor_list_on_enrollment"] = isTrue(cur.ShowFactorListOnEnrollment), *s.ShowFactorListOnEnrollment
	}
	return before, after
}

// detailsFor keeps the detail lines that belong to the fields set in s.
func detailsFor(details []string, s TenantSettings) string {
	var out []string
	for _, d := range details {
		if strings.HasPrefix(d, "customize_mfa") && s.CustomizeMFA != nil ||
			strings.HasPrefix(d, "flags.") && s.ShowFactorListOnEnrollment != nil {
			out = append(out, d)
		}
	}
	return strings.Join(out, "; ")
}

func (p *Plan) planBindings(cur *State, tg *Target) {
	if !tg.ManageBindings {
		return
	}
	for _, b := range tg.Bindings {
		ta := tg.Action(b.ActionName)
		have := cur.ActionByName(b.ActionName)
		switch {
		case ta == nil && have == nil:
			p.Problems = append(p.Problems, fmt.Sprintf("triggers.post-login binds %q, which is neither in tenant.yaml's actions nor on the tenant", b.ActionName))
		case (ta == nil || !ta.Deploy) && (have == nil || have.Deployed == nil):
			p.Problems = append(p.Problems, fmt.Sprintf("triggers.post-login binds %q, which is not deployed and is not deployed by this run (deployed: false); Auth0 refuses to bind it", b.ActionName))
		}
	}
	var curNames, wantNames []string
	same := len(cur.Bindings) == len(tg.Bindings)
	for i, b := range cur.Bindings {
		curNames = append(curNames, bindingLabel(b.ActionName, b.DisplayName))
		if same && (b.ActionName != tg.Bindings[i].ActionName || b.DisplayName != tg.Bindings[i].DisplayName) {
			same = false
		}
	}
	for _, b := range tg.Bindings {
		wantNames = append(wantNames, bindingLabel(b.ActionName, b.DisplayName))
	}
	if same {
		return
	}
	change := "set"
	if sameSet(curNames, wantNames) {
		change = "reorder"
	}
	p.add(&Step{Phase: PhaseBindings, Resource: "bindings " + PostLogin, Change: change,
		Detail: list(curNames) + " → " + list(wantNames), bindings: tg.Bindings,
		Before: map[string]any{PostLogin: strs(curNames)}, After: map[string]any{PostLogin: strs(wantNames)}})
}

func (p *Plan) hasStep(resource, change string) bool {
	for _, s := range p.Steps {
		if s.Resource == resource && (change == "" || s.Change == change) {
			return true
		}
	}
	return false
}

func (p *Plan) planPolicies(cur *State, tg *Target) {
	if !tg.ManagePolicies || sameSet(cur.Policies, tg.Policies) {
		return
	}
	p.add(&Step{Phase: PhasePolicies, Resource: "policies", Change: "set", Detail: list(cur.Policies) + " → " + list(tg.Policies), values: tg.Policies,
		Before: map[string]any{"policies": strs(cur.Policies)}, After: map[string]any{"policies": strs(tg.Policies)}})
}

func bindingLabel(action, display string) string {
	if display == "" || display == action {
		return action
	}
	return action + " (" + display + ")"
}

func isTrue(b *bool) bool { return b != nil && *b }

func orNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}

func list(xs []string) string {
	if len(xs) == 0 {
		return "[]"
	}
	return "[" + strings.Join(xs, ", ") + "]"
}

func sorted(xs []string) []string {
	out := slices.Clone(xs)
	sort.Strings(out)
	return out
}

func sameSet(a, b []string) bool {
	return slices.Equal(sorted(a), sorted(b))
}

func secretNames(ss []Secret) []string {
	var out []string
	for _, s := range ss {
		out = append(out, s.Name)
	}
	return out
}

func depStrings(ds []Dependency) []string {
	var out []string
	for _, d := range ds {
		out = append(out, d.Name+"@"+d.Version)
	}
	sort.Strings(out)
	return out
}

func triggerStrings(ts []Trigger) []string {
	var out []string
	for _, t := range ts {
		out = append(out, t.ID+"@"+t.Version)
	}
	sort.Strings(out)
	return out
}

func lineCount(code string) int {
	if code == "" {
		return 0
	}
	return strings.Count(strings.TrimSuffix(code, "\n"), "\n") + 1
}

// lineDiff counts the lines added and removed between two texts, as a multiset of lines: enough for
// a one-line summary of a code change.
func lineDiff(old, new string) (added, removed int) {
	old, new = strings.TrimSuffix(old, "\n"), strings.TrimSuffix(new, "\n")
	count := map[string]int{}
	for _, l := range strings.Split(old, "\n") {
		count[l]++
	}
	for _, l := range strings.Split(new, "\n") {
		if count[l] > 0 {
			count[l]--
		} else {
			added++
		}
	}
	for _, n := range count {
		removed += n
	}
	return added, removed
}
