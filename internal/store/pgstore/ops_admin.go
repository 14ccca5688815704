package pgstore

import (
	"context"
	"time"

	"memora/internal/store"
	"memora/internal/store/pgstore/pgdb"
)

func (e executor) AlertInsert(ctx context.Context, a store.AdminAlert) (int64, error) {
	id, err := e.q.AlertInsert(ctx, pgdb.AlertInsertParams{
		InstitutionID: a.InstitutionID, Kind: a.Kind, Message: a.Message, Detail: jsonOrEmpty(a.Detail),
		CreatedAt: a.CreatedAt,
	})
	return id, wrap("alert insert", err)
}

func (e executor) AlertGet(ctx context.Context, id int64) (store.AdminAlert, error) {
	r, err := e.q.AlertGet(ctx, id)
	return adminAlert(r), wrap("alert get", err)
}

// AlertList returns alerts newest first; Limit defaults to 50 and is capped at 500.
func (e executor) AlertList(ctx context.Context, p store.AlertListParams) ([]store.AdminAlert, error) {
	rows, err := e.q.AlertList(ctx, pgdb.AlertListParams{IncludeAcknowledged: p.IncludeAcknowledged, Lim: int32(alertLimit(p.Limit))})
	out := make([]store.AdminAlert, len(rows))
	for i, r := range rows {
		out[i] = adminAlert(r)
	}
	return out, wrap("alert list", err)
}

func alertLimit(n int) int {
	switch {
	case n <= 0:
		return 50
	case n > 500:
		return 500
	}
	return n
}

func (e executor) AlertAcknowledge(ctx context.Context, id int64, at time.Time) error {
	n, err := e.q.AlertAcknowledge(ctx, pgdb.AlertAcknowledgeParams{ID: id, AcknowledgedAt: &at})
	return affected("alert acknowledge", n, err)
}

func adminAlert(r pgdb.AdminAlert) store.AdminAlert {
	return store.AdminAlert{
		ID: r.ID, InstitutionID: r.InstitutionID, Kind: r.Kind, Message: r.Message, Detail: jsonOrEmpty(r.Detail),
		CreatedAt: r.CreatedAt, AcknowledgedAt: r.AcknowledgedAt,
	}
}

func (e executor) RebuildInsert(ctx context.Context, r store.CacheRebuild) (int64, error) {
	id, err := e.q.RebuildInsert(ctx, pgdb.RebuildInsertParams{
		SeasonID: r.SeasonID, Status: r.Status, Total: r.Total, Processed: r.Processed, Users: r.Users,
		LastKey: r.LastKey, Error: r.Error, StartedAt: r.StartedAt, FinishedAt: r.FinishedAt,
	})
	return id, wrap("rebuild insert", err)
}

func (e executor) RebuildGet(ctx context.Context, id int64) (store.CacheRebuild, error) {
	r, err := e.q.RebuildGet(ctx, id)
	return cacheRebuild(r), wrap("rebuild get", err)
}

func (e executor) RebuildUpdate(ctx context.Context, r store.CacheRebuild) error {
	n, err := e.q.RebuildUpdate(ctx, pgdb.RebuildUpdateParams{
		ID: r.ID, Status: r.Status, Total: r.Total, Processed: r.Processed, Users: r.Users, LastKey: r.LastKey,
		Error: r.Error, FinishedAt: r.FinishedAt,
	})
	return affected("rebuild update", n, err)
}

func (e executor) RebuildLatest(ctx context.Context) ([]store.CacheRebuild, error) {
	rows, err := e.q.RebuildLatest(ctx)
	out := make([]store.CacheRebuild, len(rows))
	for i, r := range rows {
		out[i] = cacheRebuild(r)
	}
	return out, wrap("rebuild latest", err)
}

func cacheRebuild(r pgdb.CacheRebuild) store.CacheRebuild {
	return store.CacheRebuild{
		ID: r.ID, SeasonID: r.SeasonID, Status: r.Status, Total: r.Total, Processed: r.Processed, Users: r.Users,
		LastKey: r.LastKey, Error: r.Error, StartedAt: r.StartedAt, FinishedAt: r.FinishedAt,
	}
}

func (e executor) UserEmailsWithRole(ctx context.Context, role string) ([]string, error) {
	emails, err := e.q.UserEmailsWithRole(ctx, role)
	return emails, wrap("user emails with role", err)
}
