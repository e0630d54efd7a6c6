package jsrt

import (
	_ "embed"
	"fmt"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/dop251/goja"
)

// Engines: a goja runtime with the guards, the prelude and the Node surface's hooks in place costs
// far more to build than most Actions cost to run (the guards alone read and wrap some 75 built-ins).
// So the runtime is built once and runs one Action after another, with nothing one run does reaching
// the next:
//
//   - the built-ins are sealed (seal.js): immutable, with assignments on objects that inherit them
//     still working;
//   - the global object's own properties are non-configurable, and their values are put back after
//     every run; what a run added to it is deleted; a run that left it in a state that cannot be put
//     back (not extensible, another prototype, an added property that cannot be deleted) retires
//     the runtime;
//   - everything else an Action reaches is made for its run: the event, api, console, require and
//     its module cache, timers, the Node globals and modules, the random generator;
//   - a run that was interrupted (timeout, memory, Ctrl-C, process.exit), abandoned or stopped by an
//     internal error retires the runtime.
//
// TestNoStateBetweenRuns holds this. Code that changes built-ins (String.prototype.x = …) gets a
// TypeError in a sealed runtime; a run that ends with a TypeError is run again in a fresh runtime
// whose built-ins are open, as in Node (docs/simulation.md, "Limits on Action code").

//go:embed seal.js
var sealSource string

var sealProgram = goja.MustCompile("mfactl:seal.js", sealSource, true)

// engines are sealed runtimes not in use.
var engines struct {
	sync.Mutex
	free []*run
}

// takeEngine returns a sealed runtime ready for a run: a free one, or a new one.
func takeEngine() (*run, error) {
	engines.Lock()
	if n := len(engines.free); n > 0 {
		r := engines.free[n-1]
		engines.free = engines.free[:n-1]
		engines.Unlock()
		return r, nil
	}
	engines.Unlock()
	return newEngine(true)
}

// probeProgram checks that a runtime still runs code and its promise jobs: a run that overflowed the
// engine's call stack, for one, leaves goja unable to run jobs again.
var probeProgram = goja.MustCompile("mfactl:probe.js", `(function () {
  let done = false;
  Promise.resolve().then(() => { done = true; });
  return () => done;
})`, true)

// works reports whether the runtime still runs code and promise jobs.
func (r *run) works() (ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	v, err := r.vm.RunProgram(probeProgram)
	if err != nil {
		return false
	}
	start, _ := goja.AssertFunction(v)
	check, err := start(goja.Undefined())
	if err != nil {
		return false
	}
	checkFn, _ := goja.AssertFunction(check)
	done, err := checkFn(goja.Undefined())
	return err == nil && done.ToBoolean()
}

// releaseEngine puts a runtime back after a run that can be followed by another, once its global
// object is as it was.
//
// failed says whether the run ended with an error: only then is the runtime probed (works), since an
// error is how goja is left in a state it cannot run from (a stack overflow); a run that returned
// normally leaves it as it found it.
func releaseEngine(r *run, failed bool) {
	if !r.sealed || r.broken || !r.resetGlobal() || failed && !r.works() {
		r.retire()
		return
	}
	r.clear()
	engines.Lock()
	defer engines.Unlock()
	if len(engines.free) < 2*runtime.GOMAXPROCS(0) {
		engines.free = append(engines.free, r)
		return
	}
	r.retire()
}

// The engine runs its Actions on a goroutine of its own, kept for its life: goja's calls go deep
// (promise jobs, async functions), and a new goroutine per run spent a tenth of a run growing its
// stack again. A run the engine abandons leaves that goroutine stuck; the engine is retired then,
// and the goroutine ends when the stuck run does.

// spawn runs f on the engine's goroutine.
func (r *run) spawn(f func()) {
	if r.jobs == nil {
		r.jobs = make(chan func())
		go func(jobs chan func()) {
			for f := range jobs {
				f()
			}
		}(r.jobs)
	}
	r.jobs <- f
}

