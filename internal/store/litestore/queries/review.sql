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
