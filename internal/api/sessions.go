package api

import (
	"bytes"
	"encoding/json"
	"net/http"

	"memora/internal/httpx"
	"memora/internal/identity"
	"memora/internal/play"
)

func (a *API) registerSessions(rt *httpx.Router) {
	a.read(rt, "sessions", "get_lesson_details", "A lesson's stages, for a lesson the caller may open",
		func(r *http.Request, p httpx.Params, who identity.Principal) (any, error) {
			return a.Play.LessonDetails(r.Context(), who, p.String("lesson_id"))
		})
	a.mutation(rt, "sessions", "submit_session", "Submit a played lesson: graded, XP and memory recorded once per session",
		func(r *http.Request, p httpx.Params, who identity.Principal) (any, error) {
			sub, err := submission(p)
			if err != nil {
				return nil, err
			}
			return a.Play.Submit(r.Context(), who, sub)
		})
}

// sessionMeta is the original client's session_meta, plus the client's session_id.
type sessionMeta struct {
	LessonID       string          `json:"lesson_id"`
	SessionID      string          `json:"session_id"`
	StartTimestamp json.RawMessage `json:"start_timestamp"` // as sent (an ISO string from the original's client)
}

// storedRequest is what a session keeps as raw_data: the request as received.
type storedRequest struct {
	SessionID    string          `json:"session_id"`
	Meta         json.RawMessage `json:"session_meta,omitempty"`
	Results      json.RawMessage `json:"gamification_results,omitempty"`
	Interactions json.RawMessage `json:"interactions,omitempty"`
}

// submission reads submit_session's parameters: session_meta, gamification_results (kept,
// never trusted) and interactions, each a JSON value or a string holding JSON, and
// session_id (top-level, or inside session_meta; without one the session is keyed by its
// lesson and session_meta.start_timestamp, see play.Submission.ClientID).
func submission(p httpx.Params) (play.Submission, error) {
	var (
		meta         sessionMeta
		interactions []play.Interaction
		stored       storedRequest
	)
	for _, param := range []struct {
		name string
		dst  any
	}{{"session_meta", &meta}, {"gamification_results", &stored.Results}, {"interactions", &interactions}} {
		if err := p.JSON(param.name, param.dst); err != nil {
			return play.Submission{}, err
		}
	}
	// Both decoded above, so these cannot fail.
	_ = p.JSON("session_meta", &stored.Meta)
	_ = p.JSON("interactions", &stored.Interactions)
	stored.SessionID = p.String("session_id")
	if stored.SessionID == "" {
		stored.SessionID = meta.SessionID
	}
	raw, err := json.Marshal(stored)
	if err != nil {
		return play.Submission{}, err
	}
	return play.Submission{SessionID: stored.SessionID, LessonID: meta.LessonID, Interactions: interactions, Raw: raw,
		StartTimestamp: startTimestamp(meta.StartTimestamp)}, nil
}

// startTimestamp is session_meta.start_timestamp as text: a JSON string's value, any other
// JSON value as written; "" when missing or null.
func startTimestamp(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	if t := string(bytes.TrimSpace(raw)); t != "null" {
		return t
	}
	return ""
}
