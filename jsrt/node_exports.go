package jsrt

import (
	"errors"
	"fmt"
	"path"
	"strings"

	"github.com/dop251/goja_nodejs/require"
	"go.yaml.in/yaml/v4"
)

// package.json "exports": goja_nodejs resolves a package by its "main" (or index.js) only, while many
// packages published today name their entry points in an "exports" map, some with no "main" at all.
// mfactl resolves a bare require through the map first, as Node does for require(): the conditions
// "require", "node" and "default" (in the order the map lists its keys), subpath keys ("./sub") and
// their "*" patterns, arrays as fallbacks, null as excluded; then hands goja_nodejs the file.

// exportConditions are the conditions of a require() in Node.
var exportConditions = map[string]bool{"require": true, "node": true, "default": true, "module-sync": false}

// errNotExported is a subpath the package's exports map does not export.
var errNotExported = errors.New("not exported")

// exportsTarget resolves name (a bare specifier: pkg or pkg/sub) required from the virtual file from,
// through the exports map of the package Node would find. It returns the virtual path of the file,
// or "" to leave the resolution to goja_nodejs (no such package, or no exports map).
func (n *NodeModules) exportsTarget(name, from string) (string, error) {
	pkg := PackageName(name)
	sub := "." + strings.TrimPrefix(name, pkg)
	for _, dir := range nodeModulesDirs(from) {
		root := path.Join(dir, pkg)
		data, err := n.load(root + "/package.json")
		if errors.Is(err, require.ModuleFileDoesNotExistError) {
			continue
		}
		if err != nil {
			// A package.json mfactl refuses to read (a link out, too large): goja_nodejs's own
			// resolution meets the same refusal and reports it for the package.
			return "", nil
		}
		var doc yaml.Node
		if yaml.Unmarshal(data, &doc) != nil || len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
			return "", nil
		}
		exports := mappingValue(doc.Content[0], "exports")
		if exports == nil {
			return "", nil
		}
		target, err := resolveExports(exports, sub)
		if errors.Is(err, errNotExported) {
			return "", fmt.Errorf("Package subpath '%s' is not defined by \"exports\" in node_modules/%s/package.json", sub, pkg)
		}
		if err != nil || target == "" {
			return "", err
		}
		if !strings.HasPrefix(target, "./") {
			return "", fmt.Errorf("node_modules/%s/package.json: the exports target %q must start with ./", pkg, target)
		}
		resolved := path.Join(root, target)
		if !strings.HasPrefix(resolved, root+"/") {
			return "", fmt.Errorf("node_modules/%s/package.json: the exports target %q leaves the package", pkg, target)
		}
		return resolved, nil
	}
	return "", nil
}

// nodeModulesDirs are the node_modules folders Node searches from the file from, nearest first.
func nodeModulesDirs(from string) []string {
	dir := path.Dir(from)
	var out []string
	for {
		if path.Base(dir) != "node_modules" {
			out = append(out, path.Join(dir, "node_modules"))
		}
		if dir == "/" || dir == "." || dir == "" {
			break
		}
		dir = path.Dir(dir)
	}
	return out
}

func mappingValue(m *yaml.Node, key string) *yaml.Node {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

// resolveExports finds the target of subpath ("." or "./x") in an exports value.
func resolveExports(exports *yaml.Node, subpath string) (string, error) {
	// A string, an array, or an object of conditions stands for ".".
	if exports.Kind != yaml.MappingNode || len(exports.Content) == 0 || !strings.HasPrefix(exports.Content[0].Value, ".") {
		if subpath != "." {
			return "", errNotExported
		}
		return exportTarget(exports, "", 0)
	}
	if v := mappingValue(exports, subpath); v != nil {
		return exportTarget(v, "", 0)
	}
	// Patterns: the longest key whose prefix and suffix around "*" match.
	best, bestKey, star := (*yaml.Node)(nil), "", ""
	for i := 0; i+1 < len(exports.Content); i += 2 {
		k := exports.Content[i].Value
		pre, post, ok := strings.Cut(k, "*")
		if !ok || !strings.HasPrefix(subpath, pre) || !strings.HasSuffix(subpath, post) || len(subpath) < len(pre)+len(post) {
			continue
		}
		if len(k) > len(bestKey) {
			best, bestKey, star = exports.Content[i+1], k, subpath[len(pre):len(subpath)-len(post)]
		}
	}
	if best == nil {
		return "", errNotExported
	}
	return exportTarget(best, star, 0)
}

// exportTarget resolves one exports value: a string (with "*" replaced), conditions, fallbacks.
func exportTarget(v *yaml.Node, star string, depth int) (string, error) {
	if depth > 32 {
		return "", errors.New("the exports map nests too deeply")
	}
	switch v.Kind {
	case yaml.ScalarNode:
		if v.Tag == "!!null" {
			return "", errNotExported
		}
		return strings.ReplaceAll(v.Value, "*", star), nil
	case yaml.SequenceNode:
		for _, item := range v.Content {
			if t, err := exportTarget(item, star, depth+1); err == nil && t != "" {
				return t, nil
			}
		}
		return "", errNotExported
	case yaml.MappingNode:
		for i := 0; i+1 < len(v.Content); i += 2 {
			if exportConditions[v.Content[i].Value] {
				t, err := exportTarget(v.Content[i+1], star, depth+1)
				if errors.Is(err, errNotExported) {
					continue
				}
				return t, err
			}
		}
		return "", errNotExported
	}
	return "", errNotExported
}
