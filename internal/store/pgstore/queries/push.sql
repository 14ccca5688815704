-- Teachers push items into their students' review queues (teaching.Service.Push).

-- name: PushCandidates :many
-- The live items of the students of an institution in their profile seasons (of one topic
-- when topic_id is not empty). An archived season's items are never pushed, even while its
-- archival is still moving them out of memory_state.
SELECT m.user_id, m.season_id, m.question_id, m.topic_id, m.stability, m.due, m.last_review
FROM memory_state m
JOIN users u ON u.id = m.user_id
JOIN player_profiles p ON p.user_id = m.user_id AND p.season_id = m.season_id
JOIN seasons s ON s.id = m.season_id AND s.archived_at IS NULL
WHERE u.institution_id = @institution_id AND NOT m.retired AND (@topic_id::text = '' OR m.topic_id = @topic_id::text)
ORDER BY m.user_id, m.question_id;

-- name: PushDue :many
-- Makes the live items not yet due due now; nothing else of their state changes.
UPDATE memory_state SET due = @now, updated_at = @now
WHERE user_id = @user_id AND season_id = @season_id AND question_id = ANY(@question_ids::text[])
  AND NOT retired AND due > @now
RETURNING question_id;

-- name: PushMark :exec
INSERT INTO review_pushes (user_id, season_id, question_id, pushed_by, pushed_at)
SELECT @user_id::bigint, @season_id::text, q, @pushed_by::bigint, @pushed_at::timestamptz
FROM unnest(@question_ids::text[]) AS q
ON CONFLICT (user_id, season_id, question_id) DO UPDATE SET pushed_by = excluded.pushed_by, pushed_at = excluded.pushed_at;

-- name: PushedAmong :many
SELECT question_id, pushed_at FROM review_pushes
WHERE user_id = @user_id AND season_id = @season_id AND question_id = ANY(@question_ids::text[]);

-- name: PushMany :many
-- One push to many students in one statement: makes the live items among the
-- (user, season, question) triples not yet due due now (nothing else of their state
-- changes), records every triple as pushed, and returns the triples it made due.
WITH items AS (
    -- set-returning functions side by side in a select list are zipped, row by row
    SELECT unnest(@user_ids::bigint[]) AS user_id, unnest(@season_ids::text[]) AS season_id,
        unnest(@question_ids::text[]) AS question_id
), moved AS (
    UPDATE memory_state m SET due = @now, updated_at = @now
    FROM items i
    WHERE m.user_id = i.user_id AND m.season_id = i.season_id AND m.question_id = i.question_id
      AND NOT m.retired AND m.due > @now
    RETURNING m.user_id, m.season_id, m.question_id
), marked AS (
    INSERT INTO review_pushes (user_id, season_id, question_id, pushed_by, pushed_at)
    SELECT i.user_id, i.season_id, i.question_id, @pushed_by::bigint, @now FROM items i
    ON CONFLICT (user_id, season_id, question_id) DO UPDATE SET pushed_by = excluded.pushed_by, pushed_at = excluded.pushed_at
)
SELECT moved.user_id, moved.season_id, moved.question_id FROM moved;
