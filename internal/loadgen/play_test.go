package loadgen

import (
	"encoding/json"
	"math/rand/v2"
	"testing"

	"memora/internal/catalog"
	"memora/internal/demo"
)

// TestAnswersGradeAsIntended grades the driver's right and wrong answers of every demo stage
// with the catalogue's graders.
func TestAnswersGradeAsIntended(t *testing.T) {
	f, err := demo.Load(testNow)
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 1))
	for _, l := range f.Lessons {
		for _, st := range l.Stages {
			right, wrong, scored := answers(st.Type, st.Config, rng)
			if scored != catalog.IsScored(st.Type) {
				t.Fatalf("stage %s (%s): scored %v", st.ID, st.Type, scored)
			}
			if scored && (!grade(t, st.Type, st.Config, right) || grade(t, st.Type, st.Config, wrong)) {
				t.Fatalf("stage %s (%s): right %v or wrong %v graded the other way", st.ID, st.Type, right, wrong)
			}
		}
	}
}

func grade(t *testing.T, typ string, raw json.RawMessage, answer any) bool {
	t.Helper()
	data, _ := json.Marshal(answer)
	cfg, err := catalog.ParseStageConfig(typ, raw)
	if err != nil {
		t.Fatal(err)
	}
	var a struct {
		Option   int               `json:"option"`
		Revealed []int             `json:"revealed"`
		Pairs    map[string]string `json:"pairs"`
	}
	if err := json.Unmarshal(data, &a); err != nil {
		t.Fatal(err)
	}
	switch c := cfg.(type) {
	case catalog.QuizConfig:
		return catalog.GradeQuiz(c, a.Option)
	case catalog.RevealConfig:
		return catalog.GradeReveal(c, a.Revealed)
	case catalog.MatchingConfig:
		return catalog.GradeMatching(c, a.Pairs)
	}
	t.Fatalf("config %T", cfg)
	return false
}

func TestPlayStagesRetriesWrongAnswers(t *testing.T) {
	stages := []lessonStage{
		{ID: "q", Type: catalog.StageQuiz, Config: json.RawMessage(`{"question":"?","options":["a","b"],"correct_index":1}`)},
		{ID: "r", Type: catalog.StageReading, Config: json.RawMessage(`{"body":"x"}`)},
	}
	for seed := range uint64(50) {
		its := playStages(rand.New(rand.NewPCG(seed, 0)), stages)
		last := map[string]interaction{}
		for _, it := range its {
			last[it.QuestionID] = it
		}
		if len(last) != 2 || !last["q"].FinalIsCorrect || last["r"].Answer != nil {
			t.Fatalf("seed %d: %+v", seed, its)
		}
	}
}
