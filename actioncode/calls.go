package actioncode

import (
	"github.com/dop251/goja/ast"
)

// methodOf returns the recorded method a call's callee names (X.authentication.challengeWith and
// the like, with any X, optional chaining or string keys) and the span of its last name.
func (a *analyzer) methodOf(callee ast.Expression) (Method, Span, bool) {
	obj, prop, propNode, ok := member(callee)
	if !ok {
		return "", Span{}, false
	}
	group := name0(obj)
	if _, n, _, ok := member(obj); ok {
		group = n
	}
	if group == "" {
		return "", Span{}, false
	}
	for _, m := range methods {
		if len(m) == len(group)+1+len(prop) && string(m) == group+"."+prop {
			return m, a.span(propNode), true
		}
	}
	return "", Span{}, false
}

// collectCalls finds every call of a recorded method and resolves its arguments. A call that the
// source shows may repeat is marked InLoop here: one in a loop, or in a function literal that is
// neither called where it is written, nor a named helper, nor a handler. The path analysis marks
// the calls it reaches repeatedly through helpers.
func (a *analyzer) collectCalls() {
	var visit func(n ast.Node, loop bool)
	var kids []ast.Node
	visit = func(n ast.Node, loop bool) {
		switch v := n.(type) {
		case *ast.ForStatement, *ast.ForInStatement, *ast.ForOfStatement, *ast.WhileStatement, *ast.DoWhileStatement:
			loop = true
		case *ast.FunctionLiteral, *ast.ArrowFunctionLiteral:
			switch {
			case a.helpers[n] || a.named[n] || a.handlers[n]:
				loop = false // runs where it is called
			case a.iife[n]:
			default:
				loop = true // a callback: may run any number of times
			}
		case *ast.CallExpression:
			switch unwrap(v.Callee).(type) {
			case *ast.FunctionLiteral, *ast.ArrowFunctionLiteral:
				a.iife[unwrap(v.Callee)] = true
			}
			if m, s, ok := a.methodOf(v.Callee); ok {
				call := Call{Method: m, Span: s, CallSpan: a.span(v), InLoop: loop}
				a.arguments(&call, v.ArgumentList)
				a.callAt[v] = len(a.calls)
				a.calls = append(a.calls, call)
			}
		}
		start := len(kids)
		kids = appendChildren(kids, n)
		end := len(kids)
		for i := start; i < end; i++ {
			visit(kids[i], loop)
		}
		kids = kids[:start]
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
		if e := arg(1); e != nil {
			a.options(call, e)
		}
	case ChallengeWithAny, EnrollWithAny:
		if e := arg(0); e != nil {
			a.factorList(call, e, false)
		}
	default:
		if e := arg(0); e != nil {
			if s, ok := literalString(a.resolveConst(e)); ok {
				call.StringArg, call.StringArgSet = s, true
			}
		}
	}
}

// options reads the options argument of challengeWith and enrollWith: its additionalFactors.
func (a *analyzer) options(call *Call, e ast.Expression) {
	var opts *ast.ObjectLiteral
	switch v := a.resolveConst(e).(type) {
	case *ast.ObjectLiteral:
		opts = v
	case *ast.NullLiteral:
		return
	case *ast.Identifier:
		if v.Name.String() == "undefined" {
			return
		}
	}
	if opts == nil {
		call.Computed = append(call.Computed, a.span(e))
		return
	}
	a.unknownKeys(call, opts, "the options of "+call.Method.Short(), optionKeys)
	if v := property(opts, "additionalFactors"); v != nil {
		a.factorList(call, v, true)
	} else if hasOpaqueProperty(opts) {
		call.Computed = append(call.Computed, a.span(e))
	}
}

// factorList reads a list of factors: an array literal (or a constant bound to one).
func (a *analyzer) factorList(call *Call, e ast.Expression, additional bool) {
	list, ok := a.resolveConst(e).(*ast.ArrayLiteral)
	if !ok {
		call.Computed = append(call.Computed, a.span(e))
		return
	}
	for _, el := range list.Value {
		if isNil(el) {
			continue // a hole
		}
		if sp, ok := el.(*ast.SpreadElement); ok {
			call.Computed = append(call.Computed, a.span(sp))
			continue
		}
		a.factor(call, el, additional)
	}
}

// factor reads one factor: an object literal {type: …, options: {preferredMethod: …}} (or a
// constant bound to one).
func (a *analyzer) factor(call *Call, e ast.Expression, additional bool) {
	if sp, ok := e.(*ast.SpreadElement); ok {
		call.Computed = append(call.Computed, a.span(sp))
		return
	}
	obj, ok := a.resolveConst(e).(*ast.ObjectLiteral)
	if !ok {
		call.Computed = append(call.Computed, a.span(e))
		return
	}
	a.unknownKeys(call, obj, "a factor", factorKeys)
	t := property(obj, "type")
	if t == nil {
		if hasOpaqueProperty(obj) {
			call.Computed = append(call.Computed, a.span(e))
			return
		}
		// A factor without a type: Auth0 cannot use it.
		call.Factors = append(call.Factors, FactorRef{TypeSpan: a.span(obj), Additional: additional})
		return
	}
	typ, ok := literalString(a.resolveConst(t))
	if !ok {
		call.Computed = append(call.Computed, a.span(t))
		return
	}
	ref := FactorRef{Type: typ, TypeSpan: a.span(t), Additional: additional}
	if o, ok := a.resolveConst(property(obj, "options")).(*ast.ObjectLiteral); ok {
		ref.Options = true
		switch typ {
		case "phone":
			a.unknownKeys(call, o, "the options of a phone factor", phoneOptionKeys)
		case "push", "push-notification":
			a.unknownKeys(call, o, "the options of a push factor", pushOptionKeys)
		}
		if pm := property(o, "preferredMethod"); pm != nil {
			if s, ok := literalString(a.resolveConst(pm)); ok {
				ref.PreferredMethod, ref.PreferredSpan = s, a.span(pm)
			}
		}
	}
	call.Factors = append(call.Factors, ref)
}

// The keys the runtime reads in the objects passed to the MFA commands (actions-semantics §3): a
// factor is {type, options}; phone options take preferredMethod, push options otpFallback (other
// factors' options are free-form); the second argument of challengeWith and enrollWith takes
// additionalFactors.
var (
	factorKeys      = []string{"options", "type"}
	phoneOptionKeys = []string{"preferredMethod"}
	pushOptionKeys  = []string{"otpFallback"}
	optionKeys      = []string{"additionalFactors"}
)

// unknownKeys records the non-computed keys of o that are not in known.
func (a *analyzer) unknownKeys(call *Call, o *ast.ObjectLiteral, in string, known []string) {
	for _, p := range o.Value {
		var name string
		var node ast.Node
		switch p := p.(type) {
		case *ast.PropertyKeyed:
			if p.Computed {
				continue
			}
			name, node = keyName(p.Key), p.Key
		case *ast.PropertyShort:
			name, node = p.Name.Name.String(), &p.Name
		default:
			continue
		}
		if name == "" || contains(known, name) {
			continue
		}
		call.UnknownKeys = append(call.UnknownKeys, ObjectKey{Name: name, Span: a.span(node), In: in, Known: known})
	}
}
