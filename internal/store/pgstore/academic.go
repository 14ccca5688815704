package pgstore

import (
	"context"

	"memora/internal/store"
	"memora/internal/store/pgstore/pgdb"
)

func (e executor) StreamUpsert(ctx context.Context, s store.Stream) error {
	return wrap("stream upsert", e.q.StreamUpsert(ctx, pgdb.StreamUpsertParams{
		ID: s.ID, Title: s.Title, TitleEn: s.TitleEN, Position: int32(s.Position),
	}))
}

func (e executor) StreamList(ctx context.Context) ([]store.Stream, error) {
	rows, err := e.q.StreamList(ctx)
	out := make([]store.Stream, len(rows))
	for i, r := range rows {
		out[i] = store.Stream{ID: r.ID, Title: r.Title, TitleEN: r.TitleEn, Position: int(r.Position)}
	}
	return out, wrap("stream list", err)
}

func (e executor) GradeUpsert(ctx context.Context, g store.Grade) error {
	return e.inWrite(ctx, func(q *pgdb.Queries) error {
		err := q.GradeUpsert(ctx, pgdb.GradeUpsertParams{ID: g.ID, Title: g.Title, TitleEn: g.TitleEN, Position: int32(g.Position)})
		if err != nil {
			return wrap("grade upsert", err)
		}
		if err := q.GradeStreamsDelete(ctx, g.ID); err != nil {
			return wrap("grade streams delete", err)
		}
		for i, s := range g.ValidStreams {
			err := q.GradeStreamInsert(ctx, pgdb.GradeStreamInsertParams{GradeID: g.ID, StreamID: s, Position: int32(i)})
			if err != nil {
				return wrap("grade stream insert", err)
			}
		}
		return nil
	})
}

func (e executor) GradeGet(ctx context.Context, id string) (store.Grade, error) {
	r, err := e.q.GradeGet(ctx, id)
	if err != nil {
		return store.Grade{}, wrap("grade get", err)
	}
	streams, err := e.q.GradeStreamsByGrade(ctx, id)
	return store.Grade{ID: r.ID, Title: r.Title, TitleEN: r.TitleEn, Position: int(r.Position), ValidStreams: streams},
		wrap("grade streams", err)
}

func (e executor) GradeList(ctx context.Context) ([]store.Grade, error) {
	rows, err := e.q.GradeList(ctx)
	if err != nil {
		return nil, wrap("grade list", err)
	}
	links, err := e.q.GradeStreamsAll(ctx)
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
	if gradeIDs == nil {
		gradeIDs = []string{}
	}
	if streamIDs == nil {
		streamIDs = []string{}
	}
	rows, err := e.q.AcademicTitles(ctx, pgdb.AcademicTitlesParams{GradeIds: gradeIDs, StreamIds: streamIDs})
	if err != nil {
		return nil, wrap("academic titles", err)
	}
	out := make([]store.AcademicTitle, len(rows))
	for i, r := range rows {
		out[i] = store.AcademicTitle{Kind: r.Kind, ID: r.ID, Title: r.Title, TitleEN: r.TitleEn}
	}
	return out, nil
}

func season(r pgdb.Season) store.Season {
	return store.Season{
		ID: r.ID, Title: r.Title, TitleEN: r.TitleEn, StartDate: r.StartDate, EndDate: r.EndDate,
		IsActive: r.IsActive, EnableRedis: r.EnableRedis, AutoArchive: r.AutoArchive,
		PartitionCreated: r.PartitionCreated, ArchivedAt: r.ArchivedAt, Scheduler: r.Scheduler,
		DesiredRetention: r.DesiredRetention, GradeMapping: r.GradeMapping, FSRSWeights: r.FsrsWeights,
		CreatedAt: r.CreatedAt, ExamDate: r.ExamDate, ExamTarget: r.ExamTarget,
	}
}

func (e executor) SeasonUpsert(ctx context.Context, s store.Season) error {
	return wrap("season upsert", e.q.SeasonUpsert(ctx, pgdb.SeasonUpsertParams{
		ID: s.ID, Title: s.Title, TitleEn: s.TitleEN, StartDate: s.StartDate, EndDate: s.EndDate,
		IsActive: s.IsActive, EnableRedis: s.EnableRedis, AutoArchive: s.AutoArchive, Scheduler: s.Scheduler,
		DesiredRetention: s.DesiredRetention, GradeMapping: s.GradeMapping, FsrsWeights: s.FSRSWeights,
		CreatedAt: s.CreatedAt, ExamDate: s.ExamDate, ExamTarget: s.ExamTarget,
	}))
}

func (e executor) SeasonGet(ctx context.Context, id string) (store.Season, error) {
	r, err := e.q.SeasonGet(ctx, id)
	return season(r), wrap("season get", err)
}

func (e executor) SeasonList(ctx context.Context) ([]store.Season, error) {
	rows, err := e.q.SeasonList(ctx)
	out := make([]store.Season, len(rows))
	for i, r := range rows {
		out[i] = season(r)
	}
	return out, wrap("season list", err)
}

func (e executor) PlanUpsert(ctx context.Context, p store.Plan) error {
	return e.inWrite(ctx, func(q *pgdb.Queries) error {
		err := q.PlanUpsert(ctx, pgdb.PlanUpsertParams{
			ID: p.ID, InstitutionID: p.InstitutionID, GradeID: p.GradeID, StreamID: p.StreamID,
			SeasonID: p.SeasonID, UpdatedAt: p.UpdatedAt,
		})
		if err != nil {
			return wrap("plan upsert", err)
		}
		if err := q.PlanSubjectsDelete(ctx, p.ID); err != nil {
			return wrap("plan subjects delete", err)
		}
		for i, s := range p.Subjects {
			err := q.PlanSubjectInsert(ctx, pgdb.PlanSubjectInsertParams{
				PlanID: p.ID, Position: int32(i), SubjectID: s.SubjectID, DisplayName: s.DisplayName,
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
	r, err := e.q.PlanFind(ctx, pgdb.PlanFindParams{
		GradeID: p.GradeID, SeasonID: p.SeasonID, StreamID: p.StreamID, InstitutionID: &p.InstitutionID,
	})
	if err != nil {
		return store.Plan{}, wrap("plan find", err)
	}
	rows, err := e.q.PlanSubjects(ctx, r.ID)
	plan := store.Plan{
		ID: r.ID, InstitutionID: r.InstitutionID, GradeID: r.GradeID, StreamID: r.StreamID,
		SeasonID: r.SeasonID, UpdatedAt: r.UpdatedAt, Subjects: make([]store.PlanSubject, len(rows)),
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
	rows, err := e.q.PlanGradeSeasons(ctx, &institutionID)
	out := make([]store.GradeSeason, len(rows))
	for i, r := range rows {
		out[i] = store.GradeSeason{GradeID: r.GradeID, SeasonID: r.SeasonID}
	}
	return out, wrap("plan grade seasons", err)
}
