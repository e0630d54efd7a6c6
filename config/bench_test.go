package config

import (
	"path/filepath"
	"testing"

	"github.com/mfactl/mfactl/internal/tenantgen"
)

// BenchmarkLoad reads the generated 500-Action tenant (files, keyword replacement, parsing, the
// model and the code files) in each format; the rules are not run.
func BenchmarkLoad(b *testing.B) {
	for _, format := range []string{"yaml", "directory"} {
		b.Run(format, func(b *testing.B) {
			dir := b.TempDir()
			path := filepath.Join(dir, "tenant.yaml")
			write := tenantgen.Write
			if format == "directory" {
				path, write = dir, tenantgen.WriteDir
			}
			if err := write(dir, 500); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if _, err := Load(path, Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
