package jsrt

import (
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/dop251/goja"
)

// Guards on goja's built-ins, installed in every runtime before any Action code runs.
//
// goja runs its built-ins as Go code that neither checks the interrupt (the Action timeout, Ctrl-C, the
// memory limit) nor bounds what it allocates: new ArrayBuffer(1e11), [].join on an array whose length
// is 2**32-1, 'x'.repeat(2**30) … crash the process or hang it. Each guard checks the sizes a built-in
// is about to work on (limits.go, docs/simulation.md), throws a RangeError past them, and otherwise
// calls the original. The guards are native functions (Go), which cost far less to install in every
// runtime than JavaScript ones. The originals stay in Go: the Action may replace a global or a
// prototype method, but it never reaches an unguarded original.

type guards struct {
	r  *run
	vm *goja.Runtime
	// natives maps each guard to the built-in it stands for (Function.prototype.toString shows that).
	// The guards a run makes (those of the Node modules it requires) are listed in runNatives and
	// forgotten when it ends (run.clear): kept, they held every run's modules for the engine's life.
	natives    map[*goja.Object]*goja.Object
	runNatives []*goja.Object
	// built is set once the engine's own guards are made: later ones are a run's.
	built bool
	// chains holds how deeply a proxy or bound function wraps others: each call or property access
	// through one recurses in Go.
	chains map[*goja.Object]int
	// joining are the arrays being joined, for cycles (as goja does, an array met again inside itself
	// joins as '') and for the depth (goja's toString → join recursion is in Go).
	joining []*goja.Object
	// Intrinsics the guards use.
	join, slice goja.Callable
	evalError   goja.Value
	arrayCtor   *goja.Object
	// readyBuffers installs the buffer guards (once); typed holds the guarded ArrayBuffer and typed
	// array constructors, for the Node surface (Buffer, TextEncoder …), whatever the Action did to
	// the globals.
	readyBuffers func()
	typed        map[string]*goja.Object
	// regexpCache holds the engine's template RegExps by source and flags (cachedRegExp).
	regexpCache map[string]*goja.Object
}

// maxCachedRegExps bounds the template RegExps an engine keeps.
const maxCachedRegExps = 4096

const (
	yes = goja.FLAG_TRUE
	no  = goja.FLAG_FALSE
)

// installGuards puts every guard in place. Built-ins that only a global name leads to (buffers and
// typed arrays, Proxy, Reflect, JSON) are guarded when the Action first uses that name: installing a
// guard costs microseconds, and most Actions use few of them.
func (r *run) installGuards() {
	vm := r.vm
	g := &guards{r: r, vm: vm, natives: map[*goja.Object]*goja.Object{}, chains: map[*goja.Object]int{}}
	r.g = g
	global := vm.GlobalObject()
	g.arrayCtor = g.object(global, "Array")
	ap := g.object(g.arrayCtor, "prototype")
	sp := g.object(g.object(global, "String"), "prototype")
	rp := g.object(g.object(global, "RegExp"), "prototype")
	fp := g.object(g.object(global, "Function"), "prototype")
	g.join = g.fn(ap, "join")
	g.slice = g.fn(ap, "slice")
	g.evalError = global.Get("EvalError")

	g.arrays(global, ap)
	g.iterators(ap, sp, rp)
	g.functions(fp)
	g.strings(global, sp)
	g.regexps(global, sp, rp)
	g.code(global, fp)
	// Function.prototype.toString shows a guard as the built-in it stands for.
	g.method(fp, "toString", func(orig goja.Callable, c goja.FunctionCall) goja.Value {
		if o, ok := c.This.(*goja.Object); ok {
			if n := g.natives[o]; n != nil {
				return g.call(orig, n)
			}
		}
		return g.call(orig, c.This, c.Arguments...)
	})
	// BigInt arithmetic allocates without bound in Go (1n << 10n ** 10n); mfactl's compiler refuses
	// BigInt literals, and these are the other ways to make a BigInt (with DataView's, in buffers).
	for _, k := range []string{"BigInt", "BigInt64Array", "BigUint64Array"} {
		_ = global.Delete(k)
	}
	if r.sealed {
		// A runtime that runs one Action after another guards everything once, before it is sealed.
		g.buffers(global)
		g.proxies(global)
		g.reflects(global)
		g.json(global)
		g.readyBuffers = func() {}
		return
	}
	g.readyBuffers = g.lazy(global, append([]string{"ArrayBuffer", "DataView"}, typedArrays...), func() { g.buffers(global) })
	g.lazy(global, []string{"Proxy"}, func() { g.proxies(global) })
	g.lazy(global, []string{"Reflect"}, func() { g.reflects(global) })
	g.lazy(global, []string{"JSON"}, func() { g.json(global) })
}

// lazy makes each global name an accessor that, on first use, puts the original values back, runs
// install (once) and then does what the use asked. It returns the function that does the first two.
func (g *guards) lazy(global *goja.Object, names []string, install func()) func() {
	origs := make([]goja.Value, len(names))
	for i, n := range names {
		origs[i] = global.Get(n)
	}
	done := false
	ready := func() {
		if done {
			return
		}
		done = true
		for i, n := range names {
			_ = global.DefineDataProperty(n, origs[i], yes, yes, no)
		}
		install()
	}
	for _, n := range names {
		name := n
		get := g.vm.ToValue(func(goja.FunctionCall) goja.Value {
			ready()
			return global.Get(name)
		})
		set := g.vm.ToValue(func(c goja.FunctionCall) goja.Value {
			ready()
			_ = global.DefineDataProperty(name, c.Argument(0), yes, yes, no)
			return goja.Undefined()
		})
		_ = global.DefineAccessorProperty(name, get, set, yes, no)
	}
	return ready
}

// typedCtor is the guarded constructor of an ArrayBuffer or typed array, installing the buffer guards
// first if the Action has not used them yet.
func (g *guards) typedCtor(name string) *goja.Object {
	g.readyBuffers()
	return g.typed[name]
}

// ---- helpers ----

func (g *guards) object(o *goja.Object, key string) *goja.Object {
	return o.Get(key).(*goja.Object)
}

func (g *guards) fn(o *goja.Object, key string) goja.Callable {
	f, _ := goja.AssertFunction(o.Get(key))
	return f
}

// call calls f and rethrows what it throws.
func (g *guards) call(f goja.Callable, this goja.Value, args ...goja.Value) goja.Value {
	v, err := f(this, args...)
	if err != nil {
		panic(err)
	}
	return v
}

