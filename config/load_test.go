package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.yaml.in/yaml/v4"

	"github.com/mfactl/mfactl/source"
)

func parse(t *testing.T, yaml string) *Tenant {
	t.Helper()
	return Parse("tenant.yaml", t.TempDir(), []byte(yaml), Options{})
}

func messages(tn *Tenant) string {
	var b strings.Builder
	for _, f := range tn.Findings {
		b.WriteString(f.Error())
		b.WriteByte('\n')
	}
	return b.String()
}

func TestModel(t *testing.T) {
	tn := parse(t, `tenant:
  customize_mfa_in_postlogin_action: true
  flags:
    mfa_show_factor_list_on_enrollment: false
guardianFactors:
  - name: sms
    enabled: true
  - name: otp
    enabled: false
guardianPhoneFactorMessageTypes:
  message_types: [sms, voice]
guardianPhoneFactorSelectedProvider: {provider: twilio}
guardianPolicies:
  policies: [all-applications]
actions:
  - name: a
    code: ./a.js
    deployed: true
    runtime: node22
    secrets: [{name: S, value: v}]
    dependencies: [{name: lodash, version: 4.17.21}]
    supported_triggers: [{id: post-login, version: v3}]
triggers:
  post-login:
    - action_name: a
      display_name: A
`)
	if tn.Settings == nil || !tn.Settings.CustomizeMFA.Value || tn.Settings.CustomizeMFA.Span.Line != 2 || tn.Settings.CustomizeMFA.Span.Col != 38 {
		t.Errorf("settings: %+v", tn.Settings)
	}
	if !tn.Settings.ShowFactorListOnEnrollment.Set || tn.Settings.ShowFactorListOnEnrollment.Value {
		t.Errorf("flag: %+v", tn.Settings.ShowFactorListOnEnrollment)
	}
	if !tn.Factors.Enabled("sms") || tn.Factors.Enabled("otp") || tn.Factors.Enabled("email") {
		t.Errorf("factors: %+v", tn.Factors)
	}
	if !tn.MessageTypes.Has("voice") || tn.PhoneProvider.Provider.Value != "twilio" || !tn.Policies.Has("all-applications") {
		t.Errorf("guardian settings")
	}
	a := tn.ActionByName("a")
	if a == nil || a.Code.Value != "./a.js" || !a.Deployed.Value || a.Runtime.Value != "node22" || a.Secrets[0].Value.Value != "v" ||
		a.Dependencies[0].Version.Value != "4.17.21" || a.Supports("post-login").Version.Value != "v3" {
		t.Errorf("action: %+v", a)
	}
	if len(tn.PostLogin) != 1 || tn.PostLogin[0].ActionName.Value != "a" || tn.PostLogin[0].ActionName.Span.Line != 25 {
		t.Errorf("bindings: %+v", tn.PostLogin)
	}
	// The missing code file is the only finding.
	if got := messages(tn); !strings.Contains(got, "action-code-missing") || strings.Count(got, "\n") != 1 {
		t.Errorf("findings:\n%s", got)
	}
}

