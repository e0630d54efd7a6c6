package actioncode

import (
	"fmt"
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
};`
	got := fmt.Sprint(EventReads([]byte(src)))
	want := "[authorization.roles includes [admin] client.client_id = [spa cli] organization.name = [acme globex] stats.logins_count = [1] transaction.protocol = [oauth2-refresh-token] user.app_metadata.isAdmin truthy user.enrolledFactors truthy]"
	if got != want {
		t.Errorf("EventReads:\n got %s\nwant %s", got, want)
	}
	if EventReads([]byte("exports.x = (")) != nil {
		t.Error("code that does not parse has reads")
	}
}
