package jsrt

import (
	"embed"
	"errors"
	"fmt"
	"math/rand/v2"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/dop251/goja"
	"github.com/dop251/goja_nodejs/require"
)

// The Node.js 22 runtime surface every Auth0 Action gets: globals (Buffer, URL, TextEncoder, crypto,
// process …) and built-in modules (crypto, url, util, events …), built only when the Action first
// uses them, deterministic (randomness comes from Options.Seed, time from the simulated clock,
// process.env is empty) and within the limits of limits.go. goja_nodejs provides require, Buffer and
// URL; the rest is here (Go for crypto and encodings, node/*.js for small classes).

// NodeVersion is the Node.js version the Actions runtime reports (process.version).
const NodeVersion = "v22.12.0"

const (
	whyNetwork = "mfactl runs Actions offline and has no network; mock the module under modules: in the scenarios file"
	whyFiles   = "an Action has no filesystem (mfactl reads no host file for it, and Auth0 keeps none between runs); use event.secrets, api.cache, or mock the module under modules: in the scenarios file"
	whyHost    = "mfactl does not let an Action reach the host (processes, threads, the operating system or the engine); mock the module under modules: in the scenarios file"
	whyMissing = "this Node.js module is not part of mfactl's simulated runtime (see \"The Node.js surface\" in docs/simulation.md); mock it under modules: in the scenarios file"
)

// refusedModules are Node's built-in modules that an Action cannot use in mfactl, and why.
var refusedModules = map[string]string{
	"http": whyNetwork, "https": whyNetwork, "http2": whyNetwork, "net": whyNetwork, "tls": whyNetwork,
	"dns": whyNetwork, "dns/promises": whyNetwork, "dgram": whyNetwork,
	"fs": whyFiles, "fs/promises": whyFiles,
	"child_process": whyHost, "cluster": whyHost, "worker_threads": whyHost, "os": whyHost, "v8": whyHost,
	"vm": whyHost, "inspector": whyHost, "inspector/promises": whyHost, "repl": whyHost, "module": whyHost,
	"trace_events": whyHost, "wasi": whyHost, "async_hooks": whyHost, "diagnostics_channel": whyHost,
	"perf_hooks": whyMissing, "path/win32": whyMissing,
	"stream/web": whyMissing, "stream/consumers": whyMissing,
	"zlib": whyMissing, "readline": whyMissing, "readline/promises": whyMissing,
	"punycode": whyMissing, "constants": whyMissing, "domain": whyMissing, "sys": whyMissing,
	"test": whyMissing, "test/reporters": whyMissing, "sqlite": whyMissing, "sea": whyMissing,
	"console":     whyMissing,
	"_http_agent": whyNetwork, "_http_client": whyNetwork, "_http_common": whyNetwork, "_http_incoming": whyNetwork,
	"_http_outgoing": whyNetwork, "_http_server": whyNetwork, "_tls_common": whyNetwork, "_tls_wrap": whyNetwork,
	"_stream_wrap": whyMissing,
}

// builtinModules are the built-in modules mfactl provides, by name (without "node:").
var builtinModules map[string]func(r *run, exports *goja.Object) goja.Value

func init() {
	builtinModules = map[string]func(r *run, exports *goja.Object) goja.Value{
		"buffer":          (*run).bufferModule,
		"url":             (*run).urlModule,
		"crypto":          (*run).cryptoModule,
		"util":            (*run).utilModule,
		"util/types":      func(r *run, _ *goja.Object) goja.Value { return r.builtin("util").ToObject(r.vm).Get("types") },
		"process":         (*run).processModule,
		"querystring":     (*run).querystringModule,
		"path":            (*run).pathModule,
		"path/posix":      func(r *run, _ *goja.Object) goja.Value { return r.builtin("path") },
		"events":          func(r *run, _ *goja.Object) goja.Value { return r.script("events") },
		"assert":          func(r *run, _ *goja.Object) goja.Value { return r.script("assert") },
		"assert/strict":   func(r *run, _ *goja.Object) goja.Value { return r.builtin("assert").ToObject(r.vm).Get("strict") },
		"string_decoder":  func(r *run, _ *goja.Object) goja.Value { return r.script("string_decoder") },
		"timers":          (*run).timersModule,
		"timers/promises": func(r *run, _ *goja.Object) goja.Value { return r.script("timers_promises") },
		"stream":          func(r *run, _ *goja.Object) goja.Value { return r.script("stream") },
		"stream/promises": func(r *run, _ *goja.Object) goja.Value { return r.member("stream", "promises") },
		"tty":             func(r *run, _ *goja.Object) goja.Value { return r.script("tty") },
	}
	// Node's old names of the stream classes, which some packages still require.
	for name, member := range map[string]string{"_stream_readable": "Readable", "_stream_writable": "Writable",
		"_stream_duplex": "Duplex", "_stream_transform": "Transform", "_stream_passthrough": "PassThrough"} {
		builtinModules[name] = func(r *run, _ *goja.Object) goja.Value { return r.member("stream", member) }
	}
}