// retire ends the engine's goroutine once its run (if any) is over.
func (r *run) retire() {
	r.retireOnce.Do(func() {
		if r.jobs != nil {
			close(r.jobs)
		}
	})
}

// enginesBuilt counts the runtimes built, for tests.
var enginesBuilt atomic.Int64

// newEngine builds a runtime with the guards, the prelude and the Node globals' hook; sealed, it also
// seals the built-ins and records the global object's properties.
func newEngine(sealed bool) (r *run, err error) {
	enginesBuilt.Add(1)
	r = &run{vm: goja.New(), sealed: sealed, modules: map[string]goja.Value{}}
	vm := r.vm
	vm.SetTimeSource(func() time.Time { return r.now })
	vm.SetRandSource(func() float64 { return r.random().Float64() })
	vm.SetMaxCallStackSize(2000)
	defer func() {
		if rec := recover(); rec != nil {
			r, err = nil, fmt.Errorf("%s%v", internalError, rec)
		}
	}()
	global := vm.GlobalObject()
	r.isArrayFn, _ = goja.AssertFunction(vm.Get("Array").ToObject(vm).Get("isArray"))
	r.rangeError = vm.Get("RangeError")
	host := r.host()
	if err := r.install(); err != nil {
		return nil, err
	}
	pre, err := vm.RunProgram(prelude)
	if err != nil {
		return nil, err
	}
	preFn, _ := goja.AssertFunction(pre)
	toolkit, err := preFn(goja.Undefined(), host)
	if err != nil {
		return nil, err
	}
	tk := toolkit.ToObject(vm)
	r.makeApi, _ = goja.AssertFunction(tk.Get("makeApi"))
	r.makeConsole, _ = goja.AssertFunction(tk.Get("makeConsole"))
	r.intrinsics = tk.Get("intrinsics")
	r.installNodeGlobals()
	if !sealed {
		return r, nil
	}
	r.takeLateIntrinsics()
	r.objectProto = vm.Get("Object").ToObject(vm).Get("prototype").ToObject(vm)
	r.lazyProto = global.Prototype()
	r.isExtensible, _ = goja.AssertFunction(vm.Get("Object").ToObject(vm).Get("isExtensible"))
	r.ownSymbols, _ = goja.AssertFunction(vm.Get("Object").ToObject(vm).Get("getOwnPropertySymbols"))
	r.ownNames, _ = goja.AssertFunction(vm.Get("Object").ToObject(vm).Get("getOwnPropertyNames"))
	factory, err := vm.RunProgram(sealProgram)
	if err != nil {
		return nil, err
	}
	makeSeal, _ := goja.AssertFunction(factory)
	sealFn, err := makeSeal(goja.Undefined())
	if err != nil {
		return nil, err
	}
	fn, _ := goja.AssertFunction(sealFn)
	r.seal = fn
	r.makeEventAccessors()
	// The event's accessors are sealed with the built-ins (roots of the walk, never frozen through the
	// global object, which they are not on).
	if err := r.freezeAll(r.eventAccessorValues()); err != nil {
		return nil, err
	}
	r.nameGet, r.nameSet, r.one = vm.ToValue("get"), vm.ToValue("set"), vm.ToValue(1)
	snap, err := fn(goja.Undefined(), global, vm.NewArray(r.lazyProto, r.intrinsics), vm.ToValue(r.overridable))
	if err != nil {
		return nil, err
	}
	s := snap.ToObject(vm)
	r.sealedSet = s.Get("seen")
	keys, values, writable := s.Get("keys").ToObject(vm), s.Get("values").ToObject(vm), s.Get("writable").ToObject(vm)
	n := int(toLength(keys.Get("length")))
	r.snapNames = map[string]bool{}
	for i := 0; i < n; i++ {
		k, v, w := keys.Get(fmt.Sprint(i)), values.Get(fmt.Sprint(i)), writable.Get(fmt.Sprint(i)).ToBoolean()
		if sym, ok := k.(*goja.Symbol); ok {
			r.snapSymbols = append(r.snapSymbols, globalValue{sym: sym, value: v, writable: w})
			continue
		}
		r.snapNames[k.String()] = true
		r.snapValues = append(r.snapValues, globalValue{name: k.String(), value: v, writable: w})
	}
	r.g.built = true
	return r, nil
}

