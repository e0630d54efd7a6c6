package actioncode

import (
	"sort"

	"github.com/dop251/goja/ast"
)

// Require is one require('name') call with a literal name.
type Require struct {
	// Name is the string the Action requires, as written ('axios', 'lodash/get', 'node:crypto', './x').
	Name string
	// Span is the whole call, require('name').
	Span Span
	// Members are the names the code reads from the module, sorted: the properties of
	// require('x').a, of a const bound to the module (x.a, x.a()), and of a destructuring
	// const {a, b} = require('x'). Async lists those of them whose call is awaited.
	Members []string
	Async   []string
	// Called is true when the module itself is called: require('x')(…), or x(…) for a name bound to it.
	Called bool
}

// requires finds the require calls with a literal name, in source order, and how the code uses
// each module; dynamic is true when the code also calls require with a computed name. Nothing is
// listed when the file declares a require of its own.
func (a *analyzer) requires() (out []Require, dynamic bool) {
	if a.decls["require"] > 0 {
		return nil, false
	}
	at := map[*ast.CallExpression]int{}
	// The names bound to a module, and the module's index.
	bound := map[string]int{}
	inspect(a.prog, func(n ast.Node) bool {
		c, ok := n.(*ast.CallExpression)
		if !ok {
			return true
		}
		if id, ok := unwrap(c.Callee).(*ast.Identifier); ok && id.Name == "require" && len(c.ArgumentList) >= 1 {
			if name, ok := literalString(c.ArgumentList[0]); ok {
				at[c] = len(out)
				out = append(out, Require{Name: name, Span: a.span(c)})
			} else {
				dynamic = true
			}
		}
		return true
	})
	if len(out) == 0 {
		return nil, dynamic
	}
	members := make([]map[string]bool, len(out))
	awaited := make([]map[string]bool, len(out))
	addMember := func(i int, name string, async bool) {
		if members[i] == nil {
			members[i], awaited[i] = map[string]bool{}, map[string]bool{}
		}
		members[i][name] = true
		if async {
			awaited[i][name] = true
		}
	}
	moduleOf := func(e ast.Expression) (int, bool) {
		switch v := unwrap(e).(type) {
		case *ast.CallExpression:
			i, ok := at[v]
			return i, ok
		case *ast.Identifier:
			i, ok := bound[v.Name.String()]
			return i, ok
		}
		return 0, false
	}
	// Bindings: const x = require('x'), const {a, b: c} = require('x').
	inspect(a.prog, func(n ast.Node) bool {
		b, ok := n.(*ast.Binding)
		if !ok || b.Initializer == nil {
			return true
		}
		c, ok := unwrap(b.Initializer).(*ast.CallExpression)
		if !ok {
			return true
		}
		i, ok := at[c]
		if !ok {
			return true
		}
		switch t := b.Target.(type) {
		case *ast.Identifier:
			if a.decls[t.Name.String()] == 1 {
				bound[t.Name.String()] = i
			}
		case *ast.ObjectPattern:
			for _, p := range t.Properties {
				switch p := p.(type) {
				case *ast.PropertyShort:
					addMember(i, p.Name.Name.String(), false)
				case *ast.PropertyKeyed:
					if name := keyName(p.Key); name != "" && !p.Computed {
						addMember(i, name, false)
					}
				}
			}
		}
		return true
	})
	// Uses: x.a, x.a(…), await x.a(…), x(…).
	inspect(a.prog, func(n ast.Node) bool {
		switch v := n.(type) {
		case *ast.AwaitExpression:
			if c, ok := unwrap(v.Argument).(*ast.CallExpression); ok {
				if obj, name, _, ok := member(c.Callee); ok {
					if i, ok := moduleOf(obj); ok {
						addMember(i, name, true)
					}
				}
			}
		case *ast.CallExpression:
			if i, ok := moduleOf(v.Callee); ok {
				if _, isCall := unwrap(v.Callee).(*ast.Identifier); isCall {
					out[i].Called = true
				} else if c, ok := unwrap(v.Callee).(*ast.CallExpression); ok && at[c] == i {
					out[i].Called = true
				}
			}
		case *ast.DotExpression, *ast.BracketExpression:
			if obj, name, _, ok := member(v.(ast.Expression)); ok {
				if i, ok := moduleOf(obj); ok {
					addMember(i, name, false)
				}
			}
		}
		return true
	})
	for i := range out {
		for m := range members[i] {
			out[i].Members = append(out[i].Members, m)
			if awaited[i][m] {
				out[i].Async = append(out[i].Async, m)
			}
		}
		sort.Strings(out[i].Members)
		sort.Strings(out[i].Async)
	}
	return out, dynamic
}
