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
