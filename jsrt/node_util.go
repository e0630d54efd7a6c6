package jsrt

import (
	"math"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/dop251/goja"
)

// MaxInspect bounds the text util.format and util.inspect make, in bytes; past it the text ends
// with "…".
const MaxInspect = 1 << 20

// inspector writes a value as util.inspect does (on one line), within MaxInspect bytes, 100 items per
// array, map or set and 200 keys per object.
type inspector struct {
	r     *run
	out   strings.Builder
	depth int
	stack []*goja.Object
	full  bool
	steps int
}

type inspectFull struct{}

func (in *inspector) write(s string) {
	if in.out.Len()+len(s) > MaxInspect {
		s = s[:max(0, MaxInspect-in.out.Len())]
		for len(s) > 0 && !utf8.ValidString(s) {
			s = s[:len(s)-1]
		}
		in.out.WriteString(s)
		in.out.WriteString("…")
		panic(inspectFull{})
	}
	in.out.WriteString(s)
}

// inspect is util.inspect(v) with a depth (Node's default is 2).
func (r *run) inspect(v goja.Value, depth int) string {
	in := &inspector{r: r, depth: depth}
	func() {
		defer func() {
			if rec := recover(); rec != nil {
				if _, ok := rec.(inspectFull); !ok {
					panic(rec)
				}
			}
		}()
		in.value(v, 0, true)
	}()
	return in.out.String()
}

var identRe = regexp.MustCompile(`^[A-Za-z_$][A-Za-z0-9_$]*$`)