// halt throws once the run was interrupted; the engine's own interrupt takes over at its next
// instruction.
func (g *guards) halt() {
	if g.r.halted() {
		panic(g.vm.NewGoError(errHalted))
	}
}

func (g *guards) limit(what, format string, args ...any) *goja.Object {
	return g.r.rangeErrorf("%s: %s", what, fmt.Sprintf(format, args...))
}

func (g *guards) tooLong(what string, n int64) *goja.Object {
	return g.limit(what, "array length %d exceeds mfactl's limit of %d", n, MaxElements)
}

func (g *guards) tooLongString(what string) *goja.Object {
	return g.limit(what, "the result would be longer than mfactl's limit of %d characters", MaxString)
}

// str is ECMAScript's ToString.
func (g *guards) str(v goja.Value) goja.String {
	return toStr(g.vm, v)
}

func toStr(vm *goja.Runtime, v goja.Value) goja.String {
	switch x := v.(type) {
	case goja.String:
		return x
	case *goja.Symbol:
		panic(vm.NewTypeError("Cannot convert a Symbol value to a string"))
	case *goja.Object:
		v = x.ToString()
		if s, ok := v.(goja.String); ok {
			return s
		}
	case nil:
		v = goja.Undefined()
	}
	return vm.ToValue(v.String()).(goja.String)
}

// toUint32 is ECMAScript's ToUint32 of a number.
func toUint32(f float64) uint32 {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return 0
	}
	m := math.Mod(math.Trunc(f), 1<<32)
	if m < 0 {
		m += 1 << 32
	}
	return uint32(m)
}

// integer is ECMAScript's ToIntegerOrInfinity.
func integer(v goja.Value) float64 {
	if v == nil {
		return 0
	}
	f := v.ToFloat()
	if math.IsNaN(f) {
		return 0
	}
	return math.Trunc(f)
}

func nullish(v goja.Value) bool {
	return v == nil || goja.IsUndefined(v) || goja.IsNull(v)
}

// lengthOf is ToLength(ToObject(v).length).
func (g *guards) lengthOf(v goja.Value) int64 {
	return toLength(v.ToObject(g.vm).Get("length"))
}

// method replaces holder[key] with a native guard running body(original, call).
func (g *guards) method(holder *goja.Object, key string, body func(goja.Callable, goja.FunctionCall) goja.Value) {
	origV := holder.Get(key)
	orig, ok := goja.AssertFunction(origV)
	if !ok {
		return
	}
	fn := g.native(origV.(*goja.Object), func(c goja.FunctionCall) goja.Value { return body(orig, c) })
	_ = holder.DefineDataProperty(key, fn, yes, yes, no)
}

func (g *guards) methodSym(holder *goja.Object, key *goja.Symbol, body func(goja.Callable, goja.FunctionCall) goja.Value) {
	origV := holder.GetSymbol(key)
	orig, ok := goja.AssertFunction(origV)
	if !ok {
		return
	}
	fn := g.native(origV.(*goja.Object), func(c goja.FunctionCall) goja.Value { return body(orig, c) })
	_ = holder.DefineDataPropertySymbol(key, fn, yes, yes, no)
}

// native makes a native function with the name and length of orig.
func (g *guards) native(orig *goja.Object, f func(goja.FunctionCall) goja.Value) *goja.Object {
	fn := g.vm.ToValue(f).(*goja.Object)
	_ = fn.DefineDataProperty("name", orig.Get("name"), no, yes, no)
	_ = fn.DefineDataProperty("length", orig.Get("length"), no, yes, no)
	g.addNative(fn, orig)
	return fn
}

// addNative records that guard stands for orig.
func (g *guards) addNative(guard, orig *goja.Object) {
	g.natives[guard] = orig
	if g.built {
		g.runNatives = append(g.runNatives, guard)
	}
}

// constructor replaces holder[name] with a native constructor that calls check(args) (which may
// convert arguments in place) and then the original. The guard takes the original's prototype, its
// statics and the prototype's constructor link, so instanceof, subclasses and species all reach the
// guard, never the original. (Called without new, the guard constructs too: goja gives a native
// constructor no way to tell.)
func (g *guards) constructor(holder *goja.Object, name string, check func(args []goja.Value)) *goja.Object {
	return g.constructorWith(holder, name, check, nil)
}

// constructorWith is constructor with plain, when not nil, making what the guard itself is called
// for (not a subclass).
func (g *guards) constructorWith(holder *goja.Object, name string, check func(args []goja.Value), plain func(origNew goja.Constructor, orig *goja.Object, args []goja.Value) *goja.Object) *goja.Object {
	orig := holder.Get(name).(*goja.Object)
	origNew, _ := goja.AssertConstructor(orig)
	var guard *goja.Object
	guard = g.vm.ToValue(func(c goja.ConstructorCall) *goja.Object {
		args := append([]goja.Value(nil), c.Arguments...)
		check(args)
		target := c.NewTarget
		if target == nil || target == guard {
			target = orig
			if plain != nil {
				return plain(origNew, orig, args)
			}
		}
		o, err := origNew(target, args...)
		if err != nil {
			panic(err)
		}
		return o
	}).(*goja.Object)
	g.adopt(guard, orig, name)
	_ = holder.DefineDataProperty(name, guard, yes, yes, no)
	return guard
}

// cachedRegExp is new RegExp(source, flags) for a string source: the first one with a source and
// flags is compiled and kept as a template the Actions never see; it and every later one are clones
// of it, which share its compiled pattern (goja's RegExp(re) clones re). Packages such as semver
// build dozens of expressions from strings when they load, which is in every run, and compiling
// them was most of the time of a run that required one. A compiled pattern cannot be changed from
// JavaScript, and a clone has its own lastIndex and properties.
func (g *guards) cachedRegExp(origNew goja.Constructor, orig *goja.Object, args []goja.Value) *goja.Object {
	build := func(args ...goja.Value) *goja.Object {
		o, err := origNew(orig, args...)
		if err != nil {
			panic(err)
		}
		return o
	}
	if len(args) == 0 || len(args) > 2 {
		return build(args...)
	}
	src, ok := args[0].(goja.String)
	if !ok {
		return build(args...)
	}
	flags := ""
	if len(args) == 2 && !goja.IsUndefined(args[1]) {
		f, ok := args[1].(goja.String)
		if !ok {
			return build(args...)
		}
		flags = f.String()
	}
	key := src.String()
	if strings.ContainsRune(key, utf8.RuneError) {
		// A lone surrogate reads as U+FFFD in Go: two sources could share the key.
		return build(args...)
	}
	key += "\x00" + flags
	if t, ok := g.regexpCache[key]; ok {
		return build(t)
	}
	t := build(args...)
	if g.regexpCache == nil {
		g.regexpCache = map[string]*goja.Object{}
	}
	if len(g.regexpCache) < maxCachedRegExps {
		g.regexpCache[key] = t
	}
	return build(t)
}

