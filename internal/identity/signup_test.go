package identity

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"memora/internal/audit"
	"memora/internal/clock"
	"memora/internal/mail"
	"memora/internal/problem"
	"memora/internal/store"
	"memora/internal/store/storetest"
)

var signUpT0 = time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)

// recordingMailer keeps what it was asked to send.
type recordingMailer struct {
	mu   sync.Mutex
	sent []mail.Message
}

func (m *recordingMailer) Send(_ context.Context, msg mail.Message) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.sent = append(m.sent, msg)
	return nil
}

func (m *recordingMailer) messages() []mail.Message {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]mail.Message(nil), m.sent...)
}

type fixture struct {
	svc    *Service
	st     store.Store
	clk    *clock.Fake
	mailer *recordingMailer
	logs   *bytes.Buffer
}

// eachService runs fn on a service over a fresh store of every engine, with institution
// "school" (Asia/Amman) and a fake mailer.
func eachService(t *testing.T, fn func(t *testing.T, f fixture)) {
	t.Helper()
	for _, e := range storetest.Engines() {
		t.Run(string(e), func(t *testing.T) {
			st := storetest.Open(t, e)
			require.NoError(t, st.InstitutionUpsert(context.Background(), store.Institution{ID: "school", Name: "مدرسة", NameEN: "School", TimeZone: "Asia/Amman"}))
			clk := clock.NewFake(signUpT0)
			logs := &bytes.Buffer{}
			logger := slog.New(slog.NewTextHandler(logs, nil))
			m := &recordingMailer{}
			svc := &Service{Store: st, Clock: clk, Audit: audit.Log{Store: st, Clock: clk, Logger: logger}, Logger: logger,
				SessionTTL: 24 * time.Hour, Accounts: NewFailureLimiter(5, time.Minute), Addresses: NewFailureLimiter(20, time.Minute),
				SignUps: NewFailureLimiter(5, time.Minute), Resets: DefaultResetLimits(), Mailer: m}
			fn(t, fixture{svc: svc, st: st, clk: clk, mailer: m, logs: logs})
		})
	}
}

func requireProblem(t *testing.T, err error, kind problem.Kind, message string) {
	t.Helper()
	p, ok := problem.As(err)
	require.True(t, ok, "want a problem, got %v", err)
	require.Equal(t, kind, p.Kind, p.Message)
	require.Equal(t, message, p.Message)
}

func TestThePasswordPolicyRefusesShortBlankRepeatedEmailAndGuessablePasswords(t *testing.T) {
	for pw, want := range map[string]string{
		"":                        msgPasswordShort,
		"seven77":                 msgPasswordShort,
		"        ":                msgPasswordBlank,
		" \t \t \t \t":            msgPasswordBlank,
		"aaaaaaaaaa":              msgPasswordRepeated,
		"ببببببببب":               msgPasswordRepeated,
		"Sara@Example.org":        msgPasswordIsEmail,
		strings.Repeat("ab", 129): msgPasswordLong,
		"password":                msgPasswordCommon,
		"Password123":             msgPasswordCommon,
		"!qwerty2024":             msgPasswordCommon,
		"iloveyou":                msgPasswordCommon,
		"ضصثقفغعه":                msgPasswordCommon, // the Arabic keyboard's "qwertyui"
		"12345678":                msgPasswordCommon,
		"abcdefgh":                msgPasswordCommon,
		"98765432":                msgPasswordCommon,
		"12121212":                msgPasswordCommon,
		"abcabcabc":               msgPasswordCommon,
		"Memora2026":              msgPasswordCommon,
	} {
		requireProblem(t, ValidatePassword(pw, "sara@example.org"), problem.Invalid, want)
	}
	for _, ok := range []string{"memora-demo", "correct horse", "كلمة سر طويلة", "blue kettle", "password manager", "20082010", "abcdefgx", strings.Repeat("correct horse ", 19)[:256]} {
		require.NoError(t, ValidatePassword(ok, "sara@example.org"), ok)
	}
	require.NoError(t, ValidatePassword("sara@example.org", ""), "no e-mail to compare with")
}

