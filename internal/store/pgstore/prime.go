package pgstore

import (
	"context"
	"time"

	"memora/internal/store"
	"memora/internal/store/pgstore/pgdb"
)

func (e executor) AuthSessionsRecent(ctx context.Context, p store.AuthSessionsRecentParams) ([]store.RecentSession, error) {
	rows, err := e.q.AuthSessionsRecent(ctx, pgdb.AuthSessionsRecentParams{Now: p.Now, Since: p.Since, MaxRows: int32(p.Limit)})
	if err != nil {
		return nil, wrap("auth sessions recent", err)
	}
	out := make([]store.RecentSession, len(rows))
	for i, r := range rows {
		out[i] = store.RecentSession{
			Session: store.AuthSession{TokenHash: r.TokenHash, UserID: r.ID, CreatedAt: r.CreatedAt, ExpiresAt: r.ExpiresAt, LastSeenAt: r.LastSeenAt},
			User: store.User{ID: r.ID, InstitutionID: r.InstitutionID, Email: r.Email, FullName: r.FullName, AvatarURL: r.AvatarUrl,
				Enabled: r.Enabled, CreatedAt: r.UserCreatedAt, SessionVersion: r.SessionVersion, Demo: r.Demo}}
	}
	return out, nil
}

func (e executor) UserRolesByUsers(ctx context.Context, userIDs []int64) ([]store.UserRole, error) {
	rows, err := e.q.UserRolesByUsers(ctx, userIDs)
	if err != nil {
		return nil, wrap("user roles by users", err)
	}
	out := make([]store.UserRole, len(rows))
	for i, r := range rows {
		out[i] = store.UserRole{UserID: r.UserID, Role: r.Role}
	}
	return out, nil
}

func (e executor) ProfileListByUsers(ctx context.Context, userIDs []int64) ([]store.PlayerProfile, error) {
	rows, err := e.q.ProfileListByUsers(ctx, userIDs)
	if err != nil {
		return nil, wrap("profile list by users", err)
	}
	out := make([]store.PlayerProfile, len(rows))
	for i, r := range rows {
		out[i] = store.PlayerProfile{UserID: r.UserID, GradeID: r.GradeID, StreamID: r.StreamID, SeasonID: r.SeasonID,
			TotalXP: r.TotalXp, Gems: int(r.Gems), Hearts: int(r.Hearts), CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt}
	}
	return out, nil
}

func (e executor) AccessGrantsActiveByUsers(ctx context.Context, userIDs []int64, day time.Time) ([]store.UserAccessGrant, error) {
	rows, err := e.q.AccessGrantsActiveByUsers(ctx, pgdb.AccessGrantsActiveByUsersParams{UserIds: userIDs, Day: day})
	if err != nil {
		return nil, wrap("access grants by users", err)
	}
	out := make([]store.UserAccessGrant, 0, len(rows))
	for _, r := range rows {
		if g, ok := accessGrant(r.SubscriptionType, r.AccessType, r.SubjectID, r.TrackID); ok {
			out = append(out, store.UserAccessGrant{UserID: r.UserID, AccessGrant: g})
		}
	}
	return out, nil
}
