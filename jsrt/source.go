package jsrt

import (
	"errors"
	"fmt"
	"math/big"
	"reflect"
	"strings"

	"github.com/dop251/goja"
	"github.com/dop251/goja/ast"
	"github.com/dop251/goja/parser"

	"github.com/mfactl/mfactl/actioncode"
)

// compileChecked parses and compiles source that is wrapped in prefix … suffix, after the checks that
// keep goja's parser and compiler from running away on hostile code: a size limit, a scan for
// nesting and labelled statements, then (on the syntax tree) a depth limit and no BigInt literal.
// Source maps are never loaded (a sourceMappingURL comment would make the parser read any file).
// Positions in errors are byte offsets in src.
func compileChecked(name, prefix, src, suffix string) (*goja.Program, error) {
	if len(src) > MaxSource {
		return nil, &SyntaxError{Message: fmt.Sprintf("the source is %d bytes; mfactl compiles at most %d", len(src), MaxSource)}
	}
	if off, msg := scanSource(src); msg != "" {
		return nil, &SyntaxError{Offset: off, Message: msg}
	}
	tree, err := actioncode.ParseJS(name, prefix+src+suffix, 0, parser.WithDisableSourceMaps)
	if errors.Is(err, actioncode.ErrUnclosed) {
		return nil, &SyntaxError{Offset: max(0, len(strings.TrimRight(src, " \t\r\n"))-1), Message: err.Error()}
	}
	if err != nil {
		var list parser.ErrorList
		if errors.As(err, &list) && len(list) > 0 {
			return nil, &SyntaxError{Offset: offsetIn([]byte(src), list[0].Position.Line, list[0].Position.Column, len(prefix)), Message: list[0].Message}
		}
		return nil, &SyntaxError{Message: err.Error()}
	}
	if idx, msg := checkTree(tree); msg != "" {
		return nil, &SyntaxError{Offset: max(0, min(int(idx)-1-len(prefix), len(src))), Message: msg}
	}
	prog, err := goja.CompileAST(tree, false)
	if err != nil {
		var ce *goja.CompilerSyntaxError
		if errors.As(err, &ce) {
			if m := compileErrRe.FindStringSubmatch(ce.Message); m != nil {
				return nil, &SyntaxError{Offset: offsetOfMatch([]byte(src), m, len(prefix)), Message: m[3]}
			}
			return nil, &SyntaxError{Offset: max(0, min(ce.Offset-len(prefix), len(src))), Message: ce.Message}
		}
		return nil, &SyntaxError{Message: err.Error()}
	}
	return prog, nil
}

// scanSource is a linear scan of JavaScript source, before goja parses it, for what its parser
// handles badly: brackets nested deeper than MaxSourceBrackets (the parser recurses on each) and more
// than MaxSourceLabels labelled statements nested in one another (each repeated label adds an error
// for every enclosing one, so a few kilobytes of `a:a:a:…` make millions). It tells strings,
// comments, template literals and regular expressions from code the way a tokenizer does, guessing
// (as every tokenizer without a parser must) whether a slash after `)` or `}` divides or starts a
// regular expression. It returns the offset of the problem and a message, or "".
func scanSource(src string) (int, string) {
	s := &scanner{src: src}
	if off, msg := s.labels(); msg != "" {
		return off, msg
	}
	return s.brackets()
}

type scanner struct {
	src string
}

// labels counts, in the raw text (inside literals too, so that nothing can hide them), identifiers
// followed by a colon that follow a colon, `)`, `else` or `do`: the labelled statements that can
// nest without braces. Labels after `;` or `{` are siblings or bounded by the bracket limit.
func (s *scanner) labels() (int, string) {
	src := s.src
	count := 0
	for i := 0; i < len(src); i++ {
		if src[i] != ':' {
			continue
		}
		// The identifier before the colon.
		j := skipSpaceBack(src, i)
		end := j
		for j > 0 && isIdentByte(src[j-1]) {
			j--
		}
		if j == end {
			continue
		}
		word := src[j:end]
		if word == "default" || word == "case" || (word[0] >= '0' && word[0] <= '9') {
			continue
		}
		k := skipSpaceBack(src, j)
		if k == 0 {
			continue
		}
		prev := src[k-1]
		nested := prev == ':' || prev == ')'
		if !nested && isIdentByte(prev) {
			w := k
			for w > 0 && isIdentByte(src[w-1]) {
				w--
			}
			nested = src[w:k] == "else" || src[w:k] == "do"
		}
		if nested {
			if count++; count > MaxSourceLabels {
				return j, fmt.Sprintf("more than %d labelled statements nested in one another; mfactl does not compile such code", MaxSourceLabels)
			}
		}
	}
	return 0, ""
}