func TestGeneratedJoinCodesAreEightUnambiguousCharacters(t *testing.T) {
	seen := map[string]bool{}
	for range 200 {
		c := randomJoinCode()
		require.Len(t, c, JoinCodeLength)
		require.Regexp(t, "^["+JoinCodeAlphabet+"]+$", c)
		seen[c] = true
	}
	require.Len(t, seen, 200, "codes are random")
	require.NotContains(t, JoinCodeAlphabet, "0")
	require.NotContains(t, JoinCodeAlphabet, "O")
	require.NotContains(t, JoinCodeAlphabet, "1")
	require.NotContains(t, JoinCodeAlphabet, "I")
}

func TestJoinCodesAreCreatedListedAndDisabled(t *testing.T) {
	eachService(t, func(t *testing.T, f fixture) {
		ctx := context.Background()
		random, err := f.svc.CreateJoinCode(ctx, NewJoinCode{InstitutionID: "school", CreatedBy: "cli"})
		require.NoError(t, err)
		require.True(t, ValidJoinCode(random.Code))
		require.Nil(t, random.MaxUses)
		require.Nil(t, random.ExpiresAt)
		require.Equal(t, store.RoleStudent, random.Role)

		f.clk.Advance(time.Minute)
		given, err := f.svc.CreateJoinCode(ctx, NewJoinCode{InstitutionID: "school", Code: " class-10a ", MaxUses: 30,
			ExpiresIn: 720 * time.Hour, CreatedBy: "admin@school.test"})
		require.NoError(t, err)
		require.Equal(t, "CLASS10A", given.Code, "upper-cased, without spaces and dashes")
		require.EqualValues(t, 30, *given.MaxUses)
		require.True(t, f.clk.Now().Add(720*time.Hour).Equal(*given.ExpiresAt))

		_, err = f.svc.CreateJoinCode(ctx, NewJoinCode{InstitutionID: "school", Code: "Class10A"})
		requireProblem(t, err, problem.Conflict, msgJoinCodeExists)
		_, err = f.svc.CreateJoinCode(ctx, NewJoinCode{InstitutionID: "school", Code: "ab!"})
		requireProblem(t, err, problem.Invalid, msgJoinCodeFormat)
		_, err = f.svc.CreateJoinCode(ctx, NewJoinCode{InstitutionID: "nowhere"})
		requireProblem(t, err, problem.NotFound, msgInstitutionGone)
		_, err = f.svc.CreateJoinCode(ctx, NewJoinCode{InstitutionID: "school", MaxUses: -1})
		requireProblem(t, err, problem.Invalid, msgMaxUses)

		list, err := f.svc.ListJoinCodes(ctx, "school")
		require.NoError(t, err)
		require.Equal(t, []string{"CLASS10A", random.Code}, []string{list[0].Code, list[1].Code})
		require.Equal(t, JoinCodeActive, JoinCodeState(list[0], f.clk.Now()))
		require.Equal(t, JoinCodeExpired, JoinCodeState(list[0], f.clk.Now().Add(720*time.Hour)))

		require.NoError(t, f.svc.DisableJoinCode(ctx, "admin@school.test", "class10a"))
		c, err := f.st.JoinCodeGet(ctx, "CLASS10A")
		require.NoError(t, err)
		require.Equal(t, JoinCodeDisabled, JoinCodeState(c, f.clk.Now()))
		requireProblem(t, f.svc.DisableJoinCode(ctx, "cli", "NOPE1234"), problem.NotFound, msgJoinCodeNotFound)

		entries, err := f.st.AuditList(ctx, store.AuditListParams{Action: ActionJoinCodeCreated})
		require.NoError(t, err)
		require.Len(t, entries, 2, "each creation is audited")
	})
}

