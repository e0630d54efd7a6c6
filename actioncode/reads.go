package actioncode

import (
	"fmt"
	"sort"
	"strings"

	"github.com/dop251/goja/ast"
	"github.com/dop251/goja/parser"
	"github.com/dop251/goja/token"
)

// Read is one path below event that the code tests, and how: the literal values it compares the
// path with (===, !==, ==, !=, switch cases, [..].includes(path), and both sides of a numeric
// threshold such as > 5), the literals it looks for in it when
// it is a list (path.includes(literal)), and whether it tests it for truthiness (if, !, &&, ||, ?:).
type Read struct {
	// Path is below event, dotted: "user.app_metadata.isAdmin", "authorization.roles".
	Path string
	// Values are the literals compared with the path, in source order, each once (string, float64
	// or bool).
	Values []any
	// Contains are the literals the code looks for in the path as a list, in source order.
	Contains []any
	// Truthy is true when the code tests the path for truthiness.
	Truthy bool
}

// Gap is a read of the event that the analysis cannot resolve: explore does not vary what it reads.
type Gap struct {
	// Path is below event ("" for event itself), with [] for a computed key: "user.app_metadata[]".
	Path string
	// Why says what the code does there.
	Why string
	// Offset is where, in the source.
	Offset int
}

// EventGaps lists the reads of the event the analysis cannot follow, in source order: a computed key
// below an event path (event.user.app_metadata[flag]), and the event or a part of it handed to a
// function whose reads are not followed (one the file does not define, one called through .call,
// .apply or a spread, a rest parameter; see follow.go). A function this file defines is followed
// instead. It never panics; code that does not parse has none.
func EventGaps(src []byte) []Gap {
	_, gaps := EventAnalysis(src)
	return gaps
}

// EventReads lists the paths below the handler's event that the code of an Action tests, sorted by
// path. Reads through aliases are followed: a name initialised once with a path
// (const user = event.user), and object destructuring of a path (const { user } = event); so are
// reads inside a function of the file the event or a path is passed to (follow.go). Reads that
// cannot be resolved (computed property names, values passed to functions the file does not define)
// are not listed. It never panics; code that does not parse has no reads.
func EventReads(src []byte) []Read {
	reads, _ := EventAnalysis(src)
	return reads
}

// EventAnalysis is EventReads and EventGaps from one parse and one pass over the code.
func EventAnalysis(src []byte) (reads []Read, gaps []Gap) {
	defer func() {
		if r := recover(); r != nil {
			reads, gaps = nil, nil
		}
	}()
	r := newReader(src)
	if r == nil {
		return nil, nil
	}
	r.run()
	for _, rd := range r.reads {
		reads = append(reads, *rd)
	}
	sort.Slice(reads, func(i, j int) bool { return reads[i].Path < reads[j].Path })
	gaps = append(gaps, r.gaps...)
	sort.SliceStable(gaps, func(i, j int) bool { return gaps[i].Offset < gaps[j].Offset })
	return reads, gaps
}

// newReader parses src and collects its aliases of event paths; nil when the code does not parse.
func newReader(src []byte) *reader {
	s := string(src)
	if precheck(s) != nil {
		return nil
	}
	prog, err := ParseJS("", s, parser.IgnoreRegExpErrors, parser.WithDisableSourceMaps)
	if err != nil {
		return nil
	}
	a := newAnalyzer(s, prog)
	if a.collectDecls() != nil {
		return nil
	}
	r := &reader{a: a, aliases: map[string]string{}, mentions: map[ast.Node]bool{}}
	r.eventParams()
	r.collectAliases()
	return r
}

// paramsOf is the parameter list of a function or arrow literal, nil for anything else.
func paramsOf(fn ast.Node) *ast.ParameterList {
	switch f := fn.(type) {
	case *ast.FunctionLiteral:
		return f.ParameterList
	case *ast.ArrowFunctionLiteral:
		return f.ParameterList
	}
	return nil
}

// eventParams makes the handlers' first parameter the event whatever it is named (async (ev, api)
// => …), when no other declaration in the file uses that name.
func (r *reader) eventParams() {
	names := map[string]int{}
	for _, h := range []string{"onExecutePostLogin", "onContinuePostLogin"} {
		_, fn := r.a.handler(h)
		params := paramsOf(fn)
		if params == nil || len(params.List) == 0 {
			continue
		}
		if id, ok := params.List[0].Target.(*ast.Identifier); ok && id.Name != "event" {
			names[id.Name.String()]++
		}
	}
	for name, n := range names {
		if r.a.decls[name] == n {
			r.aliases[name] = ""
		}
	}
}

