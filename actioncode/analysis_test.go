package actioncode

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"
)

// describe renders the facts a test checks in one line. It also checks that every span covers the
// text it should, and says so in the line when one does not.
func describe(an *Analysis, src string) string {
	if an.SyntaxError != nil {
		s := an.SyntaxError.Span
		return fmt.Sprintf("syntax %q at %d %q", an.SyntaxError.Message, s.Start, src[s.Start:s.End])
	}
	var b strings.Builder
	fmt.Fprintf(&b, "exec=%v/%v cont=%v/%v cmds=%d..%d every=%v", an.ExecuteHandler.Found, an.ExecuteHandler.Async,
		an.ContinueHandler.Found, an.ContinueHandler.Async, an.MinCommands, an.MaxCommands, an.ChallengesOnEveryPath)
	for _, c := range an.Calls {
		fmt.Fprintf(&b, " | %s", c.Method.Short())
		for _, f := range c.Factors {
			fmt.Fprintf(&b, " %s", f.Type)
			if f.Type == "" {
				b.WriteString("<none>")
			}
			if f.PreferredMethod != "" {
				fmt.Fprintf(&b, "/%s", f.PreferredMethod)
				if got := src[f.PreferredSpan.Start:f.PreferredSpan.End]; !strings.Contains(got, f.PreferredMethod) {
					fmt.Fprintf(&b, "(preferred span %q!)", got)
				}
			}
			if f.Additional {
				b.WriteString("+")
			}
			if got := src[f.TypeSpan.Start:f.TypeSpan.End]; f.Type != "" && !strings.Contains(got, f.Type) && !isIdent(got) {
				fmt.Fprintf(&b, "(type span %q!)", got)
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
		switch c.Handler {
		case "":
			b.WriteString(" unreached")
		case continueHandler:
			b.WriteString(" cont")
		}
		if got := src[c.Span.Start:c.Span.End]; got != c.Method.Short() {
			fmt.Fprintf(&b, "(span %q!)", got)
		}
		if got := src[c.CallSpan.Start:c.CallSpan.End]; !strings.HasSuffix(got, ")") {
			fmt.Fprintf(&b, "(call span %q!)", got)
		}
	}
	return b.String()
}

func isIdent(s string) bool {
	return s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_$0123456789") == ""
}

// h opens an async arrow onExecutePostLogin; tests close it with "};".
const h = "exports.onExecutePostLogin = async (event, api) => {\n"

// c is a challengeWith of OTP, e an enrollWith of OTP.
const (
	c = "api.authentication.challengeWith({type: 'otp'});\n"
	e = "api.authentication.enrollWith({type: 'otp'});\n"
)

type analysisTest struct {
	name, src, want string
}

var handlerTests = []analysisTest{
	{"async arrow", h + c + "};",
		"exec=true/true cont=false/false cmds=1..1 every=true | challengeWith otp"},
	{"async function expression", "exports.onExecutePostLogin = async function (event, api) {" + c + "};",
		"exec=true/true cont=false/false cmds=1..1 every=true | challengeWith otp"},
	{"plain function returning a promise is not async", "exports.onExecutePostLogin = function (event, api) { return Promise.resolve(); };",
		"exec=true/false cont=false/false cmds=0..0 every=false"},
	{"plain arrow", "exports.onExecutePostLogin = (event, api) => {" + c + "};",
		"exec=true/false cont=false/false cmds=1..1 every=true | challengeWith otp"},
	{"module.exports property", "module.exports.onExecutePostLogin = async (event, api) => {" + c + "};",
		"exec=true/true cont=false/false cmds=1..1 every=true | challengeWith otp"},
	{"module.exports object", "module.exports = { onExecutePostLogin: async (event, api) => {" + c + "}, onContinuePostLogin: async function () {} };",
		"exec=true/true cont=true/true cmds=1..1 every=true | challengeWith otp"},
	{"module.exports object, quoted key", "module.exports = { 'onExecutePostLogin': async (event, api) => {" + c + "} };",
		"exec=true/true cont=false/false cmds=1..1 every=true | challengeWith otp"},
	{"module.exports object with method and shorthand", "async function onContinuePostLogin() {}\nmodule.exports = { async onExecutePostLogin(event, api) {" + e + "}, onContinuePostLogin };",
		"exec=true/true cont=true/true cmds=1..1 every=false | enrollWith otp unchallenged"},
	{"non-async method", "module.exports = { onExecutePostLogin(event, api) {} };",
		"exec=true/false cont=false/false cmds=0..0 every=false"},
	{"function declaration named", "async function run(event, api) {" + c + "}\nexports.onExecutePostLogin = run;",
		"exec=true/true cont=false/false cmds=1..1 every=true | challengeWith otp"},
	{"const arrow named", "const run = async (event, api) => {" + c + "};\nexports.onExecutePostLogin = run;",
		"exec=true/true cont=false/false cmds=1..1 every=true | challengeWith otp"},
	{"non-async function declaration named", "function run(event, api) {}\nmodule.exports = { onExecutePostLogin: run };",
		"exec=true/false cont=false/false cmds=0..0 every=false"},
	{"var function named", "var run = function (event, api) {};\nexports.onExecutePostLogin = run;",
		"exec=true/false cont=false/false cmds=0..0 every=false"},
	{"the last assignment wins", "exports.onExecutePostLogin = function () {};\nexports.onExecutePostLogin = async () => {};",
		"exec=true/true cont=false/false cmds=0..0 every=false"},
	{"a wrapper's result may be async", "exports.onExecutePostLogin = withLogging(async (event, api) => {});",
		"exec=true/true cont=false/false cmds=0..0 every=false"},
	{"a string is not a function", "exports.onExecutePostLogin = 'run';",
		"exec=true/false cont=false/false cmds=0..0 every=false"},
	{"empty file", "",
		"exec=false/false cont=false/false cmds=0..0 every=false"},
	{"missing", "exports.onExecute = async () => {};",
		"exec=false/false cont=false/false cmds=0..0 every=false"},
	{"not at module level", "function setup() { exports.onExecutePostLogin = async () => {}; }",
		"exec=false/false cont=false/false cmds=0..0 every=false"},
	{"continue handler calls", "exports.onExecutePostLogin = async (event, api) => { api.redirect.sendUserTo('https://example.com/step'); };\nexports.onContinuePostLogin = async (event, api) => {" + c + "};",
		"exec=true/true cont=true/true cmds=0..0 every=false | sendUserTo \"https://example.com/step\" | challengeWith otp cont"},
	{"a helper both handlers call belongs to onExecutePostLogin", "function step(api) {" + c + "}\nexports.onContinuePostLogin = async (event, api) => step(api);\nexports.onExecutePostLogin = async (event, api) => step(api);",
		"exec=true/true cont=true/true cmds=1..1 every=true | challengeWith otp"},
	{"exports = module.exports = {…}", "exports = module.exports = { onExecutePostLogin: async () => {} };",
		"exec=true/true cont=false/false cmds=0..0 every=false"},
}

var factorTests = []analysisTest{
	{"object literal", h + "api.authentication.challengeWith({type: 'otp'});\n};",
		"exec=true/true cont=false/false cmds=1..1 every=true | challengeWith otp"},
	{"quoted keys, double quotes and a template", h + "api.authentication.challengeWithAny([{'type': \"otp\"}, {\"type\": `email`}]);\n};",
		"exec=true/true cont=false/false cmds=1..1 every=true | challengeWithAny otp email"},
	{"preferred method", h + "api.authentication.challengeWith({type: 'phone', options: {preferredMethod: 'both'}});\n};",
		"exec=true/true cont=false/false cmds=1..1 every=true | challengeWith phone/both"},
	{"constants", "const OTP = {type: 'otp'};\nconst BACKUP = [{type: `email`}];\nconst PHONE = 'phone';\n" + h +
		"api.authentication.challengeWith(OTP, {additionalFactors: BACKUP});\napi.authentication.enrollWithAny([{type: PHONE}]);\n};",
		"exec=true/true cont=false/false cmds=2..2 every=true | challengeWith otp email+ | enrollWithAny phone"},
	{"constants in the handler", h + "const factors = [{type: 'otp'}, {type: 'phone', options: {preferredMethod: 'voice'}}];\napi.authentication.challengeWithAny(factors);\n};",
		"exec=true/true cont=false/false cmds=1..1 every=true | challengeWithAny otp phone/voice"},
	{"additional factors", h + "api.authentication.enrollWith({type: 'otp'}, {additionalFactors: [{type: 'push-notification'}, {type: 'phone'}]});\n};",
		"exec=true/true cont=false/false cmds=1..1 every=false | enrollWith otp push-notification+ phone+ unchallenged"},
	{"additional factors shorthand, constant", h + "const additionalFactors = [{type: 'email'}];\napi.authentication.challengeWith({type: 'otp'}, {additionalFactors});\n};",
		"exec=true/true cont=false/false cmds=1..1 every=true | challengeWith otp email+"},
	{"computed from enrolled factors", h + "api.authentication.challengeWith({type: 'otp'}, {additionalFactors: event.user.enrolledFactors.map(f => ({type: f.type}))});\n};",
		"exec=true/true cont=false/false cmds=1..1 every=true | challengeWith otp computed(event.user.enrolledFactors.map(f => ({type: f.type})))"},
	{"spread, variable, computed type, call", h + "let list = [];\napi.authentication.challengeWithAny([...extra, {type: t}, pick(), {type: 'otp'}]);\napi.authentication.challengeWithAny(list);\n};",
		"exec=true/true cont=false/false cmds=2..2 every=true | challengeWithAny otp computed(...extra) computed(t) computed(pick()) | challengeWithAny computed(list)"},
	{"a const declared twice is not resolved", "const F = {type: 'otp'};\nfunction other() { const F = {type: 'email'}; }\n" + h + "api.authentication.challengeWith(F);\n};",
		"exec=true/true cont=false/false cmds=1..1 every=true | challengeWith computed(F)"},
	{"options that are not a literal", h + "api.authentication.challengeWith({type: 'otp'}, opts);\napi.authentication.challengeWith({type: 'otp'}, undefined);\n};",
		"exec=true/true cont=false/false cmds=2..2 every=true | challengeWith otp computed(opts) | challengeWith otp"},
	{"a factor without a type", h + "api.authentication.challengeWith({kind: 'otp'});\n};",
		"exec=true/true cont=false/false cmds=1..1 every=true | challengeWith <none>"},
	{"string arguments", h + "api.multifactor.enable('any', {allowRememberBrowser: true}); api.redirect.sendUserTo(`https://x`); api.access.deny(reason); api.access.deny('no');\n};",
		"exec=true/true cont=false/false cmds=0..0 every=false | enable \"any\" | sendUserTo \"https://x\" | deny | deny \"no\""},
	{"optional chaining, brackets and another api name", "exports.onExecutePostLogin = async (e, a) => {\na.authentication?.challengeWith?.({type: 'otp'});\na['authentication'].enrollWithAny([{type: 'phone'}]);\n};",
		"exec=true/true cont=false/false cmds=2..2 every=true | challengeWith otp | enrollWithAny phone"},
	{"destructured authentication", h + "const { authentication } = api;\nauthentication.challengeWith({type: 'otp'});\n};",
		"exec=true/true cont=false/false cmds=1..1 every=true | challengeWith otp"},
	{"other calls are not recorded", h + "api.user.setAppMetadata('x', 1); challengeWith({type: 'otp'}); api.challengeWith({type: 'otp'});\n};",
		"exec=true/true cont=false/false cmds=0..0 every=false"},
}

var pathTests = []analysisTest{
	{"if else", h + "if (a) {" + c + c + "} else {" + c + "}\n};",
		"exec=true/true cont=false/false cmds=1..2 every=true | challengeWith otp | challengeWith otp | challengeWith otp"},
	{"if without else", h + "if (a) " + c + "};",
		"exec=true/true cont=false/false cmds=0..1 every=false | challengeWith otp"},
	{"early return", h + "if (!a) return;\n" + c + c + "};",
		"exec=true/true cont=false/false cmds=0..2 every=false | challengeWith otp | challengeWith otp"},
	{"throw ends a path", h + "if (!a) throw new Error('x');\n" + c + "};",
		"exec=true/true cont=false/false cmds=0..1 every=false | challengeWith otp"},
	{"switch with fall-through, break and default", h + "switch (x) { case 1: " + c + " case 2: " + c + " break; default: " + c + "}\n};",
		"exec=true/true cont=false/false cmds=1..2 every=true | challengeWith otp | challengeWith otp | challengeWith otp"},
	{"switch without default", h + "switch (x) { case 1: " + c + " break; case 2: " + c + c + "}\n};",
		"exec=true/true cont=false/false cmds=0..2 every=false | challengeWith otp | challengeWith otp | challengeWith otp"},
	{"default in the middle falls through", h + "switch (x) { case 1: break; default: " + c + " case 2: " + c + "}\n};",
		"exec=true/true cont=false/false cmds=0..2 every=false | challengeWith otp | challengeWith otp"},
	{"ternary", h + "a ? api.authentication.challengeWith({type: 'otp'}) : api.authentication.challengeWithAny([{type: 'email'}]);\n};",
		"exec=true/true cont=false/false cmds=1..1 every=true | challengeWith otp | challengeWithAny email"},
	{"&&, || and ??", h + "a && api.authentication.challengeWith({type: 'otp'});\nb || api.authentication.challengeWith({type: 'otp'});\nc ?? api.authentication.challengeWith({type: 'otp'});\n};",
		"exec=true/true cont=false/false cmds=0..3 every=false | challengeWith otp | challengeWith otp | challengeWith otp"},
	{"try catch", h + "try {" + c + c + "} catch (err) { api.authentication.challengeWith({type: 'email'}); }\n};",
		"exec=true/true cont=false/false cmds=1..3 every=true | challengeWith otp | challengeWith otp | challengeWith email"},
	{"a throw in try goes to catch", h + "try { " + c + "throw x; } catch (err) { log(err); }\n" + c + "};",
		"exec=true/true cont=false/false cmds=1..2 every=true | challengeWith otp | challengeWith otp"},
	{"code after a try that always throws into a catch that returns is unreachable", h + "try { " + c + "throw x; } catch (err) { return; }\n" + c + "};",
		"exec=true/true cont=false/false cmds=0..1 every=false | challengeWith otp | challengeWith otp unreached"},
	{"finally runs on return", h + "try { if (a) return; } finally {" + c + "}\n};",
		"exec=true/true cont=false/false cmds=1..1 every=true | challengeWith otp"},
	{"for loop", h + "for (let i = 0; i < n; i++) {" + c + "}\n};",
		"exec=true/true cont=false/false cmds=0..-1 every=false | challengeWith otp loop"},
	{"for-of, while, do-while", h + "for (const f of fs) { api.authentication.challengeWith(f); }\nwhile (x) {" + c + "}\ndo {" + c + "} while (x);\n};",
		"exec=true/true cont=false/false cmds=0..-1 every=true | challengeWith computed(f) loop | challengeWith otp loop | challengeWith otp loop"},
	{"a loop without commands is harmless", h + "for (const f of fs) { log(f); }\n" + c + "};",
		"exec=true/true cont=false/false cmds=1..1 every=true | challengeWith otp"},
	{"forEach callback", h + "event.user.enrolledFactors.forEach((f) => api.authentication.challengeWith({type: f.type}));\n};",
		"exec=true/true cont=false/false cmds=0..-1 every=false | challengeWith computed(f.type) loop"},
	{"promise callback", h + "await lookup().then(() => {" + c + "});\n};",
		"exec=true/true cont=false/false cmds=0..-1 every=false | challengeWith otp loop"},
	{"callback outside any handler", "[1, 2].forEach(() => {" + c + "});\n" + h + "};",
		"exec=true/true cont=false/false cmds=0..0 every=false | challengeWith otp loop unreached"},
	{"helper inlined", "function stepUp(api) {" + c + "}\n" + h + "stepUp(api); await stepUp(api);\n};",
		"exec=true/true cont=false/false cmds=2..2 every=true | challengeWith otp"},
	{"const arrow helper with a branch", "const stepUp = (api, admin) => { if (admin) {" + c + "} };\n" + h + "stepUp(api, true);\n};",
		"exec=true/true cont=false/false cmds=0..1 every=false | challengeWith otp"},
	{"helper in a loop", "function stepUp(api) {" + c + "}\n" + h + "for (const x of xs) stepUp(api);\n};",
		"exec=true/true cont=false/false cmds=0..-1 every=false | challengeWith otp loop"},
	{"helper passed as a callback", "function stepUp(f) {" + c + "}\n" + h + "fs.forEach(stepUp);\n};",
		"exec=true/true cont=false/false cmds=0..-1 every=false | challengeWith otp loop"},
	{"helper object method", "const mfa = { stepUp(api) {" + c + "} };\n" + h + "mfa.stepUp(api);\n};",
		"exec=true/true cont=false/false cmds=1..1 every=true | challengeWith otp"},
	{"recursion", "function again(api) {" + c + "again(api); }\n" + h + "again(api);\n};",
		"exec=true/true cont=false/false cmds=1..-1 every=true | challengeWith otp"},
	{"mutual recursion without commands is bounded", "function f(n) { return n ? g(n - 1) : 0; }\nfunction g(n) { return f(n); }\n" + h + "f(3);\n" + c + "};",
		"exec=true/true cont=false/false cmds=1..1 every=true | challengeWith otp"},
	{"immediately invoked function", h + "(() => {" + c + "})();\nawait (async function () {" + c + "})();\n};",
		"exec=true/true cont=false/false cmds=2..2 every=true | challengeWith otp | challengeWith otp"},
	{"labelled break leaves the block", h + "check: { if (a) break check;\n" + c + "}\n};",
		"exec=true/true cont=false/false cmds=0..1 every=false | challengeWith otp"},
	{"class methods may run any number of times", h + "class Step { run() {" + c + "} }\nnew Step().run();\n};",
		"exec=true/true cont=false/false cmds=0..-1 every=false | challengeWith otp loop"},
	{"unreached helper", "function unused(api) {" + c + "}\n" + h + "};",
		"exec=true/true cont=false/false cmds=0..0 every=false | challengeWith otp unreached"},
	{"a helper declared twice is not resolved", "function step(api) {" + c + "}\nconst other = () => { const step = 1; };\n" + h + "step(api);\n};",
		"exec=true/true cont=false/false cmds=0..0 every=false | challengeWith otp unreached"},
	{"four commands and a fifth on one path", h + c + c + c + c + "if (a) " + c + "};",
		"exec=true/true cont=false/false cmds=4..5 every=true | challengeWith otp | challengeWith otp | challengeWith otp | challengeWith otp | challengeWith otp"},
	{"no handler: no counts", c,
		"exec=false/false cont=false/false cmds=0..0 every=false | challengeWith otp unreached"},
}

var enrollTests = []analysisTest{
	{"enroll first", h + e + "};",
		"exec=true/true cont=false/false cmds=1..1 every=false | enrollWith otp unchallenged"},
	{"enroll after a challenge", h + "api.authentication.challengeWithAny(event.user.enrolledFactors.map((f) => ({type: f.type})));\napi.authentication.enrollWith({type: 'webauthn-roaming'});\n};",
		"exec=true/true cont=false/false cmds=2..2 every=true | challengeWithAny computed(event.user.enrolledFactors.map((f) => ({type: f.type}))) | enrollWith webauthn-roaming"},
	{"enroll after a challenge on one path only", h + "if (a) " + c + e + "};",
		"exec=true/true cont=false/false cmds=1..2 every=false | challengeWith otp | enrollWith otp unchallenged"},
	{"enroll for users with factors, without a challenge", h + "if (event.user.enrolledFactors.length > 0) {" + e + "}\n};",
		"exec=true/true cont=false/false cmds=0..1 every=false | enrollWith otp unchallenged"},
	{"enroll for users without factors", h + "const enrolled = event.user.enrolledFactors ?? [];\nif (enrolled.length === 0) {" + e + "}\nif (!enrolled.length) api.authentication.enrollWithAny([{type: 'otp'}]);\n};",
		"exec=true/true cont=false/false cmds=0..2 every=false | enrollWith otp | enrollWithAny otp"},
	{"enroll in the else of a check for factors", h + "if (event.user.enrolledFactors?.length) { return; } else {" + e + "}\n};",
		"exec=true/true cont=false/false cmds=0..1 every=false | enrollWith otp"},
	{"enroll after an early return for users with factors", h + "if (event.user.enrolledFactors.length) return;\n" + e + "};",
		"exec=true/true cont=false/false cmds=0..1 every=false | enrollWith otp"},
	{"enroll behind a multifactor check", h + "if (!event.user.multifactor?.length) {" + e + "}\n};",
		"exec=true/true cont=false/false cmds=0..1 every=false | enrollWith otp"},
	{"enroll behind a check this analysis does not follow", h + "if (needsEnrollment(event.user.enrolledFactors)) " + e + "};",
		"exec=true/true cont=false/false cmds=0..1 every=false | enrollWith otp"},
	{"enroll behind a switch on the factors", h + "switch (event.user.enrolledFactors.length) { case 0: " + e + "}\n};",
		"exec=true/true cont=false/false cmds=0..1 every=false | enrollWith otp"},
	{"enroll behind && on the factors", h + "event.user.enrolledFactors.length === 0 && api.authentication.enrollWith({type: 'otp'});\n};",
		"exec=true/true cont=false/false cmds=0..1 every=false | enrollWith otp"},
	{"enroll behind an unrelated check", h + "if (event.user.app_metadata.isAdmin) " + e + "};",
		"exec=true/true cont=false/false cmds=0..1 every=false | enrollWith otp unchallenged"},
	{"enroll in a helper called after a challenge", "function enroll(api) {" + e + "}\n" + h + c + "enroll(api);\n};",
		"exec=true/true cont=false/false cmds=2..2 every=true | enrollWith otp | challengeWith otp"},
	{"enroll in a helper called first", "function enroll(api) {" + e + "}\n" + h + "enroll(api);\n" + c + "};",
		"exec=true/true cont=false/false cmds=2..2 every=true | enrollWith otp unchallenged | challengeWith otp"},
}

func runTests(t *testing.T, tests []analysisTest) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := describe(Analyze([]byte(tt.src)), tt.src); got != tt.want {
				t.Errorf("\nsource: %s\ngot:  %s\nwant: %s", tt.src, got, tt.want)
			}
		})
	}
}

