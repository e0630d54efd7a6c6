package jsrt

import (
	"bytes"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"math"
	neturl "net/url"
	"reflect"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/dop251/goja"
	"github.com/dop251/goja_nodejs/buffer"
	"github.com/dop251/goja_nodejs/url"
)

// MaxBytes bounds a Buffer, and the bytes a TextEncoder, crypto.randomBytes … make: the elements of a
// typed array (a Buffer is a Uint8Array).
const MaxBytes = MaxElements

var bytesType = reflect.TypeOf([]byte(nil))

// bufferState is the run's Buffer class: goja_nodejs's, behind a guarded constructor.
type bufferState struct {
	ctor  *goja.Object // the Buffer the Action sees
	orig  *goja.Object // goja_nodejs's constructor, the new.target of every Buffer made here
	u8New goja.Constructor
	proto *goja.Object
}

func (r *run) tooManyBytes(what string, n float64) *goja.Object {
	return r.rangeErrorf("%s: %.0f bytes exceed mfactl's limit of %d", what, n, MaxBytes)
}

// bufferModule is goja_nodejs's buffer module with its allocating paths (from, alloc, concat, the
// constructor) checked against MaxBytes, the encodings Node has (base64url, latin1 …) and without the
// BigInt accessors (mfactl has no BigInt).
func (r *run) bufferModule(exports *goja.Object) goja.Value {
	vm := r.vm
	u8 := r.g.typedCtor("Uint8Array")
	global := vm.GlobalObject()
	// goja_nodejs takes Uint8Array from the global object: let it see the guarded one.
	prev := global.Get("Uint8Array")
	_ = global.DefineDataProperty("Uint8Array", u8, yes, yes, no)
	module := vm.NewObject()
	_ = module.Set("exports", exports)
	buffer.Require(vm, module)
	if prev == nil {
		_ = global.Delete("Uint8Array")
	} else {
		_ = global.DefineDataProperty("Uint8Array", prev, yes, yes, no)
	}
	b := &bufferState{orig: exports.Get("Buffer").(*goja.Object)}
	b.u8New, _ = goja.AssertConstructor(u8)
	b.proto = b.orig.Get("prototype").(*goja.Object)
	r.buf = b
	b.ctor = r.g.constructor(exports, "Buffer", func(args []goja.Value) {
		if len(args) == 0 {
			return
		}
		switch a := args[0].(type) {
		case goja.String:
			r.checkDecoded("Buffer", a, encodingArg(args, 1))
		case *goja.Object:
			if !isTypedArray(a) && a.ExportType() != arrayBufferType {
				if n := toLength(a.Get("length")); n > MaxBytes {
					panic(r.tooManyBytes("Buffer", float64(n)))
				}
			}
		default:
			// new Buffer(size), as TypedArraySpeciesCreate does for slice, map, filter …
			if n := integer(a); n >= 0 && !goja.IsUndefined(a) {
				if n > MaxBytes {
					panic(r.tooManyBytes("Buffer", n))
				}
				args[0] = vm.ToValue(vm.NewArrayBuffer(make([]byte, int(n))))
			}
		}
	})
	for _, k := range []string{"readBigInt64BE", "readBigInt64LE", "readBigUInt64BE", "readBigUint64BE", "readBigUInt64LE",
		"readBigUint64LE", "writeBigInt64BE", "writeBigInt64LE", "writeBigUInt64BE", "writeBigUint64BE", "writeBigUInt64LE", "writeBigUint64LE"} {
		_ = b.proto.Delete(k)
	}
	set := func(o *goja.Object, name string, f func(goja.FunctionCall) goja.Value) {
		_ = o.DefineDataProperty(name, vm.ToValue(f), yes, yes, no)
	}
	set(b.ctor, "from", r.bufferFrom)
	set(b.ctor, "alloc", r.bufferAlloc)
	set(b.ctor, "allocUnsafe", r.bufferAlloc)
	set(b.ctor, "allocUnsafeSlow", r.bufferAlloc)
	set(b.ctor, "concat", r.bufferConcat)
	_ = b.ctor.Set("poolSize", 8192)
	set(b.ctor, "isBuffer", func(c goja.FunctionCall) goja.Value {
		return vm.ToValue(vm.InstanceOf(c.Argument(0), b.ctor))
	})
	set(b.ctor, "isEncoding", func(c goja.FunctionCall) goja.Value {
		s, ok := c.Argument(0).(goja.String)
		return vm.ToValue(ok && encodingName(s.String()) != "")
	})
	set(b.ctor, "byteLength", func(c goja.FunctionCall) goja.Value {
		if s, ok := c.Argument(0).(goja.String); ok {
			return vm.ToValue(len(r.decodeString("Buffer.byteLength", s, encodingArg(c.Arguments, 1))))
		}
		data, ok := r.bytesOf(c.Argument(0))
		if !ok {
			panic(vm.NewTypeError("The \"string\" argument must be of type string or an instance of Buffer or ArrayBuffer."))
		}
		return vm.ToValue(len(data))
	})
	set(b.ctor, "compare", func(c goja.FunctionCall) goja.Value {
		return vm.ToValue(bytes.Compare(r.needBytes(c.Argument(0), "buf1"), r.needBytes(c.Argument(1), "buf2")))
	})
	set(b.proto, "toString", func(c goja.FunctionCall) goja.Value {
		data := r.needBytes(c.This, "this")
		start, end := 0, len(data)
		if a := c.Argument(1); !goja.IsUndefined(a) {
			start = int(max(0, min(integer(a), float64(len(data)))))
		}
		if a := c.Argument(2); !goja.IsUndefined(a) {
			end = int(max(0, min(integer(a), float64(len(data)))))
		}
		if start >= end {
			return vm.ToValue("")
		}
		return r.encodeBytes(data[start:end], encodingArg(c.Arguments, 0))
	})
	set(b.proto, "toJSON", func(c goja.FunctionCall) goja.Value {
		data := r.needBytes(c.This, "this")
		items := make([]any, len(data))
		for i, x := range data {
			items[i] = int64(x)
		}
		o := vm.NewObject()
		_ = o.Set("type", "Buffer")
		_ = o.Set("data", vm.NewArray(items...))
		return o
	})
	subarray := u8.Get("prototype").ToObject(vm).Get("subarray")
	set(b.proto, "slice", func(c goja.FunctionCall) goja.Value {
		f, _ := goja.AssertFunction(subarray)
		v, err := f(c.This, c.Arguments...)
		if err != nil {
			panic(err)
		}
		return v
	})
	set(b.proto, "equals", func(c goja.FunctionCall) goja.Value {
		return vm.ToValue(bytes.Equal(r.needBytes(c.This, "this"), r.needBytes(c.Argument(0), "otherBuffer")))
	})
	set(b.proto, "copy", func(c goja.FunctionCall) goja.Value {
		src, dst := r.needBytes(c.This, "this"), r.needBytes(c.Argument(0), "target")
		at := func(i int, def, limit int) int {
			if a := c.Argument(i); !goja.IsUndefined(a) {
				n := integer(a)
				if n < 0 {
					panic(r.rangeErrorf("The value of \"%s\" is out of range. It must be >= 0. Received %v", []string{"", "targetStart", "sourceStart", "sourceEnd"}[i], n))
				}
				return int(min(n, float64(limit)))
			}
			return def
		}
		ts, ss := at(1, 0, len(dst)), at(2, 0, len(src))
		se := at(3, len(src), len(src))
		if ss >= se {
			return vm.ToValue(0)
		}
		return vm.ToValue(copy(dst[ts:], src[ss:se]))
	})
	set(b.proto, "compare", func(c goja.FunctionCall) goja.Value {
		return vm.ToValue(bytes.Compare(r.needBytes(c.This, "this"), r.needBytes(c.Argument(0), "target")))
	})
	// SlowBuffer (deprecated in Node, still there in 22): an unpooled Buffer, with a prototype of its
	// own that packages (buffer-equal-constant-time) read.
	slowProto := vm.NewObject()
	_ = slowProto.SetPrototype(u8.Get("prototype").ToObject(vm))
	slow := vm.ToValue(func(c goja.FunctionCall) goja.Value {
		f, _ := goja.AssertFunction(b.ctor.Get("alloc"))
		v, err := f(b.ctor, c.Argument(0))
		if err != nil {
			panic(err)
		}
		return v
	}).(*goja.Object)
	_ = slow.DefineDataProperty("prototype", slowProto, yes, no, no)
	_ = slowProto.DefineDataProperty("constructor", slow, yes, no, yes)
	_ = exports.Set("SlowBuffer", slow)
	_ = exports.Set("kMaxLength", MaxBytes)
	_ = exports.Set("constants", vm.NewObject())
	_ = exports.Get("constants").ToObject(vm).Set("MAX_LENGTH", MaxBytes)
	_ = exports.Set("atob", r.atob)
	_ = exports.Set("btoa", r.btoa)
	return nil
}

