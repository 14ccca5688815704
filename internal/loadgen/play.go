package loadgen

import (
	"encoding/json"
	"math/rand/v2"

	"memora/internal/catalog"
)

// lessonDetails is what get_lesson_details answers (§2.4).
type lessonDetails struct {
	Stages []lessonStage `json:"stages"`
}

type lessonStage struct {
	ID     string          `json:"id"`
	Type   string          `json:"type"`
	Config json.RawMessage `json:"config"`
}

// interaction is one answered stage as submit_session takes it: the original's fields plus
// the answer the server grades (internal/play.Interaction): {"option": index} for a quiz,
// {"revealed": [highlight index…]} for a reveal, {"pairs": {left id: right id}} for a matching.
type interaction struct {
	QuestionID     string `json:"question_id"`
	Type           string `json:"type"`
	Answer         any    `json:"answer,omitempty"`
	AttemptsCount  int    `json:"attempts_count"`
	DurationMs     int    `json:"duration_ms"`
	FinalIsCorrect bool   `json:"is_final_outcome_correct"`
}

// playStages plays a lesson as the client does: every scored stage is answered right with
// probability correctShare; a wrong one goes to the back of the queue and is answered again,
// right (the retry queue of §7.3), so the lesson ends completed.
func playStages(rng *rand.Rand, stages []lessonStage) []interaction {
	var out, retries []interaction
	for _, st := range stages {
		right, wrong, scored := answers(st.Type, st.Config, rng)
		it := interaction{QuestionID: st.ID, Type: st.Type, AttemptsCount: 1, DurationMs: 1500 + rng.IntN(9000)}
		if !scored {
			out = append(out, it)
			continue
		}
		it.Answer, it.FinalIsCorrect = right, true
		if rng.Float64() >= correctShare {
			retry := it
			it.Answer, it.FinalIsCorrect = wrong, false
			retries = append(retries, retry)
		}
		out = append(out, it)
	}
	return append(out, retries...)
}

// answers are a right and a wrong answer to a stage; scored is false for stages that are not
// graded (video, reading) or whose config cannot be read.
func answers(typ string, raw json.RawMessage, rng *rand.Rand) (right, wrong any, scored bool) {
	switch typ {
	case catalog.StageQuiz:
		var cfg catalog.QuizConfig
		if json.Unmarshal(raw, &cfg) != nil || len(cfg.Options) < 2 {
			return nil, nil, false
		}
		w := (cfg.CorrectIndex + 1 + rng.IntN(len(cfg.Options)-1)) % len(cfg.Options)
		return map[string]int{"option": cfg.CorrectIndex}, map[string]int{"option": w}, true
	case catalog.StageReveal:
		var cfg catalog.RevealConfig
		if json.Unmarshal(raw, &cfg) != nil || len(cfg.Highlights) == 0 {
			return nil, nil, false
		}
		all := make([]int, len(cfg.Highlights))
		for i := range all {
			all[i] = i
		}
		return map[string][]int{"revealed": all}, map[string][]int{"revealed": all[:len(all)-1]}, true
	case catalog.StageMatching:
		var cfg catalog.MatchingConfig
		if json.Unmarshal(raw, &cfg) != nil || len(cfg.Pairs) < 2 {
			return nil, nil, false
		}
		good, bad := map[string]string{}, map[string]string{}
		for i, p := range cfg.Pairs {
			good[p.ID] = p.ID
			bad[p.ID] = cfg.Pairs[(i+1)%len(cfg.Pairs)].ID // every pair crossed
		}
		return map[string]any{"pairs": good}, map[string]any{"pairs": bad}, true
	}
	return nil, nil, false
}
