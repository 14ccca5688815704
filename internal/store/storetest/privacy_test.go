package storetest

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"memora/internal/store"
	"memora/internal/store/litestore"
	"memora/internal/store/pgstore"
)

// fillUser gives a user a row in every table that can hold one of theirs: roles, a session,
// an API key, a reset link, a profile, a subject score, a played lesson, XP, memory (live and
// archived), review log, a purchase and its subscription, and audit entries by and about them.
func fillUser(t *testing.T, s store.Store, w world, u store.User, item string) {
	t.Helper()
	ctx := context.Background()
	require.NoError(t, s.UserRoleAdd(ctx, u.ID, store.RoleStudent))
	require.NoError(t, s.AuthSessionInsert(ctx, store.AuthSession{TokenHash: []byte("session-" + u.Email), UserID: u.ID, CreatedAt: t0, ExpiresAt: t0.Add(time.Hour), LastSeenAt: t0}))
	require.NoError(t, s.APIKeyInsert(ctx, store.APIKey{Key: "key-" + u.Email, UserID: u.ID, SecretHash: []byte("secret"), Label: "phone", CreatedAt: t0}))
	require.NoError(t, s.PasswordResetInsert(ctx, store.PasswordReset{TokenHash: []byte("reset-" + u.Email), UserID: u.ID, CreatedAt: t0, ExpiresAt: t0.Add(time.Hour)}))
	require.NoError(t, s.ProfileUpsert(ctx, store.PlayerProfile{UserID: u.ID, GradeID: &w.Grade, StreamID: &w.Stream, SeasonID: &w.Season, TotalXP: 30, Hearts: 5, CreatedAt: t0, UpdatedAt: t0}))
	require.NoError(t, s.SubjectScoreSet(ctx, store.SubjectScore{UserID: u.ID, SubjectID: w.Subject, TotalXP: 30, Level: 2}))
	sessionID, _, err := s.SessionInsert(ctx, store.GameplaySession{UserID: u.ID, InstitutionID: w.Inst, ClientSessionID: "c-" + u.Email,
		Kind: "lesson", LessonID: &w.Lesson, SubjectID: &w.Subject, SeasonID: &w.Season, XPEarned: 30, LocalDay: t0,
		RawData: json.RawMessage(`{"answers":[1]}`), Response: json.RawMessage(`{}`), CreatedAt: t0})
	require.NoError(t, err)
	_, err = s.XPInsert(ctx, store.XPEntry{UserID: u.ID, InstitutionID: w.Inst, SubjectID: &w.Subject, Source: "lesson", Ref: "c-" + u.Email, Amount: 30, LocalDay: t0, CreatedAt: t0})
	require.NoError(t, err)
	require.NoError(t, s.MemoryRecord(ctx, []store.MemoryState{memoryItem(u.ID, w.Season, 1), memoryItem(u.ID, w.Season, 2)},
		[]store.ReviewLogEntry{{UserID: u.ID, SeasonID: w.Season, QuestionID: "q-1", SessionID: &sessionID, Source: "lesson", Rating: 3,
			Correct: true, StateAfter: 1, DueAfter: t0.Add(time.Hour), ReviewedAt: t0}}))
	archive(t, s, u.ID, w.Season)
	_, err = s.ReviewPush(ctx, store.ReviewPushParams{UserID: u.ID, SeasonID: w.Season, QuestionIDs: []string{"q-2"}, PushedBy: u.ID + 1000, Now: t0})
	require.NoError(t, err)
	require.NoError(t, s.SRSParamsInsert(ctx, []store.SRSParams{{InstitutionID: w.Inst, SeasonID: w.Season, PlayerID: &u.ID,
		Version: int(u.ID), Weights: []float64{0.4, 1.2}, ReviewsUsed: 60, Source: "fit", CreatedAt: t0}}))
	prID, _, err := s.PurchaseRequestInsert(ctx, store.PurchaseRequest{UserID: u.ID, ItemID: item, Status: store.PurchasePending, PriceCents: 500, CreatedAt: t0})
	require.NoError(t, err)
	_, err = s.SubscriptionInsert(ctx, store.Subscription{UserID: u.ID, SeasonID: w.Season, Type: store.SubscriptionSpecific, Status: "active",
		PurchaseRequestID: &prID, Access: []store.AccessRow{{Type: "subject", SubjectID: &w.Subject}}, CreatedAt: t0})
	require.NoError(t, err)
	require.NoError(t, s.AuditInsert(ctx, store.AuditEntry{InstitutionID: &w.Inst, ActorUserID: &u.ID, ActorEmail: u.Email,
		Action: "password.reset_requested", Target: u.Email, Detail: json.RawMessage(`{}`), RemoteAddr: "10.0.0.7", CreatedAt: t0}))
	require.NoError(t, s.AuditInsert(ctx, store.AuditEntry{InstitutionID: &w.Inst, ActorEmail: "admin@example.org",
		Action: "user.disabled", Target: u.Email, Detail: json.RawMessage(fmt.Sprintf(`{"email":%q}`, u.Email)), RemoteAddr: "10.0.0.1", CreatedAt: t0}))
}

