package simulate

import (
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v4"
)

// check matches a scenario's expectations against its result as a subset: listed keys must be
// equal; lists match element by element, the first N results against N expected items (all of them,
// with the same length, when exact).
func check(res *Result, expect map[string]any, exact bool) *ExpectResult {
	return checkAt(res, expect, exact, nil)
}

// checkAt is check with the positions of the expectations in the scenarios file (nil: unknown).
// Each failure starts with the file:line:col of the expectation that failed, shows the values in
// YAML flow style, as the scenarios file writes them (an item of the result with only the keys the
// expectation names), and the failures come in login order: the order of the trace.
func checkAt(res *Result, expect map[string]any, exact bool, pos *expectPos) *ExpectResult {
	c := &checker{exact: exact, stepAt: map[string][]int{}, end: len(res.Steps)}
	for i, s := range res.Steps {
		switch s.Kind {
		case "action", "prompt", "log", "request":
			list := c.stepAt[s.Kind]
			for len(list) <= s.Index {
				list = append(list, -1)
			}
			if list[s.Index] < 0 {
				list[s.Index] = i
			}
			c.stepAt[s.Kind] = list
		}
	}
	for _, k := range keysOf(expect, pos) {
		var v any
		var rank func(int) float64
		fixed := func(r float64) func(int) float64 { return func(int) float64 { return r } }
		switch k {
		case "name":
			v, rank = res.Name, fixed(-1)
		case "actions":
			v, rank = res.Actions, c.rankOf("action")
		case "prompts":
			v, rank = res.Prompts, c.rankOf("prompt")
		case "logs":
			v, rank = res.Logs, c.rankOf("log")
		case "requests":
			v, rank = res.Requests, c.rankOf("request")
		case "outcome":
			v, rank = res.Outcome, fixed(float64(c.end+1))
		case "error":
			v, rank = res.Error, fixed(float64(c.end+2))
		case "user":
			v, rank = res.User, fixed(float64(c.end+3))
		default:
			continue
		}
		if _, plain := v.(string); !plain {
			b, _ := json.Marshal(v)
			v = nil
			_ = json.Unmarshal(b, &v)
		}
		c.match(k, expect[k], v, pos.at(k), rank)
	}
	sort.SliceStable(c.failures, func(i, j int) bool { return c.failures[i].rank < c.failures[j].rank })
	out := &ExpectResult{Failures: []string{}}
	for _, f := range c.failures {
		out.Failures = append(out.Failures, f.text)
	}
	out.Passed = len(out.Failures) == 0
	return out
}

type checker struct {
	exact bool
	// stepAt is, per kind of step, the position in the trace of each item.
	stepAt   map[string][]int
	end      int
	failures []failure
}

type failure struct {
	rank float64
	text string
}

// rankOf places the items of one list of the result in login order: item i where the trace shows
// it, an item the result does not have after the last one there is.
func (c *checker) rankOf(kind string) func(int) float64 {
	return func(i int) float64 {
		list := c.stepAt[kind]
		if i < len(list) && list[i] >= 0 {
			return float64(list[i])
		}
		if len(list) > 0 {
			return float64(list[len(list)-1]) + 0.5
		}
		return float64(c.end) + 0.5
	}
}

func (c *checker) fail(pos *expectPos, rank float64, format string, args ...any) {
	text := fmt.Sprintf(format, args...)
	if pos != nil && pos.span.Line > 0 {
		text = fmt.Sprintf("%s:%d:%d: %s", pos.span.File, pos.span.Line, pos.span.Col, text)
	}
	c.failures = append(c.failures, failure{rank: rank, text: text})
}

