package actioncode

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

func TestEventReads(t *testing.T) {
	src := `
const ADMIN = 'admin';
exports.onExecutePostLogin = async (event, api) => {
  const { user } = event;
  const meta = user.app_metadata;
  if (meta.isAdmin) api.authentication.challengeWith({ type: 'otp' });
  if (event.authorization?.roles.includes(ADMIN)) api.multifactor.enable('any');
  if (event.transaction.protocol === 'oauth2-refresh-token') return;
  if (['acme', 'globex'].includes(event.organization?.name)) return;
  switch (event.client.client_id) { case 'spa': break; case 'cli': break; default: }
  if (!event.user.enrolledFactors?.length) return;
  if (event.stats.logins_count == 1 && event[key]) return;
  if (event.stats.logins_count > 5 || 3 >= event.authentication.riskAssessment.assessments.NewDevice.score) return;
  if ('beta' in event.user.user_metadata || event.authentication.methods.length > 1) return;
};`
	got := fmt.Sprint(EventReads([]byte(src)))
	want := "[authentication.methods truthy authentication.riskAssessment.assessments.NewDevice.score = [3 4] authorization.roles includes [admin] client.client_id = [spa cli] organization.name = [acme globex] stats.logins_count = [1 5 6] transaction.protocol = [oauth2-refresh-token] user.app_metadata.isAdmin truthy user.enrolledFactors truthy user.user_metadata.beta truthy]"
	if got != want {
		t.Errorf("EventReads:\n got %s\nwant %s", got, want)
	}
	if EventReads([]byte("exports.x = (")) != nil {
		t.Error("code that does not parse has reads")
	}
}

