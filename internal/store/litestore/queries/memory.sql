-- name: MemoryUpsert :exec
INSERT INTO memory_state (user_id, season_id, question_id, subject_id, topic_id, stability, difficulty, state,
    step, level, due, last_review, reps, lapses, retired, created_at, updated_at)
VALUES (@user_id, @season_id, @question_id, @subject_id, @topic_id, @stability, @difficulty, @state,
    @step, @level, @due, @last_review, @reps, @lapses, @retired, @created_at, @updated_at)
ON CONFLICT (user_id, season_id, question_id) DO UPDATE SET subject_id = coalesce(excluded.subject_id, memory_state.subject_id),
    topic_id = coalesce(excluded.topic_id, memory_state.topic_id), stability = excluded.stability,
    difficulty = excluded.difficulty, state = excluded.state, step = excluded.step, level = excluded.level,
    due = excluded.due, last_review = excluded.last_review, reps = excluded.reps, lapses = excluded.lapses,
    retired = excluded.retired, updated_at = excluded.updated_at;

-- name: MemoryGet :one
SELECT * FROM memory_state WHERE user_id = ? AND season_id = ? AND question_id = ?;

-- name: ReviewLogInsert :exec
INSERT INTO review_log (user_id, season_id, question_id, session_id, source, rating, correct, duration_ms,
    elapsed_days, state_before, state_after, stability_before, stability_after, difficulty_after, due_after, reviewed_at)
VALUES (@user_id, @season_id, @question_id, @session_id, @source, @rating, @correct, @duration_ms,
    @elapsed_days, @state_before, @state_after, @stability_before, @stability_after, @difficulty_after, @due_after, @reviewed_at);

-- name: MemoryGetMany :many
SELECT * FROM memory_state
WHERE user_id = @user_id AND season_id = @season_id
  AND question_id IN (SELECT value FROM json_each(@question_ids));
