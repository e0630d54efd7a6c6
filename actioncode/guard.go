package actioncode

import (
	"fmt"
	"unicode/utf8"
)

// Limits that keep Analyze fast and its recursion shallow. goja's parser recurses once per level
// of nesting and is quadratic in the nesting of arrow functions and of labels, so sources beyond
// these limits are refused before parsing (precheck); the walkers of this package recurse over the
// syntax tree, whose depth collectDecls bounds after parsing.
const (
	// maxSource is the largest source analysed; Auth0 itself accepts at most 100 kB per Action.
	maxSource = 1 << 20
	// maxNesting bounds the nesting the pre-scan sees: brackets, template substitutions, and the
	// arrows, ternaries, assignments and prefix operators nested without brackets.
	maxNesting = 500
	// maxLabels bounds the number of labelled statements.
	maxLabels = 100
	// maxTreeDepth bounds the depth of the syntax tree.
	maxTreeDepth = 1000
)

// tooDeep is the message of a SyntaxError for a source nested beyond the limits.
const tooDeep = "too deeply nested to analyse"

// token kinds the pre-scan distinguishes, for regular expressions, automatic semicolons, prefix
// operators and labels.
const (
	tkStart   = iota // start of the source
	tkOperand        // identifier, literal, regular expression, template: ends an expression
	tkClose          // ) ] }
	tkPunct          // any other punctuator
	tkKeyword        // a keyword after which an expression starts (return, typeof, case, …)
)

// scanFrame is one open bracket (or template substitution) in the pre-scan.
type scanFrame struct {
	template bool // closing it resumes a template literal
	block    bool // a { that opens a block (where labels can be) rather than an object
	pending  int  // arrows, ternaries and assignments nested in this frame since its last , or ;
}

// scanner is the pre-scan state.
type scanner struct {
	s              string
	frames         []scanFrame
	pending        int // sum of frames' pending
	unary          int // length of the current run of prefix operators
	labels         int
	prev           int    // kind of the previous token
	prevTok        string // text of the previous token when it is a keyword or punctuator
	newline        bool   // a line terminator since the previous token
	lastColonLabel bool   // the previous token is the colon of a label
}

// precheck scans the source s cheaply, without parsing, and refuses sources that are too large, too deeply
// nested, or have too many labels. It does not report syntax errors: the parser does.
func precheck(s string) *SyntaxError {
	if len(s) > maxSource {
		return &SyntaxError{Span: Span{maxSource, maxSource + 1}, Message: fmt.Sprintf("source too large to analyse: over %d bytes (Auth0 accepts at most 100 kB)", maxSource)}
	}
	sc := scanner{s: s, frames: make([]scanFrame, 1, 16), prev: tkStart}
	sc.frames[0].block = true
	return sc.run()
}

func (sc *scanner) depth() int { return len(sc.frames) - 1 + sc.pending + sc.unary }

func (sc *scanner) fail(start int, msg string) *SyntaxError {
	return &SyntaxError{Span: tokenSpan(sc.s, start), Message: msg}
}

// top returns the innermost frame.
func (sc *scanner) top() *scanFrame { return &sc.frames[len(sc.frames)-1] }

// reset ends the nesting pending in the innermost frame (at , ; or an automatic semicolon).
func (sc *scanner) reset() {
	t := sc.top()
	sc.pending -= t.pending
	t.pending = 0
}

// nest records one level of nesting without brackets.
func (sc *scanner) nest() {
	sc.top().pending++
	sc.pending++
}