func TestHandlers(t *testing.T)   { runTests(t, handlerTests) }
func TestFactors(t *testing.T)    { runTests(t, factorTests) }
func TestPaths(t *testing.T)      { runTests(t, pathTests) }
func TestEnrollment(t *testing.T) { runTests(t, enrollTests) }

func TestHandlerSpans(t *testing.T) {
	for _, tt := range []struct{ src, span, funcSpan string }{
		{"exports.onExecutePostLogin = async (event, api) => {};", "onExecutePostLogin", "async"},
		{"exports.onExecutePostLogin = (event, api) => {};", "onExecutePostLogin", "(event, api) =>"},
		{"exports.onExecutePostLogin = event => 1;", "onExecutePostLogin", "event =>"},
		{"module.exports.onExecutePostLogin = function (event, api) {};", "onExecutePostLogin", "function"},
		{"async function run() {}\nexports['onExecutePostLogin'] = run;", "'onExecutePostLogin'", "async"},
		{"module.exports = { onExecutePostLogin(event, api) {} };", "onExecutePostLogin", "onExecutePostLogin"},
		{"module.exports = { async onExecutePostLogin(event, api) {} };", "onExecutePostLogin", "async"},
		{"function onExecutePostLogin() {}\nmodule.exports = { onExecutePostLogin };", "onExecutePostLogin", "function"},
		{"exports.onExecutePostLogin = wrap(run);", "onExecutePostLogin", "wrap(run)"},
	} {
		an := Analyze([]byte(tt.src))
		hd := an.ExecuteHandler
		if !hd.Found {
			t.Errorf("%s: handler not found", tt.src)
			continue
		}
		if got := tt.src[hd.Span.Start:hd.Span.End]; got != tt.span {
			t.Errorf("%s: Span %q, want %q", tt.src, got, tt.span)
		}
		if got := tt.src[hd.FuncSpan.Start:hd.FuncSpan.End]; got != tt.funcSpan {
			t.Errorf("%s: FuncSpan %q, want %q", tt.src, got, tt.funcSpan)
		}
	}
}

