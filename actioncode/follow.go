package actioncode

import (
	"fmt"
	"sort"
	"strings"

	"github.com/dop251/goja/ast"
)

// Following the event into functions: when the event or a path below it is passed to a function the
// file defines (a function declaration, a name initialised once with a function or arrow literal, a
// method of a const object literal, a function literal called where it is written), the function's
// body is read with the receiving parameter bound to that path, so a test inside it is a Read of the
// full path, as if written where the call is. A literal passed along (or to a helper that reads the
// event itself) is bound too, as the operand of the tests it meets. Each (function, bindings) pair is read once, and at
// most maxFollow calls deep, so recursion ends. What cannot be followed is a Gap saying why.

// maxFollow bounds the chain of followed calls; maxFollows the functions read with bindings in all
// (a file whose helpers call each other with ever other paths would otherwise take seconds).
const (
	maxFollow  = 8
	maxFollows = 500
)

// binding is what a name means inside a followed function: a path below event (ok), or nothing
// (!ok: a name that shadows a binding, or "event" redeclared).
type binding struct {
	path string
	ok   bool
	// param marks a parameter, which any declaration of the same name in a nested function
	// shadows; a local alias is declared once in the function, so nothing shadows it.
	param bool
	// lit is the literal a parameter received (hasRole(event, 'admin')), when isLit.
	lit   any
	isLit bool
}

type env map[string]binding

// key names the bindings, for telling calls apart; paths only, when literals is false.
func (e env) key(literals bool) string {
	names := make([]string, 0, len(e))
	for n, b := range e {
		switch {
		case b.ok:
			names = append(names, n+"="+b.path)
		case b.isLit && literals:
			names = append(names, fmt.Sprintf("%s=%T:%v", n, b.lit, b.lit))
		}
	}
	sort.Strings(names)
	return strings.Join(names, ",")
}

// run reads the whole program. Helpers met outside any binding are read last, on their own, unless
// they were followed with a binding (reading a helper whose parameter is called event as if it
// received the whole event is right only when nothing says otherwise). Whether a helper is followed
// is known only once everything is read, so the reading is repeated until that set is stable.
func (r *reader) run() {
	var known map[ast.Node]bool
	for pass := 0; pass < 4; pass++ {
		r.reads, r.gaps, r.gapSeen = map[string]*Read{}, nil, map[string]bool{}
		r.done, r.followed, r.known = map[string]int{}, map[ast.Node]bool{}, known
		r.deep, r.reached = map[int]string{}, map[string]bool{}
		r.scanned, r.inlined, r.deferred, r.env, r.depth = map[ast.Node]bool{}, map[ast.Node]bool{}, nil, nil, 0
		r.onStack, r.follows, r.scope = map[ast.Node]string{}, 0, nil
		r.tested = map[*ast.CallExpression]bool{}
		r.scan(r.a.prog)
		for i := 0; i < len(r.deferred); i++ {
			fn := r.deferred[i]
			if r.scanned[fn] || r.followed[fn] || r.known[fn] {
				continue
			}
			r.scanned[fn] = true
			r.scan(fn)
		}
		if len(r.deep) > 0 {
			gaps := r.gaps[:0:0]
			for i, g := range r.gaps {
				if r.deep[i] == "" || !r.reached[r.deep[i]] {
					gaps = append(gaps, g)
				}
			}
			r.gaps = gaps
		}
		if sameNodes(known, r.followed) {
			return
		}
		known = r.followed
	}
}

func sameNodes(a, b map[ast.Node]bool) bool {
	if len(a) != len(b) {
		return false
	}
	for n := range a {
		if !b[n] {
			return false
		}
	}
	return true
}

// gap records a gap once per path and reason; it reports whether it is new.
func (r *reader) gap(p, why string, at ast.Node) bool {
	if r.gapSeen[p+why] {
		return false
	}
	r.gapSeen[p+why] = true
	r.gaps = append(r.gaps, Gap{Path: p, Why: why, Offset: int(at.Idx0()) - 1})
	return true
}

