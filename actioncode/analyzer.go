package actioncode

import (
	"strings"

	"github.com/dop251/goja/ast"
)

// analyzer holds what one Analyze call learns about a program.
type analyzer struct {
	src  []byte
	prog *ast.Program

	// decls counts declarations (variables, parameters, functions) per name; consts holds the
	// initializer of names declared exactly once with const.
	decls  map[string]int
	consts map[string]ast.Expression
	// inits holds the initializer of names declared exactly once (const, let or var).
	inits map[string]ast.Expression
	// aware marks names whose value depends on the user's enrolled factors.
	aware map[string]bool
	// funcs maps helper names to their function (declarations, and const/let/var bound to a
	// function or arrow literal), when the name is declared once.
	funcs map[string]ast.Node
	// helperLits marks function literals that are helpers, so they are analysed at call sites.
	helperLits map[ast.Node]bool

	calls  []Call
	callAt map[*ast.CallExpression]int

	budget int
}

func newAnalyzer(src []byte, prog *ast.Program) *analyzer {
	return &analyzer{src: src, prog: prog, decls: map[string]int{}, consts: map[string]ast.Expression{}, inits: map[string]ast.Expression{}, aware: map[string]bool{},
		funcs: map[string]ast.Node{}, helperLits: map[ast.Node]bool{}, callAt: map[*ast.CallExpression]int{}, budget: 200000}
}

func (a *analyzer) run() *Analysis {
	a.collectDecls()
	a.collectAware()
	a.collectCalls()
	an := &Analysis{}
	an.ExecuteHandler, _ = a.handler("onExecutePostLogin")
	an.ContinueHandler, _ = a.handler("onContinuePostLogin")
	if _, fn := a.handler("onContinuePostLogin"); fn != nil {
		a.evaluate(fn, "onContinuePostLogin")
	}
	if _, fn := a.handler("onExecutePostLogin"); fn != nil {
		exit := a.evaluate(fn, "onExecutePostLogin")
		if exit.reachable {
			an.MinCommands = exit.min
			an.MaxCommands = exit.max
			if exit.max >= inf {
				an.MaxCommands = Unbounded
			}
			an.ChallengesOnEveryPath = !exit.noChal
		}
	}
	sortCalls(a.calls)
	an.Calls = a.calls
	return an
}

// collectDecls records every declared name, const initializers and helper functions.
func (a *analyzer) collectDecls() {
	type pending struct {
		name string
		init ast.Expression
		kind string
	}
	var ps []pending
	declare := func(target ast.Node, init ast.Expression, kind string) {
		if id, ok := target.(*ast.Identifier); ok {
			a.decls[string(id.Name)]++
			ps = append(ps, pending{string(id.Name), init, kind})
			return
		}
		// Destructuring: count every identifier it binds.
		inspect(target, func(n ast.Node) bool {
			if id, ok := n.(*ast.Identifier); ok {
				a.decls[string(id.Name)]++
			}
			return true
		})
	}
	inspect(a.prog, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.LexicalDeclaration:
			kind := "let"
			if n.Token.String() == "const" {
				kind = "const"
			}
			for _, b := range n.List {
				declare(b.Target, b.Initializer, kind)
			}
		case *ast.VariableStatement:
			for _, b := range n.List {
				declare(b.Target, b.Initializer, "var")
			}
		case *ast.ForLoopInitializerVarDeclList:
			for _, b := range n.List {
				declare(b.Target, nil, "var")
			}
		case *ast.ForLoopInitializerLexicalDecl:
			for _, b := range n.LexicalDeclaration.List {
				declare(b.Target, nil, "let")
			}
		case *ast.ForDeclaration:
			declare(n.Target, nil, "let")
		case *ast.FunctionDeclaration:
			if n.Function.Name != nil {
				name := string(n.Function.Name.Name)
				a.decls[name]++
				ps = append(ps, pending{name, n.Function, "function"})
			}
		case *ast.ParameterList:
			for _, b := range n.List {
				declare(b.Target, nil, "param")
			}
			if n.Rest != nil {
				declare(n.Rest, nil, "param")
			}
		case *ast.CatchStatement:
			if n.Parameter != nil {
				declare(n.Parameter, nil, "param")
			}
		}
		return true
	})
	for _, p := range ps {
		if a.decls[p.name] != 1 || p.init == nil {
			continue
		}
		if p.kind == "const" {
			a.consts[p.name] = p.init
		}
		if p.kind != "param" {
			a.inits[p.name] = p.init
		}
		switch f := p.init.(type) {
		case *ast.FunctionLiteral, *ast.ArrowFunctionLiteral:
			if p.kind != "param" {
				a.funcs[p.name] = f
				a.helperLits[f] = true
			}
		}
	}
}

// resolveConst follows identifiers to the initializer of a const declared once.
func (a *analyzer) resolveConst(e ast.Expression) ast.Expression {
	for i := 0; i < 10; i++ {
		id, ok := unwrap(e).(*ast.Identifier)
		if !ok {
			return unwrap(e)
		}
		init, ok := a.consts[string(id.Name)]
		if !ok {
			return id
		}
		e = init
	}
	return unwrap(e)
}