func skipSpaceBack(src string, i int) int {
	for i > 0 && (src[i-1] == ' ' || src[i-1] == '\t' || src[i-1] == '\n' || src[i-1] == '\r') {
		i--
	}
	return i
}

func isIdentByte(c byte) bool {
	return c == '_' || c == '$' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}

// brackets tracks the nesting of (, [, { and ${ outside strings, comments and regular expressions.
func (s *scanner) brackets() (int, string) {
	src := s.src
	type open struct {
		c       byte
		keyword bool // a ( after if, while, for or with: a slash after its ) starts a regular expression
	}
	var stack []open
	templates := []int{} // stack depths at which a ${ … } returns to a template literal
	prevTok := ""        // the last token: a punctuator, or "w:word", or "" at the start
	i := 0
	for i < len(src) {
		c := src[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		case c == '/' && i+1 < len(src) && src[i+1] == '/':
			for i < len(src) && src[i] != '\n' {
				i++
			}
		case c == '/' && i+1 < len(src) && src[i+1] == '*':
			end := strings.Index(src[i+2:], "*/")
			if end < 0 {
				return i, ""
			}
			i += end + 4
		case c == '\'' || c == '"':
			i = skipString(src, i)
			prevTok = "lit"
		case c == '`':
			i++
			var ok bool
			if i, ok = skipTemplate(src, i); ok {
				// ${: code until the matching }.
				templates = append(templates, len(stack))
				stack = append(stack, open{c: '{'})
				if len(stack) > MaxSourceBrackets {
					return i, s.tooDeep()
				}
				prevTok = "{"
			} else {
				prevTok = "lit"
			}
		case c == '/':
			if regexAllowed(prevTok) {
				i = skipRegExp(src, i)
				prevTok = "lit"
			} else {
				i++
				prevTok = "/"
			}
		case c == '(' || c == '[' || c == '{':
			kw := false
			if c == '(' {
				switch prevTok {
				case "w:if", "w:while", "w:for", "w:with":
					kw = true
				}
			}
			stack = append(stack, open{c: c, keyword: kw})
			if len(stack) > MaxSourceBrackets {
				return i, s.tooDeep()
			}
			prevTok = string(c)
			i++
		case c == ')' || c == ']' || c == '}':
			i++
			if len(stack) == 0 {
				prevTok = string(c)
				continue
			}
			top := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if c == '}' && len(templates) > 0 && templates[len(templates)-1] == len(stack) {
				// The end of a ${ … }: back in the template literal.
				templates = templates[:len(templates)-1]
				var ok bool
				if i, ok = skipTemplate(src, i); ok {
					templates = append(templates, len(stack))
					stack = append(stack, open{c: '{'})
					prevTok = "{"
				} else {
					prevTok = "lit"
				}
				continue
			}
			prevTok = string(c)
			if top.keyword {
				prevTok = "kw)"
			}
		case isIdentByte(c):
			j := i
			for j < len(src) && isIdentByte(src[j]) {
				j++
			}
			word := src[i:j]
			if prevTok == "." || prevTok == "?." {
				word = "prop" // a property name such as x.return is not a keyword
			}
			prevTok = "w:" + word
			i = j
		default:
			// Punctuators: keep the last one or two characters, enough to tell ++ and -- from + and -.
			j := i + 1
			if j < len(src) && (src[j] == c && (c == '+' || c == '-')) {
				j++
			} else if c == '?' && j < len(src) && src[j] == '.' {
				j++
			}
			prevTok = src[i:j]
			i = j
		}
	}
	return 0, ""
}

func (s *scanner) tooDeep() string {
	return fmt.Sprintf("brackets nest deeper than %d levels; mfactl does not compile such code", MaxSourceBrackets)
}

