package loadgen

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"

	"memora/internal/store"
)

// Floor endpoints: the bare minimum of the two hot paths, served by loadgen itself.
const (
	EPFloorReview = "floor_review_session"
	EPFloorSubmit = "floor_submit"
)

// The floor's batch sizes: the due list a session reads, the answers a submission writes.
const (
	floorDueLimit = 20
	floorAnswers  = 15
)

// FloorStore is what the floor needs of the database (a store.Store has it all).
type FloorStore interface {
	MemoryGetMany(ctx context.Context, userID int64, seasonID string, questionIDs []string) ([]store.MemoryState, error)
	ReviewDue(ctx context.Context, p store.ReviewDueParams) ([]store.MemoryState, error)
	MemoryRecord(ctx context.Context, items []store.MemoryState, entries []store.ReviewLogEntry) error
	// For the floor's students: their ids and, to warm a cold Redis, their schedules.
	UserGetByEmail(ctx context.Context, email string) (store.User, error)
	ReviewScheduleLoad(ctx context.Context, userID int64, seasonID string) ([]store.ScheduleItem, error)
}

// FloorServer serves the floor on loopback, as the project's floors are defined: (a) one
// ZRANGEBYSCORE (limit 20) and one 20-row primary-key fetch, or the indexed due query when
// there is no Redis; (b) 15 memory upserts and 15 review-log inserts in one statement (one
// round trip, atomic; one transaction on SQLite), then, with Redis, one pipeline of a ZADD per
// answered item into the student's schedule, a ZINCRBY of the student's score on a board and
// its ZREVRANK. Nothing else: no auth, no cards, no XP in the database.
type FloorServer struct {
	URL    string
	st     FloorStore
	rdb    redis.UniversalClient
	season string
	srv    *http.Server
	// memory holds each floor student's population states: a submission writes some of
	// them back, so the floor costs what a real write costs without moving the population's
	// due dates (a real run after the floor finds the same overdue items).
	memory map[int64][]store.MemoryState
}

// StartFloor listens on a free loopback port.
func StartFloor(st FloorStore, rdb redis.UniversalClient, season string) (*FloorServer, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("floor: %w", err)
	}
	f := &FloorServer{URL: "http://" + ln.Addr().String(), st: st, rdb: rdb, season: season,
		memory: map[int64][]store.MemoryState{}}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /floor/review_session", f.reviewSession)
	mux.HandleFunc("POST /floor/submit", f.submit)
	f.srv = &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	go f.srv.Serve(ln) //nolint:errcheck // ends with Close
	return f, nil
}

// addStudent registers a student's population states (before the run starts).
func (f *FloorServer) addStudent(userID int64, memory []store.MemoryState) { f.memory[userID] = memory }

// FloorBoardKey is the floor's board (ZINCRBY and ZREVRANK after each submission); Close
// deletes it.
const FloorBoardKey = "loadgen:floor:board"

// floorXP is what the floor adds to a student's board score per submission.
const floorXP = 10

// Close stops the server and deletes its board.
func (f *FloorServer) Close() error {
	err := f.srv.Close()
	if f.rdb != nil {
		ctx, cancel := context.WithTimeout(context.Background(), bulkRedisTimeout)
		defer cancel()
		err = errors.Join(err, f.rdb.Del(ctx, FloorBoardKey).Err())
	}
	return err
}

func (f *FloorServer) reviewSession(w http.ResponseWriter, r *http.Request) {
	user, err := strconv.ParseInt(r.URL.Query().Get("user"), 10, 64)
	if err != nil {
		http.Error(w, "user must be an id", http.StatusBadRequest)
		return
	}
	ctx, now := r.Context(), time.Now()
	var rows []store.MemoryState
	if f.rdb != nil {
		var ids []string
		ids, err = f.rdb.ZRangeByScore(ctx, ScheduleKey(user, f.season), &redis.ZRangeBy{
			Min: "-inf", Max: strconv.FormatInt(now.Unix(), 10), Count: floorDueLimit}).Result()
		if err == nil && len(ids) > 0 {
			rows, err = f.st.MemoryGetMany(ctx, user, f.season, ids)
		}
	} else {
		rows, err = f.st.ReviewDue(ctx, store.ReviewDueParams{UserID: user, SeasonID: f.season, Now: now, Limit: floorDueLimit})
	}
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	ids := make([]string, len(rows))
	for i, m := range rows {
		ids[i] = m.QuestionID
	}
	writeFloor(w, map[string]any{"questions": ids})
}

// floorSubmission names the player and where in their memory the answered questions start.
type floorSubmission struct {
	User int64 `json:"user"`
	From int   `json:"from"`
}

func (f *FloorServer) submit(w http.ResponseWriter, r *http.Request) {
	var sub floorSubmission
	if err := json.NewDecoder(r.Body).Decode(&sub); err != nil || len(f.memory[sub.User]) == 0 {
		http.Error(w, "body must be {user, from} of a floor student", http.StatusBadRequest)
		return
	}
	ctx := r.Context()
	items, logs := floorWrites(f.memory[sub.User], sub.From, time.Now())
	if err := f.st.MemoryRecord(ctx, items, logs); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	rank, err := f.scheduled(ctx, sub.User, items)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	writeFloor(w, map[string]any{"status": "success", "processed": len(items), "rank": rank})
}

// scheduled writes the items' due times into the student's schedule (a ZADD each) and adds
// floorXP to the student's board score, reading back their rank, in one Redis pipeline
// (nothing without Redis). The due times are the ones the items had: the schedule's order
// is kept, as the database's states are.
func (f *FloorServer) scheduled(ctx context.Context, userID int64, items []store.MemoryState) (int64, error) {
	if f.rdb == nil {
		return 0, nil
	}
	key, member := ScheduleKey(userID, f.season), strconv.FormatInt(userID, 10)
	pipe := f.rdb.Pipeline()
	for _, m := range items {
		pipe.ZAdd(ctx, key, redis.Z{Score: float64(m.Due.Unix()), Member: m.QuestionID})
	}
	pipe.ZIncrBy(ctx, FloorBoardKey, floorXP, member)
	rank := pipe.ZRevRank(ctx, FloorBoardKey, member)
	if _, err := pipe.Exec(ctx); err != nil {
		return 0, fmt.Errorf("floor: schedule and board: %w", err)
	}
	return rank.Val(), nil
}

// floorWrites are 15 of the student's states from position from (wrapping), written back as
// they are, and a review-log entry for each.
func floorWrites(memory []store.MemoryState, from int, now time.Time) ([]store.MemoryState, []store.ReviewLogEntry) {
	n := min(floorAnswers, len(memory))
	items := make([]store.MemoryState, n)
	logs := make([]store.ReviewLogEntry, n)
	for i := range n {
		m := memory[(from+i)%len(memory)]
		m.UpdatedAt = now
		items[i] = m
		logs[i] = store.ReviewLogEntry{UserID: m.UserID, SeasonID: m.SeasonID, QuestionID: m.QuestionID,
			Source: store.SessionReview, Rating: 3, Correct: true, DurationMs: 3000, ElapsedDays: 2, StateBefore: m.State,
			StateAfter: m.State, StabilityBefore: m.Stability, StabilityAfter: m.Stability, DifficultyAfter: m.Difficulty,
			DueAfter: m.Due, ReviewedAt: now}
	}
	return items, logs
}

func writeFloor(w http.ResponseWriter, msg any) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(map[string]any{"message": msg})
}
