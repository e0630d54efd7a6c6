package cmd

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"sort"
	"strings"

	"github.com/spf13/viper"

	"github.com/mfactl/mfactl/source"
)

// maxConfigSize bounds a config file.
const maxConfigSize = 1 << 20

// configFile is the config file a run uses.
type configFile struct {
	// Path is the file's path; "" when there is none.
	Path string
	// Data is its content.
	Data []byte
	// Found is true when the file was found in the working directory rather than named with
	// --config or MFACTL_CONFIG. Such a file is repository content: it may set only foundKeys.
	Found bool
}

// foundKeys are the settings a config file found in the working directory may set: how output looks,
// which scenarios run, and keyword mappings (which are repository content anyway). Where output is
// written, deletions, confirmation, time limits, credentials and the tenant's domain come only from
// the command line, the environment or a config file named explicitly, so that a pull request cannot
// widen what the CI job's command line allows.
var foundKeys = map[string]bool{
	"color": true, "quiet": true, "format": true, "strict": true, "run": true, "scenarios": true,
	strings.ToLower(mappingsKey): true,
}

// defaultConfig is the config file looked for in the working directory.
const defaultConfig = "mfactl.yaml"

// loadConfig reads --config, or ./mfactl.yaml when it exists.
func (a *App) loadConfig(path string) error {
	found := path == ""
	dir, name := source.SplitContained(path)
	if found {
		path, dir, name = defaultConfig, ".", defaultConfig
	}
	data, err := source.ReadContained(dir, name, maxConfigSize, true)
	if found && errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return usagef("could not read config file %q: %v", path, err)
	}
	v := viper.New()
	ext := strings.TrimPrefix(filepath.Ext(path), ".")
	if ext != "json" && ext != "yaml" && ext != "yml" && ext != "toml" {
		ext = "yaml"
	}
	v.SetConfigType(ext)
	if err := v.ReadConfig(bytes.NewReader(data)); err != nil {
		return usagef("could not read config file %q: %v", path, err)
	}
	if found {
		var refused []string
		seen := map[string]bool{}
		for _, k := range v.AllKeys() {
			top, _, _ := strings.Cut(k, ".")
			if !foundKeys[top] && !seen[top] {
				seen[top] = true
				refused = append(refused, top)
			}
		}
		if len(refused) > 0 {
			sort.Strings(refused)
			return usagef("%s was found in the working directory and sets %s, which only the command line, the environment or an explicit --config may set: a file in the repository must not choose where mfactl writes, what it deletes, how long it runs or which tenant it talks to.\n"+
				"A config file found in the working directory may set only: color, format, quiet, run, scenarios, strict and %s. Run with --config %s to use it as it is",
				defaultConfig, quoteList(refused), mappingsKey, defaultConfig)
		}
	}
	a.v.SetConfigType(ext)
	a.v.SetConfigFile(path)
	if err := a.v.ReadConfig(bytes.NewReader(data)); err != nil {
		return usagef("could not read config file %q: %v", path, err)
	}
	a.config = configFile{Path: path, Data: data, Found: found}
	return nil
}

func quoteList(keys []string) string {
	q := make([]string, len(keys))
	for i, k := range keys {
		q[i] = fmt.Sprintf("%q", k)
	}
	return strings.Join(q, ", ")
}
