package actioncode

import "github.com/dop251/goja/ast"

// handler finds the export of name (exports.name = …, module.exports.name = …, or a property of
// module.exports = {…}); the last assignment wins, as it does at run time.
func (a *analyzer) handler(name string) (Handler, ast.Node) {
	var h Handler
	var fn ast.Node
	found := func(nameSpan Span, value ast.Expression) {
		h = Handler{Found: true, Span: nameSpan}
		fn = a.function(value)
		if fn != nil {
			h.FuncSpan = Span{span(fn).Start, span(fn).Start + 1}
			switch f := fn.(type) {
			case *ast.FunctionLiteral:
				h.Async = f.Async
			case *ast.ArrowFunctionLiteral:
				h.Async = f.Async
			}
		}
	}
	inspect(a.prog, func(n ast.Node) bool {
		switch n.(type) {
		case *ast.FunctionLiteral, *ast.ArrowFunctionLiteral, *ast.ClassLiteral:
			return false // exports are assigned at module level
		}
		assign, ok := n.(*ast.AssignExpression)
		if !ok || assign.Operator.String() != "=" {
			return true
		}
		path := memberPath(assign.Left)
		switch {
		case len(path) == 2 && path[0] == "exports" && path[1] == name,
			len(path) == 3 && path[0] == "module" && path[1] == "exports" && path[2] == name:
			d, _ := unwrap(assign.Left).(*ast.DotExpression)
			s := span(assign.Left)
			if d != nil {
				s = span(&d.Identifier)
			}
			found(s, assign.Right)
		case len(path) == 2 && path[0] == "module" && path[1] == "exports":
			obj, ok := a.resolveConst(assign.Right).(*ast.ObjectLiteral)
			if !ok {
				return true
			}
			for _, p := range obj.Value {
				switch p := p.(type) {
				case *ast.PropertyKeyed:
					if !p.Computed && keyName(p.Key) == name {
						found(span(p.Key), p.Value)
					}
				case *ast.PropertyShort:
					if string(p.Name.Name) == name {
						found(span(&p.Name), &p.Name)
					}
				}
			}
		}
		return true
	})
	return h, fn
}

// function resolves an expression to a function literal: itself, or a helper it names.
func (a *analyzer) function(e ast.Expression) ast.Node {
	switch v := unwrap(e).(type) {
	case *ast.FunctionLiteral, *ast.ArrowFunctionLiteral:
		return v
	case *ast.Identifier:
		if f, ok := a.funcs[string(v.Name)]; ok {
			return f
		}
	}
	return nil
}