func quoteJS(s string) string {
	q := "'"
	if strings.Contains(s, "'") {
		q = "\""
		if strings.Contains(s, "\"") {
			q = "'"
			if !strings.Contains(s, "`") {
				q = "`"
			}
		}
	}
	var b strings.Builder
	b.WriteString(q)
	for _, c := range s {
		switch {
		case c == '\n':
			b.WriteString(`\n`)
		case c == '\t':
			b.WriteString(`\t`)
		case c == '\r':
			b.WriteString(`\r`)
		case c == '\\':
			b.WriteString(`\\`)
		case string(c) == q:
			b.WriteString(`\` + q)
		case c < 0x20:
			b.WriteString(`\x` + strconv.FormatInt(int64(c)+0x100, 16)[1:])
		default:
			b.WriteRune(c)
		}
	}
	b.WriteString(q)
	return b.String()
}

func (in *inspector) primitive(v goja.Value, top bool) bool {
	switch {
	case v == nil || goja.IsUndefined(v):
		in.write("undefined")
	case goja.IsNull(v):
		in.write("null")
	default:
		switch x := v.(type) {
		case goja.String:
			s := clip(x, MaxInspect)
			in.write(quoteJS(s))
		case *goja.Symbol:
			in.write(x.String())
		case *goja.Object:
			return false
		default:
			if f := v.ToFloat(); f == 0 && math.Signbit(f) {
				in.write("-0")
			} else {
				in.write(v.String())
			}
		}
	}
	return true
}

func (in *inspector) value(v goja.Value, level int, top bool) {
	in.steps++
	if in.steps&255 == 0 {
		in.r.g.halt()
	}
	if in.primitive(v, top) {
		return
	}
	o := v.(*goja.Object)
	for i, s := range in.stack {
		if s.SameAs(o) {
			_ = i
			in.write("[Circular *1]")
			return
		}
	}
	vm := in.r.vm
	cls := in.r.classOf(o)
	if _, isFn := goja.AssertFunction(o); isFn {
		name := ""
		if n, ok := o.Get("name").(goja.String); ok {
			name = clip(n, 200)
		}
		kind := "Function"
		if c := o.Get("constructor"); c != nil {
			if cn, ok := c.ToObject(vm).Get("name").(goja.String); ok && (cn.String() == "AsyncFunction" || cn.String() == "GeneratorFunction") {
				kind = cn.String()
			}
		}
		if name == "" {
			in.write("[" + kind + " (anonymous)]")
		} else {
			in.write("[" + kind + ": " + name + "]")
		}
		return
	}
	switch cls {
	case "Date":
		if f := o.ToNumber().ToFloat(); math.IsNaN(f) {
			in.write("Invalid Date")
		} else if fn, ok := goja.AssertFunction(o.Get("toISOString")); ok {
			if s, err := fn(o); err == nil {
				in.write(s.String())
			}
		}
		return
	case "RegExp":
		in.write(in.r.text(o, 10000))
		return
	case "Error":
		if st := o.Get("stack"); st != nil && st.ToBoolean() {
			in.write(in.r.text(st, MaxInspect))
		} else {
			in.write("[" + in.r.text(o, 10000) + "]")
		}
		return
	case "String", "Number", "Boolean":
		in.write("[" + cls + ": ")
		switch cls {
		case "String":
			in.primitive(o.ToString(), false)
		case "Number":
			in.primitive(o.ToNumber(), false)
		default:
			in.primitive(vm.ToValue(o.Export()), false)
		}
		in.write("]")
		return
	case "Promise":
		p, _ := o.Export().(*goja.Promise)
		in.write("Promise { ")
		switch {
		case p == nil || p.State() == goja.PromiseStatePending:
			in.write("<pending>")
		case p.State() == goja.PromiseStateRejected:
			in.write("<rejected> ")
			in.child(p.Result(), level)
		default:
			in.child(p.Result(), level)
		}
		in.write(" }")
		return
	}
	if data, ok := in.r.bytesOf(o); ok && o.ExportType() == bytesType && in.r.buf != nil && vm.InstanceOf(o, in.r.buf.ctor) {
		in.write("<Buffer")
		for i, b := range data {
			if i == 50 {
				in.write(" ... " + strconv.Itoa(len(data)-50) + " more bytes")
				break
			}
			in.write(" " + strconv.FormatInt(int64(b)+0x100, 16)[1:])
		}
		in.write(">")
		return
	}
	if level > in.depth {
		if in.r.isArray(o) {
			in.write("[Array]")
		} else {
			in.write("[" + in.ctorName(o, "Object") + "]")
		}
		return
	}
	in.stack = append(in.stack, o)
	defer func() { in.stack = in.stack[:len(in.stack)-1] }()
	switch {
	case in.r.isArray(o) || isTypedArray(o):
		n := toLength(o.Get("length"))
		prefix := ""
		if !in.r.isArray(o) {
			prefix = in.ctorName(o, cls) + "(" + strconv.FormatInt(n, 10) + ") "
		}
		if n == 0 {
			in.write(prefix + "[]")
			return
		}
		in.write(prefix + "[ ")
		for i := int64(0); i < n; i++ {
			if i > 0 {
				in.write(", ")
			}
			if i == 100 {
				in.write("... " + strconv.FormatInt(n-100, 10) + " more items")
				break
			}
			e := o.Get(strconv.FormatInt(i, 10))
			if e == nil {
				in.write("<1 empty item>")
				continue
			}
			in.child(e, level)
		}
		in.write(" ]")
		return
	case cls == "Map" || cls == "Set":
		size := o.Get("size")
		in.write(cls + "(" + in.r.text(size, 30) + ") {")
		i := 0
		empty := true
		vm.ForOf(o, func(e goja.Value) bool {
			if i > 0 {
				in.write(",")
			}
			if i == 100 {
				in.write(" ...")
				return false
			}
			in.write(" ")
			empty = false
			if cls == "Map" {
				pair := e.ToObject(vm)
				in.child(pair.Get("0"), level)
				in.write(" => ")
				in.child(pair.Get("1"), level)
			} else {
				in.child(e, level)
			}
			i++
			return true
		})
		if empty {
			in.write("}")
		} else {
			in.write(" }")
		}
		return
	}
	prefix := ""
	if o.Prototype() == nil {
		prefix = "[Object: null prototype] "
	} else if name := in.ctorName(o, "Object"); name != "Object" {
		prefix = name + " "
	}
	keys := o.Keys()
	if len(keys) == 0 {
		in.write(prefix + "{}")
		return
	}
	in.write(prefix + "{ ")
	for i, k := range keys {
		if i > 0 {
			in.write(", ")
		}
		if i == 200 {
			in.write("... " + strconv.Itoa(len(keys)-200) + " more items")
			break
		}
		if identRe.MatchString(k) {
			in.write(k)
		} else {
			in.write(quoteJS(k))
		}
		in.write(": ")
		in.child(o.Get(k), level)
	}
	in.write(" }")
}

func (in *inspector) child(v goja.Value, level int) {
	in.value(v, level+1, false)
}

func (in *inspector) ctorName(o *goja.Object, def string) string {
	if p := o.Prototype(); p != nil {
		if c, ok := p.Get("constructor").(*goja.Object); ok {
			if n, ok := c.Get("name").(goja.String); ok && n.Length() > 0 {
				return clip(n, 200)
			}
		}
	}
	return def
}

var leadingInt = regexp.MustCompile(`^\s*[+-]?\d+`)
var leadingFloat = regexp.MustCompile(`^\s*[+-]?(Infinity|\d+\.?\d*(e[+-]?\d+)?|\.\d+(e[+-]?\d+)?)`)

// format is util.format.
func (r *run) utilFormat(args []goja.Value) string {
	var b strings.Builder
	room := func() bool { return b.Len() < MaxInspect }
	str := func(v goja.Value) string {
		if s, ok := v.(goja.String); ok {
			return clip(s, MaxInspect)
		}
		return r.inspect(v, 2)
	}
	rest := args
	if len(args) > 0 {
		if f, ok := args[0].(goja.String); ok {
			rest = args[1:]
			text := clip(f, MaxInspect)
			for i := 0; i < len(text) && room(); i++ {
				c := text[i]
				if c != '%' || i+1 >= len(text) {
					b.WriteByte(c)
					continue
				}
				verb := text[i+1]
				if verb == '%' {
					b.WriteByte('%')
					i++
					continue
				}
				if !strings.ContainsRune("sdifjoOc", rune(verb)) || len(rest) == 0 {
					b.WriteByte(c)
					continue
				}
				a := rest[0]
				rest = rest[1:]
				i++
				switch verb {
				case 's':
					switch x := a.(type) {
					case goja.String:
						b.WriteString(clip(x, MaxInspect))
					case *goja.Object:
						if r.userToString(x) {
							b.WriteString(r.text(x, MaxInspect))
						} else {
							b.WriteString(r.inspect(x, 0))
						}
					default:
						in := &inspector{r: r}
						in.primitive(a, false)
						if _, isStr := a.(goja.String); !isStr {
							b.WriteString(in.out.String())
						}
					}
				case 'd':
					f := a.ToFloat()
					if f == 0 && math.Signbit(f) {
						b.WriteString("-0")
					} else {
						b.WriteString(r.vm.ToValue(f).String())
					}
				case 'i':
					if m := leadingInt.FindString(r.text(a, 400)); m != "" {
						n, _ := strconv.ParseFloat(strings.TrimSpace(m), 64)
						b.WriteString(r.vm.ToValue(n).String())
					} else {
						b.WriteString("NaN")
					}
				case 'f':
					if m := leadingFloat.FindString(r.text(a, 400)); m != "" {
						n, _ := strconv.ParseFloat(strings.TrimSpace(m), 64)
						b.WriteString(r.vm.ToValue(n).String())
					} else {
						b.WriteString("NaN")
					}
				case 'j':
					var out string
					if ex := r.vm.Try(func() { out = r.stringify(goja.FunctionCall{Arguments: []goja.Value{a}}).String() }); ex != nil {
						out = "[Circular]"
					}
					b.WriteString(out)
				case 'o':
					b.WriteString(r.inspect(a, 4))
				case 'O':
					b.WriteString(r.inspect(a, 2))
				case 'c':
				}
			}
		}
	}
	for i, a := range rest {
		if !room() {
			break
		}
		if i > 0 || len(rest) < len(args) {
			b.WriteByte(' ')
		}
		b.WriteString(str(a))
	}
	out := b.String()
	if len(out) > MaxInspect {
		out = strings.ToValidUTF8(out[:MaxInspect], "") + "…"
	}
	return out
}

// userToString reports whether o's toString is not one of the built-in ones that util.format's %s
// replaces with util.inspect.
func (r *run) userToString(o *goja.Object) bool {
	ts := o.Get("toString")
	in := r.intrinsics.ToObject(r.vm)
	for _, k := range []string{"Object", "Array", "Error"} {
		if p := in.Get(k).ToObject(r.vm).Get("prototype"); p != nil {
			if b := p.ToObject(r.vm).Get("toString"); b != nil && ts != nil && b.SameAs(ts) {
				return false
			}
		}
	}
	return o.ClassName() != "Date" && o.ClassName() != "RegExp"
}

// ---- querystring ----

func (r *run) querystringModule(exports *goja.Object) goja.Value {
	vm := r.vm
	parse := func(c goja.FunctionCall) goja.Value {
		out := vm.CreateObject(nil)
		s, ok := c.Argument(0).(goja.String)
		if !ok || s.Length() == 0 {
			return out
		}
		sep, eq := "&", "="
		if a, ok := c.Argument(1).(goja.String); ok && a.Length() > 0 {
			sep = a.String()
		}
		if a, ok := c.Argument(2).(goja.String); ok && a.Length() > 0 {
			eq = a.String()
		}
		maxKeys := 1000
		if o, ok := c.Argument(3).(*goja.Object); ok {
			if m := o.Get("maxKeys"); m != nil && goja.IsNumber(m) {
				maxKeys = int(max(0, min(m.ToFloat(), MaxElements)))
			}
		}
		if maxKeys == 0 {
			maxKeys = MaxElements
		}
		text := s.String()
		for n := 0; n < maxKeys && text != ""; n++ {
			pair := text
			if i := strings.Index(text, sep); i >= 0 {
				pair, text = text[:i], text[i+len(sep):]
			} else {
				text = ""
			}
			k, v, _ := strings.Cut(pair, eq)
			k, v = qsUnescape(strings.ReplaceAll(k, "+", " ")), qsUnescape(strings.ReplaceAll(v, "+", " "))
			switch prev := out.Get(k).(type) {
			case nil:
				_ = out.Set(k, v)
			case *goja.Object:
				n := toLength(prev.Get("length"))
				_ = prev.Set(strconv.FormatInt(n, 10), v)
			default:
				_ = out.Set(k, vm.NewArray(prev, v))
			}
		}
		return out
	}
	escape := func(c goja.FunctionCall) goja.Value { return vm.ToValue(qsEscape(r.g.str(c.Argument(0)))) }
	stringify := func(c goja.FunctionCall) goja.Value {
		o, ok := c.Argument(0).(*goja.Object)
		if !ok {
			return vm.ToValue("")
		}
		sep, eq := "&", "="
		if a, ok := c.Argument(1).(goja.String); ok && a.Length() > 0 {
			sep = a.String()
		}
		if a, ok := c.Argument(2).(goja.String); ok && a.Length() > 0 {
			eq = a.String()
		}
		keys := o.Keys()
		if len(keys) > MaxElements {
			panic(r.g.tooLong("querystring.stringify", int64(len(keys))))
		}
		var b strings.Builder
		item := func(v goja.Value) string {
			switch x := v.(type) {
			case goja.String:
				return qsEscape(x)
			case *goja.Object, *goja.Symbol:
				return ""
			}
			if v == nil || goja.IsUndefined(v) || goja.IsNull(v) {
				return ""
			}
			if f := v.ToFloat(); goja.IsNumber(v) && (math.IsNaN(f) || math.IsInf(f, 0)) {
				return ""
			}
			return qsEscape(r.g.str(v))
		}
		for i, k := range keys {
			if b.Len() > MaxString {
				panic(r.g.tooLongString("querystring.stringify"))
			}
			if i > 0 {
				b.WriteString(sep)
			}
			ek := qsEscape(vm.ToValue(k).(goja.String)) + eq
			v := o.Get(k)
			if arr, ok := v.(*goja.Object); ok && r.isArray(arr) {
				n := toLength(arr.Get("length"))
				if n > MaxElements {
					panic(r.g.tooLong("querystring.stringify", n))
				}
				for j := int64(0); j < n; j++ {
					if j > 0 {
						b.WriteString(sep)
					}
					b.WriteString(ek + item(arr.Get(strconv.FormatInt(j, 10))))
					if b.Len() > MaxString {
						panic(r.g.tooLongString("querystring.stringify"))
					}
				}
				continue
			}
			b.WriteString(ek + item(v))
		}
		return vm.ToValue(b.String())
	}
	unescape := func(c goja.FunctionCall) goja.Value { return vm.ToValue(qsUnescape(r.g.str(c.Argument(0)).String())) }
	_ = exports.Set("parse", parse)
	_ = exports.Set("decode", parse)
	_ = exports.Set("stringify", stringify)
	_ = exports.Set("encode", stringify)
	_ = exports.Set("escape", escape)
	_ = exports.Set("unescape", unescape)
	return nil
}

// qsEscape percent-encodes all but A-Z a-z 0-9 - _ . ! ~ * ' ( ), as encodeURIComponent and
// querystring.escape do.
func qsEscape(s goja.String) string {
	const hexDigits = "0123456789ABCDEF"
	data := utf8Bytes(s)
	var b strings.Builder
	for _, c := range data {
		if c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || strings.IndexByte("-_.!~*'()", c) >= 0 {
			b.WriteByte(c)
		} else {
			b.WriteByte('%')
			b.WriteByte(hexDigits[c>>4])
			b.WriteByte(hexDigits[c&15])
		}
	}
	return b.String()
}

// qsUnescape decodes %XX sequences, leaving malformed ones as they are (querystring.unescape).
func qsUnescape(s string) string {
	if !strings.Contains(s, "%") {
		return s
	}
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s)+0 && i+2 <= len(s)-1 {
			if v, err := strconv.ParseUint(s[i+1:i+3], 16, 8); err == nil {
				out = append(out, byte(v))
				i += 2
				continue
			}
		}
		out = append(out, s[i])
	}
	return utf8Text(out)
}

func (r *run) utilModule(_ *goja.Object) goja.Value { return r.script("util") }

// scriptHost is what node/*.js call in Go.
func (r *run) scriptHost() *goja.Object {
	if r.shost != nil {
		return r.shost
	}
	vm := r.vm
	h := vm.NewObject()
	r.shost = h
	set := func(name string, f func(goja.FunctionCall) goja.Value) { _ = h.Set(name, f) }
	set("format", func(c goja.FunctionCall) goja.Value {
		o, ok := c.Argument(0).(*goja.Object)
		if !ok {
			return vm.ToValue("")
		}
		n := min(toLength(o.Get("length")), MaxArgs)
		args := make([]goja.Value, n)
		for i := range args {
			args[i] = o.Get(strconv.Itoa(i))
		}
		return vm.ToValue(r.utilFormat(args))
	})
	set("inspect", func(c goja.FunctionCall) goja.Value {
		depth := 2
		if d := c.Argument(1); goja.IsNumber(d) {
			if f := d.ToFloat(); math.IsInf(f, 1) || f > 100 {
				depth = 100
			} else {
				depth = int(max(0, f))
			}
		} else if goja.IsNull(d) {
			depth = 100
		}
		return vm.ToValue(r.inspect(c.Argument(0), depth))
	})
	set("className", func(c goja.FunctionCall) goja.Value {
		o, ok := c.Argument(0).(*goja.Object)
		if !ok {
			return vm.ToValue("")
		}
		return vm.ToValue(r.classOf(o))
	})
	set("utf8Encode", func(c goja.FunctionCall) goja.Value {
		s := r.g.str(c.Argument(0))
		if s.Length() > MaxBytes {
			panic(r.tooManyBytes("TextEncoder.encode", float64(s.Length())))
		}
		return r.newUint8Array(utf8Bytes(s))
	})
	set("utf8EncodeInto", func(c goja.FunctionCall) goja.Value {
		s := r.g.str(c.Argument(0))
		dst := r.needBytes(c.Argument(1), "dest")
		read, written := 0, 0
		n := s.Length()
		for i := 0; i < n; i++ {
			units := 1
			ch := rune(s.CharAt(i))
			if utf16IsHigh(ch) && i+1 < n && utf16IsLow(rune(s.CharAt(i+1))) {
				ch = (ch-0xD800)<<10 + (rune(s.CharAt(i+1)) - 0xDC00) + 0x10000
				units = 2
			} else if ch >= 0xD800 && ch <= 0xDFFF {
				ch = utf8.RuneError
			}
			size := utf8.RuneLen(ch)
			if written+size > len(dst) {
				break
			}
			utf8.EncodeRune(dst[written:], ch)
			written += size
			read += units
			i += units - 1
		}
		return vm.NewArray(read, written)
	})
	set("utf8Decode", func(c goja.FunctionCall) goja.Value {
		data := r.needBytes(c.Argument(0), "input")
		if !c.Argument(2).ToBoolean() && len(data) >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF {
			data = data[3:]
		}
		if c.Argument(1).ToBoolean() && !utf8.Valid(data) {
			e := vm.NewTypeError("The encoded data was not valid for encoding utf-8")
			_ = e.Set("code", "ERR_ENCODING_INVALID_ENCODED_DATA")
			panic(e)
		}
		return vm.ToValue(utf8Text(data))
	})
	set("uncaught", r.uncaughtError)
	set("http", r.httpRequest)
	set("axiosNative", r.axiosNative)
	set("fetchNative", r.fetchNative)
	set("bodyJSON", r.bodyJSON)
	set("scheme", func(c goja.FunctionCall) goja.Value {
		if s, ok := urlScheme(c.Argument(0).String()); ok {
			return vm.ToValue(s)
		}
		return goja.Null()
	})
	set("setTimeout", r.setTimeout(false))
	set("clearTimeout", r.clearTimeout)
	set("script", func(c goja.FunctionCall) goja.Value { return r.script(c.Argument(0).String()) })
	set("builtin", func(c goja.FunctionCall) goja.Value { return r.builtin(c.Argument(0).String()) })
	set("typed", func(c goja.FunctionCall) goja.Value { return r.g.typedCtor(c.Argument(0).String()) })
	set("copyBuffer", func(c goja.FunctionCall) goja.Value {
		ab, ok := c.Argument(0).Export().(goja.ArrayBuffer)
		if !ok {
			panic(vm.NewTypeError("not an ArrayBuffer"))
		}
		return vm.ToValue(vm.NewArrayBuffer(append([]byte(nil), ab.Bytes()...)))
	})
	set("isBuffer", func(c goja.FunctionCall) goja.Value {
		return vm.ToValue(r.buf != nil && vm.InstanceOf(c.Argument(0), r.buf.ctor))
	})
	set("newBuffer", func(c goja.FunctionCall) goja.Value {
		return r.newBuffer(append([]byte(nil), r.needBytes(c.Argument(0), "data")...))
	})
	return h
}

func utf16IsHigh(c rune) bool { return c >= 0xD800 && c < 0xDC00 }
func utf16IsLow(c rune) bool  { return c >= 0xDC00 && c <= 0xDFFF }

var (
	mapType     = reflect.TypeOf([][2]any(nil))
	setType     = reflect.TypeOf([]any(nil))
	promiseType = reflect.TypeOf((*goja.Promise)(nil))
)

// classOf is the kind of built-in object o is: Map, Set, Promise, ArrayBuffer, TypedArray, DataView,
// WeakMap, WeakSet, Date, RegExp, Error, Array, Function, String, Number, Boolean, or Object.
func (r *run) classOf(o *goja.Object) string {
	cls := o.ClassName()
	switch t := o.ExportType(); {
	case t == mapType:
		return "Map"
	case t == promiseType:
		return "Promise"
	case t == setType && cls == "Object":
		return "Set"
	case t == arrayBufferType:
		return "ArrayBuffer"
	case isTypedArray(o):
		return "TypedArray"
	}
	if _, ok := goja.AssertFunction(o); ok {
		return "Function"
	}
	if cls != "Object" {
		return cls
	}
	// DataView, WeakMap and WeakSet: by their tag (which an object can fake; nothing in Go relies on it).
	if tag, ok := o.GetSymbol(goja.SymToStringTag).(goja.String); ok {
		switch s := tag.String(); s {
		case "DataView", "WeakMap", "WeakSet":
			return s
		}
	}
	return "Object"
}
