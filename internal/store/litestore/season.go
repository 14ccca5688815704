package litestore

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"memora/internal/store"
	"memora/internal/store/litestore/litedb"
)

var _ store.TxHandle = executor{}

// DriverTx is the *sql.Tx of a transaction's executor (nil outside one).
func (e executor) DriverTx() any {
	if e.tx == nil {
		return nil
	}
	return e.tx
}

func (e executor) SeasonInsert(ctx context.Context, s store.Season) error {
	return wrap("season insert", e.w.SeasonInsert(ctx, litedb.SeasonInsertParams{
		ID: s.ID, Title: s.Title, TitleEn: s.TitleEN, StartDate: date(s.StartDate), EndDate: date(s.EndDate),
		IsActive: s.IsActive, EnableRedis: s.EnableRedis, AutoArchive: s.AutoArchive, Scheduler: s.Scheduler,
		DesiredRetention: s.DesiredRetention, GradeMapping: s.GradeMapping, FsrsWeights: s.FSRSWeights,
		CreatedAt: micros(s.CreatedAt), ExamDate: optDate(s.ExamDate), ExamTarget: s.ExamTarget,
	}))
}

func (e executor) SeasonActivate(ctx context.Context, id string) error {
	n, err := e.w.SeasonActivate(ctx, id)
	return affected("season activate", n, err)
}

func (e executor) SeasonSetPartitionCreated(ctx context.Context, id string, created bool) error {
	n, err := e.w.SeasonSetPartitionCreated(ctx, litedb.SeasonSetPartitionCreatedParams{ID: id, Created: created})
	return affected("season set partition created", n, err)
}

func (e executor) SeasonMarkArchived(ctx context.Context, id string, at time.Time) error {
	v := micros(at)
	return e.inWrite(ctx, func(q *litedb.Queries) error {
		n, err := q.SeasonMarkArchived(ctx, litedb.SeasonMarkArchivedParams{ID: id, ArchivedAt: &v})
		if err := affected("season mark archived", n, err); err != nil {
			return err
		}
		_, err = q.SeasonPushesDelete(ctx, id)
		return wrap("season pushes delete", err)
	})
}

func (e executor) SeasonListAutoArchiveDue(ctx context.Context, today time.Time) ([]store.Season, error) {
	rows, err := e.r.SeasonListAutoArchiveDue(ctx, date(today))
	out := make([]store.Season, len(rows))
	for i, r := range rows {
		out[i] = season(r)
	}
	return out, wrap("season list auto-archive due", err)
}

// SeasonPartitionEnsure reports false: SQLite has no partitions; one indexed table serves.
func (e executor) SeasonPartitionEnsure(context.Context, string) (bool, error) { return false, nil }

// SeasonPartitionStats is empty on SQLite.
func (e executor) SeasonPartitionStats(context.Context) ([]store.PartitionStat, error) {
	return []store.PartitionStat{}, nil
}

// MemoryArchiveSeason moves the season's rows to the archive in key order, BatchSize rows
// per write transaction, so the single writer is never held for long.
func (e executor) MemoryArchiveSeason(ctx context.Context, p store.ArchiveParams) (int64, error) {
	if p.BatchSize <= 0 {
		p.BatchSize = 5000
	}
	var (
		total int64
		after litedb.MemoryArchiveBatchEndRow
	)
	for {
		upto, last, err := e.archiveBatchEnd(ctx, p, after)
		if err != nil {
			return total, err
		}
		var n int64
		err = e.inWrite(ctx, func(q *litedb.Queries) error {
			n, err = archiveRange(ctx, q, p, after, upto)
			return err
		})
		if err != nil {
			return total, err
		}
		total += n
		if last {
			return total, nil
		}
		after = upto
	}
}

// archiveBatchEnd finds the last key of the batch after the cursor; last reports that
// the batch reaches the end of the season's rows.
func (e executor) archiveBatchEnd(ctx context.Context, p store.ArchiveParams, after litedb.MemoryArchiveBatchEndRow) (litedb.MemoryArchiveBatchEndRow, bool, error) {
	rows, err := e.w.MemoryArchiveBatchEnd(ctx, litedb.MemoryArchiveBatchEndParams{
		SeasonID: p.SeasonID, AfterUserID: after.UserID, AfterQuestionID: after.QuestionID, Skip: int64(p.BatchSize - 1),
	})
	if err != nil {
		return after, false, wrap("memory archive", err)
	}
	if len(rows) == 0 {
		return litedb.MemoryArchiveBatchEndRow{UserID: maxUserID, QuestionID: ""}, true, nil
	}
	return rows[0], false, nil
}

// maxUserID with an empty question id is past every key.
const maxUserID = int64(1<<63 - 1)

func archiveRange(ctx context.Context, q *litedb.Queries, p store.ArchiveParams, after, upto litedb.MemoryArchiveBatchEndRow) (int64, error) {
	n, err := q.MemoryArchiveCopy(ctx, litedb.MemoryArchiveCopyParams{
		ArchivedAt: micros(p.ArchivedAt), SeasonID: p.SeasonID, AfterUserID: after.UserID,
		AfterQuestionID: after.QuestionID, UptoUserID: upto.UserID, UptoQuestionID: upto.QuestionID,
	})
	if err != nil {
		return 0, wrap("memory archive copy", err)
	}
	deleted, err := q.MemoryArchiveDelete(ctx, litedb.MemoryArchiveDeleteParams{
		SeasonID: p.SeasonID, AfterUserID: after.UserID, AfterQuestionID: after.QuestionID,
		UptoUserID: upto.UserID, UptoQuestionID: upto.QuestionID,
	})
	if err != nil {
		return 0, wrap("memory archive delete", err)
	}
	if deleted != n {
		return 0, fmt.Errorf("memory archive: copied %d rows but deleted %d", n, deleted)
	}
	return n, nil
}

func (e executor) ArchiveCountsGet(ctx context.Context, seasonID string) (store.ArchiveCounts, error) {
	active, err := e.r.MemorySeasonCount(ctx, seasonID)
	if err != nil {
		return store.ArchiveCounts{}, wrap("archive counts", err)
	}
	r, err := e.r.ArchiveCounts(ctx, seasonID)
	if err != nil {
		return store.ArchiveCounts{}, wrap("archive counts", err)
	}
	return store.ArchiveCounts{Active: active, Archived: r.Archived, Eligible: r.Eligible}, nil
}

func (e executor) ArchiveFlagEligible(ctx context.Context, cutoff time.Time) (int64, error) {
	n, err := e.w.ArchiveFlagEligible(ctx, micros(cutoff))
	return n, wrap("archive flag eligible", err)
}

func (e executor) ArchiveDeleteEligible(ctx context.Context, seasonID string, batch int) (int64, error) {
	if batch <= 0 {
		batch = 5000
	}
	var total int64
	for {
		n, err := e.w.ArchiveDeleteEligible(ctx, litedb.ArchiveDeleteEligibleParams{SeasonID: seasonID, Lim: int64(batch)})
		if err != nil {
			return total, wrap("archive delete eligible", err)
		}
		total += n
		if n < int64(batch) {
			return total, nil
		}
	}
}

// seasonIDsJSON is how a set of season ids travels to SQLite: a JSON array (json_each).
func seasonIDsJSON(ids []string) (string, error) {
	if ids == nil {
		ids = []string{}
	}
	b, err := json.Marshal(ids)
	if err != nil {
		return "", fmt.Errorf("season ids: %w", err)
	}
	return string(b), nil
}