type reader struct {
	a *analyzer
	// aliases maps a name bound once by destructuring a path to its path.
	aliases map[string]string
	reads   map[string]*Read
	gaps    []Gap
	gapSeen map[string]bool

	// The state of following the event into functions (follow.go), reset for each pass of run.
	//
	// env binds the names of the function being read to the paths passed to it; scope is that
	// function (one written inside it and followed from it sees env too); depth counts the nested
	// follows and follows all of them in this pass.
	env            env
	scope          ast.Node
	depth, follows int
	// done holds the depth at which each (function, bindings, tested) was read; reached the
	// (function, bindings) pairs read at all; deep the indexes in gaps of calls cut by maxFollow,
	// with their pair (dropped when the pair is reached another way); onStack the functions being
	// read, with their bindings.
	done    map[string]int
	reached map[string]bool
	deep    map[int]string
	onStack map[ast.Node]string
	// followed marks the functions read with bindings in this pass, known those of the previous
	// pass; deferred lists the helpers met outside any binding, read on their own at the end
	// (scanned: already); inlined marks the function literals called where they are written and
	// followed, so not walked again.
	followed, known  map[ast.Node]bool
	scanned, inlined map[ast.Node]bool
	deferred         []ast.Node
	// tested marks the calls whose result the code tests for truthiness.
	tested map[*ast.CallExpression]bool
	// required holds the names destructured from require(...), once asked; mentions whether a
	// function uses the name event.
	required map[string]bool
	mentions map[ast.Node]bool
}

// collectAliases records the names bound by object destructuring of an event path.
func (r *reader) collectAliases() {
	inspect(r.a.prog, func(n ast.Node) bool {
		b, ok := n.(*ast.Binding)
		if !ok || b.Initializer == nil {
			return true
		}
		pat, ok := b.Target.(*ast.ObjectPattern)
		if !ok {
			return true
		}
		base, ok := r.path(b.Initializer, 0)
		if !ok {
			return true
		}
		for _, p := range pat.Properties {
			switch p := p.(type) {
			case *ast.PropertyShort:
				name := p.Name.Name.String()
				if r.a.decls[name] == 1 {
					r.aliases[name] = join2(base, name)
				}
			case *ast.PropertyKeyed:
				if id, ok := p.Value.(*ast.Identifier); ok && !p.Computed && r.a.decls[id.Name.String()] == 1 {
					r.aliases[id.Name.String()] = join2(base, keyName(p.Key))
				}
			}
		}
		return true
	})
}

func join2(base, name string) string {
	if base == "" {
		return name
	}
	return base + "." + name
}

// path resolves an expression to a path below event ("" for event itself).
func (r *reader) path(e ast.Expression, depth int) (string, bool) {
	if depth > 32 || e == nil {
		return "", false
	}
	e = unwrap(e)
	if id, ok := e.(*ast.Identifier); ok {
		name := id.Name.String()
		if b, ok := r.env[name]; ok {
			return b.path, b.ok
		}
		if name == "event" {
			return "", true
		}
		if p, ok := r.aliases[name]; ok {
			return p, true
		}
		if init, ok := r.a.consts[name]; ok && r.a.decls[name] == 1 {
			return r.path(init, depth+1)
		}
		return "", false
	}
	obj, name, _, ok := member(e)
	if !ok {
		return "", false
	}
	base, ok := r.path(obj, depth+1)
	if !ok {
		return "", false
	}
	return join2(base, name), true
}

// eventPath is path for a non-root path.
func (r *reader) eventPath(e ast.Expression) (string, bool) {
	p, ok := r.path(e, 0)
	return p, ok && p != ""
}

func (r *reader) read(p string) *Read {
	rd := r.reads[p]
	if rd == nil {
		rd = &Read{Path: p}
		r.reads[p] = rd
	}
	return rd
}

func addValue(list []any, v any) []any {
	for _, x := range list {
		if x == v {
			return list
		}
	}
	return append(list, v)
}