// BuiltinModules lists the built-in modules an Action can require (each also with "node:").
func BuiltinModules() []string {
	var names []string
	for k := range builtinModules {
		names = append(names, k)
	}
	sort.Strings(names)
	return names
}

//go:embed node/*.js
var nodeScripts embed.FS

// scripts are node/*.js, each compiled once per process on first use: a function of (host,
// intrinsics, require) returning the module's exports.
var scripts sync.Map // name -> func() (*goja.Program, error)

func scriptProgram(name string) *goja.Program {
	f, _ := scripts.LoadOrStore(name, sync.OnceValue(func() *goja.Program {
		src, err := nodeScripts.ReadFile("node/" + name + ".js")
		if err != nil {
			panic(err)
		}
		return goja.MustCompile("mfactl:node/"+name+".js", string(src), true)
	}))
	return f.(func() *goja.Program)()
}

// program is node/<name>.js compiled, or the version of it a test gave this engine (programs).
func (r *run) program(name string) *goja.Program {
	if p, ok := r.programs[name]; ok {
		return p
	}
	return scriptProgram(name)
}

// script runs node/<name>.js once per run and returns its exports.
func (r *run) script(name string) goja.Value {
	if v, ok := r.scripts[name]; ok {
		return v
	}
	if r.sealed && sharedScripts[name] {
		return r.sharedScript(name)
	}
	r.takeLateIntrinsics()
	fn, err := r.vm.RunProgram(r.program(name))
	if err != nil {
		panic(err)
	}
	f, _ := goja.AssertFunction(fn)
	v, err := f(goja.Undefined(), r.scriptHost(), r.intrinsics, r.requireFn())
	if err != nil {
		panic(err)
	}
	if r.scripts == nil {
		r.scripts = map[string]goja.Value{}
	}
	r.scripts[name] = v
	return v
}

// takeLateIntrinsics adds to the prelude's intrinsics the built-ins it could not take without making
// them in every run (a runtime that is sealed takes them before any Action runs).
func (r *run) takeLateIntrinsics() {
	if r.late {
		return
	}
	r.late = true
	in := r.intrinsics.ToObject(r.vm)
	global := r.vm.GlobalObject()
	for _, k := range []string{"Map", "Set", "WeakMap", "Symbol", "Date", "RegExp", "Number", "Boolean", "encodeURIComponent"} {
		_ = in.Set(k, global.Get(k))
	}
}

// containedPath resolves a require path inside the virtual root "/": nothing resolves outside it,
// and nothing touches the host's filesystem (goja_nodejs's default resolver follows symlinks).
func containedPath(base, p string) string {
	if strings.HasPrefix(p, "/") {
		return path.Clean(p)
	}
	return path.Join("/", base, p)
}

// modulesRegistry is the run's goja_nodejs require, made on the first require of an installed
// package: the shared Registry of Options.NodeModules (its compiled programs serve every run),
// enabled in this runtime for a module cache of this run.
func (r *run) modulesRegistry() *require.RequireModule {
	if r.rm != nil {
		return r.rm
	}
	// Enable defines a global require (Node has none in a module): put back what was there.
	global := r.vm.GlobalObject()
	had := false
	for _, k := range global.GetOwnPropertyNames() {
		if k == "require" {
			had = true
		}
	}
	old := global.Get("require")
	r.rm = r.opts.NodeModules.reg.Enable(r.vm)
	if had {
		_ = global.Set("require", old)
	} else {
		_ = global.Delete("require")
	}
	return r.rm
}