func TestSignUpCreatesAStudentOfTheCodesInstitutionAndOpensASession(t *testing.T) {
	eachService(t, func(t *testing.T, f fixture) {
		ctx := context.Background()
		code, err := f.svc.CreateJoinCode(ctx, NewJoinCode{InstitutionID: "school", MaxUses: 2, CreatedBy: "cli"})
		require.NoError(t, err)

		res, err := f.svc.SignUp(ctx, SignUp{JoinCode: strings.ToLower(code.Code), FullName: "  ليلى   أحمد ",
			Email: " Layla@Example.org", Password: "a good password"}, "10.0.0.1")
		require.NoError(t, err)
		require.NotEmpty(t, res.Token)
		require.Equal(t, "layla@example.org", res.Principal.Email)
		require.Equal(t, "ليلى أحمد", res.Principal.FullName)
		require.Equal(t, "school", res.Principal.InstitutionID)
		require.Equal(t, []string{store.RoleStudent}, res.Principal.Roles)
		require.Equal(t, "Asia/Amman", res.Principal.Zone().String())
		require.True(t, f.clk.Now().Add(24*time.Hour).Equal(res.ExpiresAt))

		who, err := f.svc.AuthenticateSession(ctx, res.Token)
		require.NoError(t, err)
		require.Equal(t, res.Principal, who)
		_, err = f.svc.Login(ctx, "layla@example.org", "a good password", "10.0.0.1")
		require.NoError(t, err, "the password works for later logins")

		c, err := f.st.JoinCodeGet(ctx, code.Code)
		require.NoError(t, err)
		require.EqualValues(t, 1, c.Uses, "the use is counted")
		entries, err := f.st.AuditList(ctx, store.AuditListParams{Action: ActionSignedUp})
		require.NoError(t, err)
		require.Len(t, entries, 1)
		require.Equal(t, "layla@example.org", entries[0].Target)
	})
}

func TestSignUpRefusalsSayWhatIsWrongAndChangeNothing(t *testing.T) {
	eachService(t, func(t *testing.T, f fixture) {
		ctx := context.Background()
		f.svc.SignUps = nil // this test is about the answers, not the limit
		open, err := f.svc.CreateJoinCode(ctx, NewJoinCode{InstitutionID: "school", Code: "OPEN2026"})
		require.NoError(t, err)
		_, err = f.svc.CreateJoinCode(ctx, NewJoinCode{InstitutionID: "school", Code: "SOON2026", ExpiresIn: time.Hour})
		require.NoError(t, err)
		_, err = f.svc.CreateJoinCode(ctx, NewJoinCode{InstitutionID: "school", Code: "ONCE2026", MaxUses: 1})
		require.NoError(t, err)
		_, err = f.svc.CreateJoinCode(ctx, NewJoinCode{InstitutionID: "school", Code: "GONE2026"})
		require.NoError(t, err)
		require.NoError(t, f.svc.DisableJoinCode(ctx, "cli", "GONE2026"))
		_, err = f.svc.SignUp(ctx, SignUp{JoinCode: "ONCE2026", FullName: "First", Email: "first@example.org", Password: "first password"}, "a")
		require.NoError(t, err)
		f.clk.Advance(time.Hour)
		_, err = f.svc.CreateUser(ctx, NewUser{InstitutionID: "school", Email: "taken@example.org", Roles: []string{store.RoleTeacher}, Password: "teacher password"})
		require.NoError(t, err)
		usersBefore, err := f.st.UserCount(ctx)
		require.NoError(t, err)

		good := SignUp{JoinCode: open.Code, FullName: "New Student", Email: "new@example.org", Password: "new password"}
		for _, c := range []struct {
			change func(*SignUp)
			kind   problem.Kind
			msg    string
		}{
			{func(s *SignUp) { s.JoinCode = "  " }, problem.Invalid, msgJoinCodeMissing},
			{func(s *SignUp) { s.JoinCode = "WRONG999" }, problem.Invalid, msgJoinCodeInvalid},
			{func(s *SignUp) { s.JoinCode = "bad code!" }, problem.Invalid, msgJoinCodeInvalid},
			{func(s *SignUp) { s.JoinCode = "GONE2026" }, problem.Invalid, msgJoinCodeOff},
			{func(s *SignUp) { s.JoinCode = "SOON2026" }, problem.Invalid, msgJoinCodeExpired},
			{func(s *SignUp) { s.JoinCode = "ONCE2026" }, problem.Invalid, msgJoinCodeUsedUp},
			{func(s *SignUp) { s.FullName = " \t " }, problem.Invalid, msgNameMissing},
			{func(s *SignUp) { s.FullName = strings.Repeat("n", 141) }, problem.Invalid, msgNameLong},
			{func(s *SignUp) { s.Email = "not-an-address" }, problem.Invalid, msgEmailInvalid},
			{func(s *SignUp) { s.Email = "Someone <new@example.org>" }, problem.Invalid, msgEmailInvalid},
			{func(s *SignUp) { s.Email = "new@localhost" }, problem.Invalid, msgEmailInvalid},
			{func(s *SignUp) { s.Email = "Taken@Example.org" }, problem.Conflict, msgEmailTaken},
			{func(s *SignUp) { s.Password = "short" }, problem.Invalid, msgPasswordShort},
			{func(s *SignUp) { s.Password = "new@example.org" }, problem.Invalid, msgPasswordIsEmail},
		} {
			in := good
			c.change(&in)
			_, err := f.svc.SignUp(ctx, in, "a")
			requireProblem(t, err, c.kind, c.msg)
		}
		users, err := f.st.UserCount(ctx)
		require.NoError(t, err)
		require.Equal(t, usersBefore, users, "no refused sign-up creates an account")
		got, err := f.st.JoinCodeGet(ctx, "OPEN2026")
		require.NoError(t, err)
		require.Zero(t, got.Uses, "no refused sign-up counts a use")
		taken, err := f.st.UserGetByEmail(ctx, "taken@example.org")
		require.NoError(t, err)
		require.Equal(t, "school", taken.InstitutionID)
		roles, err := f.st.UserRoles(ctx, taken.ID)
		require.NoError(t, err)
		require.Equal(t, []string{store.RoleTeacher}, roles, "an existing account is never touched")
	})
}

