package litestore

import (
	"context"

	"memora/internal/store"
	"memora/internal/store/litestore/litedb"
)

func (e executor) StreamUpsert(ctx context.Context, s store.Stream) error {
	return wrap("stream upsert", e.w.StreamUpsert(ctx, litedb.StreamUpsertParams{
		ID: s.ID, Title: s.Title, TitleEn: s.TitleEN, Position: int64(s.Position),
	}))
}

func (e executor) StreamList(ctx context.Context) ([]store.Stream, error) {
	rows, err := e.r.StreamList(ctx)
	out := make([]store.Stream, len(rows))
	for i, r := range rows {
		out[i] = store.Stream{ID: r.ID, Title: r.Title, TitleEN: r.TitleEn, Position: int(r.Position)}
	}
	return out, wrap("stream list", err)
}

func (e executor) GradeUpsert(ctx context.Context, g store.Grade) error {
	return e.inWrite(ctx, func(q *litedb.Queries) error {
		err := q.GradeUpsert(ctx, litedb.GradeUpsertParams{ID: g.ID, Title: g.Title, TitleEn: g.TitleEN, Position: int64(g.Position)})
		if err != nil {
			return wrap("grade upsert", err)
		}
		if err := q.GradeStreamsDelete(ctx, g.ID); err != nil {
			return wrap("grade streams delete", err)
		}
		for i, s := range g.ValidStreams {
			err := q.GradeStreamInsert(ctx, litedb.GradeStreamInsertParams{GradeID: g.ID, StreamID: s, Position: int64(i)})
			if err != nil {
				return wrap("grade stream insert", err)
			}
		}
		return nil
	})
}

func (e executor) GradeGet(ctx context.Context, id string) (store.Grade, error) {
	r, err := e.r.GradeGet(ctx, id)
	if err != nil {
		return store.Grade{}, wrap("grade get", err)
	}
	streams, err := e.r.GradeStreamsByGrade(ctx, id)
	return store.Grade{ID: r.ID, Title: r.Title, TitleEN: r.TitleEn, Position: int(r.Position), ValidStreams: streams},
		wrap("grade streams", err)
}

func (e executor) GradeList(ctx context.Context) ([]store.Grade, error) {
	rows, err := e.r.GradeList(ctx)
	if err != nil {
		return nil, wrap("grade list", err)
	}
	links, err := e.r.GradeStreamsAll(ctx)
	if err != nil {
		return nil, wrap("grade streams", err)
	}
	byGrade := map[string][]string{}
	for _, l := range links {
		byGrade[l.GradeID] = append(byGrade[l.GradeID], l.StreamID)
	}
	out := make([]store.Grade, len(rows))
	for i, r := range rows {
		out[i] = store.Grade{ID: r.ID, Title: r.Title, TitleEN: r.TitleEn, Position: int(r.Position), ValidStreams: byGrade[r.ID]}
	}
	return out, nil
}

func (e executor) AcademicTitles(ctx context.Context, gradeIDs, streamIDs []string) ([]store.AcademicTitle, error) {
	grades, err := idList("academic titles", gradeIDs)
	if err != nil {
		return nil, err
	}
	streams, err := idList("academic titles", streamIDs)
	if err != nil {
		return nil, err
	}
	rows, err := e.r.AcademicTitles(ctx, litedb.AcademicTitlesParams{GradeIds: grades, StreamIds: streams})
	if err != nil {
		return nil, wrap("academic titles", err)
	}
	out := make([]store.AcademicTitle, len(rows))
	for i, r := range rows {
		out[i] = store.AcademicTitle{Kind: r.Kind, ID: r.ID, Title: r.Title, TitleEN: r.TitleEn}
	}
	return out, nil
}

func season(r litedb.Season) store.Season {
	return store.Season{
		ID: r.ID, Title: r.Title, TitleEN: r.TitleEn, StartDate: fromDate(r.StartDate), EndDate: fromDate(r.EndDate),
		IsActive: r.IsActive, EnableRedis: r.EnableRedis, AutoArchive: r.AutoArchive,
		PartitionCreated: r.PartitionCreated, ArchivedAt: fromMicrosPtr(r.ArchivedAt), Scheduler: r.Scheduler,
		DesiredRetention: r.DesiredRetention, GradeMapping: r.GradeMapping, FSRSWeights: r.FsrsWeights,
		CreatedAt: fromMicros(r.CreatedAt), ExamDate: fromOptDate(r.ExamDate), ExamTarget: r.ExamTarget,
	}
}

