package cmd

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"
	"go.yaml.in/yaml/v4"

	"github.com/mfactl/mfactl/config"
	"github.com/mfactl/mfactl/redact"
	"github.com/mfactl/mfactl/source"
)

// mappingsKey is the Deploy CLI's setting for keyword mappings.
const mappingsKey = "AUTH0_KEYWORD_REPLACE_MAPPINGS"

// maxKeywordsFile bounds a keywords file.
const maxKeywordsFile = 1 << 20

// keywordSources says which keyword sources a command takes.
type keywordSources int

const (
	// namedEnv: only the environment variables named with --env-keyword (validate, simulate: they
	// read pull-request content, and a keyword is how that content would read a CI secret).
	namedEnv keywordSources = iota
	// wholeEnv: every environment variable unless --env=false, as the Deploy CLI's --env (deploy,
	// export: they run on trusted content with credentials anyway).
	wholeEnv
)

// addKeywordFlags adds the keyword flags to a command that reads tenant.yaml.
func addKeywordFlags(c *cobra.Command, src keywordSources) {
	c.Flags().StringArray("keyword", nil, "keyword mapping KEY=VALUE for @@KEY@@ and ##KEY## (repeatable; wins over every other source)")
	c.Flags().StringArray("keywords-file", nil, "a JSON or YAML object of keyword mappings, as in AUTH0_KEYWORD_REPLACE_MAPPINGS (repeatable; later files win)")
	switch src {
	case wholeEnv:
		c.Flags().Bool("env", true, "add the process environment to the keyword mappings, as the Deploy CLI's --env does (--env=false to turn off)")
	case namedEnv:
		c.Flags().StringArray("env-keyword", nil, "take the keyword NAME from the environment variable NAME (repeatable; PREFIX* takes every variable starting with PREFIX)")
		c.Flags().Bool("env", false, "not supported here: name the variables with --env-keyword (--env=false is accepted and changes nothing)")
		_ = c.Flags().MarkHidden("env")
	}
}

// keywordMappings builds the keyword mappings, in increasing priority: AUTH0_KEYWORD_REPLACE_MAPPINGS
// from the environment (or else the config file), keyword files, environment variables (every one
// for deploy and export unless --env=false, as the Deploy CLI's --env; only those named with
// --env-keyword for validate and simulate), then --keyword flags. Every value is registered as a
// secret, so that no keyword value is ever printed.
func (a *App) keywordMappings(c *cobra.Command) (*source.Mappings, error) {
	m := &source.Mappings{}
	if raw, ok := a.lookupEnv(mappingsKey); ok && strings.TrimSpace(raw) != "" {
		parsed, err := source.ParseJSONMappings([]byte(raw))
		if err != nil {
			return nil, usagef("%s in the environment: %v", mappingsKey, err)
		}
		m = parsed
	} else if err := a.configMappings(m); err != nil {
		return nil, err
	}
	files, _ := c.Flags().GetStringArray("keywords-file")
	for _, path := range files {
		if err := a.keywordsFile(m, path); err != nil {
			return nil, err
		}
	}
	// Values so far are the user's explicit mappings: never printed, whether a file uses them or not.
	for _, k := range m.Keys() {
		kw, _ := m.Get(k)
		a.addKeyword(kw)
	}
	var fromEnv []source.Keyword
	if c.Flags().Lookup("env-keyword") != nil {
		if f := c.Flags().Lookup("env"); f != nil && f.Changed {
			if on, _ := c.Flags().GetBool("env"); on {
				return nil, usagef("%s takes keywords from the environment only by name, since it reads pull-request content: use --env-keyword NAME (repeatable, or PREFIX*) instead of --env", c.CommandPath())
			}
		}
		names, _ := c.Flags().GetStringArray("env-keyword")
		for _, name := range names {
			kws, err := a.envKeywords(name)
			if err != nil {
				return nil, err
			}
			fromEnv = append(fromEnv, kws...)
		}
		for _, kw := range fromEnv {
			a.addKeyword(kw)
		}
	} else {
		useEnv := a.v.GetBool("env")
		if f := c.Flags().Lookup("env"); f != nil && f.Changed {
			useEnv, _ = c.Flags().GetBool("env")
		}
		if useEnv {
			// Every variable: registered as a secret only once a file uses it (see protectUsedKeywords),
			// or every PATH and HOME would be masked.
			for _, kv := range a.Environ {
				if k, v, ok := strings.Cut(kv, "="); ok && k != "" {
					fromEnv = append(fromEnv, source.StringKeyword(k, v))
				}
			}
		}
	}
	for _, kw := range fromEnv {
		m.Set(kw)
	}
	flags, _ := c.Flags().GetStringArray("keyword")
	for _, kv := range flags {
		k, v, ok := strings.Cut(kv, "=")
		if !ok || k == "" {
			return nil, usagef("--keyword %q: expected KEY=VALUE", kv)
		}
		kw := source.StringKeyword(k, v)
		a.addKeyword(kw)
		m.Set(kw)
	}
	return m, nil
}

