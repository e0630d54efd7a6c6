package config

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"go.yaml.in/yaml/v4"

	"github.com/mfactl/mfactl/source"
)

// FuzzParseJSON: on any text encoding/json accepts, parseJSON succeeds, reads the same value, and
// gives every node the line and column of its first character; on any other text it fails.
func FuzzParseJSON(f *testing.F) {
	for _, s := range []string{
		`{"a": [1, -2.5e+3, true, false, null, "x\u00e9\ud83d\ude00\ud800\n"], "b": {}}`,
		"{\r\n\t\"é\": \"ü\",\n  \"k\": [ [ ], { } ]\n}", `"\/\b\f"`, `0`, `-0.0E-0`, `[1,]`, `{"a" 1}`, `01`, "\"\x01\"", `[` + strings.Repeat("[", 50) + `]`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if !utf8.Valid(data) {
			return // refused before parsing; encoding/json would read it with U+FFFD
		}
		n, jerr := parseJSON(data, nil)
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.UseNumber()
		var want any
		valid := json.Valid(data)
		if !valid {
			if jerr == nil {
				t.Fatalf("parseJSON accepts what encoding/json refuses: %q", data)
			}
			if jerr.off < 0 || jerr.off > len(data) {
				t.Fatalf("error offset %d outside %d bytes", jerr.off, len(data))
			}
			return
		}
		if jerr != nil {
			t.Fatalf("parseJSON refuses valid JSON %q: %s at %d", data, jerr.msg, jerr.off)
		}
		if err := dec.Decode(&want); err != nil {
			t.Fatal(err)
		}
		if got := nodeValue(n); !reflect.DeepEqual(got, want) {
			t.Fatalf("%q: got %#v, want %#v", data, got, want)
		}
		file := source.NewFile("f.json", data)
		var walk func(n *yaml.Node)
		walk = func(n *yaml.Node) {
			off := file.OffsetAt(n.Line, n.Column)
			first := map[yaml.Kind]string{yaml.MappingNode: "{", yaml.SequenceNode: "["}[n.Kind]
			if n.Kind == yaml.ScalarNode {
				first = n.Value[:min(1, len(n.Value))]
				if n.Tag == "!!str" {
					first = `"`
				}
			}
			if off >= len(data) || !bytes.HasPrefix(data[off:], []byte(first)) {
				t.Fatalf("%q: node %q at %d:%d (offset %d) does not start with %q", data, n.Value, n.Line, n.Column, off, first)
			}
			for _, c := range n.Content {
				walk(c)
			}
		}
		walk(n)
	})
}

// nodeValue is the value encoding/json (with UseNumber) decodes from the text n was parsed from.
func nodeValue(n *yaml.Node) any {
	switch n.Kind {
	case yaml.MappingNode:
		m := map[string]any{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			m[n.Content[i].Value] = nodeValue(n.Content[i+1])
		}
		return m
	case yaml.SequenceNode:
		s := []any{}
		for _, c := range n.Content {
			s = append(s, nodeValue(c))
		}
		return s
	}
	switch n.Tag {
	case "!!null":
		return nil
	case "!!bool":
		return n.Value == "true"
	case "!!int", "!!float":
		return json.Number(n.Value)
	}
	return n.Value
}

// TestParseJSONDepth: nesting is bounded where encoding/json bounds it, so the syntax check and the
// parser agree.
func TestParseJSONDepth(t *testing.T) {
	for _, depth := range []int{maxJSONDepth, maxJSONDepth + 1} {
		data := []byte(strings.Repeat("[", depth) + strings.Repeat("]", depth))
		_, jerr := parseJSON(data, nil)
		if (jerr == nil) != json.Valid(data) {
			t.Errorf("depth %d: parseJSON error %v, json.Valid %v", depth, jerr, json.Valid(data))
		}
	}
}
