package deploy

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/auth0/go-auth0/management"
)

// ResponseError is a successful answer whose body is not what the endpoint returns: empty, null, of
// the wrong type, a list with a null item, an item without its id or name, a list that does not
// paginate. Nothing from such an answer is used.
type ResponseError struct {
	Method string
	Path   string
	// Problem says what is wrong with the answer.
	Problem string
}

func (e *ResponseError) Error() string {
	return e.Method + " " + e.Path + ": " + e.Problem
}

// Pagination bounds. A list is read pageSize items at a time, and at most maxPages pages: a tenant
// with more than maxPages*pageSize post-login Actions or bindings is not one mfactl can plan for,
// and an API that keeps answering full pages is not paginating.
const (
	pageSize = 100
	maxPages = 100
	maxItems = maxPages * pageSize
)

// listPage is one page of a list answer. keys identify its items (ids), to notice a page that
// repeats; total and page are -1 when the answer leaves them out (the API omits zeros).
type listPage[T any] struct {
	items []T
	keys  []string
	total int
	page  int
}

// paginate reads every page of a list: until the total the API reports is reached, or, without a
// total, until a short page; an empty page always ends it. It stops with a ResponseError instead of
// looping when the API does not paginate: a page that repeats the one before, an item seen on an earlier page, more
// items than the total the API reports, a total or a count beyond maxItems, maxPages pages.
func paginate[T any](ctx context.Context, method, path, what string, fetch func(ctx context.Context, page int) (listPage[T], error)) ([]T, error) {
	fail := func(format string, args ...any) error {
		return &ResponseError{Method: method, Path: path, Problem: fmt.Sprintf(format, args...)}
	}
	var (
		out  []T
		prev []string
		seen = map[string]int{}
	)
	for n := 0; ; n++ {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if n == maxPages {
			return nil, fail("still more %s after %d pages of %d; stopped (mfactl reads at most %d)", what, maxPages, pageSize, maxItems)
		}
		p, err := fetch(ctx, n)
		if err != nil {
			return nil, err
		}
		switch {
		case p.page >= 0 && p.page != n:
			return nil, fail("asked for page %d, the answer is page %d: the API does not honour page=; stopped", n, p.page)
		case p.total > maxItems:
			return nil, fail("the API reports %d %s, more than the %d mfactl reads; stopped", p.total, what, maxItems)
		case n > 0 && len(p.keys) > 0 && slices.Equal(p.keys, prev):
			return nil, fail("page %d repeats page %d: the API does not honour page=; stopped after %d requests", n, n-1, n+1)
		}
		for _, k := range p.keys {
			if first, dup := seen[k]; dup {
				return nil, fail("page %d lists %q again (it was on page %d): the API does not paginate consistently; stopped", n, k, first)
			}
			seen[k] = n
		}
		out = append(out, p.items...)
		switch {
		case p.total >= 0 && len(out) > p.total:
			return nil, fail("%d %s read by page %d, more than the total of %d the API reports; stopped", len(out), what, n, p.total)
		case len(out) > maxItems:
			return nil, fail("more than %d %s; stopped", maxItems, what)
		case len(p.items) == 0, p.total >= 0 && len(out) == p.total:
			return out, nil
		case p.total < 0 && len(p.items) < pageSize:
			// Without a total, a short page is the last. With one, a short page may only mean
			// that the API pages by fewer than pageSize: read on until the total is reached.
			return out, nil
		}
		prev = p.keys
	}
}

// decode checks that body is one JSON value of the kind wanted ("object" or "array"), with no null
// item in any of its lists, and decodes it into v. It returns what is wrong, or "".
func decode(body []byte, kind string, v any) string {
	want := "a JSON " + kind
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) == 0 {
		return "the response body is empty; expected " + want
	}
	var doc any
	dec := json.NewDecoder(bytes.NewReader(trimmed))
	dec.UseNumber()
	if err := dec.Decode(&doc); err != nil {
		return "the response is not JSON (" + err.Error() + "); expected " + want
	}
	if dec.InputOffset() != int64(len(trimmed)) {
		return "the response has more than one JSON value; expected " + want
	}
	if got := jsonKind(doc); got != kind {
		return "the response is " + article(got) + "; expected " + want
	}
	if at := nullItem(doc, ""); at != "" {
		return "the response has a null item at " + at
	}
	if err := json.Unmarshal(trimmed, v); err != nil {
		return "the response does not have the expected shape: " + err.Error()
	}
	return ""
}

