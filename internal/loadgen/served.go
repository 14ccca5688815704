package loadgen

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// MissingActions lists the mix's actions with an endpoint the server does not describe in its
// OpenAPI document (/api/openapi.json), so a run can leave out what is not built yet.
func MissingActions(ctx context.Context, baseURL string, mix Mix) ([]Action, error) {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, strings.TrimRight(baseURL, "/")+"/api/openapi.json", nil)
	if err != nil {
		return nil, fmt.Errorf("openapi: %w", err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, fmt.Errorf("openapi: %w", err)
	}
	defer resp.Body.Close()
	var doc struct {
		Paths map[string]json.RawMessage `json:"paths"`
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("openapi: status %d", resp.StatusCode)
	}
	if err := json.NewDecoder(resp.Body).Decode(&doc); err != nil {
		return nil, fmt.Errorf("openapi: %w", err)
	}
	var missing []Action
	for _, a := range Actions {
		if !mix.Has(a) {
			continue
		}
		for _, ep := range a.Endpoints() {
			if _, ok := doc.Paths[Paths[ep]]; !ok {
				missing = append(missing, a)
				break
			}
		}
	}
	return missing, nil
}