// builtin is the exports of a built-in module (name without "node:"), built once per run.
func (r *run) builtin(name string) goja.Value {
	if v, ok := r.builtins[name]; ok {
		return v
	}
	build, ok := builtinModules[name]
	if !ok {
		panic(r.jsError(fmt.Sprintf("Cannot find module '%s': no such built-in module", name)))
	}
	if r.builtins == nil {
		r.builtins = map[string]goja.Value{}
	}
	exports := r.vm.NewObject()
	r.builtins[name] = exports // a module that requires itself back gets the exports so far, as in Node
	v := goja.Value(exports)
	if b := build(r, exports); b != nil {
		v = b
	}
	r.builtins[name] = v
	return v
}

// requireFn is the run's require function, the Action's and every loaded module's.
func (r *run) requireFn() goja.Value {
	if r.requireVal == nil {
		r.requireVal = r.vm.ToValue(r.require)
	}
	return r.requireVal
}

// caller is the file of the code that called require: the Action's name, a mock's "module:name", or
// a virtual path under /node_modules.
func (r *run) caller() string {
	var buf [2]goja.StackFrame
	frames := r.vm.CaptureCallStack(2, buf[:0])
	if len(frames) < 2 {
		return ""
	}
	return frames[1].SrcName()
}

func isPath(name string) bool {
	return name == "." || name == ".." || strings.HasPrefix(name, "/") || strings.HasPrefix(name, "./") || strings.HasPrefix(name, "../")
}

// require is the Action's require, and that of every module it loads (mfactl's rules hold for a
// package's own requires too): mocked modules first (a mock of "crypto" also answers
// "node:crypto"), then Node's built-in modules (refused or provided), then the installed packages of
// Options.NodeModules, through goja_nodejs's resolution.
func (r *run) require(c goja.FunctionCall) goja.Value {
	name := c.Argument(0).String()
	from := r.caller()
	inPackage := strings.HasPrefix(from, virtualRoot)
	if isPath(name) {
		if !inPackage {
			if m, ok := r.opts.Modules[name]; ok {
				return r.mocked(name, m)
			}
			panic(r.jsError(fmt.Sprintf("Cannot find module '%s': mfactl reads no files for an Action (an Action is one file in Auth0 too); mock the module under modules: in the scenarios file", name)))
		}
		return r.fromPackages(name, from)
	}
	if v, ok := r.modules[name]; ok {
		return v
	}
	bare, prefixed := strings.CutPrefix(name, "node:")
	if m, ok := r.opts.Modules[name]; ok {
		return r.mocked(name, m)
	} else if m, ok := r.opts.Modules[bare]; ok && prefixed {
		return r.mocked(name, m)
	}
	if why, ok := refusedModules[bare]; ok && (prefixed || !nodePrefixOnly[bare]) {
		if inPackage {
			panic(r.packageNeeds(from, fmt.Sprintf("Node's '%s' module, which mfactl does not provide: %s", name, reasonOnly(why))))
		}
		panic(r.teach(fmt.Sprintf("require('%s'): %s", name, why), name))
	}
	if _, ok := builtinModules[bare]; ok {
		v := r.builtin(bare)
		r.modules[name] = v
		return v
	}
	if prefixed {
		panic(r.jsError(fmt.Sprintf("Cannot find module '%s': no such built-in module", name)))
	}
	if build := r.httpPackageFor(name, from); build != nil {
		v := build(r)
		r.modules[name] = v
		return v
	}
	if nativeLoaders[PackageName(name)] {
		panic(r.nativeAddon(from, "", PackageName(name)))
	}
	return r.fromPackages(name, from)
}

// mocked is a mock's exports, made once per run.
func (r *run) mocked(name string, m Mock) goja.Value {
	if v, ok := r.modules[name]; ok {
		return v
	}
	v := r.mock(strings.TrimPrefix(name, "node:"), m)
	r.modules[name] = v
	return v
}

