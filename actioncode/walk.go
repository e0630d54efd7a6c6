package actioncode

import (
	"reflect"

	"github.com/dop251/goja/ast"
)

// appendChildren appends the child nodes of n to dst, in source order.
func appendChildren(dst []ast.Node, n ast.Node) []ast.Node {
	add := func(ns ...ast.Node) {
		for _, c := range ns {
			if !isNil(c) {
				dst = append(dst, c)
			}
		}
	}
	switch n := n.(type) {
	case *ast.Program:
		for _, s := range n.Body {
			add(s)
		}
	case *ast.BlockStatement:
		for _, s := range n.List {
			add(s)
		}
	case *ast.ExpressionStatement:
		add(n.Expression)
	case *ast.IfStatement:
		add(n.Test, n.Consequent, n.Alternate)
	case *ast.ForStatement:
		add(n.Initializer, n.Test, n.Update, n.Body)
	case *ast.ForInStatement:
		add(n.Into, n.Source, n.Body)
	case *ast.ForOfStatement:
		add(n.Into, n.Source, n.Body)
	case *ast.WhileStatement:
		add(n.Test, n.Body)
	case *ast.DoWhileStatement:
		add(n.Body, n.Test)
	case *ast.ReturnStatement:
		add(n.Argument)
	case *ast.ThrowStatement:
		add(n.Argument)
	case *ast.TryStatement:
		add(n.Body)
		if n.Catch != nil {
			add(n.Catch)
		}
		if n.Finally != nil {
			add(n.Finally)
		}
	case *ast.CatchStatement:
		add(n.Parameter, n.Body)
	case *ast.SwitchStatement:
		add(n.Discriminant)
		for _, c := range n.Body {
			add(c)
		}
	case *ast.CaseStatement:
		add(n.Test)
		for _, s := range n.Consequent {
			add(s)
		}
	case *ast.LabelledStatement:
		add(n.Statement)
	case *ast.WithStatement:
		add(n.Object, n.Body)
	case *ast.VariableStatement:
		for _, b := range n.List {
			add(b)
		}
	case *ast.LexicalDeclaration:
		for _, b := range n.List {
			add(b)
		}
	case *ast.Binding:
		add(n.Target, n.Initializer)
	case *ast.FunctionDeclaration:
		add(n.Function)
	case *ast.ClassDeclaration:
		add(n.Class)
	case *ast.ForLoopInitializerExpression:
		add(n.Expression)
	case *ast.ForLoopInitializerVarDeclList:
		for _, b := range n.List {
			add(b)
		}
	case *ast.ForLoopInitializerLexicalDecl:
		for _, b := range n.LexicalDeclaration.List {
			add(b)
		}
	case *ast.ForIntoVar:
		add(n.Binding)
	case *ast.ForIntoExpression:
		add(n.Expression)
	case *ast.ForDeclaration:
		add(n.Target)
	case *ast.FunctionLiteral:
		add(n.ParameterList, n.Body)
	case *ast.ArrowFunctionLiteral:
		add(n.ParameterList, n.Body)
	case *ast.ExpressionBody:
		add(n.Expression)
	case *ast.ParameterList:
		for _, b := range n.List {
			add(b)
		}
		add(n.Rest)
	case *ast.ClassLiteral:
		add(n.SuperClass)
		for _, e := range n.Body {
			add(e)
		}
	case *ast.MethodDefinition:
		add(n.Key, n.Body)
	case *ast.FieldDefinition:
		add(n.Key, n.Initializer)
	case *ast.ClassStaticBlock:
		add(n.Block)
	case *ast.ArrayLiteral:
		for _, e := range n.Value {
			add(e)
		}
	case *ast.ArrayPattern:
		for _, e := range n.Elements {
			add(e)
		}
		add(n.Rest)
	case *ast.ObjectLiteral:
		for _, p := range n.Value {
			add(p)
		}
	case *ast.ObjectPattern:
		for _, p := range n.Properties {
			add(p)
		}
		add(n.Rest)
	case *ast.PropertyKeyed:
		add(n.Key, n.Value)
	case *ast.PropertyShort:
		add(&n.Name, n.Initializer)
	case *ast.SpreadElement:
		add(n.Expression)
	case *ast.AssignExpression:
		add(n.Left, n.Right)
	case *ast.BinaryExpression:
		add(n.Left, n.Right)
	case *ast.UnaryExpression:
		add(n.Operand)
	case *ast.ConditionalExpression:
		add(n.Test, n.Consequent, n.Alternate)
	case *ast.CallExpression:
		add(n.Callee)
		for _, e := range n.ArgumentList {
			add(e)
		}
	case *ast.NewExpression:
		add(n.Callee)
		for _, e := range n.ArgumentList {
			add(e)
		}
	case *ast.DotExpression:
		add(n.Left)
	case *ast.PrivateDotExpression:
		add(n.Left)
	case *ast.BracketExpression:
		add(n.Left, n.Member)
	case *ast.SequenceExpression:
		for _, e := range n.Sequence {
			add(e)
		}
	case *ast.TemplateLiteral:
		add(n.Tag)
		for _, e := range n.Expressions {
			add(e)
		}
	case *ast.AwaitExpression:
		add(n.Argument)
	case *ast.YieldExpression:
		add(n.Argument)
	case *ast.OptionalChain:
		add(n.Expression)
	case *ast.Optional:
		add(n.Expression)
	}
	return dst
}

