// Package jsrt runs post-login Action code in goja, the way Auth0's Actions runtime does: the
// Node-style module wrapper, the post-login event and the whole api object, with every api call
// recorded, console output captured, a simulated clock behind Date and timers, mocked modules for
// require, and an interrupt for code that runs too long or allocates without end.
package jsrt

import (
	"context"
	_ "embed"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/dop251/goja"
	"github.com/dop251/goja_nodejs/require"

	"github.com/mfactl/mfactl/actioncode"
)

//go:embed prelude.js
var preludeSource string

var prelude = goja.MustCompile("mfactl:prelude.js", preludeSource, true)

// wrapPrefix opens the module wrapper on the Action's first line, so that line numbers stay those of
// the file (only columns on line 1 shift, and are corrected).
const wrapPrefix = "(function (exports, require, module, __filename, __dirname, console, setTimeout, clearTimeout, setInterval, clearInterval, setImmediate, clearImmediate) {"

// Timeout is how long an Action may run, as in Auth0.
const Timeout = 20 * time.Second

// maxConsole bounds the console output kept per Action run.
const maxConsole = 256 << 10

// Program is an Action compiled once, to run any number of times, concurrently.
type Program struct {
	Name string
	src  []byte
	prog *goja.Program

	requires func() []actioncode.Require // how the code uses each module it requires, for messages
}

// required is how the Action's code uses the module name, when it requires it by a literal name.
func (p *Program) required(name string) *actioncode.Require {
	if p == nil || p.requires == nil {
		return nil
	}
	for _, req := range p.requires() {
		if req.Name == name {
			return &req
		}
	}
	return nil
}

// SyntaxError is a compile error at a byte offset of the source.
type SyntaxError struct {
	Offset  int
	Message string
}

func (e *SyntaxError) Error() string { return e.Message }

// Compile compiles an Action's source.
func Compile(name string, src []byte) (*Program, error) {
	prog, err := compileChecked(name, wrapPrefix, string(src), "\n})")
	if err != nil {
		return nil, err
	}
	return &Program{Name: name, src: src, prog: prog, requires: sync.OnceValue(func() []actioncode.Require {
		return actioncode.Analyze(src).Requires
	})}, nil
}

// Mock is a module that require returns: Value (JSON data) as module.exports, or Source, JavaScript
// run as a module.
type Mock struct {
	Value    any
	HasValue bool
	Source   string
}

// Options describe one run.
type Options struct {
	// Handler is "onExecutePostLogin" or "onContinuePostLogin".
	Handler string
	// Event is the post-login event as JSON data.
	Event map[string]any
	// Now is the simulated time when the Action starts.
	Now time.Time
	// Modules are the mocked modules require can load.
	Modules map[string]Mock
	// Cache is the api.cache content, shared across the Actions of a login; updated in place.
	Cache map[string]CacheRecord
	// Timeout overrides the 20 s limit (tests).
	Timeout time.Duration
	// RunTimeout, when shorter than the timeout, bounds the real time the Action's JavaScript runs:
	// requests answered from a table and simulated timers take none, so a run that long is a loop
	// (explore uses it not to spend 20 s on each state that loops).
	RunTimeout time.Duration
	// Seed seeds every random value of the run (Math.random, crypto.randomBytes, randomUUID …): the
	// same seed gives the same run.
	Seed uint64
	// NodeModules is the node_modules folder installed packages load from (node_modules.go); nil
	// loads none. Share one between runs: it caches what it compiles.
	NodeModules *NodeModules
	// Dependencies are the names of the Action's declared npm dependencies: the Action may require
	// only these from NodeModules (Auth0 installs nothing else), and a missing module's error says
	// which case it is. Nil means unknown: any installed package loads.
	Dependencies []string
	// HTTP answers the Action's outbound requests (fetch, axios, node-fetch; http.go); nil answers
	// none, and the first request stops the run.
	HTTP HTTPHandler
}

// CacheRecord is one api.cache entry.
type CacheRecord struct {
	Value     string `json:"value"`
	ExpiresAt int64  `json:"expires_at"`
}

// Call is one recorded api call.
type Call struct {
	Method string `json:"method"`
	Args   []any  `json:"args"`
	// Offset is where in the Action's source the call was made (the byte offset the engine gives for
	// the innermost frame of the Action's file), or -1 when no frame is in that file.
	Offset int `json:"-"`
}

// Error is why a run failed.
type Error struct {
	// Class is Auth0's error_class: action_error or action_timeout.
	Class   string
	Name    string
	Message string
	// Offset is the byte offset in the Action's source where it was thrown, or -1.
	Offset int
	// Hint is a modules: entry for the scenarios file that mocks a module the Action could not
	// load, ready to paste; "" for other errors.
	Hint string
	// Unanswered is set when the run was stopped because Options.HTTP had no answer for this
	// request: a gap in the caller's table, not an error of the Action.
	Unanswered *Request
}

