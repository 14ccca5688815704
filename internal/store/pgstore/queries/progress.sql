-- Reads behind profile stats and daily quests: each walks one player's rows by index
-- (gameplay_sessions and xp_ledger by (user_id, local_day), memory_state by its key).

-- name: ProgressActivityDays :many
SELECT local_day, bool_or(kind = 'review') AS reviewed
FROM gameplay_sessions
WHERE user_id = @user_id AND local_day < @before
GROUP BY local_day
ORDER BY local_day DESC
LIMIT @lim;

-- name: ProgressXPByDay :many
SELECT local_day, source, sum(amount)::bigint AS xp
FROM xp_ledger
WHERE user_id = @user_id AND local_day >= @from_day AND local_day <= @to_day
GROUP BY local_day, source
ORDER BY local_day, source;

-- name: ProgressRefsOfDay :many
-- The refs credited under one source on one local day (xp_ledger_user_day_idx): the daily
-- quests' rewards of the day, read with the day's other rows in the same batch.
SELECT ref FROM xp_ledger
WHERE user_id = @user_id AND local_day = @day AND source = @source
ORDER BY ref;

-- name: ProgressMastery :many
-- A subject's live items by level (memory_state_subject_idx). The whole season's are
-- memory_level_counts (ReviewLevelCounts), kept by triggers: no walk.
SELECT level, count(*) AS n
FROM memory_state
WHERE user_id = @user_id AND season_id = @season_id AND subject_id = @subject_id AND NOT retired
GROUP BY level;

-- name: ProgressDueBySubject :many
SELECT m.subject_id, coalesce(s.title, '')::text AS subject_title, coalesce(s.title_en, '')::text AS subject_title_en, count(*) AS n
FROM memory_state m
LEFT JOIN subjects s ON s.id = m.subject_id
WHERE m.user_id = @user_id AND m.season_id = @season_id AND NOT m.retired AND m.due <= @now
  AND (sqlc.narg(subject_id)::text IS NULL OR m.subject_id = sqlc.narg(subject_id)::text)
GROUP BY m.subject_id, s.title, s.title_en
ORDER BY m.subject_id;

-- name: ProgressReviewedBySubject :many
SELECT m.subject_id, coalesce(s.title, '')::text AS subject_title, coalesce(s.title_en, '')::text AS subject_title_en, count(DISTINCT r.question_id) AS n
FROM review_log r
JOIN memory_state m ON m.user_id = r.user_id AND m.season_id = r.season_id AND m.question_id = r.question_id
LEFT JOIN subjects s ON s.id = m.subject_id
WHERE r.user_id = @user_id AND r.reviewed_at >= @from_time AND r.reviewed_at < @to_time
  AND r.season_id = @season_id AND r.source = 'review' AND NOT m.retired AND m.due > @now
  AND (sqlc.narg(subject_id)::text IS NULL OR m.subject_id = sqlc.narg(subject_id)::text)
GROUP BY m.subject_id, s.title, s.title_en
ORDER BY m.subject_id;

-- name: ProgressCreditedRefs :many
SELECT ref FROM xp_ledger
WHERE user_id = @user_id AND source = @source AND ref = ANY(@refs::text[]);

-- name: ProgressDueSubjects :many
-- Which of subject_ids ('' for items without a subject) whose review quest's reward (refs,
-- in the same order) is not credited have a live item due at now: each test stops at the
-- first such item, where ProgressDueBySubject counts them all (the player's whole season by
-- the key). SessionWrite's quest reads. The test is a subquery with LIMIT 1, run per
-- subject, not an EXISTS: the planner turns an EXISTS into one semi join that walks the
-- player's rows until every subject is found (most of the season when one subject is small).
-- Each subquery reads the subject's items by memory_state_subject_idx: its condition on
-- subject_id is an equality, or IS NULL for '', never an expression of the column.
SELECT s.id::text AS subject_id
FROM unnest(@subject_ids::text[]) WITH ORDINALITY AS s(id, i)
WHERE NOT EXISTS (
    SELECT 1 FROM xp_ledger x WHERE x.user_id = @user_id AND x.source = 'quest' AND x.ref = (@refs::text[])[s.i])
  AND coalesce(CASE WHEN s.id = '' THEN (
    SELECT true FROM memory_state m
    WHERE m.user_id = @user_id AND m.season_id = @season_id AND m.subject_id IS NULL
      AND NOT m.retired AND m.due <= @now
    LIMIT 1) ELSE (
    SELECT true FROM memory_state m
    WHERE m.user_id = @user_id AND m.season_id = @season_id AND m.subject_id = s.id
      AND NOT m.retired AND m.due <= @now
    LIMIT 1) END, false);

-- name: ProgressStageSubjects :many
-- The subject of each stage (its lesson's unit's) with the subject's titles: daily quests
-- count the due items of the cached schedule by it (questions are stages, or atoms of them).
SELECT st.id, u.subject_id, sb.title AS subject_title, sb.title_en AS subject_title_en
FROM stages st
JOIN lessons l ON l.id = st.lesson_id
JOIN units u ON u.id = l.unit_id
JOIN subjects sb ON sb.id = u.subject_id
WHERE st.id = ANY(@stage_ids::text[]);
