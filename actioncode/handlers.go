package actioncode

import (
	"strings"

	"github.com/dop251/goja/ast"
	"github.com/dop251/goja/token"
)

// Handler names.
const (
	executeHandler  = "onExecutePostLogin"
	continueHandler = "onContinuePostLogin"
)

// handler finds the export of name: exports.name = …, module.exports.name = …, or a property of
// module.exports = {…}. Exports are assigned at module level, so function bodies are not searched;
// the last assignment wins, as at run time. It returns the function when this file defines it.
func (a *analyzer) handler(name string) (Handler, ast.Node) {
	var h Handler
	var fn ast.Node
	found := func(nameNode ast.Node, value ast.Expression) {
		h = Handler{Found: true, Span: a.span(nameNode)}
		fn = a.function(value)
		if fn == nil {
			// Not a function defined here: async unless it is plainly something else.
			h.Async = !a.notFunction(value)
			h.FuncSpan = a.span(value)
			return
		}
		switch f := fn.(type) {
		case *ast.FunctionLiteral:
			h.Async = f.Async
			h.FuncSpan = tokenSpan(a.src, a.span(f).Start)
		case *ast.ArrowFunctionLiteral:
			h.Async = f.Async
			h.FuncSpan = a.arrowHead(f)
		}
	}
	inspect(a.prog, func(n ast.Node) bool {
		switch n.(type) {
		case *ast.FunctionLiteral, *ast.ArrowFunctionLiteral, *ast.ClassLiteral:
			return false
		}
		assign, ok := n.(*ast.AssignExpression)
		if !ok || assign.Operator != token.ASSIGN {
			return true
		}
		obj, prop, propNode, ok := member(assign.Left)
		if !ok {
			return true
		}
		switch {
		case prop == name && a.isExports(obj):
			found(propNode, assign.Right)
		case prop == "exports" && name0(obj) == "module":
			lit, ok := a.resolveConst(assign.Right).(*ast.ObjectLiteral)
			if !ok {
				return true
			}
			for _, p := range lit.Value {
				switch p := p.(type) {
				case *ast.PropertyKeyed:
					if !p.Computed && keyName(p.Key) == name && (p.Kind == ast.PropertyKindValue || p.Kind == ast.PropertyKindMethod) {
						found(p.Key, p.Value)
					}
				case *ast.PropertyShort:
					if p.Name.Name.String() == name {
						found(&p.Name, &p.Name)
					}
				}
			}
		}
		return true
	})
	if fn != nil {
		a.handlers[fn] = true
	}
	return h, fn
}

// isExports reports whether e is exports or module.exports.
func (a *analyzer) isExports(e ast.Expression) bool {
	if name0(e) == "exports" {
		return true
	}
	obj, prop, _, ok := member(e)
	return ok && prop == "exports" && name0(obj) == "module"
}

// name0 returns the name of an identifier, or "".
func name0(e ast.Expression) string {
	if id, ok := unwrap(e).(*ast.Identifier); ok {
		return id.Name.String()
	}
	return ""
}

// notFunction reports whether an exported value is plainly not a function (a literal, or a
// constant initialised with one).
func (a *analyzer) notFunction(e ast.Expression) bool {
	v := a.resolveConst(e)
	if id, ok := v.(*ast.Identifier); ok {
		if id.Name.String() == "undefined" {
			return true
		}
		if init, ok := a.inits[id.Name.String()]; ok {
			v = unwrap(init)
		}
	}
	switch v.(type) {
	case *ast.StringLiteral, *ast.NumberLiteral, *ast.BooleanLiteral, *ast.NullLiteral, *ast.ObjectLiteral,
		*ast.ArrayLiteral, *ast.TemplateLiteral, *ast.RegExpLiteral, *ast.ClassLiteral:
		return true
	}
	return false
}

// arrowHead returns the start of an arrow function: its async keyword, or its parameters and the
// arrow.
func (a *analyzer) arrowHead(f *ast.ArrowFunctionLiteral) Span {
	start := a.span(f).Start
	if f.Async {
		return tokenSpan(a.src, start)
	}
	body := a.span(f.Body).Start
	if body > start {
		if i := strings.LastIndex(a.src[start:body], "=>"); i >= 0 {
			return Span{start, start + i + 2}
		}
	}
	return tokenSpan(a.src, start)
}

// betaHandler finds module.exports = <function> at module level, the Actions beta handler shape.
func (a *analyzer) betaHandler() Handler {
	var h Handler
	inspect(a.prog, func(n ast.Node) bool {
		switch n.(type) {
		case *ast.FunctionLiteral, *ast.ArrowFunctionLiteral, *ast.ClassLiteral:
			return false
		}
		assign, ok := n.(*ast.AssignExpression)
		if !ok || assign.Operator != token.ASSIGN {
			return true
		}
		obj, prop, _, ok := member(assign.Left)
		if !ok || prop != "exports" || name0(obj) != "module" {
			return true
		}
		switch fn := a.function(assign.Right).(type) {
		case *ast.FunctionLiteral:
			h = Handler{Found: true, Async: fn.Async, Span: a.span(assign.Left)}
		case *ast.ArrowFunctionLiteral:
			h = Handler{Found: true, Async: fn.Async, Span: a.span(assign.Left)}
		default:
			h = Handler{} // the last assignment wins
		}
		return true
	})
	return h
}
