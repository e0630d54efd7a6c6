package jsrt

import (
	"fmt"
	"math"
	"reflect"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/dop251/goja"
)

// encoder writes the JSON text of a JavaScript value as JSON.stringify does (toJSON, replacer,
// indentation, getters and proxies included), but within limits: an output size, a nesting depth and
// an array length, each checked before the work it bounds. It is the only code that walks a value
// the Action built: the recorder, the console and the Action's own JSON.stringify all use it, so none
// of them calls a prototype method the Action can replace, and none runs unbounded in Go.
type encoder struct {
	r   *run
	buf []byte
	// maxBytes bounds len(buf), maxDepth the nesting of objects and arrays, maxLen the length of an
	// array and the number of keys of an object.
	maxBytes, maxDepth, maxLen int
	// what starts the message of a limit error.
	what string
	// lenient (the console) writes a placeholder where a limit is reached instead of failing.
	lenient bool

	stack    []*goja.Object
	replacer goja.Callable
	props    []string
	hasProps bool
	gap      string
	indent   string
	steps    int
}

// limitError is a limit the encoder reached; callers turn it into a RangeError.
type limitError struct{ msg string }

func (e *limitError) Error() string { return e.msg }

// encode returns the JSON text of v, or ok false where JSON.stringify returns undefined. It panics with
// *limitError at a limit and with goja's own panics when the Action's code (toJSON, a getter, the
// replacer) throws.
func (e *encoder) encode(v goja.Value) (text string, ok bool) {
	var holder *goja.Object
	if e.replacer != nil {
		holder = e.r.vm.NewObject()
		_ = holder.Set("", v)
	}
	if !e.property(holder, "", v) {
		return "", false
	}
	return string(e.buf), true
}

func (e *encoder) fail(format string, args ...any) {
	panic(&limitError{msg: e.what + ": " + fmt.Sprintf(format, args...)})
}

func (e *encoder) write(s string) {
	if len(e.buf)+len(s) > e.maxBytes {
		if e.lenient {
			e.buf = append(e.buf, s[:max(0, e.maxBytes-len(e.buf))]...)
		}
		e.fail("the JSON text exceeds %d bytes", e.maxBytes)
	}
	e.buf = append(e.buf, s...)
}

// tick checks, every few hundred steps, whether the run was stopped; the error it throws is never
// seen, as the engine's interrupt takes over at the next instruction.
func (e *encoder) tick() {
	e.steps++
	if e.steps&255 == 0 && e.r.halted() {
		panic(e.r.vm.NewGoError(errHalted))
	}
}

func (e *encoder) call(fn goja.Callable, this goja.Value, args ...goja.Value) goja.Value {
	v, err := fn(this, args...)
	if err != nil {
		panic(err)
	}
	return v
}

// property is SerializeJSONProperty: it writes the value of key in holder (v, already read) and
// reports whether anything was written.
func (e *encoder) property(holder *goja.Object, key string, v goja.Value) bool {
	e.tick()
	if o, isObj := v.(*goja.Object); isObj {
		if toJSON, isFn := goja.AssertFunction(o.Get("toJSON")); isFn {
			v = e.call(toJSON, o, e.r.vm.ToValue(key))
		}
	}
	if e.replacer != nil {
		v = e.call(e.replacer, holder, e.r.vm.ToValue(key), v)
	}
	if o, isObj := v.(*goja.Object); isObj {
		switch o.ClassName() {
		case "Number":
			v = o.ToNumber()
		case "String":
			v = o.ToString()
		case "Boolean":
			v = e.r.vm.ToValue(o.Export())
		case "RawJSON":
			e.write(o.Get("rawJSON").String())
			return true
		}
	}
	switch {
	case v == nil || goja.IsUndefined(v):
		return false
	case goja.IsNull(v):
		e.write("null")
		return true
	}
	switch x := v.(type) {
	case *goja.Object:
		if _, isFn := goja.AssertFunction(x); isFn {
			return false
		}
		e.object(x)
		return true
	case goja.String:
		e.quote(x)
		return true
	case *goja.Symbol:
		return false
	}
	t := v.ExportType()
	if t == nil {
		return false
	}
	switch t.Kind() {
	case reflect.Bool:
		if v.ToBoolean() {
			e.write("true")
		} else {
			e.write("false")
		}
	case reflect.Int64, reflect.Int, reflect.Float64:
		if f := v.ToFloat(); math.IsNaN(f) || math.IsInf(f, 0) {
			e.write("null")
		} else {
			e.write(v.String())
		}
	default:
		// A BigInt: Actions cannot make one (mfactl does not run BigInt code), but fail as JSON.stringify does.
		panic(e.r.vm.NewTypeError("Do not know how to serialize a BigInt"))
	}
	return true
}

