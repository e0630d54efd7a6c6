package actioncode

import (
	"fmt"
	"strings"
	"testing"
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

// TestEventGaps: the reads explore cannot vary are named, and printing the event is not one.
func TestEventGaps(t *testing.T) {
	src := `exports.onExecutePostLogin = async (event, api) => {
  const flag = event.secrets.FLAG;
  const md = event.user.app_metadata;
  if (md[flag]) { api.multifactor.enable('any'); }
  if (isRisky(event)) { api.access.deny('no'); }
  console.log(event);
  if (event.user.app_metadata['plan'] === 'gold') { return; }
};
function isRisky(e) { return e.request.ip === '1.2.3.4'; }
`
	var got []string
	for _, g := range EventGaps([]byte(src)) {
		got = append(got, g.Path+": "+g.Why+" @"+src[g.Offset:g.Offset+5])
	}
	want := []string{
		"user.app_metadata[]: a computed key @md[fl",
		": the event is passed to a function, whose reads are not followed @event",
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
