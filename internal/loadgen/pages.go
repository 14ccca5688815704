package loadgen

import (
	"context"
	"fmt"
	"mime"
	"net/http"
	"net/url"
	"slices"
	"time"
)

// The web app's pages (internal/web) as the report names them: one per route, whatever id it
// is opened with.
const (
	EPPageHome        = "page /"
	EPPageMap         = "page /subjects/{id}"
	EPPageTopic       = "page /topics/{id}"
	EPPageLesson      = "page /lessons/{id}"
	EPPageReview      = "page /review"
	EPPageProfile     = "page /profile"
	EPPageLeaderboard = "page /leaderboard"
	EPPageStore       = "page /store"
)

// pageRoutes are the paths the pages are opened at; "{id}" is filled per request, and a probe
// (MissingActions) opens them with a made-up id.
var pageRoutes = map[string]string{
	EPPageHome:        "/",
	EPPageMap:         "/subjects/{id}",
	EPPageTopic:       "/topics/{id}",
	EPPageLesson:      "/lessons/{id}",
	EPPageReview:      "/review",
	EPPageProfile:     "/profile",
	EPPageLeaderboard: "/leaderboard",
	EPPageStore:       "/store",
}

// pageEndpoint is the page an action opens ("" for an API action).
var pageEndpoint = map[Action]string{
	ActPageHome: EPPageHome, ActPageMap: EPPageMap, ActPageTopic: EPPageTopic, ActPageLesson: EPPageLesson,
	ActPageReview: EPPageReview, ActPageProfile: EPPageProfile, ActPageLeaderboard: EPPageLeaderboard,
	ActPageStore: EPPageStore,
}

// IsPage reports whether a opens a page of the web app instead of calling the JSON API.
func (a Action) IsPage() bool { return pageEndpoint[a] != "" }

// needsTargets reports whether the action opens a subject, topic or lesson the student may see.
func (a Action) needsTargets() bool {
	return a == ActPageMap || a == ActPageTopic || a == ActPageLesson
}

// targets are the subjects, topics and lessons a student may open, as the server's map shows
// them at login (get_map_data, get_topic_details): pages of these answer 200, never "locked".
type targets struct {
	subjects []string
	topics   []string // real topics (not the virtual topic of a lesson-based unit)
	lessons  []string // completed or available
}

// maxTopicLookups bounds the get_topic_details calls of a student's discovery at login.
const maxTopicLookups = 3

// page opens a page as a browser does (session cookie, Accept: text/html, gzip accepted); an
// answer other than 200 text/html is a failure (a redirect to sign-in or onboarding included).
func (d *driver) page(ctx context.Context, s *vstudent, a Action, since time.Time) {
	ep := pageEndpoint[a]
	path, params, ok := s.pagePath(a)
	if !ok {
		d.call.rec.Skip(ep)
		return
	}
	if !d.budget.take() {
		return
	}
	d.call.page(ctx, ep, path, s.cookie, params, since)
}

// pagePath is where the student opens the page of a; false when it has nothing to open there.
func (s *vstudent) pagePath(a Action) (string, url.Values, bool) {
	pick := func(ids []string) (string, bool) {
		if len(ids) == 0 {
			return "", false
		}
		return url.PathEscape(ids[s.rng.IntN(len(ids))]), true
	}
	switch a {
	case ActPageMap:
		id, ok := pick(s.targets.subjects)
		return "/subjects/" + id, nil, ok
	case ActPageTopic:
		id, ok := pick(s.targets.topics)
		return "/topics/" + id, nil, ok
	case ActPageLesson:
		id, ok := pick(s.targets.lessons)
		return "/lessons/" + id, nil, ok
	case ActPageReview:
		if id, ok := pick(s.targets.subjects); ok && s.rng.IntN(4) == 0 {
			return "/review", url.Values{"subject": {id}}, true
		}
		return "/review", nil, true
	case ActPageLeaderboard:
		return "/leaderboard", url.Values{"period": {leaderboardPeriods[s.rng.IntN(len(leaderboardPeriods))]}}, true
	}
	return pageRoutes[pageEndpoint[a]], nil, true
}