// object writes an object or an array, checking for cycles, the depth and the length.
func (e *encoder) object(o *goja.Object) {
	for _, s := range e.stack {
		if s.SameAs(o) {
			panic(e.r.vm.NewTypeError("Converting circular structure to JSON"))
		}
	}
	isArray := e.r.isArray(o)
	if len(e.stack) >= e.maxDepth {
		if e.lenient {
			if isArray {
				e.write(`"[Array]"`)
			} else {
				e.write(`"[Object]"`)
			}
			return
		}
		e.fail("nesting exceeds %d levels", e.maxDepth)
	}
	e.stack = append(e.stack, o)
	defer func() { e.stack = e.stack[:len(e.stack)-1] }()
	stepback := e.indent
	e.indent += e.gap
	defer func() { e.indent = stepback }()
	if isArray {
		e.array(o, stepback)
		return
	}
	keys := e.props
	if !e.hasProps {
		keys = o.Keys()
	}
	if len(keys) > e.maxLen && !e.lenient {
		e.fail("an object with %d keys exceeds %d", len(keys), e.maxLen)
	}
	e.write("{")
	mark := len(e.buf)
	first := true
	for i, k := range keys {
		if i >= e.maxLen {
			e.separator(first)
			e.write(strconv.Quote(fmt.Sprintf("… %d more keys", len(keys)-i)) + e.colon() + "null")
			first = false
			break
		}
		before := len(e.buf)
		e.separator(first)
		e.quote(e.r.vm.ToValue(k).(goja.String))
		e.write(e.colon())
		if e.property(o, k, o.Get(k)) {
			first = false
		} else {
			e.buf = e.buf[:before]
		}
	}
	if first {
		e.buf = e.buf[:mark]
	} else if e.gap != "" {
		e.write("\n" + stepback)
	}
	e.write("}")
}

func (e *encoder) array(o *goja.Object, stepback string) {
	n := toLength(o.Get("length"))
	if n > int64(e.maxLen) && !e.lenient {
		e.fail("array length %d exceeds %d", n, e.maxLen)
	}
	if n == 0 {
		e.write("[]")
		return
	}
	e.write("[")
	for i := int64(0); i < n; i++ {
		e.separator(i == 0)
		if i >= int64(e.maxLen) {
			e.write(strconv.Quote(fmt.Sprintf("… %d more items", n-i)))
			break
		}
		k := strconv.FormatInt(i, 10)
		if !e.property(o, k, o.Get(k)) {
			e.write("null")
		}
	}
	if e.gap != "" {
		e.write("\n" + stepback)
	}
	e.write("]")
}

func (e *encoder) separator(first bool) {
	switch {
	case e.gap == "" && !first:
		e.write(",")
	case e.gap != "" && first:
		e.write("\n" + e.indent)
	case e.gap != "":
		e.write(",\n" + e.indent)
	}
}

func (e *encoder) colon() string {
	if e.gap != "" {
		return ": "
	}
	return ":"
}

// quote writes a string as JSON.stringify does: lone surrogates and control characters escaped,
// everything else as it is.
func (e *encoder) quote(s goja.String) {
	n := s.Length()
	if !e.lenient && n+2 > e.maxBytes-len(e.buf) {
		e.fail("the JSON text exceeds %d bytes", e.maxBytes)
	}
	if text := s.String(); len(text) == n && plain(text) {
		// ASCII with nothing to escape: the common case, without a call per character.
		e.write(`"`)
		e.write(text)
		e.write(`"`)
		return
	}
	out := make([]byte, 0, n+2)
	out = append(out, '"')
	for i := 0; i < n; i++ {
		c := s.CharAt(i)
		switch {
		case c == '"' || c == '\\':
			out = append(out, '\\', byte(c))
		case c == '\b':
			out = append(out, `\b`...)
		case c == '\f':
			out = append(out, `\f`...)
		case c == '\n':
			out = append(out, `\n`...)
		case c == '\r':
			out = append(out, `\r`...)
		case c == '\t':
			out = append(out, `\t`...)
		case c < 0x20:
			out = append(out, fmt.Sprintf(`\u%04x`, c)...)
		case c < utf8.RuneSelf:
			out = append(out, byte(c))
		case utf16.IsSurrogate(rune(c)):
			if c < 0xDC00 && i+1 < n {
				if d := s.CharAt(i + 1); d >= 0xDC00 && d <= 0xDFFF {
					out = utf8.AppendRune(out, utf16.DecodeRune(rune(c), rune(d)))
					i++
					continue
				}
			}
			out = append(out, fmt.Sprintf(`\u%04x`, c)...)
		default:
			out = utf8.AppendRune(out, rune(c))
		}
		if len(out) > e.maxBytes-len(e.buf) {
			break
		}
	}
	e.write(string(append(out, '"')))
}

// plain reports whether s is printable ASCII without '"' or '\\'.
func plain(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f || c == '"' || c == '\\' {
			return false
		}
	}
	return true
}

// toLength is the ECMAScript ToLength of a value that is already a number or converts to one.
func toLength(v goja.Value) int64 {
	if v == nil {
		return 0
	}
	f := v.ToFloat()
	switch {
	case math.IsNaN(f) || f <= 0:
		return 0
	case f >= 1<<53-1:
		return 1<<53 - 1
	}
	return int64(f)
}