func TestSpans(t *testing.T) {
	src := "const OTP = `otp`;\n" + h + "  api?.authentication.challengeWith({ type: 'phone', options: { preferredMethod: \"voice\" } }, { additionalFactors: [{ type: OTP }, ...more] });\n};"
	an := Analyze([]byte(src))
	if len(an.Calls) != 1 {
		t.Fatalf("calls: %+v", an.Calls)
	}
	call := an.Calls[0]
	text := func(s Span) string { return src[s.Start:s.End] }
	for _, tt := range []struct{ got, want string }{
		{text(call.Span), "challengeWith"},
		{text(call.CallSpan), "api?.authentication.challengeWith({ type: 'phone', options: { preferredMethod: \"voice\" } }, { additionalFactors: [{ type: OTP }, ...more] })"},
		{text(call.Factors[0].TypeSpan), "'phone'"},
		{text(call.Factors[0].PreferredSpan), `"voice"`},
		{text(call.Factors[1].TypeSpan), "OTP"},
		{text(call.Computed[0]), "...more"},
	} {
		if tt.got != tt.want {
			t.Errorf("span %q, want %q", tt.got, tt.want)
		}
	}
	if f := call.Factors[1]; f.Type != "otp" || !f.Additional {
		t.Errorf("additional factor %+v", f)
	}
}