// globalValue is one of the global object's own properties as the engine was built.
type globalValue struct {
	name     string
	sym      *goja.Symbol
	value    goja.Value
	writable bool
}

// resetGlobal puts the global object back as the engine was built: properties a run added are
// deleted, the values of the others set again. It reports false when that cannot be done.
func (r *run) resetGlobal() (ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	vm := r.vm
	global := vm.GlobalObject()
	// The object of the Node globals (node.go) stands between the global object and Object.prototype.
	if global.Prototype() != r.lazyProto && global.SetPrototype(r.lazyProto) != nil {
		return false
	}
	if r.lazyProto.Prototype() != r.objectProto && r.lazyProto.SetPrototype(r.objectProto) != nil {
		return false
	}
	if global.Prototype() != r.lazyProto || r.lazyProto.Prototype() != r.objectProto {
		return false
	}
	if v, err := r.isExtensible(goja.Undefined(), global); err != nil || !v.ToBoolean() {
		return false
	}
	// Counting the keys through the engine costs no string per key, as GetOwnPropertyNames would.
	all, err := r.ownNames(goja.Undefined(), global)
	if err != nil {
		return false
	}
	list := all.ToObject(vm)
	if n := toLength(list.Get("length")); n != int64(len(r.snapNames)) {
		// The recorded properties cannot be deleted, so they keep their places: what a run added
		// comes after them, except integer keys, which come first. Only those are read and deleted.
		extra := n - int64(len(r.snapNames))
		key := func(i int64) string { return list.Get(strconv.FormatInt(i, 10)).String() }
		for i := n - 1; i >= 0 && extra > 0; i-- {
			k := key(i)
			if r.snapNames[k] {
				break
			}
			if global.Delete(k) != nil {
				return false
			}
			extra--
		}
		for i := int64(0); i < n && extra > 0; i++ {
			k := key(i)
			if r.snapNames[k] {
				break
			}
			if global.Delete(k) != nil {
				return false
			}
			extra--
		}
		// Each Delete either removed its key or failed (above): with every added key found, the
		// global object has its recorded keys again, with no second listing to prove it.
		if extra != 0 {
			return false
		}
	}
	// goja's Symbols lists only enumerable symbols: ask Object.getOwnPropertySymbols.
	syms, err := r.ownSymbols(goja.Undefined(), global)
	if err != nil {
		return false
	}
	list = syms.ToObject(vm)
	if n := toLength(list.Get("length")); n != int64(len(r.snapSymbols)) {
		for i := int64(0); i < n; i++ {
			s, _ := list.Get(fmt.Sprint(i)).(*goja.Symbol)
			known := false
			for _, g := range r.snapSymbols {
				known = known || g.sym == s
			}
			if !known && (s == nil || global.DeleteSymbol(s) != nil) {
				return false
			}
		}
		if again, err := r.ownSymbols(goja.Undefined(), global); err != nil || toLength(again.ToObject(vm).Get("length")) != int64(len(r.snapSymbols)) {
			return false
		}
	}
	// Setting a value that a run made read-only fails, and retires the engine; the values that were
	// read-only from the start (NaN, Infinity, undefined, Symbol.toStringTag) cannot have changed:
	// the properties are not configurable.
	for _, g := range r.snapValues {
		if g.writable {
			if err := global.Set(g.name, g.value); err != nil {
				return false
			}
		}
	}
	for _, g := range r.snapSymbols {
		if g.writable {
			if err := global.SetSymbol(g.sym, g.value); err != nil {
				return false
			}
		}
	}
	return true
}

// begin prepares the engine for one run.
func (r *run) begin(p *Program, opts Options) {
	r.vm.ClearInterrupt()
	r.p, r.opts, r.now, r.start = p, opts, opts.Now, opts.Now
}