func TestFailedSignUpsFromOneAddressAreRateLimited(t *testing.T) {
	eachService(t, func(t *testing.T, f fixture) {
		ctx := context.Background()
		code, err := f.svc.CreateJoinCode(ctx, NewJoinCode{InstitutionID: "school"})
		require.NoError(t, err)
		for range 5 {
			_, err := f.svc.SignUp(ctx, SignUp{JoinCode: "GUESS123", FullName: "X", Email: "x@example.org", Password: "x password"}, "10.0.0.9")
			requireProblem(t, err, problem.Invalid, msgJoinCodeInvalid)
		}
		good := SignUp{JoinCode: code.Code, FullName: "X", Email: "x@example.org", Password: "x password"}
		_, err = f.svc.SignUp(ctx, good, "10.0.0.9")
		requireProblem(t, err, problem.RateLimited, msgSignUpRateLimit)
		p, _ := problem.As(err)
		require.Equal(t, time.Minute, p.RetryAfter)
		_, err = f.svc.SignUp(ctx, good, "10.0.0.10")
		require.NoError(t, err, "another address is not limited")

		f.clk.Advance(time.Minute)
		good.Email = "y@example.org"
		_, err = f.svc.SignUp(ctx, good, "10.0.0.9")
		require.NoError(t, err, "the window passed")
	})
}

var tokenInLink = regexp.MustCompile(`https://memora\.test/reset\?token=([A-Za-z0-9_-]+)`)

func TestAPasswordResetLinkSetsTheNewPasswordOnceAndEndsEverySession(t *testing.T) {
	eachService(t, func(t *testing.T, f fixture) {
		ctx := context.Background()
		u, err := f.svc.CreateUser(ctx, NewUser{InstitutionID: "school", Email: "sara@example.org", FullName: "Sara",
			Roles: []string{store.RoleStudent}, Password: "old password"})
		require.NoError(t, err)
		s1, err := f.svc.Login(ctx, "sara@example.org", "old password", "a")
		require.NoError(t, err)
		s2, err := f.svc.Login(ctx, "sara@example.org", "old password", "b")
		require.NoError(t, err)

		require.NoError(t, f.svc.RequestPasswordReset(ctx, " SARA@example.org ", "https://memora.test/reset", "10.0.0.1"))
		sent := f.mailer.messages()
		require.Len(t, sent, 1)
		require.Equal(t, []string{"sara@example.org"}, sent[0].To)
		m := tokenInLink.FindStringSubmatch(sent[0].Body)
		require.NotNil(t, m, sent[0].Body)
		token := m[1]
		require.NotContains(t, f.logs.String(), token, "with a mailer the link is not logged")

		requireProblem(t, f.svc.ResetPassword(ctx, token, "short"), problem.Invalid, msgPasswordShort)
		requireProblem(t, f.svc.ResetPassword(ctx, "forged-token", "new password"), problem.Invalid, msgResetInvalid)
		require.NoError(t, f.svc.ResetPassword(ctx, token, "new password"), "a refused password does not spend the token")

		for _, tok := range []string{s1.Token, s2.Token} {
			_, err := f.svc.AuthenticateSession(ctx, tok)
			require.ErrorIs(t, err, ErrNotLoggedIn, "every session ended, cached ones too")
		}
		_, err = f.svc.Login(ctx, "sara@example.org", "old password", "a")
		require.ErrorIs(t, err, ErrInvalidCredentials)
		_, err = f.svc.Login(ctx, "sara@example.org", "new password", "a")
		require.NoError(t, err)
		requireProblem(t, f.svc.ResetPassword(ctx, token, "another password"), problem.Invalid, msgResetInvalid)

		for _, action := range []string{ActionPasswordResetRequested, ActionPasswordReset} {
			entries, err := f.st.AuditList(ctx, store.AuditListParams{Action: action})
			require.NoError(t, err)
			require.Len(t, entries, 1, action)
			require.Equal(t, u.ID, *entries[0].ActorUserID)
		}
	})
}