var errorTests = []analysisTest{
	{"unclosed call", "exports.onExecutePostLogin = async (event, api) => { api.authentication.challengeWith({type: 'otp'} }",
		`syntax "Unexpected token }" at 100 "}"`},
	{"on a later line, after multi-byte characters", h + "  // é😀\n  const é = 'ü'; const x = 'ö' +;\n};",
		`syntax "Unexpected token ;" at 100 ";"`},
	{"after CRLF and CR line ends", "const a = 1;\r\nconst b = 2;\rconst c = = 3;",
		`syntax "Unexpected token =" at 37 "="`},
	{"after a U+2028 line end", "const a = 1;\u2028const b = 2 3;",
		`syntax "Unexpected number" at 27 "3"`},
	{"unexpected identifier spans the identifier", "const a = 1 bogus;", `syntax "Unexpected identifier" at 12 "bogus"`},
	{"unexpected string spans the string", "const a = 1 'two';", `syntax "Unexpected string" at 12 "'two'"`},
	{"end of input", h + "if (x) {", `syntax "Unexpected end of input" at 61 ""`},
	// goja's parser panics on these (an open array binding pattern at the end of the input).
	{"parser panic: open binding pattern", "function[[[...{", `syntax "Unexpected end of input: a bracket is never closed" at 14 "{"`},
	{"parser panic, spaced", "async function f([[...{", `syntax "Unexpected end of input: a bracket is never closed" at 22 "{"`},
	{"binary", "\x00\xff\xfe", `syntax "Invalid UTF-8 character" at 1 "\xff"`},
	{"10000 nested parentheses", strings.Repeat("(", 10000) + "1" + strings.Repeat(")", 10000), `syntax "too deeply nested to analyse" at 500 "("`},
	{"10000 nested arrays", "x = " + strings.Repeat("[", 10000) + strings.Repeat("]", 10000), `syntax "too deeply nested to analyse" at 503 "["`},
	{"10000 nested arrow functions", strings.Repeat("x => ", 10000) + "1", `syntax "too deeply nested to analyse" at 2502 "=>"`},
	{"10000 negations", "x = " + strings.Repeat("!", 10000) + "a", `syntax "too deeply nested to analyse" at 503 "!"`},
	{"10000 nested template substitutions", strings.Repeat("`${", 10000) + strings.Repeat("}`", 10000), `syntax "too deeply nested to analyse" at 1501 "${"`},
	{"a member chain", "x = a" + strings.Repeat(".b", 5000) + ";", `syntax "too deeply nested to analyse" at 4 "a"`},
	{"nested labels", strings.Repeat("l: ", 200) + ";", `syntax "too many labelled statements to analyse (over 100)" at 300 "l"`},
}

