package simulate

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
)

// check matches a scenario's expectations against its result as a subset: listed keys must be
// equal; lists match element by element, the first N results against N expected items (all of them,
// with the same length, when exact).
func check(res *Result, expect map[string]any, exact bool) *ExpectResult {
	// Only the fields the expectation names are turned into JSON data.
	actual := map[string]any{}
	for k := range expect {
		var v any
		switch k {
		case "name":
			v = res.Name
		case "outcome":
			v = res.Outcome
		case "error":
			v = res.Error
		case "actions":
			v = res.Actions
		case "prompts":
			v = res.Prompts
		case "logs":
			v = res.Logs
		case "requests":
			v = res.Requests
		case "user":
			v = res.User
		default:
			continue
		}
		if _, plain := v.(string); !plain {
			b, _ := json.Marshal(v)
			_ = json.Unmarshal(b, &v)
		}
		actual[k] = v
	}
	out := &ExpectResult{Failures: []string{}}
	match("", expect, actual, exact, &out.Failures)
	out.Passed = len(out.Failures) == 0
	return out
}

func match(path string, want, got any, exact bool, failures *[]string) {
	switch w := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			*failures = append(*failures, fmt.Sprintf("%s: expected %s, got %s", label(path), show(want), show(got)))
			return
		}
		keys := make([]string, 0, len(w))
		for k := range w {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			gv, present := g[k]
			if !present {
				*failures = append(*failures, fmt.Sprintf("%s: expected %s, but the result has no %s", label(join(path, k)), show(w[k]), k))
				continue
			}
			match(join(path, k), w[k], gv, exact, failures)
		}
	case []any:
		g, ok := got.([]any)
		if !ok {
			*failures = append(*failures, fmt.Sprintf("%s: expected %s, got %s", label(path), show(want), show(got)))
			return
		}
		switch {
		case exact && len(g) != len(w):
			*failures = append(*failures, fmt.Sprintf("%s: expected exactly %d items (exact: true), got %d: %s", label(path), len(w), len(g), show(got)))
		case len(g) < len(w):
			*failures = append(*failures, fmt.Sprintf("%s: expected at least %d items, got %d: %s", label(path), len(w), len(g), show(got)))
		}
		for i := 0; i < len(w) && i < len(g); i++ {
			match(fmt.Sprintf("%s[%d]", path, i), w[i], g[i], exact, failures)
		}
	default:
		if !equal(want, got) {
			*failures = append(*failures, fmt.Sprintf("%s: expected %s, got %s", label(path), show(want), show(got)))
		}
	}
}

func equal(a, b any) bool {
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	return string(ja) == string(jb)
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func label(path string) string {
	if path == "" {
		return "the result"
	}
	return path
}

// show renders a value compactly for a failure message.
func show(v any) string {
	if v == nil {
		return "nothing"
	}
	// Not json.Marshal: it writes &, < and > as \u0026, \u003c and \u003e, which makes URLs unreadable.
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return fmt.Sprint(v)
	}
	s := strings.TrimSuffix(buf.String(), "\n")
	if len(s) > 200 {
		s = s[:197] + "..."
	}
	return strings.ReplaceAll(s, "\n", " ")
}
