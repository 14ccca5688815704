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
// OpenAPI document (/api/openapi.json), or a page it does not route (a guest gets its 404
// page instead of the way to sign in), so a run can leave out what is not built yet.
func MissingActions(ctx context.Context, baseURL string, mix Mix) ([]Action, error) {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	base := strings.TrimRight(baseURL, "/")
	var missing []Action
	for _, a := range Actions {
		if !mix.Has(a) || !a.IsPage() {
			continue
		}
		hc := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
		served, err := probePage(ctx, hc, base, pageEndpoint[a])
		if err != nil {
			return nil, err
		}
		if !served {
			missing = append(missing, a)
		}
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"/api/openapi.json", nil)
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
	for _, a := range Actions {
		if !mix.Has(a) || a.IsPage() {
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