// scan walks root under r.env, recording reads and gaps, and follows calls.
func (r *reader) scan(root ast.Node) {
	inspect(root, func(n ast.Node) bool {
		switch n.(type) {
		case *ast.FunctionLiteral, *ast.ArrowFunctionLiteral:
			if n == root {
				return true
			}
			if r.inlined[n] {
				return false
			}
			if len(r.env) == 0 {
				if r.a.helpers[n] {
					r.deferred = append(r.deferred, n)
					return false
				}
				return true
			}
			// A function written inside a followed one sees its bindings, less those it redeclares.
			saved := r.env
			r.env = shadow(saved, n)
			r.scan(n)
			r.env = saved
			return false
		case *ast.BracketExpression:
			b := n.(*ast.BracketExpression)
			if _, ok := r.literal(b.Member); !ok {
				if p, ok := r.path(b.Left, 0); ok {
					r.gap(p+"[]", "a computed key", b)
				}
			}
		case *ast.CallExpression:
			r.call(n.(*ast.CallExpression))
		}
		r.visit(n)
		return true
	})
}

// shadow returns e less the parameters that fn declares again (its own parameters or declarations).
func shadow(e env, fn ast.Node) env {
	declared := declaredNames(fn)
	var out env
	for name, b := range e {
		if b.param && declared[name] {
			if out == nil {
				out = env{}
				for k, v := range e {
					out[k] = v
				}
			}
			out[name] = binding{}
		}
	}
	if out == nil {
		return e
	}
	return out
}

// declaredNames returns the names declared anywhere in n: parameters, variables, functions, catch
// parameters.
func declaredNames(n ast.Node) map[string]bool {
	out := map[string]bool{}
	add := func(names []string) {
		for _, s := range names {
			out[s] = true
		}
	}
	inspect(n, func(c ast.Node) bool {
		switch c := c.(type) {
		case *ast.Binding:
			add(bindingNames(c.Target, nil))
		case *ast.ParameterList:
			if c.Rest != nil {
				add(bindingNames(c.Rest, nil))
			}
		case *ast.FunctionDeclaration:
			if c.Function != nil && c.Function.Name != nil {
				out[c.Function.Name.Name.String()] = true
			}
		case *ast.CatchStatement:
			if !isNil(c.Parameter) {
				add(bindingNames(c.Parameter, nil))
			}
		case *ast.ForDeclaration:
			add(bindingNames(c.Target, nil))
		}
		return true
	})
	return out
}

// objectFields are the event's fields that hold objects or lists: handing one of them to a function
// whose code is not known may hide tests of what is below. A scalar handed to one (a message for
// api.access.deny, new Date(event.user.created_at)) is not reported.
var objectFields = map[string]bool{
	"user": true, "app_metadata": true, "user_metadata": true, "client": true, "metadata": true,
	"organization": true, "authorization": true, "roles": true, "request": true, "geoip": true,
	"query": true, "body": true, "transaction": true, "connection": true, "stats": true,
	"authentication": true, "riskAssessment": true, "assessments": true, "tenant": true,
	"resource_server": true, "identities": true, "session": true, "refresh_token": true,
	"security_context": true,
}

func objectPath(p string) bool {
	return p == "" || objectFields[p[strings.LastIndex(p, ".")+1:]]
}

