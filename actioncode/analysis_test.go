package actioncode

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

// summary renders the facts a test checks in one line.
func summary(an *Analysis, src string) string {
	if an.SyntaxError != nil {
		return fmt.Sprintf("syntax %q at %q", an.SyntaxError.Message, src[an.SyntaxError.Span.Start:an.SyntaxError.Span.End])
	}
	var b strings.Builder
	fmt.Fprintf(&b, "exec=%v/%v cont=%v/%v cmds=%d..%d every=%v", an.ExecuteHandler.Found, an.ExecuteHandler.Async,
		an.ContinueHandler.Found, an.ContinueHandler.Async, an.MinCommands, an.MaxCommands, an.ChallengesOnEveryPath)
	for _, c := range an.Calls {
		fmt.Fprintf(&b, " | %s", c.Method.Short())
		for _, f := range c.Factors {
			fmt.Fprintf(&b, " %s", f.Type)
			if f.PreferredMethod != "" {
				fmt.Fprintf(&b, "/%s", f.PreferredMethod)
			}
			if f.Additional {
				b.WriteString("+")
			}
			if got := src[f.TypeSpan.Start:f.TypeSpan.End]; !strings.Contains(got, f.Type) {
				fmt.Fprintf(&b, "(span %q!)", got)
			}
		}
		for _, s := range c.Computed {
			fmt.Fprintf(&b, " computed(%s)", src[s.Start:s.End])
		}
		if c.StringArgSet {
			fmt.Fprintf(&b, " %q", c.StringArg)
		}
		if c.InLoop {
			b.WriteString(" loop")
		}
		if c.EnrollBeforeChallenge {
			b.WriteString(" unchallenged")
		}
		if c.Handler == "" {
			b.WriteString(" unreached")
		}
		if got := src[c.Span.Start:c.Span.End]; got != c.Method.Short() {
			fmt.Fprintf(&b, "(span %q!)", got)
		}
	}
	return b.String()
}

const h = "exports.onExecutePostLogin = async (event, api) => {\n"