// newBuffer makes a Buffer of data (which it keeps).
func (r *run) newBuffer(data []byte) *goja.Object {
	if len(data) > MaxBytes {
		panic(r.tooManyBytes("Buffer", float64(len(data))))
	}
	if r.buf == nil {
		r.builtin("buffer")
	}
	o, err := r.buf.u8New(r.buf.orig, r.vm.ToValue(r.vm.NewArrayBuffer(data)))
	if err != nil {
		panic(err)
	}
	return o
}

// newUint8Array makes a Uint8Array of data (which it keeps).
func (r *run) newUint8Array(data []byte) *goja.Object {
	if len(data) > MaxBytes {
		panic(r.tooManyBytes("Uint8Array", float64(len(data))))
	}
	u8 := r.g.typedCtor("Uint8Array")
	o, err := r.vm.New(u8, r.vm.ToValue(r.vm.NewArrayBuffer(data)))
	if err != nil {
		panic(err)
	}
	return o
}

// bytesOf is the bytes an ArrayBuffer, a typed array or a DataView views (shared, not copied).
func (r *run) bytesOf(v goja.Value) ([]byte, bool) {
	o, ok := v.(*goja.Object)
	if !ok {
		return nil, false
	}
	switch t := o.ExportType(); {
	case t == arrayBufferType:
		return o.Export().(goja.ArrayBuffer).Bytes(), true
	case t == bytesType:
		return o.Export().([]byte), true
	case isTypedArray(o) || r.classOf(o) == "DataView":
		ab, ok := o.Get("buffer").Export().(goja.ArrayBuffer)
		if !ok {
			return nil, false
		}
		all := ab.Bytes()
		off := int(max(0, min(integer(o.Get("byteOffset")), float64(len(all)))))
		n := int(max(0, min(integer(o.Get("byteLength")), float64(len(all)-off))))
		return all[off : off+n], true
	}
	return nil, false
}