func (e *Error) Error() string {
	if e.Name != "" && !strings.HasPrefix(e.Message, e.Name) {
		return e.Name + ": " + e.Message
	}
	return e.Message
}

// Result is what one run did.
type Result struct {
	Calls   []Call
	Console []string
	// ConsoleAt says, for each console line, where it was written: how many api calls and requests
	// the run had recorded before it, so a trace can tell them in the order they happened.
	ConsoleAt []Position
	// Event holds event.transaction and event.session after the run when the Action changed them
	// (api.transaction.setMetadata, api.session): the changes are visible to later Actions. Nil when
	// unchanged.
	Event map[string]any
	// Elapsed is the simulated time the run took (timers).
	Elapsed time.Duration
	Err     *Error
	// Requests are the outbound requests answered, in order (http.go).
	Requests []Request
}

// Position is a point in a run's story: the number of api calls and of requests recorded before it.
type Position struct {
	Calls, Requests int
}

// timer is a pending setTimeout or setInterval callback.
type timer struct {
	id       int64
	due      time.Time
	every    time.Duration
	fn       goja.Callable
	args     []goja.Value
	canceled bool
}

// run is the state of one execution. The engine runs on a goroutine of its own; Run may stop waiting
// for it (see Grace), so what Run reads after that (calls, console, clock) is guarded by mu.
type run struct {
	vm      *goja.Runtime
	p       *Program
	opts    Options
	start   time.Time
	timers  []*timer
	nextID  int64
	modules map[string]goja.Value
	size    int // console bytes kept

	mu        sync.Mutex
	now       time.Time
	calls     []Call
	console   []string
	consoleAt []Position
	// frames is callSite's buffer, kept between calls.
	frames    []goja.StackFrame
	recorded  int // bytes of JSON recorded from api calls
	requests  []Request
	abandoned bool // Run has returned without this run: it must not change anything it shares

	// stopped is set when the run is interrupted, for Go loops that the engine's interrupt cannot reach;
	// reason (set before) is why.
	stopped atomic.Bool
	reason  *Error

	// Intrinsics taken before any Action code runs.
	isArrayFn  goja.Callable
	rangeError goja.Value
	g          *guards
	intrinsics goja.Value // the prelude's, for node/*.js

	// The engine (engine.go): a sealed runtime runs one Action after another.
	sealed                             bool
	makeApi, makeConsole               goja.Callable
	objectProto, lazyProto             *goja.Object
	isExtensible, ownSymbols, ownNames goja.Callable
	// seal is seal.js's sealing function, taken when the engine was built; sealedSet is the Set of the
	// objects it sealed, which a later call (for a script built on first use) skips.
	seal      goja.Callable
	sealedSet goja.Value
	// nameGet, nameSet and one name the accessors of sealed properties (overridable, engine.go).
	nameGet, nameSet, one goja.Value
	// The lazily converted event (event.go): its accessors (a sealed engine's), the run's event and
	// the fields not yet converted.
	eventAccessors map[string]eventAccessor
	event          *goja.Object
	pending        map[string]any
	pendingJS      map[string]goja.Value
	broken         bool        // the run left the engine unable to run another
	jobs           chan func() // the engine's goroutine (engine.go)
	retireOnce     sync.Once
	snapNames      map[string]bool
	snapValues     []globalValue
	snapSymbols    []globalValue

	// The Node surface, built on first use (node.go).
	rm       *require.RequireModule
	builtins map[string]goja.Value // the built-in modules' exports
	// requireVal is require as a function value; loading counts the packages loading now from
	// node_modules, loading names those the Action required (node_modules.go).
	requireVal goja.Value
	loadDepth  int
	loading    []string
	hints      map[string]string // the modules: entry for each error message require threw
	rng        *rand.Rand
	scripts    map[string]goja.Value
	shared     map[string]goja.Value // node/*.js built once for the engine and sealed (http.go)
	late       bool                  // the intrinsics have the built-ins the prelude left out
	shost      *goja.Object
	programs   map[string]*goja.Program // node/*.js a test replaces in this engine (program)
	// lazyResponses are the run's axios responses whose config and request are made on first read.
	lazyResponses map[*goja.Object]*lazyResponse
	uncaught      goja.Value // the first error a microtask threw
	buf           *bufferState
	// cryptoObjs are the Hash, Hmac, Sign and Verify objects' states.
	cryptoObjs map[*goja.Object]*cryptoObj
}

var errHalted = errors.New("the Action was stopped")

