package validate_test

import (
	"fmt"
	"path/filepath"
	"testing"

	"github.com/mfactl/mfactl/config"
	"github.com/mfactl/mfactl/internal/tenantgen"
	"github.com/mfactl/mfactl/validate"
)

// BenchmarkValidate loads a generated tenant (YAML, code files) and runs every rule on it.
func BenchmarkValidate(b *testing.B) {
	for _, n := range []int{50, 500} {
		b.Run(fmt.Sprintf("actions=%d", n), func(b *testing.B) {
			dir := b.TempDir()
			if err := tenantgen.Write(dir, n); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				t, err := config.Load(filepath.Join(dir, "tenant.yaml"), config.Options{})
				if err != nil {
					b.Fatal(err)
				}
				validate.Run(t, validate.Options{})
			}
		})
	}
}

// BenchmarkValidateDir is BenchmarkValidate on the same tenant in the Deploy CLI's directory format.
func BenchmarkValidateDir(b *testing.B) {
	for _, n := range []int{50, 500} {
		b.Run(fmt.Sprintf("actions=%d", n), func(b *testing.B) {
			dir := b.TempDir()
			if err := tenantgen.WriteDir(dir, n); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				t, err := config.Load(dir, config.Options{})
				if err != nil {
					b.Fatal(err)
				}
				validate.Run(t, validate.Options{})
			}
		})
	}
}
