package season

import (
	"context"
	"fmt"
	"time"

	"memora/internal/store"
)

// CacheStatus is the Redis schedule's state for administrators (§2.6 get_cache_status).
type CacheStatus struct {
	RedisConnected bool             `json:"redis_connected"`
	IsSafeMode     bool             `json:"is_safe_mode"`
	MemoryUsedMB   float64          `json:"memory_used_mb"`
	TotalKeys      int64            `json:"total_keys"`
	KeysBySeason   map[string]int64 `json:"keys_by_season"`
	Rebuilds       []RebuildView    `json:"rebuilds"`
}

// RebuildView is the latest rebuild of one season.
type RebuildView struct {
	ID         int64      `json:"id"`
	Season     string     `json:"season"`
	Status     string     `json:"status"`
	Total      int64      `json:"total"`
	Processed  int64      `json:"processed"`
	Users      int64      `json:"users"`
	Error      string     `json:"error,omitempty"`
	StartedAt  time.Time  `json:"started_at"`
	FinishedAt *time.Time `json:"finished_at"`
}

// CacheStatus reports Redis (without it: not connected, zeros) and the latest rebuild of
// each season.
func (s *Service) CacheStatus(ctx context.Context) (CacheStatus, error) {
	out := CacheStatus{KeysBySeason: map[string]int64{}, Rebuilds: []RebuildView{}}
	if s.Cache != nil {
		out.IsSafeMode = s.Cache.SafeMode()
		info, err := s.Cache.Status(ctx)
		if err != nil {
			s.logger().Warn("cache status: redis", "err", err)
		}
		out.RedisConnected, out.MemoryUsedMB, out.TotalKeys = info.Connected, info.MemoryUsedMB, info.TotalKeys
		if info.KeysBySeason != nil {
			out.KeysBySeason = info.KeysBySeason
		}
	}
	rebuilds, err := s.Store.RebuildLatest(ctx)
	if err != nil {
		return CacheStatus{}, fmt.Errorf("cache status: %w", err)
	}
	for _, r := range rebuilds {
		out.Rebuilds = append(out.Rebuilds, rebuildView(r))
	}
	return out, nil
}

func rebuildView(r store.CacheRebuild) RebuildView {
	return RebuildView{ID: r.ID, Season: r.SeasonID, Status: r.Status, Total: r.Total, Processed: r.Processed,
		Users: r.Users, Error: r.Error, StartedAt: r.StartedAt, FinishedAt: r.FinishedAt}
}
