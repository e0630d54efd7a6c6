package actioncode

import (
	"github.com/dop251/goja/ast"
	"github.com/dop251/goja/token"
)

// inf stands for "any number" of commands.
const inf = 1 << 30

// maxInline bounds the nesting of helper calls analysed in place.
const maxInline = 64

// sat adds two counts, saturating at inf.
func sat(x, y int) int { return min(x+y, inf) }

// state abstracts every path that reaches a point of a function: how many MFA commands they
// queued (at least min, at most max), and which of them queued a challenge.
type state struct {
	live     bool // some path reaches this point
	min, max int
	noChal   bool // some path queued no challenge
	chal     bool // some path queued a challenge
	// open: some path queued no challenge and was not limited by a test of the user's enrolled
	// factors to users who may have none (see polarity).
	open bool
}

// dead is the state of a point no path reaches.
var dead state

func join(a, b state) state {
	if !a.live {
		return b
	}
	if !b.live {
		return a
	}
	return state{live: true, min: min(a.min, b.min), max: max(a.max, b.max),
		noChal: a.noChal || b.noChal, chal: a.chal || b.chal, open: a.open || b.open}
}

// compose continues the paths of in through a function whose paths, entered with in.open, end in
// s (computed from a zero count with no challenge).
func compose(in, s state) state {
	if !in.live || !s.live {
		return dead
	}
	return state{live: true, min: sat(in.min, s.min), max: sat(in.max, s.max),
		noChal: in.noChal && s.noChal, chal: in.chal || s.chal, open: s.open}
}

// summary is how a function's paths end: returning (or reaching its end), or throwing.
type summary struct{ normal, thrown state }

// memoKey identifies an evaluation of a function: the results differ only by whether it is
// entered on an open path and in a loop.
type memoKey struct {
	fn         ast.Node
	open, loop bool
}

// target is a statement that break (and, for loops, continue) can jump to.
type target struct {
	labels    []string
	loop      bool
	breakable bool // a loop or switch: the target of an unlabelled break
	brk, cont state
}

// evaluator runs the abstract interpretation of a handler and the helpers it calls.
type evaluator struct {
	a       *analyzer
	handler string

	// Per function being evaluated:
	ret     state   // states at return
	thrown  state   // states at throws that leave the function
	catches []state // states at throws caught by enclosing try blocks, innermost last
	targets []target
	labels  []string // labels of the loop or switch statement about to be evaluated

	loop   int // > 0 inside a loop or a callback
	active map[ast.Node]bool
	kids   []ast.Node
}

// evaluate analyses a handler and returns the state at its exits (returns, throws and its end).
func (a *analyzer) evaluate(fn ast.Node, handler string) state {
	e := &evaluator{a: a, handler: handler, active: map[ast.Node]bool{}}
	entry := state{live: true, noChal: true, open: true}
	normal, thrown := e.call(fn, entry)
	return join(normal, thrown)
}

// call evaluates a function entered in state in; it returns the states after it returns and
// after it throws.
func (e *evaluator) call(fn ast.Node, in state) (state, state) {
	if !in.live {
		return dead, dead
	}
	key := memoKey{fn, in.open, e.loop > 0}
	if s, ok := e.a.memo[key]; ok {
		return compose(in, s.normal), compose(in, s.thrown)
	}
	if e.active[fn] || len(e.active) >= maxInline {
		// Recursion (or helpers nested absurdly deep): it may queue any number of commands. The
		// functions evaluated meanwhile are memoised all the same: their summaries stay sound
		// (the cut only lowers a minimum), and each function is evaluated once per key.
		out := in
		if e.a.reachesCommand(fn) {
			out.max = inf
		}
		return out, dead
	}
	e.active[fn] = true
	ret, thrown, catches, targets, labels := e.ret, e.thrown, e.catches, e.targets, e.labels
	e.ret, e.thrown, e.catches, e.targets, e.labels = dead, dead, nil, nil, nil

	entry := state{live: true, noChal: true, open: in.open}
	var out state
	switch f := fn.(type) {
	case *ast.FunctionLiteral:
		out = e.stmt(f.Body, entry)
	case *ast.ArrowFunctionLiteral:
		switch b := f.Body.(type) {
		case *ast.BlockStatement:
			out = e.stmt(b, entry)
		case *ast.ExpressionBody:
			out = e.expr(b.Expression, entry)
		}
	}
	s := summary{normal: join(out, e.ret), thrown: e.thrown}

	e.ret, e.thrown, e.catches, e.targets, e.labels = ret, thrown, catches, targets, labels
	delete(e.active, fn)
	e.a.memo[key] = s
	return compose(in, s.normal), compose(in, s.thrown)
}

