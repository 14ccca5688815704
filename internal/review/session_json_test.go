package review

import (
	"encoding/json"
	"testing"
)

// The hand-written encoding of get_review_session's answer is encoding/json's, byte for
// byte (a field added to Session or Card without its encoding fails here).
func TestSessionAppendJSONIsEncodingJSON(t *testing.T) {
	sessions := []Session{
		{},
		{Questions: []Card{}, Season: "s2026"},
		{Questions: []Card{{ID: "st-1:0", Type: "quiz", Question: "ما هو المرادف لـ: <b>&\"x\"؟", CorrectAnswer: "a\u2028b",
			Options: []string{"a\u2028b", "...", "\xff", "<i>"}, OriginType: "reveal", FromTeacher: true},
			{ID: "q", Type: "quiz", OriginType: "quiz"}}, IsDegraded: true, Season: "s\n2026"},
		{Questions: []Card{{ID: "m:1", Type: "quiz", Question: "ما هو المرادف لـ: <kg>&\"\u2029؟", CorrectAnswer: "kilogram",
			Options: []string{"kilogram"}, OriginType: "matching", MatchItem: "<kg>&\"\u2029\xff"},
			{ID: "m:2", Type: "quiz", OriginType: "matching", MatchItem: "1916", FromTeacher: true}}, Season: "s"},
	}
	for _, s := range sessions {
		want, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		if got := s.AppendJSON(nil); string(got) != string(want) {
			t.Errorf("AppendJSON:\n got %s\nwant %s", got, want)
		}
	}
}