// addKeyword registers a keyword's value (in both of its forms) as a secret shown as ##KEY##.
func (a *App) addKeyword(kw source.Keyword) {
	repl := redact.Placeholder(kw.Key)
	a.secrets.Add(kw.Literal, repl)
	if kw.JSON != kw.Literal && !strings.HasPrefix(kw.JSON, `"`) {
		a.secrets.Add(kw.JSON, repl)
	}
}

// protectUsedKeywords registers the value of every keyword that was replaced in one of files, so that
// a value taken from the whole environment is never printed once a file has used it.
func (a *App) protectUsedKeywords(m *source.Mappings, files []*source.File) {
	for _, f := range files {
		for _, r := range f.Replacements {
			if kw, ok := m.Get(r.Key); ok {
				a.addKeyword(kw)
			}
		}
	}
}

// envKeywords returns the keywords --env-keyword NAME (or PREFIX*) takes from the environment.
func (a *App) envKeywords(name string) ([]source.Keyword, error) {
	if prefix, ok := strings.CutSuffix(name, "*"); ok {
		if prefix == "" || strings.Contains(prefix, "*") {
			return nil, usagef("--env-keyword %q: give a variable name or a prefix followed by *, such as TENANT_*", name)
		}
		var out []source.Keyword
		for _, kv := range a.Environ {
			if k, v, ok := strings.Cut(kv, "="); ok && strings.HasPrefix(k, prefix) {
				out = append(out, source.StringKeyword(k, v))
			}
		}
		return out, nil
	}
	if name == "" || strings.ContainsAny(name, "=*") {
		return nil, usagef("--env-keyword %q: give a variable name or a prefix followed by *, such as TENANT_*", name)
	}
	v, ok := a.lookupEnv(name)
	if !ok {
		return nil, usagef("--env-keyword %s: no such environment variable", name)
	}
	return []source.Keyword{source.StringKeyword(name, v)}, nil
}

// keywordsFile reads a keywords file: a JSON or YAML object of mappings, as in
// AUTH0_KEYWORD_REPLACE_MAPPINGS. It must be a regular file, and a link may not lead out of its folder.
func (a *App) keywordsFile(m *source.Mappings, path string) error {
	dir, name := source.SplitContained(path)
	data, err := source.ReadContained(dir, name, maxKeywordsFile, true)
	if err != nil {
		return usagef("could not read keywords file %q: %v", path, err)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return usagef("keywords file %q is not valid YAML or JSON: %v", path, yamlErrorPosition(err))
	}
	if len(doc.Content) == 0 {
		return nil
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		kind := map[yaml.Kind]string{yaml.SequenceNode: "a list", yaml.ScalarNode: "a single value", yaml.AliasNode: "an alias"}[root.Kind]
		if kind == "" {
			kind = "not an object"
		}
		return usagef("keywords file %q: line %d, column %d: must hold an object of KEY: value pairs, not %s", path, root.Line, root.Column, kind)
	}
	raw, err := orderedJSON(root)
	if err != nil {
		return usagef("keywords file %q: %v", path, err)
	}
	parsed, err := source.ParseJSONMappings(raw)
	if err != nil {
		return usagef("keywords file %q: %v", path, err)
	}
	for _, k := range parsed.Keys() {
		kw, _ := parsed.Get(k)
		m.Set(kw)
	}
	return nil
}

