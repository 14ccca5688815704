package api

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"memora/internal/httpx"
	"memora/internal/identity"
	"memora/internal/problem"
	"memora/internal/season"
)

const msgSeasons = "You don't have permission to manage seasons. This action requires System Manager role."

// Season lifecycle for System Managers: create, update, activate, end, list.
func (a *API) registerSeasonAdmin(rt *httpx.Router) {
	a.registerSRSWorkload(rt)
	a.readAs(rt, "season", "get_seasons", "Every season with its settings (System Manager)",
		roles(SystemManager).refusing(msgSeasons), func(r *http.Request, _ httpx.Params, _ identity.Principal) (any, error) {
			return a.Season.List(r.Context())
		})
	a.mutationAs(rt, "season", "create_season", "Create a season and its memory-state partition (System Manager)",
		roles(SystemManager).refusing(msgSeasons), func(r *http.Request, p httpx.Params, who identity.Principal) (any, error) {
			in, err := seasonInput(p)
			if err != nil {
				return nil, err
			}
			return a.Season.Create(r.Context(), actor(r, who), in)
		})
	a.mutationAs(rt, "season", "update_season", "Change a season's dates, flags or scheduler settings (System Manager)",
		roles(SystemManager).refusing(msgSeasons), func(r *http.Request, p httpx.Params, who identity.Principal) (any, error) {
			in, err := seasonInput(p)
			if err != nil {
				return nil, err
			}
			return a.Season.Update(r.Context(), actor(r, who), in)
		})
	a.mutationAs(rt, "season", "activate_season", "Make a season the only active one (System Manager)",
		roles(SystemManager).refusing(msgSeasons), func(r *http.Request, p httpx.Params, who identity.Principal) (any, error) {
			name, err := seasonName(p)
			if err != nil {
				return nil, err
			}
			return a.Season.Activate(r.Context(), actor(r, who), name)
		})
	a.mutationAs(rt, "season", "end_season", "Deactivate a season and end it today if it runs on (System Manager)",
		roles(SystemManager).refusing(msgSeasons), func(r *http.Request, p httpx.Params, who identity.Principal) (any, error) {
			name, err := seasonName(p)
			if err != nil {
				return nil, err
			}
			return a.Season.End(r.Context(), actor(r, who), name)
		})
}

// seasonInput reads season_name and the fields that were sent.
func seasonInput(p httpx.Params) (season.Input, error) {
	name, err := seasonName(p)
	if err != nil {
		return season.Input{}, err
	}
	in := season.Input{ID: name}
	for field, dst := range map[string]**string{"title": &in.Title, "title_en": &in.TitleEN,
		"scheduler": &in.Scheduler, "grade_mapping": &in.GradeMapping} {
		if p.Has(field) {
			v := strings.TrimSpace(p.String(field))
			*dst = &v
		}
	}
	// Dates, then flags, each in the form's order: of two bad values the same one is named every time.
	for _, d := range [...]struct {
		field string
		dst   **time.Time
	}{{"start_date", &in.StartDate}, {"end_date", &in.EndDate}} {
		if err := optionalDate(p, d.field, d.dst); err != nil {
			return season.Input{}, err
		}
	}
	for _, b := range [...]struct {
		field string
		dst   **bool
	}{{"is_active", &in.IsActive}, {"enable_redis", &in.EnableRedis}, {"auto_archive", &in.AutoArchive}} {
		if err := optionalBool(p, b.field, b.dst); err != nil {
			return season.Input{}, err
		}
	}
	if p.Has("desired_retention") {
		v, err := strconv.ParseFloat(strings.TrimSpace(p.String("desired_retention")), 64)
		if err != nil {
			return season.Input{}, problem.InvalidMsg("Invalid value for desired_retention: expected a number")
		}
		in.DesiredRetention = &v
	}
	if p.Has("exam_date") { // an empty value clears the exam
		if v := strings.TrimSpace(p.String("exam_date")); v == "" {
			in.ExamDate = &time.Time{}
		} else if err := optionalDate(p, "exam_date", &in.ExamDate); err != nil {
			return season.Input{}, err
		}
	}
	if p.Has("exam_target") {
		v, err := strconv.ParseFloat(strings.TrimSpace(p.String("exam_target")), 64)
		if err != nil {
			return season.Input{}, problem.InvalidMsg("Invalid value for exam_target: expected a number")
		}
		in.ExamTarget = &v
	}
	return in, nil
}

func optionalDate(p httpx.Params, field string, dst **time.Time) error {
	if !p.Has(field) {
		return nil
	}
	t, err := time.Parse(time.DateOnly, strings.TrimSpace(p.String(field)))
	if err != nil {
		return problem.Invalidf("Invalid value for {name}: expected YYYY-MM-DD", "name", field)
	}
	*dst = &t
	return nil
}

func optionalBool(p httpx.Params, field string, dst **bool) error {
	if !p.Has(field) {
		return nil
	}
	v, err := p.Bool(field)
	if err != nil {
		return err
	}
	*dst = &v
	return nil
}