func (r *run) needBytes(v goja.Value, what string) []byte {
	b, ok := r.bytesOf(v)
	if !ok {
		panic(r.vm.NewTypeError("The \"" + what + "\" argument must be an instance of Buffer, TypedArray, DataView or ArrayBuffer."))
	}
	return b
}

func encodingArg(args []goja.Value, i int) string {
	if i < len(args) {
		if s, ok := args[i].(goja.String); ok {
			return s.String()
		}
	}
	return ""
}

// encodingName is the canonical name of a Node encoding, or "" for an unknown one.
func encodingName(enc string) string {
	switch strings.ToLower(enc) {
	case "", "utf8", "utf-8":
		return "utf8"
	case "hex":
		return "hex"
	case "base64":
		return "base64"
	case "base64url":
		return "base64url"
	case "latin1", "binary":
		return "latin1"
	case "ascii":
		return "ascii"
	case "ucs2", "ucs-2", "utf16le", "utf-16le":
		return "utf16le"
	}
	return ""
}

func (r *run) encoding(enc string) string {
	name := encodingName(enc)
	if name == "" {
		panic(r.vm.NewTypeError("Unknown encoding: " + enc))
	}
	return name
}

// checkDecoded throws when the bytes of s in enc would exceed MaxBytes, before decoding anything.
func (r *run) checkDecoded(what string, s goja.String, enc string) {
	n := float64(s.Length())
	switch r.encoding(enc) {
	case "hex":
		n /= 2
	case "base64", "base64url":
		n = math.Floor(n * 3 / 4)
	case "utf16le":
		n *= 2
	}
	if n > MaxBytes {
		panic(r.tooManyBytes(what, n))
	}
}

