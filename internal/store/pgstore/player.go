package pgstore

import (
	"context"
	"errors"
	"time"

	"github.com/jackc/pgx/v5"

	"memora/internal/store"
	"memora/internal/store/pgstore/pgdb"
)

func (e executor) ProfileGet(ctx context.Context, userID int64) (store.PlayerProfile, error) {
	r, err := e.q.ProfileGet(ctx, userID)
	if err != nil {
		return store.PlayerProfile{}, wrap("profile get", err)
	}
	return store.PlayerProfile{
		UserID: r.UserID, GradeID: r.GradeID, StreamID: r.StreamID, SeasonID: r.SeasonID, TotalXP: r.TotalXp,
		Gems: int(r.Gems), Hearts: int(r.Hearts), CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt,
	}, nil
}

// ProfileSetAcademic creates the profile or updates its grade, stream and season; an empty
// GradeID clears the grade.
func (e executor) ProfileSetAcademic(ctx context.Context, p store.ProfileSetAcademicParams) error {
	return wrap("profile set academic", e.q.ProfileSetAcademic(ctx, pgdb.ProfileSetAcademicParams{
		UserID: p.UserID, GradeID: nonEmpty(p.GradeID), StreamID: p.StreamID, SeasonID: p.SeasonID, Now: p.Now,
	}))
}

func (e executor) ProfileUpsert(ctx context.Context, p store.PlayerProfile) error {
	return wrap("profile upsert", e.q.ProfileUpsert(ctx, pgdb.ProfileUpsertParams{
		UserID: p.UserID, GradeID: p.GradeID, StreamID: p.StreamID, SeasonID: p.SeasonID, TotalXp: p.TotalXP,
		Gems: int32(p.Gems), Hearts: int32(p.Hearts), CreatedAt: p.CreatedAt, UpdatedAt: p.UpdatedAt,
	}))
}

// ProfileAddXP adds xp to the profile's total; ErrNotFound when the user has no profile.
func (e executor) ProfileAddXP(ctx context.Context, userID int64, xp int64, now time.Time) error {
	n, err := e.q.ProfileAddXP(ctx, pgdb.ProfileAddXPParams{Xp: xp, Now: now, UserID: userID})
	return affected("profile add xp", n, err)
}

func (e executor) SubjectScoreAdd(ctx context.Context, userID int64, subjectID string, xp int64) error {
	return wrap("subject score add", e.q.SubjectScoreAdd(ctx, pgdb.SubjectScoreAddParams{UserID: userID, SubjectID: subjectID, Xp: xp}))
}

func (e executor) SubjectScoreSet(ctx context.Context, s store.SubjectScore) error {
	return wrap("subject score set", e.q.SubjectScoreSet(ctx, pgdb.SubjectScoreSetParams{
		UserID: s.UserID, SubjectID: s.SubjectID, TotalXp: s.TotalXP, Level: int32(s.Level),
	}))
}

func (e executor) SubjectScoreGet(ctx context.Context, userID int64, subjectID string) (store.SubjectScore, error) {
	r, err := e.q.SubjectScoreGet(ctx, pgdb.SubjectScoreGetParams{UserID: userID, SubjectID: subjectID})
	if err != nil {
		return store.SubjectScore{}, wrap("subject score get", err)
	}
	return store.SubjectScore{UserID: r.UserID, SubjectID: r.SubjectID, TotalXP: r.TotalXp, Level: int(r.Level)}, nil
}

// SessionInsert inserts the session, or finds the one already stored under its
// (user, client session id) and reports inserted=false.
func (e executor) SessionInsert(ctx context.Context, s store.GameplaySession) (int64, bool, error) {
	id, err := e.q.SessionInsert(ctx, pgdb.SessionInsertParams{
		UserID: s.UserID, InstitutionID: s.InstitutionID, ClientSessionID: s.ClientSessionID, Kind: s.Kind,
		LessonID: s.LessonID, SubjectID: s.SubjectID, TopicID: s.TopicID, SeasonID: s.SeasonID,
		XpEarned: int32(s.XPEarned), Score: int32(s.Score), LocalDay: s.LocalDay, RawData: jsonOrEmpty(s.RawData),
		Response: jsonOrEmpty(s.Response), CreatedAt: s.CreatedAt,
	})
	if err == nil {
		return id, true, nil
	}
	if !errors.Is(err, pgx.ErrNoRows) { // ON CONFLICT DO NOTHING returns no row
		return 0, false, wrap("session insert", err)
	}
	// The conflicting row is committed (or ours): DO NOTHING waited for its transaction.
	r, err := e.q.SessionGetByClientID(ctx, pgdb.SessionGetByClientIDParams{UserID: s.UserID, ClientSessionID: s.ClientSessionID})
	if err != nil {
		return 0, false, wrap("session insert: existing", err)
	}
	return r.ID, false, nil
}

func (e executor) SessionGetByClientID(ctx context.Context, userID int64, clientSessionID string) (store.GameplaySession, error) {
	r, err := e.q.SessionGetByClientID(ctx, pgdb.SessionGetByClientIDParams{UserID: userID, ClientSessionID: clientSessionID})
	if err != nil {
		return store.GameplaySession{}, wrap("session get by client id", err)
	}
	return store.GameplaySession{
		ID: r.ID, UserID: r.UserID, InstitutionID: r.InstitutionID, ClientSessionID: r.ClientSessionID, Kind: r.Kind,
		LessonID: r.LessonID, SubjectID: r.SubjectID, TopicID: r.TopicID, SeasonID: r.SeasonID,
		XPEarned: int(r.XpEarned), Score: int(r.Score), LocalDay: r.LocalDay, RawData: r.RawData,
		Response: r.Response, CreatedAt: r.CreatedAt,
	}, nil
}

func (e executor) XPInsert(ctx context.Context, x store.XPEntry) (bool, error) {
	n, err := e.q.XPInsert(ctx, pgdb.XPInsertParams{
		UserID: x.UserID, InstitutionID: x.InstitutionID, SubjectID: x.SubjectID, Source: x.Source, Ref: x.Ref,
		Amount: int32(x.Amount), LocalDay: x.LocalDay, CreatedAt: x.CreatedAt,
	})
	if err != nil {
		return false, wrap("xp insert", err)
	}
	return n > 0, nil
}

// XPCredit writes the ledger row, the profile's total and the subject score in one
// statement.
func (e executor) XPCredit(ctx context.Context, x store.XPEntry) (bool, error) {
	r, err := e.q.XPCredit(ctx, pgdb.XPCreditParams{
		UserID: x.UserID, InstitutionID: x.InstitutionID, SubjectID: x.SubjectID, Source: x.Source, Ref: x.Ref,
		Amount: int32(x.Amount), LocalDay: x.LocalDay, CreatedAt: x.CreatedAt,
	})
	switch {
	case err != nil:
		return false, wrap("xp credit", err)
	case !r.HasProfile:
		return false, wrap("xp credit: profile", pgx.ErrNoRows)
	}
	return r.Inserted > 0, nil
}

// nonEmpty maps "" to NULL.
func nonEmpty(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