// match compares an expected value with the result's at path; rank(i) is the login order of the
// i-th item of a list (of the top-level lists), or of the value.
func (c *checker) match(path string, want, got any, pos *expectPos, rank func(int) float64) {
	switch w := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			c.fail(pos, rank(0), "%s: expected %s, got %s", path, flow(want, pos), flow(got, nil))
			return
		}
		for _, k := range keysOf(w, pos) {
			gv, present := g[k]
			if !present {
				c.fail(pos.at(k), rank(0), "%s: expected %s, got nothing (the result has no %s)", path+"."+k, flow(w[k], pos.at(k)), k)
				continue
			}
			c.match(path+"."+k, w[k], gv, pos.at(k), rank)
		}
	case []any:
		g, ok := got.([]any)
		if !ok {
			c.fail(pos, rank(0), "%s: expected %s, got %s", path, flow(want, pos), flow(got, nil))
			return
		}
		if !hasMap(w) {
			// A list of plain values (factors, roles …) is one value.
			if !c.subset(want, got) {
				note := ""
				if c.exact && len(w) != len(g) {
					note = " (exact: true)"
				}
				c.fail(pos, rank(0), "%s: expected %s%s, got %s", path, flow(want, pos), note, flow(got, nil))
			}
			return
		}
		for i := 0; i < len(w) && i < len(g); i++ {
			if c.subset(w[i], g[i]) {
				continue
			}
			item := pos.item(i)
			c.fail(c.firstDifference(w[i], g[i], item), rank(i), "%s[%d]: expected %s, got %s", path, i, flow(w[i], item), flow(project(g[i], w[i]), item))
		}
		switch {
		case c.exact && len(g) != len(w):
			c.fail(pos, rank(min(len(g), len(w))), "%s: expected exactly %d items (exact: true), got %d: %s", path, len(w), len(g), flow(projectList(g, w), pos))
		case len(g) < len(w):
			c.fail(pos, rank(len(g)), "%s: expected at least %d items, got %d: %s", path, len(w), len(g), flow(projectList(g, w), pos))
		}
	default:
		if !equal(want, got) {
			c.fail(pos, rank(0), "%s: expected %s, got %s", path, flow(want, pos), flow(got, nil))
		}
	}
}

// subset reports whether got has every part of want (lists: their first len(want) items, all of
// them when exact).
func (c *checker) subset(want, got any) bool {
	switch w := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			return false
		}
		for k, wv := range w {
			gv, present := g[k]
			if !present || !c.subset(wv, gv) {
				return false
			}
		}
		return true
	case []any:
		g, ok := got.([]any)
		if !ok || len(g) < len(w) || c.exact && len(g) != len(w) {
			return false
		}
		for i := range w {
			if !c.subset(w[i], g[i]) {
				return false
			}
		}
		return true
	}
	return equal(want, got)
}

// firstDifference is where, in the file, the first key of an expected item that does not hold is
// written; the item's own position when that is not known.
func (c *checker) firstDifference(want, got any, pos *expectPos) *expectPos {
	w, ok := want.(map[string]any)
	g, gok := got.(map[string]any)
	if !ok || !gok {
		return pos
	}
	for _, k := range keysOf(w, pos) {
		if gv, present := g[k]; !present || !c.subset(w[k], gv) {
			if p := pos.at(k); p != nil {
				return p
			}
			break
		}
	}
	return pos
}

func hasMap(list []any) bool {
	for _, v := range list {
		if _, ok := v.(map[string]any); ok {
			return true
		}
	}
	return false
}

// project keeps of got only the parts want names, so a failure shows what was compared, not the
// whole record.
func project(got, want any) any {
	switch w := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			return got
		}
		out := map[string]any{}
		for k, wv := range w {
			if gv, present := g[k]; present {
				out[k] = project(gv, wv)
			}
		}
		return out
	case []any:
		g, ok := got.([]any)
		if !ok || !hasMap(w) {
			return got
		}
		return projectList(g, w)
	}
	return got
}

