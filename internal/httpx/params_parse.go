package httpx

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strings"
)

// ParseParams reads r's query string and, for requests with a body, its
// JSON object or form fields. Malformed input, and text with a NUL character
// or invalid UTF-8 in any parameter (checkText), is a ValidationError; a body
// over BodyLimit's cap yields an error WriteError answers with 413. The
// body is consumed.
func ParseParams(r *http.Request) (Params, error) {
	p := Params{values: map[string]param{}}
	query, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		return Params{}, Validation("Malformed query string").Wrap(err)
	}
	p.addValues(query)
	if hasBody(r) {
		if err := p.addBody(r); err != nil {
			return Params{}, err
		}
	}
	if err := p.checkText(); err != nil {
		return Params{}, err
	}
	return p, nil
}

func hasBody(r *http.Request) bool {
	if r.Body == nil || r.Body == http.NoBody {
		return false
	}
	switch r.Method {
	case http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete:
		return true
	}
	return false
}

// addValues keeps the first of repeated keys, as Frappe's form_dict does.
func (p Params) addValues(v url.Values) {
	for name, list := range v {
		if len(list) > 0 {
			p.values[name] = param{text: list[0]}
		}
	}
}

func (p Params) addBody(r *http.Request) error {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return fmt.Errorf("httpx: read body: %w", err)
		}
		return Validation("Could not read the request body").Wrap(err)
	}
	if len(bytes.TrimSpace(body)) == 0 {
		return nil
	}
	switch bodyKind(r.Header.Get("Content-Type"), body) {
	case kindJSON:
		return p.addJSON(body)
	case kindForm:
		return p.addForm(body)
	}
	return Validation("Unsupported Content-Type: send application/json or application/x-www-form-urlencoded")
}

type kind int

const (
	kindUnsupported kind = iota
	kindJSON
	kindForm
)

// bodyKind trusts the declared media type and sniffs only when there is
// none (or text/plain, which navigator.sendBeacon uses for JSON).
func bodyKind(contentType string, body []byte) kind {
	mt, _, err := mime.ParseMediaType(contentType)
	switch {
	case contentType == "" || mt == "text/plain":
		if bytes.TrimSpace(body)[0] == '{' {
			return kindJSON
		}
		return kindForm
	case err != nil:
		return kindUnsupported
	case mt == "application/json" || strings.HasSuffix(mt, "+json"):
		return kindJSON
	case mt == "application/x-www-form-urlencoded":
		return kindForm
	}
	return kindUnsupported
}

func (p Params) addForm(body []byte) error {
	form, err := url.ParseQuery(string(body))
	if err != nil {
		return Validation("Malformed form body").Wrap(err)
	}
	p.addValues(form)
	return nil
}

func (p Params) addJSON(body []byte) error {
	if bytes.TrimSpace(body)[0] != '{' {
		return Validation("Malformed JSON body: expected a JSON object")
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	var fields map[string]json.RawMessage
	if err := dec.Decode(&fields); err != nil {
		return jsonError("Malformed JSON body: ", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return Validation("Malformed JSON body: unexpected data after the object")
	}
	for name, raw := range fields {
		p.values[name] = param{raw: raw}
	}
	return nil
}

// jsonError phrases a decoder error for clients without Go type names:
// prefix ("Malformed JSON body: " or "Invalid JSON in {name}: ") and what
// went wrong, each a catalogue template.
func jsonError(prefix string, err error, args ...any) *Error {
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	detail := "invalid JSON"
	switch {
	case errors.As(err, &syntax):
		detail, args = "syntax error at byte {offset}", append(args, "offset", syntax.Offset)
	case errors.As(err, &typ) && typ.Field != "":
		detail, args = "field {field} must not be a JSON {type}", append(args, "field", typ.Field, "type", typ.Value)
	case errors.As(err, &typ):
		detail, args = "unexpected JSON {type}", append(args, "type", typ.Value)
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		detail = "unexpected end of input"
	}
	return Validationf(prefix+detail, args...).Wrap(err)
}
