// Package actioncode analyses the JavaScript of an Auth0 post-login Action without running it: the
// handlers it exports, the api methods it calls with which factors, and how many MFA commands one
// run of onExecutePostLogin can queue along the paths through it. It parses with goja's parser.
//
// Analyze never panics and stays fast on any input: absurdly nested or oversized sources are
// reported as a SyntaxError instead of being parsed.
package actioncode

import (
	"errors"
	"fmt"
	"strings"

	"github.com/dop251/goja/ast"
	"github.com/dop251/goja/parser"
)

// Span is a byte range [Start, End) in the analysed source.
type Span struct{ Start, End int }

// Method is an api method the analysis records, named by its path below api.
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

// methods lists every recorded Method.
var methods = [...]Method{ChallengeWith, ChallengeWithAny, EnrollWith, EnrollWithAny, MultifactorEnable, SendUserTo, AccessDeny}

// IsMFACommand reports whether m is one of the four MFA commands (challengeWith, challengeWithAny,
// enrollWith, enrollWithAny), the ones Auth0 allows four of per login.
func (m Method) IsMFACommand() bool {
	return m == ChallengeWith || m == ChallengeWithAny || m == EnrollWith || m == EnrollWithAny
}

// IsEnroll reports whether m is enrollWith or enrollWithAny.
func (m Method) IsEnroll() bool { return m == EnrollWith || m == EnrollWithAny }

// isChallenge reports whether m is challengeWith or challengeWithAny.
func (m Method) isChallenge() bool { return m == ChallengeWith || m == ChallengeWithAny }

// Short returns the method's own name, e.g. "challengeWith" for ChallengeWith.
func (m Method) Short() string { return string(m[strings.LastIndexByte(string(m), '.')+1:]) }

// SyntaxError is why the source could not be analysed: a parse error, or a source too large or too
// deeply nested to analyse safely.
type SyntaxError struct {
	// Span is the offending token (at least one byte, except at the end of the source).
	Span Span
	// Message is the parser's message, e.g. "Unexpected token ;".
	Message string
}

// Handler is an exported handler function (exports.onExecutePostLogin and the like).
type Handler struct {
	// Found is true when the file exports the handler.
	Found bool
	// Async is true when the function is declared async (async function or async arrow), as Auth0
	// requires; a plain function that returns a Promise is not. When the exported value is not a
	// function this file defines (a wrapper's result, a require), nothing shows it is not async and
	// Async is true.
	Async bool
	// Span is the export's property name, e.g. onExecutePostLogin in exports.onExecutePostLogin = ….
	Span Span
	// FuncSpan is the start of the function: its async or function keyword, its parameters and
	// arrow for an arrow function without async, or its name for a method without async. It is the
	// exported value itself when that is not a function this file defines.
	FuncSpan Span
}

// FactorRef is one factor offered by an MFA command.
type FactorRef struct {
	// Type is the factor's type, e.g. "otp"; "" when the factor object has no type property.
	Type string
	// TypeSpan is the type's value where it is written: the string literal including its quotes, or
	// the identifier that resolved to it (the whole object when there is no type property).
	TypeSpan Span
	// PreferredMethod is options.preferredMethod when it is written as a literal (PreferredSpan).
	PreferredMethod string
	PreferredSpan   Span
	// Additional is true for factors from options.additionalFactors of challengeWith/enrollWith.
	Additional bool
	// Options is true when the factor has an options object written as a literal.
	Options bool
}

// ObjectKey is a property of an object passed to an MFA command that the runtime does not read
// (a misspelt key is silently ignored).
type ObjectKey struct {
	// Name is the key as written; Span is the key.
	Name string
	Span Span
	// In names the object, e.g. "a factor" or "the options of a phone factor"; Known lists the keys
	// the runtime reads there.
	In    string
	Known []string
}

