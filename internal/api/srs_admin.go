package api

import (
	"net/http"
	"strings"

	"memora/internal/httpx"
	"memora/internal/identity"
	"memora/internal/problem"
	"memora/internal/season"
)

// SRS administration (§2.6): System Managers only — a role check, not a table permission
// (weak point 4) — with the original's confirmation rules and messages.
func (a *API) registerSRSAdmin(rt *httpx.Router) {
	a.mutationAs(rt, "srs", "archive_season", "Archive an inactive season's memory state (System Manager)",
		roles(SystemManager).refusing(msgArchive), a.archiveSeason)
	a.readAs(rt, "srs", "get_archive_status", "A season's live, archived and deletable row counts (System Manager)",
		roles(SystemManager).refusing(msgArchiveStatus), func(r *http.Request, p httpx.Params, _ identity.Principal) (any, error) {
			name, err := seasonName(p)
			if err != nil {
				return nil, err
			}
			return a.Season.Status(r.Context(), name)
		})
	a.mutationAs(rt, "srs", "delete_eligible_archived_records", "Delete archived rows flagged for deletion (System Manager)",
		roles(SystemManager).refusing(msgDelete), a.deleteEligible)
	a.readAs(rt, "srs", "get_cache_status", "Redis schedule state and the latest cache rebuilds (System Manager)",
		roles(SystemManager).refusing(msgCacheStatus), func(r *http.Request, _ httpx.Params, _ identity.Principal) (any, error) {
			return a.Season.CacheStatus(r.Context())
		})
	a.mutationAs(rt, "srs", "rebuild_season_cache", "Rebuild a season's Redis schedule in the background (System Manager)",
		roles(SystemManager).refusing(msgRebuild), func(r *http.Request, p httpx.Params, who identity.Principal) (any, error) {
			name, err := seasonName(p)
			if err != nil {
				return nil, err
			}
			return a.Season.StartRebuild(r.Context(), actor(r, who), name)
		})
	a.mutationAs(rt, "srs", "trigger_reconciliation", "Compare a sample of memory state with Redis and correct it (System Manager)",
		roles(SystemManager).refusing(msgReconcile), a.triggerReconciliation)
	a.readAs(rt, "srs", "get_partition_stats", "Memory-state partitions with estimated rows and sizes (System Manager)",
		roles(SystemManager).refusing(msgPartitions), func(r *http.Request, _ httpx.Params, _ identity.Principal) (any, error) {
			return a.Season.PartitionStats(r.Context())
		})
}

// Permission messages (§2.6 where the original has one).
const (
	msgArchive       = "You don't have permission to archive seasons. This action requires System Manager role."
	msgArchiveStatus = "You don't have permission to view archive status."
	msgDelete        = "You don't have permission to delete archived records. This action requires System Manager role."
	msgCacheStatus   = "You don't have permission to view cache status."
	msgRebuild       = "You don't have permission to rebuild the cache. This action requires System Manager role."
	msgReconcile     = "You don't have permission to trigger reconciliation. This action requires System Manager role."
	msgPartitions    = "You don't have permission to view partitions. This action requires System Manager role."
)

// seasonName is the required season_name parameter.
func seasonName(p httpx.Params) (string, error) {
	name := strings.TrimSpace(p.String("season_name"))
	if name == "" {
		return "", problem.InvalidMsg("season_name is required.")
	}
	return name, nil
}

func actor(r *http.Request, who identity.Principal) season.Actor {
	return season.Actor{UserID: who.UserID, InstitutionID: who.InstitutionID, Email: who.Email, RemoteAddr: httpx.ClientIP(r)}
}

func (a *API) archiveSeason(r *http.Request, p httpx.Params, who identity.Principal) (any, error) {
	confirm, err := p.Bool("confirm")
	if err != nil {
		return nil, err
	}
	if !confirm {
		return nil, problem.InvalidMsg("Confirmation required. Set confirm=True to proceed with archiving.")
	}
	name, err := seasonName(p)
	if err != nil {
		return nil, err
	}
	return a.Season.Archive(r.Context(), actor(r, who), name)
}

func (a *API) deleteEligible(r *http.Request, p httpx.Params, who identity.Principal) (any, error) {
	confirm, err := p.Bool("confirm")
	if err != nil {
		return nil, err
	}
	return a.Season.DeleteEligible(r.Context(), actor(r, who), p.String("season_name"), confirm)
}

func (a *API) triggerReconciliation(r *http.Request, p httpx.Params, who identity.Principal) (any, error) {
	size, err := p.Int("sample_size", season.DefaultSample)
	if err != nil {
		return nil, err
	}
	return a.Season.Reconcile(r.Context(), actor(r, who), size, p.String("season"))
}
