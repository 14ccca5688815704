package trials

import (
	"bytes"
	"encoding/json"
	"net/url"
	"os"
	"sort"
	"strings"
	"testing"
)

// The API document walked by the NUL / invalid UTF-8 trial and the fuzzer.

type schema = map[string]any

// operation is one method of one path of internal/api/openapi.json.
type operation struct {
	Path, Method string
	Query        []string // query parameters (GET)
	queryTypes   map[string]schema
	JSON, Form   schema // request body schemas, nil when none
	doc          schema // the whole document, for $ref
}

func loadOperations(t *testing.T) []operation {
	t.Helper()
	raw, err := os.ReadFile("../api/openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	var doc schema
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	var ops []operation
	paths := doc["paths"].(schema)
	keys := make([]string, 0, len(paths))
	for p := range paths {
		keys = append(keys, p)
	}
	sort.Strings(keys)
	for _, p := range keys {
		if !strings.HasPrefix(p, "/api/method/") || p == "/api/method/logout" {
			continue // logout would end the trial's own sessions
		}
		for _, m := range []string{"get", "post"} {
			o, ok := paths[p].(schema)[m].(schema)
			if !ok {
				continue
			}
			op := operation{Path: p, Method: strings.ToUpper(m), queryTypes: map[string]schema{}, doc: doc}
			for _, par := range asList(o["parameters"]) {
				par := par.(schema)
				if par["in"] == "query" {
					op.Query = append(op.Query, par["name"].(string))
					s, _ := par["schema"].(schema)
					op.queryTypes[par["name"].(string)] = s
				}
			}
			if rb, ok := o["requestBody"].(schema); ok {
				content := rb["content"].(schema)
				if c, ok := content["application/json"].(schema); ok {
					op.JSON = op.resolve(c["schema"].(schema))
				}
				if c, ok := content["application/x-www-form-urlencoded"].(schema); ok {
					op.Form = op.resolve(c["schema"].(schema))
				}
			}
			ops = append(ops, op)
		}
	}
	return ops
}

func asList(v any) []any { l, _ := v.([]any); return l }

func (o operation) resolve(s schema) schema {
	for s != nil {
		ref, ok := s["$ref"].(string)
		if !ok {
			return s
		}
		name := strings.TrimPrefix(ref, "#/components/schemas/")
		s, _ = o.doc["components"].(schema)["schemas"].(schema)[name].(schema)
	}
	return s
}

// demoValues are plausible values of the demo for parameters by name, so a call gets past
// "not found" to the code that stores or looks up its values.
var demoValues = map[string]any{
	"lesson": "math-linear-2", "lesson_id": "math-linear-2", "subject": "math", "topic_id": "math-linear",
	"institution": "demo-academy", "season": "SEASON-2026", "season_name": "SEASON-2026",
	"question_id": "math-linear-2-s4", "usr": "layla@demo.memora.test", "email": "layla@demo.memora.test",
	"grade": "tawjihi", "stream": "scientific", "period": "weekly", "status": "pending",
}

// example is a value that fits s; name is the property's name.
func (o operation) example(s schema, name string) any {
	s = o.resolve(s)
	if s == nil {
		return "x"
	}
	for _, k := range []string{"oneOf", "anyOf"} {
		if alts := asList(s[k]); len(alts) > 0 {
			return o.example(alts[0].(schema), name)
		}
	}
	if e := asList(s["enum"]); len(e) > 0 {
		return e[0]
	}
	switch s["type"] {
	case "string":
		if v, ok := demoValues[name].(string); ok {
			return v
		}
		switch s["format"] {
		case "date-time":
			return "2026-12-06T10:00:00Z"
		case "date":
			return "2026-12-06"
		}
		return "x"
	case "integer", "number":
		if m, ok := s["minimum"].(float64); ok && m > 1 {
			return m
		}
		return 1
	case "boolean":
		return false
	case "array":
		items, _ := s["items"].(schema)
		return []any{o.example(items, name)}
	case "object", nil:
		props, _ := s["properties"].(schema)
		out := map[string]any{}
		for k, p := range props {
			out[k] = o.example(p.(schema), k)
		}
		return out
	}
	return "x"
}

// leafPath addresses one string inside a JSON value: keys and array indexes.
type leafPath []any

// stringLeaves lists the paths of every string in v.
func stringLeaves(v any, at leafPath, out *[]leafPath) {
	switch x := v.(type) {
	case string:
		*out = append(*out, append(leafPath(nil), at...))
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			stringLeaves(x[k], append(at, k), out)
		}
	case []any:
		for i, e := range x {
			stringLeaves(e, append(at, i), out)
		}
	}
}

// withLeaf is a deep copy of v with the string at p replaced by fn(old).
func withLeaf(v any, p leafPath, fn func(string) string) any {
	if len(p) == 0 {
		return fn(v.(string))
	}
	switch x := v.(type) {
	case map[string]any:
		c := make(map[string]any, len(x))
		for k, e := range x {
			c[k] = e
		}
		k := p[0].(string)
		c[k] = withLeaf(x[k], p[1:], fn)
		return c
	case []any:
		c := append([]any(nil), x...)
		i := p[0].(int)
		c[i] = withLeaf(x[i], p[1:], fn)
		return c
	}
	return v
}

func (p leafPath) String() string {
	var b strings.Builder
	for i, e := range p {
		switch k := e.(type) {
		case string:
			if i > 0 {
				b.WriteByte('.')
			}
			b.WriteString(k)
		case int:
			b.WriteString("[]")
		}
	}
	return b.String()
}

// badUTF8Marker stands for invalid UTF-8 in a value until the body is encoded: json.Marshal
// would replace the raw bytes with U+FFFD.
const badUTF8Marker = "\u2063BADUTF8\u2063"

// encodeJSON marshals v and puts the raw invalid bytes where the marker is.
func encodeJSON(v any) []byte {
	raw, _ := json.Marshal(v)
	return bytes.ReplaceAll(raw, []byte(badUTF8Marker), []byte("\xff\xfe"))
}

// formEncode is url.Values.Encode with the marker as %FF%FE.
func formEncode(v url.Values) string {
	return strings.ReplaceAll(v.Encode(), url.QueryEscape(badUTF8Marker), "%FF%FE")
}

// formValue is how a form carries a value: strings as they are, anything else as JSON (the
// API reads JSON inside form fields, as the original did).
func formValue(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	raw, _ := json.Marshal(v)
	return string(raw)
}