// internalError starts the message of a Go panic inside the engine, which a run reports as its error.
const internalError = "mfactl internal error: "

func (r *run) halted() bool { return r.stopped.Load() }

var proxyType = reflect.TypeOf(goja.Proxy{})

// isArray is Array.isArray: asked of the engine only for proxies, which ClassName does not see through.
func (r *run) isArray(o *goja.Object) bool {
	switch o.ClassName() {
	case "Array":
		return true
	case "Object":
		if o.ExportType() == proxyType {
			break
		}
		return false
	default:
		return false
	}
	v, err := r.isArrayFn(goja.Undefined(), o)
	if err != nil {
		panic(err)
	}
	return v.ToBoolean()
}

// rangeErrorf makes a RangeError with the engine's own constructor, whatever the Action did to the
// global one.
func (r *run) rangeErrorf(format string, args ...any) *goja.Object {
	o, err := r.vm.New(r.rangeError, r.vm.ToValue(fmt.Sprintf(format, args...)))
	if err != nil {
		return r.vm.NewGoError(fmt.Errorf(format, args...))
	}
	return o
}

// Run executes the handler with the event and api, and waits for the promise it returns, advancing
// the simulated clock through timers. It returns within the timeout (or after ctx ends) plus Grace
// even when the engine is stuck in one of its Go built-ins: the run is then abandoned and reported
// as stopped.
func (p *Program) Run(ctx context.Context, opts Options) Result {
	r, err := takeEngine()
	if err != nil {
		return Result{Err: &Error{Class: "action_error", Name: "Error", Message: err.Error(), Offset: -1}}
	}
	res, reusable := r.runOnce(ctx, p, opts)
	if reusable {
		releaseEngine(r, res.Err != nil)
	} else {
		r.retire()
	}
	if res.Err != nil && res.Err.Name == "TypeError" && ctx.Err() == nil {
		// Perhaps the Action changed a built-in, which a sealed runtime refuses (engine.go): run it
		// again in a runtime of its own, whose built-ins are open as in Node.
		if f, err := newEngine(false); err == nil {
			res, _ = f.runOnce(ctx, p, opts)
			f.retire()
		}
	}
	return res
}

// runOnce is one run in the engine r; reusable says whether it ended in a way that lets the engine
// run another Action (not interrupted, abandoned or stopped by an internal error).
func (r *run) runOnce(ctx context.Context, p *Program, opts Options) (res Result, reusable bool) {
	timeout := opts.Timeout
	if timeout == 0 {
		timeout = Timeout
	}
	r.begin(p, opts)
	vm := r.vm
	// The event and the cache belong to the caller: read them here, before the run can outlive Run.
	var event *goja.Object
	if r.eventAccessors != nil {
		event = r.newEvent(opts.Event)
	} else if event, _ = toJS(vm, opts.Event).(*goja.Object); event == nil {
		event = vm.NewObject()
	}
	cache := vm.NewObject()
	for k, rec := range opts.Cache {
		o := vm.NewObject()
		_ = o.Set("value", rec.Value)
		_ = o.Set("expires_at", rec.ExpiresAt)
		_ = cache.Set(k, o)
	}
	w := watch(ctx, r, timeout, opts.RunTimeout)
	defer w.stop()
	type outcome struct {
		res      Result
		internal bool
	}
	done := make(chan outcome, 1)
	r.spawn(func() {
		res, internal := r.runSafely(event, cache)
		done <- outcome{res, internal}
	})
	select {
	case o := <-done:
		w.stop()
		return o.res, !o.internal && !r.halted()
	case <-w.fired:
	}
	grace := time.NewTimer(Grace)
	defer grace.Stop()
	select {
	case o := <-done:
		return o.res, false
	case <-grace.C:
		return r.abandon(w.reason), false
	}
}

// abandon gives up on a run stuck in a Go built-in after it was interrupted: the result holds what
// was recorded until now, and the run's goroutine changes nothing shared when it ends.
func (r *run) abandon(reason *Error) Result {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.abandoned = true
	err := *reason
	return Result{Calls: append([]Call(nil), r.calls...), Console: append([]string(nil), r.console...),
		ConsoleAt: append([]Position(nil), r.consoleAt...),
		Requests:  append([]Request(nil), r.requests...), Elapsed: r.now.Sub(r.start), Err: &err}
}

