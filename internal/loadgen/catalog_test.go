package loadgen

import (
	"strings"
	"testing"

	"memora/internal/catalog"
	"memora/internal/demo"
)

func TestDemoCatalogHasReviewableAtomsAndOpenLessons(t *testing.T) {
	cat, err := CatalogFor(1, testNow)
	if err != nil {
		t.Fatal(err)
	}
	if cat.Season != "SEASON-2026" || cat.Grade == "" || len(cat.Subjects) == 0 {
		t.Fatalf("catalog %+v", cat)
	}
	if want := publishedAtoms(t); len(cat.Atoms) != want {
		t.Fatalf("%d atoms in the demo, want %d", len(cat.Atoms), want)
	}
	seen := map[string]bool{}
	for _, a := range cat.Atoms {
		if seen[a.QuestionID] || a.SubjectID == "" || strings.HasPrefix(a.SubjectID, drillSubject) {
			t.Fatalf("atom %+v repeated, without subject, or a drill", a)
		}
		seen[a.QuestionID] = true
	}
	if len(cat.FreeLessons) == 0 {
		t.Fatal("no lesson is open to every student")
	}
	for _, l := range cat.FreeLessons {
		if l.SubjectID == "math" && !strings.HasPrefix(l.ID, "math-") || l.XPReward <= 0 {
			t.Fatalf("free lesson %+v", l)
		}
	}
}

// publishedAtoms counts the questions of the demo's published lessons from their parsed
// stage configs: one per quiz, highlight and pair.
func publishedAtoms(t *testing.T) int {
	f, err := demo.Load(testNow)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, l := range f.Lessons {
		if !l.IsPublished {
			continue
		}
		for _, st := range l.Stages {
			cfg, err := catalog.ParseStageConfig(st.Type, st.Config)
			if err != nil {
				t.Fatal(err)
			}
			switch c := cfg.(type) {
			case catalog.QuizConfig:
				n++
			case catalog.RevealConfig:
				n += len(c.Highlights)
			case catalog.MatchingConfig:
				n += len(c.Pairs)
			}
		}
	}
	return n
}

func TestDrillsAddValidContentForLargeRecordCounts(t *testing.T) {
	cat, err := CatalogFor(1000, testNow)
	if err != nil {
		t.Fatal(err)
	}
	if len(cat.Atoms) < 1000 {
		t.Fatalf("%d atoms for 1000 records", len(cat.Atoms))
	}
	extra := 1000 - publishedAtoms(t)
	f := loadgenFile(extra)
	if err := f.Validate(); err != nil {
		t.Fatalf("drill content does not validate: %v", err)
	}
	if got := len(f.Lessons) * atomsPerDrill; got < extra {
		t.Fatalf("%d drill atoms, want ≥ %d", got, extra)
	}
	if f := loadgenFile(0); len(f.Lessons) != 0 || len(f.Institutions) != 1 {
		t.Fatalf("no drills needed, got %d lessons", len(f.Lessons))
	}
}
