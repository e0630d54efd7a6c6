package actioncode

import (
	"strconv"

	"github.com/dop251/goja/ast"
	"github.com/dop251/goja/token"
)

// polarity says what a true test implies about the user's enrolled factors.
type polarity int

const (
	notAware   polarity = iota // the test does not look at enrolled factors
	hasFactors                 // true only when the user has enrolled factors
	noFactors                  // true only when the user has none
	unclear                    // it looks at them, in a way mfactl does not follow
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

// enrollmentFields are the event.user fields that list a user's factors.
var enrollmentFields = map[string]bool{"enrolledFactors": true, "multifactor": true}

// collectAware marks the variables and helpers whose value depends on the enrolled factors.
func (a *analyzer) collectAware() {
	for round := 0; round < 5; round++ {
		changed := false
		for name, init := range a.inits {
			if !a.aware[name] && a.mentionsEnrollment(init) {
				a.aware[name], changed = true, true
			}
		}
		for name, fn := range a.funcs {
			if !a.aware[name] && a.mentionsEnrollment(fn) {
				a.aware[name], changed = true, true
			}
		}
		if !changed {
			return
		}
	}
}

// mentionsEnrollment reports whether n reads the enrolled factors, directly or through an aware
// variable or helper.
func (a *analyzer) mentionsEnrollment(n ast.Node) bool {
	found := false
	inspect(n, func(n ast.Node) bool {
		switch v := n.(type) {
		case *ast.DotExpression:
			if enrollmentFields[string(v.Identifier.Name)] {
				found = true
			}
		case *ast.Identifier:
			if a.aware[string(v.Name)] {
				found = true
			}
		}
		return !found
	})
	return found
}

// isFactorList reports whether e evaluates to the user's list of enrolled factors (or a part of it).
func (a *analyzer) isFactorList(e ast.Expression) bool {
	for depth := 0; depth < 10 && e != nil; depth++ {
		switch v := unwrap(e).(type) {
		case *ast.DotExpression:
			return enrollmentFields[string(v.Identifier.Name)]
		case *ast.BinaryExpression:
			if v.Operator != token.COALESCE && v.Operator != token.LOGICAL_OR {
				return false
			}
			e = v.Left
		case *ast.CallExpression:
			d, ok := unwrap(v.Callee).(*ast.DotExpression)
			if !ok {
				return false
			}
			switch string(d.Identifier.Name) {
			case "filter", "map", "slice", "concat", "flat":
				e = d.Left
			default:
				return false
			}
		case *ast.Identifier:
			e = a.inits[string(v.Name)]
		default:
			return false
		}
	}
	return false
}

// isCount reports whether e is the number of enrolled factors (list.length).
func (a *analyzer) isCount(e ast.Expression) bool {
	d, ok := unwrap(e).(*ast.DotExpression)
	return ok && string(d.Identifier.Name) == "length" && a.isFactorList(d.Left)
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
	if depth > 10 {
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
			case (l == hasFactors && r == noFactors) || (l == noFactors && r == hasFactors):
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
			if l == notAware && r == notAware {
				return notAware
			}
			return unclear
		}
		if p := a.comparison(v); p != notAware {
			return p
		}
	case *ast.DotExpression:
		if a.isCount(v) {
			return hasFactors // list.length is truthy when there is a factor
		}
	case *ast.CallExpression:
		if d, ok := unwrap(v.Callee).(*ast.DotExpression); ok && a.isFactorList(d.Left) {
			switch string(d.Identifier.Name) {
			case "some", "find", "includes", "findIndex", "findLast":
				return hasFactors // true only for a user with at least one factor
			}
		}
	case *ast.Identifier:
		if init := a.inits[string(v.Name)]; init != nil && !a.isFactorList(init) {
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