// decodeString is the bytes of s in a Node encoding, as Buffer.from(s, enc) makes them (leniently:
// hex stops at the first bad pair, base64 skips what is not in either alphabet).
func (r *run) decodeString(what string, s goja.String, enc string) []byte {
	r.checkDecoded(what, s, enc)
	var out []byte
	switch r.encoding(enc) {
	case "utf8":
		out = utf8Bytes(s)
	case "hex":
		text := s.String()
		out = make([]byte, 0, len(text)/2)
		for i := 0; i+1 < len(text); i += 2 {
			b, err := hex.DecodeString(text[i : i+2])
			if err != nil {
				break
			}
			out = append(out, b[0])
		}
	case "base64", "base64url":
		out = decodeBase64Loose(s.String())
	case "latin1":
		n := s.Length()
		out = make([]byte, n)
		for i := 0; i < n; i++ {
			out[i] = byte(s.CharAt(i))
		}
	case "ascii":
		n := s.Length()
		out = make([]byte, n)
		for i := 0; i < n; i++ {
			out[i] = byte(s.CharAt(i))
		}
	case "utf16le":
		n := s.Length()
		out = make([]byte, 2*n)
		for i := 0; i < n; i++ {
			c := s.CharAt(i)
			out[2*i], out[2*i+1] = byte(c), byte(c>>8)
		}
	}
	if len(out) > MaxBytes {
		panic(r.tooManyBytes(what, float64(len(out))))
	}
	return out
}

// utf8Bytes is s in UTF-8, lone surrogates as U+FFFD (as Node and TextEncoder do).
func utf8Bytes(s goja.String) []byte {
	n := s.Length()
	text := s.String()
	if len(text) == n { // ASCII
		return []byte(text)
	}
	out := make([]byte, 0, n*2)
	for i := 0; i < n; i++ {
		c := rune(s.CharAt(i))
		if utf16.IsSurrogate(c) {
			if c < 0xDC00 && i+1 < n {
				if d := rune(s.CharAt(i + 1)); d >= 0xDC00 && d <= 0xDFFF {
					out = utf8.AppendRune(out, utf16.DecodeRune(c, d))
					i++
					continue
				}
			}
			c = utf8.RuneError
		}
		out = utf8.AppendRune(out, c)
	}
	return out
}

// decodeBase64Loose decodes base64 or base64url as Node does: characters outside both alphabets are
// skipped, padding ends the data, a last lone character is dropped.
func decodeBase64Loose(s string) []byte {
	clean := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'A' && c <= 'Z', c >= 'a' && c <= 'z', c >= '0' && c <= '9', c == '+', c == '/':
			clean = append(clean, c)
		case c == '-':
			clean = append(clean, '+')
		case c == '_':
			clean = append(clean, '/')
		case c == '=':
			i = len(s)
		}
	}
	if len(clean)%4 == 1 {
		clean = clean[:len(clean)-1]
	}
	out, _ := base64.RawStdEncoding.DecodeString(string(clean))
	return out
}

// utf8Text is data as text, each invalid byte as U+FFFD.
func utf8Text(data []byte) string {
	if utf8.Valid(data) {
		return string(data)
	}
	var sb strings.Builder
	for len(data) > 0 {
		c, n := utf8.DecodeRune(data)
		sb.WriteRune(c)
		data = data[n:]
	}
	return sb.String()
}

