package config

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v4"

	"github.com/mfactl/mfactl/findings"
	"github.com/mfactl/mfactl/source"
)

// Rule ids of the problems the loader itself finds.
const (
	RuleYAMLSyntax       = "yaml-syntax"
	RuleJSONSyntax       = "json-syntax"
	RuleDuplicateKey     = "duplicate-key"
	RuleWrongType        = "wrong-type"
	RuleUnknownKey       = "unknown-key"
	RuleCodeMissing      = "action-code-missing"
	RuleCodeOutsideDir   = "action-code-outside-dir"
	RuleCodeUnreadable   = "action-code-unreadable"
	RuleInvalidValue     = "invalid-value"
	RuleUnresolvedKeywrd = "unresolved-keyword"
)

// MaxCodeSize is the largest Action source Auth0 accepts (100 kB); larger files are reported and
// not analysed.
const MaxCodeSize = 100 * 1024

// MaxTenantSize is the largest tenant.yaml mfactl reads. Parsing is linear (about 0.1 s per MB);
// the bound keeps a wrong path from costing seconds and gigabytes.
const MaxTenantSize = 20 << 20

// Options control loading.
type Options struct {
	// Keywords are the keyword-replacement mappings applied to tenant.yaml and code files.
	Keywords *source.Mappings
	// DisplayPath is the name used for tenant.yaml in findings; default: the path as given.
	DisplayPath string
	// NamedEnvKeywords says that environment variables are keywords only when named with
	// --env-keyword (validate, simulate), so a missing keyword's hint names that flag; otherwise
	// (deploy's --env) the hint is to set the variable.
	NamedEnvKeywords bool
}

// ReadError is returned when tenant.yaml itself cannot be read.
type ReadError struct {
	Path string
	Err  error
}

func (e *ReadError) Error() string { return fmt.Sprintf("could not read %q: %v", e.Path, e.Err) }
func (e *ReadError) Unwrap() error { return e.Err }

// Load reads tenant.yaml at path and the code files it refers to. It returns an error only when
// tenant.yaml cannot be read; every problem in its content is a finding in Tenant.Findings.
//
// A folder is read in the Deploy CLI's directory format (LoadDir); a .json file is refused, since
// tenant.json alone is not a tenant. The format is decided from the path only, never from content.
func Load(path string, opts Options) (*Tenant, error) {
	if isDir(path) {
		if err := yamlTenantFolder(path, "read"); err != nil {
			return nil, err
		}
		return LoadDir(path, opts)
	}
	data, err := readTenantFile(path)
	if err != nil {
		return nil, err
	}
	display := opts.DisplayPath
	if display == "" {
		display = path
	}
	return Parse(filepath.ToSlash(display), filepath.Dir(path), data, opts), nil
}

// readTenantFile reads the tenant.yaml at path for Load and ReadTree: a .json file is refused (alone
// it is not a tenant), and a file over MaxTenantSize is refused with the limit.
func readTenantFile(path string) ([]byte, error) {
	if strings.EqualFold(filepath.Ext(path), ".json") {
		return nil, &ReadError{Path: path, Err: refuseJSON(path)}
	}
	dir, name := source.SplitContained(path)
	data, err := source.ReadContained(dir, name, MaxTenantSize, true)
	if errors.Is(err, source.ErrTooLarge) {
		err = fmt.Errorf("file is larger than %d MB; mfactl reads tenant.yaml files of up to %d MB (a Deploy CLI export of a large tenant is a few MB)",
			MaxTenantSize>>20, MaxTenantSize>>20)
	}
	if err != nil {
		return nil, &ReadError{Path: path, Err: err}
	}
	return data, nil
}

func isDir(path string) bool {
	info, err := os.Stat(path)
	return err == nil && info.IsDir()
}

