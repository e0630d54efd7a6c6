package config

import (
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

// A Tree is a tenant's configuration as written, for turning one of the Deploy CLI's formats into
// the other (mfactl convert, export --format directory). It is read below the typed model, as
// YAML nodes with no keyword replaced, so that what the model does not know (unknown keys, values
// of a wrong type, @@KEY@@ and ##KEY## placeholders) is carried over as it is.
type Tree struct {
	// Sections are the sections mfactl converts, in the order read.
	Sections []TreeSection
	// Files are copied byte for byte: the Actions' code files, and scenarios.yaml.
	Files []TreeFile
	// Others are the parts of the source that mfactl does not convert: the sections of a whole-tenant
	// configuration it does not model (clients, connections, pages …), each with where it is.
	Others []Other
	// Notes are what the user should know about the conversion (comments that JSON cannot hold, an
	// unquoted placeholder whose type is not known, files left behind).
	Notes []string

	// RecordPositions makes Directory record in Positions where each key and value it writes came
	// from and went, so that a finding in the source can be found in the output (the rule examples'
	// directory-format twins are checked that way).
	RecordPositions bool
	Positions       []Position

	// fileOf names the file each section value, Action and factor was read from, for positions.
	fileOf map[*yaml.Node]string
}

// Position maps a position in the source to where its key or value was written: From is
// file:line:col of the source, To is path:line:col in the output (path relative to the output
// folder; a folder for the key of a section written as one, "actions/:1:1").
type Position struct {
	FromFile          string
	FromLine, FromCol int
	ToFile            string
	ToLine, ToCol     int
}

// TreeSection is one section: its tenant.yaml key and its value as written.
type TreeSection struct {
	Key   string
	Value *yaml.Node
	// KeyNode is the key in tenant.yaml; nil for a section read from the directory format.
	KeyNode *yaml.Node
}

// TreeFile is one file to write, its path relative to the output folder with slashes. A path ending
// in "/" is a folder to create (an empty actions/ means "no Actions", unlike no actions/ at all).
type TreeFile struct {
	Path string
	Data []byte
}

// Other is a part of the source that is not converted.
type Other struct {
	// Name is the section (clients) or the folder (clients/, guardian/providers/).
	Name string
	// Where is its position (tenant.yaml:12:1) or its path.
	Where string
}

// ConvertError is content that cannot be converted: each problem is a line with its position.
type ConvertError struct {
	Problems []string
}

func (e *ConvertError) Error() string { return strings.Join(e.Problems, "\n") }

// TreeSections are the sections mfactl converts, in the order it writes them in tenant.yaml.
var TreeSections = []string{"tenant", "guardianFactors", "guardianPhoneFactorMessageTypes", "guardianPhoneFactorSelectedProvider", "guardianPolicies", "actions", "triggers"}

// ScenariosFile is mfactl's own file beside tenant.yaml (inside the folder of the directory format);
// a conversion copies it.
const ScenariosFile = "scenarios.yaml"

// ReadTree reads the tenant at p in the format its path says (a folder: the directory format;
// otherwise tenant.yaml) with the code files it names, for converting. display is p's name in
// messages. Errors are *ReadError (a file cannot be read) or *ConvertError (the content cannot be
// converted: a syntax error, a duplicate key, a code path that leaves the folder …).
func ReadTree(p, display string) (*Tree, error) {
	if display == "" {
		display = p
	}
	display = filepath.ToSlash(display)
	if isDir(p) {
		if err := yamlTenantFolder(p, "convert"); err != nil {
			return nil, err
		}
		return readTreeDir(p, display)
	}
	data, err := readTenantFile(p)
	if err != nil {
		return nil, err
	}
	dir, _ := source.SplitContained(p)
	t, err := TreeFromYAML(display, data, func(rel string) ([]byte, error) {
		return source.ReadContained(dir, filepath.FromSlash(rel), MaxTenantSize, false)
	})
	if err != nil {
		return nil, err
	}
	if err := t.addScenarios(dir); err != nil {
		return nil, err
	}
	return t, nil
}

// TreeFromYAML reads tenant.yaml from data; readCode reads a code file by its path relative to the
// folder of tenant.yaml (cleaned, with slashes).
func TreeFromYAML(display string, data []byte, readCode func(rel string) ([]byte, error)) (*Tree, error) {
	t := &Tree{fileOf: map[*yaml.Node]string{}}
	root, f, problems := parseTreeFile(display, data, false)
	if len(problems) > 0 {
		return nil, &ConvertError{Problems: problems}
	}
	if hasComments(root) {
		t.Notes = append(t.Notes, fmt.Sprintf("%s: its comments are not carried over (JSON has none)", display))
	}
	byKey := map[string]*yaml.Node{}
	keys := map[string]*yaml.Node{}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := resolve(root.Content[i]), root.Content[i+1]
		if !contains(TreeSections, k.Value) {
			t.Others = append(t.Others, Other{Name: k.Value, Where: fmt.Sprintf("%s:%d:%d", f.Path, k.Line, k.Column)})
			continue
		}
		byKey[k.Value], keys[k.Value] = v, k
		t.fileOf[resolve(v)] = display
	}
	for _, key := range TreeSections {
		if v, ok := byKey[key]; ok {
			t.Sections = append(t.Sections, TreeSection{Key: key, Value: v, KeyNode: keys[key]})
		}
	}
	if err := t.readCode(readCode); err != nil {
		return nil, err
	}
	return t, nil
}

