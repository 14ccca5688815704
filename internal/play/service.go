// Package play is lesson play: the content of a lesson the caller may open, and session
// submission graded on the server (the client's XP is never trusted), written in one
// transaction with the XP credit and the spaced-repetition updates.
package play

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"memora/internal/catalog"
	"memora/internal/clock"
	"memora/internal/identity"
	"memora/internal/problem"
	"memora/internal/record"
	"memora/internal/store"
)

// Service answers get_lesson_details and submit_session.
type Service struct {
	store    store.Store
	clock    clock.Clock
	catalog  *catalog.Service
	recorder *record.Recorder
}

// NewService returns the lesson-play service: st for reads, cat for access, rec to record
// submissions (and run what follows them).
func NewService(st store.Store, clk clock.Clock, cat *catalog.Service, rec *record.Recorder) *Service {
	return &Service{store: st, clock: clk, catalog: cat, recorder: rec}
}

// LessonDetails is get_lesson_details.
type LessonDetails struct {
	Name     string      `json:"name"`
	Title    string      `json:"title"`
	TitleEN  string      `json:"title_en"`
	XPReward int         `json:"xp_reward"`
	Stages   []StageView `json:"stages"`
}

// StageView is a stage as the player receives it: config is the stage's JSON object.
type StageView struct {
	ID     string          `json:"id"`
	Title  string          `json:"title"`
	Type   string          `json:"type"`
	Config json.RawMessage `json:"config"`
}

// LessonDetails returns a lesson's stages, refusing a lesson the caller cannot open.
func (s *Service) LessonDetails(ctx context.Context, who identity.Principal, lessonID string) (LessonDetails, error) {
	lessonID = strings.TrimSpace(lessonID)
	if lessonID == "" {
		return LessonDetails{}, problem.InvalidMsg("Lesson ID is missing")
	}
	open, err := s.catalog.OpenLesson(ctx, who, lessonID)
	if err != nil {
		return LessonDetails{}, err
	}
	stages, err := s.store.StagesByLesson(ctx, lessonID)
	if err != nil {
		return LessonDetails{}, fmt.Errorf("lesson details: %w", err)
	}
	out := LessonDetails{Name: open.Lesson.ID, Title: open.Lesson.Title, TitleEN: open.Lesson.TitleEN,
		XPReward: open.Lesson.XPReward, Stages: make([]StageView, len(stages))}
	for i, st := range stages {
		cfg := st.Config
		if !json.Valid(cfg) {
			cfg = json.RawMessage("{}")
		}
		out.Stages[i] = StageView{ID: st.ID, Title: st.Title, Type: strings.ToLower(st.Type), Config: cfg}
	}
	return out, nil
}