func unwrapPathError(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// Parse loads tenant.yaml from data; dir is the folder Action code paths are relative to.
func Parse(display, dir string, data []byte, opts Options) *Tenant {
	f := source.NewFile(display, data)
	f.Replace(opts.Keywords)
	l := &loader{t: &Tenant{File: f, Dir: dir}, f: f, opts: opts, folder: "the folder of " + display}
	l.load()
	return l.t
}

type loader struct {
	t    *Tenant
	f    *source.File
	opts Options
	// json: l.f is a JSON file of the directory format (JSON.parse rules: no comments, the last of
	// duplicate keys wins).
	json bool
	// folder names the folder Action code paths are relative to, in messages.
	folder string
}

func (l *loader) report(span source.Span, sev findings.Severity, rule, format string, args ...any) {
	l.t.Findings = append(l.t.Findings, findings.New(span, sev, rule, format, args...))
}

// span returns the original-file span of a node's first token.
func (l *loader) span(n *yaml.Node) source.Span {
	if n == nil || n.Line == 0 {
		return l.f.WholeFile()
	}
	return l.f.SpanAt(n.Line, n.Column, tokenLength(n))
}

// tokenLength estimates how many characters of the line a node's token covers.
func tokenLength(n *yaml.Node) int {
	switch n.Kind {
	case yaml.ScalarNode:
		if n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0 {
			return 1
		}
		v := n.Value
		if i := strings.IndexByte(v, '\n'); i >= 0 {
			v = v[:i]
		}
		c := utf8.RuneCountInString(v)
		if n.Style&(yaml.SingleQuotedStyle|yaml.DoubleQuotedStyle) != 0 {
			c += 2
		}
		if c == 0 {
			c = 1
		}
		return c
	case yaml.AliasNode:
		return utf8.RuneCountInString(n.Value) + 1
	default:
		return 1
	}
}

func (l *loader) load() {
	root, comments := l.parseRoot()
	if root == nil {
		return
	}
	l.unresolvedKeywords(l.f, comments)
	l.root(root)
}

// parseRoot parses l.f (YAML, or JSON when l.json) and returns its top-level mapping, or nil after
// reporting why there is none. comments are the placeholders in YAML comments, which are no value.
func (l *loader) parseRoot() (*yaml.Node, map[int]bool) {
	text := l.f.Text
	format, top := "YAML", "a mapping of Deploy CLI keys"
	if l.json {
		format, top = "JSON", "a JSON object"
	}
	if len(bytes.TrimSpace(text)) == 0 {
		if l.json {
			l.report(l.f.WholeFile(), findings.Error, l.syntaxRule(), "file is empty; expected a JSON object")
		} else {
			l.report(l.f.WholeFile(), findings.Error, l.syntaxRule(), "file is empty; expected a mapping of Deploy CLI keys such as tenant, guardianFactors, actions and triggers")
		}
		return nil, nil
	}
	if i := bytes.IndexByte(text, 0); i >= 0 || !utf8.Valid(text) {
		if i < 0 {
			i = firstInvalidUTF8(text)
		}
		l.report(l.f.SpanOf(i, i+1), findings.Error, l.syntaxRule(), "file is not UTF-8 text (binary data at byte %d); expected a %s file", i, format)
		return nil, nil
	}
	if l.json {
		if !l.jsonSyntax() {
			return nil, nil
		}
		root, jerr := parseJSON(text, l.f.UnresolvedRanges())
		if jerr != nil {
			off := min(jerr.off, len(text)-1)
			l.report(l.f.SpanOf(off, off+1), findings.Error, l.syntaxRule(), "could not parse as JSON: %s", jerr.msg)
			return nil, nil
		}
		return root, nil // any JSON value: the caller checks what it must be
	}
	masked, mask, comments := maskPlaceholders(l.f, false)
	var doc yaml.Node
	if err := yaml.Unmarshal(masked, &doc); err != nil {
		// Perhaps a placeholder taken for a comment was a value: try with every one a value.
		retry, mask2, _ := maskPlaceholders(l.f, true)
		var doc2 yaml.Node
		if mask2 == 0 || bytes.Equal(retry, masked) || yaml.Unmarshal(retry, &doc2) != nil {
			l.syntaxError(err)
			return nil, nil
		}
		doc, mask, comments = doc2, mask2, nil
	}
	unmask(&doc, mask)
	if doc.Kind == 0 || len(doc.Content) == 0 {
		l.report(l.f.WholeFile(), findings.Error, l.syntaxRule(), "file has no %s content; expected %s", format, top)
		return nil, nil
	}
	root := resolve(doc.Content[0])
	if root.Kind == yaml.ScalarNode && root.Tag == "!!null" {
		l.report(l.span(root), findings.Error, l.syntaxRule(), "file has no %s content; expected %s", format, top)
		return nil, nil
	}
	if root.Kind != yaml.MappingNode {
		l.report(l.span(root), findings.Error, RuleWrongType, "the top level must be a mapping of Deploy CLI keys, not %s", kindName(root))
		return nil, nil
	}
	return root, comments
}

func firstInvalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return 0
}