// yamlErrorPosition keeps only the position and reason of a YAML error: never an excerpt of the file.
func yamlErrorPosition(err error) string {
	var le *yaml.LoadError
	if errors.As(err, &le) && le.Mark.Line > 0 {
		return fmt.Sprintf("line %d, column %d: %s", le.Mark.Line, le.Mark.Column, le.Message)
	}
	msg := err.Error()
	if i := strings.IndexByte(msg, '\n'); i >= 0 {
		msg = msg[:i]
	}
	return msg
}

// configMappings reads AUTH0_KEYWORD_REPLACE_MAPPINGS from the config file. It reads the file itself
// because viper lower-cases keys, and keyword names are case-sensitive.
func (a *App) configMappings(m *source.Mappings) error {
	path, data := a.config.Path, a.config.Data
	if path == "" {
		return nil
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil || len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return nil // viper already accepted or refused the file
	}
	root := doc.Content[0]
	for i := 0; i+1 < len(root.Content); i += 2 {
		if root.Content[i].Value != mappingsKey {
			continue
		}
		v := root.Content[i+1]
		var raw []byte
		if v.Kind == yaml.ScalarNode && v.Tag == "!!str" {
			raw = []byte(v.Value) // a JSON string, as in the environment
		} else {
			var value any
			if err := v.Decode(&value); err != nil {
				return usagef("%s in %s: %v", mappingsKey, path, err)
			}
			ordered, err := orderedJSON(v)
			if err != nil {
				return usagef("%s in %s: %v", mappingsKey, path, err)
			}
			raw = ordered
		}
		parsed, err := source.ParseJSONMappings(raw)
		if err != nil {
			return usagef("%s in %s (line %d): %v", mappingsKey, path, v.Line, err)
		}
		for _, k := range parsed.Keys() {
			kw, _ := parsed.Get(k)
			m.Set(kw)
		}
	}
	return nil
}

// orderedJSON encodes a YAML node as JSON keeping mapping order.
func orderedJSON(n *yaml.Node) ([]byte, error) {
	var b strings.Builder
	var walk func(n *yaml.Node) error
	walk = func(n *yaml.Node) error {
		switch n.Kind {
		case yaml.AliasNode:
			return walk(n.Alias)
		case yaml.MappingNode:
			b.WriteByte('{')
			for i := 0; i+1 < len(n.Content); i += 2 {
				if i > 0 {
					b.WriteByte(',')
				}
				k, _ := json.Marshal(n.Content[i].Value)
				b.Write(k)
				b.WriteByte(':')
				if err := walk(n.Content[i+1]); err != nil {
					return err
				}
			}
			b.WriteByte('}')
		case yaml.SequenceNode:
			b.WriteByte('[')
			for i, c := range n.Content {
				if i > 0 {
					b.WriteByte(',')
				}
				if err := walk(c); err != nil {
					return err
				}
			}
			b.WriteByte(']')
		case yaml.ScalarNode:
			var v any
			if err := n.Decode(&v); err != nil {
				return err
			}
			enc, err := json.Marshal(v)
			if err != nil {
				return fmt.Errorf("line %d: %v", n.Line, err)
			}
			b.Write(enc)
		default:
			return fmt.Errorf("line %d: unsupported value", n.Line)
		}
		return nil
	}
	if err := walk(n); err != nil {
		return nil, err
	}
	return []byte(b.String()), nil
}

// protectActionSecrets registers the value of every Action secret in the tenant: simulate hands them
// to the Actions as event.secrets, and a console.log of one must not print it. They show as ***.
func (a *App) protectActionSecrets(t *config.Tenant) {
	for _, act := range t.Actions {
		for _, s := range act.Secrets {
			v := s.Value.Value
			// A placeholder left unreplaced is what the file says, not a value.
			if v == "_VALUE_NOT_SHOWN_" || strings.Contains(v, "##") || strings.Contains(v, "@@") {
				continue
			}
			a.secrets.Add(v, "***")
		}
	}
}
