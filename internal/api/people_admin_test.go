package api_test

import (
	"net/url"
	"testing"

	"github.com/stretchr/testify/require"

	"memora/internal/apitest"
	"memora/internal/identity"
	"memora/internal/store"
)

// An Institution Admin runs people without a terminal: creates a teacher, hands over a
// one-time link with which the teacher sets a password and signs in, grants and removes
// roles, disables an account (its session ends), makes a join code a student signs up
// with, and changes the institution's time zone and logo.
func TestAnInstitutionAdminManagesPeopleThroughTheAPI(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, env *apitest.Env) {
		admin, _ := env.LoginAs("admin@own.test", ownInst, store.RoleInstitutionAdmin)
		m := func(fn string) string { return apitest.Method("people", fn) }
		var teacher identity.UserView
		step(t, "a new account gets its password through a one-time link", func(t *testing.T) {
			r := admin.Post(m("create_user"), map[string]any{"email": "Amal@Own.test", "full_name": "Amal", "roles": "Teacher, Content Manager"})
			require.Equal(t, 200, r.Status, r.Body)
			r.Message(t, &teacher)
			require.Equal(t, "amal@own.test", teacher.Email)
			require.Equal(t, ownInst, teacher.Institution)
			require.Equal(t, []string{store.RoleContentManager, store.RoleTeacher}, teacher.Roles)
			require.False(t, teacher.HasPassword)
			require.Equal(t, 409, admin.Post(m("create_user"), map[string]any{"email": "amal@own.test"}).Status)

			var link identity.ResetLink
			r = admin.Post(m("issue_password_reset"), map[string]any{"user_id": teacher.ID})
			require.Equal(t, 200, r.Status, r.Body)
			r.Message(t, &link)
			u, err := url.Parse(link.Link)
			require.NoError(t, err)
			require.Equal(t, "/reset-password", u.Path)
			c := env.Client()
			r = c.Post(apitest.Method("auth", "reset_password"), map[string]any{"token": u.Query().Get("token"), "pwd": "a-new-password-42"})
			require.Equal(t, 200, r.Status, r.Body)
			require.Equal(t, 200, c.Post("/api/method/login", map[string]any{"usr": "amal@own.test", "pwd": "a-new-password-42"}).Status)
		})

		step(t, "roles are granted and removed; the System Manager role is not an admin's to give", func(t *testing.T) {
			var v identity.UserView
			admin.Post(m("set_user_role"), map[string]any{"user_id": teacher.ID, "role": "Content Manager", "grant": false}).Message(t, &v)
			require.Equal(t, []string{store.RoleTeacher}, v.Roles)
			r := admin.Post(m("set_user_role"), map[string]any{"user_id": teacher.ID, "role": "System Manager"})
			expectMessage(t, r, 403, "Only a System Manager can grant or remove the System Manager role.")
			expectMessage(t, admin.Post(m("set_user_role"), map[string]any{"user_id": teacher.ID, "role": "Janitor"}), 400,
				"Unknown role 'Janitor': use Student, Teacher, Content Manager, Institution Admin or System Manager")
		})

		step(t, "a disabled account's session ends at once", func(t *testing.T) {
			student, u := env.LoginAs("kid@own.test", ownInst)
			require.Equal(t, 200, student.Get(apitest.Method("profile", "get_player_login_info"), nil).Status)
			var v identity.UserView
			admin.Post(m("set_user_enabled"), map[string]any{"user_id": u.ID, "enabled": false}).Message(t, &v)
			require.False(t, v.Enabled)
			var info map[string]any
			student.Get(apitest.Method("profile", "get_player_login_info"), nil).Message(t, &info)
			require.Equal(t, false, info["is_logged_in"], "signed out")
			var users []identity.UserView
			admin.Get(m("get_users"), map[string]string{"search": "KID"}).Message(t, &users)
			require.Len(t, users, 1)
			require.False(t, users[0].Enabled)
		})

		step(t, "a join code lets a student sign up; disabled, it does not", func(t *testing.T) {
			var code identity.JoinCodeView
			r := admin.Post(m("create_join_code"), map[string]any{"code": "own-2026", "max_uses": 5})
			require.Equal(t, 200, r.Status, r.Body)
			r.Message(t, &code)
			require.Equal(t, "OWN2026", code.Code)
			r = env.Client().Post(apitest.Method("auth", "sign_up"), map[string]string{"join_code": "OWN2026", "full_name": "Sami",
				"email": "sami@own.test", "pwd": "sami-password-42"})
			require.Equal(t, 200, r.Status, r.Body)
			admin.Post(m("disable_join_code"), map[string]any{"code": "OWN2026"}).Message(t, &code)
			require.Equal(t, "disabled", code.State)
			require.Equal(t, int64(1), code.Uses)
		})

		step(t, "the institution's settings change, and bad ones are refused", func(t *testing.T) {
			var inst identity.InstitutionView
			r := admin.Post(m("update_institution"), map[string]any{"name": "مدرستنا", "name_en": "Our School",
				"time_zone": "Africa/Cairo", "logo_url": "https://cdn.example.org/logo.png"})
			require.Equal(t, 200, r.Status, r.Body)
			admin.Get(m("get_institution"), nil).Message(t, &inst)
			require.Equal(t, identity.InstitutionView{ID: ownInst, Name: "مدرستنا", NameEn: "Our School", TimeZone: "Africa/Cairo",
				LogoURL: "https://cdn.example.org/logo.png"}, inst)
			expectMessage(t, admin.Post(m("update_institution"), map[string]any{"name": "X", "time_zone": "Mars/Base"}), 400,
				"Unknown time zone 'Mars/Base': use an IANA name such as Asia/Amman")
			expectMessage(t, admin.Post(m("update_institution"), map[string]any{"name": "X", "time_zone": "UTC", "logo_url": "javascript:x"}), 400,
				"logo_url must be an absolute http(s) URL")
		})

		step(t, "the currency and payment instructions are set, kept when not sent, and a bad currency changes nothing", func(t *testing.T) {
			var inst identity.InstitutionView
			r := admin.Post(m("update_institution"), map[string]any{"name": "مدرستنا", "time_zone": "Asia/Amman", "currency": "jod",
				"payment_note": "حوّل إلى JO00 DEMO 0000\r\nواكتب بريدك", "payment_note_en": "Pay to JO00 DEMO 0000 "})
			require.Equal(t, 200, r.Status, r.Body)
			r.Message(t, &inst)
			require.Equal(t, "JOD", inst.Currency)
			require.Equal(t, "حوّل إلى JO00 DEMO 0000\nواكتب بريدك", inst.PaymentNote)
			require.Equal(t, "Pay to JO00 DEMO 0000", inst.PaymentNoteEn)

			r = admin.Post(m("update_institution"), map[string]any{"name": "مدرستنا", "name_en": "Our School", "time_zone": "Asia/Amman"})
			require.Equal(t, 200, r.Status, r.Body)
			admin.Get(m("get_institution"), nil).Message(t, &inst)
			require.Equal(t, "JOD", inst.Currency, "a client that does not send them keeps them")
			require.Equal(t, "Pay to JO00 DEMO 0000", inst.PaymentNoteEn)

			expectMessage(t, admin.Post(m("update_institution"), map[string]any{"name": "Y", "time_zone": "UTC", "currency": "ABC"}), 400,
				"Unknown currency 'ABC': use an ISO 4217 code such as JOD, SAR, IQD or USD")
			var after identity.InstitutionView
			admin.Get(m("get_institution"), nil).Message(t, &after)
			require.Equal(t, inst, after, "the refused call changed nothing")

			r = admin.Post(m("update_institution"), map[string]any{"name": "مدرستنا", "name_en": "Our School", "time_zone": "Asia/Amman",
				"currency": "", "payment_note": "", "payment_note_en": ""})
			require.Equal(t, 200, r.Status, r.Body)
			r.Message(t, &inst)
			require.Empty(t, inst.Currency+inst.PaymentNote+inst.PaymentNoteEn, "sent empty, they are cleared")
		})
	})
}