// adopt makes guard stand for orig.
func (g *guards) adopt(guard, orig *goja.Object, name string) {
	_ = guard.DefineDataProperty("name", g.vm.ToValue(name), no, yes, no)
	_ = guard.DefineDataProperty("length", orig.Get("length"), no, yes, no)
	proto := orig.Get("prototype")
	_ = guard.DefineDataProperty("prototype", proto, no, no, no)
	_ = proto.(*goja.Object).DefineDataProperty("constructor", guard, yes, yes, no)
	_ = guard.SetPrototype(orig.Prototype())
	if v := orig.Get("BYTES_PER_ELEMENT"); v != nil {
		_ = guard.DefineDataProperty("BYTES_PER_ELEMENT", v, no, no, no)
	}
	for _, k := range []string{"isView", "fromBase64", "fromHex", "revocable"} {
		if v := orig.Get(k); v != nil {
			_ = guard.DefineDataProperty(k, v, yes, yes, no)
		}
	}
	if name == "ArrayBuffer" || name == "RegExp" {
		species := g.vm.ToValue(func(c goja.FunctionCall) goja.Value { return c.This })
		_ = species.(*goja.Object).DefineDataProperty("name", g.vm.ToValue("get [Symbol.species]"), no, yes, no)
		_ = guard.DefineAccessorPropertySymbol(goja.SymSpecies, species, nil, yes, no)
	}
	g.addNative(guard, orig)
}

// ---- arrays ----

// looping are the Array.prototype methods that loop over `length` in Go, holes included.
var looping = []string{"copyWithin", "every", "fill", "filter", "find", "findIndex", "findLast", "findLastIndex", "forEach",
	"includes", "indexOf", "lastIndexOf", "map", "reduce", "reduceRight", "reverse", "shift", "slice", "some", "sort",
	"splice", "unshift", "with", "toReversed", "toSorted", "toSpliced"}

func (g *guards) arrays(global, ap *goja.Object) {
	for _, k := range looping {
		what := "Array.prototype." + k
		g.method(ap, k, func(orig goja.Callable, c goja.FunctionCall) goja.Value {
			if !nullish(c.This) {
				if n := g.lengthOf(c.This); n > MaxElements {
					panic(g.tooLong(what, n))
				}
			}
			return g.call(orig, c.This, c.Arguments...)
		})
	}
	// join and toLocaleString make one string of every element: here, element by element, with the
	// total checked, then joined natively.
	g.method(ap, "join", func(orig goja.Callable, c goja.FunctionCall) goja.Value {
		if nullish(c.This) {
			return g.call(orig, c.This)
		}
		sep := goja.Value(g.vm.ToValue(","))
		if s := c.Argument(0); !goja.IsUndefined(s) {
			sep = s
		}
		return g.joinWith("Array.prototype.join", c.This, sep, func(e goja.Value) goja.String { return g.str(e) })
	})
	g.method(ap, "toLocaleString", func(orig goja.Callable, c goja.FunctionCall) goja.Value {
		if nullish(c.This) {
			return g.call(orig, c.This)
		}
		return g.joinWith("Array.prototype.toLocaleString", c.This, g.vm.ToValue(","), func(e goja.Value) goja.String {
			f, ok := goja.AssertFunction(e.ToObject(g.vm).Get("toLocaleString"))
			if !ok {
				panic(g.vm.NewTypeError("toLocaleString is not a function"))
			}
			return g.str(g.call(f, e))
		})
	})
	g.method(ap, "concat", func(orig goja.Callable, c goja.FunctionCall) goja.Value {
		if !nullish(c.This) {
			total := int64(0)
			for i := -1; i < len(c.Arguments); i++ {
				var item goja.Value = c.This.ToObject(g.vm)
				if i >= 0 {
					item = c.Arguments[i]
				}
				total++
				if o, ok := item.(*goja.Object); ok {
					spreadable := o.GetSymbol(goja.SymIsConcatSpreadable)
					if nullish(spreadable) && g.r.isArray(o) || !nullish(spreadable) && spreadable.ToBoolean() {
						total += toLength(o.Get("length")) - 1
					}
				}
				if total > MaxElements {
					panic(g.tooLong("Array.prototype.concat", total))
				}
			}
		}
		return g.call(orig, c.This, c.Arguments...)
	})
	// flat and flatMap, here (goja recurses in Go, and a few shared nested arrays flatten into billions
	// of elements): the spec's FlattenIntoArray, counting what it makes.
	flat := func(what string, mapper bool) func(goja.Callable, goja.FunctionCall) goja.Value {
		return func(orig goja.Callable, c goja.FunctionCall) goja.Value {
			if nullish(c.This) {
				return g.call(orig, c.This, c.Arguments...)
			}
			o := c.This.ToObject(g.vm)
			n := toLength(o.Get("length"))
			if n > MaxElements {
				panic(g.tooLong(what, n))
			}
			depth := 1.0
			var fn goja.Callable
			if mapper {
				var ok bool
				if fn, ok = goja.AssertFunction(c.Argument(0)); !ok {
					return g.call(orig, o, c.Arguments...) // the TypeError
				}
			} else if d := c.Argument(0); !goja.IsUndefined(d) {
				depth = max(0, integer(d))
			}
			out := &flatOut{}
			if o.ClassName() == "Array" && o.Get("constructor") == g.arrayCtor && g.arrayCtor.GetSymbol(goja.SymSpecies) == g.arrayCtor {
				// ArraySpeciesCreate makes a plain array, which no code can see until flat returns: fill it at once.
				g.flatten(what, out, o, n, depth, fn, c.Argument(1), 0)
				return g.vm.NewArray(out.values...)
			}
			out.target = g.call(g.slice, o, g.vm.ToValue(0), g.vm.ToValue(0)).(*goja.Object) // ArraySpeciesCreate(o, 0)
			g.flatten(what, out, o, n, depth, fn, c.Argument(1), 0)
			return out.target
		}
	}
	g.method(ap, "flat", flat("Array.prototype.flat", false))
	g.method(ap, "flatMap", flat("Array.prototype.flatMap", true))
	g.method(g.object(global, "Array"), "from", func(orig goja.Callable, c goja.FunctionCall) goja.Value {
		if items := c.Argument(0); !nullish(items) {
			if it := items.ToObject(g.vm).GetSymbol(goja.SymIterator); nullish(it) {
				if n := g.lengthOf(items); n > MaxElements {
					panic(g.tooLong("Array.from", n))
				}
			}
		}
		return g.call(orig, c.This, c.Arguments...)
	})
}

