package actioncode

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// FuzzAnalyze checks that any source gives an analysis whose spans lie in the source, with no
// panic (a recovered one shows as an internal error) and with consistent counts.
func FuzzAnalyze(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.js")
	for _, name := range files {
		if src, err := os.ReadFile(name); err == nil {
			f.Add(src)
		}
	}
	for _, tests := range [][]analysisTest{handlerTests, factorTests, pathTests, enrollTests} {
		for _, tt := range tests {
			f.Add([]byte(tt.src))
		}
	}
	f.Add([]byte("function f(api) { g(api) } function g(api) { f(api); api.authentication.challengeWith(X) }\nexports.onExecutePostLogin = async (e, api) => f(api);"))
	f.Add([]byte("l: { m: for (;;) { if (a) continue m; else break l; } }\nexports.onExecutePostLogin = async (e, api) => { try { throw 1 } catch { } finally { return } };"))
	f.Add([]byte("x = `a${`b${c}`}` / 2 / /re[/]/g; y = a ? b => c : d => e"))
	f.Add([]byte("function[[[...{")) // goja's parser panics on this
	f.Fuzz(func(t *testing.T, src []byte) {
		an := Analyze(src)
		in := func(s Span) bool { return 0 <= s.Start && s.Start <= s.End && s.End <= len(src) }
		if se := an.SyntaxError; se != nil {
			if strings.HasPrefix(se.Message, internalError) {
				t.Fatalf("panic: %s", se.Message)
			}
			if !in(se.Span) || se.Span.Start == se.Span.End && se.Span.Start != len(src) {
				t.Fatalf("syntax error span %+v in %d bytes", se.Span, len(src))
			}
			return
		}
		for _, h := range []Handler{an.ExecuteHandler, an.ContinueHandler} {
			if h.Found && (!in(h.Span) || !in(h.FuncSpan)) {
				t.Fatalf("handler span outside the source: %+v", h)
			}
		}
		last := -1
		for _, c := range an.Calls {
			if !in(c.Span) || !in(c.CallSpan) || c.Span.Start < c.CallSpan.Start || c.Span.End > c.CallSpan.End {
				t.Fatalf("call span: %+v", c)
			}
			if c.CallSpan.Start < last {
				t.Fatalf("calls out of source order: %+v", an.Calls)
			}
			last = c.CallSpan.Start
			for _, fr := range c.Factors {
				if !in(fr.TypeSpan) || !in(fr.PreferredSpan) {
					t.Fatalf("factor span outside the source: %+v", fr)
				}
			}
			for _, s := range c.Computed {
				if !in(s) {
					t.Fatalf("computed span outside the source: %+v", s)
				}
			}
			if c.EnrollBeforeChallenge && !c.Method.IsEnroll() {
				t.Fatalf("EnrollBeforeChallenge on %s", c.Method)
			}
		}
		if an.MinCommands < 0 || an.MaxCommands != Unbounded && an.MaxCommands < an.MinCommands {
			t.Fatalf("commands %d..%d", an.MinCommands, an.MaxCommands)
		}
		if !an.ExecuteHandler.Found && (an.MaxCommands != 0 || an.ChallengesOnEveryPath) {
			t.Fatalf("counts without a handler: %+v", an)
		}
	})
}

// BenchmarkAnalyze analyses a realistic Action of about 150 lines.
func BenchmarkAnalyze(b *testing.B) {
	src, err := os.ReadFile("testdata/bench-action.js")
	if err != nil {
		b.Fatal(err)
	}
	if an := Analyze(src); an.SyntaxError != nil || len(an.Calls) == 0 {
		b.Fatalf("%+v", an)
	}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		Analyze(src)
	}
}

// FuzzEventReads checks that reading the event's paths, helpers followed, never panics (EventReads
// would hide a panic as no reads) and that every gap lies in the source.
func FuzzEventReads(f *testing.F) {
	for _, src := range []string{
		"function a(e, n) { return b(e, n) } function b(e, n) { return a(e.user, n) || e.x === 1 }\nexports.onExecutePostLogin = async (event, api) => a(event, 1);",
		"const h = { f({ user: { app_metadata: md } = {} }) { return md.x } };\nexports.onExecutePostLogin = async (event, api) => { ((e) => h.f(e))(event); h.f.call(null, event); g(...[event]); };",
		"function f(e) { e = e.user; const g = (e) => e.a; return g(e) }\nexports.onExecutePostLogin = async (event, api) => { f(event); f(event.user[k]); };",
		"function[[[...{",
	} {
		f.Add([]byte(src))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		start := time.Now()
		r := newReader(src)
		if r == nil {
			return
		}
		r.run()
		if d := time.Since(start); d > 2*time.Second {
			t.Fatalf("took %v", d)
		}
		for _, g := range r.gaps {
			if g.Offset < 0 || g.Offset >= len(src) {
				t.Fatalf("gap outside the source: %+v", g)
			}
		}
	})
}