func TestSyntaxErrors(t *testing.T) { runTests(t, errorTests) }

// Valid modern JavaScript must parse, and nothing is read from the file system.
func TestValidSources(t *testing.T) {
	for _, src := range []string{
		"",
		"\ufeff" + h + "};",
		"#!/usr/bin/env node\n" + h + "};",
		h + "const re = /(?<=a)b(?!c)\\1/u; const s = 'ab'.replace(/(?<x>a)/g, '$<x>');\n};",
		h + "const n = 1_000n ** 2n; x ??= y?.[0] ?? z; class A { #p = 1; static { } get p() { return this.#p; } }\n};",
		h + "label: for (const a of b) { for (;;) { continue label; } }\nconst o = { a: 1, b: { c: 2 }, 'd': [3] };\n};",
		"//# sourceMappingURL=/etc/passwd\n" + h + "};",
		"const x = 1 // no semicolons\nconst y = x => x * 2\nexports.onExecutePostLogin = async (event, api) => { if (y(x)) { } }\n",
	} {
		an := Analyze([]byte(src))
		if an.SyntaxError != nil && !strings.HasPrefix(src, "#!") {
			t.Errorf("%q: %s", src, an.SyntaxError.Message)
		}
	}
}

// Many labels, arrows and assignments that are not nested are fine.
func TestManyUnnested(t *testing.T) {
	var b strings.Builder
	for i := 0; i < 2000; i++ {
		fmt.Fprintf(&b, "exports.f%d = (x) => x + 1\nconst v%d = { a: 1, b: x => x }\n", i, i)
	}
	for i := 0; i < 50; i++ {
		fmt.Fprintf(&b, "l%d: for (;;) { break l%d; }\n", i, i)
	}
	b.WriteString(h + "if (a) {} " + strings.Repeat("else if (a) {} ", 300) + "\n};")
	if an := Analyze([]byte(b.String())); an.SyntaxError != nil {
		t.Fatal(an.SyntaxError.Message)
	}
}

