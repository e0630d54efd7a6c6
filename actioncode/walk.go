package actioncode

import (
	"reflect"

	"github.com/dop251/goja/ast"
)

// children returns the child nodes of n in source order.
func children(n ast.Node) []ast.Node {
	var out []ast.Node
	add := func(ns ...ast.Node) {
		for _, c := range ns {
			if c != nil && !isNilNode(c) {
				out = append(out, c)
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
	return out
}

// isNilNode reports whether an interface holds a nil pointer (AST fields such as
// TryStatement.Finally are typed pointers that may be nil).
func isNilNode(n ast.Node) bool {
	v := reflect.ValueOf(n)
	return v.Kind() == reflect.Pointer && v.IsNil()
}

// inspect calls visit for n and its descendants, depth first, in source order; visit returns false
// to skip a node's children.
func inspect(n ast.Node, visit func(ast.Node) bool) {
	if n == nil || isNilNode(n) || !visit(n) {
		return
	}
	for _, c := range children(n) {
		inspect(c, visit)
	}
}

// unwrap removes optional-chaining wrappers and parentheses-free no-ops around an expression.
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

// memberPath returns the property names of a member chain such as api.authentication.challengeWith
// (["api", "authentication", "challengeWith"]), or nil when it is not one.
func memberPath(e ast.Expression) []string {
	var rev []string
	for {
		switch v := unwrap(e).(type) {
		case *ast.DotExpression:
			rev = append(rev, string(v.Identifier.Name))
			e = v.Left
		case *ast.BracketExpression:
			s, ok := unwrap(v.Member).(*ast.StringLiteral)
			if !ok {
				return nil
			}
			rev = append(rev, string(s.Value))
			e = v.Left
		case *ast.Identifier:
			rev = append(rev, string(v.Name))
			out := make([]string, len(rev))
			for i := range rev {
				out[i] = rev[len(rev)-1-i]
			}
			return out
		default:
			return nil
		}
	}
}
