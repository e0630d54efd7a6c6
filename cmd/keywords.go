package cmd

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"
	"go.yaml.in/yaml/v4"

	"github.com/mfactl/mfactl/source"
)

// mappingsKey is the Deploy CLI's setting for keyword mappings.
const mappingsKey = "AUTH0_KEYWORD_REPLACE_MAPPINGS"

// addKeywordFlags adds --keyword and --env to a command that reads tenant.yaml.
func addKeywordFlags(c *cobra.Command) {
	c.Flags().StringArray("keyword", nil, "keyword mapping KEY=VALUE for @@KEY@@ and ##KEY## (repeatable; wins over every other source)")
	c.Flags().Bool("env", true, "add the process environment to the keyword mappings, as the Deploy CLI's --env does (--env=false to turn off)")
}

// keywordMappings builds the keyword mappings the Deploy CLI would use: AUTH0_KEYWORD_REPLACE_MAPPINGS
// from the environment (or else the config file), then, unless --env=false, every environment
// variable (Object.assign: the environment wins for a key in both), then --keyword flags.
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
	useEnv := a.v.GetBool("env")
	if f := c.Flags().Lookup("env"); f != nil && f.Changed {
		useEnv, _ = c.Flags().GetBool("env")
	}
	if useEnv {
		for _, kv := range a.Environ {
			if k, v, ok := strings.Cut(kv, "="); ok && k != "" {
				m.Set(source.StringKeyword(k, v))
			}
		}
	}
	flags, _ := c.Flags().GetStringArray("keyword")
	for _, kv := range flags {
		k, v, ok := strings.Cut(kv, "=")
		if !ok || k == "" {
			return nil, usagef("--keyword %q: expected KEY=VALUE", kv)
		}
		m.Set(source.StringKeyword(k, v))
	}
	return m, nil
}

// configMappings reads AUTH0_KEYWORD_REPLACE_MAPPINGS from the config file. It reads the file itself
// because viper lower-cases keys, and keyword names are case-sensitive.
func (a *App) configMappings(m *source.Mappings) error {
	path := a.v.ConfigFileUsed()
	if path == "" {
		return nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return usagef("could not read config file %q: %v", path, unwrapPath(err))
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
