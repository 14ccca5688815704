package httpx

import (
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"strconv"

	"memora/internal/i18n"
)

// fallbackBody is sent when a response cannot be encoded, so the client
// still gets the Frappe shape.
const fallbackBody = `{"exc_type":"ServerError","exc":"Internal server error",` +
	`"_server_messages":"[\"Internal server error\"]"}` + "\n"

type envelope struct {
	Message any `json:"message"`
}

type errorBody struct {
	ExcType        string `json:"exc_type"`
	Exc            string `json:"exc"`
	ServerMessages string `json:"_server_messages"`
}

// JSONAppender is an answer that encodes itself, byte for byte as encoding/json would
// encode it, without reflection (the hot paths' answers; see internal/jsonenc).
type JSONAppender interface {
	AppendJSON(dst []byte) []byte
}

// WriteMessage writes {"message": v} with status. It returns an error only
// when v cannot be encoded (a 500 has then been written instead); write
// errors mean the client left and are not reported.
func WriteMessage(w http.ResponseWriter, status int, v any) error {
	if a, ok := v.(JSONAppender); ok {
		b := append(make([]byte, 0, 4096), `{"message":`...)
		writeRaw(w, status, append(a.AppendJSON(b), "}\n"...))
		return nil
	}
	return writeJSON(w, status, envelope{Message: v})
}

func writeJSON(w http.ResponseWriter, status int, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		writeRaw(w, http.StatusInternalServerError, []byte(fallbackBody))
		return fmt.Errorf("httpx: encode response: %w", err)
	}
	writeRaw(w, status, append(b, '\n'))
	return nil
}

func writeRaw(w http.ResponseWriter, status int, body []byte) {
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Del("Content-Length")
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

func writeErrorBody(w http.ResponseWriter, r *http.Request, e *Error, msgs *i18n.Catalog) {
	msg := Localize(msgs, i18n.FromRequest(r, i18n.English), e)
	if e.RetryAfter > 0 {
		w.Header().Set("Retry-After", strconv.Itoa(retrySeconds(e)))
	}
	// A []string always encodes.
	list, _ := json.Marshal([]string{msg})
	_ = writeJSON(w, e.Status, errorBody{ExcType: e.Type, Exc: msg, ServerMessages: string(list)})
}

// Localize is e's message in lang: the catalogue's translation of its key
// with the details filled in, or the English message when the catalogue has
// none (a test makes sure every message the API can send has one).
func Localize(msgs *i18n.Catalog, lang i18n.Lang, e *Error) string {
	key := e.Key
	if key == "" {
		key = e.Message
	}
	return msgs.Localize(lang, key, e.Message, e.Args...)
}

// retrySeconds rounds up: a client told "0" would retry at once.
func retrySeconds(e *Error) int {
	return int(math.Ceil(e.RetryAfter.Seconds()))
}
