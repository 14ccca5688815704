package httpx

import (
	"bytes"
	"encoding/json"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// msgBadText refuses a parameter with a NUL character or bytes that are not UTF-8: no
// engine stores them alike (PostgreSQL refuses both), and no client sends them in earnest.
const msgBadText = "Invalid value for {name}: text must be UTF-8 without NUL characters"

// checkText refuses (400) any parameter whose name or value — a query or form value, or
// any string at any depth of a JSON value, including JSON held in a JSON string — holds a
// NUL character or invalid UTF-8, before any handler sees it.
func (p Params) checkText() error {
	for name, v := range p.values {
		if !cleanText(name) {
			return Validationf(msgBadText, "name", strconv.QuoteToASCII(name))
		}
		ok := cleanText(v.text)
		if v.raw != nil {
			ok = cleanJSON(v.raw, 0)
		}
		if !ok {
			return Validationf(msgBadText, "name", name)
		}
	}
	return nil
}

func cleanText(s string) bool {
	return utf8.ValidString(s) && !strings.ContainsRune(s, 0)
}

// maxJSONDepth bounds how deep JSON held in JSON strings is followed.
const maxJSONDepth = 4

// cleanJSON reports whether every string of the JSON value raw (keys included, and JSON
// held in strings) is clean text. The bytes are checked first: the decoder would quietly
// replace invalid UTF-8.
func cleanJSON(raw []byte, depth int) bool {
	if !utf8.Valid(raw) || bytes.IndexByte(raw, 0) >= 0 {
		return false
	}
	if bytes.IndexByte(raw, '\\') < 0 {
		// No escape: every string is its raw bytes, just checked, and a string cannot
		// hold JSON with strings (no quote inside). Most bodies take this way.
		return true
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return true
		}
		if err != nil {
			return true // not JSON: its decoder reports it where it is used
		}
		s, ok := tok.(string)
		if !ok {
			continue
		}
		if strings.ContainsRune(s, 0) {
			return false
		}
		if t := strings.TrimSpace(s); depth < maxJSONDepth && t != "" && (t[0] == '{' || t[0] == '[' || t[0] == '"') &&
			json.Valid([]byte(t)) && !cleanJSON([]byte(t), depth+1) {
			return false
		}
	}
}
