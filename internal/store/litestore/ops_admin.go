package litestore

import (
	"context"
	"time"

	"memora/internal/store"
	"memora/internal/store/litestore/litedb"
)

func (e executor) AlertInsert(ctx context.Context, a store.AdminAlert) (int64, error) {
	id, err := e.w.AlertInsert(ctx, litedb.AlertInsertParams{
		InstitutionID: a.InstitutionID, Kind: a.Kind, Message: a.Message, Detail: jsonText(a.Detail),
		CreatedAt: micros(a.CreatedAt),
	})
	return id, wrap("alert insert", err)
}

func (e executor) AlertGet(ctx context.Context, id int64) (store.AdminAlert, error) {
	r, err := e.r.AlertGet(ctx, id)
	return adminAlert(r), wrap("alert get", err)
}

// AlertList returns alerts newest first; Limit defaults to 50 and is capped at 500.
func (e executor) AlertList(ctx context.Context, p store.AlertListParams) ([]store.AdminAlert, error) {
	rows, err := e.r.AlertList(ctx, litedb.AlertListParams{IncludeAcknowledged: p.IncludeAcknowledged, Lim: int64(alertLimit(p.Limit))})
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
	v := micros(at)
	n, err := e.w.AlertAcknowledge(ctx, litedb.AlertAcknowledgeParams{ID: id, AcknowledgedAt: &v})
	return affected("alert acknowledge", n, err)
}

func adminAlert(r litedb.AdminAlert) store.AdminAlert {
	return store.AdminAlert{
		ID: r.ID, InstitutionID: r.InstitutionID, Kind: r.Kind, Message: r.Message, Detail: rawJSON(r.Detail),
		CreatedAt: fromMicros(r.CreatedAt), AcknowledgedAt: fromMicrosPtr(r.AcknowledgedAt),
	}
}

func (e executor) RebuildInsert(ctx context.Context, r store.CacheRebuild) (int64, error) {
	id, err := e.w.RebuildInsert(ctx, litedb.RebuildInsertParams{
		SeasonID: r.SeasonID, Status: r.Status, Total: r.Total, Processed: r.Processed, Users: r.Users,
		LastKey: r.LastKey, Error: r.Error, StartedAt: micros(r.StartedAt), FinishedAt: microsPtr(r.FinishedAt),
	})
	return id, wrap("rebuild insert", err)
}

func (e executor) RebuildGet(ctx context.Context, id int64) (store.CacheRebuild, error) {
	r, err := e.r.RebuildGet(ctx, id)
	return cacheRebuild(r), wrap("rebuild get", err)
}

func (e executor) RebuildUpdate(ctx context.Context, r store.CacheRebuild) error {
	n, err := e.w.RebuildUpdate(ctx, litedb.RebuildUpdateParams{
		ID: r.ID, Status: r.Status, Total: r.Total, Processed: r.Processed, Users: r.Users, LastKey: r.LastKey,
		Error: r.Error, FinishedAt: microsPtr(r.FinishedAt),
	})
	return affected("rebuild update", n, err)
}

func (e executor) RebuildLatest(ctx context.Context) ([]store.CacheRebuild, error) {
	rows, err := e.r.RebuildLatest(ctx)
	out := make([]store.CacheRebuild, len(rows))
	for i, r := range rows {
		out[i] = cacheRebuild(r)
	}
	return out, wrap("rebuild latest", err)
}

func cacheRebuild(r litedb.CacheRebuild) store.CacheRebuild {
	return store.CacheRebuild{
		ID: r.ID, SeasonID: r.SeasonID, Status: r.Status, Total: r.Total, Processed: r.Processed, Users: r.Users,
		LastKey: r.LastKey, Error: r.Error, StartedAt: fromMicros(r.StartedAt), FinishedAt: fromMicrosPtr(r.FinishedAt),
	}
}

func (e executor) UserEmailsWithRole(ctx context.Context, role string) ([]string, error) {
	emails, err := e.r.UserEmailsWithRole(ctx, role)
	return emails, wrap("user emails with role", err)
}
