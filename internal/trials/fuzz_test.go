package trials

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"math/rand/v2"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
)

// fuzzSeed makes the random requests the same on every run.
const fuzzSeed = 20261206

// fuzz sends seeded random requests: an operation of the API document (or a made-up path),
// a random method, caller and content type, and a body built from the operation's schema
// with random values of random types, or broken JSON, or random bytes. No 5xx.
func (a *abuse) fuzz(t *testing.T) {
	ops := loadOperations(t)
	n := sized(600, 5000)
	rng := rand.New(rand.NewPCG(fuzzSeed, fuzzSeed))
	callers := []*client{newClientFrom(a.srv.Base, "127.0.0.3"), login(t, a.srv.Base, student), login(t, a.srv.Base, sysMgr)}
	emails := []string{"", student, sysMgr}
	var st counts
	var failures []string
	unavailable := map[string]int{}
	for i := range n {
		op := ops[rng.IntN(len(ops))]
		who := rng.IntN(len(callers))
		method := op.Method // mostly the operation's own method, sometimes any other
		if rng.IntN(5) == 0 {
			method = []string{"GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD"}[rng.IntN(7)]
		}
		path := op.Path
		if rng.IntN(20) == 0 {
			path = "/api/method/" + randomString(rng)
		}
		var body []byte
		ctype := ""
		query := url.Values{}
		for _, name := range op.Query {
			if rng.IntN(2) == 0 {
				query.Set(name, randomString(rng))
			}
		}
		switch rng.IntN(6) {
		case 0, 1, 2: // the schema's shape with random values
			ctype = "application/json"
			base := op.JSON
			if base == nil {
				base = schema{"type": "object", "properties": schema{"x": schema{"type": "string"}}}
			}
			body, _ = json.Marshal(mutate(rng, op.example(base, "")))
		case 3: // a form with random fields
			ctype = "application/x-www-form-urlencoded"
			form := url.Values{}
			if op.Form != nil {
				for _, name := range slices.Sorted(maps.Keys(op.Form["properties"].(schema))) {
					raw, _ := json.Marshal(randomValue(rng, 2))
					form.Set(name, []string{randomString(rng), string(raw)}[rng.IntN(2)])
				}
			}
			body = []byte(form.Encode())
		case 4: // broken JSON
			ctype = []string{"application/json", "text/plain", "application/json; charset=latin1", ""}[rng.IntN(4)]
			good, _ := json.Marshal(op.example(orEmpty(op.JSON), ""))
			if len(good) > 1 {
				body = good[:rng.IntN(len(good))]
			}
			body = append(body, []byte(`{"a":[[[[`)[:rng.IntN(9)]...)
		default: // random bytes
			ctype = []string{"application/json", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/octet-stream"}[rng.IntN(4)]
			body = make([]byte, rng.IntN(300))
			for j := range body {
				body[j] = byte(rng.IntN(256))
			}
		}
		u := a.srv.Base + path
		if len(query) > 0 {
			u += "?" + query.Encode()
		}
		req, err := http.NewRequest(method, u, bytes.NewReader(body))
		if err != nil {
			continue
		}
		if ctype != "" {
			req.Header.Set("Content-Type", ctype)
		}
		c := callers[who]
		r := c.do(req)
		st.add(r.status)
		switch {
		case r.status == 503: // an answer, not a failure: say which, so the figures can
			unavailable[fmt.Sprintf("%s %s", path, r.body)]++
		case r.status >= 500 || r.status == 0:
			failures = append(failures, fmt.Sprintf("#%d %s %s as %q (%s): %d %s\nbody: %q", i, method, u, emails[who], ctype, r.status, r.body, body))
		}
		if r.status == 401 && who > 0 {
			callers[who] = login(t, a.srv.Base, emails[who]) // a call changed the caller's account
		}
	}
	t.Logf("%s: fuzz (seed %d): %d random requests: %s; 5xx other than 503, or no answer: %d", a.su.name(), fuzzSeed, st.total(), st.String(), len(failures))
	for k, v := range unavailable {
		t.Logf("%s: fuzz: 503 ×%d: %s", a.su.name(), v, k)
	}
	for _, f := range failures {
		t.Error(f)
	}
}

func orEmpty(s schema) schema {
	if s == nil {
		return schema{"type": "object"}
	}
	return s
}

// mutate replaces some values of v (an example body) with random ones of any type.
func mutate(rng *rand.Rand, v any) any {
	if rng.IntN(4) == 0 {
		return randomValue(rng, 3)
	}
	switch x := v.(type) {
	case map[string]any:
		out := map[string]any{}
		for _, k := range slices.Sorted(maps.Keys(x)) { // in order: the same requests every run
			if rng.IntN(8) != 0 { // sometimes a field goes missing
				out[k] = mutate(rng, x[k])
			}
		}
		if rng.IntN(6) == 0 {
			out[randomString(rng)] = randomValue(rng, 2)
		}
		return out
	case []any:
		out := make([]any, 0, len(x))
		for _, e := range x {
			out = append(out, mutate(rng, e))
		}
		for range rng.IntN(3) {
			out = append(out, randomValue(rng, 2))
		}
		return out
	}
	return v
}

var oddStrings = []string{"", " ", "\x00", "null", "-1", "1e309", "NaN", "0x10", "' OR 1=1 --", "<script>", "../../etc/passwd",
	"\u202e", "😀", "ا", strings.Repeat("a", 5000), "SEASON-2026", "math", "math-linear-2", "math-linear-2-s4", "demo-academy",
	"2026-13-45", "2026-12-06T10:00:00Z", "{}", "[]", `{"option":99}`, "%00", "\ufffd\ufeff"}

func randomString(rng *rand.Rand) string {
	if rng.IntN(3) > 0 {
		return oddStrings[rng.IntN(len(oddStrings))]
	}
	b := make([]rune, rng.IntN(40))
	for i := range b {
		b[i] = rune(rng.IntN(0x2FFF))
	}
	return string(b)
}

func randomValue(rng *rand.Rand, depth int) any {
	k := rng.IntN(9)
	if depth <= 0 {
		k %= 6
	}
	switch k {
	case 0:
		return nil
	case 1:
		return rng.IntN(2) == 0
	case 2:
		return []any{0, -1, 1, 99, -2147483649, 9007199254740993, 1e300, -1e-300, 0.5}[rng.IntN(9)]
	case 3, 4, 5:
		return randomString(rng)
	case 6, 7:
		out := []any{}
		for range rng.IntN(4) {
			out = append(out, randomValue(rng, depth-1))
		}
		return out
	default:
		out := map[string]any{}
		for range rng.IntN(4) {
			out[randomString(rng)] = randomValue(rng, depth-1)
		}
		return out
	}
}