// Call is one call of a recorded api method.
type Call struct {
	// Method is the api method called.
	Method Method
	// Span is the method's name at the call, e.g. challengeWith.
	Span Span
	// CallSpan is the whole call expression.
	CallSpan Span
	// Factors are the factors an MFA command offers that are known statically: the default factor
	// first, then additionalFactors; for challengeWithAny and enrollWithAny the list.
	Factors []FactorRef
	// Computed are the parts of the factor arguments that cannot be resolved statically (a call
	// such as enrolled.map(…), a spread, a variable that is not a constant); empty when all resolved.
	Computed []Span
	// StringArg is the first argument of multifactor.enable (provider), redirect.sendUserTo (url)
	// and access.deny (reason) when it is a string literal, a template without substitutions, or a
	// constant bound to one (StringArgSet).
	StringArg    string
	StringArgSet bool
	// UnknownKeys are keys of the factor objects, their options, and the options argument of
	// challengeWith and enrollWith, that the runtime does not read (object literals only).
	UnknownKeys []ObjectKey
	// InLoop is true when the call may run any number of times: it is in a loop, or in a function
	// that is not called directly (a callback such as forEach's).
	InLoop bool
	// Handler is the handler the call is reached from: "onExecutePostLogin",
	// "onContinuePostLogin", or "" when no handler reaches it.
	Handler string
	// EnrollBeforeChallenge is true for an enroll command that a path from its handler's start
	// reaches with no challenge command queued before it, and without having checked the user's
	// enrolled factors in a way that shows the user has none. Auth0 fails such an enrollment for a
	// user who already has a factor.
	EnrollBeforeChallenge bool
}

// Unbounded is MaxCommands when an MFA command may run any number of times.
const Unbounded = -1

// Analysis is what Analyze finds in one Action's source.
type Analysis struct {
	// SyntaxError is set when the source could not be analysed; nothing else is filled in then.
	SyntaxError *SyntaxError
	// ExecuteHandler is exports.onExecutePostLogin.
	ExecuteHandler Handler
	// ContinueHandler is exports.onContinuePostLogin.
	ContinueHandler Handler
	// BetaHandler is set when module.exports itself is a function: the handler shape of the Actions
	// beta (post-login v1), module.exports = async (event, context) => { … }, which Auth0 retired.
	// Span is the assignment's module.exports.
	BetaHandler Handler
	// Calls are every call of a recorded method anywhere in the file, in source order.
	Calls []Call
	// MinCommands and MaxCommands are the fewest and most MFA commands one run of
	// onExecutePostLogin can queue; MaxCommands is Unbounded when one may run in a loop or a
	// callback. Both are 0 when there is no handler.
	MinCommands, MaxCommands int
	// ChallengesOnEveryPath is true when every path through onExecutePostLogin that ends (by
	// returning, throwing or reaching its end) queues at least one challenge command.
	ChallengesOnEveryPath bool
	// Requires are the require calls with a literal name, in source order (requires.go);
	// DynamicRequire is true when require is also called with a computed name.
	Requires       []Require
	DynamicRequire bool
}

// Analyze parses src as the JavaScript of a post-login Action and analyses it. It never panics.
func Analyze(src []byte) (an *Analysis) {
	defer func() {
		if r := recover(); r != nil {
			an = &Analysis{SyntaxError: &SyntaxError{Span: Span{0, min(1, len(src))}, Message: fmt.Sprintf("%s: %v", internalError, r)}}
		}
	}()
	s := string(src)
	if se := precheck(s); se != nil {
		return &Analysis{SyntaxError: se}
	}
	// Regular expressions that Go cannot run are still valid JavaScript; source maps are not read.
	prog, err := ParseJS("", s, parser.IgnoreRegExpErrors, parser.WithDisableSourceMaps)
	if err != nil {
		return &Analysis{SyntaxError: syntaxError(s, err)}
	}
	a := newAnalyzer(s, prog)
	if deep := a.collectDecls(); deep != nil {
		return &Analysis{SyntaxError: &SyntaxError{Span: tokenSpan(s, a.span(deep).Start), Message: tooDeep}}
	}
	return a.run()
}