// encodeBytes is data as a string in a Node encoding.
func (r *run) encodeBytes(data []byte, enc string) goja.Value {
	switch r.encoding(enc) {
	case "hex":
		return r.vm.ToValue(hex.EncodeToString(data))
	case "base64":
		return r.vm.ToValue(base64.StdEncoding.EncodeToString(data))
	case "base64url":
		return r.vm.ToValue(base64.RawURLEncoding.EncodeToString(data))
	case "latin1":
		return r.vm.ToValue(latin1(data))
	case "ascii":
		b := make([]byte, len(data))
		for i, c := range data {
			b[i] = c & 0x7f
		}
		return r.vm.ToValue(string(b))
	case "utf16le":
		units := make([]uint16, len(data)/2)
		for i := range units {
			units[i] = uint16(data[2*i]) | uint16(data[2*i+1])<<8
		}
		return r.vm.ToValue(string(utf16.Decode(units)))
	}
	return r.vm.ToValue(utf8Text(data))
}

func latin1(data []byte) string {
	rs := make([]rune, len(data))
	for i, c := range data {
		rs[i] = rune(c)
	}
	return string(rs)
}

// bufferFrom is Buffer.from(string, encoding), (arrayBuffer, byteOffset, length), (buffer or typed
// array), (array-like) or (object with valueOf).
func (r *run) bufferFrom(c goja.FunctionCall) goja.Value {
	vm := r.vm
	v := c.Argument(0)
	for depth := 0; ; depth++ {
		o, isObj := v.(*goja.Object)
		if !isObj || depth > 0 {
			break
		}
		if o.ExportType() == arrayBufferType || r.isBytesLike(o) {
			break
		}
		if f, ok := goja.AssertFunction(o.Get("valueOf")); ok {
			pv, err := f(o)
			if err != nil {
				panic(err)
			}
			if pv != nil && !pv.SameAs(o) {
				v = pv
				continue
			}
		}
		break
	}
	switch x := v.(type) {
	case goja.String:
		return r.newBuffer(r.decodeString("Buffer.from", x, encodingArg(c.Arguments, 1)))
	case *goja.Object:
		if x.ExportType() == arrayBufferType {
			args := append([]goja.Value{x}, c.Arguments[min(1, len(c.Arguments)):]...)
			o, err := r.buf.u8New(r.buf.orig, args...)
			if err != nil {
				panic(err)
			}
			return o
		}
		if data, ok := r.bytesOf(x); ok && r.classOf(x) != "DataView" {
			if x.ExportType() == bytesType || x.Get("BYTES_PER_ELEMENT") == nil || x.Get("BYTES_PER_ELEMENT").ToInteger() == 1 {
				return r.newBuffer(bytes.Clone(data))
			}
		}
		n := toLength(x.Get("length"))
		if n > MaxBytes {
			panic(r.tooManyBytes("Buffer.from", float64(n)))
		}
		out := make([]byte, n)
		for i := int64(0); i < n; i++ {
			if i&1023 == 1023 {
				r.g.halt()
			}
			if e := x.Get(strconv.FormatInt(i, 10)); e != nil {
				out[i] = byte(toUint32(e.ToFloat()))
			}
		}
		return r.newBuffer(out)
	}
	panic(vm.NewTypeError("The first argument must be of type string or an instance of Buffer, ArrayBuffer, or Array or an Array-like Object. Received " + r.text(v, 60)))
}

func (r *run) isBytesLike(o *goja.Object) bool {
	return isTypedArray(o) || o.ExportType() == bytesType
}