// literal returns the value of a string, number or boolean literal, or of a const initialised with one.
func (r *reader) literal(e ast.Expression) (any, bool) {
	if id, ok := unwrap(e).(*ast.Identifier); ok {
		if b, ok := r.env[id.Name.String()]; ok {
			return b.lit, b.isLit
		}
	}
	e = r.a.resolveConst(unwrap(e))
	if s, ok := literalString(e); ok {
		return s, true
	}
	switch v := e.(type) {
	case *ast.NumberLiteral:
		switch n := v.Value.(type) {
		case int64:
			return float64(n), true
		case float64:
			return n, true
		}
	case *ast.BooleanLiteral:
		return v.Value, true
	}
	return nil, false
}

// threshold records a comparison of a path with a number: the values on both sides of the boundary
// (event.stats.logins_count > 5 gives 5 and 6). A path's length compared with a number is a test of
// the list being empty or not.
func (r *reader) threshold(n *ast.BinaryExpression) {
	op, pathSide, numSide := n.Operator, n.Left, n.Right
	if _, ok := r.eventPath(pathSide); !ok {
		pathSide, numSide = n.Right, n.Left
		op = map[token.Token]token.Token{token.LESS: token.GREATER, token.LESS_OR_EQUAL: token.GREATER_OR_EQUAL,
			token.GREATER: token.LESS, token.GREATER_OR_EQUAL: token.LESS_OR_EQUAL}[op]
	}
	p, ok := r.eventPath(pathSide)
	if !ok {
		return
	}
	v, ok := r.literal(numSide)
	num, isNum := v.(float64)
	if !ok || !isNum {
		return
	}
	if strings.HasSuffix(p, ".length") {
		r.read(strings.TrimSuffix(p, ".length")).Truthy = true
		return
	}
	rd := r.read(p)
	switch op {
	case token.GREATER, token.LESS_OR_EQUAL: // the boundary is between num and num+1
		rd.Values = addValue(addValue(rd.Values, num), num+1)
	default: // <, >=: between num-1 and num
		rd.Values = addValue(addValue(rd.Values, num-1), num)
	}
}

func (r *reader) truthy(e ast.Expression) {
	if c, ok := unwrap(awaited(e)).(*ast.CallExpression); ok && r.tested != nil {
		r.tested[c] = true // what a followed helper returns is tested too (follow.go)
	}
	if p, ok := r.eventPath(e); ok {
		if strings.HasSuffix(p, ".length") {
			r.read(strings.TrimSuffix(p, ".length")).Truthy = true
			return
		}
		r.read(p).Truthy = true
	}
}

func (r *reader) visit(n ast.Node) {
	switch n := n.(type) {
	case *ast.BinaryExpression:
		switch n.Operator {
		case token.STRICT_EQUAL, token.STRICT_NOT_EQUAL, token.EQUAL, token.NOT_EQUAL:
			for _, pair := range [2][2]ast.Expression{{n.Left, n.Right}, {n.Right, n.Left}} {
				if p, ok := r.eventPath(pair[0]); ok {
					if v, ok := r.literal(pair[1]); ok {
						rd := r.read(p)
						rd.Values = addValue(rd.Values, v)
					}
				}
			}
		case token.LOGICAL_AND, token.LOGICAL_OR:
			r.truthy(n.Left)
			r.truthy(n.Right)
		case token.IN:
			// event.client.client_id in ALLOWED: the path tested against the constant object's keys.
			if p, ok := r.eventPath(n.Left); ok {
				r.lookup(p, n.Right)
				return
			}
			// 'isAdmin' in event.user.app_metadata: the key present or absent.
			if k, ok := r.literal(n.Left); ok {
				if ks, ok := k.(string); ok {
					if p, ok := r.path(n.Right, 0); ok {
						r.read(join2(p, ks)).Truthy = true
					}
				}
			}
		case token.LESS, token.LESS_OR_EQUAL, token.GREATER, token.GREATER_OR_EQUAL:
			r.threshold(n)
		}
	case *ast.UnaryExpression:
		if n.Operator == token.NOT {
			r.truthy(n.Operand)
		}
	case *ast.IfStatement:
		r.truthy(n.Test)
	case *ast.ConditionalExpression:
		r.truthy(n.Test)
	case *ast.SwitchStatement:
		if p, ok := r.eventPath(n.Discriminant); ok {
			rd := r.read(p)
			for _, c := range n.Body {
				if c.Test == nil {
					continue
				}
				if v, ok := r.literal(c.Test); ok {
					rd.Values = addValue(rd.Values, v)
				}
			}
		}
	case *ast.BracketExpression:
		// FACTOR[event.user.app_metadata.role]: a lookup in a constant object tests the path against
		// its keys.
		if p, ok := r.eventPath(n.Member); ok {
			r.lookup(p, n.Left)
		}
	case *ast.CallExpression:
		obj, name, _, ok := member(n.Callee)
		if !ok || len(n.ArgumentList) == 0 {
			return
		}
		switch name {
		case "has", "hasOwnProperty", "get":
			// ALLOWED.has(path) on a constant Set or Map, FACTOR.hasOwnProperty(path),
			// FACTOR_BY_ROLE.get(path) on a constant Map.
			if p, ok := r.eventPath(n.ArgumentList[0]); ok {
				r.lookup(p, obj)
			}
			return
		case "hasOwn":
			// Object.hasOwn(FACTOR, path).
			if id, ok := unwrap(obj).(*ast.Identifier); ok && id.Name == "Object" && len(n.ArgumentList) == 2 {
				if p, ok := r.eventPath(n.ArgumentList[1]); ok {
					r.lookup(p, n.ArgumentList[0])
				}
			}
			return
		case "includes":
		default:
			return
		}
		if p, ok := r.eventPath(obj); ok {
			if v, ok := r.literal(n.ArgumentList[0]); ok {
				rd := r.read(p)
				rd.Contains = addValue(rd.Contains, v)
			}
			return
		}
		if p, ok := r.eventPath(n.ArgumentList[0]); ok {
			if arr, ok := r.a.resolveConst(unwrap(obj)).(*ast.ArrayLiteral); ok {
				rd := r.read(p)
				for _, el := range arr.Value {
					if v, ok := r.literal(el); ok {
						rd.Values = addValue(rd.Values, v)
					}
				}
			}
		}
	}
}

