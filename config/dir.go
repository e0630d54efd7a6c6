package config

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"go.yaml.in/yaml/v4"

	"github.com/mfactl/mfactl/findings"
	"github.com/mfactl/mfactl/source"
)

// The Deploy CLI's directory format: a folder of JSON files, read here by the rules of its
// src/context/directory/handlers/ (auth0/auth0-deploy-cli at a00a05540b63d56a08fbda276cb05d8ec162c834,
// v8.43.0; docs/usage.md lists them):
//
//   - tenant.json (tenant.ts) is the tenant section;
//   - actions/*.json (actions.ts), every file ending in .json, in name order, one Action each; its code
//     path is relative to the folder (not to the .json file);
//   - triggers/*.json (triggers.ts): only the first .json file, in name order;
//   - guardian/factors/*.json (guardianFactors.ts): one factor each, its name taken from the file's
//     "name" key, not from the file name; a file holding {} is skipped;
//   - guardian/policies.json, guardian/phoneFactorMessageTypes.json and
//     guardian/phoneFactorSelectedProvider.json are guardianPolicies,
//     guardianPhoneFactorMessageTypes and guardianPhoneFactorSelectedProvider as they are.
//
// Every other file and folder is left alone. Each file goes through keyword replacement before
// JSON.parse, as the YAML file does.

// dirFormatFolders are the folders of the directory format that mfactl reads.
var dirFormatFolders = map[string]bool{"actions": true, "triggers": true, "guardian": true}

// LoadDir reads a tenant in the directory format from the folder dir. It returns an error only when a
// file it must read cannot be read; problems in their content are findings.
func LoadDir(dir string, opts Options) (*Tenant, error) {
	display := opts.DisplayPath
	if display == "" {
		display = dir
	}
	display = filepath.ToSlash(display)
	l := &loader{t: &Tenant{Dir: dir, Directory: true}, opts: opts, json: true, folder: "the folder " + display}
	l.t.File = source.NewFile(path.Join(display, "tenant.json"), nil)
	d := &dirReader{l: l, dir: dir, display: display}
	if !d.holdsTenant() {
		return nil, &ReadError{Path: dir, Err: errors.New("is a directory holding no tenant.json, actions/, triggers/ or guardian/; give the folder of a Deploy CLI directory export, or the path of tenant.yaml")}
	}

	// The other folders of a whole-tenant export (clients/, connections/ …) are left to other tools.
	if entries, err := os.ReadDir(dir); err == nil {
		for _, e := range entries {
			if e.IsDir() && !dirFormatFolders[e.Name()] && !strings.HasPrefix(e.Name(), ".") {
				l.t.Unmanaged = append(l.t.Unmanaged, e.Name())
			}
		}
	}

	if f, root, err := d.readTop("tenant.json", topSpread); err != nil {
		return nil, err
	} else if f != nil {
		l.t.File = f
		if root != nil {
			l.tenant(keyAt(root, "tenant"), root)
		}
	}

	names, err := d.jsonFiles("actions")
	if err != nil {
		return nil, err
	}
	if names != nil {
		l.t.ActionsKey = String{Value: "actions", Span: d.folderSpan("actions"), Set: true}
	}
	for _, name := range names {
		_, root, err := d.readTop(name, topObject)
		if err != nil {
			return nil, err
		}
		if root != nil {
			l.action(root)
		}
	}

	names, err = d.jsonFiles("triggers")
	if err != nil {
		return nil, err
	}
	if names != nil && len(names) == 0 {
		// triggers.ts loads the first file without checking there is one: the Deploy CLI fails.
		l.report(d.folderSpan("triggers"), findings.Error, RuleWrongType,
			"triggers/ holds no .json file; the Deploy CLI fails on it (it loads the first one without checking there is one): put the bindings in triggers/triggers.json, or remove the folder")
	}
	if len(names) > 0 {
		f, root, err := d.readTop(names[0], topSpread)
		if err != nil {
			return nil, err
		}
		if root != nil {
			l.triggers(keyAt(root, "triggers"), root)
		}
		for _, other := range names[1:] {
			l.report(source.Span{File: d.show(other), Line: 1, Col: 1, EndLine: 1, EndCol: 1}, findings.Warning, RuleUnknownKey,
				"the Deploy CLI reads only the first .json file in triggers/ (%s); this one is ignored: merge it into that file", path.Base(f.Path))
		}
	}

	guardian, err := d.isDir("guardian")
	if err != nil {
		return nil, err
	}
	if !guardian {
		return l.t, nil
	}
	names, err = d.jsonFiles("guardian/factors")
	if err != nil {
		return nil, err
	}
	if names != nil {
		l.t.Factors = &Factors{Key: d.folderSpan("guardian/factors")}
	}
	for _, name := range names {
		_, root, err := d.readTop(name, topFactor)
		if err != nil {
			return nil, err
		}
		if root != nil && (root.Kind != yaml.MappingNode || len(root.Content) > 0) { // {} is dropped
			l.factor(l.t.Factors, root)
		}
	}
	for _, s := range []struct {
		file, key string
		read      func(k, v *yaml.Node)
	}{
		{"guardian/policies.json", "guardianPolicies", l.policies},
		{"guardian/phoneFactorMessageTypes.json", "guardianPhoneFactorMessageTypes", l.messageTypes},
		{"guardian/phoneFactorSelectedProvider.json", "guardianPhoneFactorSelectedProvider", l.phoneProvider},
	} {
		_, root, err := d.readTop(s.file, topNullable)
		if err != nil {
			return nil, err
		}
		if root != nil {
			s.read(keyAt(root, s.key), root)
		}
	}
	return l.t, nil
}

