package deploy

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
)

// TestResponseShapes feeds every parser the answers a broken or hostile API gives: each must be
// refused with a message saying what is wrong, and none may panic.
func TestResponseShapes(t *testing.T) {
	action := `{"id":"a1","name":"mfa","code":"x","status":"BUILT","supported_triggers":[{"id":"post-login","version":"v3"}]}`
	binding := `{"id":"b1","display_name":"MFA","action":{"id":"a1","name":"mfa"}}`
	parsers := map[string]func([]byte) string{
		"settings":      func(b []byte) string { _, p := parseSettings(b); return p },
		"factors":       func(b []byte) string { _, p := parseFactors(b); return p },
		"message types": func(b []byte) string { _, p := parseMessageTypes(b); return p },
		"provider":      func(b []byte) string { _, p := parseProvider(b); return p },
		"policies":      func(b []byte) string { _, p := parsePolicies(b); return p },
		"actions":       func(b []byte) string { _, p := parseActionPage(b); return p },
		"action":        func(b []byte) string { _, p := parseAction(b, "a1"); return p },
		"version":       func(b []byte) string { _, p := parseVersion(b); return p },
		"bindings":      func(b []byte) string { _, p := parseBindingPage(b); return p },
	}
	tests := []struct {
		parser, body, want string
	}{
		// Answers that are fine.
		{"settings", `{}`, ""},
		{"settings", `{"customize_mfa_in_postlogin_action":true,"flags":null}`, ""},
		{"factors", `[{"name":"sms","enabled":false},{"name":"otp","enabled":true}]`, ""},
		{"factors", `[]`, ""},
		{"message types", `{"message_types":[]}`, ""},
		{"provider", `{"provider":"auth0"}`, ""},
		{"policies", `[]`, ""},
		{"actions", `{"actions":[]}`, ""},
		{"actions", `{"actions":[` + action + `],"total":1,"per_page":100}`, ""},
		{"action", action, ""},
		{"action", `{"id":"a1","name":"mfa","deployed_version":null,"dependencies":null,"code":null}`, ""},
		{"version", `{"id":"v1","number":2,"deployed":false}`, ""},
		{"bindings", `{"bindings":[` + binding + `]}`, ""},

		// Empty, null, not JSON, the wrong type.
		{"settings", ``, "the response body is empty; expected a JSON object"},
		{"settings", `null`, "the response is null; expected a JSON object"},
		{"settings", `[]`, "the response is an array; expected a JSON object"},
		{"settings", `{"customize_mfa_in_postlogin_action":"yes"}`, "does not have the expected shape"},
		{"factors", ` `, "the response body is empty; expected a JSON array"},
		{"factors", `null`, "the response is null; expected a JSON array"},
		{"factors", `{"factors":[]}`, "the response is an object; expected a JSON array"},
		{"factors", `[{"name":"sms","enabled":true}] []`, "more than one JSON value"},
		{"factors", `<html>`, "the response is not JSON"},
		{"policies", `"all-applications"`, "the response is a string; expected a JSON array"},
		{"actions", ``, "the response body is empty"},
		{"actions", `null`, "the response is null"},
		{"actions", `{}`, "the response has no actions list"},
		{"actions", `{"actions":null}`, "the response has no actions list (actions is null)"},
		{"actions", `{"actions":{}}`, "the response's actions is an object, not a list"},
		{"actions", `{"actions":"x"}`, "the response's actions is a string, not a list"},
		{"bindings", `{"total":3}`, "the response has no bindings list"},
		{"message types", `{"message_types":null}`, "the response has no message_types list (message_types is null)"},
		{"message types", `{}`, "the response has no message_types list"},
		{"provider", `{}`, "the response has no provider"},
		{"provider", `{"provider":null}`, "the response has no provider"},
		{"version", `null`, "the response is null"},
		{"version", ``, "the response body is empty"},
		{"version", `{"number":3}`, "the response has no version id"},

		// Null items, at any depth.
		{"factors", `[null]`, "the response has a null item at [0]"},
		{"factors", `[{"name":"sms","enabled":true},null]`, "the response has a null item at [1]"},
		{"policies", `[null]`, "the response has a null item at [0]"},
		{"message types", `{"message_types":["sms",null]}`, "null item at message_types[1]"},
		{"actions", `{"actions":[null]}`, "the response has a null item at actions[0]"},
		{"actions", `{"actions":[` + action + `,null],"total":2}`, "null item at actions[1]"},
		{"action", `{"id":"a1","name":"mfa","supported_triggers":[null]}`, "null item at supported_triggers[0]"},
		{"action", `{"id":"a1","name":"mfa","dependencies":[null]}`, "null item at dependencies[0]"},
		{"bindings", `{"bindings":[null]}`, "null item at bindings[0]"},

		// Items without what mfactl relies on.
		{"factors", `[{"enabled":true}]`, "item 1 of the factors list has no name"},
		{"factors", `[{"name":"sms"}]`, "factor sms has no enabled flag"},
		{"factors", `[{"name":"sms","enabled":true},{"name":"sms","enabled":false}]`, "factor sms is listed twice"},
		{"actions", `{"actions":[{"name":"mfa"}]}`, "item 1 of the actions list has no id"},
		{"actions", `{"actions":[{"id":null,"name":null}]}`, "item 1 of the actions list has no id"},
		{"actions", `{"actions":[{"id":"a1"}]}`, "item 1 of the actions list (a1) has no name"},
		{"actions", `{"actions":[],"total":-1}`, "the response's total is -1"},
		{"actions", `{"actions":[],"total":"many"}`, "does not have the expected shape"},
		{"action", `{}`, "the Action has no id"},
		{"action", `{"id":null,"name":null,"code":null,"status":null}`, "the Action has no id"},
		{"action", `{"id":"a2","name":"other"}`, "the response is Action a2, not a1"},
		{"bindings", `{"bindings":[{"display_name":"x","action":{"name":"mfa"}}]}`, "item 1 of the bindings list has no id"},
		{"bindings", `{"bindings":[{"id":"b1","action":null}]}`, "item 1 of the bindings list (b1) has no action"},
		{"bindings", `{"bindings":[{"id":"b1","action":{"id":"a1","name":null}}]}`, "(b1) has an action without a name"},
	}
	for _, tt := range tests {
		var got string
		func() {
			defer func() {
				if r := recover(); r != nil {
					t.Errorf("%s %q: panic %v", tt.parser, tt.body, r)
				}
			}()
			got = parsers[tt.parser]([]byte(tt.body))
		}()
		switch {
		case tt.want == "" && got != "":
			t.Errorf("%s %q: refused: %s", tt.parser, tt.body, got)
		case tt.want != "" && !strings.Contains(got, tt.want):
			t.Errorf("%s %q: problem %q, want %q", tt.parser, tt.body, got, tt.want)
		}
	}
}

