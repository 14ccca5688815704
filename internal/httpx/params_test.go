package httpx_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"memora/internal/httpx"
)

func post(target, contentType, body string) *http.Request {
	r := httptest.NewRequest("POST", target, strings.NewReader(body))
	if contentType != "" {
		r.Header.Set("Content-Type", contentType)
	}
	return r
}

func parse(t *testing.T, r *http.Request) httpx.Params {
	t.Helper()
	p, err := httpx.ParseParams(r)
	if err != nil {
		t.Fatalf("ParseParams: %v", err)
	}
	return p
}

func TestParamsMergeQueryAndJSONBody(t *testing.T) {
	t.Parallel()
	p := parse(t, post("/x?subject=math&limit=5", "application/json",
		`{"limit": 20, "topic": "fractions", "flag": true, "none": null}`))
	if p.String("subject") != "math" || p.String("topic") != "fractions" {
		t.Errorf("subject %q topic %q", p.String("subject"), p.String("topic"))
	}
	if n, err := p.Int("limit", 0); err != nil || n != 20 {
		t.Errorf("limit = %d, %v; the body must win", n, err)
	}
	if b, err := p.Bool("flag"); err != nil || !b {
		t.Errorf("flag = %v, %v", b, err)
	}
	if !p.Has("none") || p.String("none") != "" {
		t.Errorf("null: has %v string %q", p.Has("none"), p.String("none"))
	}
	if p.Has("absent") {
		t.Error("absent param reported")
	}
}

func TestParamsFormBody(t *testing.T) {
	t.Parallel()
	form := url.Values{"usr": {"a@b.c"}, "pwd": {"p&ss=word"}}.Encode()
	p := parse(t, post("/x?usr=ignored", "application/x-www-form-urlencoded", form))
	if p.String("usr") != "a@b.c" || p.String("pwd") != "p&ss=word" {
		t.Errorf("usr %q pwd %q", p.String("usr"), p.String("pwd"))
	}
	// Without a Content-Type, the body is sniffed.
	p = parse(t, post("/x", "", "a=1"))
	if p.String("a") != "1" {
		t.Errorf("sniffed form: a = %q", p.String("a"))
	}
	p = parse(t, post("/x", "", `{"a":1}`))
	if p.String("a") != "1" {
		t.Errorf("sniffed JSON: a = %q", p.String("a"))
	}
}

func TestParamsGETIgnoresBody(t *testing.T) {
	t.Parallel()
	r := httptest.NewRequest("GET", "/x?a=1", strings.NewReader(`{not json`))
	if p := parse(t, r); p.String("a") != "1" {
		t.Errorf("a = %q", p.String("a"))
	}
}

type sessionMeta struct {
	LessonID string `json:"lesson_id"`
	Subject  string `json:"subject"`
}

func TestParamsJSONEmbeddedOrString(t *testing.T) {
	t.Parallel()
	sources := map[string]*http.Request{
		"embedded object":     post("/x", "application/json", `{"session_meta": {"lesson_id": "L1", "subject": "S"}}`),
		"JSON string in JSON": post("/x", "application/json", `{"session_meta": "{\"lesson_id\": \"L1\", \"subject\": \"S\"}"}`),
		"form field":          post("/x", "application/x-www-form-urlencoded", url.Values{"session_meta": {`{"lesson_id":"L1","subject":"S"}`}}.Encode()),
		"query":               httptest.NewRequest("GET", "/x?session_meta="+url.QueryEscape(`{"lesson_id":"L1","subject":"S"}`), nil),
	}
	for name, r := range sources {
		var meta sessionMeta
		if err := parse(t, r).JSON("session_meta", &meta); err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if meta != (sessionMeta{LessonID: "L1", Subject: "S"}) {
			t.Errorf("%s: got %+v", name, meta)
		}
	}
}

func TestParamsJSONListAndPlainString(t *testing.T) {
	t.Parallel()
	p := parse(t, post("/x", "application/json", `{"interactions": "[{\"a\":1},{\"a\":2}]", "name": "plain"}`))
	var list []map[string]int
	if err := p.JSON("interactions", &list); err != nil || len(list) != 2 || list[1]["a"] != 2 {
		t.Errorf("list = %v, %v", list, err)
	}
	var s string
	if err := p.JSON("name", &s); err != nil || s != "plain" {
		t.Errorf("plain string = %q, %v", s, err)
	}
	meta := sessionMeta{LessonID: "keep"}
	if err := p.JSON("absent", &meta); err != nil || meta.LessonID != "keep" {
		t.Errorf("absent param touched dst: %+v, %v", meta, err)
	}
}

func TestParamsJSONInvalid(t *testing.T) {
	t.Parallel()
	p := parse(t, post("/x", "application/json", `{"session_meta": "{\"lesson_id\": ", "typed": {"lesson_id": 5}}`))
	var meta sessionMeta
	for _, name := range []string{"session_meta", "typed"} {
		err := p.JSON(name, &meta)
		rec := httptest.NewRecorder()
		httpx.WriteError(rec, httptest.NewRequest("POST", "/", nil), err)
		body := expectError(t, rec, http.StatusBadRequest, "ValidationError")
		if !strings.Contains(body.Exc, name) || strings.Contains(body.Exc, "sessionMeta") {
			t.Errorf("%s: message %q", name, body.Exc)
		}
	}
}