func (l *loader) syntaxError(err error) {
	var le *yaml.LoadError
	if errors.As(err, &le) && le.Mark.Line > 0 {
		msg := le.Message
		if le.ContextMsg != "" && le.ContextMark.Line > 0 {
			msg = fmt.Sprintf("%s (%s at line %d, column %d)", msg, le.ContextMsg, le.ContextMark.Line, le.ContextMark.Column)
		}
		l.report(l.f.SpanAt(le.Mark.Line, le.Mark.Column, 1), findings.Error, l.syntaxRule(), "could not parse as %s: %s", l.formatName(), msg)
		return
	}
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	l.report(l.f.WholeFile(), findings.Error, l.syntaxRule(), "could not parse as %s: %s", l.formatName(), msg)
}

// unresolvedKeywords reports placeholders left in a file after keyword replacement.
// Placeholders at the offsets in skip (YAML comments) are not reported.
func (l *loader) unresolvedKeywords(f *source.File, skip map[int]bool) {
	all, total := f.Unresolved()
	var found []source.Placeholder
	for _, p := range all {
		if skip[p.Start] {
			total--
			continue
		}
		found = append(found, p)
	}
	for _, p := range found {
		env := "export " + p.Key
		if l.opts.NamedEnvKeywords {
			env = "name a variable with --env-keyword " + p.Key
		}
		l.report(p.Span, findings.Warning, RuleUnresolvedKeywrd,
			"keyword %s has no mapping; pass --keyword %s=VALUE, %s, or set it in AUTH0_KEYWORD_REPLACE_MAPPINGS or a --keywords-file", p.Text, p.Key, env)
	}
	if total > len(found) && len(found) > 0 {
		l.report(found[len(found)-1].Span, findings.Warning, RuleUnresolvedKeywrd,
			"%d more keywords in %s have no mapping (only the first %d are listed)", total-len(found), f.Path, len(found))
	}
}

// resolve follows aliases.
func resolve(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && n.Kind == yaml.AliasNode && i < 100; i++ {
		n = n.Alias
	}
	return n
}

func kindName(n *yaml.Node) string {
	n = resolve(n)
	if n == nil {
		return "nothing"
	}
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		switch n.Tag {
		case "!!null":
			return "null"
		case "!!bool":
			return fmt.Sprintf("the boolean %s", n.Value)
		case "!!int", "!!float":
			return fmt.Sprintf("the number %s", n.Value)
		case "!!str":
			return fmt.Sprintf("the string %q", n.Value)
		}
		return fmt.Sprintf("%q", n.Value)
	}
	return "an unexpected node"
}

// pair is one key and value of a mapping.
type pair struct {
	key, value *yaml.Node
}

// pairs returns a mapping's key/value pairs, reporting duplicate keys (the Deploy CLI's YAML parser
// refuses them, and yaml.Node decoding does not check).
func (l *loader) pairs(m *yaml.Node) []pair {
	seen := map[string]*yaml.Node{}
	var out []pair
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := resolve(m.Content[i]), m.Content[i+1]
		if prev, ok := seen[k.Value]; ok && l.json {
			// JSON.parse keeps the last of duplicate keys, silently.
			l.report(l.span(k), findings.Error, RuleDuplicateKey,
				"key %q is already defined at line %d, column %d; JSON.parse keeps only this last one, silently", k.Value, l.span(prev).Line, l.span(prev).Col)
			for i := range out {
				if out[i].key == prev {
					out = append(out[:i], out[i+1:]...)
					break
				}
			}
		} else if ok {
			l.report(l.span(k), findings.Error, RuleDuplicateKey,
				"key %q is already defined at line %d, column %d; the Deploy CLI refuses duplicate keys", k.Value, l.span(prev).Line, l.span(prev).Col)
			continue
		}
		seen[k.Value] = k
		out = append(out, pair{key: k, value: v})
	}
	return out
}