func TestLoaderFindings(t *testing.T) {
	tests := []struct {
		name, yaml, want string
	}{
		{"duplicate key", "guardianPolicies:\n  policies: []\n  policies: []\n",
			"tenant.yaml:3:3: error: key \"policies\" is already defined at line 2, column 3; the Deploy CLI refuses duplicate keys [duplicate-key]"},
		{"unknown key refused by schema", "guardianPolicies:\n  policy: []\n",
			`tenant.yaml:2:3: error: unknown key "policy" in guardianPolicies; expected one of "policies"; did you mean "policies"?; the Deploy CLI's schema refuses it [unknown-key]`},
		{"unknown key accepted silently", "guardianFactors:\n  - name: otp\n    enabeld: true\n",
			`tenant.yaml:3:5: warning: unknown key "enabeld" in a guardianFactors item; expected one of "enabled", "name"; did you mean "enabled"?; the Deploy CLI accepts it silently [unknown-key]`},
		{"string for boolean", "guardianFactors:\n  - name: otp\n    enabled: \"yes\"\n",
			`tenant.yaml:3:14: warning: guardianFactors enabled must be true or false, not the string "yes"; write true without quotes [wrong-type]`},
		{"toggle as string", "tenant:\n  customize_mfa_in_postlogin_action: 'true'\n",
			`tenant.yaml:2:38: error: tenant.customize_mfa_in_postlogin_action must be true or false, not the string "true"; write true without quotes [wrong-type]`},
		{"factor named phone", "guardianFactors:\n  - name: phone\n    enabled: true\n",
			`tenant.yaml:2:11: error: unknown MFA factor "phone"; expected one of "duo", "email", "otp", "push-notification", "recovery-code", "sms", "webauthn-platform", "webauthn-roaming"; the phone factor is named "sms" in guardianFactors (and "phone" in Action code) [unknown-factor]`},
		{"bad enum", "guardianPhoneFactorMessageTypes:\n  message_types: [sms, fax]\n",
			`tenant.yaml:2:24: error: message type "fax" is not one of "sms", "voice" [invalid-value]`},
		{"list expected", "guardianFactors:\n  name: otp\n",
			`tenant.yaml:2:3: error: guardianFactors must be a list, not a mapping [wrong-type]`},
		{"dependency key refused", "actions:\n  - name: a\n    code: ./a.js\n    supported_triggers: []\n    dependencies: [{name: x, versoin: '1'}]\n",
			`unknown key "versoin" in a dependencies item`},
		{"misplaced toggle", "tenant:\n  flags:\n    customize_mfa_in_postlogin_action: true\n", ""},
		{"page key in tenant", "tenant:\n  guardian_mfa_page: {}\n", `tenant.guardian_mfa_page is refused by the Deploy CLI`},
		{"unknown top-level key", "guardianFactor: []\n",
			`tenant.yaml:1:1: warning: unknown top-level key "guardianFactor"; the Deploy CLI refuses keys outside its schema; did you mean "guardianFactors"? [unknown-key]`},
		{"unknown trigger", "triggers:\n  post_login: []\n", `unknown trigger "post_login"`},
		{"alias", "rules: &f\n  - name: otp\n    enabled: true\nguardianFactors: *f\n", ""},
		{"tab indentation", "guardianFactors:\n\t- name: otp\n", "tenant.yaml:2:1: error: could not parse as YAML: found character that cannot start any token"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := messages(parse(t, tt.yaml))
			if tt.want == "" {
				if got != "" {
					t.Errorf("unexpected findings:\n%s", got)
				}
				return
			}
			if !strings.Contains(got, tt.want) {
				t.Errorf("got:\n%s\nwant a line containing:\n%s", got, tt.want)
			}
		})
	}
}

func TestMisplacedToggleRecorded(t *testing.T) {
	tn := parse(t, "tenant:\n  flags:\n    customize_mfa_in_postlogin_action: true\n")
	if s := tn.Settings.MisplacedCustomizeMFA; !s.Set || s.Span.Line != 3 || s.Span.Col != 5 {
		t.Errorf("%+v", s)
	}
}

func TestCodeFiles(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("actions/ok/code.js", []byte("exports.onExecutePostLogin = async () => { '##K##' };\n"))
	write("actions/big.js", []byte(strings.Repeat("// x\n", MaxCodeSize/5+1)))
	write("actions/bin.js", []byte("\x00\x01"))
	outside := filepath.Join(t.TempDir(), "secret.js")
	os.WriteFile(outside, []byte("secret"), 0o644)
	if err := os.Symlink(outside, filepath.Join(dir, "actions/link.js")); err != nil {
		t.Skip(err)
	}
	yaml := "actions:\n"
	for _, c := range []string{"./actions/ok/code.js", "./actions/big.js", "./actions/bin.js", "./actions/link.js", "actions/../actions/ok/code.js", "''"} {
		yaml += "  - {name: n, code: " + c + ", supported_triggers: []}\n"
	}
	write("tenant.yaml", []byte(yaml))
	m := &source.Mappings{}
	m.Set(source.StringKeyword("K", "v"))
	tn, err := Load(filepath.Join(dir, "tenant.yaml"), Options{Keywords: m, DisplayPath: "tenant.yaml"})
	if err != nil {
		t.Fatal(err)
	}
	if cf := tn.Actions[0].CodeFile; cf == nil || cf.Path != "actions/ok/code.js" || !strings.Contains(string(cf.Text), "'v'") {
		t.Errorf("code file: %+v", cf)
	}
	if cf := tn.Actions[4].CodeFile; cf == nil || cf.Path != "actions/ok/code.js" {
		t.Errorf("cleaned path: %+v", cf)
	}
	got := messages(tn)
	for _, want := range []string{
		`tenant.yaml:3:21: error: code file "actions/big.js" is 102405 bytes; Auth0 accepts at most 102400 bytes of Action source [action-code-unreadable]`,
		`tenant.yaml:4:21: error: code file "actions/bin.js" is not UTF-8 text; expected JavaScript [action-code-unreadable]`,
		`tenant.yaml:5:21: error: code path "./actions/link.js" is a link to a file outside the folder of tenant.yaml [action-code-outside-dir]`,
		`tenant.yaml:7:21: error: action "n" has an empty code path; expected ./actions/<name>/code.js [action-code-missing]`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in:\n%s", want, got)
		}
	}
	if strings.Contains(got, "secret") && strings.Contains(got, "\"secret\"") {
		t.Errorf("content of an outside file leaked: %s", got)
	}
}

