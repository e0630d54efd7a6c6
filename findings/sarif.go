package findings

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"strings"
)

// SARIF 2.1.0, with the fields GitHub code scanning requires.
type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool        sarifTool         `json:"tool"`
	Invocations []sarifInvocation `json:"invocations"`
	Artifacts   []sarifArtifact   `json:"artifacts,omitempty"`
	Results     []sarifResult     `json:"results"`
	ColumnKind  string            `json:"columnKind"`
}

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
// result per finding.
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
	run := sarifRun{Tool: sarifTool{Driver: driver}, Invocations: []sarifInvocation{{ExecutionSuccessful: true}},
		Results: []sarifResult{}, ColumnKind: "unicodeCodePoints"}
	for _, f := range r.Files {
		run.Artifacts = append(run.Artifacts, sarifArtifact{Location: artifact(f.Path)})
	}
	occurrences := map[string]int{}
	for _, f := range r.Findings {
		if _, ok := index[f.Rule]; !ok {
			addRule(RuleInfo{ID: f.Rule, Severity: f.Severity, Short: f.Rule, Help: f.Rule})
			run.Tool.Driver.Rules = driver.Rules
		}
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
		lineText := ""
		if file := r.File(f.File); file != nil {
			lineText = strings.TrimSpace(file.Line(f.Line))
		}
		sum := sha256.Sum256([]byte(f.Rule + "\x00" + f.File + "\x00" + f.Message + "\x00" + lineText))
		key := hex.EncodeToString(sum[:8])
		occurrences[key]++
		message := f.Message
		if message == "" {
			message = f.Rule
		}
		run.Results = append(run.Results, sarifResult{
			RuleID: f.Rule, RuleIndex: index[f.Rule], Level: sarifLevel(f.Severity), Message: sarifText{Text: message},
			Locations: []sarifLocation{{PhysicalLocation: sarifPhysicalLocation{
				ArtifactLocation: artifact(f.File), Region: region}}},
			PartialFingerprints: map[string]string{"primaryLocationLineHash": fmt.Sprintf("%s:%d", key, occurrences[key])},
		})
	}
	run.Tool.Driver = driver
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(sarifLog{Schema: "https://json.schemastore.org/sarif-2.1.0.json", Version: "2.1.0", Runs: []sarifRun{run}})
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
