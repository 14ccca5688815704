package loadgen

import (
	"encoding/json"
	"fmt"

	"memora/internal/catalog"
	"memora/internal/importer"
)

// Institution is the tenant every synthetic student belongs to; --reset removes it.
const Institution = "loadgen"

// drillSubject owns the synthetic lessons added when students need more distinct questions
// than the demo catalogue has (it holds 281): real stages, so review cards can be built.
const drillSubject = "loadgen-drills"

// atomsPerDrill is what one drill lesson holds: 4 quizzes, a 4-pair matching, a 2-word reveal.
const atomsPerDrill = 10

// loadgenFile is the import file of the loadgen institution and, when extraAtoms > 0, of
// enough drill lessons to hold them.
func loadgenFile(extraAtoms int) *importer.File {
	f := &importer.File{Format: importer.FormatName, Version: importer.FormatVersion,
		Institutions: []importer.Institution{{ID: Institution, Name: "أكاديمية الحمل", NameEn: "Load Generator Academy",
			TimeZone: "Asia/Amman"}}}
	if extraAtoms <= 0 {
		return f
	}
	f.Subjects = []importer.Subject{{ID: drillSubject, Institution: Institution, Title: "تمارين الحمل",
		TitleEn: "Load drills", IsPublished: true, Position: 99}}
	f.Tracks = []importer.Track{{ID: drillSubject + "-main", Subject: drillSubject, Title: "المسار", TitleEn: "Main",
		IsDefault: true, IsPublished: true}}
	f.Units = []importer.Unit{{ID: drillSubject + "-u", Subject: drillSubject, Track: drillSubject + "-main",
		Title: "تمارين", TitleEn: "Drills", StructureType: importer.TopicBased, IsPublished: true}}
	lessons := (extraAtoms + atomsPerDrill - 1) / atomsPerDrill
	for i := range lessons {
		topic := fmt.Sprintf("%s-t%d", drillSubject, i/10)
		if i%10 == 0 {
			f.Topics = append(f.Topics, importer.Topic{ID: topic, Unit: drillSubject + "-u",
				Title: fmt.Sprintf("مجموعة %d", i/10+1), IsPublished: true, Position: i / 10})
		}
		f.Lessons = append(f.Lessons, drillLesson(i, topic))
	}
	return f
}

func drillLesson(i int, topic string) importer.Lesson {
	id := fmt.Sprintf("%s-l%d", drillSubject, i)
	stage := func(n int, typ string, cfg any) importer.Stage {
		raw, _ := json.Marshal(cfg) // plain structs: cannot fail
		return importer.Stage{ID: fmt.Sprintf("%s-s%d", id, n), Title: fmt.Sprintf("Drill %d.%d", i, n), Type: typ, Config: raw}
	}
	var stages []importer.Stage
	for q := range 4 {
		a := i*4 + q + 2
		stages = append(stages, stage(q, catalog.StageQuiz, catalog.QuizConfig{
			Question: fmt.Sprintf("%d × %d = ?", a, 3), Options: []string{
				fmt.Sprint(a * 3), fmt.Sprint(a*3 + 1), fmt.Sprint(a*3 + 3), fmt.Sprint(a*3 - 2)},
			CorrectIndex: 0, Explanation: fmt.Sprintf("%d × 3 = %d", a, a*3)}))
	}
	pairs := make([]catalog.Pair, 4)
	for p := range pairs {
		pairs[p] = catalog.Pair{ID: fmt.Sprintf("p%d", p), Left: fmt.Sprintf("%d + %d", i, p), Right: fmt.Sprint(i + p)}
	}
	stages = append(stages, stage(4, catalog.StageMatching, catalog.MatchingConfig{Instruction: "Match", Pairs: pairs}))
	stages = append(stages, stage(5, catalog.StageReveal, catalog.RevealConfig{Image: "🧮",
		Sentence:   fmt.Sprintf("Drill %d practises multiplication and addition", i),
		Highlights: []catalog.Highlight{{Word: "multiplication", Explanation: "repeated addition"}, {Word: "addition", Explanation: "putting together"}}}))
	reward := 60
	return importer.Lesson{ID: id, Unit: drillSubject + "-u", Topic: topic, Title: fmt.Sprintf("Load drill %d", i),
		TitleEn: fmt.Sprintf("Load drill %d", i), XPReward: &reward, IsPublished: true, Position: i, Stages: stages}
}
