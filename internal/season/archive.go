package season

import (
	"context"
	"fmt"
	"time"

	"memora/internal/audit"
	"memora/internal/problem"
	"memora/internal/store"
)

// Archived is the result of archiving a season (§4.6).
type Archived struct {
	Success       bool   `json:"success"`
	ArchivedCount int64  `json:"archived_count"`
	Season        string `json:"season"`
	Message       string `json:"message,omitempty"`
	// CacheKeysRemoved is -1 when the season's Redis keys could not be removed (they
	// expire on their own after their TTL).
	CacheKeysRemoved int64 `json:"cache_keys_removed"`
}

// Archive moves an inactive season's memory state to the archive and removes its
// schedules from Redis. On PostgreSQL this is a partition exchange whose cost does not
// grow with the season's size; on SQLite rows move in batches of 5,000.
func (s *Service) Archive(ctx context.Context, by Actor, id string) (Archived, error) {
	se, err := s.get(ctx, id)
	if err != nil {
		return Archived{}, err
	}
	if se.IsActive {
		return Archived{}, problem.Newf(problem.Conflict, "Cannot archive active season {season}", "season", id)
	}
	now := s.Clock.Now()
	n, err := s.Store.MemoryArchiveSeason(ctx, store.ArchiveParams{SeasonID: id, ArchivedAt: now, BatchSize: archiveBatch})
	if err != nil {
		return Archived{}, fmt.Errorf("archive %s: %w", id, err)
	}
	if err := s.Store.SeasonMarkArchived(ctx, id, now); err != nil {
		return Archived{}, fmt.Errorf("archive %s: %w", id, err)
	}
	if se.PartitionCreated {
		if err := s.Store.SeasonSetPartitionCreated(ctx, id, false); err != nil {
			return Archived{}, fmt.Errorf("archive %s: %w", id, err)
		}
	}
	out := Archived{Success: true, ArchivedCount: n, Season: id, CacheKeysRemoved: s.dropSeasonKeys(ctx, id)}
	if n == 0 {
		out.Message = "No records to archive for " + id
	}
	s.record(ctx, by.entry(audit.SeasonArchived, id, out))
	return out, nil
}

// dropSeasonKeys removes the season's schedules from Redis; the archive is already
// committed, so a failure is reported, not raised.
func (s *Service) dropSeasonKeys(ctx context.Context, id string) int64 {
	if s.Cache == nil {
		return 0
	}
	n, err := s.Cache.DeleteSeason(ctx, id)
	if err != nil {
		s.logger().Warn("archive: season keys not removed from redis", "season", id, "err", err)
		return -1
	}
	return n
}

// AutoArchived is the result of the daily auto-archive job.
type AutoArchived struct {
	Success  bool     `json:"success"`
	Archived []string `json:"archived_seasons"`
	Failed   []string `json:"failed_seasons"`
}

// AutoArchive archives every inactive season with auto_archive whose end date has passed;
// archiving resets auto_archive.
func (s *Service) AutoArchive(ctx context.Context) (AutoArchived, error) {
	due, err := s.Store.SeasonListAutoArchiveDue(ctx, s.today())
	if err != nil {
		return AutoArchived{}, fmt.Errorf("auto-archive: %w", err)
	}
	out := AutoArchived{Success: true, Archived: []string{}, Failed: []string{}}
	for _, se := range due {
		if _, err := s.Archive(ctx, Actor{}, se.ID); err != nil {
			s.logger().Error("auto-archive failed", "season", se.ID, "err", err)
			out.Failed, out.Success = append(out.Failed, se.ID), false
			continue
		}
		out.Archived = append(out.Archived, se.ID)
	}
	return out, nil
}

// Flagged is the result of the weekly retention job.
type Flagged struct {
	Success      bool   `json:"success"`
	FlaggedCount int64  `json:"flagged_count"`
	CutoffDate   string `json:"cutoff_date"`
}

// FlagEligible flags archived rows older than the retention period for deletion.
func (s *Service) FlagEligible(ctx context.Context) (Flagged, error) {
	cutoff := s.Clock.Now().Add(-Retention)
	n, err := s.Store.ArchiveFlagEligible(ctx, cutoff)
	if err != nil {
		return Flagged{}, fmt.Errorf("flag eligible: %w", err)
	}
	out := Flagged{Success: true, FlaggedCount: n, CutoffDate: cutoff.Format(time.DateOnly)}
	if n > 0 {
		s.record(ctx, Actor{}.entry(audit.ArchiveFlagged, "", out))
	}
	return out, nil
}

// Deleted is the result of deleting flagged archived rows.
type Deleted struct {
	Success      bool  `json:"success"`
	DeletedCount int64 `json:"deleted_count"`
}

// DeleteEligible deletes archived rows flagged for deletion, of one season or all. It is
// the only way archived data is deleted, and needs explicit confirmation.
func (s *Service) DeleteEligible(ctx context.Context, by Actor, id string, confirm bool) (Deleted, error) {
	if !confirm {
		return Deleted{}, problem.InvalidMsg("Confirmation required. Set confirm=True to proceed with deletion.")
	}
	if id != "" {
		if _, err := s.get(ctx, id); err != nil {
			return Deleted{}, err
		}
	}
	n, err := s.Store.ArchiveDeleteEligible(ctx, id, archiveBatch)
	if err != nil {
		return Deleted{}, fmt.Errorf("delete eligible: %w", err)
	}
	out := Deleted{Success: true, DeletedCount: n}
	s.record(ctx, by.entry(audit.ArchiveDeleted, id, out))
	return out, nil
}

// ArchiveStatus is a season's live and archived row counts (§4.6).
type ArchiveStatus struct {
	Season      string `json:"season"`
	IsActive    bool   `json:"is_active"`
	AutoArchive bool   `json:"auto_archive"`
	EndDate     string `json:"end_date"`
	Active      int64  `json:"active_records"`
	Archived    int64  `json:"archived_records"`
	Eligible    int64  `json:"eligible_for_deletion"`
	Total       int64  `json:"total_records"`
}

// Status reports a season's archive counts.
func (s *Service) Status(ctx context.Context, id string) (ArchiveStatus, error) {
	se, err := s.get(ctx, id)
	if err != nil {
		return ArchiveStatus{}, err
	}
	c, err := s.Store.ArchiveCountsGet(ctx, id)
	if err != nil {
		return ArchiveStatus{}, fmt.Errorf("archive status: %w", err)
	}
	return ArchiveStatus{
		Season: id, IsActive: se.IsActive, AutoArchive: se.AutoArchive, EndDate: se.EndDate.Format(time.DateOnly),
		Active: c.Active, Archived: c.Archived, Eligible: c.Eligible, Total: c.Active + c.Archived,
	}, nil
}
