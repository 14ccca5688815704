package importer

import (
	"errors"
	"fmt"
	"slices"
	"time"

	"memora/internal/clock"
	"memora/internal/srs"
	"memora/internal/store"
)

func (w *writer) subscriptions() error {
	for _, s := range w.f.Subscriptions {
		u, err := w.user(s.User)
		if err != nil {
			return err
		}
		access := make([]store.AccessRow, len(s.Access))
		for i, a := range s.Access {
			access[i] = store.AccessRow{Type: a.Type, SubjectID: opt(a.Subject), TrackID: opt(a.Track)}
		}
		sub := store.Subscription{UserID: u.ID, SeasonID: s.Season, Type: s.Type, Status: s.StatusOrDefault(),
			Access: access, CreatedAt: w.now}
		have, err := w.tx.SubscriptionsByUser(w.ctx, u.ID)
		if err != nil {
			return err
		}
		if slices.ContainsFunc(have, func(h store.Subscription) bool { return sameSubscription(h, sub) }) {
			continue
		}
		if _, err := w.tx.SubscriptionInsert(w.ctx, sub); err != nil {
			return err
		}
		w.sum.Subscriptions++
	}
	return nil
}

func sameSubscription(a, b store.Subscription) bool {
	return a.SeasonID == b.SeasonID && a.Type == b.Type && a.Status == b.Status &&
		slices.EqualFunc(a.Access, b.Access, func(x, y store.AccessRow) bool {
			return x.Type == y.Type && deref(x.SubjectID) == deref(y.SubjectID) && deref(x.TrackID) == deref(y.TrackID)
		})
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func (w *writer) players() error {
	for _, p := range w.f.Players {
		u, err := w.user(p.User)
		if err != nil {
			return err
		}
		if err := w.profile(u, p); err != nil {
			return err
		}
		if err := w.sessions(u, p); err != nil {
			return err
		}
		if err := w.memory(u, p); err != nil {
			return err
		}
		w.sum.Players++
	}
	return nil
}

func (w *writer) profile(u store.User, p Player) error {
	prof, err := w.tx.ProfileGet(w.ctx, u.ID)
	switch {
	case errors.Is(err, store.ErrNotFound):
		prof = store.PlayerProfile{UserID: u.ID, Hearts: DefaultHearts, CreatedAt: w.now}
	case err != nil:
		return err
	}
	mergeProfile(&prof, p)
	prof.UpdatedAt = w.now
	if err := w.tx.ProfileUpsert(w.ctx, prof); err != nil {
		return err
	}
	for _, s := range p.SubjectScores {
		if err := w.tx.SubjectScoreSet(w.ctx, store.SubjectScore{UserID: u.ID, SubjectID: s.Subject, TotalXP: s.TotalXP, Level: 1}); err != nil {
			return err
		}
	}
	return nil
}

// mergeProfile writes the fields the entry gives over prof. Grade and stream go together: the
// stream must be one of the grade's.
func mergeProfile(prof *store.PlayerProfile, p Player) {
	if p.Given("grade") || p.Given("stream") {
		prof.GradeID, prof.StreamID = opt(p.Grade), opt(p.Stream)
	}
	if p.Given("season") {
		prof.SeasonID = opt(p.Season)
	}
	if p.Given("total_xp") {
		prof.TotalXP = p.TotalXP
	}
	if p.Given("gems") {
		prof.Gems = p.Gems
	}
	if p.Given("hearts") {
		prof.Hearts = p.HeartsOrDefault()
	}
}

// sessions inserts played sessions (skipping ones already there) and records their XP in the
// ledger so period leaderboards include imported history; totals come from the profile.
func (w *writer) sessions(u store.User, p Player) error {
	loc, err := w.location(u.InstitutionID)
	if err != nil {
		return err
	}
	for _, s := range p.Sessions {
		at := *stamp(s.PlayedAt)
		localDay := clock.Day(at, loc)
		subject := opt(s.Subject)
		if subject == nil && s.Lesson != "" {
			subject = opt(w.lessonSubject[s.Lesson])
		}
		row := store.GameplaySession{UserID: u.ID, InstitutionID: u.InstitutionID, ClientSessionID: "import:" + s.ID,
			Kind: s.Kind, LessonID: opt(s.Lesson), SubjectID: subject, TopicID: opt(s.Topic), SeasonID: opt(s.Season),
			XPEarned: s.XPEarned, Score: s.Score, LocalDay: localDay, RawData: []byte(`{"imported":true}`),
			Response: []byte(`{}`), CreatedAt: at}
		if _, _, err := w.tx.SessionInsert(w.ctx, row); err != nil {
			return err
		}
		if s.XPEarned > 0 {
			_, err := w.tx.XPInsert(w.ctx, store.XPEntry{UserID: u.ID, InstitutionID: u.InstitutionID, SubjectID: subject,
				Source: store.XPFromImport, Ref: s.ID, Amount: s.XPEarned, LocalDay: localDay, CreatedAt: at})
			if err != nil {
				return err
			}
		}
		w.sum.Sessions++
	}
	return nil
}

func (w *writer) memory(u store.User, p Player) error {
	items := make([]store.MemoryState, 0, len(p.Memory))
	for _, m := range p.Memory {
		level := m.Level
		if level == 0 {
			level = srs.StabilityLevel(srs.Card{Memory: srs.Memory{Stability: m.Stability}, State: srs.State(m.State)})
		}
		items = append(items, store.MemoryState{UserID: u.ID, SeasonID: m.Season, QuestionID: m.QuestionID,
			SubjectID: opt(m.Subject), TopicID: opt(m.Topic), Stability: m.Stability, Difficulty: m.Difficulty,
			State: m.State, Level: level, Due: *stamp(m.Due), LastReview: stamp(m.LastReview), Reps: m.Reps,
			Lapses: m.Lapses, CreatedAt: w.now, UpdatedAt: w.now})
	}
	if len(items) == 0 {
		return nil
	}
	w.sum.MemoryRows += len(items)
	return w.tx.MemoryUpsert(w.ctx, items)
}

func (w *writer) location(institution string) (*time.Location, error) {
	in, err := w.tx.InstitutionGet(w.ctx, institution)
	if err != nil {
		return nil, fmt.Errorf("institution %s: %w", institution, err)
	}
	loc, err := time.LoadLocation(in.TimeZone)
	if err != nil {
		return time.UTC, nil
	}
	return loc, nil
}