// throw sends a path that throws to the innermost enclosing catch, or out of the function.
func (e *evaluator) throw(st state) {
	if !st.live {
		return
	}
	if n := len(e.catches); n > 0 {
		e.catches[n-1] = join(e.catches[n-1], st)
		return
	}
	e.thrown = join(e.thrown, st)
}

// callback evaluates a function that may run any number of times, or never (a callback, an
// escaping helper, a method).
func (e *evaluator) callback(fn ast.Node, in state) state {
	e.loop++
	normal, thrown := e.call(fn, in)
	e.loop--
	e.throw(thrown)
	return join(in, normal)
}

func (e *evaluator) stmts(list []ast.Statement, in state) state {
	for _, s := range list {
		in = e.stmt(s, in)
	}
	return in
}

func (e *evaluator) stmt(s ast.Statement, in state) state {
	if isNil(s) || !in.live {
		return in
	}
	switch s := s.(type) {
	case *ast.BlockStatement:
		return e.stmts(s.List, in)
	case *ast.ExpressionStatement:
		return e.expr(s.Expression, in)
	case *ast.VariableStatement:
		return e.bindings(s.List, in)
	case *ast.LexicalDeclaration:
		return e.bindings(s.List, in)
	case *ast.FunctionDeclaration:
		return in // analysed where called
	case *ast.ClassDeclaration:
		return e.expr(s.Class, in)
	case *ast.ReturnStatement:
		e.ret = join(e.ret, e.expr(s.Argument, in))
		return dead
	case *ast.ThrowStatement:
		e.throw(e.expr(s.Argument, in))
		return dead
	case *ast.IfStatement:
		in = e.expr(s.Test, in)
		yes, no := e.branches(s.Test, in)
		return join(e.stmt(s.Consequent, yes), e.stmt(s.Alternate, no))
	case *ast.SwitchStatement:
		return e.switchStmt(s, in)
	case *ast.BranchStatement:
		e.jump(s, in)
		return dead
	case *ast.LabelledStatement:
		labels := []string{s.Label.Name.String()}
		st := s.Statement
		for l, ok := st.(*ast.LabelledStatement); ok; l, ok = st.(*ast.LabelledStatement) {
			labels = append(labels, l.Label.Name.String())
			st = l.Statement
		}
		switch st.(type) {
		case *ast.ForStatement, *ast.ForInStatement, *ast.ForOfStatement, *ast.WhileStatement, *ast.DoWhileStatement, *ast.SwitchStatement:
			e.labels = labels
			out := e.stmt(st, in)
			e.labels = nil
			return out
		}
		e.targets = append(e.targets, target{labels: labels})
		out := e.stmt(st, in)
		t := e.pop()
		return join(out, t.brk)
	case *ast.TryStatement:
		return e.tryStmt(s, in)
	case *ast.ForStatement:
		labels := e.takeLabels()
		switch init := s.Initializer.(type) {
		case *ast.ForLoopInitializerExpression:
			in = e.expr(init.Expression, in)
		case *ast.ForLoopInitializerVarDeclList:
			in = e.bindings(init.List, in)
		case *ast.ForLoopInitializerLexicalDecl:
			in = e.bindings(init.LexicalDeclaration.List, in)
		}
		in = e.expr(s.Test, in)
		return e.loopStmt(in, labels, s.Body, false, s.Update, s.Test)
	case *ast.ForInStatement:
		labels := e.takeLabels()
		return e.loopStmt(e.expr(s.Source, in), labels, s.Body, false)
	case *ast.ForOfStatement:
		labels := e.takeLabels()
		return e.loopStmt(e.expr(s.Source, in), labels, s.Body, false)
	case *ast.WhileStatement:
		labels := e.takeLabels()
		in = e.expr(s.Test, in)
		return e.loopStmt(in, labels, s.Body, false, s.Test)
	case *ast.DoWhileStatement:
		labels := e.takeLabels()
		return e.loopStmt(in, labels, s.Body, true, s.Test)
	case *ast.WithStatement:
		return e.stmt(s.Body, e.expr(s.Object, in))
	}
	return in
}