// methodOf returns the recorded method a call's callee names, if any.
func methodOf(callee ast.Expression) (Method, Span, bool) {
	path := memberPath(callee)
	if len(path) < 3 {
		return "", Span{}, false
	}
	tail := strings.Join(path[len(path)-2:], ".")
	for _, m := range methods {
		if string(m) == tail {
			var s Span
			if d, ok := unwrap(callee).(*ast.DotExpression); ok {
				s = span(&d.Identifier)
			} else {
				s = span(unwrap(callee))
			}
			return m, s, true
		}
	}
	return "", Span{}, false
}

// collectCalls finds every call of a recorded method and resolves its arguments. A call inside a
// loop is marked InLoop here; the path evaluation also marks calls it reaches in callbacks.
func (a *analyzer) collectCalls() {
	var visit func(n ast.Node, loop bool)
	visit = func(n ast.Node, loop bool) {
		if n == nil || isNilNode(n) {
			return
		}
		switch v := n.(type) {
		case *ast.ForStatement, *ast.ForInStatement, *ast.ForOfStatement, *ast.WhileStatement, *ast.DoWhileStatement:
			for _, c := range children(n) {
				visit(c, true)
			}
			return
		case *ast.CallExpression:
			if m, s, ok := methodOf(v.Callee); ok {
				call := Call{Method: m, Span: s, CallSpan: span(v), InLoop: loop}
				a.arguments(&call, v.ArgumentList)
				a.callAt[v] = len(a.calls)
				a.calls = append(a.calls, call)
			}
		}
		for _, c := range children(n) {
			visit(c, loop)
		}
	}
	visit(a.prog, false)
}

// arguments fills in a call's factors or string argument.
func (a *analyzer) arguments(call *Call, args []ast.Expression) {
	arg := func(i int) ast.Expression {
		if i < len(args) {
			return args[i]
		}
		return nil
	}
	switch call.Method {
	case ChallengeWith, EnrollWith:
		if e := arg(0); e != nil {
			a.factor(call, e, false)
		}
		if opts, ok := a.resolveConst(arg(1)).(*ast.ObjectLiteral); ok && arg(1) != nil {
			if v := property(opts, "additionalFactors"); v != nil {
				a.factorList(call, v, true)
			}
		} else if arg(1) != nil {
			call.Computed = append(call.Computed, span(arg(1)))
		}
	case ChallengeWithAny, EnrollWithAny:
		if e := arg(0); e != nil {
			a.factorList(call, e, false)
		}
	default:
		if e := arg(0); e != nil {
			if s, ok := a.stringValue(e); ok {
				call.StringArg, call.StringArgSet = s, true
			}
		}
	}
}

func (a *analyzer) factorList(call *Call, e ast.Expression, additional bool) {
	switch v := a.resolveConst(e).(type) {
	case *ast.ArrayLiteral:
		for _, el := range v.Value {
			if el == nil {
				continue
			}
			if sp, ok := el.(*ast.SpreadElement); ok {
				call.Computed = append(call.Computed, span(sp))
				continue
			}
			a.factor(call, el, additional)
		}
	default:
		call.Computed = append(call.Computed, span(e))
	}
}

func (a *analyzer) factor(call *Call, e ast.Expression, additional bool) {
	obj, ok := a.resolveConst(e).(*ast.ObjectLiteral)
	if !ok {
		call.Computed = append(call.Computed, span(e))
		return
	}
	t := property(obj, "type")
	if t == nil {
		call.Computed = append(call.Computed, span(e))
		return
	}
	typ, ok := a.stringValue(t)
	if !ok {
		call.Computed = append(call.Computed, span(t))
		return
	}
	ref := FactorRef{Type: typ, TypeSpan: span(t), Additional: additional}
	if o, ok := a.resolveConst(property(obj, "options")).(*ast.ObjectLiteral); ok {
		if pm := property(o, "preferredMethod"); pm != nil {
			if s, ok := a.stringValue(pm); ok {
				ref.PreferredMethod, ref.PreferredSpan = s, span(pm)
			}
		}
	}
	call.Factors = append(call.Factors, ref)
}

// stringValue returns the value of a string literal, a template without substitutions, or a const
// bound to one.
func (a *analyzer) stringValue(e ast.Expression) (string, bool) {
	switch v := a.resolveConst(e).(type) {
	case *ast.StringLiteral:
		return string(v.Value), true
	case *ast.TemplateLiteral:
		if v.Tag == nil && len(v.Expressions) == 0 && len(v.Elements) == 1 {
			return string(v.Elements[0].Parsed), true
		}
	}
	return "", false
}

// property returns the value of a non-computed property of an object literal.
func property(o *ast.ObjectLiteral, name string) ast.Expression {
	if o == nil {
		return nil
	}
	for _, p := range o.Value {
		switch p := p.(type) {
		case *ast.PropertyKeyed:
			if p.Computed {
				continue
			}
			if keyName(p.Key) == name {
				return p.Value
			}
		case *ast.PropertyShort:
			if string(p.Name.Name) == name {
				return &p.Name
			}
		}
	}
	return nil
}

func keyName(k ast.Expression) string {
	switch k := k.(type) {
	case *ast.Identifier:
		return string(k.Name)
	case *ast.StringLiteral:
		return string(k.Value)
	}
	return ""
}