func (g *guards) joinWith(what string, this, sepV goja.Value, convert func(goja.Value) goja.String) goja.Value {
	g.halt() // nested arrays join recursively, in Go
	o := this.ToObject(g.vm)
	n := toLength(o.Get("length"))
	if n > MaxElements {
		panic(g.tooLong(what, n))
	}
	sep := g.str(sepV)
	for _, j := range g.joining {
		if j.SameAs(o) {
			return g.vm.ToValue("")
		}
	}
	if len(g.joining) >= MaxNesting {
		panic(g.limit(what, "arrays nest deeper than mfactl's limit of %d", MaxNesting))
	}
	g.joining = append(g.joining, o)
	defer func() { g.joining = g.joining[:len(g.joining)-1] }()
	parts := make([]any, n)
	total := 0
	for i := int64(0); i < n; i++ {
		if i&1023 == 1023 {
			g.halt()
		}
		e := o.Get(strconv.FormatInt(i, 10))
		var s goja.String = emptyString
		if !nullish(e) {
			s = convert(e)
		}
		total += s.Length()
		if i > 0 {
			total += sep.Length()
		}
		if total > MaxString {
			panic(g.tooLongString(what))
		}
		parts[i] = s
	}
	return g.call(g.join, g.vm.NewArray(parts...), sep)
}

var emptyString = goja.New().ToValue("").(goja.String)

// functionKinds are an async function and a generator, whose prototypes lead to their constructors.
var functionKinds = goja.MustCompile("mfactl:functions", "[async function () {}, function* () {}]", true)

// flatOut is what flat fills: target, or (for a plain array) values.
type flatOut struct {
	target *goja.Object
	values []any
	n      int64
}

func (g *guards) flatten(what string, out *flatOut, source *goja.Object, n int64, depth float64, mapper goja.Callable, thisArg goja.Value, level int) {
	if level > MaxNesting {
		panic(g.limit(what, "arrays nest deeper than mfactl's limit of %d", MaxNesting))
	}
	g.halt()
	for i := int64(0); i < n; i++ {
		if i&1023 == 1023 {
			g.halt()
		}
		k := strconv.FormatInt(i, 10)
		e := source.Get(k)
		if e == nil {
			continue // a hole
		}
		if mapper != nil {
			e = g.call(mapper, thisArg, e, g.vm.ToValue(i), source)
		}
		if o, ok := e.(*goja.Object); ok && depth > 0 && g.r.isArray(o) {
			m := toLength(o.Get("length"))
			if m > MaxElements {
				panic(g.tooLong(what, m))
			}
			g.flatten(what, out, o, m, depth-1, nil, nil, level+1)
			continue
		}
		if out.n >= MaxElements {
			panic(g.limit(what, "the result would have more than mfactl's limit of %d elements", MaxElements))
		}
		if out.target == nil {
			out.values = append(out.values, e)
		} else if err := out.target.DefineDataProperty(strconv.FormatInt(out.n, 10), e, yes, yes, yes); err != nil {
			panic(err)
		}
		out.n++
	}
}

// ---- iterators ----

// Iterators step in Go inside spread, destructuring, Array.from, new Set …: the guard checks for an
// interrupted run at every step.
func (g *guards) iterators(ap, sp, rp *goja.Object) {
	stringIter, _ := goja.AssertFunction(sp.GetSymbol(goja.SymIterator))
	matchAll, _ := goja.AssertFunction(rp.GetSymbol(goja.SymMatchAll))
	rx, err := g.vm.New(rp.Get("constructor"), g.vm.ToValue("x"))
	if err != nil {
		panic(err)
	}
	protos := []*goja.Object{
		g.call(g.fn(ap, "values"), g.vm.NewArray()).ToObject(g.vm).Prototype(),
		g.call(stringIter, g.vm.ToValue("")).ToObject(g.vm).Prototype(),
		g.call(matchAll, rx, g.vm.ToValue("")).ToObject(g.vm).Prototype(),
	}
	for _, p := range protos {
		g.method(p, "next", func(orig goja.Callable, c goja.FunctionCall) goja.Value {
			g.halt()
			return g.call(orig, c.This, c.Arguments...)
		})
	}
}

// ---- functions ----

// argumentList throws for an argument list (array-like) longer than MaxArgs: apply and Reflect copy it
// into Go whole.
func (g *guards) argumentList(what string, v goja.Value) {
	if o, ok := v.(*goja.Object); ok {
		if n := toLength(o.Get("length")); n > MaxArgs {
			panic(g.limit(what, "%d arguments exceed mfactl's limit of %d", n, MaxArgs))
		}
	}
}

func (g *guards) functions(fp *goja.Object) {
	g.method(fp, "apply", func(orig goja.Callable, c goja.FunctionCall) goja.Value {
		g.argumentList("Function.prototype.apply", c.Argument(1))
		return g.call(orig, c.This, c.Arguments...)
	})
	// Proxies and bound functions that wrap each other recurse in Go on every call or access.
	g.method(fp, "bind", func(orig goja.Callable, c goja.FunctionCall) goja.Value {
		d := g.chain("Function.prototype.bind", c.This, nil)
		f := g.call(orig, c.This, c.Arguments...)
		g.chains[f.(*goja.Object)] = d
		return f
	})
}

func (g *guards) reflects(global *goja.Object) {
	rf := g.object(global, "Reflect")
	g.method(rf, "apply", func(orig goja.Callable, c goja.FunctionCall) goja.Value {
		g.argumentList("Reflect.apply", c.Argument(2))
		return g.call(orig, c.This, c.Arguments...)
	})
	g.method(rf, "construct", func(orig goja.Callable, c goja.FunctionCall) goja.Value {
		g.argumentList("Reflect.construct", c.Argument(1))
		return g.call(orig, c.This, c.Arguments...)
	})
}

