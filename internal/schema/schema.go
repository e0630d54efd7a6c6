// Package schema holds the JSON Schemas (draft 2020-12) of mfactl's two files, for editors:
// scenarios.yaml, and the subset of the Deploy CLI's tenant.yaml that mfactl reads. `mfactl schema`
// prints them; docs/schema/*.schema.json are the same bytes (a test keeps them so). They are written
// as Go data, from the lists the loaders use where those are exported, and a small checker (Check)
// for the subset of JSON Schema they use lets the tests run every example file through them.
package schema

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
)

// Schema is the subset of JSON Schema the two schemas use; fields are written in this order.
type Schema struct {
	Schema               string    `json:"$schema,omitempty"`
	ID                   string    `json:"$id,omitempty"`
	Ref                  string    `json:"$ref,omitempty"`
	Title                string    `json:"title,omitempty"`
	Description          string    `json:"description,omitempty"`
	Type                 any       `json:"type,omitempty"` // a name or a list of names
	Enum                 []any     `json:"enum,omitempty"`
	Pattern              string    `json:"pattern,omitempty"`
	Format               string    `json:"format,omitempty"`
	Minimum              *float64  `json:"minimum,omitempty"`
	Maximum              *float64  `json:"maximum,omitempty"`
	Default              any       `json:"default,omitempty"`
	Examples             []any     `json:"examples,omitempty"`
	Properties           Props     `json:"properties,omitempty"`
	AdditionalProperties any       `json:"additionalProperties,omitempty"` // bool or *Schema
	Required             []string  `json:"required,omitempty"`
	Items                *Schema   `json:"items,omitempty"`
	AnyOf                []*Schema `json:"anyOf,omitempty"`
	OneOf                []*Schema `json:"oneOf,omitempty"`
	Not                  *Schema   `json:"not,omitempty"`
	Defs                 Props     `json:"$defs,omitempty"`
}

// Prop is one named schema of Properties or Defs.
type Prop struct {
	Name   string
	Schema *Schema
}

// Props keep their order in the JSON (the order a reader expects: the file's own order).
type Props []Prop

// MarshalJSON writes the properties as an object, in order.
func (ps Props) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, p := range ps {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(p.Name)
		v, err := json.Marshal(p.Schema)
		if err != nil {
			return nil, err
		}
		b.Write(k)
		b.WriteByte(':')
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// Get returns the property name, or nil.
func (ps Props) Get(name string) *Schema {
	for _, p := range ps {
		if p.Name == name {
			return p.Schema
		}
	}
	return nil
}

// Names lists the properties' names, sorted.
func (ps Props) Names() []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.Name
	}
	sort.Strings(out)
	return out
}

// Names are the schemas mfactl schema prints.
var Names = []string{"scenarios", "tenant"}

// Get returns the schema called name (scenarios or tenant).
func Get(name string) (*Schema, bool) {
	switch name {
	case "scenarios":
		return Scenarios(), true
	case "tenant":
		return Tenant(), true
	}
	return nil, false
}

// JSON is a schema as printed and committed: indented by two spaces, with a final newline.
func JSON(s *Schema) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(s); err != nil {
		panic(fmt.Sprintf("schema: %v", err)) // the schemas are fixed Go data
	}
	return b.Bytes()
}

// BaseURL is where the committed schemas are served, for $id and yaml-language-server lines.
const BaseURL = "https://raw.githubusercontent.com/mfactl/mfactl/main/docs/schema/"

// URL is the address of the schema called name.
func URL(name string) string { return BaseURL + name + ".schema.json" }

const draft = "https://json-schema.org/draft/2020-12/schema"

// Helpers that keep the schemas below readable.

func str(desc string) *Schema { return &Schema{Type: "string", Description: desc} }
func boolean(desc string) *Schema {
	return &Schema{Type: "boolean", Description: desc}
}
func num(desc string) *Schema { return &Schema{Type: "number", Description: desc} }
func list(items *Schema, desc string) *Schema {
	return &Schema{Type: "array", Items: items, Description: desc}
}
func enum(desc string, values ...string) *Schema {
	s := &Schema{Type: "string", Description: desc}
	for _, v := range values {
		s.Enum = append(s.Enum, v)
	}
	return s
}

// object is a mapping with the given properties and no others.
func object(desc string, props ...Prop) *Schema {
	return &Schema{Type: "object", Description: desc, Properties: props, AdditionalProperties: false}
}

// openObject is a mapping with the given properties and any others.
func openObject(desc string, props ...Prop) *Schema {
	return &Schema{Type: "object", Description: desc, Properties: props}
}

func p(name string, s *Schema) Prop { return Prop{name, s} }

func ref(def string) *Schema { return &Schema{Ref: "#/$defs/" + def} }

func float(f float64) *float64 { return &f }

// nullable lets a value be null too.
func nullable(s *Schema) *Schema {
	switch t := s.Type.(type) {
	case string:
		s.Type = []string{t, "null"}
	case []string:
		s.Type = append(t, "null")
	}
	return s
}