func (sc *scanner) run() *SyntaxError {
	s := sc.s
	i := 0
	for i < len(s) {
		c := s[i]
		// Whitespace, line terminators and comments.
		switch {
		case c == '\n' || c == '\r':
			sc.newline = true
			i++
			continue
		case c == ' ' || c == '\t' || c == '\v' || c == '\f':
			i++
			continue
		case c == '/' && i+1 < len(s) && s[i+1] == '/':
			i = lineEnd(s, i)
			continue
		case c == '/' && i+1 < len(s) && s[i+1] == '*':
			end := indexFrom(s, i+2, "*/")
			if end < 0 {
				return nil // unterminated comment: the parser reports it
			}
			for j := i + 2; j < end; j++ {
				if s[j] == '\n' || s[j] == '\r' {
					sc.newline = true
					break
				}
			}
			i = end + 2
			continue
		case c >= utf8.RuneSelf:
			r, n := utf8.DecodeRuneInString(s[i:])
			if r == '\u2028' || r == '\u2029' {
				sc.newline = true
				i += n
				continue
			}
			if isUnicodeSpace(r) {
				i += n
				continue
			}
		}
		start := i
		asi := sc.newline && (sc.prev == tkOperand || sc.prev == tkClose)
		sc.newline = false
		switch {
		case isIdentStart(s, i):
			i = identEndStr(s, i)
			word := s[start:i]
			if asi {
				sc.reset()
			}
			switch {
			case prefixKeywords[word]:
				sc.unary++
				if sc.depth() > maxNesting {
					return sc.fail(start, tooDeep)
				}
				sc.prev, sc.prevTok = tkKeyword, word
			case keywords[word]:
				sc.unary = 0
				sc.prev, sc.prevTok = tkKeyword, word
			default:
				sc.unary = 0
				if sc.isLabel(i, asi) {
					sc.labels++
					if sc.labels > maxLabels {
						return sc.fail(start, fmt.Sprintf("too many labelled statements to analyse (over %d)", maxLabels))
					}
					i = skipSpaces(s, i) + 1 // the colon
					sc.prev, sc.prevTok, sc.lastColonLabel = tkPunct, ":", true
					continue
				}
				sc.prev = tkOperand
			}
			sc.lastColonLabel = false
			continue
		case c >= '0' && c <= '9' || c == '.' && i+1 < len(s) && s[i+1] >= '0' && s[i+1] <= '9':
			i = numberEnd(s, i)
			if asi {
				sc.reset()
			}
			sc.unary = 0
			sc.prev, sc.lastColonLabel = tkOperand, false
			continue
		case c == '"' || c == '\'':
			i = stringEnd(s, i)
			if asi {
				sc.reset()
			}
			sc.unary = 0
			sc.prev, sc.lastColonLabel = tkOperand, false
			continue
		case c == '`':
			if asi {
				sc.reset()
			}
			sc.unary = 0
			var err *SyntaxError
			if i, err = sc.template(i + 1); err != nil {
				return err
			}
			continue
		case c == '/' && sc.prev != tkOperand && (sc.prev != tkClose || sc.prevTok == "}"):
			i = regexpEnd(s, i)
			sc.unary = 0
			sc.prev, sc.lastColonLabel = tkOperand, false
			continue
		}
		// Punctuators.
		p := punctuator(s, i)
		i += len(p)
		wasLabelColon := sc.lastColonLabel
		sc.lastColonLabel = false
		prefix := sc.prev != tkOperand && sc.prev != tkClose
		switch p {
		case "(", "[", "{":
			var f scanFrame
			if p == "{" {
				f.block = sc.opensBlock(wasLabelColon)
			}
			sc.frames = append(sc.frames, f)
			sc.unary = 0
			if sc.depth() > maxNesting {
				return sc.fail(start, tooDeep)
			}
			sc.prev, sc.prevTok = tkPunct, p
			continue
		case ")", "]", "}":
			if len(sc.frames) > 1 {
				t := sc.frames[len(sc.frames)-1]
				sc.pending -= t.pending
				sc.frames = sc.frames[:len(sc.frames)-1]
				if t.template && p == "}" {
					var err *SyntaxError
					if i, err = sc.template(i); err != nil {
						return err
					}
					continue
				}
			}
			sc.unary = 0
			sc.prev, sc.prevTok = tkClose, p
			continue
		case ",", ";":
			sc.reset()
			sc.unary = 0
		case "=>", "?", "=", "+=", "-=", "*=", "/=", "%=", "**=", "<<=", ">>=", ">>>=", "&=", "|=", "^=", "&&=", "||=", "??=":
			sc.unary = 0
			sc.nest()
			if sc.depth() > maxNesting {
				return sc.fail(start, tooDeep)
			}
		case "!", "~", "+", "-", "++", "--", "...":
			if prefix {
				sc.unary++
				if sc.depth() > maxNesting {
					return sc.fail(start, tooDeep)
				}
			} else {
				sc.unary = 0
			}
			if !prefix && (p == "++" || p == "--") {
				sc.prev = tkOperand // postfix: ends an expression
				continue
			}
		default:
			sc.unary = 0
		}
		sc.prev, sc.prevTok = tkPunct, p
	}
	return nil
}