// regexAllowed tells whether a slash after the token prev starts a regular expression.
func regexAllowed(prev string) bool {
	switch prev {
	case "", "(", ",", "=", ":", "[", "!", "&", "|", "?", "{", "}", ";", "+", "-", "*", "%", "<", ">", "~", "^", "kw)", "=>":
		return true
	case ")", "]", "lit", "++", "--", "/", "prop", ".":
		return false
	}
	if strings.HasPrefix(prev, "w:") {
		switch prev[2:] {
		case "return", "typeof", "instanceof", "in", "of", "new", "delete", "void", "throw", "case", "do", "else", "yield", "await":
			return true
		}
		return false
	}
	return true
}

func skipString(src string, i int) int {
	q := src[i]
	i++
	for i < len(src) && src[i] != q && src[i] != '\n' {
		if src[i] == '\\' {
			i++
		}
		i++
	}
	return i + 1
}

// skipTemplate skips template text from i; ok is true when it stopped after a ${.
func skipTemplate(src string, i int) (int, bool) {
	for i < len(src) {
		switch src[i] {
		case '\\':
			i += 2
		case '`':
			return i + 1, false
		case '$':
			if i+1 < len(src) && src[i+1] == '{' {
				return i + 2, true
			}
			i++
		default:
			i++
		}
	}
	return i, false
}

func skipRegExp(src string, i int) int {
	i++
	inClass := false
	for i < len(src) && src[i] != '\n' {
		switch src[i] {
		case '\\':
			i++
		case '[':
			inClass = true
		case ']':
			inClass = false
		case '/':
			if !inClass {
				return i + 1
			}
		}
		i++
	}
	return i
}

// checkTree walks the syntax tree (iteratively) for what the compiler handles badly or mfactl does
// not run: nodes nested deeper than MaxSourceDepth (the compiler slows down quadratically with the
// depth of, say, a+a+a+…) and BigInt literals (BigInt arithmetic allocates without bound inside
// the engine). It returns the position of the problem and a message, or "".
func checkTree(prog *ast.Program) (idx int, msg string) {
	type item struct {
		v     reflect.Value
		depth int
	}
	nodeType := reflect.TypeOf((*ast.Node)(nil)).Elem()
	bigType := reflect.TypeOf((*big.Int)(nil))
	stack := []item{{reflect.ValueOf(prog), 0}}
	seen := map[uintptr]bool{}
	for len(stack) > 0 {
		it := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		v := it.v
		depth := it.depth
		switch v.Kind() {
		case reflect.Interface:
			if !v.IsNil() {
				stack = append(stack, item{v.Elem(), depth})
			}
			continue
		case reflect.Slice:
			for i := v.Len() - 1; i >= 0; i-- {
				stack = append(stack, item{v.Index(i), depth})
			}
			continue
		case reflect.Pointer:
			if v.IsNil() || seen[v.Pointer()] {
				continue
			}
			seen[v.Pointer()] = true
			if n, ok := v.Interface().(ast.Node); ok && v.Type().Implements(nodeType) {
				depth++
				if depth > MaxSourceDepth {
					return int(n.Idx0()), fmt.Sprintf("the code nests more than %d levels deep (such as a very long a + b + c + … chain); mfactl does not compile it", MaxSourceDepth)
				}
				if lit, ok := n.(*ast.NumberLiteral); ok && lit.Value != nil && reflect.TypeOf(lit.Value) == bigType {
					return int(n.Idx0()), "BigInt is not supported in mfactl's sandbox: BigInt arithmetic can allocate without bound inside the engine, where mfactl cannot stop it"
				}
			}
			stack = append(stack, item{v.Elem(), depth})
			continue
		case reflect.Struct:
			t := v.Type()
			if t.PkgPath() != "" && !strings.HasSuffix(t.PkgPath(), "goja/ast") {
				continue // file.File, unistring … hold no syntax
			}
			for i := v.NumField() - 1; i >= 0; i-- {
				if t.Field(i).IsExported() {
					stack = append(stack, item{v.Field(i), depth})
				}
			}
		}
	}
	return 0, ""
}

// offsetOfMatch is the source offset of a compile error "name: Line L:C msg" matched by compileErrRe.
func offsetOfMatch(src []byte, m []string, prefix int) int {
	var l, c int
	fmt.Sscan(m[1], &l)
	fmt.Sscan(m[2], &c)
	return offsetIn(src, l, c, prefix)
}
