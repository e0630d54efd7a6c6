package deploy

import (
	"bytes"
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v4"
)

// ExportFile is one file an export writes, relative to the output folder.
type ExportFile struct {
	Path string
	Data []byte
}

// Export turns a tenant's MFA setup into a Deploy CLI tenant.yaml and one code file per Action
// (actions/<name>/code.js, the name sanitized as the Deploy CLI does). Secrets are written by name
// only: the API never returns their values.
func Export(st *State) []ExportFile {
	var doc exportDoc
	if st.Settings.CustomizeMFA != nil || st.Settings.ShowFactorListOnEnrollment != nil {
		doc.Tenant = &exportTenant{CustomizeMFA: st.Settings.CustomizeMFA}
		if st.Settings.ShowFactorListOnEnrollment != nil {
			doc.Tenant.Flags = &exportFlags{ShowFactorList: st.Settings.ShowFactorListOnEnrollment}
		}
	}
	names := make([]string, 0, len(st.Factors))
	for name := range st.Factors {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		doc.Factors = append(doc.Factors, exportFactor{Name: name, Enabled: st.Factors[name]})
	}
	if st.MessageTypesAvailable {
		doc.MessageTypes = &exportMessageTypes{Types: nonNil(st.MessageTypes)}
	}
	if st.ProviderAvailable && st.Provider != "" {
		doc.Provider = &exportProvider{Provider: st.Provider}
	}
	doc.Policies = &exportPolicies{Policies: nonNil(st.Policies)}

	files := []ExportFile{}
	used := map[string]bool{}
	doc.Actions = []exportAction{}
	for _, a := range st.Actions {
		dir := SanitizeName(a.Name)
		for i := 2; used[strings.ToLower(dir)]; i++ {
			dir = fmt.Sprintf("%s-%d", SanitizeName(a.Name), i)
		}
		used[strings.ToLower(dir)] = true
		codePath := "actions/" + dir + "/code.js"
		files = append(files, ExportFile{Path: codePath, Data: []byte(a.Code)})
		ea := exportAction{
			Name:         a.Name,
			Code:         "./" + codePath,
			Runtime:      a.Runtime,
			Deployed:     a.Deployed != nil && a.AllChangesDeployed,
			Dependencies: []exportDependency{},
			Secrets:      []exportSecret{},
		}
		for _, d := range a.Dependencies {
			ea.Dependencies = append(ea.Dependencies, exportDependency(d))
		}
		for _, s := range sorted(a.SecretNames) {
			ea.Secrets = append(ea.Secrets, exportSecret{Name: s})
		}
		for _, t := range a.Triggers {
			ea.Triggers = append(ea.Triggers, exportTrigger(t))
		}
		doc.Actions = append(doc.Actions, ea)
	}
	doc.Triggers = map[string][]exportBinding{PostLogin: {}}
	for _, b := range st.Bindings {
		doc.Triggers[PostLogin] = append(doc.Triggers[PostLogin], exportBinding{ActionName: b.ActionName, DisplayName: b.DisplayName})
	}

	var buf bytes.Buffer
	buf.WriteString("# The MFA setup of an Auth0 tenant, exported by mfactl in the Deploy CLI format.\n")
	buf.WriteString("# Secret values cannot be read through the Management API, so secrets are listed by name:\n")
	buf.WriteString("# deploy keeps the tenant's values. To send one, give it a value with keyword replacement.\n")
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(&doc); err != nil {
		// Encoding plain structs of strings and booleans cannot fail.
		panic(err)
	}
	_ = enc.Close()
	return append([]ExportFile{{Path: "tenant.yaml", Data: buf.Bytes()}}, files...)
}

func nonNil(xs []string) []string {
	if xs == nil {
		return []string{}
	}
	return xs
}

type exportDoc struct {
	Tenant       *exportTenant              `yaml:"tenant,omitempty"`
	Factors      []exportFactor             `yaml:"guardianFactors"`
	MessageTypes *exportMessageTypes        `yaml:"guardianPhoneFactorMessageTypes,omitempty"`
	Provider     *exportProvider            `yaml:"guardianPhoneFactorSelectedProvider,omitempty"`
	Policies     *exportPolicies            `yaml:"guardianPolicies"`
	Actions      []exportAction             `yaml:"actions"`
	Triggers     map[string][]exportBinding `yaml:"triggers"`
}

type exportTenant struct {
	CustomizeMFA *bool        `yaml:"customize_mfa_in_postlogin_action,omitempty"`
	Flags        *exportFlags `yaml:"flags,omitempty"`
}

type exportFlags struct {
	ShowFactorList *bool `yaml:"mfa_show_factor_list_on_enrollment,omitempty"`
}

type exportFactor struct {
	Name    string `yaml:"name"`
	Enabled bool   `yaml:"enabled"`
}

type exportMessageTypes struct {
	Types []string `yaml:"message_types,flow"`
}

type exportProvider struct {
	Provider string `yaml:"provider"`
}

type exportPolicies struct {
	Policies []string `yaml:"policies,flow"`
}

type exportAction struct {
	Name         string             `yaml:"name"`
	Code         string             `yaml:"code"`
	Runtime      string             `yaml:"runtime,omitempty"`
	Deployed     bool               `yaml:"deployed"`
	Dependencies []exportDependency `yaml:"dependencies"`
	Secrets      []exportSecret     `yaml:"secrets"`
	Triggers     []exportTrigger    `yaml:"supported_triggers"`
}

type exportDependency struct {
	Name    string `yaml:"name"`
	Version string `yaml:"version"`
}

type exportSecret struct {
	Name string `yaml:"name"`
}

type exportTrigger struct {
	ID      string `yaml:"id"`
	Version string `yaml:"version"`
}

type exportBinding struct {
	ActionName  string `yaml:"action_name"`
	DisplayName string `yaml:"display_name"`
}

// SanitizeName makes an Action name a safe folder name exactly as the Deploy CLI does, with the
// sanitize-filename package and "-" as the replacement: each character illegal in file names on some
// platform (/ ? < > \ : * | ") or a control character becomes "-"; a name of only dots, a reserved
// Windows device name (con, prn, aux, nul, com0-9, lpt0-9, with any extension) and a trailing run
// of dots and spaces each become one "-"; the result is cut to 255 bytes. Spaces are kept.
func SanitizeName(name string) string {
	var b strings.Builder
	for _, r := range name {
		if r < 0x20 || (r >= 0x80 && r <= 0x9f) || strings.ContainsRune(`/?<>\:*|"`, r) {
			b.WriteByte('-')
			continue
		}
		b.WriteRune(r)
	}
	s := b.String()
	if s != "" && strings.Trim(s, ".") == "" {
		s = "-"
	}
	base, _, _ := strings.Cut(strings.ToLower(s), ".")
	if len(base) == 3 && (base == "con" || base == "prn" || base == "aux" || base == "nul") ||
		len(base) == 4 && (strings.HasPrefix(base, "com") || strings.HasPrefix(base, "lpt")) && base[3] >= '0' && base[3] <= '9' {
		s = "-"
	}
	if trimmed := strings.TrimRight(s, ". "); trimmed != s {
		s = trimmed + "-"
	}
	for len(s) > 255 {
		_, size := utf8.DecodeLastRuneInString(s)
		s = s[:len(s)-size]
	}
	return s
}