// runSafely executes the run on the current goroutine and builds its result.
func (r *run) runSafely(event, cache *goja.Object) (res Result, internal bool) {
	defer func() {
		if rec := recover(); rec != nil {
			if r.halted() {
				// The interrupt surfaced through Go code (a getter a guard read, say): say why the run stopped.
				e := *r.reason
				res.Err = &e
			} else {
				res.Err = &Error{Class: "action_error", Name: "Error", Message: internalError + fmt.Sprint(rec), Offset: -1}
				internal = true
			}
		}
		r.mu.Lock()
		res.Calls, res.Console, res.ConsoleAt, res.Requests, res.Elapsed = r.calls, r.console, r.consoleAt, r.requests, r.now.Sub(r.start)
		r.mu.Unlock()
	}()
	if err := r.execute(&res, event, cache); err != nil {
		res.Err = r.toError(err)
	}
	if r.halted() {
		// The interrupt may have surfaced as an error a guard threw, or not at all: say why the run stopped.
		e := *r.reason
		res.Err = &e
	}
	if res.Err != nil && r.hints != nil {
		res.Err.Hint = r.hints[res.Err.Message]
	}
	return res, false
}

// install puts the guards in place; an interrupt (memory already over the limit) is an error too.
func (r *run) install() (err error) {
	defer func() {
		if rec := recover(); rec != nil {
			e, ok := rec.(*goja.InterruptedError)
			if !ok {
				panic(rec)
			}
			err = e
		}
	}()
	if ex := r.vm.Try(r.installGuards); ex != nil {
		return ex
	}
	return nil
}

func (r *run) execute(res *Result, event, cache *goja.Object) error {
	vm := r.vm
	console, err := r.makeConsole(goja.Undefined())
	if err != nil {
		return err
	}

	module := vm.NewObject()
	exports := vm.NewObject()
	_ = module.Set("exports", exports)
	wrapper, err := vm.RunProgram(r.p.prog)
	if err != nil {
		return err
	}
	fn, _ := goja.AssertFunction(wrapper)
	clear := vm.ToValue(r.clearTimeout) // one function clears timeouts, intervals and immediates
	if _, err := fn(goja.Undefined(), exports, r.requireFn(), module, vm.ToValue("/action.js"), vm.ToValue("/"), console,
		vm.ToValue(r.setTimeout(false)), clear, vm.ToValue(r.setTimeout(true)), clear,
		vm.ToValue(r.setImmediate), clear); err != nil {
		return err
	}

	name := r.opts.Handler
	exp := module.Get("exports")
	var handler goja.Value
	if exp != nil && !goja.IsUndefined(exp) && !goja.IsNull(exp) {
		handler = exp.ToObject(vm).Get(name)
	}
	h, ok := goja.AssertFunction(handler)
	if !ok || !isAsync(vm, handler) {
		return &Error{Class: "action_error", Offset: -1, Message: fmt.Sprintf(
			"Invalid function signature for the %q handler. Use \"exports.%s = async function(event, api) { }\" as the signature.", name, name)}
	}
	state := vm.NewObject()
	_ = state.Set("cache", cache)
	api, err := r.makeApi(goja.Undefined(), event, state)
	if err != nil {
		return err
	}
	ret, err := h(goja.Undefined(), event, api)
	if err != nil {
		return err
	}
	if err := r.settle(ret); err != nil {
		return err
	}
	if r.uncaught != nil {
		return r.fromValue(r.uncaught)
	}
	// Hand back the event's transaction and session, and the cache, when the Action changed them.
	if truthy(state.Get("eventChanged")) {
		after := map[string]any{}
		for _, k := range []string{"transaction", "session"} {
			v, err := r.exportGo(event.Get(k), "event."+k)
			if err != nil {
				return err
			}
			if v != nil {
				after[k] = v
			}
		}
		res.Event = after
	}
	if r.opts.Cache != nil && truthy(state.Get("cacheChanged")) {
		text, err := r.exportJSON(cache, "api.cache")
		if err != nil {
			return err
		}
		var c map[string]CacheRecord
		if json.Unmarshal([]byte(text), &c) == nil {
			r.mu.Lock()
			if !r.abandoned {
				for k := range r.opts.Cache {
					delete(r.opts.Cache, k)
				}
				for k, v := range c {
					r.opts.Cache[k] = v
				}
			}
			r.mu.Unlock()
		}
	}
	return nil
}

// toJS builds plain JavaScript values from JSON data (maps, slices, strings, numbers, booleans,
// nil), with object keys in sorted order, as JSON.parse of json.Marshal's output would give, but
// without the round trip.
func toJS(vm *goja.Runtime, v any) goja.Value {
	switch v := v.(type) {
	case nil:
		return goja.Null()
	case map[string]any:
		o := vm.NewObject()
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			_ = o.Set(k, toJS(vm, v[k]))
		}
		return o
	case []any:
		items := make([]any, len(v))
		for i, e := range v {
			items[i] = toJS(vm, e)
		}
		return vm.NewArray(items...)
	case []string:
		items := make([]any, len(v))
		for i, e := range v {
			items[i] = e
		}
		return vm.NewArray(items...)
	case string, bool, float64, int, int64:
		return vm.ToValue(v)
	default:
		// Anything else goes through JSON, as before.
		data, err := json.Marshal(v)
		if err != nil {
			return goja.Undefined()
		}
		var out any
		if json.Unmarshal(data, &out) != nil {
			return goja.Undefined()
		}
		return toJS(vm, out)
	}
}