// isNil reports whether n is nil or an interface holding a nil pointer (optional AST fields are
// typed pointers that may be nil).
func isNil(n ast.Node) bool {
	if n == nil {
		return true
	}
	v := reflect.ValueOf(n)
	return v.Kind() == reflect.Pointer && v.IsNil()
}

// walk calls visit for root and every node below it, depth first in source order, with the node's
// depth below root; visit returns false to skip a node's children. It is iterative, so it copes
// with any depth.
func walk(root ast.Node, visit func(n ast.Node, depth int) bool) {
	if isNil(root) {
		return
	}
	type item struct {
		n     ast.Node
		depth int
	}
	var stackBuf [64]item
	var kidsBuf [16]ast.Node
	stack := append(stackBuf[:0], item{root, 0})
	kids := kidsBuf[:0]
	for len(stack) > 0 {
		it := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if !visit(it.n, it.depth) {
			continue
		}
		kids = appendChildren(kids[:0], it.n)
		for i := len(kids) - 1; i >= 0; i-- {
			stack = append(stack, item{kids[i], it.depth + 1})
		}
	}
}

// inspect is walk without depths.
func inspect(root ast.Node, visit func(ast.Node) bool) {
	walk(root, func(n ast.Node, _ int) bool { return visit(n) })
}

// unwrap removes the optional-chaining wrappers around an expression.
func unwrap(e ast.Expression) ast.Expression {
	for {
		switch v := e.(type) {
		case *ast.OptionalChain:
			e = v.Expression
		case *ast.Optional:
			e = v.Expression
		default:
			return e
		}
	}
}

// member splits a member expression obj.name, obj?.name or obj['name'] into its object and the
// property's name and node; ok is false for anything else.
func member(e ast.Expression) (obj ast.Expression, name string, nameNode ast.Node, ok bool) {
	switch v := unwrap(e).(type) {
	case *ast.DotExpression:
		return v.Left, string(v.Identifier.Name), &v.Identifier, true
	case *ast.BracketExpression:
		if s, ok := literalString(v.Member); ok {
			return v.Left, s, v.Member, true
		}
	}
	return nil, "", nil, false
}

// literalString returns the value of a string literal or a template literal without
// substitutions.
func literalString(e ast.Expression) (string, bool) {
	switch v := unwrap(e).(type) {
	case *ast.StringLiteral:
		return v.Value.String(), true
	case *ast.TemplateLiteral:
		if v.Tag == nil && len(v.Expressions) == 0 && len(v.Elements) == 1 {
			return v.Elements[0].Parsed.String(), true
		}
	}
	return "", false
}

// keyName returns the name of a non-computed property key (identifier, string or number).
func keyName(k ast.Expression) string {
	switch k := k.(type) {
	case *ast.Identifier:
		return k.Name.String()
	case *ast.StringLiteral:
		return k.Value.String()
	case *ast.NumberLiteral:
		return k.Literal
	}
	return ""
}

// property returns the value of a non-computed property of an object literal (the last one, as
// at run time), or nil.
func property(o *ast.ObjectLiteral, name string) ast.Expression {
	var v ast.Expression
	for _, p := range o.Value {
		switch p := p.(type) {
		case *ast.PropertyKeyed:
			if !p.Computed && keyName(p.Key) == name {
				v = p.Value
			}
		case *ast.PropertyShort:
			if p.Name.Name.String() == name {
				v = &p.Name
			}
		}
	}
	return v
}

// hasOpaqueProperty reports whether an object literal has a spread or a computed key, which may
// hide any property.
func hasOpaqueProperty(o *ast.ObjectLiteral) bool {
	for _, p := range o.Value {
		switch p := p.(type) {
		case *ast.SpreadElement:
			return true
		case *ast.PropertyKeyed:
			if p.Computed {
				return true
			}
		}
	}
	return false
}
