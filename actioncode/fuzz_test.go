package actioncode

import (
	"os"
	"strings"
	"testing"
)

// FuzzAnalyze: any source gives an analysis with spans inside the source, never a panic.
func FuzzAnalyze(f *testing.F) {
	for _, name := range []string{"testdata/enroll-admins-action1.js", "testdata/enroll-admins-action2.js"} {
		if src, err := os.ReadFile(name); err == nil {
			f.Add(src)
		}
	}
	f.Add([]byte(h + "switch (x) { case 1: api.authentication.challengeWith({type: 'otp'}); default: break; }\n};"))
	f.Add([]byte("module.exports = { onExecutePostLogin };\nasync function onExecutePostLogin(e, api) { for (;;) api.authentication.enrollWithAny([...a]); }"))
	f.Add([]byte("function f(api) { g(api) } function g(api) { f(api); api.authentication.challengeWith(X) }\nexports.onExecutePostLogin = async (e, api) => f(api);"))
	f.Fuzz(func(t *testing.T, src []byte) {
		an := Analyze(src)
		in := func(s Span) bool { return 0 <= s.Start && s.Start <= s.End && s.End <= len(src) }
		if an.SyntaxError != nil {
			if !in(an.SyntaxError.Span) {
				t.Fatalf("syntax error span %+v outside %d bytes", an.SyntaxError.Span, len(src))
			}
			return
		}
		for _, c := range an.Calls {
			if !in(c.Span) || !in(c.CallSpan) {
				t.Fatalf("call span outside the source: %+v", c)
			}
			for _, fr := range c.Factors {
				if !in(fr.TypeSpan) {
					t.Fatalf("factor span outside the source: %+v", fr)
				}
			}
		}
		if an.MinCommands < 0 || (an.MaxCommands != Unbounded && an.MaxCommands < an.MinCommands) {
			t.Fatalf("commands %d..%d", an.MinCommands, an.MaxCommands)
		}
	})
}

// BenchmarkAnalyze analyses a 150-line Action.
func BenchmarkAnalyze(b *testing.B) {
	src, err := os.ReadFile("testdata/enroll-admins-action1.js")
	if err != nil {
		b.Fatal(err)
	}
	var sb strings.Builder
	for sb.Len() == 0 || strings.Count(sb.String(), "\n") < 150 {
		sb.Write(src)
		sb.WriteString("\nfunction helper" + string(rune('a'+strings.Count(sb.String(), "helper"))) + "(x) { return x.map((y) => y * 2).filter(Boolean); }\n")
	}
	data := []byte(sb.String())
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if an := Analyze(data); an.SyntaxError != nil {
			b.Fatal(an.SyntaxError.Message)
		}
	}
}
