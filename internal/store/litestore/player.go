package litestore

import (
	"context"
	"errors"
	"time"

	"memora/internal/store"
	"memora/internal/store/litestore/litedb"
)

func (e executor) ProfileGet(ctx context.Context, userID int64) (store.PlayerProfile, error) {
	r, err := e.r.ProfileGet(ctx, userID)
	if err != nil {
		return store.PlayerProfile{}, wrap("profile get", err)
	}
	return store.PlayerProfile{
		UserID: r.UserID, GradeID: r.GradeID, StreamID: r.StreamID, SeasonID: r.SeasonID, TotalXP: r.TotalXp,
		Gems: int(r.Gems), Hearts: int(r.Hearts), CreatedAt: fromMicros(r.CreatedAt), UpdatedAt: fromMicros(r.UpdatedAt),
	}, nil
}

// ProfileSetAcademic creates the profile or updates its grade, stream and season; an empty
// GradeID clears the grade.
func (e executor) ProfileSetAcademic(ctx context.Context, p store.ProfileSetAcademicParams) error {
	return wrap("profile set academic", e.w.ProfileSetAcademic(ctx, litedb.ProfileSetAcademicParams{
		UserID: p.UserID, GradeID: nonEmpty(p.GradeID), StreamID: p.StreamID, SeasonID: p.SeasonID, Now: micros(p.Now),
	}))
}

func (e executor) ProfileUpsert(ctx context.Context, p store.PlayerProfile) error {
	return wrap("profile upsert", e.w.ProfileUpsert(ctx, litedb.ProfileUpsertParams{
		UserID: p.UserID, GradeID: p.GradeID, StreamID: p.StreamID, SeasonID: p.SeasonID, TotalXp: p.TotalXP,
		Gems: int64(p.Gems), Hearts: int64(p.Hearts), CreatedAt: micros(p.CreatedAt), UpdatedAt: micros(p.UpdatedAt),
	}))
}

// ProfileAddXP adds xp to the profile's total; ErrNotFound when the user has no profile.
func (e executor) ProfileAddXP(ctx context.Context, userID int64, xp int64, now time.Time) error {
	n, err := e.w.ProfileAddXP(ctx, litedb.ProfileAddXPParams{Xp: xp, Now: micros(now), UserID: userID})
	return affected("profile add xp", n, err)
}

func (e executor) SubjectScoreAdd(ctx context.Context, userID int64, subjectID string, xp int64) error {
	return wrap("subject score add", e.w.SubjectScoreAdd(ctx, litedb.SubjectScoreAddParams{UserID: userID, SubjectID: subjectID, Xp: xp}))
}

func (e executor) SubjectScoreSet(ctx context.Context, s store.SubjectScore) error {
	return wrap("subject score set", e.w.SubjectScoreSet(ctx, litedb.SubjectScoreSetParams{
		UserID: s.UserID, SubjectID: s.SubjectID, TotalXp: s.TotalXP, Level: int64(s.Level),
	}))
}

func (e executor) SubjectScoreGet(ctx context.Context, userID int64, subjectID string) (store.SubjectScore, error) {
	r, err := e.r.SubjectScoreGet(ctx, litedb.SubjectScoreGetParams{UserID: userID, SubjectID: subjectID})
	if err != nil {
		return store.SubjectScore{}, wrap("subject score get", err)
	}
	return store.SubjectScore{UserID: r.UserID, SubjectID: r.SubjectID, TotalXP: r.TotalXp, Level: int(r.Level)}, nil
}

