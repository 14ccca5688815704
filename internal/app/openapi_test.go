package app_test

import (
	"encoding/json"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"memora/internal/api"
	"memora/internal/apitest"
	"memora/internal/store"
)

// TestOpenAPIMatchesRoutes checks that the served routes and the OpenAPI document agree:
// every served route is documented with exactly its methods, and nothing else is documented.
func TestOpenAPIMatchesRoutes(t *testing.T) {
	env := apitest.New(t, store.SQLite)
	var doc struct {
		Paths map[string]map[string]json.RawMessage `json:"paths"`
	}
	require.NoError(t, json.Unmarshal(api.OpenAPIDocument(), &doc))

	served := map[string][]string{}
	for _, r := range env.App.Routes() {
		if r.Pattern == "/" {
			continue // the web app's pages: HTML, not API
		}
		var methods []string
		for _, m := range r.Methods {
			if m != "HEAD" {
				methods = append(methods, strings.ToLower(m))
			}
		}
		sort.Strings(methods)
		served[r.Pattern] = methods
	}
	documented := map[string][]string{}
	for path, ops := range doc.Paths {
		var methods []string
		for m := range ops {
			if m != "parameters" {
				methods = append(methods, m)
			}
		}
		sort.Strings(methods)
		documented[path] = methods
	}
	for path, methods := range served {
		got, ok := documented[path]
		require.Truef(t, ok, "served route %s is not in the OpenAPI document", path)
		require.Truef(t, slices.Equal(methods, got), "%s: served %v, documented %v", path, methods, got)
	}
	for path := range documented {
		_, ok := served[path]
		require.Truef(t, ok, "documented path %s is not served", path)
	}
}
