package deploy

import (
	"bytes"
	"fmt"
	"sort"
	"strings"

	"go.yaml.in/yaml/v4"

	"github.com/mfactl/mfactl/config"
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

// SanitizeName makes an Action name a safe folder name exactly as the Deploy CLI does (see
// config.SanitizeName).
func SanitizeName(name string) string { return config.SanitizeName(name) }

// ExportDirectory is Export in the Deploy CLI's directory format (tenant.json, actions/<name>.json
// and actions/<name>/code.js, triggers/triggers.json, guardian/…), written as its own directory
// export writes them: the same tenant.yaml, converted.
func ExportDirectory(st *State) ([]ExportFile, error) {
	files := Export(st)
	code := map[string][]byte{}
	for _, f := range files[1:] {
		code[f.Path] = f.Data
	}
	tree, err := config.TreeFromYAML("tenant.yaml", files[0].Data, func(rel string) ([]byte, error) {
		if data, ok := code[rel]; ok {
			return data, nil
		}
		return nil, fmt.Errorf("no code exported at %s", rel)
	})
	if err != nil {
		return nil, err
	}
	dir, err := tree.Directory()
	if err != nil {
		return nil, err
	}
	out := make([]ExportFile, len(dir))
	for i, f := range dir {
		out[i] = ExportFile{Path: f.Path, Data: f.Data}
	}
	return out, nil
}
