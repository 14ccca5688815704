package api_test

import (
	"context"
	"fmt"
	"time"

	"memora/internal/store"
)

// The matrix cases of the content operations and of the SRS, season, job, alert, audit
// and purchase operations that were there before the staff API.
func init() {
	addCases(map[string]matrixCase{
		"content.get_subjects": {params: none, global: true},
		"content.get_tree": {params: func(f *fixture, inst string) map[string]any {
			return map[string]any{"subject": f.tree(inst).Subject}
		}},
		"content.get_lesson": {params: func(f *fixture, inst string) map[string]any {
			return map[string]any{"lesson": f.tree(inst).Lesson}
		}},
		"content.save_subject": {params: func(f *fixture, inst string) map[string]any {
			return map[string]any{"doc": map[string]any{"id": f.tree(inst).Subject, "title": "Renamed", "institution": inst}}
		}},
		"content.save_track": {params: func(f *fixture, inst string) map[string]any {
			return map[string]any{"doc": map[string]any{"subject": f.tree(inst).Subject, "title": "New track"}}
		}},
		"content.save_unit": {params: func(f *fixture, inst string) map[string]any {
			x := f.tree(inst)
			return map[string]any{"doc": map[string]any{"subject": x.Subject, "track": x.Track, "title": "New unit",
				"structure_type": "lesson_based"}}
		}},
		"content.save_topic": {params: func(f *fixture, inst string) map[string]any {
			return map[string]any{"doc": map[string]any{"unit": f.tree(inst).Unit, "title": "New topic"}}
		}},
		"content.save_lesson": {params: func(f *fixture, inst string) map[string]any {
			x := f.tree(inst)
			return map[string]any{"doc": map[string]any{"id": x.Lesson, "unit": x.Unit, "topic": x.Topic, "title": "Edited " + x.Lesson,
				"stages": []any{map[string]any{"id": x.Stage, "title": "Q", "type": "quiz",
					"config": map[string]any{"question": "2+2?", "options": []string{"3", "4"}, "correct_index": 1}}}}}
		}},
		"content.delete": {params: func(f *fixture, inst string) map[string]any {
			return map[string]any{"kind": "lesson", "id": f.tree(inst).Lesson2}
		}},
		"content.set_published": {params: func(f *fixture, inst string) map[string]any {
			return map[string]any{"kind": "lesson", "id": f.tree(inst).Lesson, "published": true}
		}},
		"content.move": {params: func(f *fixture, inst string) map[string]any {
			return map[string]any{"kind": "lesson", "id": f.tree(inst).Lesson2, "direction": "up"}
		}},
		"content.validate_stage": {global: true, params: func(*fixture, string) map[string]any {
			return map[string]any{"type": "reveal", "config": map[string]any{"sentence": "x", "highlights": []any{}}}
		}},
		"content.import_file": {params: func(f *fixture, inst string) map[string]any {
			return map[string]any{"data": map[string]any{"format": "memora-import", "version": 1,
				"subjects": []any{map[string]any{"id": "imp-" + f.next(), "institution": inst, "title": "Imported"}}}}
		}},

		// SRS administration, seasons, jobs and alerts: System Managers, no institution's.
		"srs.archive_season":                   {global: true, params: seasonParams(map[string]any{"confirm": true})},
		"srs.get_archive_status":               {global: true, params: seasonParams(nil)},
		"srs.delete_eligible_archived_records": {global: true, params: func(*fixture, string) map[string]any { return map[string]any{"confirm": true} }},
		"srs.get_cache_status":                 {global: true, params: none},
		// Without Redis (the API tests' default) a rebuild is a 503: past authorization is what counts here.
		"srs.rebuild_season_cache":   {global: true, authOnly: true, params: seasonParams(nil)},
		"srs.trigger_reconciliation": {global: true, params: func(*fixture, string) map[string]any { return map[string]any{"sample_size": 100} }},
		"srs.get_partition_stats":    {global: true, params: none},
		"srs.get_alerts":             {global: true, params: none},
		"srs.acknowledge_alert": {global: true, params: func(f *fixture, _ string) map[string]any {
			id, err := f.env.Store.AlertInsert(context.Background(), store.AdminAlert{Kind: "test", Message: "m",
				Detail: []byte(`{}`), CreatedAt: f.env.Clock.Now()})
			must(f.t, err)
			return map[string]any{"alert_id": id}
		}},
		"season.get_seasons": {global: true, params: none},
		"season.create_season": {global: true, params: func(f *fixture, _ string) map[string]any {
			return map[string]any{"season_name": fmt.Sprintf("SEASON-2030-m%s", f.next()), "title": "New",
				"start_date": "2030-09-01", "end_date": "2031-06-30"}
		}},
		"season.update_season":   {global: true, params: seasonParams(map[string]any{"title": "Renamed"})},
		"season.activate_season": {global: true, params: seasonParams(nil)},
		"season.end_season":      {global: true, params: seasonParams(nil)},
		"jobs.get_dashboard":     {global: true, params: none},

		// The audit log: an Institution Admin reads their own institution's.
		"audit.get_audit_log": {params: func(_ *fixture, inst string) map[string]any {
			return map[string]any{"institution": inst}
		}},
		// Purchase requests: the caller's institution's.
		"store.get_purchase_requests": {global: true, params: none},
		"store.approve_purchase_request": {params: func(f *fixture, inst string) map[string]any {
			return map[string]any{"request_id": f.purchase(inst)}
		}},
		"store.reject_purchase_request": {params: func(f *fixture, inst string) map[string]any {
			return map[string]any{"request_id": f.purchase(inst)}
		}},
	})
}