// call follows a call that passes the event or a path below it to a function of the file, or
// records why it cannot.
func (r *reader) call(n *ast.CallExpression) {
	type passed struct {
		i    int
		path string
		node ast.Expression
	}
	var args []passed
	spread := -1
	for i, arg := range n.ArgumentList {
		if s, ok := arg.(*ast.SpreadElement); ok {
			if spread < 0 {
				spread = i
			}
			if p, ok := r.path(s.Expression, 0); ok {
				args = append(args, passed{i, p, arg})
			}
			continue
		}
		if p, ok := r.path(arg, 0); ok {
			args = append(args, passed{i, p, arg})
		}
	}
	if len(args) == 0 && (len(n.ArgumentList) == 0 || r.a.callee(n.Callee) == nil) {
		return // no path passed, and no literal passed to a function of the file
	}
	if r.builtin(n.Callee) {
		return
	}
	if obj, m, _, ok := member(n.Callee); ok {
		if _, ok := r.path(obj, 0); ok {
			return // a method of an event path itself (roles.includes(...)): visit reads it
		}
		if m == "call" || m == "apply" || m == "bind" {
			if fn := r.a.callee(obj); fn != nil {
				for _, a := range args {
					r.gap(a.path, fmt.Sprintf("passed to %s through .%s, whose reads are not followed", r.name(obj), m), a.node)
				}
				return
			}
		}
	}
	fn := r.a.callee(n.Callee)
	if fn == nil {
		for _, a := range args {
			if objectPath(a.path) {
				r.gap(a.path, fmt.Sprintf("passed to %s, %s, whose reads are not followed", r.name(n.Callee), r.unknown(n.Callee)), a.node)
			}
		}
		return
	}
	name := r.name(n.Callee)
	params := paramsOf(fn)
	inline := fn == unwrap(n.Callee)
	next := env{}
	if inline || r.scope != nil && fn != r.scope && fn.Idx0() >= r.scope.Idx0() && fn.Idx1() <= r.scope.Idx1() {
		// a function written where it is called, or inside the function being read, also sees the
		// bindings around it
		for k, v := range shadow(r.env, fn) {
			next[k] = v
		}
	}
	bound := false
	for _, a := range args {
		switch {
		case spread >= 0 && a.i >= spread:
			r.gap(a.path, fmt.Sprintf("passed to %s through a spread argument, whose reads are not followed", name), a.node)
		case params != nil && a.i < len(params.List):
			if bindParam(next, params.List[a.i].Target, a.path) {
				bound = true
			} else {
				r.gap(a.path, fmt.Sprintf("passed to %s, whose parameter there is not a name or an object pattern; its reads are not followed", name), a.node)
			}
		case params != nil && params.Rest != nil:
			r.gap(a.path, fmt.Sprintf("passed to %s's rest parameter, whose reads are not followed", name), a.node)
		}
	}
	// the literals passed with the paths, or to a helper that reads the event itself, are tests'
	// operands there: hasRole(event, 'admin') with roles.includes(role)
	for i, arg := range n.ArgumentList {
		if params == nil || i >= len(params.List) || spread >= 0 && i >= spread {
			break
		}
		id, ok := params.List[i].Target.(*ast.Identifier)
		if !ok {
			continue
		}
		if _, isPath := r.path(arg, 0); isPath {
			continue
		}
		if v, ok := r.literal(arg); ok {
			next[id.Name.String()] = binding{lit: v, isLit: true, param: true}
			bound = true
		}
	}
	if !bound || len(args) == 0 && !r.mentionsEvent(fn) {
		return // literals alone matter only to a helper that reads the event itself
	}
	unassigned(next, fn)
	tested := r.tested[n]
	pair := fmt.Sprintf("%p|%s", fn, next.key(true))
	key := fmt.Sprintf("%s|%v", pair, tested)
	if r.depth >= maxFollow {
		// kept only if the pair is not followed from a shallower call (run drops it then)
		for _, a := range args {
			if r.gap(a.path, fmt.Sprintf("passed to %s more than %d calls deep, whose reads are not followed", name, maxFollow), a.node) {
				r.deep[len(r.gaps)-1] = pair
			}
		}
		return
	}
	r.followed[fn] = true
	if inline {
		r.inlined[fn] = true
	}
	// a pair is read again when reached by a shorter chain, whose calls the bound may have cut
	if d, ok := r.done[key]; ok && d <= r.depth {
		return
	}
	if bindings, ok := r.onStack[fn]; ok {
		if bindings == next.key(false) {
			return // the same paths again (other literals, or tested where the other was not)
		}
		// a recursive call with other bindings (walk(node.child)): its reads are those already
		// seen, one level down; following each level would only stop at maxFollow
		for _, a := range args {
			r.gap(a.path, fmt.Sprintf("passed to %s recursively, whose reads at that depth are not followed", name), a.node)
		}
		return
	}
	if r.follows >= maxFollows {
		for _, a := range args {
			r.gap(a.path, fmt.Sprintf("passed to %s after %d other calls were followed, whose reads are not followed", name, maxFollows), a.node)
		}
		return
	}
	r.follows++
	r.done[key] = r.depth
	r.reached[pair] = true
	saved, savedScope := r.env, r.scope
	r.env, r.scope = next, fn
	r.depth++
	r.onStack[fn] = next.key(false)
	r.localAliases(fn)
	if tested {
		r.returned(fn, true)
	}
	r.scan(fn)
	if tested {
		r.returned(fn, false)
	}
	delete(r.onStack, fn)
	r.depth--
	r.env, r.scope = saved, savedScope
}