// fromPackages loads name from the installed packages, resolved from the file from (the Action, or a
// module of node_modules).
func (r *run) fromPackages(name, from string) goja.Value {
	inPackage := strings.HasPrefix(from, virtualRoot)
	pkg := PackageName(name)
	if !inPackage {
		declared := r.opts.Dependencies == nil
		for _, d := range r.opts.Dependencies {
			declared = declared || d == pkg
		}
		if !declared || r.opts.NodeModules == nil {
			panic(r.notFound(name, declared))
		}
		r.loading = append(r.loading, name)
		defer func() { r.loading = r.loading[:len(r.loading)-1] }()
	}
	target := name
	if !isPath(name) {
		// The package's "exports" map first (goja_nodejs reads only "main").
		base := from
		if !inPackage {
			base = "/action.js"
		}
		t, err := r.opts.NodeModules.exportsTarget(name, base)
		if err != nil {
			panic(r.requireError(name, from, err))
		}
		if t != "" {
			target = t
		}
	}
	r.loadDepth++
	v, err := r.modulesRegistry().Require(target)
	r.loadDepth--
	if err != nil {
		panic(r.requireError(name, from, err))
	}
	return v
}

// teach makes the Error for a module the Action cannot load, and keeps for the run's result the
// modules: entry that mocks the module name (Error.Hint), shaped by how the code uses it.
func (r *run) teach(msg, name string) *goja.Object {
	if r.hints == nil {
		r.hints = map[string]string{}
	}
	r.hints[msg] = ModuleSnippet(strings.TrimPrefix(name, "node:"), r.p.required(name))
	return r.jsError(msg)
}

// reasonOnly is a refusal's reason without its advice.
func reasonOnly(why string) string {
	if i := strings.Index(why, "; "); i > 0 {
		return why[:i]
	}
	return why
}

// top is the package the Action required that is loading now, or "".
func (r *run) top() string {
	if len(r.loading) == 0 {
		return ""
	}
	return r.loading[0]
}

// packageNeeds explains that the package whose file is from needs what, and how to mock the package
// the Action required.
func (r *run) packageNeeds(from, what string) *goja.Object {
	_, inner, _ := packageOf(from)
	top := r.top()
	if top == "" {
		top = inner
	}
	msg := fmt.Sprintf("require('%s'): the package needs %s", top, what)
	if PackageName(top) != inner {
		msg = fmt.Sprintf("require('%s'): its dependency '%s' needs %s", top, inner, what)
	}
	return r.teach(fmt.Sprintf("%s (%s requires it); mock '%s' under modules: in the scenarios file", msg, strings.TrimPrefix(from, "/"), top), top)
}

// nativeAddon explains that a package is a native addon: from is the file that loads it, file the
// addon (relative to node_modules) when known, loader the package that loads it when known.
func (r *run) nativeAddon(from, file, loader string) *goja.Object {
	_, inner, dir := packageOf(from)
	if file != "" {
		_, inner, dir = packageOf(virtualRoot + file)
	}
	top := r.top()
	if top == "" {
		top = inner
	}
	if top == "" {
		top = loader
	}
	what := ""
	switch {
	case file != "":
		what = " (" + strings.TrimPrefix(file, strings.TrimPrefix(dir, virtualRoot)+"/") + ")"
	case r.opts.NodeModules != nil:
		if h := r.opts.NodeModules.addonHint(dir); h != "" {
			what = " (" + h + ")"
		} else if loader != "" {
			what = " (it loads one with " + loader + ")"
		}
	}
	subject := "the package needs"
	if inner != "" && PackageName(top) != inner {
		subject = fmt.Sprintf("its dependency '%s' needs", inner)
	}
	return r.teach(fmt.Sprintf("require('%s'): %s a native addon%s, which mfactl cannot load: it runs JavaScript only; mock '%s' under modules: in the scenarios file",
		top, subject, what, top), top)
}

// notFound is the message for a package the Action requires that is not there: a declared
// dependency without a node_modules folder, or one that is not declared.
func (r *run) notFound(name string, declared bool) *goja.Object {
	return r.teach(r.notFoundText(name, declared), name)
}

