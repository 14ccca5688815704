package api_test

import (
	"context"

	"memora/internal/store"
)

// The matrix case of a teacher's push: a student of inst with a learned item of a topic
// not yet due, pushed into their review queue.
func init() {
	addCases(map[string]matrixCase{
		"teaching.push_review": {params: func(f *fixture, inst string) map[string]any {
			ctx := context.Background()
			x := f.tree(inst)
			season := f.season()
			u := f.user(inst)
			now := f.env.Clock.Now()
			must(f.t, f.env.Store.GradeUpsert(ctx, store.Grade{ID: "m-grade", Title: "G"}))
			must(f.t, f.env.Store.ProfileSetAcademic(ctx, store.ProfileSetAcademicParams{UserID: u.ID, GradeID: "m-grade",
				SeasonID: &season, Now: now}))
			must(f.t, f.env.Store.MemoryUpsert(ctx, []store.MemoryState{{UserID: u.ID, SeasonID: season, QuestionID: x.Stage,
				SubjectID: &x.Subject, TopicID: &x.Topic, Stability: 3, Difficulty: 5, State: 2, Due: now.AddDate(0, 0, 3),
				LastReview: &now, Reps: 1, CreatedAt: now, UpdatedAt: now}}))
			return map[string]any{"institution": inst, "topic": x.Topic, "students": []int64{u.ID}}
		}},
	})
}
