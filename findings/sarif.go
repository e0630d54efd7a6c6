package findings

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/mfactl/mfactl/source"
)

// SARIF 2.1.0, with the fields GitHub code scanning requires. The log is
// {"$schema", "version", "runs": [{"tool", "invocations", "artifacts", "results", "columnKind"}]};
// renderSARIF writes that envelope itself and encodes the parts below.

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name            string      `json:"name"`
	Version         string      `json:"version"`
	SemanticVersion string      `json:"semanticVersion,omitempty"`
	InformationURI  string      `json:"informationUri"`
	Rules           []sarifRule `json:"rules"`
}

type sarifText struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

type sarifRule struct {
	ID                   string             `json:"id"`
	Name                 string             `json:"name"`
	ShortDescription     sarifText          `json:"shortDescription"`
	FullDescription      sarifText          `json:"fullDescription"`
	Help                 sarifText          `json:"help"`
	HelpURI              string             `json:"helpUri"`
	DefaultConfiguration sarifConfiguration `json:"defaultConfiguration"`
	Properties           sarifRuleProps     `json:"properties"`
}

type sarifConfiguration struct {
	Level string `json:"level"`
}

type sarifRuleProps struct {
	Tags []string `json:"tags"`
}

type sarifInvocation struct {
	ExecutionSuccessful bool `json:"executionSuccessful"`
}

type sarifArtifact struct {
	Location sarifArtifactLocation `json:"location"`
}

type sarifArtifactLocation struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

type sarifResult struct {
	RuleID              string            `json:"ruleId"`
	RuleIndex           int               `json:"ruleIndex"`
	Level               string            `json:"level"`
	Message             sarifText         `json:"message"`
	Locations           []sarifLocation   `json:"locations"`
	PartialFingerprints map[string]string `json:"partialFingerprints"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysicalLocation `json:"physicalLocation"`
}

type sarifPhysicalLocation struct {
	ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
	Region           sarifRegion           `json:"region"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn,omitempty"`
	EndLine     int `json:"endLine,omitempty"`
	EndColumn   int `json:"endColumn,omitempty"`
}

func sarifLevel(s Severity) string {
	switch s {
	case Error:
		return "error"
	case Warning:
		return "warning"
	}
	return "note"
}

var semverRe = regexp.MustCompile(`^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$`)