func truthy(v goja.Value) bool { return v != nil && v.ToBoolean() }

func isAsync(vm *goja.Runtime, fn goja.Value) bool {
	o := fn.ToObject(vm)
	c := o.Get("constructor")
	if c == nil || goja.IsUndefined(c) {
		return false
	}
	return c.ToObject(vm).Get("name").String() == "AsyncFunction"
}

// settle waits for the handler's promise, running timers on the simulated clock.
func (r *run) settle(ret goja.Value) error {
	p, ok := ret.Export().(*goja.Promise)
	if !ok {
		return nil
	}
	for p.State() == goja.PromiseStatePending {
		t := r.nextTimer()
		if t == nil {
			return &Error{Class: "action_error", Offset: -1,
				Message: "the handler's promise never settles: nothing is left to run and it is still pending"}
		}
		if t.due.Sub(r.start) > r.limit() {
			return &Error{Class: "action_timeout", Offset: -1,
				Message: fmt.Sprintf("the Action did not finish within %s (simulated time: a timer is due after %s)", r.limit(), t.due.Sub(r.start))}
		}
		r.mu.Lock()
		r.now = t.due
		r.mu.Unlock()
		if t.every > 0 {
			t.due = t.due.Add(t.every)
		} else {
			t.canceled = true
		}
		if _, err := t.fn(goja.Undefined(), t.args...); err != nil {
			return err
		}
	}
	if p.State() == goja.PromiseStateRejected {
		return r.fromValue(p.Result())
	}
	return nil
}

func (r *run) limit() time.Duration {
	if r.opts.Timeout != 0 {
		return r.opts.Timeout
	}
	return Timeout
}

func (r *run) nextTimer() *timer {
	live := r.timers[:0]
	for _, t := range r.timers {
		if !t.canceled {
			live = append(live, t)
		}
	}
	r.timers = live
	if len(live) == 0 {
		return nil
	}
	sort.SliceStable(live, func(i, j int) bool { return live[i].due.Before(live[j].due) })
	return live[0]
}

func (r *run) setTimeout(repeat bool) func(goja.FunctionCall) goja.Value {
	return func(c goja.FunctionCall) goja.Value {
		fn, ok := goja.AssertFunction(c.Argument(0))
		if !ok {
			panic(r.vm.NewTypeError("the callback must be a function"))
		}
		ms := c.Argument(1).ToFloat()
		if ms != ms || ms < 0 {
			ms = 0
		}
		d := time.Duration(ms * float64(time.Millisecond))
		r.nextID++
		t := &timer{id: r.nextID, due: r.now.Add(d), fn: fn}
		if repeat {
			t.every = max(d, time.Millisecond)
		}
		if len(c.Arguments) > 2 {
			t.args = c.Arguments[2:]
		}
		r.timers = append(r.timers, t)
		return r.vm.ToValue(t.id)
	}
}

func (r *run) setImmediate(c goja.FunctionCall) goja.Value {
	return r.setTimeout(false)(goja.FunctionCall{This: c.This, Arguments: append([]goja.Value{c.Argument(0), r.vm.ToValue(0)}, c.Arguments[min(1, len(c.Arguments)):]...)})
}

func (r *run) clearTimeout(c goja.FunctionCall) goja.Value {
	id := c.Argument(0).ToInteger()
	for _, t := range r.timers {
		if t.id == id {
			t.canceled = true
		}
	}
	return goja.Undefined()
}

// mock loads a mocked module: Value (JSON data) as its exports, or Source run as a module.
func (r *run) mock(name string, m Mock) goja.Value {
	if m.Source == "" {
		return toJS(r.vm, m.Value)
	}
	prog, err := compileChecked("module:"+name, "(function (exports, require, module) {", m.Source, "\n})")
	if err != nil {
		var se *SyntaxError
		if errors.As(err, &se) {
			err = fmt.Errorf("line %d: %s", 1+strings.Count(m.Source[:min(se.Offset, len(m.Source))], "\n"), se.Message)
		}
		panic(r.jsError(fmt.Sprintf("mocked module %q does not compile: %v", name, err)))
	}
	wrapper, err := r.vm.RunProgram(prog)
	if err != nil {
		panic(err)
	}
	fn, _ := goja.AssertFunction(wrapper)
	module := r.vm.NewObject()
	exports := r.vm.NewObject()
	_ = module.Set("exports", exports)
	if _, err := fn(goja.Undefined(), exports, r.requireFn(), module); err != nil {
		panic(err)
	}
	return module.Get("exports")
}