func TestTooLarge(t *testing.T) {
	src := []byte("// " + strings.Repeat("x", maxSource))
	an := Analyze(src)
	if an.SyntaxError == nil || !strings.Contains(an.SyntaxError.Message, "too large") {
		t.Fatalf("got %+v", an.SyntaxError)
	}
}

// Pathological sources must be refused or analysed quickly.
func TestPathologicalSourcesAreFast(t *testing.T) {
	const n = 100000
	for name, src := range map[string]string{
		"arrows":          strings.Repeat("x => ", n) + "1",
		"arrows on lines": strings.Repeat("x =>\n", n) + "1",
		"labels":          strings.Repeat("l: if (a) ", n) + ";",
		"else if":         "if (a) ;" + strings.Repeat(" else if (a) ;", n),
		"ternaries":       strings.Repeat("a ? b : ", n) + "c",
		"sums":            "x = " + strings.Repeat("a + ", n) + "1",
		"unary":           "x = " + strings.Repeat("- ", n) + "1",
		"calls":           h + strings.Repeat(c, 3000) + "};",
		"helpers":         strings.Repeat("function f(api) {"+c+"}\n", 3000) + h + strings.Repeat("f(api);", 3000) + "};",
		"helper chain":    chain(3000) + h + "f0(api);\n};",
	} {
		start := time.Now()
		an := Analyze([]byte(src))
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("%s: %v", name, d)
		}
		_ = an
	}
}

