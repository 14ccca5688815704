package web_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"testing"

	"github.com/stretchr/testify/require"

	"memora/internal/identity"
	"memora/internal/webtest"
)

// A refused sign-up marks the field it is about as invalid, ties the message to it and puts
// the cursor there; the other fields stay as they were.
func TestARefusedSignUpMarksAndFocusesTheFieldItIsAbout(t *testing.T) {
	t.Parallel()
	srv := webtest.Start(t)
	code, err := srv.App.Identity.CreateJoinCode(context.Background(), identity.NewJoinCode{InstitutionID: "demo-academy", CreatedBy: "test"})
	require.NoError(t, err)
	c := newClient(t, srv)
	input := regexp.MustCompile(`<input id="(\w+)"[^>]*>`)
	for _, tc := range []struct {
		field string
		form  url.Values
	}{
		{"join_code", url.Values{"join_code": {"NOPE1234"}, "full_name": {"Huda"}, "email": {"huda@example.org"}, "password": {"a-good-password"}}},
		{"full_name", url.Values{"join_code": {code.Code}, "full_name": {" "}, "email": {"huda@example.org"}, "password": {"a-good-password"}}},
		{"email", url.Values{"join_code": {code.Code}, "full_name": {"Huda"}, "email": {"huda@"}, "password": {"a-good-password"}}},
		{"password", url.Values{"join_code": {code.Code}, "full_name": {"Huda"}, "email": {"huda@example.org"}, "password": {"password123"}}},
	} {
		p := c.post("/signup", tc.form)
		require.Equal(t, http.StatusBadRequest, p.status, tc.field)
		require.Contains(t, p.body, `id="form-error"`, tc.field)
		marked := 0
		for _, m := range input.FindAllStringSubmatch(p.body, -1) {
			invalid := regexp.MustCompile(`aria-invalid="true"`).MatchString(m[0])
			described := regexp.MustCompile(`aria-describedby="[^"]*form-error`).MatchString(m[0])
			focused := regexp.MustCompile(` autofocus`).MatchString(m[0])
			if m[1] == tc.field {
				require.True(t, invalid && described && focused, "%s: %s", tc.field, m[0])
				marked++
				continue
			}
			require.False(t, invalid || described || focused, "%s: %s", tc.field, m[0])
		}
		require.Equal(t, 1, marked, tc.field)
	}
}
