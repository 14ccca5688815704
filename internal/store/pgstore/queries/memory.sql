-- MemoryUpsert and ReviewLogInsert write many rows in one statement: one array per column,
-- zipped by the select-list unnests (which run in lockstep). sqlc's array parameters carry
-- no NULL elements, so NULLs travel as sentinels: an empty subject_id or topic_id (never a
-- valid id) and a has_* flag for last_review and session_id.
-- MemoryUpsert's caller removes duplicate keys (ON CONFLICT cannot touch one row twice).

-- name: MemoryUpsert :exec
INSERT INTO memory_state (user_id, season_id, question_id, subject_id, topic_id, stability, difficulty, state,
    step, level, due, last_review, reps, lapses, retired, created_at, updated_at)
SELECT u.user_id, u.season_id, u.question_id, nullif(u.subject_id, ''), nullif(u.topic_id, ''), u.stability,
    u.difficulty, u.state, u.step, u.level, u.due, CASE WHEN u.has_last_review THEN u.last_review END, u.reps,
    u.lapses, u.retired, u.created_at, u.updated_at
FROM (SELECT unnest(@user_ids::bigint[]) AS user_id, unnest(@season_ids::text[]) AS season_id,
    unnest(@question_ids::text[]) AS question_id, unnest(@subject_ids::text[]) AS subject_id,
    unnest(@topic_ids::text[]) AS topic_id, unnest(@stabilities::float8[]) AS stability,
    unnest(@difficulties::float8[]) AS difficulty, unnest(@states::smallint[]) AS state,
    unnest(@steps::smallint[]) AS step, unnest(@levels::smallint[]) AS level,
    unnest(@dues::timestamptz[]) AS due, unnest(@has_last_reviews::boolean[]) AS has_last_review,
    unnest(@last_reviews::timestamptz[]) AS last_review, unnest(@reps::integer[]) AS reps,
    unnest(@lapses::integer[]) AS lapses, unnest(@retireds::boolean[]) AS retired,
    unnest(@created_ats::timestamptz[]) AS created_at, unnest(@updated_ats::timestamptz[]) AS updated_at) AS u
ON CONFLICT (user_id, season_id, question_id) DO UPDATE SET subject_id = coalesce(excluded.subject_id, memory_state.subject_id),
    topic_id = coalesce(excluded.topic_id, memory_state.topic_id), stability = excluded.stability,
    difficulty = excluded.difficulty, state = excluded.state, step = excluded.step, level = excluded.level,
    due = excluded.due, last_review = excluded.last_review, reps = excluded.reps, lapses = excluded.lapses,
    retired = excluded.retired, updated_at = excluded.updated_at;

-- name: MemoryGet :one
SELECT * FROM memory_state WHERE user_id = $1 AND season_id = $2 AND question_id = $3;

-- name: ReviewLogInsert :exec
INSERT INTO review_log (user_id, season_id, question_id, session_id, source, rating, correct, duration_ms,
    elapsed_days, state_before, state_after, stability_before, stability_after, difficulty_after, due_after, reviewed_at)
SELECT u.user_id, u.season_id, u.question_id, CASE WHEN u.has_session_id THEN u.session_id END, u.source, u.rating,
    u.correct, u.duration_ms, u.elapsed_days, u.state_before, u.state_after, u.stability_before, u.stability_after,
    u.difficulty_after, u.due_after, u.reviewed_at
FROM (SELECT unnest(@user_ids::bigint[]) AS user_id, unnest(@season_ids::text[]) AS season_id,
    unnest(@question_ids::text[]) AS question_id, unnest(@has_session_ids::boolean[]) AS has_session_id,
    unnest(@session_ids::bigint[]) AS session_id, unnest(@sources::text[]) AS source,
    unnest(@ratings::smallint[]) AS rating, unnest(@corrects::boolean[]) AS correct,
    unnest(@duration_ms::integer[]) AS duration_ms, unnest(@elapsed_days::float8[]) AS elapsed_days,
    unnest(@states_before::smallint[]) AS state_before, unnest(@states_after::smallint[]) AS state_after,
    unnest(@stabilities_before::float8[]) AS stability_before,
    unnest(@stabilities_after::float8[]) AS stability_after,
    unnest(@difficulties_after::float8[]) AS difficulty_after, unnest(@dues_after::timestamptz[]) AS due_after,
    unnest(@reviewed_ats::timestamptz[]) AS reviewed_at) AS u;