// bufferAlloc is Buffer.alloc(size, fill, encoding) (and allocUnsafe, zero-filled).
func (r *run) bufferAlloc(c goja.FunctionCall) goja.Value {
	a := c.Argument(0)
	if !goja.IsNumber(a) {
		panic(r.vm.NewTypeError("The \"size\" argument must be of type number. Received " + r.text(a, 60)))
	}
	n := a.ToFloat()
	if n < 0 || math.IsNaN(n) || n != math.Trunc(n) {
		panic(r.rangeErrorf("The value of \"size\" is out of range. It must be >= 0 && <= %d. Received %s", MaxBytes, a.String()))
	}
	if n > MaxBytes {
		panic(r.tooManyBytes("Buffer.alloc", n))
	}
	out := make([]byte, int(n))
	switch fill := c.Argument(1).(type) {
	case goja.String:
		// Only as much of the fill as the buffer holds is decoded.
		fill = fill.Substring(0, min(fill.Length(), 2*len(out)+4))
		pattern := r.decodeString("Buffer.alloc", fill, encodingArg(c.Arguments, 2))
		if len(pattern) > 0 {
			for i := 0; i < len(out); i += copy(out[i:], pattern) {
			}
		}
	case *goja.Object:
		if pattern, ok := r.bytesOf(fill); ok && len(pattern) > 0 {
			for i := 0; i < len(out); i += copy(out[i:], pattern) {
			}
		}
	default:
		if !goja.IsUndefined(fill) {
			b := byte(toUint32(fill.ToFloat()))
			for i := range out {
				out[i] = b
			}
		}
	}
	return r.newBuffer(out)
}

// bufferConcat is Buffer.concat(list, totalLength).
func (r *run) bufferConcat(c goja.FunctionCall) goja.Value {
	list, ok := c.Argument(0).(*goja.Object)
	if !ok || !r.isArray(list) {
		panic(r.vm.NewTypeError("The \"list\" argument must be an instance of Array."))
	}
	n := toLength(list.Get("length"))
	if n > MaxElements {
		panic(r.g.tooLong("Buffer.concat", n))
	}
	var out []byte
	for i := int64(0); i < n; i++ {
		data, ok := r.bytesOf(list.Get(strconv.FormatInt(i, 10)))
		if !ok {
			panic(r.vm.NewTypeError("The \"list[" + strconv.FormatInt(i, 10) + "]\" argument must be an instance of Buffer or Uint8Array."))
		}
		if len(out)+len(data) > MaxBytes {
			panic(r.tooManyBytes("Buffer.concat", float64(len(out)+len(data))))
		}
		out = append(out, data...)
	}
	if t := c.Argument(1); !goja.IsUndefined(t) {
		total := integer(t)
		if total < 0 || total > MaxBytes {
			panic(r.tooManyBytes("Buffer.concat", total))
		}
		if int(total) < len(out) {
			out = out[:int(total)]
		} else {
			out = append(out, make([]byte, int(total)-len(out))...)
		}
	}
	return r.newBuffer(out)
}

// ---- atob, btoa ----

func (r *run) domException(name, msg string) *goja.Object {
	ctor := r.webMember("DOMException")
	o, err := r.vm.New(ctor, r.vm.ToValue(msg), r.vm.ToValue(name))
	if err != nil {
		panic(err)
	}
	return o
}

func (r *run) btoa(c goja.FunctionCall) goja.Value {
	if len(c.Arguments) == 0 {
		panic(r.vm.NewTypeError("The \"data\" argument must be specified"))
	}
	s := r.g.str(c.Argument(0))
	n := s.Length()
	if float64(n)*4/3 > MaxString {
		panic(r.g.tooLongString("btoa"))
	}
	data := make([]byte, n)
	for i := 0; i < n; i++ {
		ch := s.CharAt(i)
		if ch > 0xFF {
			panic(r.domException("InvalidCharacterError", "Invalid character"))
		}
		data[i] = byte(ch)
	}
	return r.vm.ToValue(base64.StdEncoding.EncodeToString(data))
}