// parseTreeFile parses a tenant.yaml or a JSON file of the directory format without keyword
// replacement (placeholders are masked as the loader does), and returns its top-level mapping, or
// the problems that stop a conversion: syntax errors, duplicate keys, merge keys.
func parseTreeFile(display string, data []byte, json bool) (*yaml.Node, *source.File, []string) {
	f := source.NewFile(display, data)
	l := &loader{t: &Tenant{File: f}, f: f, json: json}
	root, _ := l.parseRoot()
	if root != nil {
		l.checkTree(root, 0)
	}
	var problems []string
	for _, fd := range l.t.Findings {
		if fd.Severity == findings.Error {
			problems = append(problems, fd.Error())
		}
	}
	return root, f, problems
}

// checkTree reports duplicate keys (the Deploy CLI refuses them in YAML; JSON.parse keeps the last
// one silently) and YAML merge keys, which a conversion would have to expand.
func (l *loader) checkTree(n *yaml.Node, depth int) {
	n = resolve(n)
	if n == nil || depth > 200 {
		return
	}
	switch n.Kind {
	case yaml.MappingNode:
		for _, p := range l.pairs(n) {
			if p.key.Kind != yaml.ScalarNode {
				l.report(l.span(p.key), findings.Error, RuleWrongType, "a key must be a string, not %s", kindName(p.key))
			} else if p.key.Tag == "!!merge" {
				l.report(l.span(p.key), findings.Error, RuleYAMLSyntax, "YAML merge keys (<<) are not converted; write the keys out")
			}
			l.checkTree(p.value, depth+1)
		}
	case yaml.SequenceNode:
		for _, c := range n.Content {
			l.checkTree(c, depth+1)
		}
	}
}

func hasComments(n *yaml.Node) bool {
	if n == nil {
		return false
	}
	if n.HeadComment != "" || n.LineComment != "" || n.FootComment != "" {
		return true
	}
	for _, c := range n.Content {
		if hasComments(c) {
			return true
		}
	}
	return false
}

// section returns the value of a section, resolved, or nil.
func (t *Tree) section(key string) *yaml.Node {
	for _, s := range t.Sections {
		if s.Key == key {
			return resolve(s.Value)
		}
	}
	return nil
}

// where is the position of n in the file it was read from.
func (t *Tree) where(n *yaml.Node, file string) string {
	if f, ok := t.fileOf[n]; ok {
		file = f
	}
	if n == nil || n.Line == 0 {
		return file
	}
	return fmt.Sprintf("%s:%d:%d", file, n.Line, n.Column)
}