func (g *guards) json(global *goja.Object) {
	json := g.object(global, "JSON")
	g.method(json, "stringify", func(_ goja.Callable, c goja.FunctionCall) goja.Value { return g.r.stringify(c) })
	g.method(json, "parse", func(orig goja.Callable, c goja.FunctionCall) goja.Value {
		text := g.str(c.Argument(0))
		g.r.checkJSON(goja.FunctionCall{Arguments: []goja.Value{text}})
		if goja.IsUndefined(c.Argument(1)) {
			if v, ok := parseJSON(g.vm, text.String()); ok {
				return v
			}
		}
		return g.call(orig, c.This, text, c.Argument(1))
	})
}

// proxies guards the Proxy constructor: proxies wrapping proxies recurse in Go on every access.
func (g *guards) proxies(global *goja.Object) {
	proxy := g.object(global, "Proxy")
	proxyNew, _ := goja.AssertConstructor(proxy)
	guard := g.vm.ToValue(func(c goja.ConstructorCall) *goja.Object {
		target, handler := c.Argument(0), c.Argument(1)
		d := g.chain("Proxy", target, handler)
		p, err := proxyNew(nil, target, handler)
		if err != nil {
			panic(err)
		}
		g.chains[p] = d
		return p
	}).(*goja.Object)
	_ = guard.DefineDataProperty("name", g.vm.ToValue("Proxy"), no, yes, no)
	_ = guard.DefineDataProperty("length", g.vm.ToValue(2), no, yes, no)
	g.addNative(guard, proxy)
	_ = guard.DefineDataProperty("revocable", proxy.Get("revocable"), yes, yes, no)
	g.method(guard, "revocable", func(orig goja.Callable, c goja.FunctionCall) goja.Value {
		d := g.chain("Proxy.revocable", c.Argument(0), c.Argument(1))
		res := g.call(orig, c.This, c.Arguments...)
		if p, ok := res.ToObject(g.vm).Get("proxy").(*goja.Object); ok {
			g.chains[p] = d
		}
		return res
	})
	_ = global.DefineDataProperty("Proxy", guard, yes, yes, no)
}

func (g *guards) chain(what string, a, b goja.Value) int {
	d := 0
	for _, v := range []goja.Value{a, b} {
		if o, ok := v.(*goja.Object); ok {
			d = max(d, g.chains[o])
		}
	}
	if d+1 > MaxNesting {
		panic(g.limit(what, "proxies and bound functions wrap each other more than mfactl's limit of %d deep", MaxNesting))
	}
	return d + 1
}

// ---- buffers ----

var arrayBufferType = reflect.TypeOf(goja.ArrayBuffer{})

// isTypedArray tells a typed array (goja exports it as a slice of numbers) from any other object.
func isTypedArray(o *goja.Object) bool {
	t := o.ExportType()
	if t == nil || t.Kind() != reflect.Slice {
		return false
	}
	switch t.Elem().Kind() {
	case reflect.Int8, reflect.Uint8, reflect.Int16, reflect.Uint16, reflect.Int32, reflect.Uint32, reflect.Float32, reflect.Float64:
		return true
	}
	return false // a Map exports as [][2]any, an array or a Set as []any
}

var typedArrays = []string{"Int8Array", "Uint8Array", "Uint8ClampedArray", "Int16Array", "Uint16Array", "Int32Array",
	"Uint32Array", "Float32Array", "Float64Array"}

func (g *guards) buffers(global *goja.Object) {
	g.typed = map[string]*goja.Object{}
	g.typed["ArrayBuffer"] = g.constructor(global, "ArrayBuffer", func(args []goja.Value) {
		if len(args) == 0 {
			return
		}
		n := integer(args[0])
		args[0] = g.vm.ToValue(n)
		if n > MaxBuffer {
			panic(g.limit("ArrayBuffer", "%.0f bytes exceed mfactl's limit of %d", n, MaxBuffer))
		}
	})
	for _, name := range typedArrays {
		size := g.object(global, name).Get("BYTES_PER_ELEMENT").ToFloat()
		guard := g.constructor(global, name, func(args []goja.Value) {
			if len(args) == 0 {
				return
			}
			var n float64
			switch a := args[0].(type) {
			case *goja.Object:
				if buf, ok := a.Export().(goja.ArrayBuffer); ok && a.ExportType() == arrayBufferType {
					if len(args) > 2 && !goja.IsUndefined(args[2]) {
						n = integer(args[2])
						args[2] = g.vm.ToValue(n)
					} else {
						offset := 0.0
						if len(args) > 1 {
							offset = integer(args[1])
							args[1] = g.vm.ToValue(offset)
						}
						n = (float64(len(buf.Bytes())) - offset) / size
					}
				} else if !isTypedArray(a) {
					n = float64(toLength(a.Get("length")))
				}
			default:
				if !goja.IsUndefined(a) {
					n = integer(a)
					args[0] = g.vm.ToValue(n)
				}
			}
			if n > MaxElements {
				panic(g.limit(name, "%.0f elements exceed mfactl's limit of %d", n, MaxElements))
			}
		})
		g.typed[name] = guard
		for _, m := range []struct {
			key   string
			ratio float64
		}{{"fromBase64", 0.75}, {"fromHex", 0.5}} {
			what := name + "." + m.key
			ratio := m.ratio
			g.method(guard, m.key, func(orig goja.Callable, c goja.FunctionCall) goja.Value {
				if s, ok := c.Argument(0).(goja.String); ok && float64(s.Length())*ratio > MaxElements {
					panic(g.limit(what, "%.0f elements exceed mfactl's limit of %d", float64(s.Length())*ratio, MaxElements))
				}
				return g.call(orig, c.This, c.Arguments...)
			})
		}
	}
	// DataView's BigInt accessors are the last way to make a BigInt.
	dv := g.object(g.object(global, "DataView"), "prototype")
	for _, k := range []string{"getBigInt64", "getBigUint64", "setBigInt64", "setBigUint64"} {
		_ = dv.Delete(k)
	}
}

// ---- strings ----

