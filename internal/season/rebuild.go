package season

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"memora/internal/audit"
	"memora/internal/problem"
	"memora/internal/store"
)

// Rebuild paging: rows per page, and how often progress is written.
const (
	rebuildPage   = 1000
	progressPages = 5
)

// RebuildStarted is what starting a cache rebuild returns (§2.6).
type RebuildStarted struct {
	Status           string `json:"status"`
	JobID            int64  `json:"job_id"`
	RebuildID        int64  `json:"rebuild_id"`
	EstimatedRecords int64  `json:"estimated_records"`
}

// RebuildResult is a finished rebuild (§4.2).
type RebuildResult struct {
	Status       string `json:"status"`
	TotalRecords int64  `json:"total_records"`
	TotalUsers   int64  `json:"total_users"`
	Message      string `json:"message,omitempty"`
}

// Without Redis there never is a cache to rebuild: a state of the deployment (409), not an outage to retry (503).
var errNoCache = problem.New(problem.Conflict, "Redis is not configured: there is no schedule cache to rebuild.")

// msgRetried is a failed attempt's error when it is not one of the domain's (problem) errors.
const msgRetried = "The rebuild failed and will be retried; see the server log."

// RebuildMessages are the messages a rebuild's Error may hold, in English: the desk shows
// them in the reader's language (the catalogue has each).
var RebuildMessages = []string{msgRetried, errNoCache.Error()}

// StartRebuild records a queued rebuild and enqueues its job in one transaction.
func (s *Service) StartRebuild(ctx context.Context, by Actor, id string) (RebuildStarted, error) {
	if _, err := s.get(ctx, id); err != nil {
		return RebuildStarted{}, err
	}
	if s.Cache == nil || s.Jobs == nil {
		return RebuildStarted{}, errNoCache
	}
	est, err := s.Store.MemorySeasonCount(ctx, id)
	if err != nil {
		return RebuildStarted{}, fmt.Errorf("start rebuild: %w", err)
	}
	out := RebuildStarted{Status: "started", EstimatedRecords: est}
	err = s.Store.InTx(ctx, func(tx store.Executor) error {
		out.RebuildID, err = tx.RebuildInsert(ctx, store.CacheRebuild{SeasonID: id, Status: store.RebuildQueued,
			Total: est, StartedAt: s.Clock.Now()})
		if err != nil {
			return err
		}
		out.JobID, err = s.Jobs.EnqueueRebuild(ctx, tx, out.RebuildID, id)
		return err
	})
	if errors.Is(err, ErrDuplicateJob) {
		return RebuildStarted{}, problem.Newf(problem.Conflict, "A cache rebuild of season {season} is already queued or running.", "season", id)
	}
	if err != nil {
		return RebuildStarted{}, fmt.Errorf("start rebuild: %w", err)
	}
	s.record(ctx, by.entry(audit.CacheRebuild, id, out))
	return out, nil
}

// RunRebuild is the rebuild job: it pages through the season's live memory state in key
// order, replaces each player's schedule, and records progress. A retried job resumes
// after the last key written.
func (s *Service) RunRebuild(ctx context.Context, rebuildID int64) (RebuildResult, error) {
	rb, err := s.Store.RebuildGet(ctx, rebuildID)
	if err != nil {
		return RebuildResult{}, fmt.Errorf("rebuild %d: %w", rebuildID, err)
	}
	if rb.Status == store.RebuildCompleted {
		return RebuildResult{Status: rb.Status, TotalRecords: rb.Processed, TotalUsers: rb.Users}, nil
	}
	if s.Cache == nil {
		return RebuildResult{}, s.failRebuild(ctx, rb, errNoCache)
	}
	rb.Status, rb.Error = store.RebuildRunning, ""
	if err := s.Store.RebuildUpdate(ctx, rb); err != nil {
		return RebuildResult{}, fmt.Errorf("rebuild %d: %w", rebuildID, err)
	}
	if err := s.rebuildPages(ctx, &rb); err != nil {
		return RebuildResult{}, s.failRebuild(ctx, rb, err)
	}
	now := s.Clock.Now()
	rb.Status, rb.Total, rb.FinishedAt = store.RebuildCompleted, rb.Processed, &now
	if err := s.Store.RebuildUpdate(ctx, rb); err != nil {
		return RebuildResult{}, fmt.Errorf("rebuild %d: %w", rebuildID, err)
	}
	out := RebuildResult{Status: rb.Status, TotalRecords: rb.Processed, TotalUsers: rb.Users}
	if rb.Processed == 0 {
		out.Message = "No records found for season"
	}
	s.record(ctx, Actor{}.entry(audit.CacheRebuild, rb.SeasonID, out))
	return out, nil
}

