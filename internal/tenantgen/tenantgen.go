// Package tenantgen writes synthetic tenants for benchmarks: many post-login Actions of about 150
// lines each, all bound, with realistic MFA selection code.
package tenantgen

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// actionTemplate is about 150 lines of realistic Action code; %[1]d makes names unique.
const actionTemplate = `/**
 * Action %[1]d: choose the MFA factors for this login.
 * Users with factors are challenged with one of theirs; others enroll.
 */
const FIVE_SECONDS_%[1]d = 5000;
const PREFERRED_%[1]d = [{ type: 'otp' }, { type: 'phone', options: { preferredMethod: 'sms' } }];

function performed%[1]d(event, type) {
  const methods = (event.authentication && event.authentication.methods) || [];
  return methods.some(
    (m) => m.name === 'mfa' && m.type === type && Date.now() - new Date(m.timestamp).getTime() < FIVE_SECONDS_%[1]d
  );
}

function orgFactors%[1]d(event) {
  const raw = event.organization?.metadata?.factors ?? '';
  return raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

function isAdmin%[1]d(event) {
  const roles = event.authorization?.roles ?? [];
  return roles.includes('admin') || event.user.app_metadata?.isAdmin === true;
}

function riskIsLow%[1]d(event) {
  const risk = event.authentication?.riskAssessment;
  if (!risk) {
    return true;
  }
  const newDevice = risk.assessments?.NewDevice;
  if (newDevice && ['low', 'medium'].includes(newDevice.confidence)) {
    return false;
  }
  const travel = risk.assessments?.ImpossibleTravel;
  if (travel && travel.code === 'impossible_travel_from_last_login') {
    return false;
  }
  return risk.confidence !== 'low';
}

function describe%[1]d(event) {
  const parts = [];
  parts.push('user=' + event.user.user_id);
  parts.push('client=' + (event.client?.name ?? 'unknown'));
  if (event.organization) {
    parts.push('org=' + event.organization.name);
  }
  return parts.join(' ');
}

function claims%[1]d(event, api) {
  const ns = 'https://example.com/';
  const used = (event.authentication?.methods ?? []).filter((m) => m.name === 'mfa').map((m) => m.type);
  api.idToken.setCustomClaim(ns + 'mfa', used);
  api.idToken.setCustomClaim(ns + 'roles', event.authorization?.roles ?? []);
  api.accessToken.setCustomClaim(ns + 'org', event.organization?.id ?? null);
}

function allowedByOrg%[1]d(event, type) {
  const allowed = orgFactors%[1]d(event);
  return allowed.length === 0 || allowed.includes(type);
}

function pickChallenge%[1]d(event) {
  const enrolled = event.user.enrolledFactors ?? [];
  const usable = enrolled.filter((f) => allowedByOrg%[1]d(event, f.type));
  if (usable.some((f) => f.type === 'push-notification')) {
    return 'push';
  }
  if (usable.some((f) => f.type === 'phone')) {
    return 'phone';
  }
  if (usable.some((f) => f.type === 'otp')) {
    return 'otp';
  }
  return 'any';
}

exports.onExecutePostLogin = async (event, api) => {
  console.log('mfa selection: ' + describe%[1]d(event));
  const enrolled = event.user.enrolledFactors ?? [];

  if (riskIsLow%[1]d(event) && !isAdmin%[1]d(event) && performed%[1]d(event, 'otp')) {
    claims%[1]d(event, api);
    return;
  }

  if (enrolled.length > 0) {
    switch (pickChallenge%[1]d(event)) {
      case 'push':
        api.authentication.challengeWith({ type: 'push-notification' }, { additionalFactors: PREFERRED_%[1]d });
        break;
      case 'phone':
        api.authentication.challengeWith({ type: 'phone', options: { preferredMethod: 'sms' } });
        break;
      case 'otp':
        api.authentication.challengeWith({ type: 'otp' });
        break;
      default:
        api.authentication.challengeWithAny(enrolled.map((f) => ({ type: f.type })));
    }
    if (isAdmin%[1]d(event) && !enrolled.some((f) => f.type === 'webauthn-roaming')) {
      api.authentication.enrollWith({ type: 'webauthn-roaming' });
    }
  } else {
    api.authentication.enrollWithAny([{ type: 'otp' }, { type: 'webauthn-roaming' }]);
  }

  claims%[1]d(event, api);
};

exports.onContinuePostLogin = async (event, api) => {
  claims%[1]d(event, api);
};

// Padding helpers that real Actions accumulate over time.
function formatDate%[1]d(ts) {
  const d = new Date(ts);
  return d.toISOString().slice(0, 10);
}

function mask%[1]d(value) {
  if (!value || value.length < 4) {
    return '****';
  }
  return '*'.repeat(value.length - 4) + value.slice(-4);
}

function sameDay%[1]d(a, b) {
  return formatDate%[1]d(a) === formatDate%[1]d(b);
}

module.exports.helpers%[1]d = { formatDate%[1]d, mask%[1]d, sameDay%[1]d };
`

