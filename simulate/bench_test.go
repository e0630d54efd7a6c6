package simulate

import (
	"context"
	"testing"

	"github.com/mfactl/mfactl/config"
)

// BenchmarkScenario runs one scenario through the three-Action example flow.
func BenchmarkScenario(b *testing.B) {
	tn, err := config.Load("../examples/selection-and-enrollment/tenant.yaml", config.Options{})
	if err != nil {
		b.Fatal(err)
	}
	f, err := Parse("s.yaml", []byte("scenarios:\n  - name: admin\n    user: {app_metadata: {isAdmin: true}, enrolledFactors: [{type: otp}]}\n"))
	if err != nil {
		b.Fatal(err)
	}
	s := New(tn, f)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if r := s.Run(context.Background(), f.Scenarios[0]); r.Outcome != Success {
			b.Fatal(r.Error)
		}
	}
}

// BenchmarkRequests runs one scenario of bench/http's flow without and with its two stubbed
// requests (issue 11's speed target compares the two; bench/simulate.sh measures whole runs).
func BenchmarkRequests(b *testing.B) {
	tn, err := config.Load("../bench/http/tenant.yaml", config.Options{})
	if err != nil {
		b.Fatal(err)
	}
	for _, mode := range []string{"off", "on"} {
		b.Run(mode, func(b *testing.B) {
			src := "scenarios:\n  - name: one\n    user: {enrolledFactors: [{type: otp}]}\n    event: {request: {geoip: {countryCode: DE}}}\n"
			if mode == "on" {
				src = "defaults:\n  configuration: {REQUESTS: 'on'}\n  http:\n" +
					"    - {method: POST, url: https://risk.example.com/v1/score, body: {score: 42}}\n" +
					"    - {method: GET, url: 'https://allow-list.example.com/v1/countries?code=DE', body: {code: DE, allowed: true}}\n" + src
			}
			f, err := Parse("s.yaml", []byte(src))
			if err != nil {
				b.Fatal(err)
			}
			s := New(tn, f)
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if r := s.Run(context.Background(), f.Scenarios[0]); r.Outcome != Success || (mode == "on") != (len(r.Requests) == 2) {
					b.Fatal(r.Outcome, r.Error, r.Requests)
				}
			}
		})
	}
}