func (r *run) atob(c goja.FunctionCall) goja.Value {
	if len(c.Arguments) == 0 {
		panic(r.vm.NewTypeError("The \"data\" argument must be specified"))
	}
	s := r.g.str(c.Argument(0))
	clean := make([]byte, 0, s.Length())
	n := s.Length()
	for i := 0; i < n; i++ {
		ch := s.CharAt(i)
		switch {
		case ch == ' ' || ch == '\t' || ch == '\n' || ch == '\f' || ch == '\r':
		case ch < 0x80 && (ch >= 'A' && ch <= 'Z' || ch >= 'a' && ch <= 'z' || ch >= '0' && ch <= '9' || ch == '+' || ch == '/' || ch == '='):
			clean = append(clean, byte(ch))
		default:
			panic(r.domException("InvalidCharacterError", "The string to be decoded is not correctly encoded."))
		}
	}
	if len(clean)%4 == 0 {
		clean = bytes.TrimSuffix(bytes.TrimSuffix(clean, []byte("=")), []byte("="))
	}
	if len(clean)%4 == 1 || bytes.IndexByte(clean, '=') >= 0 {
		panic(r.domException("InvalidCharacterError", "The string to be decoded is not correctly encoded."))
	}
	data, err := base64.RawStdEncoding.DecodeString(string(clean))
	if err != nil {
		// Non-zero trailing bits: the forgiving decoder ignores them.
		data, _ = base64.RawStdEncoding.WithPadding(base64.NoPadding).Strict().DecodeString(string(clean))
		if data == nil {
			data = decodeBase64Loose(string(clean))
		}
	}
	return r.vm.ToValue(latin1(data))
}

// ---- url ----

// MaxURL bounds the text a URL or URLSearchParams is parsed from.
const MaxURL = 1 << 20

