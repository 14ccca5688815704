-- The workload forecast (docs/srs.md, section 11) reads a sample of a season's students, their live
-- reviewed items and their recent review times.

-- name: ForecastStudents :many
-- Students of the season (of one institution, or all when institution_id is empty) with a
-- live reviewed item, in the order of a hash of their id: the same season gives the same
-- sample.
SELECT m.user_id FROM memory_state m JOIN users u ON u.id = m.user_id
WHERE m.season_id = @season_id AND NOT m.retired AND m.last_review IS NOT NULL
  AND (CAST(@institution_id AS TEXT) = '' OR u.institution_id = @institution_id)
GROUP BY m.user_id
ORDER BY (m.user_id * 2654435761) % 4294967291, m.user_id
LIMIT @lim;

-- name: ForecastMemory :many
SELECT user_id, stability, difficulty, state, due, CAST(last_review AS INTEGER) AS last_review FROM memory_state
WHERE season_id = @season_id AND user_id IN (SELECT value FROM json_each(@user_ids)) AND NOT retired
  AND last_review IS NOT NULL
ORDER BY user_id, question_id
LIMIT @lim;

-- name: ForecastDurations :many
-- The latest review answers of the students (lessons left out), with their time.
SELECT rating, duration_ms FROM review_log
WHERE user_id IN (SELECT value FROM json_each(@user_ids)) AND season_id = @season_id AND source = 'review'
  AND duration_ms > 0
ORDER BY reviewed_at DESC
LIMIT @lim;

-- name: ForecastPace :many
-- Per student: their items of the season (retired ones included), how many were created
-- since @since, and when their first one was, for the pace of new items (docs/srs.md, section 11).
SELECT user_id, COUNT(*) AS items, COUNT(CASE WHEN created_at >= @since THEN 1 END) AS recent,
  CAST(MIN(created_at) AS INTEGER) AS first_created
FROM memory_state
WHERE season_id = @season_id AND user_id IN (SELECT value FROM json_each(@user_ids))
GROUP BY user_id
ORDER BY user_id;

-- name: ForecastSeasonItems :one
-- The distinct items the students have met in the season: the forecast's stand-in for the
-- season's item count.
SELECT COUNT(DISTINCT question_id) FROM memory_state
WHERE season_id = @season_id AND user_id IN (SELECT value FROM json_each(@user_ids));
