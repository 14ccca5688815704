package litestore

import (
	"context"
	"fmt"

	"memora/internal/store"
	"memora/internal/store/litestore/litedb"
)

func (e executor) UserListByInstitution(ctx context.Context, p store.UserListParams) ([]store.User, error) {
	rows, err := e.r.UserListByInstitution(ctx, litedb.UserListByInstitutionParams{InstitutionID: p.InstitutionID,
		Search: p.Search, Lim: int64(p.Limit)})
	if err != nil {
		return nil, wrap("user list by institution", err)
	}
	out := make([]store.User, len(rows))
	for i, r := range rows {
		out[i] = user(r)
	}
	return out, nil
}

func (e executor) UserRolesByInstitution(ctx context.Context, institutionID string) (map[int64][]string, error) {
	rows, err := e.r.UserRolesByInstitution(ctx, institutionID)
	if err != nil {
		return nil, wrap("user roles by institution", err)
	}
	out := map[int64][]string{}
	for _, r := range rows {
		out[r.UserID] = append(out[r.UserID], r.Role)
	}
	return out, nil
}

func (e executor) InstitutionSettingsGet(ctx context.Context, id string) (store.InstitutionSettings, error) {
	r, err := e.r.InstitutionSettingsGet(ctx, id)
	if err != nil {
		return store.InstitutionSettings{}, wrap("institution settings get", err)
	}
	return store.InstitutionSettings{ID: r.ID, Name: r.Name, NameEN: r.NameEn, TimeZone: r.TimeZone, LogoURL: r.LogoUrl,
		Currency: r.Currency, PaymentNote: r.PaymentNote, PaymentNoteEN: r.PaymentNoteEn}, nil
}

func (e executor) InstitutionSettingsUpdate(ctx context.Context, s store.InstitutionSettings) error {
	n, err := e.w.InstitutionSettingsUpdate(ctx, litedb.InstitutionSettingsUpdateParams{Name: s.Name, NameEn: s.NameEN,
		TimeZone: s.TimeZone, LogoUrl: s.LogoURL, Currency: s.Currency, PaymentNote: s.PaymentNote,
		PaymentNoteEn: s.PaymentNoteEN, ID: s.ID})
	if err != nil {
		return wrap("institution settings update", err)
	}
	if n == 0 {
		return fmt.Errorf("institution settings update %s: %w", s.ID, store.ErrNotFound)
	}
	return nil
}
