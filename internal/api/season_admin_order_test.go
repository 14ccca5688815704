package api_test

import (
	"testing"

	"memora/internal/apitest"
	"memora/internal/store"
)

// Of two bad dates, or two bad flags, a season form's refusal names the first in the form's
// order every time (they were read in a map's order, so either was named).
func TestASeasonWithTwoBadValuesIsRefusedForTheFirstEveryTime(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, env *apitest.Env) {
		sm, _ := env.LoginAs("sm@x.test", "x", store.RoleSystemManager)
		create := apitest.Method("season", "create_season")
		for range 16 {
			expectMessage(t, sm.Post(create, map[string]any{"season_name": "SEASON-2031", "start_date": "1/9/2031", "end_date": "30/6/2032"}),
				400, "Invalid value for start_date: expected YYYY-MM-DD")
			expectMessage(t, sm.Post(create, map[string]any{"season_name": "SEASON-2031", "start_date": "2031-09-01", "end_date": "2032-06-30",
				"is_active": "maybe", "enable_redis": "perhaps", "auto_archive": "never"}),
				400, "Invalid value for is_active: expected true or false")
		}
	})
}