// decodeList decodes an object whose field holds a list, and checks that the list is there.
func decodeList(body []byte, field string, v any) string {
	var fields map[string]json.RawMessage
	if p := decode(body, "object", &fields); p != "" {
		return p
	}
	raw, ok := fields[field]
	if !ok {
		return "the response has no " + field + " list"
	}
	var doc any
	_ = json.Unmarshal(raw, &doc)
	switch got := jsonKind(doc); got {
	case "array":
	case "null":
		return "the response has no " + field + " list (" + field + " is null)"
	default:
		return "the response's " + field + " is " + article(got) + ", not a list"
	}
	if err := json.Unmarshal(body, v); err != nil {
		return "the response does not have the expected shape: " + err.Error()
	}
	return ""
}

func jsonKind(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case map[string]any:
		return "object"
	case []any:
		return "array"
	case string:
		return "string"
	case bool:
		return "boolean"
	}
	return "number"
}

func article(kind string) string {
	switch kind {
	case "null":
		return "null"
	case "array", "object":
		return "an " + kind
	}
	return "a " + kind
}

// nullItem returns where the first null item of a list is in v (e.g. "actions[1]"), or "".
func nullItem(v any, at string) string {
	switch x := v.(type) {
	case []any:
		for i, item := range x {
			here := at + "[" + strconv.Itoa(i) + "]"
			if item == nil {
				return here
			}
			if p := nullItem(item, here); p != "" {
				return p
			}
		}
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			here := k
			if at != "" {
				here = at + "." + k
			}
			if p := nullItem(x[k], here); p != "" {
				return p
			}
		}
	}
	return ""
}

// listMeta are the paging fields of a list answer.
type listMeta struct {
	Total *int `json:"total"`
	Page  *int `json:"page"`
}

func (m listMeta) check() (total, page int, problem string) {
	total, page = -1, -1
	if m.Total != nil {
		if *m.Total < 0 {
			return 0, 0, fmt.Sprintf("the response's total is %d", *m.Total)
		}
		total = *m.Total
	}
	if m.Page != nil {
		page = *m.Page
	}
	return total, page, ""
}

// parseSettings reads the MFA fields of GET /tenants/settings. Fields that are absent are unknown.
func parseSettings(body []byte) (TenantSettings, string) {
	var t struct {
		CustomizeMFA *bool `json:"customize_mfa_in_postlogin_action"`
		Flags        *struct {
			ShowFactorList *bool `json:"mfa_show_factor_list_on_enrollment"`
		} `json:"flags"`
	}
	if p := decode(body, "object", &t); p != "" {
		return TenantSettings{}, p
	}
	s := TenantSettings{CustomizeMFA: t.CustomizeMFA}
	if t.Flags != nil {
		s.ShowFactorListOnEnrollment = t.Flags.ShowFactorList
	}
	return s, ""
}

// parseFactors reads GET /guardian/factors: a bare list of {name, enabled}.
func parseFactors(body []byte) ([]Factor, string) {
	var list []*management.MultiFactor
	if p := decode(body, "array", &list); p != "" {
		return nil, p
	}
	out := make([]Factor, 0, len(list))
	seen := map[string]bool{}
	for i, f := range list {
		switch {
		case f == nil:
			return nil, fmt.Sprintf("item %d of the factors list is null", i+1)
		case f.GetName() == "":
			return nil, fmt.Sprintf("item %d of the factors list has no name", i+1)
		case f.Enabled == nil:
			return nil, fmt.Sprintf("factor %s has no enabled flag", f.GetName())
		case seen[f.GetName()]:
			return nil, fmt.Sprintf("factor %s is listed twice", f.GetName())
		}
		seen[f.GetName()] = true
		out = append(out, Factor{Name: f.GetName(), Enabled: f.GetEnabled()})
	}
	return out, ""
}

// parseMessageTypes reads GET /guardian/factors/phone/message-types: {"message_types": [...]}.
func parseMessageTypes(body []byte) ([]string, string) {
	var mt struct {
		MessageTypes []string `json:"message_types"`
	}
	if p := decodeList(body, "message_types", &mt); p != "" {
		return nil, p
	}
	return nonNil(mt.MessageTypes), ""
}

// parseProvider reads GET /guardian/factors/phone/selected-provider: {"provider": "..."}.
func parseProvider(body []byte) (string, string) {
	var p struct {
		Provider *string `json:"provider"`
	}
	if prob := decode(body, "object", &p); prob != "" {
		return "", prob
	}
	if p.Provider == nil || *p.Provider == "" {
		return "", "the response has no provider"
	}
	return *p.Provider, ""
}

