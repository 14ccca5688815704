-- Reads behind profile stats and daily quests: each walks one player's rows by index
-- (gameplay_sessions and xp_ledger by (user_id, local_day), memory_state by its key).

-- name: ProgressActivityDays :many
SELECT local_day, CAST(max(kind = 'review') AS INTEGER) AS reviewed
FROM gameplay_sessions
WHERE user_id = @user_id AND local_day < @before
GROUP BY local_day
ORDER BY local_day DESC
LIMIT @lim;

-- name: ProgressXPByDay :many
SELECT local_day, source, CAST(sum(amount) AS INTEGER) AS xp
FROM xp_ledger
WHERE user_id = @user_id AND local_day >= @from_day AND local_day <= @to_day
GROUP BY local_day, source
ORDER BY local_day, source;

-- name: ProgressRefsOfDay :many
-- The refs credited under one source on one local day (xp_ledger_user_day_idx).
SELECT ref FROM xp_ledger
WHERE user_id = @user_id AND local_day = @day AND source = @source
ORDER BY ref;

-- name: ProgressMastery :many
SELECT level, count(*) AS n
FROM memory_state
WHERE user_id = @user_id AND season_id = @season_id AND NOT retired
  AND (sqlc.narg(subject_id) IS NULL OR subject_id = sqlc.narg(subject_id))
GROUP BY level;

-- name: ProgressDueBySubject :many
SELECT m.subject_id, coalesce(s.title, '') AS subject_title, coalesce(s.title_en, '') AS subject_title_en, count(*) AS n
FROM memory_state m
LEFT JOIN subjects s ON s.id = m.subject_id
WHERE m.user_id = @user_id AND m.season_id = @season_id AND NOT m.retired AND m.due <= @now
  AND (sqlc.narg(subject_id) IS NULL OR m.subject_id = sqlc.narg(subject_id))
GROUP BY m.subject_id, s.title, s.title_en
ORDER BY m.subject_id;

-- name: ProgressReviewedBySubject :many
SELECT m.subject_id, coalesce(s.title, '') AS subject_title, coalesce(s.title_en, '') AS subject_title_en, count(DISTINCT r.question_id) AS n
FROM review_log r
JOIN memory_state m ON m.user_id = r.user_id AND m.season_id = r.season_id AND m.question_id = r.question_id
LEFT JOIN subjects s ON s.id = m.subject_id
WHERE r.user_id = @user_id AND r.reviewed_at >= @from_time AND r.reviewed_at < @to_time
  AND r.season_id = @season_id AND r.source = 'review' AND NOT m.retired AND m.due > @now
  AND (sqlc.narg(subject_id) IS NULL OR m.subject_id = sqlc.narg(subject_id))
GROUP BY m.subject_id, s.title, s.title_en
ORDER BY m.subject_id;

-- name: ProgressCreditedRefs :many
SELECT ref FROM xp_ledger
WHERE user_id = @user_id AND source = @source AND ref IN (SELECT value FROM json_each(@refs));

-- name: ProgressStageSubjects :many
-- The subject of each stage (its lesson's unit's) with the subject's titles: daily quests
-- count the due items of the cached schedule by it (questions are stages, or atoms of them).
SELECT st.id, u.subject_id, sb.title AS subject_title, sb.title_en AS subject_title_en
FROM stages st
JOIN lessons l ON l.id = st.lesson_id
JOIN units u ON u.id = l.unit_id
JOIN subjects sb ON sb.id = u.subject_id
WHERE st.id IN (SELECT value FROM json_each(@stage_ids));
