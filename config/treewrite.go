package config

import (
	"bytes"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"go.yaml.in/yaml/v4"
)

// Writing a Tree. The directory format is written as the Deploy CLI's own export writes it
// (src/context/directory/handlers/*.ts, dump; src/utils.ts, dumpJSON): JSON.stringify with an
// indentation of 2 and a final newline; tenant.json; actions/<sanitized name>.json with the keys of
// its mapToAction first, in its order; triggers/triggers.json; guardian/factors/<name>.json, one per
// factor; guardian/policies.json, guardian/phoneFactorMessageTypes.json and
// guardian/phoneFactorSelectedProvider.json. Placeholders are written as they are, never replaced.

// actionKeyOrder is the order of the keys the Deploy CLI's directory export writes in an Action's
// JSON file (mapToAction in src/context/directory/handlers/actions.ts). Other keys follow, in the
// order they were written.
var actionKeyOrder = []string{"id", "name", "code", "runtime", "status", "dependencies", "secrets", "supported_triggers", "deployed", "installed_integration_id", "modules"}

// booleanKeys are the keys of the sections mfactl models whose value is a boolean: an unquoted
// ##KEY## there stands for true or false, and stays unquoted in JSON.
var booleanKeys = map[string]bool{"enabled": true, "deployed": true, "customize_mfa_in_postlogin_action": true, "mfa_show_factor_list_on_enrollment": true}

// Directory returns the files of the tree in the directory format, code files and scenarios.yaml
// included.
func (t *Tree) Directory() ([]TreeFile, error) {
	var out []TreeFile
	var problems []string
	w := &jsonWriter{t: t}
	emit := func(p string, n *yaml.Node, file string, order []string) {
		w.out = p
		data, err := w.file(n, file, order)
		if err != nil {
			problems = append(problems, err.Error())
			return
		}
		out = append(out, TreeFile{Path: p, Data: data})
	}
	names := &uniqueNames{}
	for _, s := range t.Sections {
		v := resolve(s.Value)
		file := t.fileOf[v]
		if isNull(v) {
			t.Notes = append(t.Notes, fmt.Sprintf("%s: %s is null, which the Deploy CLI reads as absent: not written", t.where(v, file), s.Key))
			continue
		}
		// The key of a section is the file it is written to (the folder, for a list).
		if t.RecordPositions && s.KeyNode != nil {
			to := map[string]string{"tenant": "tenant.json", "triggers": "triggers/triggers.json", "guardianPolicies": "guardian/policies.json",
				"guardianPhoneFactorMessageTypes": "guardian/phoneFactorMessageTypes.json", "guardianPhoneFactorSelectedProvider": "guardian/phoneFactorSelectedProvider.json",
				"actions": "actions/", "guardianFactors": "guardian/factors/"}[s.Key]
			t.Positions = append(t.Positions, Position{FromFile: file, FromLine: s.KeyNode.Line, FromCol: s.KeyNode.Column, ToFile: to, ToLine: 1, ToCol: 1})
		}
		switch s.Key {
		case "tenant":
			emit("tenant.json", v, file, nil)
		case "triggers":
			emit("triggers/triggers.json", v, file, nil)
		case "guardianPolicies":
			emit("guardian/policies.json", v, file, nil)
		case "guardianPhoneFactorMessageTypes":
			emit("guardian/phoneFactorMessageTypes.json", v, file, nil)
		case "guardianPhoneFactorSelectedProvider":
			emit("guardian/phoneFactorSelectedProvider.json", v, file, nil)
		case "actions", "guardianFactors":
			folder, what, order := "actions", "an Action", actionKeyOrder
			if s.Key == "guardianFactors" {
				folder, what, order = "guardian/factors", "a factor", nil
			}
			if v.Kind != yaml.SequenceNode {
				problems = append(problems, fmt.Sprintf("%s: %s is %s; the directory format holds %s per file, so it can only be written from a list", t.where(v, file), s.Key, kindName(v), what))
				continue
			}
			out = append(out, TreeFile{Path: folder + "/"})
			for _, item := range v.Content {
				item = resolve(item)
				itemFile := file
				if f, ok := t.fileOf[item]; ok {
					itemFile = f
				}
				var name *yaml.Node
				if item.Kind == yaml.MappingNode {
					name = mappingValue(item, "name")
				}
				if name == nil || name.Kind != yaml.ScalarNode || name.ShortTag() != "!!str" || name.Value == "" {
					problems = append(problems, fmt.Sprintf("%s: %s item without a string name; the directory format names its file after it", t.where(item, itemFile), s.Key))
					continue
				}
				emit(folder+"/"+names.next(folder, SanitizeName(name.Value))+".json", item, itemFile, order)
			}
		}
	}
	if len(problems) > 0 {
		return nil, &ConvertError{Problems: problems}
	}
	return t.withFiles(out)
}

