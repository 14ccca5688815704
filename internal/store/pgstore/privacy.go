package pgstore

import (
	"context"
	"encoding/json"

	"memora/internal/store"
	"memora/internal/store/pgstore/pgdb"
)

func (e executor) UserData(ctx context.Context, userID int64, email string) (store.UserData, error) {
	var d store.UserData
	parts := []struct {
		dst  *json.RawMessage
		read func(context.Context, int64) (string, error)
	}{
		{&d.Account, e.q.UserDataAccount},
		{&d.Roles, e.q.UserDataRoles},
		{&d.Sessions, e.q.UserDataSessions},
		{&d.APIKeys, e.q.UserDataAPIKeys},
		{&d.PasswordResets, e.q.UserDataPasswordResets},
		{&d.PlayerProfile, e.q.UserDataPlayerProfile},
		{&d.SubjectScores, e.q.UserDataSubjectScores},
		{&d.GameplaySessions, e.q.UserDataGameplaySessions},
		{&d.XPLedger, e.q.UserDataXPLedger},
		{&d.MemoryStates, e.q.UserDataMemoryStates},
		{&d.ArchivedMemoryStates, e.q.UserDataArchivedMemoryStates},
		{&d.ReviewLog, e.q.UserDataReviewLog},
		{&d.ReviewPushes, e.q.UserDataReviewPushes},
		{&d.SRSParameters, func(ctx context.Context, id int64) (string, error) { return e.q.UserDataSRSParameters(ctx, &id) }},
		{&d.PurchaseRequests, e.q.UserDataPurchaseRequests},
		{&d.Subscriptions, e.q.UserDataSubscriptions},
	}
	for _, p := range parts {
		doc, err := p.read(ctx, userID)
		if err != nil {
			return store.UserData{}, wrap("user data", err)
		}
		*p.dst = json.RawMessage(doc)
	}
	doc, err := e.q.UserDataAuditEntries(ctx, pgdb.UserDataAuditEntriesParams{UserID: &userID, Email: email})
	d.AuditEntries = json.RawMessage(doc)
	return d, wrap("user data", err)
}

func (e executor) UserErase(ctx context.Context, userID int64, email string) (store.UserErased, error) {
	out := store.UserErased{}
	err := e.inWrite(ctx, func(q *pgdb.Queries) error {
		steps := []struct {
			table string
			run   func(context.Context, int64) (int64, error)
		}{
			{"subscription_access", q.UserEraseSubscriptionAccess},
			{"subscriptions", q.UserEraseSubscriptions},
			{"purchase_requests", q.UserErasePurchaseRequests},
			{"memory_state", q.UserEraseMemoryStates},
			{"memory_level_counts", q.UserEraseMemoryLevelCounts},
			{"archived_memory_state", q.UserEraseArchivedMemoryStates},
			{"review_log", q.UserEraseReviewLog},
			{"review_pushes", q.UserEraseReviewPushes},
			{"srs_parameters", func(ctx context.Context, id int64) (int64, error) { return q.UserEraseSRSParameters(ctx, &id) }},
			{"xp_ledger", q.UserEraseXPLedger},
			{"gameplay_sessions", q.UserEraseGameplaySessions},
			{"player_subject_scores", q.UserEraseSubjectScores},
			{"player_profiles", q.UserErasePlayerProfile},
			{"user_roles", q.UserEraseRoles},
			{"auth_sessions", q.UserEraseSessions},
			{"api_keys", q.UserEraseAPIKeys},
			{"password_resets", q.UserErasePasswordResets},
			{"safe_mode_players", q.UserEraseSafeModePlayers},
		}
		for _, s := range steps {
			n, err := s.run(ctx, userID)
			if err != nil {
				return wrap("user erase "+s.table, err)
			}
			out[s.table] = n
		}
		var err error
		if out["purchase_requests.decided_by"], err = q.UserEraseDecisions(ctx, &userID); err != nil {
			return wrap("user erase decisions", err)
		}
		if out["audit_log"], err = q.UserEraseAudit(ctx, pgdb.UserEraseAuditParams{UserID: &userID, Email: email}); err != nil {
			return wrap("user erase audit", err)
		}
		if out["join_codes"], err = q.UserEraseJoinCodeAuthor(ctx, email); err != nil {
			return wrap("user erase join codes", err)
		}
		out["users"], err = q.UserEraseAccount(ctx, userID)
		return wrap("user erase account", err)
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