func TestACompletedPasswordResetSpendsTheAccountsOtherLinks(t *testing.T) {
	eachService(t, func(t *testing.T, f fixture) {
		ctx := context.Background()
		_, err := f.svc.CreateUser(ctx, NewUser{InstitutionID: "school", Email: "sara@example.org", Roles: []string{store.RoleStudent}})
		require.NoError(t, err)
		_, err = f.svc.CreateUser(ctx, NewUser{InstitutionID: "school", Email: "omar@example.org", Roles: []string{store.RoleStudent}})
		require.NoError(t, err)
		for _, email := range []string{"sara@example.org", "sara@example.org", "omar@example.org"} {
			require.NoError(t, f.svc.RequestPasswordReset(ctx, email, "https://memora.test/reset", "10.0.0.1"))
		}
		sent := f.mailer.messages()
		require.Len(t, sent, 3)
		older := tokenInLink.FindStringSubmatch(sent[0].Body)[1]
		newer := tokenInLink.FindStringSubmatch(sent[1].Body)[1]
		omars := tokenInLink.FindStringSubmatch(sent[2].Body)[1]

		require.NoError(t, f.svc.ResetPassword(ctx, newer, "new password"))
		requireProblem(t, f.svc.ResetPassword(ctx, older, "stolen password"), problem.Invalid, msgResetInvalid)
		_, err = f.svc.Login(ctx, "sara@example.org", "new password", "a")
		require.NoError(t, err, "the older link changed nothing")
		require.NoError(t, f.svc.ResetPassword(ctx, omars, "omar's password"), "another account's link still works")
	})
}

func TestAPasswordResetLinkExpiresAfterAnHour(t *testing.T) {
	eachService(t, func(t *testing.T, f fixture) {
		ctx := context.Background()
		_, err := f.svc.CreateUser(ctx, NewUser{InstitutionID: "school", Email: "sara@example.org", Roles: []string{store.RoleStudent}})
		require.NoError(t, err)
		require.NoError(t, f.svc.RequestPasswordReset(ctx, "sara@example.org", "https://memora.test/reset", "a"))
		token := tokenInLink.FindStringSubmatch(f.mailer.messages()[0].Body)[1]
		f.clk.Advance(ResetTTL)
		requireProblem(t, f.svc.ResetPassword(ctx, token, "new password"), problem.Invalid, msgResetInvalid)
	})
}

// Unknown and disabled accounts get the same answer as real ones, and no mail.
func TestAPasswordResetRequestNeverTellsWhetherAnAccountExists(t *testing.T) {
	eachService(t, func(t *testing.T, f fixture) {
		ctx := context.Background()
		u, err := f.svc.CreateUser(ctx, NewUser{InstitutionID: "school", Email: "off@example.org", Roles: []string{store.RoleStudent}})
		require.NoError(t, err)
		require.NoError(t, f.st.UserSetEnabled(ctx, u.ID, false))
		require.NoError(t, f.svc.RequestPasswordReset(ctx, "nobody@example.org", "https://memora.test/reset", "a"))
		require.NoError(t, f.svc.RequestPasswordReset(ctx, "off@example.org", "https://memora.test/reset", "a"))
		require.Empty(t, f.mailer.messages())
		requireProblem(t, f.svc.RequestPasswordReset(ctx, "not an address", "https://memora.test/reset", "a"), problem.Invalid, msgEmailInvalid)
	})
}

