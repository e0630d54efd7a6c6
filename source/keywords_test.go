package source

import (
	"strings"
	"testing"
)

func mappings(t *testing.T, kv ...string) *Mappings {
	t.Helper()
	m := &Mappings{}
	for i := 0; i+1 < len(kv); i += 2 {
		m.Set(StringKeyword(kv[i], kv[i+1]))
	}
	return m
}

func TestReplaceLikeDeployCLI(t *testing.T) {
	arr, err := ParseJSONMappings([]byte(`{"URLS":["https://a","b"],"N":3,"OBJ":{"z":1,"a":[true,null]},"S":"x\"y<&>"}`))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		in   string
		m    *Mappings
		want string
	}{
		{"json string swallows single quotes", `a: '@@K@@'`, mappings(t, "K", "v"), `a: "v"`},
		{"json string swallows double quotes", `a: "@@K@@"`, mappings(t, "K", "v"), `a: "v"`},
		{"bare json string", `a: @@K@@`, mappings(t, "K", "v"), `a: "v"`},
		{"mismatched quotes are kept", `a: '@@K@@"`, mappings(t, "K", "v"), `a: '"v""`},
		{"left quote only is kept", `a: '@@K@@`, mappings(t, "K", "v"), `a: '"v"`},
		{"literal", `name: ##K## tenant`, mappings(t, "K", "dev"), `name: dev tenant`},
		{"literal keeps quotes", `name: '##K##'`, mappings(t, "K", "dev"), `name: 'dev'`},
		{"dollar sequences are not special", `a: ##K##`, mappings(t, "K", "$& $' $1"), `a: $& $' $1`},
		{"unknown keys stay", `a: ##X## @@Y@@`, mappings(t, "K", "v"), `a: ##X## @@Y@@`},
		{"array as JSON", `urls: @@URLS@@`, arr, `urls: ["https://a","b"]`},
		{"array as literal", `urls: [##URLS##]`, arr, `urls: [https://a,b]`},
		{"number", `n: @@N@@ and ##N##`, arr, `n: 3 and 3`},
		{"object keeps key order", `o: '@@OBJ@@'`, arr, `o: {"z":1,"a":[true,null]}`},
		{"object literal", `o: ##OBJ##`, arr, `o: [object Object]`},
		{"no HTML escaping", `s: @@S@@`, arr, `s: "x\"y<&>"`},
		{"@@ runs before ##", `a: @@K@@ ##K##`, mappings(t, "K", "v"), `a: "v" v`},
		{"each key sees the previous key's output", `a: ##A##`, mappings(t, "A", "##B##", "B", "done"), `a: done`},
		{"a later key's output is not replaced again", `a: ##B##`, mappings(t, "A", "x", "B", "##A##"), `a: ##A##`},
		{"adjacent keywords", `@@A@@@@B@@`, mappings(t, "A", "1", "B", "2"), `"1""2"`},
		{"repeated", `##A##-##A##-##A##`, mappings(t, "A", "x"), `x-x-x`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := NewFile("t.yaml", []byte(tt.in))
			f.Replace(tt.m)
			if got := string(f.Text); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestKeysInObjectKeysOrder(t *testing.T) {
	m := &Mappings{}
	for _, k := range []string{"b", "10", "a", "2", "01", "b"} {
		m.Set(StringKeyword(k, k))
	}
	if got := strings.Join(m.Keys(), ","); got != "2,10,b,a,01" {
		t.Errorf("got %s", got)
	}
	// Object.assign keeps the first place and takes the new value.
	m.Set(StringKeyword("b", "new"))
	if k, _ := m.Get("b"); k.Literal != "new" || strings.Join(m.Keys(), ",") != "2,10,b,a,01" {
		t.Errorf("got %v %v", k, m.Keys())
	}
}

func TestParseJSONMappingsErrors(t *testing.T) {
	for _, in := range []string{``, `{`, `[1]`, `"s"`, `{"a":}`, `{"a":1} x`, `{"a":1}{}`} {
		if _, err := ParseJSONMappings([]byte(in)); err == nil {
			t.Errorf("%q: no error", in)
		}
	}
}

// Positions after replacement map back to the text the user wrote.
func TestSpansMapToOriginal(t *testing.T) {
	in := "name: ##LONG_KEYWORD## x\nfactor: '@@F@@'\ntail: bad\n"
	f := NewFile("t.yaml", []byte(in))
	f.Replace(mappings(t, "LONG_KEYWORD", "a", "F", "sms"))
	if got, want := string(f.Text), "name: a x\nfactor: \"sms\"\ntail: bad\n"; got != want {
		t.Fatalf("text %q", got)
	}
	// "x" on line 1 moved left by the replacement.
	if s := f.SpanAt(1, 9, 1); s.Line != 1 || s.Col != 24 || s.EndCol != 25 {
		t.Errorf("after keyword: %+v", s)
	}
	// A token inside the replaced value points at the whole keyword, quotes included.
	if s := f.SpanAt(2, 9, 5); s.Line != 2 || s.Col != 9 || s.EndCol != 16 {
		t.Errorf("inside keyword: %+v", s)
	}
	// Lines after are unchanged.
	if s := f.SpanAt(3, 7, 3); s.Line != 3 || s.Col != 7 || s.EndCol != 10 {
		t.Errorf("later line: %+v", s)
	}
	if len(f.Replacements) != 2 || f.Replacements[0].Key != "F" || f.Replacements[0].Span.Col != 9 {
		t.Errorf("replacements: %+v", f.Replacements)
	}
}

func TestColumnsCountCharacters(t *testing.T) {
	f := NewFile("t.yaml", []byte("name: 'héllo' ##K##\n"))
	f.Replace(mappings(t, "K", "v"))
	// "v" is the 15th character in the replaced text.
	if s := f.SpanAt(1, 15, 1); s.Col != 15 || s.EndCol != 20 {
		t.Errorf("%+v", s)
	}
}

func TestUnresolved(t *testing.T) {
	f := NewFile("t.yaml", []byte("a: ##A##\nb: '@@B@@'\nc: ## not a keyword ##\nd: x@@y\n"))
	f.Replace(mappings(t, "A", "1"))
	got, n := f.Unresolved()
	if n != 1 || len(got) != 1 || got[0].Text != "@@B@@" || got[0].Span.Line != 2 || got[0].Span.Col != 5 {
		t.Errorf("%+v", got)
	}
}

func FuzzReplace(f *testing.F) {
	f.Add([]byte("a: '@@K@@' ##K## \"@@K@@\""), "K", "v")
	f.Add([]byte("@@@@K@@@@##K####"), "K", "@@K@@")
	f.Add([]byte("x\ny: ##A##\n"), "A", "")
	f.Fuzz(func(t *testing.T, in []byte, key, value string) {
		file := NewFile("f", in)
		m := &Mappings{}
		m.Set(StringKeyword(key, value))
		m.Set(StringKeyword(key+"2", value+value))
		file.Replace(m)
		lines := strings.Count(string(in), "\n") + 1
		for off := 0; off <= len(file.Text); off += 1 + len(file.Text)/64 {
			s := file.SpanOf(off, off)
			if s.Line < 1 || s.Line > lines || s.Col < 1 {
				t.Fatalf("offset %d maps to %+v (file has %d lines)", off, s, lines)
			}
		}
		if !strings.Contains(string(in), key) && string(file.Text) != string(in) {
			t.Fatalf("text changed without a keyword")
		}
	})
}

// Many keywords on one long line stay linear.
func TestManyKeywordsOnOneLine(t *testing.T) {
	in := strings.Repeat("@@K@@ ##X## ", 20000)
	f := NewFile("f", []byte(in))
	m := &Mappings{}
	m.Set(StringKeyword("K", "v"))
	f.Replace(m)
	if len(f.Replacements) != 20000 || f.Replacements[19999].Span.Col != 19999*12+1 {
		t.Fatalf("%d replacements, last %+v", len(f.Replacements), f.Replacements[len(f.Replacements)-1].Span)
	}
	got, n := f.Unresolved()
	if n != 20000 || len(got) != MaxUnresolved {
		t.Errorf("unresolved %d of %d", len(got), n)
	}
}

// TestJSONKeywordLikeJavaScript: a mapping's value is printed as JSON.stringify and String() print
// what JSON.parse made of it (expected values taken from Node.js).
func TestJSONKeywordLikeJavaScript(t *testing.T) {
	for _, tt := range []struct{ in, json, text string }{
		{`1.0`, `1`, `1`},
		{`1e2`, `100`, `100`},
		{`1e21`, `1e+21`, `1e+21`},
		{`1e-7`, `1e-7`, `1e-7`},
		{`0.000001`, `0.000001`, `0.000001`},
		{`123456789012345678901234`, `1.2345678901234569e+23`, `1.2345678901234569e+23`},
		{`-0`, `0`, `0`},
		{`-1.5E-10`, `-1.5e-10`, `-1.5e-10`},
		{`1e999`, `null`, `Infinity`},
		{`{"b":1,"2":2,"1":3,"a":{"é":"\u00e9\/"}}`, `{"1":3,"2":2,"b":1,"a":{"é":"é/"}}`, `[object Object]`},
		{`{"a":1,"a":2,"b":3}`, `{"a":2,"b":3}`, `[object Object]`},
		{`["x",null,[1,[2]],{"a":1}]`, `["x",null,[1,[2]],{"a":1}]`, `x,,1,2,[object Object]`},
		{`[1.50, 2E3]`, `[1.5,2000]`, `1.5,2000`},
		{`"\u2028<&>\u0001\\"`, "\"\u2028<&>\\u0001\\\\\"", "\u2028<&>\x01\\"},
		{`true`, `true`, `true`},
		{`null`, `null`, `null`},
	} {
		kw, err := JSONKeyword("K", []byte(tt.in))
		if err != nil {
			t.Errorf("%s: %v", tt.in, err)
			continue
		}
		if kw.JSON != tt.json || kw.Literal != tt.text {
			t.Errorf("%s: JSON %s, text %q; want %s, %q", tt.in, kw.JSON, kw.Literal, tt.json, tt.text)
		}
	}
	if _, err := JSONKeyword("K", []byte(`1 2`)); err == nil {
		t.Error("1 2: no error")
	}
}

// TestStringKeywordInvalidUTF8: bytes that are not UTF-8 in a value from the environment or an
// argument are U+FFFD, as in the strings Node.js gives the Deploy CLI (found by FuzzLoadDir).
func TestStringKeywordInvalidUTF8(t *testing.T) {
	kw := StringKeyword("K", "a\xebb")
	if kw.Literal != "a\uFFFDb" || kw.JSON != "\"a\uFFFDb\"" {
		t.Errorf("got %q, %q", kw.Literal, kw.JSON)
	}
}
