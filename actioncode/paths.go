package actioncode

import (
	"github.com/dop251/goja/ast"
	"github.com/dop251/goja/token"
)

// inf stands for "any number" of commands.
const inf = 1 << 20

// state abstracts every path that reaches a point of a handler: how many MFA commands were queued
// (at least min, at most max), and whether some path queued no challenge (noChal), and whether some
// path queued no challenge without having been limited to users with no enrolled factors (open).
type state struct {
	reachable bool
	min, max  int
	noChal    bool
	open      bool
}

func join(a, b state) state {
	if !a.reachable {
		return b
	}
	if !b.reachable {
		return a
	}
	return state{reachable: true, min: min(a.min, b.min), max: max(a.max, b.max), noChal: a.noChal || b.noChal, open: a.open || b.open}
}

var dead = state{}

// evaluator runs the abstract interpretation of one function body.
type evaluator struct {
	a       *analyzer
	handler string
	ret     state   // joined states at return and throw
	breaks  []state // states at break, innermost breakable statement last
	loop    int     // >0 inside a loop or a callback
	active  map[ast.Node]bool
}

// evaluate analyses fn as a handler and returns the state at its exits.
func (a *analyzer) evaluate(fn ast.Node, handler string) state {
	e := &evaluator{a: a, handler: handler, active: map[ast.Node]bool{}}
	entry := state{reachable: true, noChal: true, open: true}
	return e.call(fn, entry)
}

// call evaluates a function body entered in state in and returns the state after it returns.
func (e *evaluator) call(fn ast.Node, in state) state {
	if e.active[fn] || e.a.budget <= 0 {
		// Recursion, or too much inlining: assume any number of commands may follow.
		if e.contains(fn) {
			in.max = inf
		}
		return in
	}
	e.active[fn] = true
	defer delete(e.active, fn)
	savedRet, savedBreaks := e.ret, e.breaks
	e.ret, e.breaks = dead, nil
	var out state
	switch f := fn.(type) {
	case *ast.FunctionLiteral:
		out = e.stmt(f.Body, in)
	case *ast.ArrowFunctionLiteral:
		switch b := f.Body.(type) {
		case *ast.BlockStatement:
			out = e.stmt(b, in)
		case *ast.ExpressionBody:
			out = e.expr(b.Expression, in)
		}
	}
	out = join(out, e.ret)
	e.ret, e.breaks = savedRet, savedBreaks
	return out
}

// contains reports whether a function (or anything it calls by name) has an MFA command.
func (e *evaluator) contains(fn ast.Node) bool {
	found := false
	inspect(fn, func(n ast.Node) bool {
		if c, ok := n.(*ast.CallExpression); ok {
			if m, _, ok := methodOf(c.Callee); ok && m.IsMFACommand() {
				found = true
			}
		}
		return !found
	})
	return found
}