func (e *evaluator) takeLabels() []string {
	l := e.labels
	e.labels = nil
	return l
}

func (e *evaluator) pop() target {
	t := e.targets[len(e.targets)-1]
	e.targets = e.targets[:len(e.targets)-1]
	return t
}

// jump sends the state at break or continue to its target.
func (e *evaluator) jump(s *ast.BranchStatement, in state) {
	label := ""
	if s.Label != nil {
		label = s.Label.Name.String()
	}
	for i := len(e.targets) - 1; i >= 0; i-- {
		t := &e.targets[i]
		if label != "" && !contains(t.labels, label) {
			continue
		}
		switch s.Token {
		case token.BREAK:
			if label == "" && !t.breakable {
				continue
			}
			t.brk = join(t.brk, in)
			return
		case token.CONTINUE:
			if !t.loop {
				if label != "" {
					return // not a loop's label: a syntax error the parser lets through
				}
				continue
			}
			t.cont = join(t.cont, in)
			return
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// loopStmt evaluates a loop body that runs any number of times (at least once for do-while):
// commands in it are unbounded, and the state after it joins every way out.
func (e *evaluator) loopStmt(in state, labels []string, body ast.Statement, atLeastOnce bool, after ...ast.Expression) state {
	e.loop++
	e.targets = append(e.targets, target{labels: labels, loop: true, breakable: true})
	out := e.stmt(body, in)
	t := e.targets[len(e.targets)-1]
	next := join(out, t.cont)
	for _, x := range after {
		next = e.expr(x, next)
	}
	t = e.pop()
	e.loop--
	exit := join(next, t.brk)
	if !atLeastOnce {
		exit = join(exit, in)
	}
	return exit
}

// switchStmt evaluates a switch: each case is entered when its test matches, falls through to
// the next unless it breaks, and without a default no case may run.
func (e *evaluator) switchStmt(s *ast.SwitchStatement, in state) state {
	labels := e.takeLabels()
	base := e.expr(s.Discriminant, in)
	if e.a.mentionsEnrollment(s.Discriminant) {
		base.open = false
	}
	e.targets = append(e.targets, target{labels: labels, breakable: true})
	cur := dead
	hasDefault := false
	for _, c := range s.Body {
		entry := base
		if c.Test == nil {
			hasDefault = true
		} else {
			entry = e.expr(c.Test, base)
			if e.a.mentionsEnrollment(c.Test) {
				entry.open = false
			}
		}
		cur = e.stmts(c.Consequent, join(cur, entry))
	}
	t := e.pop()
	out := join(cur, t.brk)
	if !hasDefault {
		out = join(out, base)
	}
	return out
}

// tryStmt evaluates try/catch/finally. The catch block may start anywhere in the try block: at
// its start, at its end, or at a throw in it; finally runs after every way out, returns included.
func (e *evaluator) tryStmt(s *ast.TryStatement, in state) state {
	if s.Catch != nil {
		e.catches = append(e.catches, dead)
	}
	ret := e.ret
	e.ret = dead
	body := e.stmt(s.Body, in)
	out := body
	if s.Catch != nil {
		caught := e.catches[len(e.catches)-1]
		e.catches = e.catches[:len(e.catches)-1]
		out = join(out, e.stmt(s.Catch.Body, join(join(in, body), caught)))
	}
	rets := e.ret
	e.ret = ret
	if s.Finally != nil {
		out = e.stmt(s.Finally, out)
		if rets.live {
			rets = e.stmt(s.Finally, rets)
		}
	}
	e.ret = join(e.ret, rets)
	return out
}

func (e *evaluator) bindings(list []*ast.Binding, in state) state {
	for _, b := range list {
		if isNil(b.Initializer) || e.a.helpers[b.Initializer] {
			continue // helpers are analysed where they are called
		}
		in = e.expr(b.Initializer, in)
	}
	return in
}

// branches returns the states entering the true and false branches of test. A test that shows
// the user has no enrolled factor closes the paths of its branch (no enrollment there needs a
// challenge first); when the test looks at the factors in a way this analysis does not follow,
// both branches get the benefit of the doubt.
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
	if isNil(x) || !in.live {
		return in
	}
	switch x := x.(type) {
	case *ast.CallExpression:
		callee := unwrap(x.Callee)
		switch callee.(type) {
		case *ast.FunctionLiteral, *ast.ArrowFunctionLiteral, *ast.Identifier:
			// called below, not evaluated as a value
		default:
			in = e.expr(x.Callee, in)
		}
		in = e.exprs(x.ArgumentList, in)
		return e.callSite(x, in)
	case *ast.Identifier:
		if fn, ok := e.a.funcs[x.Name.String()]; ok {
			return e.callback(fn, in) // a helper used as a value may be called any number of times
		}
		return in
	case *ast.FunctionLiteral, *ast.ArrowFunctionLiteral:
		if e.a.helpers[x] {
			return in
		}
		return e.callback(x, in)
	case *ast.ClassLiteral:
		in = e.expr(x.SuperClass, in)
		for _, el := range x.Body {
			switch el := el.(type) {
			case *ast.MethodDefinition:
				if el.Computed {
					in = e.expr(el.Key, in)
				}
				if el.Body != nil {
					in = e.callback(el.Body, in)
				}
			case *ast.FieldDefinition:
				if el.Computed {
					in = e.expr(el.Key, in)
				}
				in = e.expr(el.Initializer, in)
			case *ast.ClassStaticBlock:
				if el.Block != nil {
					in = e.stmt(el.Block, in)
				}
			}
		}
		return in
	case *ast.ObjectLiteral:
		for _, p := range x.Value {
			switch p := p.(type) {
			case *ast.PropertyKeyed:
				if p.Computed {
					in = e.expr(p.Key, in)
				}
				in = e.expr(p.Value, in)
			case *ast.PropertyShort:
				in = e.expr(&p.Name, in)
			case *ast.SpreadElement:
				in = e.expr(p.Expression, in)
			}
		}
		return in
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
		in = e.expr(x.Left, in)
		switch x.Operator {
		case token.LOGICAL_AND_ASSIGN, token.LOGICAL_OR_ASSIGN, token.COALESCE_ASSIGN:
			return join(in, e.expr(x.Right, in))
		}
		return e.expr(x.Right, in)
	case *ast.DotExpression:
		return e.expr(x.Left, in)
	}
	// Any other expression: its parts in order. e.kids is a stack of child lists.
	start := len(e.kids)
	e.kids = appendChildren(e.kids, x)
	end := len(e.kids)
	for i := start; i < end; i++ {
		if ce, ok := e.kids[i].(ast.Expression); ok {
			in = e.expr(ce, in)
		}
	}
	e.kids = e.kids[:start]
	return in
}

// callSite applies a call: an MFA command, a helper to analyse in place, a function literal
// called where it is written, or anything else (no effect).
func (e *evaluator) callSite(x *ast.CallExpression, in state) state {
	if i, ok := e.a.callAt[x]; ok {
		return e.command(&e.a.calls[i], in)
	}
	fn := e.a.callee(x.Callee)
	if fn == nil {
		return in
	}
	normal, thrown := e.call(fn, in)
	e.throw(thrown)
	return normal
}

// command applies a recorded call.
func (e *evaluator) command(c *Call, in state) state {
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
		out.min = sat(out.min, 1)
		out.max = sat(out.max, 1)
	}
	if c.Method.isChallenge() {
		out.noChal, out.open, out.chal = false, false, true
	}
	return out
}

// reachesCommand reports whether a function, or a helper it calls or passes on, contains an MFA
// command.
func (a *analyzer) reachesCommand(fn ast.Node) bool {
	if r, ok := a.reaches[fn]; ok {
		return r
	}
	seen := map[ast.Node]bool{fn: true}
	work := []ast.Node{fn}
	found := false
	for len(work) > 0 && !found {
		f := work[len(work)-1]
		work = work[:len(work)-1]
		inspect(f, func(n ast.Node) bool {
			var next ast.Node
			switch n := n.(type) {
			case *ast.CallExpression:
				if i, ok := a.callAt[n]; ok && a.calls[i].Method.IsMFACommand() {
					found = true
				}
				next = a.callee(n.Callee)
			case *ast.Identifier:
				next = a.funcs[n.Name.String()]
			}
			if next != nil && !seen[next] {
				seen[next] = true
				work = append(work, next)
			}
			return !found
		})
	}
	a.reaches[fn] = found
	return found
}