func (r *run) notFoundText(name string, declared bool) string {
	pkg := PackageName(name)
	if !declared {
		return fmt.Sprintf("Cannot find module '%s': '%s' is not in the Action's dependencies in tenant.yaml, so Auth0 does not install it either; add it there (dependencies: - {name: %s, version: <version>}), npm install it and give mfactl the folder (--node-modules, or node_modules: in the scenarios file), or mock it under modules: in the scenarios file",
			name, pkg, pkg)
	}
	if r.opts.Dependencies == nil {
		return fmt.Sprintf("Cannot find module '%s': mfactl was given no node_modules folder that has it; run npm install and give mfactl the folder (--node-modules DIR, or node_modules: in the scenarios file), or mock it under modules: in the scenarios file", name)
	}
	if r.opts.NodeModules == nil {
		return fmt.Sprintf("Cannot find module '%s': '%s' is a dependency of the Action, but mfactl was given no node_modules folder; run npm install and give mfactl the folder (--node-modules DIR, or node_modules: in the scenarios file), or mock it under modules: in the scenarios file",
			name, pkg)
	}
	return fmt.Sprintf("Cannot find module '%s': '%s' is a dependency of the Action, but it is not installed in %s; run npm install there, or mock it under modules: in the scenarios file",
		name, pkg, filepath.ToSlash(r.opts.NodeModules.Dir()))
}

// requireError explains why loading from node_modules failed: an exception from the module's code
// as it is.
func (r *run) requireError(name, from string, err error) any {
	var ex *goja.Exception
	if errors.As(err, &ex) {
		return ex
	}
	var ie *goja.InterruptedError
	if errors.As(err, &ie) {
		return ie
	}
	var me *moduleError
	if errors.As(err, &me) {
		if me.native {
			return r.nativeAddon(from, me.file, "")
		}
		top := r.top()
		if top == "" {
			top = name
		}
		return r.teach(fmt.Sprintf("require('%s'): %s; mock '%s' under modules: in the scenarios file", top, me.msg, top), top)
	}
	if errors.Is(err, require.InvalidModuleError) || errors.Is(err, require.ModuleFileDoesNotExistError) || errors.Is(err, require.IllegalModuleNameError) {
		if strings.HasPrefix(from, virtualRoot) {
			return r.teach(fmt.Sprintf("Cannot find module '%s' (required by %s): it is not installed in %s; run npm install there, or mock '%s' under modules: in the scenarios file",
				name, strings.TrimPrefix(from, "/"), filepath.ToSlash(r.opts.NodeModules.Dir()), r.top()), r.top())
		}
		return r.notFound(name, true)
	}
	return r.jsError(fmt.Sprintf("Cannot load module '%s': %v", name, err))
}

// ---- globals ----

// nodeGlobals are the Node.js globals, each built on first use.
var nodeGlobals = []struct {
	name  string
	build func(r *run) goja.Value
}{
	{"Buffer", func(r *run) goja.Value { return r.member("buffer", "Buffer") }},
	{"URL", func(r *run) goja.Value { return r.member("url", "URL") }},
	{"URLSearchParams", func(r *run) goja.Value { return r.member("url", "URLSearchParams") }},
	{"TextEncoder", func(r *run) goja.Value { return r.member("util", "TextEncoder") }},
	{"TextDecoder", func(r *run) goja.Value { return r.member("util", "TextDecoder") }},
	{"crypto", func(r *run) goja.Value { return r.member("crypto", "webcrypto") }},
	{"process", func(r *run) goja.Value { return r.builtin("process") }},
	{"atob", func(r *run) goja.Value { return r.vm.ToValue(r.atob) }},
	{"btoa", func(r *run) goja.Value { return r.vm.ToValue(r.btoa) }},
	{"structuredClone", func(r *run) goja.Value { return r.webMember("structuredClone") }},
	{"queueMicrotask", func(r *run) goja.Value { return r.webMember("queueMicrotask") }},
	{"AbortController", func(r *run) goja.Value { return r.webMember("AbortController") }},
	{"AbortSignal", func(r *run) goja.Value { return r.webMember("AbortSignal") }},
	{"Event", func(r *run) goja.Value { return r.webMember("Event") }},
	{"EventTarget", func(r *run) goja.Value { return r.webMember("EventTarget") }},
	{"Headers", func(r *run) goja.Value { return r.webMember("Headers") }},
	{"Request", func(r *run) goja.Value { return r.webMember("Request") }},
	{"Response", func(r *run) goja.Value { return r.webMember("Response") }},
	{"DOMException", func(r *run) goja.Value { return r.webMember("DOMException") }},
	{"fetch", func(r *run) goja.Value { return r.script("fetch").ToObject(r.vm).Get("fetch") }},
}