type dirReader struct {
	l       *loader
	dir     string
	display string
}

// holdsTenant reports whether the folder holds any file or folder of the directory format that
// mfactl reads, so that an empty or unrelated folder is an error rather than a clean tenant.
func (d *dirReader) holdsTenant() bool {
	for _, name := range []string{"tenant.json", "actions", "triggers", "guardian"} {
		if _, err := os.Stat(filepath.Join(d.dir, name)); err == nil {
			return true
		}
	}
	return false
}

func (d *dirReader) show(name string) string { return path.Join(d.display, name) }

func (d *dirReader) folderSpan(name string) source.Span {
	return source.Span{File: d.show(name) + "/", Line: 1, Col: 1, EndLine: 1, EndCol: 1}
}

// isDir reports whether the folder name exists; like the Deploy CLI (existsMustBeDir), a file
// where a folder is expected is an error.
func (d *dirReader) isDir(name string) (bool, error) {
	info, err := os.Stat(filepath.Join(d.dir, filepath.FromSlash(name)))
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return false, nil
	case err != nil:
		return false, &ReadError{Path: d.show(name), Err: unwrapPathError(err)}
	case !info.IsDir():
		return false, &ReadError{Path: d.show(name), Err: errors.New("is a file; the Deploy CLI expects a folder here")}
	}
	return true, nil
}

// jsonFiles lists the .json files of the folder name, in name order (the Deploy CLI's getFiles:
// regular files whose extension is exactly .json); nil when the folder does not exist.
func (d *dirReader) jsonFiles(name string) ([]string, error) {
	ok, err := d.isDir(name)
	if !ok || err != nil {
		return nil, err
	}
	entries, err := os.ReadDir(filepath.Join(d.dir, filepath.FromSlash(name)))
	if err != nil {
		return nil, &ReadError{Path: d.show(name), Err: unwrapPathError(err)}
	}
	out := []string{}
	for _, e := range entries {
		// Node's path.extname gives "" for a name that is only an extension (".json").
		if e.IsDir() || path.Ext(e.Name()) != ".json" || e.Name() == ".json" {
			continue
		}
		// isFile follows links and takes only a regular file: a link to a file counts, a link to a
		// folder, a pipe or a socket does not.
		if e.Type() != 0 {
			info, err := os.Stat(filepath.Join(d.dir, filepath.FromSlash(name), e.Name()))
			if err != nil || !info.Mode().IsRegular() {
				continue
			}
		}
		out = append(out, name+"/"+e.Name())
	}
	return out, nil
}

// read reads and parses the JSON file name; f is nil when it does not exist (or is not a regular
// file, which the Deploy CLI skips), root (any JSON value) is nil when its content was reported.
func (d *dirReader) read(name string) (f *source.File, root *yaml.Node, err error) {
	data, err := source.ReadContained(d.dir, filepath.FromSlash(name), MaxTenantSize, true)
	switch {
	case errors.Is(err, fs.ErrNotExist), errors.Is(err, source.ErrNotRegular):
		return nil, nil, nil
	case err != nil:
		return nil, nil, &ReadError{Path: d.show(name), Err: err}
	}
	f = source.NewFile(d.show(name), data)
	f.Replace(d.l.opts.Keywords)
	d.l.f = f
	d.l.t.JSONFiles = append(d.l.t.JSONFiles, f)
	root, _ = d.l.parseRoot()
	if root != nil {
		d.l.unresolvedKeywords(f, nil)
	}
	return f, root, nil
}

// topRule says what the Deploy CLI does with a file whose top-level value is not an object.
type topRule int

const (
	// topObject (actions/*.json): it fails on anything but an object (its schema wants a name).
	topObject topRule = iota
	// topSpread (tenant.json, triggers/*.json): the value is spread into an object, so one without
	// keys ([], "", a number, a boolean) is read as {} and nothing in it is deployed. null is the same
	// for triggers.ts ({...null}) and fails tenant.ts (it destructures the value).
	topSpread
	// topFactor (guardian/factors/*.json): guardianFactors.ts drops a value without keys and fails on
	// null (Object.keys(null)).
	topFactor
	// topNullable (guardian/*.json): null is left out before the schema is checked, and skipped.
	topNullable
)

