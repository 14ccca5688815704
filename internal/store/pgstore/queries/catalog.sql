-- name: SubjectListByIDs :many
SELECT * FROM subjects WHERE id = ANY(@ids::text[]);

-- name: TrackListBySubjects :many
SELECT * FROM tracks WHERE subject_id = ANY(@subject_ids::text[])
ORDER BY is_default DESC, position, created_at, id;

-- name: UnitListBySubjects :many
SELECT * FROM units WHERE subject_id = ANY(@subject_ids::text[])
ORDER BY position, created_at, id;

-- name: TopicListBySubjects :many
SELECT t.id, t.unit_id, t.title, t.title_en, t.description, t.is_free_preview, t.is_linear, t.is_published,
    t.position, t.created_at
FROM topics t JOIN units u ON u.id = t.unit_id
WHERE u.subject_id = ANY(@subject_ids::text[])
ORDER BY t.position, t.created_at, t.id;

-- name: LessonListBySubjects :many
SELECT l.id, l.unit_id, l.topic_id, l.title, l.title_en, l.xp_reward, l.is_published, l.position, l.created_at
FROM lessons l JOIN units u ON u.id = l.unit_id
WHERE u.subject_id = ANY(@subject_ids::text[])
ORDER BY l.position, l.created_at, l.id;

-- name: UnitGet :one
SELECT * FROM units WHERE id = $1;

-- name: TopicGet :one
SELECT * FROM topics WHERE id = $1;

-- name: LessonCompletedIDs :many
SELECT DISTINCT lesson_id::text FROM gameplay_sessions
WHERE user_id = $1 AND lesson_id IS NOT NULL AND completed;

-- name: LessonPlayList :many
SELECT id, created_at, local_day, completed FROM gameplay_sessions
WHERE user_id = $1 AND lesson_id = $2 AND kind = 'lesson'
ORDER BY created_at, id;

-- name: SessionSetCompleted :execrows
UPDATE gameplay_sessions SET completed = $1 WHERE id = $2;

-- name: AccessGrantsActive :many
SELECT s.type AS subscription_type, a.type AS access_type, a.subject_id, a.track_id
FROM subscriptions s
JOIN seasons se ON se.id = s.season_id
LEFT JOIN subscription_access a ON a.subscription_id = s.id
WHERE s.user_id = @user_id AND s.status = 'active' AND se.start_date <= @day::date AND se.end_date >= @day::date
ORDER BY s.id, a.position;

-- name: PlayerLock :one
SELECT user_id FROM player_profiles WHERE user_id = $1 FOR UPDATE;

-- name: PlansGeneric :exec
-- Until the transaction ends (a batch outside one: until the batch ends), prepared
-- statements run their generic plan, made once per connection. Sent first in the batches
-- of one player's reads and writes, whose statements are all keyed by the player: left to
-- choose, PostgreSQL plans some of them anew on every execution because a generic plan
-- looks dearer when it cannot count an array parameter's elements (ProgressDueSubjects:
-- 1.4 ms of planning per submission, ProgressCreditedRefs 0.5 ms).
SELECT set_config('plan_cache_mode', 'force_generic_plan', true);