func (g *guards) strings(global, sp *goja.Object) {
	g.method(sp, "repeat", func(orig goja.Callable, c goja.FunctionCall) goja.Value {
		if nullish(c.This) {
			return g.call(orig, c.This, c.Arguments...)
		}
		s := g.str(c.This)
		n := integer(c.Argument(0))
		if n > 0 && !math.IsInf(n, 1) && float64(s.Length())*n > MaxString {
			panic(g.tooLongString("String.prototype.repeat"))
		}
		return g.call(orig, s, g.vm.ToValue(n))
	})
	pad := func(what string) func(goja.Callable, goja.FunctionCall) goja.Value {
		return func(orig goja.Callable, c goja.FunctionCall) goja.Value {
			if nullish(c.This) {
				return g.call(orig, c.This, c.Arguments...)
			}
			s := g.str(c.This)
			n := toLength(c.Argument(0))
			if n <= int64(s.Length()) {
				return s
			}
			var fill goja.Value = g.vm.ToValue(" ")
			if f := c.Argument(1); !goja.IsUndefined(f) {
				fill = g.str(f)
			}
			if fill.(goja.String).Length() > 0 && n > MaxString {
				panic(g.tooLongString(what))
			}
			return g.call(orig, s, g.vm.ToValue(n), fill)
		}
	}
	g.method(sp, "padStart", pad("String.prototype.padStart"))
	g.method(sp, "padEnd", pad("String.prototype.padEnd"))
	g.method(sp, "concat", func(orig goja.Callable, c goja.FunctionCall) goja.Value {
		if nullish(c.This) {
			return g.call(orig, c.This, c.Arguments...)
		}
		s := g.str(c.This)
		total := s.Length()
		parts := make([]goja.Value, len(c.Arguments))
		for i, a := range c.Arguments {
			p := g.str(a)
			if total += p.Length(); total > MaxString {
				panic(g.tooLongString("String.prototype.concat"))
			}
			parts[i] = p
		}
		return g.call(orig, s, parts...)
	})
	g.method(g.object(global, "String"), "raw", func(orig goja.Callable, c goja.FunctionCall) goja.Value {
		if nullish(c.Argument(0)) {
			return g.call(orig, c.This, c.Arguments...)
		}
		raw := c.Argument(0).ToObject(g.vm).Get("raw")
		if nullish(raw) {
			return g.call(orig, c.This, c.Arguments...)
		}
		ro := raw.ToObject(g.vm)
		n := toLength(ro.Get("length"))
		if n > MaxElements {
			panic(g.tooLong("String.raw", n))
		}
		var parts []any
		total := 0
		for i := int64(0); i < n; i++ {
			lit := g.str(ro.Get(strconv.FormatInt(i, 10)))
			total += lit.Length()
			parts = append(parts, lit)
			if i+1 < n && int(i+1) < len(c.Arguments) {
				sub := g.str(c.Arguments[i+1])
				total += sub.Length()
				parts = append(parts, sub)
			}
			if total > MaxString {
				panic(g.tooLongString("String.raw"))
			}
		}
		return g.call(g.join, g.vm.NewArray(parts...), emptyString)
	})
	for _, e := range []struct {
		name  string
		ratio int
	}{{"encodeURI", 9}, {"encodeURIComponent", 9}, {"escape", 6}} {
		what, ratio := e.name, e.ratio
		g.method(global, what, func(orig goja.Callable, c goja.FunctionCall) goja.Value {
			s := g.str(c.Argument(0))
			if s.Length()*ratio > MaxString {
				panic(g.tooLongString(what))
			}
			return g.call(orig, c.This, s)
		})
	}
	// split makes one string per piece.
	g.method(sp, "split", func(orig goja.Callable, c goja.FunctionCall) goja.Value {
		sep := c.Argument(0)
		if nullish(c.This) || !nullish(sep) && !nullish(sep.ToObject(g.vm).GetSymbol(goja.SymSplit)) {
			return g.call(orig, c.This, c.Arguments...)
		}
		s := g.str(c.This)
		lim := uint32(math.MaxUint32)
		if l := c.Argument(1); !goja.IsUndefined(l) {
			lim = toUint32(l.ToFloat())
		}
		limV := g.vm.ToValue(lim)
		if goja.IsUndefined(sep) {
			return g.call(orig, s, sep, limV)
		}
		r := g.str(sep)
		if int64(lim) > MaxElements {
			pieces := int64(0)
			if r.Length() == 0 {
				pieces = int64(s.Length())
			} else {
				text, sepText := s.String(), r.String()
				pieces = int64(strings.Count(text, sepText)) + 1
			}
			if pieces > MaxElements {
				panic(g.limit("String.prototype.split", "the result would have more than mfactl's limit of %d elements", MaxElements))
			}
		}
		return g.call(orig, s, r, limV)
	})
	// replace, replaceAll (and RegExp.prototype[Symbol.replace], in regexps): a replacement string with
	// $&, $` or $' repeats the input for every match. When the result could pass MaxString, the
	// replacement becomes a function computing the same substitution (the spec's GetSubstitution) and
	// counting the output.
	replace := func(what string, all bool) func(goja.Callable, goja.FunctionCall) goja.Value {
		return func(orig goja.Callable, c goja.FunctionCall) goja.Value {
			search := c.Argument(0)
			if nullish(c.This) || !nullish(search) && !nullish(search.ToObject(g.vm).GetSymbol(goja.SymReplace)) {
				return g.call(orig, c.This, c.Arguments...)
			}
			s := g.str(c.This)
			pattern := g.str(search)
			matches := int64(1)
			if all {
				matches = int64(s.Length()) + 1
				if pattern.Length() > 0 {
					matches = int64(s.Length()/pattern.Length()) + 1
				}
			}
			return g.call(orig, s, pattern, g.replacement(what, c.Argument(1), s, matches))
		}
	}
	g.method(sp, "replace", replace("String.prototype.replace", false))
	g.method(sp, "replaceAll", replace("String.prototype.replaceAll", true))
}

// replacement converts a replaceValue once: a function is counted, a string checked against the most
// the result could be for `matches` matches.
func (g *guards) replacement(what string, v goja.Value, s goja.String, matches int64) goja.Value {
	if fn, ok := goja.AssertFunction(v); ok {
		return g.counted(what, func(args []goja.Value) goja.String { return g.str(g.call(fn, goja.Undefined(), args...)) })
	}
	template := g.str(v)
	text := template.String()
	most := int64(s.Length()) + matches*(int64(template.Length())+int64(strings.Count(text, "$"))*int64(s.Length()))
	if most <= MaxString {
		return template
	}
	if !strings.Contains(text, "$") {
		return g.counted(what, func([]goja.Value) goja.String { return template })
	}
	return g.counted(what, func(args []goja.Value) goja.String { return g.substitution(template, args) })
}