// withFiles appends the copied files, refusing two files at one path.
func (t *Tree) withFiles(out []TreeFile) ([]TreeFile, error) {
	seen := map[string]bool{}
	for _, f := range out {
		seen[strings.ToLower(f.Path)] = true
	}
	for _, f := range t.Files {
		if seen[strings.ToLower(f.Path)] {
			return nil, &ConvertError{Problems: []string{fmt.Sprintf("%s is both a copied file and a file of the tenant; rename the code file", f.Path)}}
		}
		seen[strings.ToLower(f.Path)] = true
		out = append(out, f)
	}
	return out, nil
}

// uniqueNames gives each file a name of its own, on a file system that ignores case too: the second
// "mfa" is "mfa_2", which sorts after "mfa" (the Deploy CLI reads the files in name order, and "mfa-2"
// would come first), so the first of two duplicates is still read first.
type uniqueNames struct{ used map[string]bool }

func (u *uniqueNames) next(folder, name string) string {
	if u.used == nil {
		u.used = map[string]bool{}
	}
	n := name
	for i := 2; u.used[strings.ToLower(folder+"/"+n)]; i++ {
		n = fmt.Sprintf("%s_%d", name, i)
	}
	u.used[strings.ToLower(folder+"/"+n)] = true
	return n
}

// jsonWriter writes nodes as JSON.stringify(value, null, 2) does.
type jsonWriter struct {
	t   *Tree
	buf bytes.Buffer
	// out is the path of the file being written, for Positions.
	out string
}

// record notes that n (from file) is written at the current end of the buffer.
func (w *jsonWriter) record(n *yaml.Node, file string) {
	if !w.t.RecordPositions || n.Line == 0 {
		return
	}
	b := w.buf.Bytes()
	line := bytes.Count(b, []byte("\n")) + 1
	col := utf8.RuneCount(b[bytes.LastIndexByte(b, '\n')+1:]) + 1
	w.t.Positions = append(w.t.Positions, Position{FromFile: file, FromLine: n.Line, FromCol: n.Column, ToFile: w.out, ToLine: line, ToCol: col})
}

type convertProblem string

func (p convertProblem) Error() string { return string(p) }

func (w *jsonWriter) file(n *yaml.Node, file string, order []string) ([]byte, error) {
	w.buf.Reset()
	if err := w.value(n, file, 0, "", order); err != nil {
		return nil, err
	}
	w.buf.WriteByte('\n')
	return bytes.Clone(w.buf.Bytes()), nil
}

func (w *jsonWriter) indent(level int) {
	w.buf.WriteByte('\n')
	for i := 0; i < level; i++ {
		w.buf.WriteString("  ")
	}
}

func (w *jsonWriter) value(n *yaml.Node, file string, level int, key string, order []string) error {
	n = resolve(n)
	if f, ok := w.t.fileOf[n]; ok {
		file = f
	}
	w.record(n, file)
	if level > 200 {
		return convertProblem(fmt.Sprintf("%s: nested too deeply", w.t.where(n, file)))
	}
	switch n.Kind {
	case yaml.MappingNode:
		pairs := orderedPairs(n, order)
		if len(pairs) == 0 {
			w.buf.WriteString("{}")
			return nil
		}
		w.buf.WriteByte('{')
		for i, p := range pairs {
			if i > 0 {
				w.buf.WriteByte(',')
			}
			w.indent(level + 1)
			w.record(p.key, file)
			w.buf.WriteString(jsString(p.key.Value))
			w.buf.WriteString(": ")
			if err := w.value(p.value, file, level+1, p.key.Value, nil); err != nil {
				return err
			}
		}
		w.indent(level)
		w.buf.WriteByte('}')
	case yaml.SequenceNode:
		if len(n.Content) == 0 {
			w.buf.WriteString("[]")
			return nil
		}
		w.buf.WriteByte('[')
		for i, c := range n.Content {
			if i > 0 {
				w.buf.WriteByte(',')
			}
			w.indent(level + 1)
			if err := w.value(c, file, level+1, "", nil); err != nil {
				return err
			}
		}
		w.indent(level)
		w.buf.WriteByte(']')
	case yaml.ScalarNode:
		s, err := w.scalar(n, file, key)
		if err != nil {
			return err
		}
		w.buf.WriteString(s)
	default:
		return convertProblem(fmt.Sprintf("%s: %s cannot be written as JSON", w.t.where(n, file), kindName(n)))
	}
	return nil
}