// returned handles what a followed function returns when its caller tests the result: a path is a
// truthiness test (const isAdmin = (u) => u.app_metadata.admin; if (isAdmin(event.user))), and a call
// is tested in turn (first, before the body is read, so that the call is followed as tested).
func (r *reader) returned(fn ast.Node, calls bool) {
	ret := func(e ast.Expression) {
		if calls {
			if c, ok := unwrap(awaited(e)).(*ast.CallExpression); ok {
				r.tested[c] = true
			}
			return
		}
		r.truthy(awaited(e))
	}
	if f, ok := fn.(*ast.ArrowFunctionLiteral); ok {
		if b, ok := f.Body.(*ast.ExpressionBody); ok {
			ret(b.Expression)
			return
		}
	}
	walk(fn, func(n ast.Node, depth int) bool {
		switch n := n.(type) {
		case *ast.FunctionLiteral, *ast.ArrowFunctionLiteral:
			return depth == 0
		case *ast.ReturnStatement:
			if n.Argument != nil {
				ret(n.Argument)
			}
		}
		return true
	})
}

func awaited(e ast.Expression) ast.Expression {
	if a, ok := unwrap(e).(*ast.AwaitExpression); ok {
		return a.Argument
	}
	return e
}

// builtins are the globals whose calls do not decide on what they are given (printing it, copying
// it, converting it), and api, whose methods take values from the event to set them. A call of one of
// these is no gap, unless the file declares the name.
var builtins = map[string]bool{
	"console": true, "JSON": true, "api": true, "Object": true, "Array": true, "String": true,
	"Number": true, "Boolean": true, "Math": true, "Date": true, "Promise": true, "Buffer": true,
	"encodeURIComponent": true, "encodeURI": true, "parseInt": true, "parseFloat": true,
	"structuredClone": true,
}

func (r *reader) builtin(callee ast.Expression) bool {
	e := unwrap(callee)
	for {
		obj, _, _, ok := member(e)
		if !ok {
			break
		}
		e = unwrap(obj)
	}
	id, ok := e.(*ast.Identifier)
	if !ok || !builtins[id.Name.String()] {
		return false
	}
	return id.Name == "api" || r.a.decls[id.Name.String()] == 0
}

// mentionsEvent reports whether the name event appears in fn.
func (r *reader) mentionsEvent(fn ast.Node) bool {
	if m, ok := r.mentions[fn]; ok {
		return m
	}
	found := false
	inspect(fn, func(n ast.Node) bool {
		if id, ok := n.(*ast.Identifier); ok && id.Name == "event" {
			found = true
		}
		return !found
	})
	r.mentions[fn] = found
	return found
}

// bindParam binds the names of a parameter that receives path p: the name itself, or the names an
// object pattern takes from it (function f({ user, client: { client_id } })); a default value
// changes nothing. It reports whether the parameter is one of these shapes.
func bindParam(e env, target ast.Expression, p string) bool {
	switch t := target.(type) {
	case *ast.Identifier:
		e[t.Name.String()] = binding{path: p, ok: true, param: true}
		return true
	case *ast.AssignExpression:
		return bindParam(e, t.Left, p)
	case *ast.ObjectPattern:
		for _, prop := range t.Properties {
			switch prop := prop.(type) {
			case *ast.PropertyShort:
				name := prop.Name.Name.String()
				e[name] = binding{path: join2(p, name), ok: true, param: true}
			case *ast.PropertyKeyed:
				if k := keyName(prop.Key); k != "" && !prop.Computed {
					bindParam(e, prop.Value, join2(p, k))
				}
			}
		}
		return true
	}
	return false
}

// unassigned drops the bindings of parameters that fn assigns to (e = e || {}): what they hold
// then depends on the path through the code.
func unassigned(e env, fn ast.Node) {
	inspect(fn, func(n ast.Node) bool {
		if as, ok := n.(*ast.AssignExpression); ok {
			if id, ok := as.Left.(*ast.Identifier); ok {
				if b, ok := e[id.Name.String()]; ok && b.param {
					e[id.Name.String()] = binding{}
				}
			}
		}
		return true
	})
}