// jsError makes a JavaScript Error, as Node throws for a module it cannot find.
func (r *run) jsError(msg string) *goja.Object {
	o, err := r.vm.New(r.vm.Get("Error"), r.vm.ToValue(msg))
	if err != nil {
		return r.vm.NewGoError(errors.New(msg))
	}
	return o
}

// host is the object the guards and the prelude call back into. Its functions take
// goja.FunctionCall so that goja calls them directly, without reflection.
func (r *run) host() *goja.Object {
	vm := r.vm
	h := vm.NewObject()
	_ = h.Set("record", func(c goja.FunctionCall) goja.Value {
		r.record(c.Argument(0).String(), c.Argument(1))
		return goja.Undefined()
	})
	_ = h.Set("console", func(c goja.FunctionCall) goja.Value {
		r.log(c.Argument(0).String(), c.Argument(1))
		return goja.Undefined()
	})
	_ = h.Set("now", func(goja.FunctionCall) goja.Value { return vm.ToValue(r.now.UnixMilli()) })
	_ = h.Set("base64url", func(c goja.FunctionCall) goja.Value {
		return vm.ToValue(base64.RawURLEncoding.EncodeToString([]byte(c.Argument(0).String())))
	})
	_ = h.Set("unbase64url", func(c goja.FunctionCall) goja.Value {
		b, err := base64.RawURLEncoding.DecodeString(c.Argument(0).String())
		if err != nil {
			panic(r.jsError("The session token is invalid: malformed"))
		}
		return vm.ToValue(string(b))
	})
	_ = h.Set("hmac", func(c goja.FunctionCall) goja.Value {
		return vm.ToValue(hmacSHA256(c.Argument(0).String(), c.Argument(1).String()))
	})
	// then(p, onFulfilled, onRejected), resolve(v) and reject(e): the built-in Promise functions as
	// the engine was built, called from Go. mfactl's own scripts settle many promises per request;
	// Reflect.apply with an argument list (guarded, as the Action's is) cost a list and a check each.
	promise := vm.Get("Promise").ToObject(vm)
	then, _ := goja.AssertFunction(promise.Get("prototype").ToObject(vm).Get("then"))
	resolve, _ := goja.AssertFunction(promise.Get("resolve"))
	reject, _ := goja.AssertFunction(promise.Get("reject"))
	settle := func(f goja.Callable, this goja.Value, args ...goja.Value) goja.Value {
		v, err := f(this, args...)
		if err != nil {
			panic(err)
		}
		return v
	}
	_ = h.Set("then", func(c goja.FunctionCall) goja.Value {
		return settle(then, c.Argument(0), c.Argument(1), c.Argument(2))
	})
	_ = h.Set("resolve", func(c goja.FunctionCall) goja.Value { return settle(resolve, promise, c.Argument(0)) })
	_ = h.Set("reject", func(c goja.FunctionCall) goja.Value { return settle(reject, promise, c.Argument(0)) })
	return h
}

// recordEncoder bounds one recorded value (MaxRecord*).
func (r *run) recordEncoder(what string) *encoder {
	return &encoder{r: r, maxBytes: MaxRecordBytes, maxDepth: MaxRecordDepth, maxLen: MaxRecordLength,
		what: "value too large for mfactl to record: " + what}
}

// record keeps one api call. Its arguments (an arguments object or an array the prelude made) are
// read here, in Go, with bounded loops; a value over the limits throws a RangeError in the Action.
func (r *run) record(method string, list goja.Value) {
	args := []any{}
	if o, ok := list.(*goja.Object); ok {
		e := r.recordEncoder("api." + method)
		text, err := r.limited(func() string {
			n := toLength(o.Get("length"))
			if n > MaxRecordLength {
				e.fail("%d arguments exceed %d", n, MaxRecordLength)
			}
			e.stack = append(e.stack, o)
			e.array(o, "")
			return string(e.buf)
		})
		if err != nil {
			panic(r.rangeErrorf("%s", err.Error()))
		}
		if err := json.Unmarshal([]byte(text), &args); err != nil {
			panic(r.rangeErrorf("value too large for mfactl to record: api.%s: %v", method, err))
		}
		r.recordBytes(len(text))
	}
	at := r.callSite()
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.calls) >= MaxCalls {
		panic(r.rangeErrorf("too many api calls for mfactl to record: more than %d", MaxCalls))
	}
	if !r.abandoned {
		r.calls = append(r.calls, Call{Method: method, Args: args, Offset: at})
	}
}