// TestEventParamName: the handler's first parameter is the event whatever its name, unless the
// name is declared elsewhere in the file too.
func TestEventParamName(t *testing.T) {
	for _, tt := range []struct{ name, src, want string }{
		{"arrow", "exports.onExecutePostLogin = async (ev, api) => { if (ev.user.app_metadata.vip) api.access.deny('x'); };", "[user.app_metadata.vip truthy]"},
		{"function, both handlers", `exports.onExecutePostLogin = async function (e, api) { if (e.client.client_id === 'kiosk') return; };
exports.onContinuePostLogin = async (e, api) => { if (e.user.email_verified) return; };`, "[client.client_id = [kiosk] user.email_verified truthy]"},
		{"a name declared elsewhere too", `exports.onExecutePostLogin = async (e, api) => { try { x(); } catch (e) { if (e.code === 'x') return; } };`, "[]"},
		{"a destructured alias of it", "exports.onExecutePostLogin = async (ctx, api) => { const { user } = ctx; if (user.app_metadata.tier === 'gold') return; };", "[user.app_metadata.tier = [gold]]"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := fmt.Sprint(EventReads([]byte(tt.src))); got != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
}

// TestEventGaps: the reads explore cannot vary are named, and printing the event is not one.
func TestEventGaps(t *testing.T) {
	src := `exports.onExecutePostLogin = async (event, api) => {
  const flag = event.secrets.FLAG;
  const md = event.user.app_metadata;
  if (md[flag]) { api.multifactor.enable('any'); }
  if (isRisky(event)) { api.access.deny('no'); }
  if (rules.check(event.user)) { api.access.deny('no'); }
  console.log(event);
  if (event.user.app_metadata['plan'] === 'gold') { return; }
};
function isRisky(e) { return e.request.ip === '1.2.3.4'; }
const rules = require('./rules');
`
	var got []string
	for _, g := range EventGaps([]byte(src)) {
		got = append(got, g.Path+": "+g.Why+" @"+src[g.Offset:g.Offset+5])
	}
	want := []string{
		"user.app_metadata[]: a computed key @md[fl",
		"user: passed to rules.check, which comes from require(), whose reads are not followed @event",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestEventReadsLookups: a path used as a key of a constant collection is tested against the
// collection's keys.
func TestEventReadsLookups(t *testing.T) {
	for _, tc := range []struct {
		name, top, body, want string
	}{
		{"object index", `const FACTOR = {admin: 'webauthn-roaming', staff: 'otp'};`,
			`api.authentication.challengeWith({ type: FACTOR[event.user.app_metadata.role] });`,
			"[user.app_metadata.role = [admin staff]]"},
		{"truthiness of an index", `const ALLOWED = {'spa-id': true, "cli-id": true};`,
			`if (ALLOWED[event.client.client_id]) return;`,
			"[client.client_id = [spa-id cli-id]]"},
		{"through an alias", `const FACTOR = {admin: 'otp'};`,
			`const role = event.user.app_metadata.role;
  const f = FACTOR[role];`,
			"[user.app_metadata.role = [admin]]"},
		{"in", `const ORGS = {org_1: 1, org_2: 2};`,
			`if (event.organization?.id in ORGS) return;`,
			"[organization.id = [org_1 org_2]]"},
		{"hasOwnProperty and Object.hasOwn", `const T = {a: 1};`,
			`if (T.hasOwnProperty(event.connection.name) || Object.hasOwn(T, event.client.name)) return;`,
			"[client.name = [a] connection.name = [a]]"},
		{"Set.has", `const KIOSKS = new Set(['k1', 'k2']);`,
			`if (KIOSKS.has(event.client.client_id)) return;`,
			"[client.client_id = [k1 k2]]"},
		{"Map.get", `const BY_ROLE = new Map([['admin', 'otp'], ['staff', 'phone']]);`,
			`const f = BY_ROLE.get(event.user.app_metadata.role);`,
			"[user.app_metadata.role = [admin staff]]"},
		{"computed literal key and shorthand", `const otp = 'x'; const T = {['gold']: 1, otp};`,
			`const v = T[event.user.user_metadata.tier];`,
			"[user.user_metadata.tier = [gold otp]]"},
		{"a let object is not constant", ``,
			`let T = {a: 1};
const v = T[event.user.user_metadata.tier];`,
			"[]"},
		{"an object from the event is not constant", ``,
			`const T = event.user.app_metadata;
const v = T[event.user.user_metadata.tier];`,
			"[]"},
		{"a Set of computed values", `const S = new Set(list());`,
			`if (S.has(event.client.client_id)) return;`,
			"[]"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := tc.top + "\nexports.onExecutePostLogin = async (event, api) => {\n" + tc.body + "\n};"
			got := fmt.Sprint(EventReads([]byte(src)))
			if got != tc.want {
				t.Errorf("EventReads(%s):\n got %s\nwant %s", src, got, tc.want)
			}
		})
	}
}

// TestEventReadsHelpers: the event, or a path below it, passed to a function the file defines is
// followed into it, and what cannot be followed is a gap naming the function.
func TestEventReadsHelpers(t *testing.T) {
	for _, tc := range []struct {
		name, src, reads, gaps string
	}{
		{"function declaration", `
function isAdmin(e) { return e.user.app_metadata.role === 'admin'; }
exports.onExecutePostLogin = async (event, api) => { if (isAdmin(event)) api.multifactor.enable('any'); };`,
			"[user.app_metadata.role = [admin]]", ""},
		{"arrow", `
const risky = (ev) => ev.request.geoip.countryCode === 'XX' || ev.stats.logins_count > 10;
exports.onExecutePostLogin = async (event, api) => { if (risky(event)) api.multifactor.enable('any'); };`,
			"[request.geoip.countryCode = [XX] stats.logins_count = [10 11]]", ""},
		{"async function expression", `
const check = async function (e) { if (e.client.client_id === 'kiosk') return false; return !e.user.email_verified; };
exports.onExecutePostLogin = async (event, api) => { if (await check(event)) api.access.deny('x'); };`,
			"[client.client_id = [kiosk] user.email_verified truthy]", ""},
		{"async arrow", `
const gate = async (e) => e.organization?.name === 'acme';
exports.onExecutePostLogin = async (event, api) => { if (await gate(event)) return; };`,
			"[organization.name = [acme]]", ""},
		{"destructured parameter", `
function decide({ user, client: { client_id: id } }) { return user.app_metadata.tier === 'gold' && id === 'spa'; }
exports.onExecutePostLogin = async (event, api) => { decide(event); };`,
			"[client.client_id = [spa] user.app_metadata.tier = [gold]]", ""},
		{"an alias passed", `
function staff(meta) { return meta.staff === true; }
exports.onExecutePostLogin = async (event, api) => {
  const { user } = event;
  const md = user.app_metadata;
  if (staff(md)) return;
};`,
			"[user.app_metadata.staff = [true]]", ""},
		{"a sub-path passed, to a parameter called event", `
function beta(event) { if (event.app_metadata.beta) return true; return event.user_metadata.beta === 'yes'; }
exports.onExecutePostLogin = async (event, api) => { if (beta(event.user)) return; };`,
			"[user.app_metadata.beta truthy user.user_metadata.beta = [yes]]", ""},
		{"a scalar passed", `
const blocked = (country) => ['XX', 'YY'].includes(country);
exports.onExecutePostLogin = async (event, api) => { if (blocked(event.request.geoip.countryCode)) api.access.deny('x'); };`,
			"[request.geoip.countryCode = [XX YY]]", ""},
		{"literals passed along are operands", `
function hasRole(event, role) { return event.authorization?.roles?.includes(role); }
const isClient = (id) => event.client.client_id === id;
const LEVEL = 3;
function atLeast(n, min) { return n >= min; }
exports.onExecutePostLogin = async (event, api) => {
  if (hasRole(event, 'admin') || hasRole(event, 'ops') || isClient('kiosk')) api.multifactor.enable('any');
  if (atLeast(event.stats.logins_count, LEVEL)) return;
};`,
			"[authorization.roles includes [admin ops] client.client_id = [kiosk] stats.logins_count = [2 3]]", ""},
		{"nested helpers and local aliases", `
function outer(e, kind) { const u = e.user; return inner(u, kind) && e.client.name === 'cli'; }
function inner(user, kind) {
  const { app_metadata: md } = user;
  const ok = (x) => x.level > 2;
  return ok(md) || user.user_metadata.opt_in;
}
exports.onExecutePostLogin = async (event, api) => { if (outer(event, 'x')) return; };`,
			"[client.name = [cli] user.app_metadata.level = [2 3] user.user_metadata.opt_in truthy]", ""},
		{"recursion and mutual recursion end", `
function a(e, n) { if (n > 0) return b(e, n - 1); return e.user.app_metadata.x === 1; }
function b(e, n) { return a(e, n) || c(e.user); }
function c(u) { return u.app_metadata.y === 2 || c(u.app_metadata); }
exports.onExecutePostLogin = async (event, api) => { a(event, 3); };`,
			"[user.app_metadata.x = [1] user.app_metadata.y = [2]]",
			"user.app_metadata: passed to c recursively, whose reads at that depth are not followed"},
		{"recursion with a local alias", `
function c(u) { const md = u.app_metadata; return md.y === 2 || c(u); }
exports.onExecutePostLogin = async (event, api) => { if (c(event.user)) return; };`,
			"[user.app_metadata.y = [2]]", ""},
		{"a chain deeper than the bound", `
function f1(e) { return f2(e); } function f2(e) { return f3(e); } function f3(e) { return f4(e); }
function f4(e) { return f5(e); } function f5(e) { return f6(e); } function f6(e) { return f7(e); }
function f7(e) { return f8(e); } function f8(e) { return f9(e); } function f9(e) { return e.user.deep === 1; }
exports.onExecutePostLogin = async (event, api) => { f1(event); f8(event); };`,
			"[user.deep = [1]]", ""},
		{"a chain deeper than the bound, reached no other way", `
function f1(e) { return f2(e); } function f2(e) { return f3(e); } function f3(e) { return f4(e); }
function f4(e) { return f5(e); } function f5(e) { return f6(e); } function f6(e) { return f7(e); }
function f7(e) { return f8(e); } function f8(e) { return f9(e); } function f9(e) { return e.user.deep === 1; }
exports.onExecutePostLogin = async (event, api) => { f1(event); };`,
			"[]", ": passed to f9 more than 8 calls deep, whose reads are not followed"},
		{"a returned path is a test when the call is", `
const isAdmin = async (u) => u.app_metadata?.admin;
function tier(e) { const t = e.user.app_metadata.tier; return t; }
function outer(e) { return tier(e); }
function name(e) { return e.user.name; }
exports.onExecutePostLogin = async (event, api) => {
  if (await isAdmin(event.user) || !outer(event)) api.access.deny(name(event));
};`,
			"[user.app_metadata.admin truthy user.app_metadata.tier truthy]", ""},
		{"a method of a const object", `
const helpers = { isAdmin(u) { return u.app_metadata.admin; }, org: (o) => o?.id === 'org_1' };
exports.onExecutePostLogin = async (event, api) => {
  if (helpers.isAdmin(event.user) || helpers.org(event.organization)) api.multifactor.enable('any');
};`,
			"[organization.id = [org_1] user.app_metadata.admin truthy]", ""},
		{"a function written where it is called", `
exports.onExecutePostLogin = async (event, api) => {
  ((u) => { if (u.app_metadata.vip) api.multifactor.enable('any'); })(event.user);
};`,
			"[user.app_metadata.vip truthy]", ""},
		{"a function written inside a followed one sees its bindings", `
function f(e) { const both = (c) => c.client_id === 'spa' && e.user.app_metadata.beta; return both(e.client); }
exports.onExecutePostLogin = async (event, api) => { f(event); };`,
			"[client.client_id = [spa] user.app_metadata.beta truthy]", ""},
		{"a nested function that shadows the parameter", `
function f(e) { const g = (e) => e.a === 1; return g(5) || e.user.b === 2; }
exports.onExecutePostLogin = async (event, api) => { f(event); };`,
			"[user.b = [2]]", ""},
		{"a callback's parameter of the same name is not the path", `
function f(e) {
  const { md } = { md: 1 };
  return [1, 2].some((e) => { const { user } = e; let v = user.app_metadata.x === 3; return v; }) || e.client.id === 'c';
}
exports.onExecutePostLogin = async (event, api) => { f(event); };`,
			"[client.id = [c]]", ""},
		{"a reassigned parameter is not followed", `
function f(e) { e = e.user; return e.x === 1; }
exports.onExecutePostLogin = async (event, api) => { f(event); };`,
			"[]", ""},
		{"unresolved calls stay gaps", `
const { score } = require('./risk');
const mod = require('./mod');
function local(e) { return e.user.x === 1; }
function apply(fn, e) { return fn(e); }
function rest(...all) { return all[0].user.z; }
exports.onExecutePostLogin = async (event, api, cb) => {
  score(event); mod.rules.check(event.user); cb(event.user.app_metadata); lookup(event.client);
  local.call(null, event); local(...[1], event); rest(event); apply(local, event);
  api.access.deny(event.user.name); new Date(event.user.created_at); api.user.setAppMetadata('copy', event.user.user_metadata);
  Object.keys(event.user.app_metadata); Array.isArray(event.authorization.roles); console.log(event);
};`,
			"[]", `: passed to fn, a value this file does not define as a function, whose reads are not followed
: passed to score, which comes from require(), whose reads are not followed
user: passed to mod.rules.check, which comes from require(), whose reads are not followed
user.app_metadata: passed to cb, a value this file does not define as a function, whose reads are not followed
client: passed to lookup, which this file does not define, whose reads are not followed
: passed to local through .call, whose reads are not followed
: passed to local through a spread argument, whose reads are not followed
: passed to rest's rest parameter, whose reads are not followed`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := fmt.Sprint(EventReads([]byte(tc.src))); got != tc.reads {
				t.Errorf("EventReads:\n got %s\nwant %s", got, tc.reads)
			}
			var gaps []string
			for _, g := range EventGaps([]byte(tc.src)) {
				gaps = append(gaps, g.Path+": "+g.Why)
			}
			if got := strings.Join(gaps, "\n"); got != tc.gaps {
				t.Errorf("EventGaps:\n got %s\nwant %s", got, tc.gaps)
			}
		})
	}
}

// TestEventReadsFollowBudget: helpers that call each other with ever other paths are followed up to a
// budget, past which the calls are gaps, so the reading stays fast.
func TestEventReadsFollowBudget(t *testing.T) {
	var b strings.Builder
	const n = 300
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "function f%d(e, u) { if (e.user.app_metadata.k%d === %d) return 1; return f%d(e.user, u) || f%d(u, e) || f%d(e, e.user.app_metadata); }\n",
			i, i, i, (i+1)%n, (i+2)%n, (i*7+1)%n)
	}
	b.WriteString("exports.onExecutePostLogin = async (event, api) => { f0(event, event.user); };\n")
	start := time.Now()
	gaps := EventGaps([]byte(b.String()))
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("took %v", d)
	}
	found := false
	for _, g := range gaps {
		found = found || strings.Contains(g.Why, "other calls were followed")
	}
	if !found || len(EventReads([]byte(b.String()))) == 0 {
		t.Errorf("no budget gap, or no reads: %d gaps", len(gaps))
	}
}