// clear drops what the last run left in the engine's Go state, so that the next run starts as a new
// runtime would, and nothing of the last run stays reachable.
func (r *run) clear() {
	r.p, r.opts = nil, Options{}
	r.timers, r.nextID = nil, 0
	r.modules = map[string]goja.Value{}
	r.size, r.calls, r.console, r.consoleAt, r.recorded, r.abandoned, r.requests = 0, nil, nil, nil, 0, false, nil
	r.stopped.Store(false)
	r.reason = nil
	r.rm, r.rng, r.scripts, r.shost, r.uncaught, r.buf, r.cryptoObjs = nil, nil, nil, nil, nil, nil, nil
	r.broken = false
	r.builtins, r.requireVal, r.loadDepth, r.loading, r.hints = nil, nil, 0, nil, nil
	r.g.chains = map[*goja.Object]int{}
	r.g.joining = nil
	for _, o := range r.g.runNatives {
		delete(r.g.natives, o)
	}
	r.g.runNatives = nil
	r.event, r.pending, r.pendingJS = nil, nil, nil
	r.lazyResponses = nil
}

// freezeAll freezes objects the engine made after its built-ins, which an Action can reach.
func (r *run) freezeAll(objs []any) error {
	freeze, _ := goja.AssertFunction(r.vm.Get("Object").ToObject(r.vm).Get("freeze"))
	for _, o := range objs {
		if _, err := freeze(goja.Undefined(), r.vm.ToValue(o)); err != nil {
			return err
		}
	}
	return nil
}

// overridable is seal.js's overridableNative(o, key, value, enumerable, owner): it makes o[key] an
// accessor pair whose getter gives value and whose setter, on an object that inherits the property,
// defines that object's own property, as assigning to a writable property would (on o itself it
// throws: o is about to be frozen). Both are native functions, so that reading a sealed built-in,
// which every call of a built-in method does, costs a Go call and no JavaScript frame. It returns
// [getter, setter] for seal.js to freeze.
func (r *run) overridable(c goja.FunctionCall) goja.Value {
	vm := r.vm
	o, ok := c.Argument(0).(*goja.Object)
	if !ok {
		panic(vm.NewTypeError("overridable: not an object"))
	}
	key, value, owner := c.Argument(1), c.Argument(2), c.Argument(4).String()
	sym, isSym := key.(*goja.Symbol)
	enumerable := no
	if c.Argument(3).ToBoolean() {
		enumerable = yes
	}
	getter := vm.ToValue(func(goja.FunctionCall) goja.Value { return value })
	setter := vm.ToValue(func(c goja.FunctionCall) goja.Value {
		t, ok := c.This.(*goja.Object)
		if !ok {
			return goja.Undefined()
		}
		if t == o {
			panic(vm.NewTypeError(fmt.Sprintf("Cannot assign to read only property '%s' of %s: mfactl shares the built-ins between the Actions it runs, so an Action cannot change them", key.String(), owner)))
		}
		var err error
		if isSym {
			err = t.DefineDataPropertySymbol(sym, c.Argument(0), yes, yes, yes)
		} else {
			err = t.DefineDataProperty(key.String(), c.Argument(0), yes, yes, yes)
		}
		if err != nil {
			panic(err)
		}
		return goja.Undefined()
	})
	// Named as the JavaScript accessors they stand for, not after mfactl's Go functions.
	_ = getter.(*goja.Object).DefineDataProperty("name", r.nameGet, no, no, yes)
	_ = setter.(*goja.Object).DefineDataProperty("name", r.nameSet, no, no, yes)
	_ = setter.(*goja.Object).DefineDataProperty("length", r.one, no, no, yes)
	var err error
	if isSym {
		err = o.DefineAccessorPropertySymbol(sym, getter, setter, no, enumerable)
	} else {
		err = o.DefineAccessorProperty(key.String(), getter, setter, no, enumerable)
	}
	if err != nil {
		panic(err)
	}
	return vm.NewArray(getter, setter)
}