func TestLoadErrors(t *testing.T) {
	if _, err := Load(filepath.Join(t.TempDir(), "nope.yaml"), Options{}); err == nil || !strings.Contains(err.Error(), "no such file") {
		t.Errorf("missing: %v", err)
	}
	if _, err := Load(t.TempDir(), Options{}); err == nil || !strings.Contains(err.Error(), "is a directory") {
		t.Errorf("dir: %v", err)
	}
	big := filepath.Join(t.TempDir(), "big.yaml")
	f, _ := os.Create(big)
	f.Truncate(MaxTenantSize + 1) // sparse: no disk used
	f.Close()
	if _, err := Load(big, Options{}); err == nil || !strings.Contains(err.Error(), "mfactl reads tenant.yaml files of up to 20 MB") {
		t.Errorf("big: %v", err)
	}
}

// FuzzParse: any bytes give findings with valid positions, never a panic.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"tenant:\n  customize_mfa_in_postlogin_action: true\n",
		"guardianFactors:\n  - name: otp\n    enabled: true\n  - &a {name: sms}\n  - *a\n",
		"actions:\n  - name: a\n    code: ./a.js\n    supported_triggers: [{id: post-login, version: v3}]\ntriggers:\n  post-login:\n    - action_name: a\n",
		"a: [1, 2\n", "\t- x", "x: *nope\n", "{{{{{{{{", "- - - - -", "'@@K@@'", "guardianPolicies: {policies: [x, y]}\n",
	} {
		f.Add([]byte(s), "K", "v")
	}
	f.Fuzz(func(t *testing.T, data []byte, key, value string) {
		m := &source.Mappings{}
		m.Set(source.StringKeyword(key, value))
		tn := Parse("t.yaml", t.TempDir(), data, Options{Keywords: m})
		lines := strings.Count(string(data), "\n") + 1
		for _, fd := range tn.Findings {
			if fd.Line < 1 || fd.Line > lines || fd.Col < 1 {
				t.Fatalf("finding outside the file (%d lines): %s", lines, fd.Error())
			}
		}
	})
}

// TestDeployCLITopLevelKeys: every key the Deploy CLI 8.x reads is accepted without a finding, and a
// key it does not read still gets the unknown-key warning.
func TestDeployCLITopLevelKeys(t *testing.T) {
	for _, k := range []string{"eventStreams", "riskAssessment", "supplementalSignals", "rateLimitPolicies", "clientAuthCredentials",
		"actionModules", "selfServiceProfiles", "networkACLs", "userAttributeProfiles", "connectionProfiles", "tokenExchangeProfiles"} {
		if got := messages(parse(t, k+": {}\n")); got != "" {
			t.Errorf("%s: %s", k, got)
		}
	}
	if got := messages(parse(t, "migrations: {}\n")); !strings.Contains(got, `unknown top-level key "migrations"`) {
		t.Errorf("migrations (removed in 8.0.0): %q", got)
	}
}

func parseWith(t *testing.T, yaml string, kws ...source.Keyword) *Tenant {
	t.Helper()
	m := &source.Mappings{}
	for _, k := range kws {
		m.Set(k)
	}
	return Parse("tenant.yaml", t.TempDir(), []byte(yaml), Options{Keywords: m})
}