func (e executor) SeasonUpsert(ctx context.Context, s store.Season) error {
	return wrap("season upsert", e.w.SeasonUpsert(ctx, litedb.SeasonUpsertParams{
		ID: s.ID, Title: s.Title, TitleEn: s.TitleEN, StartDate: date(s.StartDate), EndDate: date(s.EndDate),
		IsActive: s.IsActive, EnableRedis: s.EnableRedis, AutoArchive: s.AutoArchive, Scheduler: s.Scheduler,
		DesiredRetention: s.DesiredRetention, GradeMapping: s.GradeMapping, FsrsWeights: s.FSRSWeights,
		CreatedAt: micros(s.CreatedAt), ExamDate: optDate(s.ExamDate), ExamTarget: s.ExamTarget,
	}))
}

func (e executor) SeasonGet(ctx context.Context, id string) (store.Season, error) {
	r, err := e.r.SeasonGet(ctx, id)
	return season(r), wrap("season get", err)
}

func (e executor) SeasonList(ctx context.Context) ([]store.Season, error) {
	rows, err := e.r.SeasonList(ctx)
	out := make([]store.Season, len(rows))
	for i, r := range rows {
		out[i] = season(r)
	}
	return out, wrap("season list", err)
}

func (e executor) PlanUpsert(ctx context.Context, p store.Plan) error {
	return e.inWrite(ctx, func(q *litedb.Queries) error {
		err := q.PlanUpsert(ctx, litedb.PlanUpsertParams{
			ID: p.ID, InstitutionID: p.InstitutionID, GradeID: p.GradeID, StreamID: p.StreamID,
			SeasonID: p.SeasonID, UpdatedAt: micros(p.UpdatedAt),
		})
		if err != nil {
			return wrap("plan upsert", err)
		}
		if err := q.PlanSubjectsDelete(ctx, p.ID); err != nil {
			return wrap("plan subjects delete", err)
		}
		for i, s := range p.Subjects {
			err := q.PlanSubjectInsert(ctx, litedb.PlanSubjectInsertParams{
				PlanID: p.ID, Position: int64(i), SubjectID: s.SubjectID, DisplayName: s.DisplayName,
				IsMandatory: s.IsMandatory, SelectionType: s.SelectionType, SpecificUnitID: s.SpecificUnitID,
			})
			if err != nil {
				return wrap("plan subject insert", err)
			}
		}
		return nil
	})
}

func (e executor) PlanFind(ctx context.Context, p store.PlanFindParams) (store.Plan, error) {
	r, err := e.r.PlanFind(ctx, litedb.PlanFindParams{
		GradeID: p.GradeID, SeasonID: p.SeasonID, StreamID: p.StreamID, InstitutionID: &p.InstitutionID,
	})
	if err != nil {
		return store.Plan{}, wrap("plan find", err)
	}
	rows, err := e.r.PlanSubjects(ctx, r.ID)
	plan := store.Plan{
		ID: r.ID, InstitutionID: r.InstitutionID, GradeID: r.GradeID, StreamID: r.StreamID,
		SeasonID: r.SeasonID, UpdatedAt: fromMicros(r.UpdatedAt), Subjects: make([]store.PlanSubject, len(rows)),
	}
	for i, s := range rows {
		plan.Subjects[i] = store.PlanSubject{
			Position: int(s.Position), SubjectID: s.SubjectID, DisplayName: s.DisplayName, IsMandatory: s.IsMandatory,
			SelectionType: s.SelectionType, SpecificUnitID: s.SpecificUnitID,
		}
	}
	return plan, wrap("plan subjects", err)
}

func (e executor) PlanGradeSeasons(ctx context.Context, institutionID string) ([]store.GradeSeason, error) {
	rows, err := e.r.PlanGradeSeasons(ctx, &institutionID)
	out := make([]store.GradeSeason, len(rows))
	for i, r := range rows {
		out[i] = store.GradeSeason{GradeID: r.GradeID, SeasonID: r.SeasonID}
	}
	return out, wrap("plan grade seasons", err)
}