// projectList projects each item of got on the expected item at its index, and the items past the
// expected ones on the keys of all of them.
func projectList(got, want []any) []any {
	all := map[string]any{}
	for _, w := range want {
		if m, ok := w.(map[string]any); ok {
			for k, v := range m {
				all[k] = v
			}
		}
	}
	out := make([]any, len(got))
	for i, g := range got {
		if i < len(want) {
			out[i] = project(g, want[i])
		} else {
			out[i] = project(g, all)
		}
	}
	return out
}

func equal(a, b any) bool {
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	return string(ja) == string(jb)
}

// at is the position of key k of a mapping; nil when unknown.
func (p *expectPos) at(k string) *expectPos {
	if p == nil {
		return nil
	}
	return p.field[k]
}

// item is the position of the i-th item of a list; nil when unknown.
func (p *expectPos) item(i int) *expectPos {
	if p == nil || i >= len(p.items) {
		return nil
	}
	return p.items[i]
}

// keysOf is a mapping's keys in the order the scenarios file writes them, then any others sorted.
func keysOf(m map[string]any, pos *expectPos) []string {
	var out []string
	seen := map[string]bool{}
	if pos != nil {
		for _, k := range pos.keys {
			if _, ok := m[k]; ok && !seen[k] {
				out = append(out, k)
				seen[k] = true
			}
		}
	}
	var rest []string
	for k := range m {
		if !seen[k] {
			rest = append(rest, k)
		}
	}
	sort.Strings(rest)
	return append(out, rest...)
}

// flow writes a value in YAML flow style, as a scenarios file would: {kind: challenge, factors:
// [otp]}; mappings in the key order of pos (the expectation's), then sorted.
func flow(v any, pos *expectPos) string {
	var b strings.Builder
	writeFlow(&b, v, pos)
	return b.String()
}

func writeFlow(b *strings.Builder, v any, pos *expectPos) {
	switch v := v.(type) {
	case nil:
		b.WriteString("null")
	case bool:
		b.WriteString(strconv.FormatBool(v))
	case float64:
		if v == math.Trunc(v) && math.Abs(v) < 1e15 {
			b.WriteString(strconv.FormatFloat(v, 'f', -1, 64))
		} else {
			b.WriteString(strconv.FormatFloat(v, 'g', -1, 64))
		}
	case string:
		b.WriteString(flowScalar(v))
	case []any:
		b.WriteString("[")
		for i, e := range v {
			if i > 0 {
				b.WriteString(", ")
			}
			item := pos.item(i)
			if item == nil && pos != nil && len(pos.items) > 0 {
				// Past the expected items: in the key order of the last one.
				item = pos.items[len(pos.items)-1]
			}
			writeFlow(b, e, item)
		}
		b.WriteString("]")
	case map[string]any:
		b.WriteString("{")
		for i, k := range keysOf(v, pos) {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(flowScalar(k))
			b.WriteString(": ")
			writeFlow(b, v[k], pos.at(k))
		}
		b.WriteString("}")
	default:
		data, _ := json.Marshal(v)
		b.Write(data)
	}
}

// flowScalar writes a string as a YAML flow scalar: plain when YAML reads it back as the same string
// (otp, Second factor started), else double-quoted ("true", "a, b", "").
func flowScalar(s string) string {
	plain := s != "" && s == strings.TrimSpace(s) && !strings.ContainsAny(s, ",[]{}#\"'`\\") &&
		!strings.Contains(s, ": ") && !strings.HasSuffix(s, ":") && strings.IndexByte("!&*|>%@-?:", s[0]) < 0
	for _, r := range s {
		if r < ' ' || r == 0x7f || r > 0x7e {
			plain = false
			break
		}
	}
	if plain {
		var back []any
		if err := yaml.Unmarshal([]byte("["+s+"]"), &back); err != nil || len(back) != 1 || back[0] != s {
			plain = false
		}
	}
	if plain {
		return s
	}
	data, _ := json.Marshal(s)
	return strings.NewReplacer(`\u003c`, "<", `\u003e`, ">", `\u0026`, "&").Replace(string(data))
}
