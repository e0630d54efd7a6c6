package actioncode

import (
	"strconv"

	"github.com/dop251/goja/ast"
	"github.com/dop251/goja/token"
)

// polarity says what a true branch test implies about the user's enrolled factors.
type polarity int

const (
	notAware   polarity = iota // the test does not look at the enrolled factors
	hasFactors                 // true only when the user has an enrolled factor
	noFactors                  // true only when the user has none
	unclear                    // it looks at them in a way this analysis does not follow
)

func (p polarity) invert() polarity {
	switch p {
	case hasFactors:
		return noFactors
	case noFactors:
		return hasFactors
	}
	return p
}

// enrollmentFields are the event.user fields that list the user's factors.
var enrollmentFields = map[string]bool{"enrolledFactors": true, "multifactor": true}

// collectAware marks the variables and helpers whose value depends on the enrolled factors:
// those whose initializer or body mentions them, directly or through another such name.
func (a *analyzer) collectAware() {
	refs := map[string][]string{} // name -> the resolvable names its definition mentions
	var work []string
	note := func(name string, def ast.Node) {
		direct := false
		inspect(def, func(n ast.Node) bool {
			switch v := n.(type) {
			case *ast.DotExpression:
				if enrollmentFields[v.Identifier.Name.String()] {
					direct = true
				}
			case *ast.Identifier:
				s := v.Name.String()
				if enrollmentFields[s] {
					direct = true
				} else if _, ok := a.inits[s]; ok {
					refs[s] = append(refs[s], name)
				} else if _, ok := a.funcs[s]; ok {
					refs[s] = append(refs[s], name)
				}
			}
			return !direct
		})
		if direct && !a.aware[name] {
			a.aware[name] = true
			work = append(work, name)
		}
	}
	for name, init := range a.inits {
		note(name, init)
	}
	for name, fn := range a.funcs {
		if _, ok := a.inits[name]; !ok {
			note(name, fn)
		}
	}
	// Propagate to the names that mention an aware one.
	for len(work) > 0 {
		name := work[len(work)-1]
		work = work[:len(work)-1]
		for _, user := range refs[name] {
			if !a.aware[user] {
				a.aware[user] = true
				work = append(work, user)
			}
		}
	}
}

// mentionsEnrollment reports whether n reads the enrolled factors: a property or variable named
// enrolledFactors or multifactor, or a variable or helper that depends on them.
func (a *analyzer) mentionsEnrollment(n ast.Node) bool {
	found := false
	inspect(n, func(n ast.Node) bool {
		switch v := n.(type) {
		case *ast.DotExpression:
			if enrollmentFields[v.Identifier.Name.String()] {
				found = true
			}
		case *ast.Identifier:
			if s := v.Name.String(); a.aware[s] || enrollmentFields[s] {
				found = true
			}
		}
		return !found
	})
	return found
}

// isFactorList reports whether e evaluates to the user's list of enrolled factors, or a part or
// a mapping of it.
func (a *analyzer) isFactorList(e ast.Expression) bool {
	for depth := 0; depth < 16 && !isNil(e); depth++ {
		switch v := unwrap(e).(type) {
		case *ast.DotExpression:
			return enrollmentFields[v.Identifier.Name.String()]
		case *ast.BinaryExpression:
			if v.Operator != token.COALESCE && v.Operator != token.LOGICAL_OR {
				return false
			}
			e = v.Left
		case *ast.CallExpression:
			obj, m, _, ok := member(v.Callee)
			if !ok {
				return false
			}
			switch m {
			case "filter", "map", "slice", "concat", "flat", "flatMap":
				e = obj
			default:
				return false
			}
		case *ast.Identifier:
			if enrollmentFields[v.Name.String()] && a.inits[v.Name.String()] == nil {
				return true // a parameter or destructured variable named after the field
			}
			e = a.inits[v.Name.String()]
		default:
			return false
		}
	}
	return false
}

