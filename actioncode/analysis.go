// Package actioncode analyses the JavaScript of a post-login Action without running it: which
// handlers it exports, which api methods it calls with which factors, and how many MFA commands one
// login can queue along the paths through its handler. It uses goja's parser.
package actioncode

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/dop251/goja/ast"
	"github.com/dop251/goja/parser"
)

// Span is a byte range [Start, End) in the analysed source.
type Span struct{ Start, End int }

// Method is an api method the analysis records.
type Method string

// The methods the analysis records.
const (
	ChallengeWith     Method = "authentication.challengeWith"
	ChallengeWithAny  Method = "authentication.challengeWithAny"
	EnrollWith        Method = "authentication.enrollWith"
	EnrollWithAny     Method = "authentication.enrollWithAny"
	MultifactorEnable Method = "multifactor.enable"
	SendUserTo        Method = "redirect.sendUserTo"
	AccessDeny        Method = "access.deny"
)

var methods = []Method{ChallengeWith, ChallengeWithAny, EnrollWith, EnrollWithAny, MultifactorEnable, SendUserTo, AccessDeny}

// IsMFACommand reports whether m is one of the four MFA commands.
func (m Method) IsMFACommand() bool {
	return m == ChallengeWith || m == ChallengeWithAny || m == EnrollWith || m == EnrollWithAny
}

// IsEnroll reports whether m is enrollWith or enrollWithAny.
func (m Method) IsEnroll() bool { return m == EnrollWith || m == EnrollWithAny }

// IsChallenge reports whether m is challengeWith or challengeWithAny.
func (m Method) IsChallenge() bool { return m == ChallengeWith || m == ChallengeWithAny }

// Short returns the method's last name, e.g. "challengeWith".
func (m Method) Short() string { return string(m[strings.LastIndexByte(string(m), '.')+1:]) }

// SyntaxError is a parse error in the source.
type SyntaxError struct {
	Span    Span
	Message string
}

// Handler is an exported handler function.
type Handler struct {
	Found bool
	// Async is true when the function is declared async, as Auth0 requires.
	Async bool
	// Span is the exported name, e.g. onExecutePostLogin in exports.onExecutePostLogin = ….
	Span Span
	// FuncSpan is the start of the function itself.
	FuncSpan Span
}

// FactorRef is one factor passed to an MFA command.
type FactorRef struct {
	Type     string
	TypeSpan Span
	// PreferredMethod is options.preferredMethod when written as a literal.
	PreferredMethod string
	PreferredSpan   Span
	// Additional is true for factors from options.additionalFactors.
	Additional bool
}

// Call is one call of a recorded api method.
type Call struct {
	Method Method
	// Span is the method name at the call, e.g. challengeWith.
	Span Span
	// CallSpan is the whole call expression.
	CallSpan Span
	// Factors are the factors offered, default first, for the four MFA commands.
	Factors []FactorRef
	// Computed are the parts of the factor arguments that are only known at login time.
	Computed []Span
	// StringArg is the first argument when it is a string literal (StringArgSet).
	StringArg    string
	StringArgSet bool
	// InLoop is true when the call may run any number of times: in a loop, or in a callback.
	InLoop bool
	// Handler is the handler the call is reached from ("" when none reaches it).
	Handler string
	// EnrollBeforeChallenge is true for an enroll command that can run before any challenge, on a path
	// not limited to users without factors by a check of event.user.enrolledFactors.
	EnrollBeforeChallenge bool
}

// Unbounded is MaxCommands when a command may run any number of times.
const Unbounded = -1

// Analysis is what Analyze finds in one Action's source.
type Analysis struct {
	// SyntaxError is set when the source does not parse; nothing else is filled in then.
	SyntaxError *SyntaxError
	// ExecuteHandler is exports.onExecutePostLogin; ContinueHandler is exports.onContinuePostLogin.
	ExecuteHandler  Handler
	ContinueHandler Handler
	// Calls are every call of a recorded method, in source order.
	Calls []Call
	// MinCommands and MaxCommands are the fewest and most MFA commands one run of
	// onExecutePostLogin can queue (MaxCommands is Unbounded when a command may repeat).
	MinCommands, MaxCommands int
	// ChallengesOnEveryPath is true when every path through onExecutePostLogin queues a challenge.
	ChallengesOnEveryPath bool
}

// maxNesting bounds bracket nesting; deeper sources are refused before parsing, since the parser
// and the walkers recurse.
const maxNesting = 500

// Analyze parses src and analyses it. It never panics.
func Analyze(src []byte) (an *Analysis) {
	defer func() {
		if r := recover(); r != nil {
			an = &Analysis{SyntaxError: &SyntaxError{Span: Span{0, min(1, len(src))}, Message: fmt.Sprintf("could not analyse the source: %v", r)}}
		}
	}()
	if off, ok := tooDeep(src); !ok {
		return &Analysis{SyntaxError: &SyntaxError{Span: Span{off, off + 1}, Message: fmt.Sprintf("brackets nested more than %d deep", maxNesting)}}
	}
	prog, err := parser.ParseFile(nil, "", string(src), 0)
	if err != nil {
		return &Analysis{SyntaxError: syntaxError(src, err)}
	}
	a := newAnalyzer(src, prog)
	return a.run()
}

// tooDeep reports the offset where bracket nesting first exceeds maxNesting.
func tooDeep(src []byte) (int, bool) {
	depth := 0
	for i, c := range src {
		switch c {
		case '(', '[', '{':
			depth++
			if depth > maxNesting {
				return i, false
			}
		case ')', ']', '}':
			if depth > 0 {
				depth--
			}
		}
	}
	return 0, true
}

func syntaxError(src []byte, err error) *SyntaxError {
	var list parser.ErrorList
	var one *parser.Error
	var pe *parser.Error
	switch {
	case errors.As(err, &list) && len(list) > 0:
		pe = list[0]
	case errors.As(err, &one):
		pe = one
	}
	if pe == nil {
		return &SyntaxError{Span: Span{0, min(1, len(src))}, Message: err.Error()}
	}
	// goja's column is a byte offset from the line start, plus one.
	off := 0
	line := 1
	for off < len(src) && line < pe.Position.Line {
		if src[off] == '\n' {
			line++
		}
		off++
	}
	off += pe.Position.Column - 1
	off = max(0, min(off, len(src)))
	end := min(off+1, len(src))
	return &SyntaxError{Span: Span{off, end}, Message: pe.Message}
}

// span converts a node's goja indexes (1-based) to a byte span.
func span(n ast.Node) Span {
	return Span{int(n.Idx0()) - 1, int(n.Idx1()) - 1}
}

// sortCalls orders calls by position.
func sortCalls(calls []Call) {
	sort.SliceStable(calls, func(i, j int) bool { return calls[i].CallSpan.Start < calls[j].CallSpan.Start })
}
