package jsrt

import "testing"

// TestLazyEvent: an event converted field by field on first use behaves as the plain object it
// stands for.
func TestLazyEvent(t *testing.T) {
	tests := []struct{ name, code, want string }{
		{"keys in order", "return Object.keys(event).join();", "authorization,request,transaction,user"},
		{"a read gives a plain data property", "const u = event.user; const d = Object.getOwnPropertyDescriptor(event, 'user'); return [u === event.user, 'value' in d, d.writable, d.enumerable, d.configurable].join();", "true,true,true,true,true"},
		{"JSON.stringify sees every field", "return JSON.stringify(event).length > 100 && JSON.parse(JSON.stringify(event)).user.user_id;", "auth0|1"},
		{"spread and assign", "const c = {...event}; const d = Object.assign({}, event); return c.user.user_id + d.authorization.roles[0];", "auth0|1admin"},
		{"a write before any read", "event.user = {user_id: 'other'}; return event.user.user_id;", "other"},
		{"delete", "delete event.request; return String('request' in event);", "false"},
		{"a frozen event keeps one value per field", "Object.freeze(event); return String(event.user === event.user && event.user.user_id === 'auth0|1');", "true"},
		{"mutations stay", "event.user.app_metadata.x = 1; return String(event.user.app_metadata.x);", "1"},
		{"the getter is not a way in", "const g = Object.getOwnPropertyDescriptor(event, 'transaction').get; return String(g.call({}) === undefined && Object.isFrozen(g));", "true"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkValue(t, tt.code, tt.want) })
	}
}
