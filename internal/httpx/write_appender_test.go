package httpx

import (
	"encoding/json"
	"net/http/httptest"
	"testing"
)

type appended struct {
	A string `json:"a"`
}

func (v appended) AppendJSON(b []byte) []byte {
	raw, _ := json.Marshal(v.A)
	return append(append(append(b, `{"a":`...), raw...), '}')
}

// An answer that encodes itself is written exactly as the reflective encoding writes it.
func TestWriteMessageOfAJSONAppenderIsTheSameAnswer(t *testing.T) {
	v := appended{A: "<x> & ما"}
	got, want := httptest.NewRecorder(), httptest.NewRecorder()
	if err := WriteMessage(got, 200, v); err != nil {
		t.Fatal(err)
	}
	if err := writeJSON(want, 200, envelope{Message: struct {
		A string `json:"a"`
	}{v.A}}); err != nil {
		t.Fatal(err)
	}
	if got.Body.String() != want.Body.String() || got.Code != want.Code {
		t.Fatalf("got %d %q, want %d %q", got.Code, got.Body, want.Code, want.Body)
	}
	if got.Header().Get("Content-Type") != want.Header().Get("Content-Type") ||
		got.Header().Get("X-Content-Type-Options") != want.Header().Get("X-Content-Type-Options") {
		t.Fatalf("headers %v, want %v", got.Header(), want.Header())
	}
}