// chain defines n helpers, each calling the next twice.
func chain(n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "function f%d(api) { f%d(api); f%d(api); }\n", i, i+1, i+1)
	}
	fmt.Fprintf(&b, "function f%d(api) {%s}\n", n, c)
	return b.String()
}

// The official samples (reference/actions-semantics.md §5) analyse as documented.
func TestOfficialSamples(t *testing.T) {
	for _, tc := range []struct{ file, want string }{
		{"selection-sequenced-action1.js", "exec=true/true cont=false/false cmds=1..1 every=true | challengeWithAny phone push-notification"},
		{"selection-sequenced-action2.js", "exec=true/true cont=false/false cmds=0..1 every=false | challengeWith push-notification"},
		{"selection-current-enrollments.js", "exec=true/true cont=false/false cmds=1..1 every=true | challengeWithAny otp phone"},
		{"selection-roles-step-up.js", "exec=true/true cont=false/false cmds=1..2 every=true | challengeWith otp | challengeWith phone"},
		{"selection-org-metadata.js", "exec=true/true cont=false/false cmds=0..1 every=false | challengeWith push-notification | challengeWith phone email+ | challengeWith phone | challengeWith email | deny \"No MFA factors available for this org + user\""},
		{"selection-additional-fixed.js", "exec=true/true cont=false/false cmds=1..1 every=true | challengeWith otp email+"},
		{"selection-additional-enrolled.js", "exec=true/true cont=false/false cmds=1..1 every=true | challengeWith otp computed(enrolledFactors)"},
		{"selection-adaptive.js", "exec=true/true cont=false/false cmds=0..1 every=false | challengeWithAny computed(enrolledFactors)"},
		{"selection-phone-both.js", "exec=false/false cont=false/false cmds=0..0 every=false | challengeWith phone/both unreached"},
		{"enrollment-admins-action1.js", "exec=true/true cont=false/false cmds=1..2 every=false | challengeWithAny computed(event.user.enrolledFactors.map(m => ({type: m.type}))) | enrollWith webauthn-roaming | enrollWithAny webauthn-roaming otp | enrollWithAny webauthn-roaming otp"},
		{"enrollment-admins-action2.js", "exec=true/true cont=false/false cmds=0..1 every=false | challengeWith webauthn-roaming | challengeWith otp"},
	} {
		src, err := os.ReadFile("testdata/" + tc.file)
		if err != nil {
			t.Fatal(err)
		}
		if got := describe(Analyze(src), string(src)); got != tc.want {
			t.Errorf("%s:\ngot:  %s\nwant: %s", tc.file, got, tc.want)
		}
	}
}