// template scans a template literal's text from i (after ` or after a substitution's }) up to its
// end or its next substitution, which it opens as a frame.
func (sc *scanner) template(i int) (int, *SyntaxError) {
	s := sc.s
	for i < len(s) {
		switch s[i] {
		case '\\':
			i += 2
		case '`':
			sc.prev, sc.lastColonLabel = tkOperand, false
			return i + 1, nil
		case '$':
			if i+1 < len(s) && s[i+1] == '{' {
				sc.frames = append(sc.frames, scanFrame{template: true})
				if sc.depth() > maxNesting {
					return i, &SyntaxError{Span: Span{i, i + 2}, Message: tooDeep}
				}
				sc.prev, sc.prevTok, sc.lastColonLabel = tkPunct, "${", false
				return i + 2, nil
			}
			i++
		default:
			i++
		}
	}
	return len(s), nil
}

// isLabel reports whether the identifier that ends at end starts a labelled statement: it is
// followed by a colon and stands where a statement starts.
func (sc *scanner) isLabel(end int, asi bool) bool {
	j := skipSpaces(sc.s, end)
	if j >= len(sc.s) || sc.s[j] != ':' || j+1 < len(sc.s) && sc.s[j+1] == ':' {
		return false
	}
	switch {
	case asi, sc.prev == tkStart, sc.lastColonLabel:
		return true
	case sc.prev == tkClose:
		return sc.prevTok == ")" || sc.prevTok == "}"
	case sc.prev == tkPunct:
		return sc.prevTok == ";" || sc.prevTok == "{" && sc.top().block
	case sc.prev == tkKeyword:
		return sc.prevTok == "else" || sc.prevTok == "do"
	}
	return false
}

// opensBlock reports whether a { at this point opens a block statement (rather than an object
// literal, a class body or a destructuring pattern).
func (sc *scanner) opensBlock(afterLabel bool) bool {
	switch {
	case sc.prev == tkStart, afterLabel:
		return true
	case sc.prev == tkClose:
		return sc.prevTok == ")" || sc.prevTok == "}"
	case sc.prev == tkPunct:
		return sc.prevTok == ";" || sc.prevTok == "=>" || sc.prevTok == "{" && sc.top().block
	case sc.prev == tkKeyword:
		switch sc.prevTok {
		case "else", "do", "try", "finally":
			return true
		}
	}
	return false
}

// keywords are the reserved words after which an expression (or a regular expression) may start.
var keywords = map[string]bool{
	"break": true, "case": true, "catch": true, "class": true, "const": true, "continue": true,
	"debugger": true, "default": true, "do": true, "else": true, "export": true, "extends": true,
	"finally": true, "for": true, "function": true, "if": true, "import": true, "in": true,
	"instanceof": true, "return": true, "switch": true, "throw": true, "try": true, "var": true,
	"while": true, "with": true, "enum": true,
}

// prefixKeywords are the keywords that work as prefix operators.
var prefixKeywords = map[string]bool{"typeof": true, "void": true, "delete": true, "await": true, "new": true, "yield": true}

// punctuators lists the punctuators longer than one byte, by their first byte, longest first.
var punctuators = map[byte][]string{
	'>': {">>>=", ">>=", ">>>", ">=", ">>"},
	'<': {"<<=", "<=", "<<"},
	'.': {"..."},
	'=': {"===", "=>", "=="},
	'!': {"!==", "!="},
	'*': {"**=", "*=", "**"},
	'&': {"&&=", "&&", "&="},
	'|': {"||=", "||", "|="},
	'?': {"??=", "??", "?."},
	'+': {"++", "+="},
	'-': {"--", "-="},
	'/': {"/="},
	'%': {"%="},
	'^': {"^="},
}

// punctuator returns the punctuator (or other single byte or rune) at s[i].
func punctuator(s string, i int) string {
	for _, p := range punctuators[s[i]] {
		if len(s)-i >= len(p) && s[i:i+len(p)] == p {
			if p == "?." && i+2 < len(s) && s[i+2] >= '0' && s[i+2] <= '9' {
				continue // a ? .5 : … is a conditional
			}
			return p
		}
	}
	if s[i] >= utf8.RuneSelf {
		_, n := utf8.DecodeRuneInString(s[i:])
		return s[i : i+n]
	}
	return s[i : i+1]
}