func TestWithoutAMailerTheResetLinkIsLoggedForTheAdmin(t *testing.T) {
	eachService(t, func(t *testing.T, f fixture) {
		ctx := context.Background()
		f.svc.Mailer = nil
		u, err := f.svc.CreateUser(ctx, NewUser{InstitutionID: "school", Email: "sara@example.org", Roles: []string{store.RoleStudent}})
		require.NoError(t, err)
		require.NoError(t, f.svc.RequestPasswordReset(ctx, "sara@example.org", "http://127.0.0.1:8000/reset", "a"))
		logs := f.logs.String()
		require.Contains(t, logs, `level=INFO msg="password reset link"`)
		require.Contains(t, logs, "user="+strconvI(u.ID))
		require.Regexp(t, `link="?http://127\.0\.0\.1:8000/reset\?token=[A-Za-z0-9_-]{43}`, logs)
	})
}

func TestPasswordResetRequestsAreLimitedPerAccountSilentlyAndPerAddressOpenly(t *testing.T) {
	eachService(t, func(t *testing.T, f fixture) {
		ctx := context.Background()
		_, err := f.svc.CreateUser(ctx, NewUser{InstitutionID: "school", Email: "sara@example.org", Roles: []string{store.RoleStudent}})
		require.NoError(t, err)
		for i := range 5 {
			require.NoError(t, f.svc.RequestPasswordReset(ctx, "sara@example.org", "https://memora.test/reset", "10.0.0."+strconvI(int64(i))))
		}
		require.Len(t, f.mailer.messages(), 3, "3 links per account per hour; the others are dropped without saying so")

		for range 20 - 1 {
			require.NoError(t, f.svc.RequestPasswordReset(ctx, "x@example.org", "https://memora.test/reset", "10.9.9.9"))
		}
		err = f.svc.RequestPasswordReset(ctx, "y@example.org", "https://memora.test/reset", "10.9.9.9")
		require.NoError(t, err, "the 20th request of an address")
		err = f.svc.RequestPasswordReset(ctx, "y@example.org", "https://memora.test/reset", "10.9.9.9")
		requireProblem(t, err, problem.RateLimited, msgResetRateLimit)
	})
}

func strconvI(v int64) string { return strconv.FormatInt(v, 10) }

func TestTheSweepRemovesExpiredResetLinks(t *testing.T) {
	eachService(t, func(t *testing.T, f fixture) {
		ctx := context.Background()
		_, err := f.svc.CreateUser(ctx, NewUser{InstitutionID: "school", Email: "sara@example.org", Roles: []string{store.RoleStudent}})
		require.NoError(t, err)
		require.NoError(t, f.svc.RequestPasswordReset(ctx, "sara@example.org", "https://memora.test/reset", "a"))
		token := tokenInLink.FindStringSubmatch(f.mailer.messages()[0].Body)[1]
		_, err = f.svc.SweepSessions(ctx)
		require.NoError(t, err)
		_, err = f.st.PasswordResetGet(ctx, hashToken(token))
		require.NoError(t, err, "a live link stays")
		f.clk.Advance(ResetTTL)
		_, err = f.svc.SweepSessions(ctx)
		require.NoError(t, err)
		_, err = f.st.PasswordResetGet(ctx, hashToken(token))
		require.ErrorIs(t, err, store.ErrNotFound)
	})
}

func TestSignUpFieldNamesTheFieldOfEachRefusal(t *testing.T) {
	for msg, field := range map[string]string{
		msgJoinCodeMissing: "join_code", msgJoinCodeExpired: "join_code", msgNameMissing: "full_name",
		msgEmailInvalid: "email", msgEmailTaken: "email", msgPasswordShort: "password", msgPasswordCommon: "password",
		msgSignUpRateLimit: "",
	} {
		require.Equal(t, field, SignUpField(problem.InvalidMsg(msg)), msg)
	}
	require.Equal(t, "", SignUpField(errors.New("database down")))
	require.Equal(t, "email", SignUpField(fmt.Errorf("sign up: %w", problem.ConflictMsg(msgEmailTaken))))
}