-- name: MemoryGetMany :many
SELECT * FROM memory_state
WHERE user_id = @user_id AND season_id = @season_id AND question_id = ANY(@question_ids::text[]);

-- name: MemoryRecord :exec
-- MemoryUpsert and ReviewLogInsert in one statement (one round trip).
WITH states AS (
    INSERT INTO memory_state (user_id, season_id, question_id, subject_id, topic_id, stability, difficulty, state,
        step, level, due, last_review, reps, lapses, retired, created_at, updated_at)
    SELECT u.user_id, u.season_id, u.question_id, nullif(u.subject_id, ''), nullif(u.topic_id, ''), u.stability,
        u.difficulty, u.state, u.step, u.level, u.due, CASE WHEN u.has_last_review THEN u.last_review END, u.reps,
        u.lapses, u.retired, u.created_at, u.updated_at
    FROM (SELECT unnest(@user_ids::bigint[]) AS user_id, unnest(@season_ids::text[]) AS season_id,
        unnest(@question_ids::text[]) AS question_id, unnest(@subject_ids::text[]) AS subject_id,
        unnest(@topic_ids::text[]) AS topic_id, unnest(@stabilities::float8[]) AS stability,
        unnest(@difficulties::float8[]) AS difficulty, unnest(@states::smallint[]) AS state,
        unnest(@steps::smallint[]) AS step, unnest(@levels::smallint[]) AS level,
        unnest(@dues::timestamptz[]) AS due, unnest(@has_last_reviews::boolean[]) AS has_last_review,
        unnest(@last_reviews::timestamptz[]) AS last_review, unnest(@reps::integer[]) AS reps,
        unnest(@lapses::integer[]) AS lapses, unnest(@retireds::boolean[]) AS retired,
        unnest(@created_ats::timestamptz[]) AS created_at, unnest(@updated_ats::timestamptz[]) AS updated_at) AS u
    ON CONFLICT (user_id, season_id, question_id) DO UPDATE SET subject_id = coalesce(excluded.subject_id, memory_state.subject_id),
        topic_id = coalesce(excluded.topic_id, memory_state.topic_id), stability = excluded.stability,
        difficulty = excluded.difficulty, state = excluded.state, step = excluded.step, level = excluded.level,
        due = excluded.due, last_review = excluded.last_review, reps = excluded.reps, lapses = excluded.lapses,
        retired = excluded.retired, updated_at = excluded.updated_at
)
INSERT INTO review_log (user_id, season_id, question_id, session_id, source, rating, correct, duration_ms,
    elapsed_days, state_before, state_after, stability_before, stability_after, difficulty_after, due_after, reviewed_at)
SELECT u.user_id, u.season_id, u.question_id, CASE WHEN u.has_session_id THEN u.session_id END, u.source, u.rating,
    u.correct, u.duration_ms, u.elapsed_days, u.state_before, u.state_after, u.stability_before, u.stability_after,
    u.difficulty_after, u.due_after, u.reviewed_at
FROM (SELECT unnest(@log_user_ids::bigint[]) AS user_id, unnest(@log_season_ids::text[]) AS season_id,
    unnest(@log_question_ids::text[]) AS question_id, unnest(@has_session_ids::boolean[]) AS has_session_id,
    unnest(@session_ids::bigint[]) AS session_id, unnest(@sources::text[]) AS source,
    unnest(@ratings::smallint[]) AS rating, unnest(@corrects::boolean[]) AS correct,
    unnest(@duration_ms::integer[]) AS duration_ms, unnest(@elapsed_days::float8[]) AS elapsed_days,
    unnest(@states_before::smallint[]) AS state_before, unnest(@states_after::smallint[]) AS state_after,
    unnest(@stabilities_before::float8[]) AS stability_before,
    unnest(@stabilities_after::float8[]) AS stability_after,
    unnest(@difficulties_after::float8[]) AS difficulty_after, unnest(@dues_after::timestamptz[]) AS due_after,
    unnest(@reviewed_ats::timestamptz[]) AS reviewed_at) AS u;