// readCode reads the code file of every Action whose code is a plain path inside the folder. A code
// path that cannot be copied (it holds a keyword, leaves the folder, names no file or a folder) is
// carried as written, with a note: validate reports it in either format, as it does in the source.
// A file that exists but cannot be read is an error.
func (t *Tree) readCode(readCode func(rel string) ([]byte, error)) error {
	actions := t.section("actions")
	if actions == nil || actions.Kind != yaml.SequenceNode {
		return nil
	}
	file := t.fileOf[actions]
	seen := map[string]bool{}
	for _, item := range actions.Content {
		item = resolve(item)
		if item.Kind != yaml.MappingNode {
			continue
		}
		itemFile := file
		if f, ok := t.fileOf[item]; ok {
			itemFile = f
		}
		code := mappingValue(item, "code")
		if code == nil || code.Kind != yaml.ScalarNode || code.ShortTag() != "!!str" || code.Value == "" {
			continue // written as it is; the Action has no code file to copy
		}
		where := t.where(code, itemFile)
		notCopied := func(why string) {
			t.Notes = append(t.Notes, fmt.Sprintf("%s: code path %q %s: it is written as it is, and no code is copied", where, code.Value, why))
		}
		if source.IsPlaceholder(code.Value) {
			notCopied("holds a keyword, which convert does not replace")
			continue
		}
		rel, err := CodeRel(code.Value)
		if err != nil {
			notCopied(err.Error())
			continue
		}
		if seen[rel] {
			continue
		}
		data, err := readCode(rel)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			notCopied("names no file")
			continue
		case errors.Is(err, source.ErrNotRegular), errors.Is(err, source.ErrOutside):
			notCopied(err.Error())
			continue
		case err != nil:
			return &ReadError{Path: rel, Err: fmt.Errorf("the code file of %s: %w", where, err)}
		}
		seen[rel] = true
		t.Files = append(t.Files, TreeFile{Path: rel, Data: data})
	}
	return nil
}