// expectMapping checks that n is a mapping; section names it in messages.
// A placeholder with no mapping (keyword array or object injection, '@@FACTORS@@') is accepted
// silently as an unknown value: the caller sees false and checks unknown(n).
func (l *loader) expectMapping(n *yaml.Node, section string, sev findings.Severity) bool {
	n = resolve(n)
	if n.Kind == yaml.MappingNode {
		return true
	}
	if unknown(n) {
		return false
	}
	l.report(l.span(n), sev, RuleWrongType, "%s must be a mapping, not %s", section, kindName(n))
	return false
}

// expectSequence checks that n is a list; a null value is accepted as empty when allowNull.
func (l *loader) expectSequence(n *yaml.Node, section string, sev findings.Severity) bool {
	n = resolve(n)
	if n.Kind == yaml.SequenceNode {
		return true
	}
	if unknown(n) {
		return false
	}
	l.report(l.span(n), sev, RuleWrongType, "%s must be a list, not %s", section, kindName(n))
	return false
}

func isNull(n *yaml.Node) bool {
	n = resolve(n)
	return n.Kind == yaml.ScalarNode && n.Tag == "!!null"
}

// str reads a string scalar. Numbers and booleans are reported: the Deploy CLI's schema types these
// fields as strings.
func (l *loader) str(n *yaml.Node, field string, sev findings.Severity) String {
	n = resolve(n)
	if l.unknownValue(n) {
		return String{Value: n.Value, Span: l.span(n), Set: true, Unknown: true}
	}
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		what, _ := l.written(n)
		l.report(l.span(n), sev, RuleWrongType, "%s must be a string, not %s", field, what)
		return String{Span: l.span(n)}
	}
	if n.Tag != "!!str" {
		what, kws := l.written(n)
		fix := "; quote it"
		if l.json {
			fix = "; write it in double quotes"
		}
		if len(kws) > 0 {
			fix = fmt.Sprintf("; write '%s' in quotes", placeholderText(kws[0]))
			if kws[0].Marker == "@@" {
				fix = fmt.Sprintf("; %s inserts its value JSON-encoded: give %s a string value", placeholderText(kws[0]), kws[0].Key)
			}
		}
		l.report(l.span(n), sev, RuleWrongType, "%s must be a string, not %s%s", field, what, fix)
	}
	return String{Value: n.Value, Span: l.span(n), Set: true}
}

// boolean reads a boolean scalar.
func (l *loader) boolean(n *yaml.Node, field string, sev findings.Severity) Bool {
	n = resolve(n)
	if l.unknownValue(n) {
		return Bool{Span: l.span(n), Unknown: true}
	}
	if n.Kind != yaml.ScalarNode || n.Tag != "!!bool" {
		what, kws := l.written(n)
		hint := ""
		if n.Kind == yaml.ScalarNode && n.Tag == "!!str" {
			hint = l.boolHint(n, kws)
		}
		l.report(l.span(n), sev, RuleWrongType, "%s must be true or false, not %s%s", field, what, hint)
		return Bool{Span: l.span(n)}
	}
	return Bool{Value: n.Value == "true", Span: l.span(n), Set: true}
}

// oneOf reads a string that must be one of allowed.
func (l *loader) oneOf(n *yaml.Node, field string, allowed []string, sev findings.Severity) String {
	s := l.str(n, field, sev)
	if s.Set && !s.Unknown && !contains(allowed, s.Value) {
		if kws := l.keywordsIn(resolve(n)); len(kws) > 0 {
			l.report(s.Span, sev, RuleInvalidValue, "%s from %s is not one of %s", field, placeholderText(kws[0]), quoteList(allowed))
			return s
		}
		l.report(s.Span, sev, RuleInvalidValue, "%s %q is not one of %s%s", field, s.Value, quoteList(allowed), Suggest(s.Value, allowed))
	}
	return s
}

func (l *loader) unknownKey(k *yaml.Node, section string, known []string, sev findings.Severity, why string) {
	if unknown(k) {
		return // a key from a keyword with no mapping may be any key
	}
	l.report(l.span(k), sev, RuleUnknownKey, "unknown key %q in %s; expected one of %s%s%s",
		k.Value, section, quoteList(known), Suggest(k.Value, known), why)
}