// TestParseJSRecoversParserPanic: goja's parser panics on an array binding pattern left open at the end
// of the input; ParseJS returns ErrUnclosed instead (jsrt compiles through it too).
func TestParseJSRecoversParserPanic(t *testing.T) {
	if _, err := ParseJS("a.js", "function[[[...{", 0); !errors.Is(err, ErrUnclosed) {
		t.Fatalf("got %v, want ErrUnclosed", err)
	}
	if _, err := ParseJS("a.js", "function f() {}", 0); err != nil {
		t.Fatal(err)
	}
}

func TestRequires(t *testing.T) {
	src := `const axios = require('axios');
const { sign, verify: v } = require('jsonwebtoken');
const get = require('lodash/get');
const dbg = require('debug')('x');
const name = 'dyn';
require(name);
exports.onExecutePostLogin = async (event, api) => {
  const r = await axios.post('u', {});
  axios.defaults.timeout = 1;
  get(event, 'user');
  require('node:crypto').randomUUID();
};`
	an := Analyze([]byte(src))
	if an.SyntaxError != nil {
		t.Fatal(an.SyntaxError.Message)
	}
	got := fmt.Sprint(an.Requires)
	want := "[{axios {14 30} [defaults post] [post] false} {jsonwebtoken {60 83} [sign verify] [] false} {lodash/get {97 118} [] [] true} {debug {132 148} [] [] true} {node:crypto {336 358} [randomUUID] [] false}]"
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}