// callSite is the byte offset in the Action's source of the innermost frame in its file, or -1.
func (r *run) callSite() int {
	r.frames = r.vm.CaptureCallStack(0, r.frames[:0])
	for _, f := range r.frames {
		if f.SrcName() == r.p.Name {
			pos := f.Position()
			return r.offset(pos.Line, pos.Column)
		}
	}
	return -1
}

// recordBytes counts what a run records, within MaxRecordedBytes.
func (r *run) recordBytes(n int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.recorded+n > MaxRecordedBytes {
		panic(r.rangeErrorf("value too large for mfactl to record: the api calls of one run exceed %d bytes of arguments", MaxRecordedBytes))
	}
	r.recorded += n
}

// limited runs f, turning the encoder's limit error into an error and letting every other panic
// (an exception from the Action's code, an interrupt) through.
func (r *run) limited(f func() string) (text string, err error) {
	defer func() {
		if rec := recover(); rec != nil {
			le, ok := rec.(*limitError)
			if !ok {
				panic(rec)
			}
			err = le
		}
	}()
	return f(), nil
}

// exportJSON is the JSON text of v within the record limits, for what the run hands back. Outside
// the engine's call stack, exceptions from the Action's code (a throwing toJSON) are errors too.
func (r *run) exportJSON(v goja.Value, what string) (text string, err error) {
	var limitErr error
	if ex := r.vm.Try(func() {
		text, limitErr = r.limited(func() string {
			t, _ := r.recordEncoder(what).encode(v)
			return t
		})
	}); ex != nil {
		return "", ex
	}
	if limitErr != nil {
		return "", &Error{Class: "action_error", Name: "RangeError", Message: limitErr.Error(), Offset: -1}
	}
	return text, nil
}

// exportGo is exportJSON as JSON data: maps, slices, strings, float64, bools and nil.
func (r *run) exportGo(v goja.Value, what string) (any, error) {
	text, err := r.exportJSON(v, what)
	if err != nil || text == "" {
		return nil, err
	}
	var out any
	if err := json.Unmarshal([]byte(text), &out); err != nil {
		return nil, err
	}
	return out, nil
}

// log keeps one console line, formatted in Go within what is left of the console's 256 KiB.
func (r *run) log(level string, list goja.Value) {
	if r.size >= maxConsole {
		return
	}
	prefix := ""
	if level != "log" && level != "info" {
		prefix = level + ": "
	}
	budget := maxConsole - r.size + 1
	msg := prefix
	if o, ok := list.(*goja.Object); ok {
		n := min(toLength(o.Get("length")), int64(MaxArgs))
		for i := int64(0); i < n && len(msg) <= budget; i++ {
			if i > 0 {
				msg += " "
			}
			msg += r.format(o.Get(strconv.FormatInt(i, 10)), budget-len(msg))
		}
	}
	if r.size+len(msg) > maxConsole {
		msg = strings.ToValidUTF8(msg[:maxConsole-r.size], "") + " … (console output truncated at 256 KiB)"
	}
	r.size += len(msg)
	r.mu.Lock()
	if !r.abandoned {
		r.console = append(r.console, msg)
		r.consoleAt = append(r.consoleAt, Position{Calls: len(r.calls), Requests: len(r.requests)})
	}
	r.mu.Unlock()
}

// format is one console argument as text: strings as they are, errors with their stack, functions
// by name, anything else as JSON (with placeholders where it is too deep or too long), at most
// budget bytes.
func (r *run) format(a goja.Value, budget int) string {
	if a == nil || goja.IsUndefined(a) {
		return "undefined"
	}
	if s, ok := a.(goja.String); ok {
		return clip(s, budget)
	}
	if o, ok := a.(*goja.Object); ok {
		if _, isFn := goja.AssertFunction(o); isFn {
			if n, ok := o.Get("name").(goja.String); ok && n.Length() > 0 {
				return "[Function: " + clip(n, budget) + "]"
			}
			return "[Function]"
		}
		if o.ClassName() == "Error" {
			if st := o.Get("stack"); st != nil && st.ToBoolean() {
				return r.text(st, budget)
			}
			return r.text(o, budget)
		}
	}
	e := &encoder{r: r, maxBytes: budget, maxDepth: MaxRecordDepth, maxLen: MaxRecordLength, what: "console", lenient: true}
	var out string
	var thrown bool
	func() {
		defer func() {
			if rec := recover(); rec != nil {
				switch rec.(type) {
				case *limitError:
					out = string(e.buf)
				case *goja.Exception, *goja.Object:
					thrown = true
				default:
					panic(rec)
				}
			}
		}()
		out, _ = e.encode(a)
	}()
	if thrown {
		// As JSON.stringify throwing fell back to String(value) (a circular structure, a throwing toJSON).
		return r.text(a, budget)
	}
	return out
}

