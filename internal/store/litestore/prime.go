package litestore

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"memora/internal/store"
	"memora/internal/store/litestore/litedb"
)

func (e executor) AuthSessionsRecent(ctx context.Context, p store.AuthSessionsRecentParams) ([]store.RecentSession, error) {
	rows, err := e.r.AuthSessionsRecent(ctx, litedb.AuthSessionsRecentParams{Now: micros(p.Now), Since: micros(p.Since), MaxRows: int64(p.Limit)})
	if err != nil {
		return nil, wrap("auth sessions recent", err)
	}
	out := make([]store.RecentSession, len(rows))
	for i, r := range rows {
		out[i] = store.RecentSession{
			Session: store.AuthSession{TokenHash: r.TokenHash, UserID: r.ID, CreatedAt: fromMicros(r.CreatedAt),
				ExpiresAt: fromMicros(r.ExpiresAt), LastSeenAt: fromMicros(r.LastSeenAt)},
			User: store.User{ID: r.ID, InstitutionID: r.InstitutionID, Email: r.Email, FullName: r.FullName, AvatarURL: r.AvatarUrl,
				Enabled: r.Enabled, CreatedAt: fromMicros(r.UserCreatedAt), SessionVersion: r.SessionVersion, Demo: r.Demo}}
	}
	return out, nil
}

// userIDList is ids as the JSON array the queries read with json_each.
func userIDList(op string, ids []int64) (string, error) {
	if ids == nil {
		ids = []int64{}
	}
	data, err := json.Marshal(ids)
	if err != nil {
		return "", fmt.Errorf("%s: %w", op, err)
	}
	return string(data), nil
}

func (e executor) UserRolesByUsers(ctx context.Context, userIDs []int64) ([]store.UserRole, error) {
	const op = "user roles by users"
	ids, err := userIDList(op, userIDs)
	if err != nil {
		return nil, err
	}
	rows, err := e.r.UserRolesByUsers(ctx, ids)
	if err != nil {
		return nil, wrap(op, err)
	}
	out := make([]store.UserRole, len(rows))
	for i, r := range rows {
		out[i] = store.UserRole{UserID: r.UserID, Role: r.Role}
	}
	return out, nil
}

func (e executor) ProfileListByUsers(ctx context.Context, userIDs []int64) ([]store.PlayerProfile, error) {
	const op = "profile list by users"
	ids, err := userIDList(op, userIDs)
	if err != nil {
		return nil, err
	}
	rows, err := e.r.ProfileListByUsers(ctx, ids)
	if err != nil {
		return nil, wrap(op, err)
	}
	out := make([]store.PlayerProfile, len(rows))
	for i, r := range rows {
		out[i] = store.PlayerProfile{UserID: r.UserID, GradeID: r.GradeID, StreamID: r.StreamID, SeasonID: r.SeasonID,
			TotalXP: r.TotalXp, Gems: int(r.Gems), Hearts: int(r.Hearts), CreatedAt: fromMicros(r.CreatedAt), UpdatedAt: fromMicros(r.UpdatedAt)}
	}
	return out, nil
}

func (e executor) AccessGrantsActiveByUsers(ctx context.Context, userIDs []int64, day time.Time) ([]store.UserAccessGrant, error) {
	const op = "access grants by users"
	ids, err := userIDList(op, userIDs)
	if err != nil {
		return nil, err
	}
	rows, err := e.r.AccessGrantsActiveByUsers(ctx, litedb.AccessGrantsActiveByUsersParams{UserIds: ids, Day: date(day)})
	if err != nil {
		return nil, wrap(op, err)
	}
	out := make([]store.UserAccessGrant, 0, len(rows))
	for _, r := range rows {
		if g, ok := accessGrant(r.SubscriptionType, r.AccessType, r.SubjectID, r.TrackID); ok {
			out = append(out, store.UserAccessGrant{UserID: r.UserID, AccessGrant: g})
		}
	}
	return out, nil
}