// TestUnmappedPlaceholders: a placeholder with no mapping, in any position, is one unresolved-keyword
// warning at its position, never a YAML error, and its value is unknown.
func TestUnmappedPlaceholders(t *testing.T) {
	tn := parse(t, `tenant:
  friendly_name: ##TENANT_NAME##
  customize_mfa_in_postlogin_action: @@MFA_TOGGLE@@
guardianFactors:
  - name: otp
    enabled: @@OTP_ON@@
  - name: @@OTHER@@
    enabled: true
guardianPhoneFactorMessageTypes:
  message_types: [sms, @@MT@@]
guardianPolicies:
  policies: @@POLICIES@@
actions:
  - name: mfa
    code: ./actions/##DIR##/code.js
    deployed: ##DEPLOYED##
    secrets: '@@ACTION_SECRETS@@'
    dependencies:
      - @@DEP@@
    supported_triggers:
      - id: post-login
        version: ##VER##
triggers:
  post-login:
    - action_name: @@BOUND@@
      display_name: ##DISPLAY##
# a comment that mentions ##NOT_A_VALUE##
`)
	var want []string
	for _, pos := range []string{"2:18", "3:38", "6:14", "7:11", "10:24", "12:13", "15:21", "16:15", "17:15", "19:9", "22:18", "25:20", "26:21"} {
		want = append(want, "tenant.yaml:"+pos+": warning: keyword ")
	}
	got := messages(tn)
	if n := strings.Count(got, "\n"); n != len(want) || strings.Contains(got, "error") {
		t.Errorf("want %d unresolved-keyword warnings, got:\n%s", len(want), got)
	}
	for _, w := range want {
		if !strings.Contains(got, w) {
			t.Errorf("missing %q in:\n%s", w, got)
		}
	}
	s := tn.Settings
	if !s.CustomizeMFA.Unknown || s.CustomizeMFA.Set {
		t.Errorf("toggle: %+v", s.CustomizeMFA)
	}
	if !tn.Factors.Unknown || tn.Factors.Known("otp") || !tn.Factors.Items[0].Enabled.Unknown {
		t.Errorf("factors: %+v", tn.Factors)
	}
	if !tn.MessageTypes.Unknown || !tn.Policies.Unknown {
		t.Errorf("message types %+v, policies %+v", tn.MessageTypes, tn.Policies)
	}
	a := tn.Actions[0]
	if !a.Code.Unknown || a.Code.Value != "./actions/##DIR##/code.js" || !a.Deployed.Unknown || !a.Supports("post-login").Version.Unknown {
		t.Errorf("action: %+v", a)
	}
	if !tn.BindingsUnknown || tn.PostLogin[0].ActionName.Value != "@@BOUND@@" {
		t.Errorf("bindings: %v %+v", tn.BindingsUnknown, tn.PostLogin)
	}
}

// TestPlaceholderWholeSections: keyword injection of whole lists and mappings.
func TestPlaceholderWholeSections(t *testing.T) {
	tn := parse(t, "tenant: '@@TENANT@@'\nguardianFactors: '@@FACTORS@@'\nactions: @@ACTIONS@@\ntriggers: '@@TRIGGERS@@'\n@@EXTRA@@: 1\n")
	if got := messages(tn); strings.Count(got, "unresolved-keyword") != 5 || strings.Count(got, "\n") != 5 {
		t.Errorf("got:\n%s", got)
	}
	if !tn.Settings.Unknown || !tn.Factors.Unknown || !tn.ActionsUnknown || !tn.BindingsUnknown {
		t.Errorf("%+v", tn)
	}
}

// TestKeywordQuotingMessages: messages about quotes speak of what the user wrote.
func TestKeywordQuotingMessages(t *testing.T) {
	str := source.StringKeyword("T", "true")
	jsonTrue, _ := source.JSONKeyword("T", []byte("true"))
	tests := []struct {
		name, yaml string
		kw         []source.Keyword
		want       string
	}{
		{"@@ with a string value", "tenant:\n  customize_mfa_in_postlogin_action: @@T@@\n", []source.Keyword{str},
			`tenant.yaml:2:38: error: tenant.customize_mfa_in_postlogin_action must be true or false, not a string (from @@T@@); @@T@@ inserts its value JSON-encoded, and its value is a string (as every value from --keyword, --env-keyword and the environment is): write ##T## without quotes to insert the text as it is, or map T to the JSON value true or false in AUTH0_KEYWORD_REPLACE_MAPPINGS or a --keywords-file [wrong-type]`},
		{"quoted @@ with a string value", "tenant:\n  customize_mfa_in_postlogin_action: '@@T@@'\n", []source.Keyword{str},
			`not a string (from @@T@@); @@T@@ inserts its value JSON-encoded`},
		{"quoted ## with a string value", "guardianFactors:\n  - name: otp\n    enabled: '##T##'\n", []source.Keyword{str},
			`tenant.yaml:3:14: warning: guardianFactors enabled must be true or false, not a string (from ##T##); remove the quotes around ##T## so that its value is read as a boolean [wrong-type]`},
		{"@@ with a JSON boolean", "tenant:\n  customize_mfa_in_postlogin_action: '@@T@@'\n", []source.Keyword{jsonTrue}, ""},
		{"bare ## with a string value", "tenant:\n  customize_mfa_in_postlogin_action: ##T##\n", []source.Keyword{str}, ""},
		{"quotes the user wrote", "tenant:\n  customize_mfa_in_postlogin_action: 'true'\n", nil,
			`must be true or false, not the string "true"; write true without quotes [wrong-type]`},
		{"enum from a keyword", "guardianPolicies:\n  policies: ['##P##']\n", []source.Keyword{source.StringKeyword("P", "sometimes")},
			`tenant.yaml:2:14: error: policy from ##P## is not one of "all-applications", "confidence-score" [invalid-value]`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tn := parseWith(t, tt.yaml, tt.kw...)
			got := messages(tn)
			if tt.want == "" {
				if got != "" {
					t.Errorf("unexpected findings:\n%s", got)
				}
				if s := tn.Settings; s != nil && (!s.CustomizeMFA.Set || !s.CustomizeMFA.Value) {
					t.Errorf("toggle: %+v", s.CustomizeMFA)
				}
				return
			}
			if !strings.Contains(got, tt.want) {
				t.Errorf("got:\n%s\nwant a line containing:\n%s", got, tt.want)
			}
			if strings.Contains(got, "sometimes") {
				t.Errorf("a keyword value is printed: %s", got)
			}
		})
	}
}