// clip is at most the first budget bytes of s.
func clip(s goja.String, budget int) string {
	if s.Length() > budget {
		s = s.Substring(0, max(0, budget))
	}
	out := s.String()
	if len(out) > budget {
		out = strings.ToValidUTF8(out[:max(0, budget)], "")
	}
	return out
}

// text is String(v), at most budget bytes, or a placeholder when that throws.
func (r *run) text(v goja.Value, budget int) string {
	var s goja.String
	if ex := r.vm.Try(func() { s = toStr(r.vm, v) }); ex != nil || s == nil {
		return "[unprintable value]"
	}
	return clip(s, budget)
}

var compileErrRe = regexp.MustCompile(`Line (\d+):(\d+) (.*?)(?: \(and \d+ more errors?\))?$`)

var frameRe = regexp.MustCompile(`:(\d+):(\d+)\(`)

// toError converts what the run returned or threw into an Error with a position in the source.
func (r *run) toError(err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	var interrupted *goja.InterruptedError
	if errors.As(err, &interrupted) {
		if v, ok := interrupted.Value().(*Error); ok {
			return v
		}
		return &Error{Class: "action_timeout", Name: "Error", Offset: -1, Message: fmt.Sprint(interrupted.Value())}
	}
	var ex *goja.Exception
	if errors.As(err, &ex) {
		out := r.fromValue(ex.Value())
		if out.Offset < 0 {
			for _, f := range ex.Stack() {
				if f.SrcName() == r.p.Name {
					pos := f.Position()
					out.Offset = r.offset(pos.Line, pos.Column)
					break
				}
			}
		}
		return out
	}
	var se *goja.StackOverflowError
	if errors.As(err, &se) {
		r.broken = true // goja cannot run promise jobs again after an overflow
		return &Error{Class: "action_error", Name: "RangeError", Message: "Maximum call stack size exceeded", Offset: -1}
	}
	return &Error{Class: "action_error", Name: "Error", Message: err.Error(), Offset: -1}
}

// gojaConversion is goja's TypeError for an object with no usable toString or valueOf, which writes
// the object's Go value and so its memory addresses: a run's error would differ from run to run.
// Reported in Node's words.
var gojaConversion = regexp.MustCompile(`^Could not convert &\{.*\} \(\*goja\.\w+\) to primitive$`)

// fromValue describes a thrown value; nil means the handler's rejected promise reason.
func (r *run) fromValue(v goja.Value) *Error {
	out := &Error{Class: "action_error", Name: "Error", Offset: -1}
	if v == nil || goja.IsUndefined(v) || goja.IsNull(v) {
		out.Name = ""
		out.Message = fmt.Sprintf("the handler's promise was rejected with %v", v)
		return out
	}
	if o, ok := v.(*goja.Object); ok {
		if n := o.Get("name"); n != nil && !goja.IsUndefined(n) {
			out.Name = n.String()
		}
		if m := o.Get("message"); m != nil && !goja.IsUndefined(m) {
			out.Message = gojaConversion.ReplaceAllString(m.String(), "Cannot convert object to primitive value")
		} else {
			out.Message = v.String()
		}
		if s := o.Get("stack"); s != nil && !goja.IsUndefined(s) {
			for _, line := range strings.Split(s.String(), "\n") {
				if strings.Contains(line, r.p.Name+":") {
					if m := frameRe.FindStringSubmatch(line[strings.Index(line, r.p.Name+":")+len(r.p.Name)-1:]); m != nil {
						l, _ := strconv.Atoi(m[1])
						c, _ := strconv.Atoi(m[2])
						out.Offset = r.offset(l, c)
						break
					}
				}
			}
		}
		return out
	}
	out.Name = ""
	out.Message = "a non-Error value was thrown: " + v.String()
	return out
}

// offset converts goja's line and byte column in the wrapped program to a byte offset in the source.
func (r *run) offset(line, col int) int {
	return offsetIn(r.p.src, line, col, len(wrapPrefix))
}

// offsetIn converts a line and byte column of a program (src wrapped after a prefix of that many bytes
// on its first line) to a byte offset in src.
func offsetIn(src []byte, line, col, prefix int) int {
	off := 0
	for l := 1; l < line && off < len(src); off++ {
		if src[off] == '\n' {
			l++
		}
	}
	if line == 1 {
		col -= prefix
	}
	return max(0, min(off+col-1, len(src)))
}