// readTop reads the JSON file name and returns its top-level value for the section reader: an object,
// or a placeholder with no mapping standing for one. Any other value is reported as the Deploy CLI
// treats it (rule), and root is nil.
func (d *dirReader) readTop(name string, rule topRule) (f *source.File, root *yaml.Node, err error) {
	f, root, err = d.read(name)
	if root == nil || err != nil || root.Kind == yaml.MappingNode || unknown(root) {
		return f, root, err
	}
	base := path.Base(name)
	null := root.Kind == yaml.ScalarNode && root.Tag == "!!null"
	keyless := len(root.Content) == 0 && (root.Kind != yaml.ScalarNode || root.Tag != "!!str" || root.Value == "")
	switch {
	case null && (rule == topFactor || rule == topSpread && base == "tenant.json"):
		d.l.report(d.l.span(root), findings.Error, RuleWrongType,
			"%s holds null; the Deploy CLI fails on it: write a JSON object, or {} for nothing", base)
	case null && rule == topNullable:
		d.l.report(d.l.span(root), findings.Warning, RuleWrongType, "%s holds null; the Deploy CLI skips it silently", base)
	case keyless && rule == topFactor:
		d.l.report(d.l.span(root), findings.Warning, RuleWrongType,
			"%s holds %s, not a factor object; the Deploy CLI skips it silently", base, jsonKindName(root))
	case keyless && rule == topSpread:
		what := "null"
		if !null {
			what = jsonKindName(root)
		}
		d.l.report(d.l.span(root), findings.Warning, RuleWrongType,
			"%s holds %s, which the Deploy CLI reads as {}: nothing in it is deployed", base, what)
	default:
		what := "null"
		if !null {
			what = jsonKindName(root)
		}
		d.l.report(d.l.span(root), findings.Error, RuleWrongType, "%s must hold a JSON object, not %s", base, what)
	}
	return f, nil, nil
}

// keyAt stands for the key a section has in tenant.yaml: the file's top-level object.
func keyAt(root *yaml.Node, name string) *yaml.Node {
	return &yaml.Node{Kind: yaml.MappingNode, Value: name, Line: root.Line, Column: root.Column}
}

// jsonSyntax checks l.f with JSON.parse's grammar, which YAML's is wider than (comments, unquoted
// strings, single quotes). A file with placeholders that have no mapping is not checked: their values
// are unknown, and the YAML parser reads them as values.
func (l *loader) jsonSyntax() bool {
	if len(l.f.UnresolvedRanges()) > 0 {
		return true
	}
	// Into a RawMessage, Unmarshal checks the syntax only: a number such as 1e999, which JSON.parse
	// reads as Infinity, is no error.
	var v json.RawMessage
	err := json.Unmarshal(l.f.Text, &v)
	if err == nil {
		return true
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		off := int(se.Offset) - 1
		if off < 0 {
			off = 0
		}
		if off >= len(l.f.Text) {
			off = len(l.f.Text) - 1
		}
		if kws := l.f.ReplacementsIn(max(off-1, 0), off+1); len(kws) > 0 {
			// The error is in a keyword's value: say so without showing any of it (values are secrets).
			kw := kws[len(kws)-1]
			ph := placeholderText(kw)
			why := fmt.Sprintf("%s inserts its value as it is, so a quote, a backslash or a line break in it breaks the JSON: write \"@@%s@@\" (with the quotes) to insert it JSON-encoded", ph, kw.Key)
			if kw.Marker == "@@" {
				why = fmt.Sprintf("%s inserts its value JSON-encoded, quotes included, so it stands alone as a value: write \"##%s##\" to insert a string inside a longer one", ph, kw.Key)
			}
			l.report(l.f.SpanOf(off, off+1), findings.Error, RuleJSONSyntax, "could not parse as JSON after keyword replacement, at the value of %s; %s", ph, why)
			return false
		}
		msg := strings.TrimPrefix(se.Error(), "invalid character ")
		if msg != se.Error() {
			msg = "unexpected character " + msg
		}
		l.report(l.f.SpanOf(off, off+1), findings.Error, RuleJSONSyntax, "could not parse as JSON: %s", msg)
		return false
	}
	l.report(l.f.WholeFile(), findings.Error, RuleJSONSyntax, "could not parse as JSON: %v", err)
	return false
}

// syntaxRule is the rule of a file that cannot be parsed: json-syntax for the directory format's
// files, yaml-syntax for tenant.yaml.
func (l *loader) syntaxRule() string {
	if l.json {
		return RuleJSONSyntax
	}
	return RuleYAMLSyntax
}

func (l *loader) formatName() string {
	if l.json {
		return "JSON"
	}
	return "YAML"
}

func jsonKindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "an array"
	case yaml.ScalarNode:
		switch n.Tag {
		case "!!str":
			return "a string"
		case "!!int", "!!float":
			return "a number"
		case "!!bool":
			return "a boolean"
		}
	}
	return kindName(n)
}

// refuseJSON is the error for a .json file given where a tenant is read.
func refuseJSON(p string) error {
	return fmt.Errorf("%s given: pass the folder that holds it (%s); mfactl reads the Deploy CLI's directory format from its folder", filepath.Base(p), filepath.Dir(p))
}