func (g *guards) counted(what string, f func([]goja.Value) goja.String) goja.Value {
	total := 0
	return g.vm.ToValue(func(c goja.FunctionCall) goja.Value {
		g.halt()
		out := f(c.Arguments)
		if total += out.Length(); total > MaxString {
			panic(g.tooLongString(what))
		}
		return out
	})
}

// substitution is GetSubstitution for a replacer's arguments: matched, the captures, the position, the
// string and (with named groups) the groups.
func (g *guards) substitution(template goja.String, args []goja.Value) goja.String {
	end := len(args)
	var groups *goja.Object
	if o, ok := args[end-1].(*goja.Object); ok {
		groups, end = o, end-1
	}
	matched := g.str(args[0])
	str := g.str(args[end-1])
	position := int(integer(args[end-2]))
	captures := args[1 : end-2]
	var parts []any
	n := template.Length()
	lit := 0
	flush := func(i int) {
		if i > lit {
			parts = append(parts, template.Substring(lit, i))
		}
	}
	for i := 0; i < n; i++ {
		if template.CharAt(i) != '$' || i+1 >= n {
			continue
		}
		c := template.CharAt(i + 1)
		var rep goja.Value
		width := 2
		switch {
		case c == '$':
			rep = g.vm.ToValue("$")
		case c == '&':
			rep = matched
		case c == '`':
			rep = str.Substring(0, min(max(position, 0), str.Length()))
		case c == '\'':
			rep = str.Substring(min(max(position, 0)+matched.Length(), str.Length()), str.Length())
		case c >= '0' && c <= '9':
			index := int(c - '0')
			width = 2
			if i+2 < n {
				if d := template.CharAt(i + 2); d >= '0' && d <= '9' && index*10+int(d-'0') <= len(captures) {
					index, width = index*10+int(d-'0'), 3
				}
			}
			if index >= 1 && index <= len(captures) {
				if nullish(captures[index-1]) {
					rep = emptyString
				} else {
					rep = g.str(captures[index-1])
				}
			}
		case c == '<' && groups != nil:
			close := -1
			for j := i + 2; j < n; j++ {
				if template.CharAt(j) == '>' {
					close = j
					break
				}
			}
			if close >= 0 {
				v := groups.Get(template.Substring(i+2, close).String())
				rep = emptyString
				if !nullish(v) {
					rep = g.str(v)
				}
				width = close + 1 - i
			}
		}
		if rep == nil {
			continue
		}
		flush(i)
		parts = append(parts, rep)
		lit = i + width
		i += width - 1
	}
	flush(n)
	return g.call(g.join, g.vm.NewArray(parts...), emptyString).(goja.String)
}

// ---- regular expressions ----

func (g *guards) regexps(global, sp, rp *goja.Object) {
	pattern := func(what string, args []goja.Value) {
		if len(args) == 0 {
			return
		}
		switch p := args[0].(type) {
		case goja.String:
			g.checkPattern(what, p)
		case *goja.Object:
			if p.ClassName() != "RegExp" {
				s := g.str(p)
				g.checkPattern(what, s)
				args[0] = s
			}
		default:
			if !goja.IsUndefined(p) {
				s := g.str(p)
				g.checkPattern(what, s)
				args[0] = s
			}
		}
	}
	g.constructorWith(global, "RegExp", func(args []goja.Value) { pattern("RegExp", args) }, g.cachedRegExp)
	g.method(rp, "compile", func(orig goja.Callable, c goja.FunctionCall) goja.Value {
		args := append([]goja.Value(nil), c.Arguments...)
		pattern("RegExp.prototype.compile", args)
		return g.call(orig, c.This, args...)
	})
	input := func(what string, c goja.FunctionCall) goja.String {
		s := g.str(c.Argument(0))
		if s.Length() > MaxRegExpInput {
			panic(g.limit(what, "a string of %d characters exceeds mfactl's limit of %d for regular expressions", s.Length(), MaxRegExpInput))
		}
		return s
	}
	searched := func(what string) func(goja.Callable, goja.FunctionCall) goja.Value {
		return func(orig goja.Callable, c goja.FunctionCall) goja.Value {
			args := append([]goja.Value{input(what, c)}, c.Arguments[min(1, len(c.Arguments)):]...)
			return g.call(orig, c.This, args...)
		}
	}
	g.method(rp, "test", searched("RegExp.prototype.test"))
	g.methodSym(rp, goja.SymMatch, searched("RegExp.prototype[Symbol.match]"))
	g.methodSym(rp, goja.SymMatchAll, searched("RegExp.prototype[Symbol.matchAll]"))
	g.methodSym(rp, goja.SymSearch, searched("RegExp.prototype[Symbol.search]"))
	g.methodSym(rp, goja.SymSplit, searched("RegExp.prototype[Symbol.split]"))
	g.methodSym(rp, goja.SymReplace, func(orig goja.Callable, c goja.FunctionCall) goja.Value {
		s := input("RegExp.prototype[Symbol.replace]", c)
		return g.call(orig, c.This, s, g.replacement("RegExp.prototype[Symbol.replace]", c.Argument(1), s, int64(s.Length())+1))
	})
	// match, matchAll and search make a RegExp from a string argument with the original constructor.
	from := func(what string, sym *goja.Symbol) func(goja.Callable, goja.FunctionCall) goja.Value {
		return func(orig goja.Callable, c goja.FunctionCall) goja.Value {
			r := c.Argument(0)
			if o, ok := r.(*goja.Object); nullish(r) || ok && !nullish(o.GetSymbol(sym)) {
				return g.call(orig, c.This, c.Arguments...)
			}
			p := g.str(r)
			g.checkPattern(what, p)
			return g.call(orig, c.This, p)
		}
	}
	g.method(sp, "match", from("String.prototype.match", goja.SymMatch))
	g.method(sp, "matchAll", from("String.prototype.matchAll", goja.SymMatchAll))
	g.method(sp, "search", from("String.prototype.search", goja.SymSearch))
}