func TestParseParamsMalformed(t *testing.T) {
	t.Parallel()
	cases := map[string]*http.Request{
		"truncated JSON":    post("/x", "application/json", `{"a": `),
		"JSON array":        post("/x", "application/json", `[1,2]`),
		"trailing data":     post("/x", "application/json", `{"a":1} {"b":2}`),
		"bad syntax":        post("/x", "application/json", `{"a": tru}`),
		"unsupported type":  post("/x", "application/xml", `<a/>`),
		"bad form escape":   post("/x", "application/x-www-form-urlencoded", `a=%zz`),
		"bad query escape":  httptest.NewRequest("GET", "/x?a=%zz", nil),
		"bad content type":  post("/x", "application/json; charset", `{}`),
		"JSON string value": post("/x", "application/json", `"hello"`),
	}
	for name, r := range cases {
		_, err := httpx.ParseParams(r)
		if err == nil {
			t.Errorf("%s: accepted", name)
			continue
		}
		rec := httptest.NewRecorder()
		httpx.WriteError(rec, r, err)
		body := expectError(t, rec, http.StatusBadRequest, "ValidationError")
		if body.Exc == "" {
			t.Errorf("%s: empty message", name)
		}
	}
}

func TestParamsEmptyBody(t *testing.T) {
	t.Parallel()
	p := parse(t, post("/x?a=1", "application/json", "  \n"))
	if p.String("a") != "1" {
		t.Errorf("a = %q", p.String("a"))
	}
}

func TestParamsIntAndBool(t *testing.T) {
	t.Parallel()
	p := parse(t, post("/x", "application/json",
		`{"s":"7","n":8,"f":9.0,"e":"1e3","frac":1.5,"word":"ten","empty":"","huge":1e300,
		  "t":"TRUE","one":1,"off":"off","maybe":"maybe"}`))
	ints := map[string]int{"s": 7, "n": 8, "f": 9, "e": 1000, "empty": 42, "missing": 42}
	for name, want := range ints {
		if got, err := p.Int(name, 42); err != nil || got != want {
			t.Errorf("Int(%s) = %d, %v; want %d", name, got, err, want)
		}
	}
	for _, name := range []string{"frac", "word", "huge"} {
		if _, err := p.Int(name, 0); err == nil {
			t.Errorf("Int(%s) accepted", name)
		}
	}
	bools := map[string]bool{"t": true, "one": true, "off": false, "missing": false}
	for name, want := range bools {
		if got, err := p.Bool(name); err != nil || got != want {
			t.Errorf("Bool(%s) = %v, %v; want %v", name, got, err, want)
		}
	}
	if _, err := p.Bool("maybe"); err == nil {
		t.Error("Bool(maybe) accepted")
	}
}

func FuzzParseParams(f *testing.F) {
	f.Add("application/json", `{"session_meta":"{\"lesson_id\":\"L\"}","limit":"5"}`, "a=1")
	f.Add("application/x-www-form-urlencoded", "a=1&b=%20", "")
	f.Add("", `{"a":[1,{"b":null}]}`, "x=%zz")
	f.Add("text/plain", "[", "")
	// Issue 13.2: NUL characters and invalid UTF-8 anywhere.
	f.Add("application/json", `{"a":"x\u0000y","limit":"5"}`, "")
	f.Add("application/json", "{\"a\":\"\xff\xfe\"}", "")
	f.Add("application/json", `{"session_meta":"{\"lesson_id\":\"\\u0000\"}"}`, "")
	f.Add("application/x-www-form-urlencoded", "a=%00&b=%ff", "")
	f.Add("", "", "a=%C3%28&session_meta=%00")
	f.Fuzz(func(t *testing.T, contentType, body, query string) {
		r := httptest.NewRequest("POST", "/x", strings.NewReader(body))
		r.URL.RawQuery = query
		r.Header.Set("Content-Type", contentType)
		p, err := httpx.ParseParams(r)
		if err != nil {
			// Every decoding failure must be a client error, never a 500.
			rec := httptest.NewRecorder()
			httpx.WriteError(rec, r, err)
			if rec.Code != http.StatusBadRequest {
				t.Fatalf("error %v answered %d", err, rec.Code)
			}
			return
		}
		for _, name := range []string{"a", "b", "session_meta", "limit"} {
			// What the decoder accepts is clean text, whichever way a handler reads it.
			if s := p.String(name); !cleanStrings(s) {
				t.Fatalf("%s = %q accepted", name, s)
			}
			_, _ = p.Int(name, 0)
			_, _ = p.Bool(name)
			var v any
			if p.JSON(name, &v) == nil && !cleanStrings(v) {
				t.Fatalf("%s decoded to %#v", name, v)
			}
		}
	})
}