// SessionInsert inserts the session, or finds the one already stored under its
// (user, client session id) and reports inserted=false.
func (e executor) SessionInsert(ctx context.Context, s store.GameplaySession) (int64, bool, error) {
	id, err := e.w.SessionInsert(ctx, litedb.SessionInsertParams{
		UserID: s.UserID, InstitutionID: s.InstitutionID, ClientSessionID: s.ClientSessionID, Kind: s.Kind,
		LessonID: s.LessonID, SubjectID: s.SubjectID, TopicID: s.TopicID, SeasonID: s.SeasonID,
		XpEarned: int64(s.XPEarned), Score: int64(s.Score), LocalDay: date(s.LocalDay), RawData: jsonText(s.RawData),
		Response: jsonText(s.Response), CreatedAt: micros(s.CreatedAt),
	})
	if err == nil {
		return id, true, nil
	}
	if !errors.Is(err, sqlNoRows) { // ON CONFLICT DO NOTHING returns no row
		return 0, false, wrap("session insert", err)
	}
	// The writer sees its own transaction and every commit, so the existing row is there.
	r, err := e.w.SessionGetByClientID(ctx, litedb.SessionGetByClientIDParams{UserID: s.UserID, ClientSessionID: s.ClientSessionID})
	if err != nil {
		return 0, false, wrap("session insert: existing", err)
	}
	return r.ID, false, nil
}

func (e executor) SessionGetByClientID(ctx context.Context, userID int64, clientSessionID string) (store.GameplaySession, error) {
	r, err := e.r.SessionGetByClientID(ctx, litedb.SessionGetByClientIDParams{UserID: userID, ClientSessionID: clientSessionID})
	if err != nil {
		return store.GameplaySession{}, wrap("session get by client id", err)
	}
	return store.GameplaySession{
		ID: r.ID, UserID: r.UserID, InstitutionID: r.InstitutionID, ClientSessionID: r.ClientSessionID, Kind: r.Kind,
		LessonID: r.LessonID, SubjectID: r.SubjectID, TopicID: r.TopicID, SeasonID: r.SeasonID,
		XPEarned: int(r.XpEarned), Score: int(r.Score), LocalDay: fromDate(r.LocalDay), RawData: rawJSON(r.RawData),
		Response: rawJSON(r.Response), CreatedAt: fromMicros(r.CreatedAt),
	}, nil
}

func (e executor) XPInsert(ctx context.Context, x store.XPEntry) (bool, error) {
	n, err := e.w.XPInsert(ctx, litedb.XPInsertParams{
		UserID: x.UserID, InstitutionID: x.InstitutionID, SubjectID: x.SubjectID, Source: x.Source, Ref: x.Ref,
		Amount: int64(x.Amount), LocalDay: date(x.LocalDay), CreatedAt: micros(x.CreatedAt),
	})
	if err != nil {
		return false, wrap("xp insert", err)
	}
	return n > 0, nil
}

// XPCredit writes the ledger row, the profile's total and the subject score in one write
// transaction.
func (e executor) XPCredit(ctx context.Context, x store.XPEntry) (bool, error) {
	var inserted bool
	err := e.inWrite(ctx, func(q *litedb.Queries) error {
		n, err := q.XPInsert(ctx, litedb.XPInsertParams{
			UserID: x.UserID, InstitutionID: x.InstitutionID, SubjectID: x.SubjectID, Source: x.Source, Ref: x.Ref,
			Amount: int64(x.Amount), LocalDay: date(x.LocalDay), CreatedAt: micros(x.CreatedAt),
		})
		if err != nil || n == 0 {
			return wrap("xp credit", err)
		}
		n, err = q.ProfileAddXP(ctx, litedb.ProfileAddXPParams{Xp: int64(x.Amount), Now: micros(x.CreatedAt), UserID: x.UserID})
		if err := affected("xp credit: profile", n, err); err != nil {
			return err
		}
		if x.SubjectID != nil && *x.SubjectID != "" {
			err := q.SubjectScoreAdd(ctx, litedb.SubjectScoreAddParams{UserID: x.UserID, SubjectID: *x.SubjectID, Xp: int64(x.Amount)})
			if err != nil {
				return wrap("xp credit: subject score", err)
			}
		}
		inserted = true
		return nil
	})
	return inserted && err == nil, err
}

// nonEmpty maps "" to NULL.
func nonEmpty(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
