package actioncode

import (
	"github.com/dop251/goja/ast"
	"github.com/dop251/goja/token"
)

// analyzer holds what one Analyze call learns about a program.
type analyzer struct {
	src  string
	prog *ast.Program

	// decls counts the declarations of each name anywhere in the file (variables, parameters,
	// functions, classes, catch parameters). Names declared more than once are not resolved.
	decls map[string]int
	// consts holds the initializer of each const declared once.
	consts map[string]ast.Expression
	// inits holds the initializer of each const, let or var declared once.
	inits map[string]ast.Expression
	// funcs maps a name declared once to its function: a function declaration, or a const, let or
	// var initialised with a function or arrow literal.
	funcs map[string]ast.Node
	// methods maps "object.name" to a function-valued property of a const object literal declared
	// once, so that helpers.challenge(api) is analysed like a helper function.
	methods map[string]ast.Node
	// helpers marks the function literals that are analysed where they are called (funcs and
	// methods); named marks every function declaration and every function literal a variable is
	// initialised with, resolvable or not; handlers marks the exported handlers; iife marks
	// function literals that are called where they are written.
	helpers, named, handlers, iife map[ast.Node]bool
	// aware marks names whose value depends on the user's enrolled factors.
	aware map[string]bool

	calls  []Call
	callAt map[*ast.CallExpression]int

	// memo holds the summaries of evaluated functions; reaches caches reachesCommand.
	memo    map[memoKey]summary
	reaches map[ast.Node]bool
}

func newAnalyzer(src string, prog *ast.Program) *analyzer {
	return &analyzer{
		src: src, prog: prog,
		decls: map[string]int{}, consts: map[string]ast.Expression{}, inits: map[string]ast.Expression{},
		funcs: map[string]ast.Node{}, methods: map[string]ast.Node{},
		helpers: map[ast.Node]bool{}, named: map[ast.Node]bool{}, handlers: map[ast.Node]bool{}, iife: map[ast.Node]bool{},
		aware: map[string]bool{}, callAt: map[*ast.CallExpression]int{},
		memo: map[memoKey]summary{}, reaches: map[ast.Node]bool{},
	}
}

// declaration kinds
const (
	kindConst = iota
	kindLet   // let, var
	kindOther // parameters, loop variables, catch parameters, classes
	kindFunction
)

// collectDecls records every declared name, the initializers of names declared once and the
// helper functions. It also measures the tree: it returns the first node nested deeper than
// maxTreeDepth (nil when none is), since the other passes recurse.
func (a *analyzer) collectDecls() ast.Node {
	type pending struct {
		name string
		init ast.Expression
		kind int
	}
	var ps []pending
	declare := func(target ast.Expression, init ast.Expression, kind int) {
		switch init.(type) {
		case *ast.FunctionLiteral, *ast.ArrowFunctionLiteral:
			a.named[init] = true
		}
		if id, ok := target.(*ast.Identifier); ok {
			a.decls[id.Name.String()]++
			ps = append(ps, pending{id.Name.String(), init, kind})
			return
		}
		for _, n := range bindingNames(target, nil) {
			a.decls[n]++
		}
	}
	declaredLits := map[*ast.FunctionLiteral]bool{}
	var deep ast.Node
	walk(a.prog, func(n ast.Node, depth int) bool {
		if deep != nil {
			return false
		}
		if depth > maxTreeDepth {
			deep = n
			return false
		}
		switch n := n.(type) {
		case *ast.LexicalDeclaration:
			kind := kindLet
			if n.Token == token.CONST {
				kind = kindConst
			}
			for _, b := range n.List {
				declare(b.Target, b.Initializer, kind)
			}
		case *ast.VariableStatement:
			for _, b := range n.List {
				declare(b.Target, b.Initializer, kindLet)
			}
		case *ast.ForLoopInitializerVarDeclList:
			for _, b := range n.List {
				declare(b.Target, nil, kindOther)
			}
		case *ast.ForLoopInitializerLexicalDecl:
			for _, b := range n.LexicalDeclaration.List {
				declare(b.Target, nil, kindOther)
			}
		case *ast.ForDeclaration:
			declare(n.Target, nil, kindOther)
		case *ast.ForIntoVar:
			declare(n.Binding.Target, nil, kindOther)
		case *ast.FunctionDeclaration:
			if n.Function != nil && n.Function.Name != nil {
				declaredLits[n.Function] = true
				a.named[n.Function] = true
				name := n.Function.Name.Name.String()
				a.decls[name]++
				ps = append(ps, pending{name, n.Function, kindFunction})
			}
		case *ast.FunctionLiteral:
			if n.Name != nil && !declaredLits[n] {
				a.decls[n.Name.Name.String()]++ // a named function expression: its name is local, but keep it unambiguous
			}
		case *ast.ClassLiteral:
			if n.Name != nil {
				a.decls[n.Name.Name.String()]++
			}
		case *ast.ParameterList:
			for _, b := range n.List {
				declare(b.Target, nil, kindOther)
			}
			if n.Rest != nil {
				declare(n.Rest, nil, kindOther)
			}
		case *ast.CatchStatement:
			if !isNil(n.Parameter) {
				declare(n.Parameter, nil, kindOther)
			}
		}
		return true
	})
	if deep != nil {
		return deep
	}
	for _, p := range ps {
		if a.decls[p.name] != 1 || isNil(p.init) {
			continue
		}
		if p.kind == kindConst {
			a.consts[p.name] = p.init
		}
		if p.kind != kindFunction {
			a.inits[p.name] = p.init
		}
		switch f := p.init.(type) {
		case *ast.FunctionLiteral, *ast.ArrowFunctionLiteral:
			a.funcs[p.name] = f
			a.helpers[f] = true
		case *ast.ObjectLiteral:
			if p.kind != kindConst {
				continue
			}
			for _, prop := range f.Value {
				pk, ok := prop.(*ast.PropertyKeyed)
				if !ok || pk.Computed || (pk.Kind != ast.PropertyKindValue && pk.Kind != ast.PropertyKindMethod) {
					continue
				}
				switch fn := pk.Value.(type) {
				case *ast.FunctionLiteral, *ast.ArrowFunctionLiteral:
					a.methods[p.name+"."+keyName(pk.Key)] = fn
					a.helpers[fn] = true
				}
			}
		}
	}
	return nil
}