func (e *evaluator) stmt(s ast.Statement, in state) state {
	if s == nil || isNilNode(s) || !in.reachable {
		return in
	}
	e.a.budget--
	switch s := s.(type) {
	case *ast.BlockStatement:
		for _, st := range s.List {
			in = e.stmt(st, in)
		}
		return in
	case *ast.ExpressionStatement:
		return e.expr(s.Expression, in)
	case *ast.VariableStatement:
		for _, b := range s.List {
			in = e.binding(b, in)
		}
		return in
	case *ast.LexicalDeclaration:
		for _, b := range s.List {
			in = e.binding(b, in)
		}
		return in
	case *ast.FunctionDeclaration, *ast.ClassDeclaration, *ast.EmptyStatement, *ast.DebuggerStatement:
		return in
	case *ast.ReturnStatement:
		if s.Argument != nil {
			in = e.expr(s.Argument, in)
		}
		e.ret = join(e.ret, in)
		return dead
	case *ast.ThrowStatement:
		if s.Argument != nil {
			in = e.expr(s.Argument, in)
		}
		e.ret = join(e.ret, in)
		return dead
	case *ast.IfStatement:
		in = e.expr(s.Test, in)
		yes, no := e.branches(s.Test, in)
		return join(e.stmt(s.Consequent, yes), e.stmt(s.Alternate, no))
	case *ast.SwitchStatement:
		in = e.expr(s.Discriminant, in)
		aware := e.a.mentionsEnrollment(s.Discriminant)
		if aware {
			in.open = false
		}
		e.breaks = append(e.breaks, dead)
		cur := dead
		for _, c := range s.Body {
			entry := in
			if c.Test != nil {
				entry = e.expr(c.Test, in)
				if e.a.mentionsEnrollment(c.Test) {
					entry.open = false
				}
			}
			cur = join(cur, entry)
			for _, st := range c.Consequent {
				cur = e.stmt(st, cur)
			}
		}
		brk := e.breaks[len(e.breaks)-1]
		e.breaks = e.breaks[:len(e.breaks)-1]
		out := join(cur, brk)
		if s.Default < 0 {
			out = join(out, in)
		}
		return out
	case *ast.BranchStatement:
		if s.Token == token.BREAK && len(e.breaks) > 0 && s.Label == nil {
			e.breaks[len(e.breaks)-1] = join(e.breaks[len(e.breaks)-1], in)
		}
		// continue, and labelled jumps, leave the path here (loops are already unbounded).
		return dead
	case *ast.LabelledStatement:
		return e.stmt(s.Statement, in)
	case *ast.TryStatement:
		body := e.stmt(s.Body, in)
		out := body
		if s.Catch != nil {
			// The catch block can start anywhere in the try block: from its entry or its end.
			out = join(out, e.stmt(s.Catch.Body, join(in, body)))
		}
		if s.Finally != nil {
			out = e.stmt(s.Finally, out)
		}
		return out
	case *ast.ForStatement:
		if s.Initializer != nil {
			if ie, ok := s.Initializer.(*ast.ForLoopInitializerExpression); ok {
				in = e.expr(ie.Expression, in)
			}
		}
		if s.Test != nil {
			in = e.expr(s.Test, in)
		}
		return e.loopBody(in, s.Body, s.Update)
	case *ast.ForInStatement:
		return e.loopBody(e.expr(s.Source, in), s.Body, nil)
	case *ast.ForOfStatement:
		return e.loopBody(e.expr(s.Source, in), s.Body, nil)
	case *ast.WhileStatement:
		return e.loopBody(e.expr(s.Test, in), s.Body, s.Test)
	case *ast.DoWhileStatement:
		// The body runs at least once.
		e.loop++
		e.breaks = append(e.breaks, dead)
		once := e.stmt(s.Body, in)
		brk := e.breaks[len(e.breaks)-1]
		e.breaks = e.breaks[:len(e.breaks)-1]
		e.loop--
		return join(once, brk)
	case *ast.WithStatement:
		return e.stmt(s.Body, e.expr(s.Object, in))
	}
	return in
}

// loopBody evaluates a loop that may run its body zero or more times.
func (e *evaluator) loopBody(in state, body ast.Statement, update ast.Expression) state {
	e.loop++
	e.breaks = append(e.breaks, dead)
	out := e.stmt(body, in)
	if update != nil {
		out = e.expr(update, out)
	}
	brk := e.breaks[len(e.breaks)-1]
	e.breaks = e.breaks[:len(e.breaks)-1]
	e.loop--
	return join(join(in, out), brk)
}

func (e *evaluator) binding(b *ast.Binding, in state) state {
	if b.Initializer == nil || e.a.helperLits[b.Initializer] {
		return in // helpers are analysed where they are called
	}
	return e.expr(b.Initializer, in)
}