// urlModule is goja_nodejs's url module, with the input sizes checked.
func (r *run) urlModule(exports *goja.Object) goja.Value {
	vm := r.vm
	module := vm.NewObject()
	_ = module.Set("exports", exports)
	url.Require(vm, module)
	checkText := func(what string, v goja.Value) {
		if s, ok := v.(goja.String); ok && s.Length() > MaxURL {
			panic(r.rangeErrorf("%s: a text of %d characters exceeds mfactl's limit of %d", what, s.Length(), MaxURL))
		}
	}
	// The URL constructor, checked, resolving a relative reference here: goja_nodejs makes it absolute
	// before resolving it ('../c' against /x/y/z gave /c).
	check := func(args []goja.Value) {
		for i := range args {
			if i < 2 && !goja.IsUndefined(args[i]) {
				args[i] = r.g.str(args[i])
				checkText("URL", args[i])
			}
		}
		if len(args) > 1 && !goja.IsUndefined(args[1]) {
			base, err1 := neturl.Parse(args[1].String())
			ref, err2 := neturl.Parse(args[0].String())
			if err1 == nil && err2 == nil && base.IsAbs() && base.Host != "" {
				args[0], args[1] = vm.ToValue(base.ResolveReference(ref).String()), goja.Undefined()
			}
		}
	}
	orig := exports.Get("URL").ToObject(vm)
	origNew, _ := goja.AssertConstructor(orig)
	proto := orig.Get("prototype").ToObject(vm)
	// Instances inherit from sub, which inherits goja_nodejs's prototype: its href getter misses what
	// searchParams changed (its toString does not), and the property cannot be redefined there.
	sub := vm.CreateObject(proto)
	toString, _ := goja.AssertFunction(proto.Get("toString"))
	var setter goja.Value = goja.Undefined()
	if f, ok := goja.AssertFunction(r.intrinsics.ToObject(vm).Get("getOwnPropertyDescriptor")); ok {
		if desc, err := f(goja.Undefined(), proto, vm.ToValue("href")); err == nil && !goja.IsUndefined(desc) {
			setter = desc.ToObject(vm).Get("set")
		}
	}
	_ = sub.DefineAccessorProperty("href", vm.ToValue(func(c goja.FunctionCall) goja.Value {
		v, err := toString(c.This)
		if err != nil {
			panic(err)
		}
		return v
	}), setter, yes, yes)
	// hash: goja_nodejs stores the text as Go's unescaped fragment and escapes it again, so a '%'
	// already in it came back as '%25' (querystring.stringify's output in a hash was encoded twice).
	// Here the text is percent-encoded as the URL standard does for a fragment and set through href,
	// whose parse keeps the encoding as written.
	hashGet := goja.Undefined()
	if f, ok := goja.AssertFunction(r.intrinsics.ToObject(vm).Get("getOwnPropertyDescriptor")); ok {
		if desc, err := f(goja.Undefined(), proto, vm.ToValue("hash")); err == nil && !goja.IsUndefined(desc) {
			hashGet = desc.ToObject(vm).Get("get")
		}
	}
	hrefSet, _ := goja.AssertFunction(setter)
	if hrefSet != nil && !goja.IsUndefined(hashGet) {
		_ = sub.DefineAccessorProperty("hash", hashGet, vm.ToValue(func(c goja.FunctionCall) goja.Value {
			h := r.g.str(c.Argument(0)).String()
			checkText("URL hash", vm.ToValue(h))
			h = strings.TrimPrefix(h, "#")
			cur, err := toString(c.This)
			if err != nil {
				panic(err)
			}
			href, _, _ := strings.Cut(cur.String(), "#")
			if h != "" {
				href += "#" + fragmentEncode(h)
			}
			if _, err := hrefSet(c.This, vm.ToValue(href)); err != nil {
				panic(err)
			}
			return goja.Undefined()
		}), yes, yes)
	}
	target := vm.ToValue(func(goja.ConstructorCall) *goja.Object { return nil }).(*goja.Object)
	_ = target.DefineDataProperty("prototype", sub, no, no, no)
	var guard *goja.Object
	guard = vm.ToValue(func(c goja.ConstructorCall) *goja.Object {
		args := append([]goja.Value(nil), c.Arguments...)
		check(args)
		t := c.NewTarget
		if t == nil || t == guard {
			t = target
		}
		o, err := origNew(t, args...)
		if err != nil {
			panic(err)
		}
		return o
	}).(*goja.Object)
	_ = guard.DefineDataProperty("name", vm.ToValue("URL"), no, yes, no)
	_ = guard.DefineDataProperty("length", vm.ToValue(1), no, yes, no)
	_ = guard.DefineDataProperty("prototype", sub, no, no, no)
	_ = sub.DefineDataProperty("constructor", guard, yes, no, yes)
	_ = exports.Set("URL", guard)
	r.g.constructor(exports, "URLSearchParams", func(args []goja.Value) {
		if len(args) == 0 {
			return
		}
		switch a := args[0].(type) {
		case goja.String:
			checkText("URLSearchParams", a)
			if n := strings.Count(a.String(), "&"); n > MaxElements {
				panic(r.g.tooLong("URLSearchParams", int64(n)))
			}
		case *goja.Object:
			if it := a.GetSymbol(goja.SymIterator); it == nil || goja.IsUndefined(it) {
				if n := len(a.Keys()); n > MaxElements {
					panic(r.g.tooLong("URLSearchParams", int64(n)))
				}
			} else if r.isArray(a) {
				if n := toLength(a.Get("length")); n > MaxElements {
					panic(r.g.tooLong("URLSearchParams", n))
				}
			}
		}
	})
	u := guard
	_ = u.Set("canParse", func(c goja.FunctionCall) goja.Value {
		ctor, _ := goja.AssertConstructor(u)
		ok := vm.Try(func() {
			if _, err := ctor(nil, c.Arguments...); err != nil {
				panic(err)
			}
		}) == nil
		return vm.ToValue(ok)
	})
	return nil
}

// fragmentEncode percent-encodes a URL fragment as the URL standard's fragment percent-encode set
// says: controls, space, ", <, >, ` and every non-ASCII byte; '%' and the rest stay as written.
func fragmentEncode(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c <= 0x20 || c >= 0x7f || c == '"' || c == '<' || c == '>' || c == '`' {
			fmt.Fprintf(&b, "%%%02X", c)
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}
