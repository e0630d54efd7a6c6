package simulate

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"go.yaml.in/yaml/v4"
)

// The default event passes the documented types it is checked against in a scenarios file.
func TestDefaultEventHasDocumentedTypes(t *testing.T) {
	e := firstEvent(t, baseTenant, "scenarios: [{name: s}]")
	b, err := yaml.Marshal(map[string]any{"defaults": e, "scenarios": []any{map[string]any{"name": "s"}}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Parse("s.yaml", b); err != nil {
		t.Fatalf("the default event does not pass its own type check:\n%v", err)
	}
}

func TestEventFieldTypes(t *testing.T) {
	tests := []struct{ name, file, want string }{
		{"acr_values a string", "scenarios:\n  - name: s\n    event: {transaction: {acr_values: \"x\"}}\n",
			`s.yaml:3:39: error: event.transaction.acr_values must be a list of strings, not the string "x" [scenarios]`},
		{"roles a string", "scenarios:\n  - name: s\n    event:\n      authorization: {roles: admin}\n",
			`s.yaml:4:30: error: event.authorization.roles must be a list of strings, not the string "admin" [scenarios]`},
		{"email_verified a string", "scenarios:\n  - name: s\n    user: {email_verified: \"yes\"}\n",
			`s.yaml:3:28: error: user.email_verified must be true or false, not the string "yes" [scenarios]`},
		{"logins_count a string", "defaults:\n  stats: {logins_count: \"3\"}\nscenarios: [{name: s}]\n",
			`s.yaml:2:25: error: defaults.stats.logins_count must be a number, not the string "3" [scenarios]`},
		{"enrolledFactors a string", "scenarios:\n  - name: s\n    user: {enrolledFactors: phone}\n",
			`s.yaml:3:29: error: user.enrolledFactors must be a list of mappings such as [{type: otp}], not the string "phone" [scenarios]`},
		{"enrolledFactors of strings", "scenarios:\n  - name: s\n    user: {enrolledFactors: [phone]}\n",
			`s.yaml:3:30: error: user.enrolledFactors[0] must be a mapping such as {type: otp}, not the string "phone" [scenarios]`},
		{"query a string", "scenarios:\n  - name: s\n    event: {request: {query: \"a=b\"}}\n",
			`s.yaml:3:30: error: event.request.query must be a mapping, not the string "a=b" [scenarios]`},
		{"a number where a string goes", "scenarios:\n  - name: s\n    user: {phone_number: 15555550100}\n",
			`s.yaml:3:26: error: user.phone_number must be a string, not the number 15555550100 (quote it: '15555550100') [scenarios]`},
		{"client metadata values are strings", "defaults:\n  client: {metadata: {tier: 3}}\nscenarios: [{name: s}]\n",
			`s.yaml:2:29: error: defaults.client.metadata.tier must be a string, not the number 3 (quote it: '3') [scenarios]`},
		{"null for a field Auth0 always sends", "scenarios:\n  - name: s\n    user: {user_id: null}\n",
			`s.yaml:3:21: error: user.user_id must be a string, not null: Auth0 always sends it [scenarios]`},
		{"resource_server a string", "scenarios:\n  - name: s\n    event: {resource_server: 'https://api'}\n",
			`s.yaml:3:30: error: event.resource_server must be a mapping, not the string "https://api" [scenarios]`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("s.yaml", []byte(tt.file))
			var le *LoadError
			if !errors.As(err, &le) {
				t.Fatalf("no load error: %v", err)
			}
			if got := le.Error(); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

// Fields whose type Auth0 does not document, and extra fields inside the event's parts, are not
// checked (the event's top-level fields are all documented: see TestUnknownKeys).
func TestEventFieldTypesAllowExtras(t *testing.T) {
	file := `defaults:
  user: {department: 7, app_metadata: {anything: [1, {a: b}]}, identities: []}
  transaction: {custom: {x: 1}, metadata: {n: 1, b: true, s: x}, protocol: oauth2-refresh-token}
  request: {query: {prompt: none}, body: {n: 1}, custom_header: x}
scenarios:
  - name: s
    user: {created_at: 2025-01-01T00:00:00Z, multifactor: [guardian]}
    event: {organization: null, authentication: {riskAssessment: {confidence: low, version: '1', assessments: {}}}}
`
	if _, err := Parse("s.yaml", []byte(file)); err != nil {
		t.Fatal(err)
	}
}

// The examples' scenarios files still load (they are run by testdata/script/examples.txtar too).
func TestExamplesLoad(t *testing.T) {
	files, _ := filepath.Glob("../examples/*/scenarios.yaml")
	for _, p := range files {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := Parse(p, data); err != nil {
			t.Errorf("%s: %v", p, err)
		}
	}
}