// isCount reports whether e is the number of enrolled factors (list.length).
func (a *analyzer) isCount(e ast.Expression) bool {
	obj, m, _, ok := member(e)
	return ok && m == "length" && a.isFactorList(obj)
}

func number(e ast.Expression) (float64, bool) {
	n, ok := unwrap(e).(*ast.NumberLiteral)
	if !ok {
		return 0, false
	}
	f, err := strconv.ParseFloat(n.Literal, 64)
	return f, err == nil
}

// polarity reads what a true test means for the user's enrolled factors.
func (a *analyzer) polarity(test ast.Expression) polarity {
	return a.polarityDepth(test, 0)
}

func (a *analyzer) polarityDepth(test ast.Expression, depth int) polarity {
	if depth > 16 {
		return unclear
	}
	t := unwrap(test)
	switch v := t.(type) {
	case *ast.UnaryExpression:
		if v.Operator == token.NOT {
			return a.polarityDepth(v.Operand, depth+1).invert()
		}
	case *ast.BinaryExpression:
		switch v.Operator {
		case token.LOGICAL_AND:
			l, r := a.polarityDepth(v.Left, depth+1), a.polarityDepth(v.Right, depth+1)
			switch {
			case l == hasFactors && r == noFactors || l == noFactors && r == hasFactors:
				return unclear
			case l == hasFactors || r == hasFactors:
				return hasFactors
			case l == noFactors || r == noFactors:
				return noFactors
			case l == unclear || r == unclear:
				return unclear
			}
			return notAware
		case token.LOGICAL_OR:
			l, r := a.polarityDepth(v.Left, depth+1), a.polarityDepth(v.Right, depth+1)
			if l == r {
				return l
			}
			return unclear
		}
		if p := a.comparison(v); p != notAware {
			return p
		}
	case *ast.DotExpression, *ast.BracketExpression:
		if a.isCount(v) {
			return hasFactors // list.length is truthy when there is a factor
		}
	case *ast.CallExpression:
		if obj, m, _, ok := member(v.Callee); ok && a.isFactorList(obj) {
			switch m {
			case "some", "find", "includes", "findIndex", "findLast", "findLastIndex", "at":
				return hasFactors // true only for a user with at least one factor
			}
		}
	case *ast.Identifier:
		if init := a.inits[v.Name.String()]; init != nil && !a.isFactorList(init) {
			return a.polarityDepth(init, depth+1)
		}
	}
	if a.mentionsEnrollment(t) {
		return unclear
	}
	return notAware
}

// comparison reads tests such as list.length > 0 or list.length === 0.
func (a *analyzer) comparison(b *ast.BinaryExpression) polarity {
	op := b.Operator
	left, right := b.Left, b.Right
	if !a.isCount(left) {
		if !a.isCount(right) {
			return notAware
		}
		// n < count is count > n.
		left, right = right, left
		switch op {
		case token.LESS:
			op = token.GREATER
		case token.LESS_OR_EQUAL:
			op = token.GREATER_OR_EQUAL
		case token.GREATER:
			op = token.LESS
		case token.GREATER_OR_EQUAL:
			op = token.LESS_OR_EQUAL
		}
	}
	n, ok := number(right)
	if !ok {
		return unclear
	}
	switch op {
	case token.GREATER:
		if n >= 0 {
			return hasFactors
		}
	case token.GREATER_OR_EQUAL:
		if n >= 1 {
			return hasFactors
		}
	case token.STRICT_EQUAL, token.EQUAL:
		if n == 0 {
			return noFactors
		}
		return hasFactors
	case token.STRICT_NOT_EQUAL, token.NOT_EQUAL:
		if n == 0 {
			return hasFactors
		}
	case token.LESS:
		if n <= 1 {
			return noFactors
		}
	case token.LESS_OR_EQUAL:
		if n <= 0 {
			return noFactors
		}
	}
	return unclear
}