// FuzzPlaceholders: placeholders with no mapping in any position never make a file that is
// well-formed once they are values a YAML error, and never a panic or a finding outside the file.
func FuzzPlaceholders(f *testing.F) {
	for _, s := range []string{
		"tenant:\n  customize_mfa_in_postlogin_action: @@TOGGLE@@\n  friendly_name: ##NAME## tenant\n",
		"guardianFactors:\n  - name: @@F@@\n    enabled: ##ON##\n  - @@ITEM@@\n",
		"guardianFactors: '@@FACTORS@@'\nactions: @@ACTIONS@@\ntriggers: ##TRIGGERS##\n",
		"guardianPhoneFactorMessageTypes:\n  message_types: [sms, @@MT@@]\nguardianPolicies: {policies: [##P##]}\n",
		"actions:\n  - name: ##N##\n    code: ./actions/@@DIR@@/code.js\n    deployed: @@D@@\n    secrets: '@@S@@'\n    supported_triggers: [{id: @@ID@@, version: ##V##}]\n",
		"triggers:\n  post-login:\n    - action_name: @@A@@\n      display_name: \"##D##\"\n  @@T@@: []\n",
		"scope: [\"x\",\n##MORE##]\n", "a: ##X## # c ##Y##\n##Z##\n", "@@K@@: @@V@@\n? ##Q##\n: 1\n",
		"code: |\n  ##X## @@Y@@\n", "x: &a @@A@@\ny: *a\n", "'@@K@@'", "- @@A@@ @@B@@\n- ##C##-##D##\n",
	} {
		f.Add([]byte(s), "TOGGLE", "true")
	}
	f.Fuzz(func(t *testing.T, data []byte, key, value string) {
		m := &source.Mappings{}
		m.Set(source.StringKeyword(key, value))
		tn := Parse("t.yaml", t.TempDir(), data, Options{Keywords: m})
		lines := strings.Count(string(data), "\n") + 1
		for _, fd := range tn.Findings {
			if fd.Line < 1 || fd.Line > lines || fd.Col < 1 {
				t.Fatalf("finding outside the file (%d lines): %s", lines, fd.Error())
			}
		}
		// The same text with every placeholder an ordinary word of the same length.
		sf := source.NewFile("t.yaml", data)
		sf.Replace(m)
		ref := append([]byte(nil), sf.Text...)
		for _, r := range sf.UnresolvedRanges() {
			start := r[0]
			for start > 0 && !strings.ContainsRune(" \t\r\n[]{},:'\"", rune(ref[start-1])) {
				start--
			}
			if ref[start] == '!' || ref[start] == '&' || ref[start] == '*' {
				return // part of a tag, an anchor or an alias, not a value
			}
			for i := r[0]; i < r[1]; i++ {
				ref[i] = 'x'
			}
		}
		var doc yaml.Node
		if yaml.Unmarshal(ref, &doc) != nil {
			return
		}
		for _, fd := range tn.Findings {
			if fd.Rule == RuleYAMLSyntax && strings.HasPrefix(fd.Message, "could not parse as YAML") {
				t.Fatalf("a file that parses with its placeholders as values gives %s\n%q", fd.Error(), sf.Text)
			}
		}
	})
}