// renderSARIF writes a SARIF 2.1.0 log: every rule of the run (not only those that fired), and one
// result per finding. It writes the log's envelope itself and encodes one result at a time, so that
// it never holds more than one result's JSON; the bytes are those of encoding the whole log with
// two-space indentation.
func renderSARIF(w io.Writer, r *Report, _ Options) error {
	version := strings.TrimPrefix(r.Version, "v")
	if version == "" {
		version = "0.0.0"
	}
	tool := r.Tool
	if tool == "" {
		tool = "mfactl"
	}
	driver := sarifDriver{Name: tool, Version: version, InformationURI: "https://github.com/mfactl/mfactl", Rules: []sarifRule{}}
	if semverRe.MatchString(version) {
		driver.SemanticVersion = version
	}
	index := map[string]int{}
	addRule := func(info RuleInfo) {
		if info.Short == "" {
			info.Short = info.ID
		}
		full := info.Help
		if full == "" {
			full = info.Short
		}
		index[info.ID] = len(driver.Rules)
		driver.Rules = append(driver.Rules, sarifRule{
			ID: info.ID, Name: pascal(info.ID),
			ShortDescription:     sarifText{Text: info.Short},
			FullDescription:      sarifText{Text: full},
			Help:                 sarifText{Text: full + " See " + info.HelpURI(), Markdown: full + "\n\n[Rule documentation](" + info.HelpURI() + ")"},
			HelpURI:              info.HelpURI(),
			DefaultConfiguration: sarifConfiguration{Level: sarifLevel(info.Severity)},
			Properties:           sarifRuleProps{Tags: []string{"auth0", "mfa"}},
		})
	}
	for _, info := range r.Rules {
		addRule(info)
	}
	// Rules that are not in the registry (a scenarios file's findings) are listed too.
	for _, f := range r.Findings {
		if _, ok := index[f.Rule]; !ok {
			addRule(RuleInfo{ID: f.Rule, Severity: f.Severity, Short: f.Rule, Help: f.Rule})
		}
	}
	var artifacts []sarifArtifact
	for _, f := range r.Files {
		artifacts = append(artifacts, sarifArtifact{Location: artifact(f.Path)})
	}

	bw := bufio.NewWriter(w)
	enc := newJSONChunks()
	chunk := func(before string, v any, prefix string) error {
		data, err := enc.encode(v, prefix)
		if err != nil {
			return err
		}
		bw.WriteString(before)
		bw.Write(data)
		return nil
	}
	bw.WriteString("{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n  \"version\": \"2.1.0\",\n  \"runs\": [\n    {")
	if err := chunk("\n      \"tool\": ", sarifTool{Driver: driver}, "      "); err != nil {
		return err
	}
	if err := chunk(",\n      \"invocations\": ", []sarifInvocation{{ExecutionSuccessful: true}}, "      "); err != nil {
		return err
	}
	if len(artifacts) > 0 {
		if err := chunk(",\n      \"artifacts\": ", artifacts, "      "); err != nil {
			return err
		}
	}
	bw.WriteString(",\n      \"results\": [")
	occurrences := map[string]int{}
	lines := fingerprintLines{files: newLineCache(r).files}
	for i, f := range r.Findings {
		region := sarifRegion{StartLine: max(f.Line, 1)}
		if f.Col > 0 {
			region.StartColumn = f.Col
			region.EndLine = max(f.EndLine, region.StartLine)
			region.EndColumn = f.EndCol
			if region.EndLine == region.StartLine && region.EndColumn <= region.StartColumn {
				region.EndColumn = region.StartColumn + 1
			}
		}
		// Like GitHub's own fingerprint: the rule, file, message and source line (not its number, so a
		// finding keeps its identity when lines are added above it), with an occurrence count.
		sum := sha256.Sum256([]byte(f.Rule + "\x00" + f.File + "\x00" + f.Message + "\x00" + lines.get(f.File, f.Line)))
		key := hex.EncodeToString(sum[:8])
		occurrences[key]++
		message := f.Message
		if message == "" {
			message = f.Rule
		}
		sep := ",\n        "
		if i == 0 {
			sep = "\n        "
		}
		if err := chunk(sep, sarifResult{
			RuleID: f.Rule, RuleIndex: index[f.Rule], Level: sarifLevel(f.Severity), Message: sarifText{Text: message},
			Locations: []sarifLocation{{PhysicalLocation: sarifPhysicalLocation{
				ArtifactLocation: artifact(f.File), Region: region}}},
			PartialFingerprints: map[string]string{"primaryLocationLineHash": fmt.Sprintf("%s:%d", key, occurrences[key])},
		}, "        "); err != nil {
			return err
		}
	}
	if len(r.Findings) > 0 {
		bw.WriteString("\n      ")
	}
	bw.WriteString("],\n      \"columnKind\": \"unicodeCodePoints\"\n    }\n  ]\n}\n")
	return bw.Flush()
}

// fingerprintLine is the most of a source line that goes into a fingerprint as text; a longer line
// goes in as its SHA-256, so that a fingerprint costs the same whatever the length of its line.
const fingerprintLine = 4096

// fingerprintLines gives the trimmed text of source lines for fingerprints, each line read once.
type fingerprintLines struct {
	files map[string]*source.File
	file  string
	n     int
	text  string
}

func (c *fingerprintLines) get(path string, n int) string {
	if c.file == path && c.n == n {
		return c.text
	}
	text := ""
	if f := c.files[path]; f != nil {
		text = strings.TrimSpace(f.Line(n))
	}
	if len(text) > fingerprintLine {
		sum := sha256.Sum256([]byte(text))
		text = "sha256:" + hex.EncodeToString(sum[:])
	}
	c.file, c.n, c.text = path, n, text
	return text
}

// artifact locates a file: relative paths against the source root (%SRCROOT%), absolute ones as
// file:// URIs.
func artifact(path string) sarifArtifactLocation {
	if path == "" {
		path = "unknown"
	}
	path = strings.ReplaceAll(path, "\\", "/")
	if strings.HasPrefix(path, "/") {
		return sarifArtifactLocation{URI: "file://" + uri(path)}
	}
	return sarifArtifactLocation{URI: uri(path), URIBaseID: "%SRCROOT%"}
}

// uri escapes a slash-separated path for use as a URI reference.
func uri(path string) string {
	path = strings.TrimPrefix(path, "./")
	var b strings.Builder
	for _, r := range path {
		switch {
		case r == ' ':
			b.WriteString("%20")
		case r == '%':
			b.WriteString("%25")
		case r == '#':
			b.WriteString("%23")
		case r == '?':
			b.WriteString("%3F")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// pascal turns a kebab-case id into PascalCase.
func pascal(id string) string {
	var b strings.Builder
	for _, part := range strings.Split(id, "-") {
		if part != "" {
			b.WriteString(strings.ToUpper(part[:1]) + part[1:])
		}
	}
	return b.String()
}
