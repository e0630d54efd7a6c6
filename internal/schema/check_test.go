package schema

import (
	"encoding/json"
	"fmt"
	"math"
	"regexp"
	"sort"
	"strings"
	"time"

	"go.yaml.in/yaml/v4"
)

// check validates v (JSON data) against s, for the subset of JSON Schema the schemas use, and
// returns a message per violation with its path. root holds the $defs that $ref names.
func check(root, s *Schema, v any, path string) []string {
	if s.Ref != "" {
		def := root.Defs.Get(strings.TrimPrefix(s.Ref, "#/$defs/"))
		if def == nil {
			return []string{fmt.Sprintf("%s: $ref %s names no definition", path, s.Ref)}
		}
		return check(root, def, v, path)
	}
	var errs []string
	fail := func(format string, args ...any) { errs = append(errs, path+": "+fmt.Sprintf(format, args...)) }
	if s.Type != nil && !typeOK(s.Type, v) {
		fail("%s is not of type %v", show(v), s.Type)
		return errs
	}
	if len(s.Enum) > 0 {
		found := false
		for _, e := range s.Enum {
			found = found || e == v
		}
		if !found {
			fail("%s is not one of %v", show(v), s.Enum)
		}
	}
	if str, ok := v.(string); ok && s.Pattern != "" && !regexp.MustCompile(s.Pattern).MatchString(str) {
		fail("%q does not match %s", str, s.Pattern)
	}
	if f, ok := v.(float64); ok {
		if s.Minimum != nil && f < *s.Minimum || s.Maximum != nil && f > *s.Maximum {
			fail("%v is out of range", f)
		}
	}
	if m, ok := v.(map[string]any); ok {
		for _, r := range s.Required {
			if _, ok := m[r]; !ok {
				fail("%s is required", r)
			}
		}
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if sub := s.Properties.Get(k); sub != nil {
				errs = append(errs, check(root, sub, m[k], path+"."+k)...)
				continue
			}
			switch a := s.AdditionalProperties.(type) {
			case bool:
				if !a {
					fail("unknown key %q", k)
				}
			case *Schema:
				errs = append(errs, check(root, a, m[k], path+"."+k)...)
			}
		}
	}
	if list, ok := v.([]any); ok && s.Items != nil {
		for i, item := range list {
			errs = append(errs, check(root, s.Items, item, fmt.Sprintf("%s[%d]", path, i))...)
		}
	}
	if len(s.AnyOf) > 0 {
		var all []string
		ok := false
		for _, alt := range s.AnyOf {
			e := check(root, alt, v, path)
			ok = ok || len(e) == 0
			all = append(all, e...)
		}
		if !ok {
			fail("matches none of anyOf: %s", strings.Join(all, "; "))
		}
	}
	if len(s.OneOf) > 0 {
		matched := 0
		var all []string
		for _, alt := range s.OneOf {
			e := check(root, alt, v, path)
			if len(e) == 0 {
				matched++
			}
			all = append(all, e...)
		}
		if matched != 1 {
			fail("matches %d of oneOf (must be 1): %s", matched, strings.Join(all, "; "))
		}
	}
	if s.Not != nil && len(check(root, s.Not, v, path)) == 0 {
		fail("is not allowed")
	}
	return errs
}

func typeOK(t any, v any) bool {
	switch t := t.(type) {
	case string:
		return isType(t, v)
	case []string:
		for _, name := range t {
			if isType(name, v) {
				return true
			}
		}
	}
	return false
}

func isType(name string, v any) bool {
	switch v := v.(type) {
	case nil:
		return name == "null"
	case bool:
		return name == "boolean"
	case string:
		return name == "string"
	case float64:
		return name == "number" || name == "integer" && v == math.Trunc(v)
	case []any:
		return name == "array"
	case map[string]any:
		return name == "object"
	}
	return false
}

func show(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// yamlData decodes YAML into JSON data, as the loaders see it (times as RFC 3339 text).
func yamlData(data []byte) (any, error) {
	var v any
	if err := yaml.Unmarshal(data, &v); err != nil {
		return nil, err
	}
	b, err := json.Marshal(jsonable(v))
	if err != nil {
		return nil, err
	}
	var out any
	err = json.Unmarshal(b, &out)
	return out, err
}

func jsonable(v any) any {
	switch v := v.(type) {
	case map[string]any:
		for k, e := range v {
			v[k] = jsonable(e)
		}
		return v
	case map[any]any:
		m := make(map[string]any, len(v))
		for k, e := range v {
			m[fmt.Sprint(k)] = jsonable(e)
		}
		return m
	case []any:
		for i, e := range v {
			v[i] = jsonable(e)
		}
		return v
	case time.Time:
		return v.UTC().Format(time.RFC3339Nano)
	}
	return v
}
