package jsrt

import (
	"strings"
	"testing"
	"time"
)

// TestHTTPHostile: what the Go request paths loop or recurse over (params, a config's keys, a
// request's headers) is bounded and stops with the run: a cycle or a huge params object gets a
// RangeError or the timeout, never a crash or a hang.
func TestHTTPHostile(t *testing.T) {
	for _, tt := range []struct{ name, body, want string }{
		{"params that contain themselves", `const p = {}; p.p = p; await require('axios').get('https://api.example.com/', { params: p });`,
			"RangeError: axios params: params nest deeper than mfactl's limit of 1000"},
		{"an array that contains itself", `const a = [1]; a.push(a); await require('axios').get('https://api.example.com/', { params: { a } });`,
			"RangeError: axios params: params nest deeper than mfactl's limit of 1000"},
		{"a sparse array of 2**32-1", `const a = []; a.length = 2 ** 32 - 1; await require('axios').get('https://api.example.com/', { params: { a } });`,
			"action_timeout: : the Action did not finish within"},
		{"a params query longer than a string may be", `const v = 'x'.repeat(1 << 20); const p = {}; for (let i = 0; i < 40; i++) { p['k' + i] = v; } await require('axios').get('https://api.example.com/', { params: p });`,
			"RangeError: axios params: the result would be longer than mfactl's limit of"},
		{"a config with many keys", `const c = {}; for (let i = 0; i < 20000; i++) { c['k' + i] = i; } const r = await require('axios').get('https://api.example.com/', c); api.idToken.setCustomClaim('n', Object.keys(r.config).length);`,
			""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			src := "exports.onExecutePostLogin = async (event, api) => {\n" + tt.body + "\n};"
			start := time.Now()
			timeout := 3 * time.Second
			r := runAction(t, src, Options{Timeout: timeout, HTTP: echoTable})
			if d := time.Since(start); d > timeout+2*time.Second {
				t.Errorf("Run took %v", d)
			}
			got := ""
			if r.Err != nil {
				got = r.Err.Class + ": " + r.Err.Name + ": " + r.Err.Message
			}
			if tt.want == "" && r.Err != nil || tt.want != "" && !strings.Contains(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}
