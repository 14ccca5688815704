package app

import (
	"context"

	"memora/internal/cache/rediscache"
	"memora/internal/identity"
	"memora/internal/leaderboard/redisboard"
	"memora/internal/privacy"
)

// Privacy is the users' data export and erasure over this app's store, with the caches an
// erased user must leave: its sessions (on every instance), the in-process reads and access,
// and with Redis the review schedules and leaderboards.
func (a *App) Privacy() *privacy.Service {
	svc := &privacy.Service{Store: a.Store, Clock: a.Clock, Audit: a.Audit, Logger: a.Logger}
	if a.Progress != nil {
		svc.Progress = func(ctx context.Context, who identity.Principal) (any, error) {
			stats, err := a.Progress.FullStats(ctx, who, "")
			if err != nil {
				return nil, err
			}
			quests, err := a.Progress.DailyQuests(ctx, who, "")
			if err != nil {
				return nil, err
			}
			return map[string]any{"stats": stats, "daily_quests": quests}, nil
		}
	}
	if ident := a.Identity; ident != nil { // its sessions end on every instance at once
		svc.Caches = append(svc.Caches, privacy.ForgetFunc(func(ctx context.Context, userID int64, _ string) error {
			ident.SessionsEnded(ctx, userID)
			return nil
		}))
	}
	reads, access := a.Reads, a.Catalog
	svc.Caches = append(svc.Caches, privacy.ForgetFunc(func(_ context.Context, userID int64, _ string) error {
		reads.Forget(userID)
		access.InvalidateAccess(userID)
		return nil
	}))
	if a.Redis != nil {
		rc := a.Redis
		svc.Caches = append(svc.Caches, privacy.ForgetFunc(func(ctx context.Context, userID int64, _ string) error {
			_, err := rediscache.ForgetUser(ctx, rc, userID)
			return err
		}))
	}
	if a.boardRedis != nil {
		rc := a.boardRedis
		svc.Caches = append(svc.Caches, privacy.ForgetFunc(func(ctx context.Context, userID int64, institutionID string) error {
			_, err := redisboard.ForgetPlayer(ctx, rc, institutionID, userID)
			return err
		}))
	}
	return svc
}