// bindingNames appends the names a binding pattern declares.
func bindingNames(e ast.Expression, out []string) []string {
	switch v := e.(type) {
	case *ast.Identifier:
		out = append(out, v.Name.String())
	case *ast.ArrayPattern:
		for _, el := range v.Elements {
			out = bindingNames(el, out)
		}
		out = bindingNames(v.Rest, out)
	case *ast.ObjectPattern:
		for _, p := range v.Properties {
			switch p := p.(type) {
			case *ast.PropertyShort:
				out = append(out, p.Name.Name.String())
			case *ast.PropertyKeyed:
				out = bindingNames(p.Value, out)
			case *ast.SpreadElement:
				out = bindingNames(p.Expression, out)
			}
		}
		out = bindingNames(v.Rest, out)
	case *ast.AssignExpression:
		out = bindingNames(v.Left, out) // a default value
	case *ast.SpreadElement:
		out = bindingNames(v.Expression, out)
	}
	return out
}

// resolveConst follows identifiers to the initializers of consts declared once, and returns the
// expression it ends at.
func (a *analyzer) resolveConst(e ast.Expression) ast.Expression {
	for i := 0; i < 16; i++ {
		id, ok := unwrap(e).(*ast.Identifier)
		if !ok {
			break
		}
		init, ok := a.consts[id.Name.String()]
		if !ok {
			return id
		}
		e = init
	}
	return unwrap(e)
}

// function resolves an expression to a function literal: itself, or the helper an identifier names.
func (a *analyzer) function(e ast.Expression) ast.Node {
	switch v := unwrap(e).(type) {
	case *ast.FunctionLiteral, *ast.ArrowFunctionLiteral:
		return v
	case *ast.Identifier:
		if f, ok := a.funcs[v.Name.String()]; ok {
			return f
		}
	}
	return nil
}

// callee resolves the function a call runs when this file defines it: a function literal called
// where it is written, a helper named by an identifier, or a method of a const object literal.
func (a *analyzer) callee(e ast.Expression) ast.Node {
	switch v := unwrap(e).(type) {
	case *ast.FunctionLiteral, *ast.ArrowFunctionLiteral:
		return v
	case *ast.Identifier:
		return a.funcs[v.Name.String()]
	}
	if obj, m, _, ok := member(e); ok {
		if id, ok := unwrap(obj).(*ast.Identifier); ok {
			return a.methods[id.Name.String()+"."+m]
		}
	}
	return nil
}