// factors are the guardianFactors of every generated tenant, all enabled.
var factors = []string{"otp", "sms", "push-notification", "webauthn-roaming", "email"}

// Write creates dir/tenant.yaml with n Actions bound to post-login, and their code files.
func Write(dir string, n int) error {
	var y strings.Builder
	y.WriteString("tenant:\n  customize_mfa_in_postlogin_action: true\nguardianFactors:\n")
	for _, f := range factors {
		fmt.Fprintf(&y, "  - name: %s\n    enabled: true\n", f)
	}
	y.WriteString("guardianPhoneFactorMessageTypes:\n  message_types: [sms, voice]\nguardianPolicies:\n  policies: []\nactions:\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&y, "  - name: action-%d\n    code: ./actions/action-%d/code.js\n    runtime: node22\n    deployed: true\n    dependencies: []\n    secrets: []\n    supported_triggers:\n      - id: post-login\n        version: v3\n", i, i)
		if err := writeCode(dir, i); err != nil {
			return err
		}
	}
	y.WriteString("triggers:\n  post-login:\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&y, "    - action_name: action-%d\n      display_name: action-%d\n", i, i)
	}
	return os.WriteFile(filepath.Join(dir, "tenant.yaml"), []byte(y.String()), 0o644)
}

func writeCode(dir string, i int) error {
	p := filepath.Join(dir, "actions", fmt.Sprintf("action-%d", i), "code.js")
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	return os.WriteFile(p, []byte(fmt.Sprintf(actionTemplate, i)), 0o644)
}

// WriteDir creates the same tenant as Write in the Deploy CLI's directory format, laid out as its
// export writes it: tenant.json, actions/<name>.json beside actions/<name>/code.js,
// triggers/triggers.json and guardian/ (JSON indented by two spaces, as its dumpJSON writes).
func WriteDir(dir string, n int) error {
	files := map[string]any{
		"tenant.json":                           map[string]any{"customize_mfa_in_postlogin_action": true},
		"guardian/phoneFactorMessageTypes.json": map[string]any{"message_types": []string{"sms", "voice"}},
		"guardian/policies.json":                map[string]any{"policies": []string{}},
	}
	for _, f := range factors {
		files["guardian/factors/"+f+".json"] = map[string]any{"name": f, "enabled": true}
	}
	type binding struct {
		ActionName  string `json:"action_name"`
		DisplayName string `json:"display_name"`
	}
	bindings := make([]binding, n)
	for i := 0; i < n; i++ {
		name := fmt.Sprintf("action-%d", i)
		files["actions/"+name+".json"] = map[string]any{
			"name": name, "code": "./actions/" + name + "/code.js", "runtime": "node22", "deployed": true,
			"dependencies": []any{}, "secrets": []any{},
			"supported_triggers": []any{map[string]any{"id": "post-login", "version": "v3"}},
		}
		bindings[i] = binding{name, name}
		if err := writeCode(dir, i); err != nil {
			return err
		}
	}
	files["triggers/triggers.json"] = map[string]any{"post-login": bindings}
	for name, v := range files {
		data, err := json.MarshalIndent(v, "", "  ")
		if err != nil {
			return err
		}
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, append(data, '\n'), 0o644); err != nil {
			return err
		}
	}
	return nil
}