// CodeRel is an Action's code path as a path inside the folder the Deploy CLI resolves it against
// (backslashes read as slashes, as it does), or why it is not one.
func CodeRel(p string) (string, error) {
	p = strings.ReplaceAll(p, `\`, "/")
	if path.IsAbs(p) || (len(p) >= 2 && p[1] == ':') {
		return "", errors.New("is absolute; it must be relative to the folder of the tenant")
	}
	c := path.Clean(p)
	if c == "." || c == ".." || strings.HasPrefix(c, "../") {
		return "", errors.New("leaves the folder of the tenant")
	}
	return c, nil
}

// mappingValue returns the value of key in mapping m, or nil (the last one, as JSON.parse keeps).
func mappingValue(m *yaml.Node, key string) *yaml.Node {
	var v *yaml.Node
	for i := 0; i+1 < len(m.Content); i += 2 {
		if resolve(m.Content[i]).Value == key {
			v = resolve(m.Content[i+1])
		}
	}
	return v
}

// addScenarios copies the scenarios file of the folder dir, if there is one.
func (t *Tree) addScenarios(dir string) error {
	data, err := source.ReadContained(dir, ScenariosFile, MaxTenantSize, true)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return &ReadError{Path: filepath.Join(dir, ScenariosFile), Err: err}
	}
	t.Files = append(t.Files, TreeFile{Path: ScenariosFile, Data: data})
	return nil
}

// readTreeDir reads a folder in the directory format by the Deploy CLI's reading rules (see LoadDir).
func readTreeDir(dir, display string) (*Tree, error) {
	t := &Tree{fileOf: map[*yaml.Node]string{}}
	d := &dirReader{dir: dir, display: display}
	if !d.holdsTenant() {
		return nil, &ReadError{Path: dir, Err: errors.New("is a directory holding no tenant.json, actions/, triggers/ or guardian/; give the folder of a Deploy CLI directory export, or the path of tenant.yaml")}
	}
	var problems []string
	read := func(name string) (*yaml.Node, error) {
		data, err := source.ReadContained(dir, filepath.FromSlash(name), MaxTenantSize, true)
		switch {
		case errors.Is(err, fs.ErrNotExist), errors.Is(err, source.ErrNotRegular):
			return nil, nil
		case err != nil:
			return nil, &ReadError{Path: d.show(name), Err: err}
		}
		root, _, ps := parseTreeFile(d.show(name), data, true)
		if len(ps) > 0 {
			problems = append(problems, ps...)
			return nil, nil
		}
		t.fileOf[root] = d.show(name)
		return root, nil
	}
	add := func(key string, v *yaml.Node) { t.Sections = append(t.Sections, TreeSection{Key: key, Value: v}) }
	seq := func() *yaml.Node { return &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"} }

	if root, err := read("tenant.json"); err != nil {
		return nil, err
	} else if root != nil {
		add("tenant", root)
	}
	guardian, err := d.isDir("guardian")
	if err != nil {
		return nil, err
	}
	if guardian {
		names, err := d.jsonFiles("guardian/factors")
		if err != nil {
			return nil, err
		}
		if names != nil {
			factors := seq()
			for _, name := range names {
				root, err := read(name)
				if err != nil {
					return nil, err
				}
				if root != nil && len(root.Content) > 0 { // the Deploy CLI skips a factor file holding {}
					factors.Content = append(factors.Content, root)
				}
			}
			add("guardianFactors", factors)
		}
		for _, s := range [][2]string{
			{"guardian/phoneFactorMessageTypes.json", "guardianPhoneFactorMessageTypes"},
			{"guardian/phoneFactorSelectedProvider.json", "guardianPhoneFactorSelectedProvider"},
			{"guardian/policies.json", "guardianPolicies"},
		} {
			root, err := read(s[0])
			if err != nil {
				return nil, err
			}
			if root != nil {
				add(s[1], root)
			}
		}
	}
	names, err := d.jsonFiles("actions")
	if err != nil {
		return nil, err
	}
	if names != nil {
		actions := seq()
		for _, name := range names {
			root, err := read(name)
			if err != nil {
				return nil, err
			}
			if root != nil {
				actions.Content = append(actions.Content, root)
			}
		}
		add("actions", actions)
	}
	names, err = d.jsonFiles("triggers")
	if err != nil {
		return nil, err
	}
	if len(names) > 0 {
		root, err := read(names[0])
		if err != nil {
			return nil, err
		}
		if root != nil {
			add("triggers", root)
		}
		for _, other := range names[1:] {
			problems = append(problems, fmt.Sprintf("%s: the Deploy CLI reads only the first .json file in triggers/ (%s), so this one has no effect; merge it into that file or remove it", d.show(other), path.Base(names[0])))
		}
	}
	if len(problems) > 0 {
		return nil, &ConvertError{Problems: problems}
	}
	if err := t.otherDirEntries(dir, display); err != nil {
		return nil, err
	}
	if err := t.readCode(func(rel string) ([]byte, error) {
		return source.ReadContained(dir, filepath.FromSlash(rel), MaxTenantSize, false)
	}); err != nil {
		return nil, err
	}
	if err := t.addScenarios(dir); err != nil {
		return nil, err
	}
	return t, nil
}

// otherDirEntries lists the folders of a whole-tenant export that mfactl does not convert, and notes
// the other files of the folder, which are no part of the tenant.
func (t *Tree) otherDirEntries(dir, display string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return &ReadError{Path: dir, Err: unwrapPathError(err)}
	}
	var left []string
	for _, e := range entries {
		name := e.Name()
		switch {
		case strings.HasPrefix(name, "."):
		case e.IsDir() && !dirFormatFolders[name]:
			t.Others = append(t.Others, Other{Name: name + "/", Where: path.Join(display, name) + "/"})
		case !e.IsDir() && name != "tenant.json" && name != ScenariosFile:
			left = append(left, name)
		}
	}
	if entries, err := os.ReadDir(filepath.Join(dir, "guardian")); err == nil {
		for _, e := range entries {
			name := e.Name()
			switch {
			case strings.HasPrefix(name, "."):
			case e.IsDir() && name != "factors":
				t.Others = append(t.Others, Other{Name: "guardian/" + name + "/", Where: path.Join(display, "guardian", name) + "/"})
			case !e.IsDir() && name != "policies.json" && name != "phoneFactorMessageTypes.json" && name != "phoneFactorSelectedProvider.json":
				left = append(left, "guardian/"+name)
			}
		}
	}
	if len(left) > 0 {
		t.Notes = append(t.Notes, fmt.Sprintf("%s: not part of the tenant, not copied: %s", display, strings.Join(left, ", ")))
	}
	return nil
}

// yamlTenantFolder refuses a folder that holds a tenant.yaml (or tenant.yml) and no tenant.json. A
// folder is read as the directory format, and a YAML tenant's folder has an actions/ folder of code,
// so it would be read as a tenant with no Action and nothing else: a clean result about nothing.
// verb says what the user wanted to do with the YAML tenant.
func yamlTenantFolder(dir, verb string) error {
	if isFile(filepath.Join(dir, "tenant.json")) {
		return nil
	}
	for _, name := range []string{"tenant.yaml", "tenant.yml"} {
		if isFile(filepath.Join(dir, name)) {
			return &ReadError{Path: dir, Err: fmt.Errorf("is a folder holding %s and no tenant.json; a folder is read as the Deploy CLI's directory format: to %s the YAML tenant, give %s", name, verb, filepath.Join(dir, name))}
		}
	}
	return nil
}

func isFile(p string) bool {
	info, err := os.Stat(p)
	return err == nil && info.Mode().IsRegular()
}
