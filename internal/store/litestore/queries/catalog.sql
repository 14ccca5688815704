-- name: SubjectListByIDs :many
SELECT * FROM subjects WHERE id IN (SELECT value FROM json_each(@ids));

-- name: TrackListBySubjects :many
SELECT * FROM tracks WHERE subject_id IN (SELECT value FROM json_each(@subject_ids))
ORDER BY is_default DESC, position, created_at, id;

-- name: UnitListBySubjects :many
SELECT * FROM units WHERE subject_id IN (SELECT value FROM json_each(@subject_ids))
ORDER BY position, created_at, id;

-- name: TopicListBySubjects :many
SELECT t.id, t.unit_id, t.title, t.title_en, t.description, t.is_free_preview, t.is_linear, t.is_published,
    t.position, t.created_at
FROM topics t JOIN units u ON u.id = t.unit_id
WHERE u.subject_id IN (SELECT value FROM json_each(@subject_ids))
ORDER BY t.position, t.created_at, t.id;

-- name: LessonListBySubjects :many
SELECT l.id, l.unit_id, l.topic_id, l.title, l.title_en, l.xp_reward, l.is_published, l.position, l.created_at
FROM lessons l JOIN units u ON u.id = l.unit_id
WHERE u.subject_id IN (SELECT value FROM json_each(@subject_ids))
ORDER BY l.position, l.created_at, l.id;

-- name: UnitGet :one
SELECT * FROM units WHERE id = ?;

-- name: TopicGet :one
SELECT * FROM topics WHERE id = ?;

-- name: LessonCompletedIDs :many
SELECT DISTINCT lesson_id FROM gameplay_sessions
WHERE user_id = ? AND lesson_id IS NOT NULL AND completed;

-- name: LessonPlayList :many
SELECT id, created_at, local_day, completed FROM gameplay_sessions
WHERE user_id = ? AND lesson_id = ? AND kind = 'lesson'
ORDER BY created_at, id;

-- name: SessionSetCompleted :execrows
UPDATE gameplay_sessions SET completed = ? WHERE id = ?;

-- name: AccessGrantsActive :many
SELECT s.type AS subscription_type, a.type AS access_type, a.subject_id, a.track_id
FROM subscriptions s
JOIN seasons se ON se.id = s.season_id
LEFT JOIN subscription_access a ON a.subscription_id = s.id
WHERE s.user_id = @user_id AND s.status = 'active' AND se.start_date <= @day AND se.end_date >= @day
ORDER BY s.id, a.position;

-- name: PlayerExists :one
SELECT user_id FROM player_profiles WHERE user_id = ?;