// fakePage is what a test's API answers for one page: the item ids, total and page (-1: left out).
type fakePage struct {
	ids   []string
	total int
	page  int
}

func fullPage(prefix string) []string {
	ids := make([]string, pageSize)
	for i := range ids {
		ids[i] = fmt.Sprintf("%s%03d", prefix, i)
	}
	return ids
}

func TestPaginate(t *testing.T) {
	distinct := func(n int) fakePage { return fakePage{ids: fullPage(fmt.Sprintf("p%d-", n)), total: -1, page: -1} }
	tests := []struct {
		name      string
		pages     func(n int) fakePage
		wantItems int
		wantCalls int
		wantErr   string
	}{
		{"one short page", func(n int) fakePage { return fakePage{ids: []string{"a", "b"}, total: -1, page: -1} }, 2, 1, ""},
		{"empty", func(n int) fakePage { return fakePage{total: -1, page: -1} }, 0, 1, ""},
		{"two pages, the second short", func(n int) fakePage {
			if n == 0 {
				return distinct(0)
			}
			return fakePage{ids: []string{"last"}, total: -1, page: n}
		}, pageSize + 1, 2, ""},
		{"a full page that is the total", func(n int) fakePage {
			p := distinct(n)
			p.total = pageSize
			return p
		}, pageSize, 1, ""},
		{"a full last page, then an empty one (no total)", func(n int) fakePage {
			if n < 2 {
				return distinct(n)
			}
			return fakePage{total: -1, page: -1}
		}, 2 * pageSize, 3, ""},
		{"short pages with a total: read on to the total", func(n int) fakePage {
			if n == 2 {
				return fakePage{ids: []string{"last"}, total: 5, page: n}
			}
			return fakePage{ids: []string{fmt.Sprintf("p%d-a", n), fmt.Sprintf("p%d-b", n)}, total: 5, page: n}
		}, 5, 3, ""},
		{"a total above what is there: read on to an empty page", func(n int) fakePage {
			if n == 2 {
				return fakePage{total: 500, page: -1}
			}
			return fakePage{ids: []string{fmt.Sprintf("p%d", n)}, total: 500, page: -1}
		}, 2, 3, ""},
		{"page= ignored: the same page again", func(n int) fakePage { return distinct(0) }, 0, 2, "page 1 repeats page 0: the API does not honour page=; stopped after 2 requests"},
		{"page= ignored, with a total beyond the cap", func(n int) fakePage {
			p := distinct(0)
			p.total = 50000
			return p
		}, 0, 1, "the API reports 50000 items, more than the 10000 mfactl reads"},
		{"page= ignored, the page number says so", func(n int) fakePage {
			p := distinct(n)
			p.page = 0
			return p
		}, 0, 2, "asked for page 1, the answer is page 0"},
		{"an item again on a later page", func(n int) fakePage {
			p := distinct(n)
			if n == 2 {
				p.ids[5] = "p0-007"
			}
			return p
		}, 0, 3, `page 2 lists "p0-007" again (it was on page 0)`},
		{"more items than the total", func(n int) fakePage {
			p := distinct(n)
			p.total = 150
			return p
		}, 0, 2, "200 items read by page 1, more than the total of 150"},
		{"fresh full pages forever", distinct, 0, maxPages, "still more items after 100 pages of 100; stopped (mfactl reads at most 10000)"},
	}
	for _, tt := range tests {
		calls := 0
		items, err := paginate(context.Background(), "GET", "/api/v2/things", "items", func(ctx context.Context, n int) (listPage[string], error) {
			calls++
			p := tt.pages(n)
			return listPage[string]{items: p.ids, keys: p.ids, total: p.total, page: p.page}, nil
		})
		var re *ResponseError
		switch {
		case tt.wantErr == "" && err != nil:
			t.Errorf("%s: %v", tt.name, err)
		case tt.wantErr != "" && (!errors.As(err, &re) || !strings.Contains(err.Error(), tt.wantErr) || !strings.HasPrefix(err.Error(), "GET /api/v2/things: ")):
			t.Errorf("%s: error %v, want %q", tt.name, err, tt.wantErr)
		case tt.wantErr == "" && len(items) != tt.wantItems:
			t.Errorf("%s: %d items, want %d", tt.name, len(items), tt.wantItems)
		}
		if calls != tt.wantCalls {
			t.Errorf("%s: %d requests, want %d", tt.name, calls, tt.wantCalls)
		}
	}

	// A fetch error ends it, and so does a cancelled context.
	boom := errors.New("boom")
	if _, err := paginate(context.Background(), "GET", "/x", "items", func(context.Context, int) (listPage[string], error) { return listPage[string]{}, boom }); err != boom {
		t.Errorf("fetch error: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := paginate(ctx, "GET", "/x", "items", func(context.Context, int) (listPage[string], error) { return listPage[string]{}, nil }); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
}