func (r *run) member(module, name string) goja.Value {
	return r.builtin(module).ToObject(r.vm).Get(name)
}

func (r *run) webMember(name string) goja.Value {
	return r.script("web").ToObject(r.vm).Get(name)
}

// nodeGlobalIndex finds a name in nodeGlobals.
var nodeGlobalIndex = func() map[string]int {
	m := map[string]int{}
	for i, g := range nodeGlobals {
		m[g.name] = i
	}
	return m
}()

// lazyGlobals stands between the global object and Object.prototype: a name of nodeGlobals that the
// global object does not have (yet) is found here, built, and defined on the global object as a
// plain (writable, configurable, non-enumerable) property, as in Node. One object per run costs far
// less than an accessor pair per name; assigning to a name first defines it on the global object
// without building anything.
type lazyGlobals struct{ r *run }

func (l lazyGlobals) Get(key string) goja.Value {
	if key == "require" && l.r.loadDepth > 0 {
		// goja_nodejs hands a module the global require: while a package loads, that is mfactl's
		// require (node_modules.go), and nothing is defined on the global object.
		return l.r.requireFn()
	}
	i, ok := nodeGlobalIndex[key]
	if !ok {
		return nil
	}
	v := nodeGlobals[i].build(l.r)
	if v == nil {
		v = goja.Undefined()
	}
	_ = l.r.vm.GlobalObject().DefineDataProperty(key, v, yes, yes, no)
	return v
}

func (l lazyGlobals) Has(key string) bool {
	if key == "require" && l.r.loadDepth > 0 {
		return true
	}
	_, ok := nodeGlobalIndex[key]
	return ok
}

func (lazyGlobals) Set(string, goja.Value) bool { return false }
func (lazyGlobals) Delete(string) bool          { return true }
func (lazyGlobals) Keys() []string              { return nil }

// installNodeGlobals puts lazyGlobals under the global object, and global (an alias of globalThis).
func (r *run) installNodeGlobals() {
	global := r.vm.GlobalObject()
	_ = global.DefineDataProperty("global", global, yes, yes, no)
	lazy := r.vm.NewDynamicObject(lazyGlobals{r})
	_ = lazy.SetPrototype(global.Prototype())
	_ = global.SetPrototype(lazy)
}

// ---- randomness ----

// random is the run's pseudo-random generator, seeded from Options.Seed: Math.random and every
// random value of the Node surface come from it, so a run repeats exactly.
func (r *run) random() *rand.Rand {
	if r.rng == nil {
		var seed [32]byte
		s := r.opts.Seed
		for i := 0; i < 4; i++ {
			for j := 0; j < 8; j++ {
				seed[i*8+j] = byte(s >> (8 * j))
			}
			s = s*0x9E3779B97F4A7C15 + 0x632BE59BD9B4E019
		}
		r.rng = rand.New(rand.NewChaCha8(seed))
	}
	return r.rng
}

// randomBytes fills b from the run's generator.
func (r *run) randomBytes(b []byte) {
	rng := r.random()
	for i := 0; i < len(b); i += 8 {
		v := rng.Uint64()
		for j := 0; j < 8 && i+j < len(b); j++ {
			b[i+j] = byte(v >> (8 * j))
		}
	}
}

// ---- process ----

// exitError ends the run when the Action calls process.exit.
func (r *run) exit(c goja.FunctionCall) goja.Value {
	code := "undefined"
	if a := c.Argument(0); !goja.IsUndefined(a) {
		code = a.String()
		if len(code) > 40 {
			code = code[:40] + "…"
		}
	}
	e := &Error{Class: "action_error", Name: "Error", Offset: -1,
		Message: fmt.Sprintf("process.exit(%s) was called: an Action cannot exit the process; throw an Error or call api.access.deny instead", code)}
	for _, f := range r.vm.CaptureCallStack(0, nil) {
		if f.SrcName() == r.p.Name {
			pos := f.Position()
			e.Offset = r.offset(pos.Line, pos.Column)
			break
		}
	}
	// An interrupt, not an exception: the Action cannot catch it, as it could not catch an exit.
	r.vm.Interrupt(e)
	return goja.Undefined()
}

