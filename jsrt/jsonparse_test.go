package jsrt

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/dop251/goja"
)

// parseBoth parses text with parseJSON and with goja's JSON.parse, and writes each result with
// JSON.stringify and its objects' key order; it reports whether parseJSON took the text.
func parseBoth(t *testing.T, vm *goja.Runtime, text string) (native, builtin string, took bool) {
	t.Helper()
	show, err := vm.RunString(`(function (v) {
  const keys = [];
  (function walk(x) { if (x !== null && typeof x === 'object') { keys.push(Object.getPrototypeOf(x) === Array.prototype ? 'A' : Object.keys(x).join('|')); for (const k of Object.keys(x)) { walk(x[k]); } } })(v);
  return JSON.stringify(v) + ' ' + keys.join(';') + ' ' + (Object.is(v, -0) ? '-0' : typeof v) + ' ' + (v !== null && typeof v === 'object' ? Object.getOwnPropertyNames(v).length + ':' + Object.getPrototypeOf(v === null ? {} : v).constructor.name : '');
})`)
	if err != nil {
		t.Fatal(err)
	}
	showFn, _ := goja.AssertFunction(show)
	parse, _ := goja.AssertFunction(vm.Get("JSON").ToObject(vm).Get("parse"))
	if v, err := parse(goja.Undefined(), vm.ToValue(text)); err != nil {
		builtin = "error: " + err.Error()
	} else {
		s, err := showFn(goja.Undefined(), v)
		if err != nil {
			t.Fatal(err)
		}
		builtin = s.String()
	}
	v, ok := parseJSON(vm, text)
	if !ok {
		return "", builtin, false
	}
	s, err := showFn(goja.Undefined(), v)
	if err != nil {
		t.Fatal(err)
	}
	return s.String(), builtin, true
}

// TestParseJSON: parseJSON gives what goja's JSON.parse gives, and leaves to it what it does not
// handle (every error among them).
func TestParseJSON(t *testing.T) {
	vm := goja.New()
	for _, tt := range []struct {
		text string
		took bool
	}{
		{`{"score":42}`, true}, {` [1, "two", null, true, false, {"a": [[]]}, {}] `, true}, {`"plain"`, true}, {`-0`, true}, {`0`, true},
		{`-12.5e+3`, true}, {`1E-2`, true}, {`{"a":1,"b":2,"a":3}`, true}, {`{"__proto__":{"x":1},"y":2}`, true}, {`{"2":1,"1":2,"b":3}`, true},
		{`"esc \" \\ \/ \b \f \n \r \t \u00e9 \ud83d\ude00 \ud800 \udc00x \ud800\u0041"`, true}, {`"é😀"`, true}, {`{"toString":1,"constructor":{"k":null}}`, true},
		{``, false}, {`   `, false}, {`{`, false}, {`[1,]`, false}, {`{"a":1,}`, false}, {`01`, false}, {`1.`, false}, {`.5`, false}, {`+1`, false},
		{`1e400`, false}, {`tru`, false}, {`nul`, false}, {`"a` + "\x01" + `"`, false}, {"\"\xff\"", false}, {`"\x"`, false}, {`"\u12"`, false},
		{`{"a" 1}`, false}, {`{a:1}`, false}, {`[1 2]`, false}, {`1 2`, false}, {`{"a":1}}`, false}, {`NaN`, false}, {`'x'`, false},
	} {
		native, builtin, took := parseBoth(t, vm, tt.text)
		if took != tt.took {
			t.Errorf("parseJSON(%q) took it: %v, want %v (goja: %s)", tt.text, took, tt.took, builtin)
			continue
		}
		if took && native != builtin {
			t.Errorf("parseJSON(%q)\n got %s\nwant %s", tt.text, native, builtin)
		}
		// Invalid UTF-8 is the one text goja reads that parseJSON leaves to it.
		if invalid := !utf8.ValidString(tt.text); !took && strings.HasPrefix(builtin, "error: ") == invalid {
			t.Errorf("parseJSON left %q to goja, which gave %s", tt.text, builtin)
		}
	}
}

// FuzzParseJSON: on any text parseJSON takes, it gives what goja's JSON.parse gives; on any text
// goja rejects, parseJSON gives up.
func FuzzParseJSON(f *testing.F) {
	for _, s := range []string{`{"score":42}`, `[1,"a",{"b":[null,true]}]`, `"\ud83d\ude00\u00e9"`, `-0.5e-3`, `{"a":1,"a":2}`, `{"__proto__":1}`, "\"\xe9\"", `[1,]`} {
		f.Add(s)
	}
	vm := goja.New()
	f.Fuzz(func(t *testing.T, text string) {
		native, builtin, took := parseBoth(t, vm, text)
		if took && native != builtin {
			t.Errorf("parseJSON(%q)\n got %s\nwant %s", text, native, builtin)
		}
	})
}
