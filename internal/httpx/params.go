package httpx

import (
	"bytes"
	"encoding/json"
	"math"
	"strconv"
	"strings"
)

// Params are a request's Frappe-style arguments: the query string merged
// with the top-level fields of a JSON or form body (the body wins).
type Params struct {
	values map[string]param
}

// param keeps a value as it arrived: text from a query or form, or a raw
// JSON value from a JSON body.
type param struct {
	text string
	raw  json.RawMessage
}

// Has reports whether name was sent at all.
func (p Params) Has(name string) bool {
	_, ok := p.values[name]
	return ok
}

// String returns name as text: a JSON string unquoted, null as "", any
// other JSON value as its JSON text.
func (p Params) String(name string) string {
	v, ok := p.values[name]
	if !ok {
		return ""
	}
	return v.String()
}

func (v param) String() string {
	if v.raw == nil {
		return v.text
	}
	var s string
	if json.Unmarshal(v.raw, &s) == nil {
		return s
	}
	if string(v.raw) == "null" {
		return ""
	}
	return string(v.raw)
}

// Int returns name as an int, def when absent or empty. "5", 5 and 5.0 are
// accepted, as Frappe's cint would; anything else is a ValidationError.
func (p Params) Int(name string, def int) (int, error) {
	s := strings.TrimSpace(p.String(name))
	if s == "" {
		return def, nil
	}
	if n, err := strconv.Atoi(s); err == nil {
		return n, nil
	}
	if n, ok := integralFloat(s); ok {
		return n, nil
	}
	return 0, Validationf("Invalid value for {name}: expected an integer", "name", name)
}

// integralFloat accepts "5.0" and "1e3" but not fractions, NaN or values
// beyond int64.
func integralFloat(s string) (int, bool) {
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f != math.Trunc(f) || f < math.MinInt64 || f >= math.MaxInt64 {
		return 0, false
	}
	return int(f), true
}

// Bool returns name as a bool: 1/true/yes/on or 0/false/no/off (any case);
// absent or empty is false; anything else is a ValidationError.
func (p Params) Bool(name string) (bool, error) {
	switch strings.ToLower(strings.TrimSpace(p.String(name))) {
	case "1", "true", "yes", "on":
		return true, nil
	case "", "0", "false", "no", "off":
		return false, nil
	}
	return false, Validationf("Invalid value for {name}: expected true or false", "name", name)
}

// JSON decodes name into dst, leaving dst untouched when name is absent or
// empty. Frappe clients send structured arguments either as JSON values or
// as strings holding JSON (session_meta="{\"lesson_id\":…}"); both work.
func (p Params) JSON(name string, dst any) error {
	v, ok := p.values[name]
	if !ok {
		return nil
	}
	data := v.jsonBytes()
	if len(bytes.TrimSpace(data)) == 0 {
		return nil
	}
	if err := json.Unmarshal(data, dst); err != nil {
		return jsonError("Invalid JSON in {name}: ", err, "name", name)
	}
	return nil
}

// jsonBytes unwraps a JSON string holding JSON; a JSON string that does not
// hold JSON stays as is, so JSON into a *string still works.
func (v param) jsonBytes() []byte {
	if v.raw == nil {
		return []byte(v.text)
	}
	if t := bytes.TrimSpace(v.raw); len(t) == 0 || t[0] != '"' {
		return v.raw // not a string: nothing to unwrap (and no second scan of a large body)
	}
	var s string
	if json.Unmarshal(v.raw, &s) == nil && json.Valid([]byte(s)) {
		return []byte(s)
	}
	return v.raw
}
