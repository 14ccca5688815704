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
WHERE u.institution_id = @institution_id AND NOT m.retired AND (CAST(@topic_id AS TEXT) = '' OR m.topic_id = @topic_id)
ORDER BY m.user_id, m.question_id;

-- name: PushDue :many
-- Makes the live items not yet due due now; nothing else of their state changes.
UPDATE memory_state SET due = @now, updated_at = @now
WHERE user_id = @user_id AND season_id = @season_id AND question_id IN (SELECT value FROM json_each(@question_ids))
  AND NOT retired AND due > @now
RETURNING question_id;

-- name: PushMark :exec
INSERT INTO review_pushes (user_id, season_id, question_id, pushed_by, pushed_at)
SELECT @user_id, @season_id, value, @pushed_by, @pushed_at FROM json_each(@question_ids) WHERE true
ON CONFLICT (user_id, season_id, question_id) DO UPDATE SET pushed_by = excluded.pushed_by, pushed_at = excluded.pushed_at;

-- name: PushedAmong :many
SELECT question_id, pushed_at FROM review_pushes
WHERE user_id = @user_id AND season_id = @season_id AND question_id IN (SELECT value FROM json_each(@question_ids));

-- name: PushDueMany :many
-- One push to many students: makes the live items among the [user, season, question]
-- triples of the JSON array not yet due due now (nothing else of their state changes),
-- found by primary key, and returns them.
UPDATE memory_state SET due = @now, updated_at = @now
WHERE (user_id, season_id, question_id) IN (
    SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]') FROM json_each(@items))
  AND NOT retired AND due > @now
RETURNING user_id, season_id, question_id;

-- name: PushMarkMany :exec
INSERT INTO review_pushes (user_id, season_id, question_id, pushed_by, pushed_at)
SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]'), @pushed_by, @pushed_at
FROM json_each(@items) WHERE true
ON CONFLICT (user_id, season_id, question_id) DO UPDATE SET pushed_by = excluded.pushed_by, pushed_at = excluded.pushed_at;