// orderedPairs returns a mapping's pairs, the keys of order first (in that order), then the others
// as written.
func orderedPairs(m *yaml.Node, order []string) []pair {
	var all []pair
	for i := 0; i+1 < len(m.Content); i += 2 {
		all = append(all, pair{key: resolve(m.Content[i]), value: m.Content[i+1]})
	}
	if len(order) == 0 {
		return all
	}
	out := make([]pair, 0, len(all))
	for _, k := range order {
		for _, p := range all {
			if p.key.Value == k {
				out = append(out, p)
			}
		}
	}
	for _, p := range all {
		if !contains(order, p.key.Value) {
			out = append(out, p)
		}
	}
	return out
}

// isBarePlaceholder reports whether a scalar is a placeholder written without quotes, standing for a
// value of any type.
func isBarePlaceholder(n *yaml.Node) bool {
	if n.Style&(yaml.SingleQuotedStyle|yaml.DoubleQuotedStyle|yaml.LiteralStyle|yaml.FoldedStyle) != 0 {
		return false
	}
	return wholePlaceholderRe.MatchString(n.Value)
}

var (
	wholePlaceholderRe  = regexp.MustCompile(`^(@@[A-Za-z0-9_]+@@|##[A-Za-z0-9_]+##)$`)
	embeddedJSONKeyword = regexp.MustCompile(`[^'"]@@[A-Za-z0-9_]+@@|@@[A-Za-z0-9_]+@@[^'"]`)
	jsonKeywordRe       = regexp.MustCompile(`@@[A-Za-z0-9_]+@@`)
)

func (w *jsonWriter) scalar(n *yaml.Node, file, key string) (string, error) {
	where := w.t.where(n, file)
	if isBarePlaceholder(n) {
		// Written unquoted in JSON already, an @@KEY@@ (which takes its JSON value with or without
		// quotes), and an unquoted ##KEY## for a boolean (true or false) stay as written.
		if strings.HasSuffix(file, ".json") || strings.HasPrefix(n.Value, "@@") || booleanKeys[key] {
			return n.Value, nil
		}
		w.t.Notes = append(w.t.Notes, fmt.Sprintf("%s: %s is not quoted, so its type depends on its value; it is written as a JSON string (if it stands for a number or a boolean, remove the quotes in the JSON)", where, n.Value))
		return jsString(n.Value), nil
	}
	switch n.ShortTag() {
	case "!!str":
		if !strings.HasSuffix(file, ".json") && embeddedJSONKeyword.MatchString(n.Value) {
			w.t.Notes = append(w.t.Notes, fmt.Sprintf("%s: %s inserts its value JSON-encoded, with quotes, in the middle of a string; in YAML that is a string holding quotes, in JSON it ends the string early. Use ##KEY## inside a string", where, jsonKeywordRe.FindString(embeddedJSONKeyword.FindString(n.Value))))
		}
		return jsString(n.Value), nil
	case "!!null":
		return "null", nil
	case "!!bool":
		var b bool
		if err := n.Decode(&b); err != nil {
			return "", convertProblem(fmt.Sprintf("%s: %v", where, err))
		}
		return strconv.FormatBool(b), nil
	case "!!int", "!!float":
		var v any
		if err := n.Decode(&v); err != nil {
			return "", convertProblem(fmt.Sprintf("%s: %v", where, err))
		}
		var f float64
		switch x := v.(type) {
		case int:
			f = float64(x)
		case int64:
			f = float64(x)
		case uint64:
			f = float64(x)
		case float64:
			f = x
		default:
			return "", convertProblem(fmt.Sprintf("%s: the number %s cannot be written as JSON", where, n.Value))
		}
		if math.IsInf(f, 0) || math.IsNaN(f) {
			return "", convertProblem(fmt.Sprintf("%s: %s has no JSON form (JSON.stringify writes null); write the value you mean", where, n.Value))
		}
		return jsNumber(f), nil
	case "!!timestamp":
		// js-yaml reads an unquoted date as a Date, which JSON.stringify writes as its ISO string.
		var tm time.Time
		if err := n.Decode(&tm); err != nil {
			return "", convertProblem(fmt.Sprintf("%s: %v", where, err))
		}
		return jsString(tm.UTC().Format("2006-01-02T15:04:05.000Z")), nil
	}
	return "", convertProblem(fmt.Sprintf("%s: a value tagged %s cannot be written as JSON", where, n.ShortTag()))
}