// parsePolicies reads GET /guardian/policies: a bare list of policy names.
func parsePolicies(body []byte) ([]string, string) {
	var list []string
	if p := decode(body, "array", &list); p != "" {
		return nil, p
	}
	return nonNil(list), ""
}

// parseActionPage reads one page of GET /actions/actions.
func parseActionPage(body []byte) (listPage[Action], string) {
	var l struct {
		listMeta
		Actions []*management.Action `json:"actions"`
	}
	if p := decodeList(body, "actions", &l); p != "" {
		return listPage[Action]{}, p
	}
	total, page, p := l.check()
	if p != "" {
		return listPage[Action]{}, p
	}
	out := listPage[Action]{total: total, page: page}
	for i, a := range l.Actions {
		act, p := actionOf(a, fmt.Sprintf("item %d of the actions list", i+1))
		if p != "" {
			return listPage[Action]{}, p
		}
		out.items = append(out.items, act)
		out.keys = append(out.keys, act.ID)
	}
	return out, ""
}

// parseAction reads an Action (GET, and the answers of POST and PATCH). wantID, when set, is the id
// that was asked for.
func parseAction(body []byte, wantID string) (Action, string) {
	var a management.Action
	if p := decode(body, "object", &a); p != "" {
		return Action{}, p
	}
	act, p := actionOf(&a, "the Action")
	if p != "" {
		return Action{}, p
	}
	if wantID != "" && act.ID != wantID {
		return Action{}, fmt.Sprintf("the response is Action %s, not %s", act.ID, wantID)
	}
	return act, ""
}

// parseVersion reads the answer of POST /actions/actions/{id}/deploy: the new version.
func parseVersion(body []byte) (Version, string) {
	var v management.ActionVersion
	if p := decode(body, "object", &v); p != "" {
		return Version{}, p
	}
	if v.GetID() == "" {
		return Version{}, "the response has no version id"
	}
	return Version{ID: v.GetID(), Number: v.Number, Deployed: v.Deployed}, ""
}

// parseBindingPage reads one page of GET /actions/triggers/{trigger}/bindings.
func parseBindingPage(body []byte) (listPage[Binding], string) {
	var l struct {
		listMeta
		Bindings []*management.ActionBinding `json:"bindings"`
	}
	if p := decodeList(body, "bindings", &l); p != "" {
		return listPage[Binding]{}, p
	}
	total, page, p := l.check()
	if p != "" {
		return listPage[Binding]{}, p
	}
	out := listPage[Binding]{total: total, page: page}
	for i, b := range l.Bindings {
		where := fmt.Sprintf("item %d of the bindings list", i+1)
		switch {
		case b == nil:
			return listPage[Binding]{}, where + " is null"
		case b.GetID() == "":
			return listPage[Binding]{}, where + " has no id"
		case b.Action == nil:
			return listPage[Binding]{}, where + " (" + b.GetID() + ") has no action"
		case b.Action.GetName() == "":
			return listPage[Binding]{}, where + " (" + b.GetID() + ") has an action without a name"
		}
		out.items = append(out.items, Binding{ID: b.GetID(), DisplayName: b.GetDisplayName(), ActionID: b.Action.GetID(), ActionName: b.Action.GetName()})
		out.keys = append(out.keys, b.GetID())
	}
	return out, ""
}

// actionOf converts an Action of the API, checking the fields mfactl relies on.
func actionOf(a *management.Action, where string) (Action, string) {
	switch {
	case a == nil:
		return Action{}, where + " is null"
	case a.GetID() == "":
		return Action{}, where + " has no id"
	case a.GetName() == "":
		return Action{}, where + " (" + a.GetID() + ") has no name"
	}
	out := Action{
		ID:                 a.GetID(),
		Name:               a.GetName(),
		Code:               a.GetCode(),
		Runtime:            a.GetRuntime(),
		Status:             strings.ToLower(a.GetStatus()),
		AllChangesDeployed: a.AllChangesDeployed,
	}
	if a.Dependencies != nil {
		for _, d := range *a.Dependencies {
			out.Dependencies = append(out.Dependencies, Dependency{Name: d.GetName(), Version: d.GetVersion()})
		}
	}
	if a.Secrets != nil {
		for _, s := range *a.Secrets {
			out.SecretNames = append(out.SecretNames, s.GetName())
		}
	}
	for _, t := range a.SupportedTriggers {
		out.Triggers = append(out.Triggers, Trigger{ID: t.GetID(), Version: t.GetVersion()})
	}
	if v := a.DeployedVersion; v != nil {
		out.Deployed = &Version{ID: v.GetID(), Number: v.Number, Deployed: v.Deployed}
	}
	return out, ""
}