// archive writes one archived memory row of the user, as a season's archival leaves them.
func archive(t *testing.T, s store.Store, userID int64, seasonID string) {
	t.Helper()
	var err error
	switch db := s.(type) {
	case *pgstore.Store:
		_, err = db.Pool().Exec(context.Background(), `INSERT INTO archived_memory_state (user_id, season_id, question_id, due, created_at, updated_at, archived_at)
			VALUES ($1, $2, 'old-q', now(), now(), now(), now())`, userID, seasonID)
	case *litestore.Store:
		_, err = db.Writer().Exec(`INSERT INTO archived_memory_state (user_id, season_id, question_id, due, created_at, updated_at, archived_at)
			VALUES (?, ?, 'old-q', 0, 0, 0, 0)`, userID, seasonID)
	}
	require.NoError(t, err)
}

func rowsOf(t *testing.T, raw json.RawMessage) []map[string]any {
	t.Helper()
	var rows []map[string]any
	require.NoError(t, json.Unmarshal(raw, &rows), string(raw))
	return rows
}

func TestAUsersDataHoldsTheirRowsAndNoOneElses(t *testing.T) {
	t.Parallel()
	Each(t, func(t *testing.T, s store.Store) {
		t.Parallel()
		ctx := context.Background()
		w := seed(t, s, "")
		other, err := s.UserUpsert(ctx, store.UserUpsertParams{InstitutionID: w.Inst, Email: "other@example.org", FullName: "Other", Enabled: true, CreatedAt: t0})
		require.NoError(t, err)
		require.NoError(t, s.SalesItemUpsert(ctx, store.SalesItem{ID: "item", Name: "Math", PriceCents: 500, IsActive: true, CreatedAt: t0}))
		fillUser(t, s, w, w.User, "item")
		fillUser(t, s, w, other, "item")

		d, err := s.UserData(ctx, w.User.ID, w.User.Email)
		require.NoError(t, err)
		doc, err := json.Marshal(d)
		require.NoError(t, err)
		require.NotContains(t, string(doc), "other@example.org")
		require.NotContains(t, string(doc), "secret", "no secret hash")
		account := rowsOf(t, d.Account)
		require.Len(t, account, 1)
		require.Equal(t, w.User.Email, account[0]["email"])
		require.Equal(t, true, account[0]["enabled"])
		require.NotContains(t, account[0], "password_hash")
		require.Equal(t, "Student", rowsOf(t, d.Roles)[0]["role"])
		for name, part := range map[string]json.RawMessage{"sessions": d.Sessions, "api_keys": d.APIKeys, "password_resets": d.PasswordResets,
			"player_profile": d.PlayerProfile, "subject_scores": d.SubjectScores, "gameplay_sessions": d.GameplaySessions, "xp_ledger": d.XPLedger,
			"archived_memory_states": d.ArchivedMemoryStates, "review_log": d.ReviewLog, "review_pushes": d.ReviewPushes, "srs_parameters": d.SRSParameters, "purchase_requests": d.PurchaseRequests,
			"subscriptions": d.Subscriptions} {
			require.Len(t, rowsOf(t, part), 1, name)
		}
		require.Len(t, rowsOf(t, d.MemoryStates), 2)
		require.Equal(t, map[string]any{"answers": []any{float64(1)}}, rowsOf(t, d.GameplaySessions)[0]["raw_data"], "JSON as JSON")
		require.EqualValues(t, 30, rowsOf(t, d.XPLedger)[0]["amount"])
		require.Equal(t, true, rowsOf(t, d.ReviewLog)[0]["correct"])
		audit := rowsOf(t, d.AuditEntries)
		require.Len(t, audit, 2, "by them and about them")
		require.Equal(t, true, audit[0]["by_them"])
		require.Equal(t, false, audit[1]["by_them"])
		require.NotContains(t, audit[1], "actor_email", "the staff member's address is theirs")

		none, err := s.UserData(ctx, 999999, "nobody@example.org")
		require.NoError(t, err)
		require.JSONEq(t, `[]`, string(none.Account))
	})
}

