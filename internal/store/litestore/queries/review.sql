-- name: ReviewDue :many
SELECT * FROM memory_state
WHERE user_id = @user_id AND season_id = @season_id AND due <= @now AND NOT retired
ORDER BY due
LIMIT @lim;

-- name: ReviewDueInSubject :many
SELECT * FROM memory_state
WHERE user_id = @user_id AND season_id = @season_id AND due <= @now AND NOT retired AND subject_id = @subject_id
ORDER BY due
LIMIT @lim;

-- name: ReviewTopicItems :many
SELECT * FROM memory_state
WHERE user_id = @user_id AND season_id = @season_id AND topic_id = @topic_id AND NOT retired;

-- name: ReviewScheduleLoad :many
SELECT question_id, due FROM memory_state
WHERE user_id = @user_id AND season_id = @season_id AND NOT retired;

-- name: ReviewDueRows :many
-- The rows MemoryGetMany finds, only the columns a review session reads, and whether the
-- latest teacher push of each item (review_pushes) came after its last review.
SELECT m.question_id, m.due, m.retired,
  CAST(p.pushed_at IS NOT NULL AND (m.last_review IS NULL OR m.last_review < p.pushed_at) AS BOOLEAN) AS pushed
FROM memory_state m
LEFT JOIN review_pushes p ON p.user_id = m.user_id AND p.season_id = m.season_id AND p.question_id = m.question_id
WHERE m.user_id = @user_id AND m.season_id = @season_id
  AND m.question_id IN (SELECT value FROM json_each(@question_ids));

-- name: ReviewLessonStages :many
SELECT s.id, s.lesson_id, s.position, s.title, s.type, s.config, l.is_published
FROM stages s JOIN lessons l ON l.id = s.lesson_id
WHERE s.lesson_id IN (SELECT lesson_id FROM stages WHERE stages.id IN (SELECT value FROM json_each(@stage_ids)))
ORDER BY s.lesson_id, s.position, s.id;

-- name: ReviewRetire :exec
UPDATE memory_state SET retired = 1, updated_at = @now
WHERE user_id = @user_id AND season_id = @season_id AND NOT retired
  AND question_id IN (SELECT value FROM json_each(@question_ids));

-- name: ReviewLevelCounts :many
SELECT level, count(*) AS n FROM memory_state
WHERE user_id = @user_id AND season_id = @season_id AND NOT retired
GROUP BY level;

-- name: ReviewSessionSetResponse :exec
UPDATE gameplay_sessions SET response = @response WHERE id = @id;
