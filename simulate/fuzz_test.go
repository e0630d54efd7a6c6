package simulate

import (
	"errors"
	"strings"
	"testing"
)

// FuzzParse: any bytes give a scenarios file or a LoadError with positions inside the file, never a
// panic.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"now: 2026-01-01T09:00:00Z\nscenarios:\n  - name: a\n    user: {enrolledFactors: [{type: otp}]}\n    answers: [{factor: otp, result: failure}]\n    expect: {outcome: failed, exact: true}\n",
		"defaults: {client: {name: x}}\nmodules: {m: {value: 1}, n: {source: 'module.exports = 1'}}\nscenarios: []\n",
		"scenarios:\n  - name: a\n  - name: a\n", "scenarios: {}", "- x", "now: yesterday", "scenarios:\n  - {name: b, answers: [{result: maybe}]}\n",
		"defaults: {stats: {logins_count: '3'}}\nscenarios:\n  - {name: c, event: {transaction: {acr_values: x}, session: ~}, user: {enrolledFactors: [phone], e: &a [1], f: *a}}\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		_, err := Parse("s.yaml", data)
		var le *LoadError
		if errors.As(err, &le) {
			lines := strings.Count(string(data), "\n") + 1
			for _, fd := range le.Findings {
				if fd.Line < 1 || fd.Line > lines {
					t.Fatalf("finding outside the file: %s", fd.Error())
				}
			}
		}
	})
}