// checkPattern bounds a regular expression's source and how deeply its groups nest (regexp2 parses
// them recursively).
func (g *guards) checkPattern(what string, p goja.String) {
	n := p.Length()
	if n > MaxRegExpSource {
		panic(g.limit(what, "a pattern of %d characters exceeds mfactl's limit of %d", n, MaxRegExpSource))
	}
	depth := 0
	inClass := false
	for i := 0; i < n; i++ {
		switch c := p.CharAt(i); {
		case c == '\\':
			i++
		case inClass:
			inClass = c != ']'
		case c == '[':
			inClass = true
		case c == '(':
			if depth++; depth > MaxSourceBrackets {
				panic(g.limit(what, "the pattern's groups nest deeper than mfactl's limit of %d", MaxSourceBrackets))
			}
		case c == ')' && depth > 0:
			depth--
		}
	}
}

// ---- code from strings ----

// code disables eval and the Function constructors: code made from strings would reach goja's parser
// and compiler, which recurse and slow down without bound on crafted input, with no check in between.
// Node does the same with --disallow-code-generation-from-strings.
func (g *guards) code(global, fp *goja.Object) {
	refuse := func(what string) *goja.Object {
		o, err := g.vm.New(g.evalError, g.vm.ToValue("Code generation from strings disallowed for this context: mfactl does not run "+what+
			" (code made from strings reaches the engine's parser, which mfactl cannot stop)"))
		if err != nil {
			return g.vm.NewGoError(err)
		}
		return o
	}
	g.method(global, "eval", func(_ goja.Callable, c goja.FunctionCall) goja.Value {
		if _, ok := c.Argument(0).(goja.String); !ok {
			return c.Argument(0)
		}
		panic(refuse("eval"))
	})
	fns, err := g.vm.RunProgram(functionKinds)
	if err != nil {
		panic(err)
	}
	kinds := fns.ToObject(g.vm)
	for _, k := range []struct {
		proto *goja.Object
		name  string
	}{{fp, "Function"}, {kinds.Get("0").ToObject(g.vm).Prototype(), "AsyncFunction"}, {kinds.Get("1").ToObject(g.vm).Prototype(), "GeneratorFunction"}} {
		orig := k.proto.Get("constructor").(*goja.Object)
		what := "new " + k.name
		guard := g.vm.ToValue(func(goja.ConstructorCall) *goja.Object { panic(refuse(what)) }).(*goja.Object)
		g.adopt(guard, orig, k.name)
		if k.name == "Function" {
			_ = global.DefineDataProperty("Function", guard, yes, yes, no)
		}
	}
}

// ---- JSON ----

// stringify is JSON.stringify(value, replacer, space) through the encoder: the same text, within
// MaxString bytes, MaxNesting levels and arrays of MaxElements.
func (r *run) stringify(c goja.FunctionCall) goja.Value {
	e := &encoder{r: r, maxBytes: MaxString, maxDepth: MaxNesting, maxLen: MaxElements, what: "JSON.stringify"}
	text, err := r.limited(func() string {
		if rep, ok := c.Argument(1).(*goja.Object); ok {
			if fn, isFn := goja.AssertFunction(rep); isFn {
				e.replacer = fn
			} else if r.isArray(rep) {
				e.hasProps = true
				e.props = r.propertyList(rep, e)
			}
		}
		e.gap = gap(c.Argument(2))
		t, ok := e.encode(c.Argument(0))
		if !ok {
			return "\x00"
		}
		return t
	})
	if err != nil {
		panic(r.rangeErrorf("Invalid string length: %s", err.Error()))
	}
	if text == "\x00" {
		return goja.Undefined()
	}
	return r.vm.ToValue(text)
}

// propertyList is the list of keys a replacer array gives JSON.stringify: strings and numbers (boxed
// or not), each once, in order.
func (r *run) propertyList(rep *goja.Object, e *encoder) []string {
	n := toLength(rep.Get("length"))
	if n > MaxElements {
		e.fail("the replacer array's length %d exceeds %d", n, MaxElements)
	}
	var list []string
	seen := map[string]bool{}
	for i := int64(0); i < n; i++ {
		e.tick()
		v := rep.Get(strconv.FormatInt(i, 10))
		var item string
		switch x := v.(type) {
		case goja.String:
			item = x.String()
		case *goja.Object:
			if cn := x.ClassName(); cn != "String" && cn != "Number" {
				continue
			}
			item = x.String()
		default:
			if !isNumber(v) {
				continue
			}
			item = v.String()
		}
		if !seen[item] {
			seen[item] = true
			list = append(list, item)
		}
	}
	return list
}

// gap is the indentation JSON.stringify's space argument asks for.
func gap(space goja.Value) string {
	if o, ok := space.(*goja.Object); ok {
		switch o.ClassName() {
		case "Number":
			space = o.ToNumber()
		case "String":
			space = o.ToString()
		}
	}
	if s, ok := space.(goja.String); ok {
		return s.Substring(0, min(10, s.Length())).String()
	}
	if isNumber(space) {
		if n := space.ToFloat(); n >= 1 {
			return strings.Repeat(" ", int(min(10, n)))
		}
	}
	return ""
}

func isNumber(v goja.Value) bool {
	if v == nil {
		return false
	}
	if _, isObj := v.(*goja.Object); isObj {
		return false
	}
	t := v.ExportType()
	return t != nil && (t.Kind() == reflect.Int64 || t.Kind() == reflect.Float64)
}

// checkJSON throws a RangeError for a JSON.parse text over MaxJSONParse or nested deeper than
// MaxNesting (goja's JSON.parse recurses in Go on each level).
func (r *run) checkJSON(c goja.FunctionCall) goja.Value {
	s, ok := c.Argument(0).(goja.String)
	if !ok {
		return goja.Undefined()
	}
	if n := s.Length(); n > MaxJSONParse {
		panic(r.rangeErrorf("JSON.parse: a text of %d characters exceeds mfactl's limit of %d", n, MaxJSONParse))
	}
	text := s.String()
	depth := 0
	for i := 0; i < len(text); i++ {
		switch text[i] {
		case '"':
			for i++; i < len(text) && text[i] != '"'; i++ {
				if text[i] == '\\' {
					i++
				}
			}
		case '[', '{':
			if depth++; depth > MaxNesting {
				panic(r.rangeErrorf("JSON.parse: the text nests deeper than mfactl's limit of %d", MaxNesting))
			}
		case ']', '}':
			depth--
		}
	}
	return goja.Undefined()
}