// seasonParams makes a fresh inactive season and names it, with extra parameters.
func seasonParams(extra map[string]any) func(*fixture, string) map[string]any {
	return func(f *fixture, _ string) map[string]any {
		id := f.season()
		p := map[string]any{"season_name": id}
		for k, v := range extra {
			p[k] = v
		}
		return p
	}
}

func (f *fixture) season() string {
	id := fmt.Sprintf("SEASON-2020-m%s", f.next())
	must(f.t, f.env.Store.SeasonUpsert(context.Background(), store.Season{ID: id, Title: id,
		StartDate: time.Date(2020, 9, 1, 0, 0, 0, 0, time.UTC), EndDate: time.Date(2021, 6, 30, 0, 0, 0, 0, time.UTC),
		Scheduler: store.SchedulerFSRS, DesiredRetention: 0.9, GradeMapping: "binary", CreatedAt: f.env.Clock.Now()}))
	return id
}

// purchase makes a pending purchase request of a student (with a profile) of inst.
func (f *fixture) purchase(inst string) int64 {
	ctx := context.Background()
	n := f.next()
	u := f.env.CreateUser("buyer"+n+"@"+inst+".test", inst)
	item := "m-item-" + n
	season := f.season()
	must(f.t, f.env.Store.GradeUpsert(ctx, store.Grade{ID: "m-grade", Title: "G"}))
	must(f.t, f.env.Store.ProfileSetAcademic(ctx, store.ProfileSetAcademicParams{UserID: u.ID, GradeID: "m-grade",
		SeasonID: &season, Now: f.env.Clock.Now()}))
	must(f.t, f.env.Store.SalesItemUpsert(ctx, store.SalesItem{ID: item, InstitutionID: &inst, Name: "Item", SeasonID: &season,
		PriceCents: 100, IsActive: true, CreatedAt: f.env.Clock.Now()}))
	id, _, err := f.env.Store.PurchaseRequestInsert(ctx, store.PurchaseRequest{UserID: u.ID, ItemID: item,
		Status: store.PurchasePending, PriceCents: 100, CreatedAt: f.env.Clock.Now()})
	must(f.t, err)
	return id
}