// page sends a browser's GET of an HTML page. The compressed body is read, not inflated: the
// figure is the server's, and the load generator shares its cores.
func (c *caller) page(ctx context.Context, endpoint, path, cookie string, params url.Values, since time.Time) reply {
	u := c.base + path
	if len(params) > 0 {
		u += "?" + params.Encode()
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if req != nil {
		req.Header.Set("Accept", "text/html,application/xhtml+xml")
		req.Header.Set("Accept-Encoding", "gzip")
	}
	return c.sendChecked(endpoint, req, err, cookie, since, pageCheck)
}

// pageCheck: a page is 200 text/html; anything else is a failure, named with where a
// redirect leads (sign-in, onboarding).
func pageCheck(status int, h http.Header) string {
	switch {
	case status >= 300 && status < 400:
		return fmt.Sprintf("%d redirect to %s", status, h.Get("Location"))
	case status != http.StatusOK:
		return fmt.Sprintf("%d %s", status, h.Get("Content-Type"))
	case !isHTML(h):
		return fmt.Sprintf("200 but %q, not text/html", h.Get("Content-Type"))
	}
	return ""
}

// isHTML reports whether an answer is an HTML page.
func isHTML(h http.Header) bool {
	mt, _, err := mime.ParseMediaType(h.Get("Content-Type"))
	return err == nil && mt == "text/html"
}

// mapAnswer is the part of get_map_data discovery reads.
type mapAnswer []struct {
	SubjectID string `json:"subject_id"`
	Units     []struct {
		Topics []struct {
			ID        string `json:"id"`
			Status    string `json:"status"`
			IsVirtual bool   `json:"is_virtual"`
			Lessons   []struct {
				ID     string `json:"id"`
				Status string `json:"status"`
			} `json:"lessons"`
		} `json:"topics"`
	} `json:"units"`
}

// opens reports whether a map status lets the student in (the catalog's Opens).
func opens(status string) bool { return status == "completed" || status == "available" }

// discover fills s.targets from the server's map of the student (requests through c, which
// is not reported).
func (d *driver) discover(ctx context.Context, s *vstudent, c *caller) error {
	r := c.get(ctx, EPMap, Paths[EPMap], s.cookie, nil, time.Now())
	if !r.ok() {
		return fmt.Errorf("discover: get_map_data: status %d: %s", r.status, truncate(r.body, 200))
	}
	var m mapAnswer
	if err := message(r.body, &m); err != nil {
		return fmt.Errorf("discover: get_map_data: %w", err)
	}
	t := &s.targets
	for _, subj := range m {
		t.subjects = append(t.subjects, subj.SubjectID)
		for _, u := range subj.Units {
			for _, tp := range u.Topics {
				if !opens(tp.Status) {
					continue
				}
				if !tp.IsVirtual {
					t.topics = append(t.topics, tp.ID)
				}
				for _, l := range tp.Lessons {
					if opens(l.Status) {
						t.lessons = append(t.lessons, l.ID)
					}
				}
			}
		}
	}
	for _, topic := range t.topics[:min(len(t.topics), maxTopicLookups)] {
		r := c.get(ctx, "get_topic_details", "/api/method/memora.api.map_engine.get_topic_details", s.cookie,
			url.Values{"topic_id": {topic}}, time.Now())
		var details struct {
			Lessons []struct {
				ID     string `json:"id"`
				Status string `json:"status"`
			} `json:"lessons"`
		}
		if !r.ok() {
			return fmt.Errorf("discover: get_topic_details %s: status %d: %s", topic, r.status, truncate(r.body, 200))
		}
		if err := message(r.body, &details); err != nil {
			return fmt.Errorf("discover: get_topic_details %s: %w", topic, err)
		}
		for _, l := range details.Lessons {
			if opens(l.Status) && !slices.Contains(t.lessons, l.ID) {
				t.lessons = append(t.lessons, l.ID)
			}
		}
	}
	return nil
}

// probePage reports whether the server routes a page: a guest opening a page that exists is
// sent to sign in (303), one that does not gets the 404 page.
func probePage(ctx context.Context, hc *http.Client, base, endpoint string) (bool, error) {
	path := pageRoutes[endpoint]
	if path == "/" {
		path = "/profile" // "/" is the catch-all too; any student page shares its guard
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+replaceID(path, "loadgen-probe"), nil)
	if err != nil {
		return false, fmt.Errorf("probe %s: %w", endpoint, err)
	}
	req.Header.Set("Accept", "text/html")
	resp, err := hc.Do(req)
	if err != nil {
		return false, fmt.Errorf("probe %s: %w", endpoint, err)
	}
	resp.Body.Close()
	return resp.StatusCode != http.StatusNotFound, nil
}

func replaceID(path, id string) string {
	const hole = "{id}"
	if i := len(path) - len(hole); i >= 0 && path[i:] == hole {
		return path[:i] + id
	}
	return path
}