// ParseJS runs goja's parser.ParseFile on src with the given mode and options. That parser panics on some
// invalid inputs: an array binding pattern left open at the end of the file, such as
// "function[[[...{", slices its source with a closing bracket that does not exist (goja
// parser/expression.go, checkComma). Such a source is never valid JavaScript, so the panic is returned
// as ErrUnclosed, the syntax error it stands for. Every parse of Action code in mfactl goes through it.
func ParseJS(name, src string, mode parser.Mode, opts ...parser.Option) (prog *ast.Program, err error) {
	defer func() {
		if r := recover(); r != nil {
			prog, err = nil, ErrUnclosed
		}
	}()
	return parser.ParseFile(nil, name, src, mode, opts...)
}

// ErrUnclosed stands for a goja parser panic on a source that ends inside an open bracket; report it
// at the last token of the source.
var ErrUnclosed = errors.New("Unexpected end of input: a bracket is never closed")

// internalError starts the message of a SyntaxError that stands for a bug in this package.
const internalError = "internal error in the JavaScript analysis, please report"

// syntaxError converts a goja parse error to a SyntaxError with a byte span.
func syntaxError(src string, err error) *SyntaxError {
	var pe *parser.Error
	var list parser.ErrorList
	switch {
	case errors.As(err, &list) && len(list) > 0:
		pe = list[0]
	case errors.As(err, &pe):
	}
	if errors.Is(err, ErrUnclosed) {
		return &SyntaxError{Span: tokenSpan(src, max(0, len(strings.TrimRight(src, " \t\r\n"))-1)), Message: err.Error()}
	}
	if pe == nil {
		return &SyntaxError{Span: Span{0, min(1, len(src))}, Message: err.Error()}
	}
	off := lineStart(src, pe.Position.Line) + pe.Position.Column - 1
	return &SyntaxError{Span: tokenSpan(src, max(0, min(off, len(src)))), Message: pe.Message}
}

// lineStart returns the offset of 1-based line in src, counting line terminators as goja does
// (\n, \r, \r\n, U+2028, U+2029).
func lineStart(src string, line int) int {
	off := 0
	for l := 1; l < line && off < len(src); {
		switch c := src[off]; {
		case c == '\n':
			off++
			l++
		case c == '\r':
			off++
			if off < len(src) && src[off] == '\n' {
				off++
			}
			l++
		case c == 0xE2 && off+2 < len(src) && src[off+1] == 0x80 && (src[off+2] == 0xA8 || src[off+2] == 0xA9):
			off += 3
			l++
		default:
			off++
		}
	}
	return off
}

// span converts a node's goja indexes (1-based, parsed with base 1) to a byte span clamped to the
// source. Identifiers are measured in the source, since goja measures their decoded name.
func (a *analyzer) span(n ast.Node) Span {
	if id, ok := n.(*ast.Identifier); ok {
		start := a.clamp(int(id.Idx) - 1)
		return Span{start, identEnd(a.src, start)}
	}
	start := a.clamp(int(n.Idx0()) - 1)
	end := a.clamp(int(n.Idx1()) - 1)
	if sp, ok := n.(*ast.SpreadElement); ok {
		// goja's spread element starts at its expression; include the "...".
		if start >= 3 && a.src[start-3:start] == "..." {
			start -= 3
		}
		end = a.clamp(int(sp.Expression.Idx1()) - 1)
	}
	return Span{start, max(start, end)}
}

func (a *analyzer) clamp(off int) int { return max(0, min(off, len(a.src))) }

// run analyses a parsed program whose declarations are collected.
func (a *analyzer) run() *Analysis {
	an := &Analysis{}
	var execFn, contFn ast.Node
	an.ExecuteHandler, execFn = a.handler(executeHandler)
	an.ContinueHandler, contFn = a.handler(continueHandler)
	an.BetaHandler = a.betaHandler()
	a.collectCalls()
	a.collectAware()
	// onExecutePostLogin first: a helper both handlers call is attributed to it.
	if execFn != nil {
		if exit := a.evaluate(execFn, executeHandler); exit.live {
			an.MinCommands = min(exit.min, inf-1)
			an.MaxCommands = exit.max
			if exit.max >= inf {
				an.MaxCommands = Unbounded
			}
			an.ChallengesOnEveryPath = !exit.noChal
		}
	}
	if contFn != nil {
		a.evaluate(contFn, continueHandler)
	}
	an.Calls = a.calls
	an.Requires, an.DynamicRequire = a.requires()
	return an
}