// branches returns the states entering the true and false branches of test. A test that checks the
// user's enrolled factors limits one branch to users without factors: no enrollment there needs a
// challenge first. When the direction of the check is unclear, both branches are given the benefit
// of the doubt.
func (e *evaluator) branches(test ast.Expression, in state) (state, state) {
	yes, no := in, in
	switch e.a.polarity(test) {
	case hasFactors:
		no.open = false
	case noFactors:
		yes.open = false
	case unclear:
		yes.open, no.open = false, false
	}
	return yes, no
}

func (e *evaluator) exprs(list []ast.Expression, in state) state {
	for _, x := range list {
		in = e.expr(x, in)
	}
	return in
}

func (e *evaluator) expr(x ast.Expression, in state) state {
	if x == nil || isNilNode(x) || !in.reachable {
		return in
	}
	e.a.budget--
	switch x := x.(type) {
	case *ast.CallExpression:
		switch unwrap(x.Callee).(type) {
		case *ast.FunctionLiteral, *ast.ArrowFunctionLiteral:
			// Immediately invoked: callSite runs it once.
		default:
			in = e.expr(x.Callee, in)
		}
		in = e.exprs(x.ArgumentList, in)
		return e.callSite(x, in)
	case *ast.NewExpression:
		return e.exprs(x.ArgumentList, e.expr(x.Callee, in))
	case *ast.ConditionalExpression:
		in = e.expr(x.Test, in)
		yes, no := e.branches(x.Test, in)
		return join(e.expr(x.Consequent, yes), e.expr(x.Alternate, no))
	case *ast.BinaryExpression:
		in = e.expr(x.Left, in)
		switch x.Operator {
		case token.LOGICAL_AND:
			yes, _ := e.branches(x.Left, in)
			return join(in, e.expr(x.Right, yes))
		case token.LOGICAL_OR:
			_, no := e.branches(x.Left, in)
			return join(in, e.expr(x.Right, no))
		case token.COALESCE:
			return join(in, e.expr(x.Right, in))
		}
		return e.expr(x.Right, in)
	case *ast.AssignExpression:
		if x.Operator == token.LOGICAL_AND_ASSIGN || x.Operator == token.LOGICAL_OR_ASSIGN || x.Operator == token.COALESCE_ASSIGN {
			return join(in, e.expr(x.Right, e.expr(x.Left, in)))
		}
		return e.expr(x.Right, e.expr(x.Left, in))
	case *ast.FunctionLiteral, *ast.ArrowFunctionLiteral:
		if e.a.helperLits[x] {
			return in
		}
		// A callback may run any number of times, or never.
		e.loop++
		out := e.call(x, in)
		e.loop--
		return join(in, out)
	case *ast.ClassLiteral:
		return in
	case *ast.TemplateLiteral:
		return e.exprs(x.Expressions, e.expr(x.Tag, in))
	}
	for _, c := range children(x) {
		if ce, ok := c.(ast.Expression); ok {
			in = e.expr(ce, in)
		}
	}
	return in
}

// callSite applies a call: an MFA command, a helper to inline, an immediately invoked function,
// or anything else (no effect).
func (e *evaluator) callSite(x *ast.CallExpression, in state) state {
	if i, ok := e.a.callAt[x]; ok {
		c := &e.a.calls[i]
		if c.Handler == "" {
			c.Handler = e.handler
		}
		if e.loop > 0 {
			c.InLoop = true
		}
		if !c.Method.IsMFACommand() {
			return in
		}
		if c.Method.IsEnroll() && in.open {
			c.EnrollBeforeChallenge = true
		}
		out := in
		if e.loop > 0 {
			out.max = inf
		} else {
			out.min++
			out.max = min(out.max+1, inf)
		}
		if c.Method.IsChallenge() {
			out.noChal, out.open = false, false
		}
		return out
	}
	switch callee := unwrap(x.Callee).(type) {
	case *ast.FunctionLiteral, *ast.ArrowFunctionLiteral:
		return e.call(callee, in)
	case *ast.Identifier:
		if fn, ok := e.a.funcs[string(callee.Name)]; ok {
			return e.call(fn, in)
		}
	}
	return in
}
