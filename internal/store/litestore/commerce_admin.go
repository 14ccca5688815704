package litestore

import (
	"context"
	"fmt"
	"strings"

	"memora/internal/store"
	"memora/internal/store/litestore/litedb"
)

func (e executor) SalesItemListAll(ctx context.Context) ([]store.SalesItem, error) {
	rows, err := e.r.SalesItemListAll(ctx)
	if err != nil {
		return nil, wrap("sales item list all", err)
	}
	streams, err := e.r.SalesItemStreamsAll(ctx)
	if err != nil {
		return nil, wrap("sales item streams all", err)
	}
	bundles, err := e.r.SalesItemBundlesAll(ctx)
	if err != nil {
		return nil, wrap("sales item bundles all", err)
	}
	byItem := make(map[string]int, len(rows))
	out := make([]store.SalesItem, len(rows))
	for i, r := range rows {
		out[i] = salesItem(r)
		byItem[r.ID] = i
	}
	for _, s := range streams {
		if i, ok := byItem[s.ItemID]; ok {
			out[i].TargetStreams = append(out[i].TargetStreams, s.StreamID)
		}
	}
	for _, b := range bundles {
		if i, ok := byItem[b.ItemID]; ok {
			out[i].Bundle = append(out[i].Bundle, store.BundleRow{Type: b.Type, SubjectID: b.SubjectID, TrackID: b.TrackID})
		}
	}
	return out, nil
}

func (e executor) SalesItemDelete(ctx context.Context, id string) error {
	var n int64
	err := e.inWrite(ctx, func(q *litedb.Queries) error {
		var err error
		n, err = q.SalesItemDelete(ctx, id)
		return err
	})
	switch {
	case err != nil && strings.Contains(err.Error(), "FOREIGN KEY constraint failed"):
		return fmt.Errorf("sales item delete %s: %w: %v", id, store.ErrConflict, err)
	case err != nil:
		return wrap("sales item delete", err)
	case n == 0:
		return fmt.Errorf("sales item delete %s: %w", id, store.ErrNotFound)
	}
	return nil
}

func (e executor) SubscriptionListByInstitution(ctx context.Context, p store.SubscriptionListParams) ([]store.SubscriptionView, error) {
	rows, err := e.r.SubscriptionListByInstitution(ctx, litedb.SubscriptionListByInstitutionParams{
		InstitutionID: p.InstitutionID, Status: p.Status, Lim: int64(p.Limit)})
	if err != nil {
		return nil, wrap("subscription list", err)
	}
	access, err := e.r.SubscriptionAccessByInstitution(ctx, p.InstitutionID)
	if err != nil {
		return nil, wrap("subscription access list", err)
	}
	byID := make(map[int64]int, len(rows))
	out := make([]store.SubscriptionView, len(rows))
	for i, r := range rows {
		out[i] = store.SubscriptionView{Subscription: store.Subscription{ID: r.ID, UserID: r.UserID, SeasonID: r.SeasonID,
			Type: r.Type, Status: r.Status, PurchaseRequestID: r.PurchaseRequestID, CreatedAt: fromMicros(r.CreatedAt)},
			UserEmail: r.Email, UserFullName: r.FullName}
		byID[r.ID] = i
	}
	for _, a := range access {
		if i, ok := byID[a.SubscriptionID]; ok {
			out[i].Access = append(out[i].Access, store.AccessRow{Type: a.Type, SubjectID: a.SubjectID, TrackID: a.TrackID})
		}
	}
	return out, nil
}

func (e executor) SubscriptionOwner(ctx context.Context, id int64) (store.SubscriptionOwner, error) {
	r, err := e.r.SubscriptionOwner(ctx, id)
	if err != nil {
		return store.SubscriptionOwner{}, wrap("subscription owner", err)
	}
	return store.SubscriptionOwner{InstitutionID: r.InstitutionID, UserID: r.UserID, Status: r.Status}, nil
}

func (e executor) SubscriptionSetStatus(ctx context.Context, id int64, status string) error {
	n, err := e.w.SubscriptionSetStatus(ctx, litedb.SubscriptionSetStatusParams{Status: status, ID: id})
	if err != nil {
		return wrap("subscription set status", err)
	}
	if n == 0 {
		return fmt.Errorf("subscription set status %d: %w", id, store.ErrNotFound)
	}
	return nil
}
