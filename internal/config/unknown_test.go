package config_test

import (
	"reflect"
	"testing"

	"memora/internal/config"
)

func TestUnknownMemoraVariablesAreNamedWithTheClosestKnownOne(t *testing.T) {
	t.Parallel()
	got := config.Unknown(map[string]string{
		"MEMORA_REDIS_ULR":          "redis://x",
		"MEMORA_ADDR":               ":8000",
		"MEMORA_FROBNICATE_WIDGETS": "1",
		"MEMORA_TEST_DATABASE_URL":  "postgres://x",
		"PATH":                      "/bin",
	})
	want := []config.UnknownVar{{Name: "MEMORA_FROBNICATE_WIDGETS"}, {Name: "MEMORA_REDIS_ULR", Suggestion: "MEMORA_REDIS_URL"}}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("Unknown = %+v, want %+v", got, want)
	}
}