// lookup records a path used as a key of a constant collection: an object literal, a
// new Set([...]) of literals, or a new Map([[key, value], ...]) with literal keys, held in a const
// declared once. The path takes the collection's keys as values (and, as for any compared path,
// some other value). A collection whose keys cannot all be read (a spread, a computed key) gives
// what it can.
func (r *reader) lookup(p string, coll ast.Expression) {
	keys, ok := r.constKeys(coll)
	if !ok {
		return
	}
	rd := r.read(p)
	for _, k := range keys {
		rd.Values = addValue(rd.Values, k)
	}
}

// constKeys returns the literal keys of a constant collection (see lookup), in source order.
func (r *reader) constKeys(e ast.Expression) ([]any, bool) {
	var keys []any
	switch c := r.a.resolveConst(unwrap(e)).(type) {
	case *ast.ObjectLiteral:
		for _, p := range c.Value {
			switch p := p.(type) {
			case *ast.PropertyKeyed:
				if p.Computed {
					if v, ok := r.literal(p.Key); ok {
						keys = append(keys, fmt.Sprint(v))
					}
					continue
				}
				if k := keyName(p.Key); k != "" {
					keys = append(keys, k)
				}
			case *ast.PropertyShort:
				keys = append(keys, p.Name.Name.String())
			}
		}
	case *ast.NewExpression:
		id, ok := unwrap(c.Callee).(*ast.Identifier)
		if !ok || (id.Name != "Set" && id.Name != "Map") || len(c.ArgumentList) != 1 {
			return nil, false
		}
		arr, ok := r.a.resolveConst(unwrap(c.ArgumentList[0])).(*ast.ArrayLiteral)
		if !ok {
			return nil, false
		}
		for _, el := range arr.Value {
			if id.Name == "Map" {
				pair, ok := unwrap(el).(*ast.ArrayLiteral)
				if !ok || len(pair.Value) == 0 {
					continue
				}
				el = pair.Value[0]
			}
			if v, ok := r.literal(el); ok {
				keys = append(keys, v)
			}
		}
	default:
		return nil, false
	}
	return keys, len(keys) > 0
}

// String describes a read for messages and tests: path, values, contains, truthy.
func (rd Read) String() string {
	var b strings.Builder
	b.WriteString(rd.Path)
	if len(rd.Values) > 0 {
		fmt.Fprintf(&b, " = %v", rd.Values)
	}
	if len(rd.Contains) > 0 {
		fmt.Fprintf(&b, " includes %v", rd.Contains)
	}
	if rd.Truthy {
		b.WriteString(" truthy")
	}
	return b.String()
}