func (r *run) processModule(_ *goja.Object) goja.Value {
	vm := r.vm
	p := vm.NewObject()
	_ = p.Set("env", vm.NewObject())
	_ = p.Set("version", NodeVersion)
	versions := vm.NewObject()
	_ = versions.Set("node", strings.TrimPrefix(NodeVersion, "v"))
	_ = p.Set("versions", versions)
	_ = p.Set("platform", "linux")
	_ = p.Set("arch", "x64")
	_ = p.Set("argv", vm.NewArray())
	_ = p.Set("execArgv", vm.NewArray())
	_ = p.Set("pid", 1)
	_ = p.Set("title", "node")
	_ = p.Set("exitCode", goja.Undefined())
	release := vm.NewObject()
	_ = release.Set("name", "node")
	_ = release.Set("lts", "Jod")
	_ = p.Set("release", release)
	_ = p.Set("cwd", func(goja.FunctionCall) goja.Value { return vm.ToValue("/") })
	_ = p.Set("exit", r.exit)
	_ = p.Set("abort", r.exit)
	_ = p.Set("uptime", func(goja.FunctionCall) goja.Value { return vm.ToValue(r.now.Sub(r.start).Seconds()) })
	_ = p.Set("hrtime", func(c goja.FunctionCall) goja.Value {
		d := r.now.Sub(r.start)
		s, ns := int64(d/1e9), int64(d%1e9)
		if prev, ok := c.Argument(0).(*goja.Object); ok {
			s -= prev.Get("0").ToInteger()
			ns -= prev.Get("1").ToInteger()
			if ns < 0 {
				s, ns = s-1, ns+1e9
			}
		}
		return vm.NewArray(s, ns)
	})
	_ = p.Set("nextTick", r.webMember("nextTick"))
	_ = p.Set("emitWarning", func(c goja.FunctionCall) goja.Value {
		r.log("warn", vm.NewArray(vm.ToValue("(node) Warning:"), c.Argument(0)))
		return goja.Undefined()
	})
	// No terminal: what is written to stdout or stderr becomes a console line of the run (a
	// trailing newline dropped), as Auth0 shows an Action's output in its logs.
	for _, out := range []struct {
		name, level string
		fd          int
	}{{"stdout", "log", 1}, {"stderr", "error", 2}} {
		s := vm.NewObject()
		_ = s.Set("fd", out.fd)
		_ = s.Set("writable", true)
		_ = s.Set("write", func(c goja.FunctionCall) goja.Value {
			var text goja.Value = c.Argument(0)
			if b, ok := r.bytesOf(text); ok {
				text = vm.ToValue(utf8Text(b))
			}
			str := strings.TrimSuffix(text.String(), "\n")
			r.log(out.level, vm.NewArray(vm.ToValue(str)))
			for _, a := range c.Arguments[1:] {
				if _, ok := goja.AssertFunction(a); ok {
					tick, _ := goja.AssertFunction(r.webMember("nextTick"))
					if _, err := tick(goja.Undefined(), a); err != nil {
						panic(err)
					}
				}
			}
			return vm.ToValue(true)
		})
		for _, k := range []string{"on", "once", "off", "addListener", "removeListener", "end"} {
			_ = s.Set(k, func(goja.FunctionCall) goja.Value { return s })
		}
		_ = p.Set(out.name, s)
	}
	for _, k := range []string{"on", "once", "off", "addListener", "removeListener", "removeAllListeners"} {
		_ = p.Set(k, func(c goja.FunctionCall) goja.Value { return p })
	}
	return p
}

// timersModule has the same simulated-clock timers as the module wrapper's.
func (r *run) timersModule(exports *goja.Object) goja.Value {
	_ = exports.Set("setTimeout", r.setTimeout(false))
	_ = exports.Set("clearTimeout", r.clearTimeout)
	_ = exports.Set("setInterval", r.setTimeout(true))
	_ = exports.Set("clearInterval", r.clearTimeout)
	_ = exports.Set("setImmediate", r.setImmediate)
	_ = exports.Set("clearImmediate", r.clearTimeout)
	return nil
}

// uncaughtError keeps the first error a microtask or nextTick callback threw: in Node it would end
// the process, here it fails the Action.
func (r *run) uncaughtError(c goja.FunctionCall) goja.Value {
	if r.uncaught == nil {
		r.uncaught = c.Argument(0)
	}
	return goja.Undefined()
}