func TestErasingAUserLeavesNothingOfThemAndAllOfOthers(t *testing.T) {
	t.Parallel()
	Each(t, func(t *testing.T, s store.Store) {
		t.Parallel()
		ctx := context.Background()
		w := seed(t, s, "")
		other, err := s.UserUpsert(ctx, store.UserUpsertParams{InstitutionID: w.Inst, Email: "other@example.org", FullName: "Other", Enabled: true, CreatedAt: t0})
		require.NoError(t, err)
		require.NoError(t, s.SalesItemUpsert(ctx, store.SalesItem{ID: "item", Name: "Math", PriceCents: 500, IsActive: true, CreatedAt: t0}))
		fillUser(t, s, w, w.User, "item")
		fillUser(t, s, w, other, "item")
		// The erased user decided the other's purchase and made a join code.
		_, err = s.PurchaseRequestDecide(ctx, store.PurchaseDecision{RequestID: pendingOf(t, s, other.ID), Status: store.PurchaseApproved, DecidedBy: w.User.ID, At: t0})
		require.NoError(t, err)
		require.NoError(t, s.JoinCodeInsert(ctx, store.JoinCode{Code: "CLASS1", InstitutionID: w.Inst, Role: store.RoleStudent, CreatedBy: w.User.Email, CreatedAt: t0}))
		// They were served a review session in Safe Mode.
		adm, err := s.SafeModeAdmit(ctx, store.SafeModeAdmitParams{UserID: w.User.ID, Now: t0, Window: time.Minute, PerWindow: 10, Interval: 30 * time.Second})
		require.NoError(t, err)
		require.True(t, adm.Admitted)
		require.NotEmpty(t, UserTraces(t, s, w.User.ID, w.User.Email))
		othersBefore := UserTraces(t, s, other.ID, other.Email)
		// As their teacher, the erased user also pushed one of the other's items (the mark goes).
		_, err = s.ReviewPush(ctx, store.ReviewPushParams{UserID: other.ID, SeasonID: w.Season, QuestionIDs: []string{"q-1"}, PushedBy: w.User.ID, Now: t0})
		require.NoError(t, err)

		var erased store.UserErased
		require.NoError(t, s.InTx(ctx, func(tx store.Executor) error {
			erased, err = tx.UserErase(ctx, w.User.ID, w.User.Email)
			return err
		}))
		require.Empty(t, UserTraces(t, s, w.User.ID, w.User.Email))
		require.EqualValues(t, 1, erased["users"])
		require.EqualValues(t, 2, erased["memory_state"])
		require.EqualValues(t, 2, erased["audit_log"])
		require.EqualValues(t, 1, erased["purchase_requests.decided_by"])
		require.EqualValues(t, 1, erased["join_codes"])
		_, err = s.UserGet(ctx, w.User.ID)
		require.ErrorIs(t, err, store.ErrNotFound)

		othersAfter := UserTraces(t, s, other.ID, other.Email)
		require.Equal(t, othersBefore, othersAfter, "the other user keeps everything")
		d, err := s.UserData(ctx, other.ID, other.Email)
		require.NoError(t, err)
		require.Len(t, rowsOf(t, d.PurchaseRequests), 1, "their purchase stays, without its decider")
		require.EqualValues(t, 4, count(t, s, "SELECT count(*) FROM audit_log"), "the erased user's entries stay, anonymised")
	})
}

// pendingOf is the id of a user's pending purchase request.
func pendingOf(t *testing.T, s store.Store, userID int64) int64 {
	t.Helper()
	return count(t, s, fmt.Sprintf("SELECT id FROM purchase_requests WHERE user_id = %d AND status = 'pending'", userID))
}