// isIdentStart reports whether an identifier (or a private name) starts at s[i].
func isIdentStart(s string, i int) bool {
	c := s[i]
	switch {
	case c == '$' || c == '_' || c == '\\' || c == '#' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
		return true
	case c >= utf8.RuneSelf:
		r, _ := utf8.DecodeRuneInString(s[i:])
		return r != utf8.RuneError && r != '\u2028' && r != '\u2029' && !isUnicodeSpace(r)
	}
	return false
}

// identEndStr returns the end of the identifier that starts at s[i].
func identEndStr(s string, i int) int {
	if i < len(s) && s[i] == '#' {
		i++
	}
	for i < len(s) {
		c := s[i]
		switch {
		case c == '$' || c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9':
			i++
		case c == '\\':
			// \uXXXX or \u{…}
			i += 2
			if i < len(s) && s[i] == '{' {
				for i < len(s) && s[i] != '}' {
					i++
				}
				i++
			} else {
				i += 4
			}
		case c >= utf8.RuneSelf:
			r, n := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError || r == '\u2028' || r == '\u2029' || isUnicodeSpace(r) {
				return min(i, len(s))
			}
			i += n
		default:
			return i
		}
	}
	return len(s)
}

// identEnd returns the end of the identifier at s[start], at least start+1 within s.
func identEnd(s string, start int) int {
	if start >= len(s) {
		return len(s)
	}
	end := min(identEndStr(s[start:min(len(s), start+256)], 0)+start, len(s))
	if end <= start {
		end = start + 1
	}
	return end
}

func isUnicodeSpace(r rune) bool {
	switch r {
	case '\u00a0', '\ufeff', '\u1680', '\u202f', '\u205f', '\u3000':
		return true
	}
	return r >= '\u2000' && r <= '\u200a'
}

func numberEnd(s string, i int) int {
	for i < len(s) {
		c := s[i]
		if c == '.' || c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' {
			i++
			continue
		}
		break
	}
	return i
}

// stringEnd returns the end of the string literal that starts at s[i] (its line's end when it is
// not terminated).
func stringEnd(s string, i int) int {
	q := s[i]
	for i++; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case q:
			return i + 1
		case '\n', '\r':
			return i
		}
	}
	return len(s)
}

// regexpEnd returns the end of the regular expression literal that starts at s[i].
func regexpEnd(s string, i int) int {
	class := false
	for i++; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '[':
			class = true
		case ']':
			class = false
		case '/':
			if !class {
				i++
				for i < len(s) && (s[i] >= 'a' && s[i] <= 'z' || s[i] >= 'A' && s[i] <= 'Z') {
					i++
				}
				return i
			}
		case '\n', '\r':
			return i
		}
	}
	return len(s)
}

func lineEnd(s string, i int) int {
	for i < len(s) && s[i] != '\n' && s[i] != '\r' {
		i++
	}
	return i
}

func indexFrom(s string, i int, sub string) int {
	for j := i; j+len(sub) <= len(s); j++ {
		if s[j:j+len(sub)] == sub {
			return j
		}
	}
	return -1
}

func skipSpaces(s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	return i
}

// tokenSpan returns the span of the token that starts at s[off]: an identifier or keyword, a
// number, a string literal, a punctuator, or one character. At the end of the source it is empty.
func tokenSpan(s string, off int) Span {
	off = max(off, 0)
	if off >= len(s) {
		return Span{len(s), len(s)}
	}
	// Enough of the source for any token worth underlining.
	t := s[off:min(len(s), off+256)]
	var n int
	switch c := t[0]; {
	case c >= '0' && c <= '9':
		n = numberEnd(t, 0)
	case c == '"' || c == '\'':
		n = stringEnd(t, 0)
	case isIdentStart(t, 0):
		n = identEndStr(t, 0)
	case c >= utf8.RuneSelf:
		n = 1
		if r, size := utf8.DecodeRuneInString(t); r != utf8.RuneError {
			n = size
		}
	default:
		n = len(punctuator(t, 0))
	}
	return Span{off, off + max(1, min(n, len(t)))}
}