func TestAnalyze(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"arrow", h + "api.authentication.challengeWith({type: 'otp'});\n};",
			"exec=true/true cont=false/false cmds=1..1 every=true | challengeWith otp"},
		{"not async", "exports.onExecutePostLogin = function (event, api) { return Promise.resolve(); };",
			"exec=true/false cont=false/false cmds=0..0 every=false"},
		{"missing handler", "exports.onExecute = async () => {};", "exec=false/false cont=false/false cmds=0..0 every=false"},
		{"module.exports object with method and shorthand", "async function onContinuePostLogin() {}\nmodule.exports = { async onExecutePostLogin(event, api) { api.authentication.enrollWith({type: 'otp'}) }, onContinuePostLogin };",
			"exec=true/true cont=true/true cmds=1..1 every=false | enrollWith otp unchallenged"},
		{"named function", "const run = async (event, api) => { api.authentication.challengeWithAny([{type: 'otp'}, {type: \"phone\", options: {preferredMethod: 'voice'}}]) };\nexports.onExecutePostLogin = run;",
			"exec=true/true cont=false/false cmds=1..1 every=true | challengeWithAny otp phone/voice"},
		{"additional factors and constants", "const OTP = {type: 'otp'};\nconst BACKUP = [{type: `email`}];\n" + h + "api.authentication.challengeWith(OTP, {additionalFactors: BACKUP});\n};",
			"exec=true/true cont=false/false cmds=1..1 every=true | challengeWith otp email+"},
		{"computed", h + "api.authentication.challengeWith({type: 'otp'}, {additionalFactors: event.user.enrolledFactors.map(f => ({type: f.type}))});\napi.authentication.challengeWithAny([...extra, {type: t}]);\n};",
			"exec=true/true cont=false/false cmds=2..2 every=true | challengeWith otp computed(event.user.enrolledFactors.map(f => ({type: f.type}))) | challengeWithAny computed(extra) computed(t)"},
		{"if else", h + "if (a) { api.authentication.challengeWith({type: 'otp'}); api.authentication.challengeWith({type: 'phone'}); } else { api.authentication.challengeWith({type: 'email'}); }\n};",
			"exec=true/true cont=false/false cmds=1..2 every=true | challengeWith otp | challengeWith phone | challengeWith email"},
		{"if without else", h + "if (a) api.authentication.challengeWith({type: 'otp'});\n};",
			"exec=true/true cont=false/false cmds=0..1 every=false | challengeWith otp"},
		{"early return", h + "if (!a) return;\napi.authentication.challengeWith({type: 'otp'});\napi.authentication.challengeWith({type: 'phone'});\n};",
			"exec=true/true cont=false/false cmds=0..2 every=false | challengeWith otp | challengeWith phone"},
		{"switch", h + "switch (x) { case 1: api.authentication.challengeWith({type: 'otp'}); case 2: api.authentication.challengeWith({type: 'phone'}); break; default: api.authentication.challengeWith({type: 'email'}); }\n};",
			"exec=true/true cont=false/false cmds=1..2 every=true | challengeWith otp | challengeWith phone | challengeWith email"},
		{"switch without default", h + "switch (x) { case 1: api.authentication.challengeWith({type: 'otp'}); break; }\n};",
			"exec=true/true cont=false/false cmds=0..1 every=false | challengeWith otp"},
		{"ternary and &&", h + "a ? api.authentication.challengeWith({type: 'otp'}) : null;\nb && api.authentication.challengeWith({type: 'otp'});\n};",
			"exec=true/true cont=false/false cmds=0..2 every=false | challengeWith otp | challengeWith otp"},
		{"try catch", h + "try { api.authentication.challengeWith({type: 'otp'}); } catch (e) { api.authentication.challengeWith({type: 'email'}); }\n};",
			"exec=true/true cont=false/false cmds=1..2 every=true | challengeWith otp | challengeWith email"},
		{"loop", h + "for (const f of fs) { api.authentication.challengeWith(f); }\n};",
			"exec=true/true cont=false/false cmds=0..-1 every=false | challengeWith computed(f) loop"},
		{"callback", h + "fs.forEach((f) => api.authentication.challengeWith(f));\n};",
			"exec=true/true cont=false/false cmds=0..-1 every=false | challengeWith computed(f) loop"},
		{"helper inlined", "function stepUp(api) { api.authentication.challengeWith({type: 'otp'}); }\n" + h + "stepUp(api); stepUp(api);\n};",
			"exec=true/true cont=false/false cmds=2..2 every=true | challengeWith otp"},
		{"recursion", "function again(api) { api.authentication.challengeWith({type: 'otp'}); again(api); }\n" + h + "again(api);\n};",
			"exec=true/true cont=false/false cmds=1..-1 every=true | challengeWith otp"},
		{"iife", h + "(() => { api.authentication.challengeWith({type: 'otp'}); })();\n};",
			"exec=true/true cont=false/false cmds=1..1 every=true | challengeWith otp"},
		{"optional chaining and brackets", h + "api.authentication?.challengeWith?.({type: 'otp'});\napi['authentication'].enrollWithAny([{type: 'phone'}]);\n};",
			"exec=true/true cont=false/false cmds=2..2 every=true | challengeWith otp | enrollWithAny phone"},
		{"other methods", h + "api.multifactor.enable('any', {allowRememberBrowser: true}); api.redirect.sendUserTo('https://x'); api.access.deny(`no`);\n};",
			"exec=true/true cont=false/false cmds=0..0 every=false | enable \"any\" | sendUserTo \"https://x\" | deny \"no\""},
		{"unreached helper", "function unused(api) { api.authentication.challengeWith({type: 'otp'}); }\n" + h + "};",
			"exec=true/true cont=false/false cmds=0..0 every=false | challengeWith otp unreached"},
		{"enroll after challenge", h + "api.authentication.challengeWithAny([{type: 'otp'}]);\napi.authentication.enrollWith({type: 'phone'});\n};",
			"exec=true/true cont=false/false cmds=2..2 every=true | challengeWithAny otp | enrollWith phone"},
		{"enroll when the user has factors is flagged", h + "if (event.user.enrolledFactors.length > 0) { api.authentication.enrollWith({type: 'phone'}); }\n};",
			"exec=true/true cont=false/false cmds=0..1 every=false | enrollWith phone unchallenged"},
		{"enroll when the user has none is fine", h + "const enrolled = event.user.enrolledFactors ?? [];\nif (enrolled.length === 0) { api.authentication.enrollWith({type: 'phone'}); }\nif (!enrolled.length) api.authentication.enrollWithAny([{type: 'otp'}]);\n};",
			"exec=true/true cont=false/false cmds=0..2 every=false | enrollWith phone | enrollWithAny otp"},
		{"enroll after an early return for users with factors", h + "if (event.user.enrolledFactors?.length) return;\napi.authentication.enrollWith({type: 'otp'});\n};",
			"exec=true/true cont=false/false cmds=0..1 every=false | enrollWith otp"},
		{"enroll behind an unclear check gets the benefit of the doubt", h + "if (needsEnrollment(event.user.enrolledFactors)) api.authentication.enrollWith({type: 'otp'});\n};",
			"exec=true/true cont=false/false cmds=0..1 every=false | enrollWith otp"},
		{"syntax error", h + "api.authentication.challengeWith({ type: 'otp' };\n};", `syntax "Unexpected token ;" at ";"`},
		{"empty", "", "exec=false/false cont=false/false cmds=0..0 every=false"},
		{"binary", "\x00\xff\xfe", `syntax "Invalid UTF-8 character" at "\xff"`},
		{"deep nesting", strings.Repeat("(", 10000) + "1" + strings.Repeat(")", 10000), `syntax "brackets nested more than 500 deep" at "("`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := summary(Analyze([]byte(tt.src)), tt.src); got != tt.want {
				t.Errorf("\ngot:  %s\nwant: %s", got, tt.want)
			}
		})
	}
}

// The enrollment page's "admins must have two factors" sample: six MFA calls in the source, at most
// three per login, and its enrollments are all safe.
func TestOfficialEnrollmentSample(t *testing.T) {
	for _, tc := range []struct{ file, want string }{
		{"testdata/enroll-admins-action1.js", "exec=true/true cont=false/false cmds=1..2 every=false | challengeWithAny computed(enrolled.map((f) => ({ type: f.type }))) | enrollWith webauthn-roaming | enrollWithAny webauthn-roaming otp | enrollWithAny webauthn-roaming otp"},
		{"testdata/enroll-admins-action2.js", "exec=true/true cont=false/false cmds=0..1 every=false | challengeWith webauthn-roaming | challengeWith otp"},
	} {
		src, err := os.ReadFile(tc.file)
		if err != nil {
			t.Fatal(err)
		}
		if got := summary(Analyze(src), string(src)); got != tc.want {
			t.Errorf("%s:\ngot:  %s\nwant: %s", tc.file, got, tc.want)
		}
	}
}