// localAliases binds the names fn declares once in its own body, never assigns, and initialises
// with a path under the current bindings: const u = e.user, const { app_metadata } = u.
func (r *reader) localAliases(fn ast.Node) {
	count := map[string]int{}
	assigned := map[string]bool{}
	inspect(fn, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.Binding:
			for _, s := range bindingNames(n.Target, nil) {
				count[s]++
			}
		case *ast.ParameterList:
			if n.Rest != nil {
				for _, s := range bindingNames(n.Rest, nil) {
					count[s]++
				}
			}
		case *ast.AssignExpression:
			if id, ok := n.Left.(*ast.Identifier); ok {
				assigned[id.Name.String()] = true
			}
		}
		return true
	})
	once := func(s string) bool { return count[s] == 1 && !assigned[s] }
	// not into nested functions, whose parameters may shadow the bindings: their consts are resolved
	// as they are read, under the bindings they see
	walk(fn, func(n ast.Node, depth int) bool {
		switch n.(type) {
		case *ast.FunctionLiteral, *ast.ArrowFunctionLiteral:
			return depth == 0
		}
		b, ok := n.(*ast.Binding)
		if !ok || b.Initializer == nil {
			return true
		}
		p, ok := r.path(b.Initializer, 0)
		if !ok {
			return true
		}
		switch t := b.Target.(type) {
		case *ast.Identifier:
			if once(t.Name.String()) {
				r.env[t.Name.String()] = binding{path: p, ok: true}
			}
		case *ast.ObjectPattern:
			for _, prop := range t.Properties {
				switch prop := prop.(type) {
				case *ast.PropertyShort:
					if s := prop.Name.Name.String(); once(s) {
						r.env[s] = binding{path: join2(p, s), ok: true}
					}
				case *ast.PropertyKeyed:
					if id, ok := prop.Value.(*ast.Identifier); ok && !prop.Computed && once(id.Name.String()) {
						r.env[id.Name.String()] = binding{path: join2(p, keyName(prop.Key)), ok: true}
					}
				}
			}
		}
		return true
	})
}

// name is the callee as written, for messages.
func (r *reader) name(callee ast.Expression) string {
	from, to := int(callee.Idx0())-1, int(callee.Idx1())-1
	if from < 0 || to > len(r.a.src) || from >= to {
		return "a function"
	}
	s := strings.Join(strings.Fields(r.a.src[from:to]), " ")
	if len(s) > 40 {
		s = s[:37] + "..."
	}
	return s
}

// unknown says why a callee is not a function of this file.
func (r *reader) unknown(callee ast.Expression) string {
	e := unwrap(callee)
	if obj, _, _, ok := member(e); ok {
		e = unwrap(obj)
		for {
			o, _, _, ok := member(e)
			if !ok {
				break
			}
			e = unwrap(o)
		}
	}
	id, ok := e.(*ast.Identifier)
	if !ok {
		return "a function value this file computes"
	}
	name := id.Name.String()
	switch {
	case r.a.decls[name] == 0:
		return "which this file does not define"
	case r.fromRequire(name):
		return "which comes from require()"
	case r.a.decls[name] > 1:
		return "a name this file declares more than once"
	}
	return "a value this file does not define as a function"
}

// fromRequire reports whether name is initialised with require(...) (or a member of it), or is
// destructured from it.
func (r *reader) fromRequire(name string) bool {
	isRequire := func(e ast.Expression) bool {
		for i := 0; i < 8; i++ {
			e = unwrap(e)
			if aw, ok := e.(*ast.AwaitExpression); ok {
				e = aw.Argument
				continue
			}
			if c, ok := e.(*ast.CallExpression); ok {
				id, ok := unwrap(c.Callee).(*ast.Identifier)
				return ok && (id.Name == "require" || id.Name == "import")
			}
			obj, _, _, ok := member(e)
			if !ok {
				return false
			}
			e = obj
		}
		return false
	}
	if init, ok := r.a.inits[name]; ok {
		return isRequire(init)
	}
	if r.required == nil {
		r.required = map[string]bool{}
		inspect(r.a.prog, func(n ast.Node) bool {
			if b, ok := n.(*ast.Binding); ok && b.Initializer != nil && isRequire(b.Initializer) {
				for _, s := range bindingNames(b.Target, nil) {
					r.required[s] = true
				}
			}
			return true
		})
	}
	return r.required[name]
}