// jsString is JSON.stringify of a string: only ", \ and control characters are escaped, and also
// (where JSON.stringify writes them as they are) U+0085, U+2028 and U+2029. JSON.parse reads the
// escape as the same character, but mfactl reads JSON with a YAML parser, to which a raw one is a line
// break that folds the space before it away.
func jsString(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\b':
			b.WriteString(`\b`)
		case '\f':
			b.WriteString(`\f`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		case '\u0085', '\u2028', '\u2029':
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			if r < 0x20 {
				fmt.Fprintf(&b, `\u%04x`, r)
			} else {
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}

// jsNumber formats a number as JavaScript's Number#toString does.
func jsNumber(f float64) string {
	if f == 0 {
		return "0"
	}
	if a := math.Abs(f); a >= 1e21 || a < 1e-6 {
		s := strconv.FormatFloat(f, 'e', -1, 64)
		mant, exp, _ := strings.Cut(s, "e")
		sign := exp[0]
		exp = strings.TrimLeft(exp[1:], "0")
		return mant + "e" + string(sign) + exp
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}

// YAML returns the files of the tree in the YAML format: tenant.yaml, code files and scenarios.yaml.
func (t *Tree) YAML() ([]TreeFile, error) {
	doc := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
	bare := map[string]string{}
	for _, s := range t.Sections {
		doc.Content = append(doc.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s.Key}, yamlCopy(s.Value, bare, 0))
	}
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(&yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{doc}}); err != nil {
		return nil, &ConvertError{Problems: []string{fmt.Sprintf("could not write tenant.yaml: %v", err)}}
	}
	_ = enc.Close()
	text := buf.String()
	if len(t.Sections) == 0 {
		text = "{}\n"
	}
	for sentinel, placeholder := range bare {
		text = strings.ReplaceAll(text, sentinel, placeholder)
	}
	return t.withFiles([]TreeFile{{Path: "tenant.yaml", Data: []byte(text)}})
}

// yamlCopy copies a node for writing as block YAML: no positions, comments or JSON flow style; lists
// of scalars (message_types, policies) and empty collections stay on one line. An unquoted
// placeholder is written unquoted, as it was, through a sentinel the encoder leaves alone.
func yamlCopy(n *yaml.Node, bare map[string]string, depth int) *yaml.Node {
	n = resolve(n)
	c := &yaml.Node{Kind: n.Kind, Tag: n.ShortTag(), Value: n.Value}
	if depth > 200 {
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Value: "null"}
	}
	switch n.Kind {
	case yaml.ScalarNode:
		if isBarePlaceholder(n) {
			sentinel := fmt.Sprintf("mfactl-bare-placeholder-%d-x", len(bare))
			bare[sentinel] = n.Value
			c.Value, c.Tag = sentinel, "!!str"
		} else if n.ShortTag() == "!!str" && strings.ContainsAny(n.Value, "\u0085\u2028\u2029") {
			// The YAML encoder folds a space before a Unicode line separator away; Go's quoting is a
			// YAML double-quoted scalar with every such character escaped.
			sentinel := fmt.Sprintf("mfactl-quoted-string-%d-x", len(bare))
			bare[sentinel] = strconv.Quote(n.Value)
			c.Value, c.Tag = sentinel, "!!str"
		}
	case yaml.MappingNode, yaml.SequenceNode:
		flow := len(n.Content) == 0
		if n.Kind == yaml.SequenceNode && len(n.Content) <= 8 {
			flow = true
			for _, e := range n.Content {
				e = resolve(e)
				if e.Kind != yaml.ScalarNode || isBarePlaceholder(e) || strings.ContainsAny(e.Value, "\n") {
					flow = false
				}
			}
		}
		if flow {
			c.Style = yaml.FlowStyle
		}
		for _, e := range n.Content {
			c.Content = append(c.Content, yamlCopy(e, bare, depth+1))
		}
	}
	return c
}