func (s *Service) rebuildPages(ctx context.Context, rb *store.CacheRebuild) error {
	user, question := parseKey(rb.LastKey)
	open := user // a player cut by the previous attempt's last page is still open
	for page := 1; ; page++ {
		rows, err := s.Store.MemorySeasonPage(ctx, store.MemoryPageParams{
			SeasonID: rb.SeasonID, AfterUserID: user, AfterQuestionID: question, Limit: rebuildPage})
		if err != nil {
			return err
		}
		groups, firsts, stillOpen := groupPage(rb.SeasonID, rows, open, len(rows) == rebuildPage)
		if err := s.Cache.Rebuild(ctx, groups); err != nil {
			return err
		}
		rb.Processed += int64(len(rows))
		rb.Users += int64(firsts)
		open = stillOpen
		if len(rows) < rebuildPage {
			return nil
		}
		last := rows[len(rows)-1]
		user, question = last.UserID, last.QuestionID
		rb.LastKey = strconv.FormatInt(user, 10) + ":" + question
		if page%progressPages == 0 {
			if err := s.Store.RebuildUpdate(ctx, *rb); err != nil {
				return err
			}
		}
	}
}

// groupPage splits a page (in key order) into runs of one player. open is the player whose
// schedule the previous page left open (0: none); a run that reaches the end of a full page
// stays open, as the next page may continue it. It returns the groups, how many players
// start here, and the player left open.
func groupPage(seasonID string, rows []store.MemoryDue, open int64, full bool) ([]PlayerItems, int, int64) {
	var groups []PlayerItems
	firsts := 0
	for start := 0; start < len(rows); {
		end := start
		for end < len(rows) && rows[end].UserID == rows[start].UserID {
			end++
		}
		u := rows[start].UserID
		if open != 0 && open != u {
			groups = append(groups, PlayerItems{UserID: open, SeasonID: seasonID, Last: true})
			open = 0
		}
		g := PlayerItems{UserID: u, SeasonID: seasonID, Items: rows[start:end], First: open != u,
			Last: end < len(rows) || !full}
		if g.First {
			firsts++
		}
		groups = append(groups, g)
		open = map[bool]int64{true: 0, false: u}[g.Last]
		start = end
	}
	if !full && open != 0 {
		groups = append(groups, PlayerItems{UserID: open, SeasonID: seasonID, Last: true})
		open = 0
	}
	return groups, firsts, open
}

func parseKey(k string) (int64, string) {
	u, q, ok := strings.Cut(k, ":")
	if !ok {
		return 0, ""
	}
	id, err := strconv.ParseInt(u, 10, 64)
	if err != nil {
		return 0, ""
	}
	return id, q
}

// failRebuild records the failure (the job retries and resumes) and returns err.
func (s *Service) failRebuild(ctx context.Context, rb store.CacheRebuild, err error) error {
	s.logger().Error("cache rebuild failed", "rebuild", rb.ID, "season", rb.SeasonID, "err", err)
	rb.Status, rb.Error = store.RebuildFailed, msgRetried
	if p, ok := problem.As(err); ok {
		rb.Error = p.Message
	}
	if uerr := s.Store.RebuildUpdate(ctx, rb); uerr != nil {
		s.logger().Error("rebuild: progress not saved", "rebuild", rb.ID, "err", uerr)
	}
	return fmt.Errorf("rebuild %d: %w", rb.ID, err)
}
