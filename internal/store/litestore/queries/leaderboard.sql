-- Leaderboards. The SQL board reads the top (XP desc, then user id desc: the order of a
-- Redis sorted set read with ZREVRANGE over zero-padded ids, so both boards list ties alike)
-- with a LIMIT, and counts the players above a caller for their exact rank. Period boards
-- aggregate xp_ledger by (institution_id[, subject_id], local_day, user_id).
-- SQLite (without ANALYZE statistics) would read subject boards through the day index and
-- filter the subject row by row: INDEXED BY names the subject index.

-- The all-time top walks the XP index (migration 00170) from the highest and stops at the
-- limit: without ANALYZE statistics SQLite would read the institution's users through
-- their index and sort them all.
-- name: LeaderboardTopTotal :many
SELECT p.user_id, p.total_xp AS xp
FROM player_profiles p INDEXED BY player_profiles_xp_idx JOIN users u ON u.id = p.user_id
WHERE u.institution_id = @institution_id AND u.enabled AND p.total_xp > 0
ORDER BY p.total_xp DESC, p.user_id DESC
LIMIT CAST(sqlc.arg(lim) AS INTEGER);

-- name: LeaderboardTopSubjectTotal :many
SELECT s.user_id, s.total_xp AS xp
FROM player_subject_scores s JOIN users u ON u.id = s.user_id
WHERE s.subject_id = @subject_id AND u.institution_id = @institution_id AND u.enabled AND s.total_xp > 0
ORDER BY s.total_xp DESC, s.user_id DESC
LIMIT CAST(sqlc.arg(lim) AS INTEGER);

-- name: LeaderboardTopPeriod :many
SELECT t.user_id, t.xp FROM (
    SELECT l.user_id, CAST(sum(l.amount) AS INTEGER) AS xp
    FROM xp_ledger l
    WHERE l.institution_id = @institution_id AND l.local_day >= @from_day AND l.local_day <= @to_day
    GROUP BY l.user_id
) AS t JOIN users u ON u.id = t.user_id
WHERE u.enabled AND t.xp > 0
ORDER BY t.xp DESC, t.user_id DESC
LIMIT CAST(sqlc.arg(lim) AS INTEGER);

-- name: LeaderboardTopSubjectPeriod :many
SELECT t.user_id, t.xp FROM (
    SELECT l.user_id, CAST(sum(l.amount) AS INTEGER) AS xp
    FROM xp_ledger l INDEXED BY xp_ledger_subject_board_idx
    WHERE l.institution_id = @institution_id AND l.subject_id = @subject_id AND l.local_day >= @from_day AND l.local_day <= @to_day
    GROUP BY l.user_id
) AS t JOIN users u ON u.id = t.user_id
WHERE u.enabled AND t.xp > 0
ORDER BY t.xp DESC, t.user_id DESC
LIMIT CAST(sqlc.arg(lim) AS INTEGER);

-- name: LeaderboardAboveTotal :one
SELECT count(*) FROM player_profiles p JOIN users u ON u.id = p.user_id
WHERE u.institution_id = @institution_id AND u.enabled AND p.total_xp > @xp;

-- name: LeaderboardAboveSubjectTotal :one
SELECT count(*) FROM player_subject_scores s JOIN users u ON u.id = s.user_id
WHERE s.subject_id = @subject_id AND u.institution_id = @institution_id AND u.enabled AND s.total_xp > @xp;

-- name: LeaderboardAbovePeriod :one
SELECT count(*) FROM (
    SELECT l.user_id, CAST(sum(l.amount) AS INTEGER) AS xp
    FROM xp_ledger l
    WHERE l.institution_id = @institution_id AND l.local_day >= @from_day AND l.local_day <= @to_day
    GROUP BY l.user_id
) AS t JOIN users u ON u.id = t.user_id
WHERE u.enabled AND t.xp > CAST(sqlc.arg(xp) AS INTEGER);

-- name: LeaderboardAboveSubjectPeriod :one
SELECT count(*) FROM (
    SELECT l.user_id, CAST(sum(l.amount) AS INTEGER) AS xp
    FROM xp_ledger l INDEXED BY xp_ledger_subject_board_idx
    WHERE l.institution_id = @institution_id AND l.subject_id = @subject_id AND l.local_day >= @from_day AND l.local_day <= @to_day
    GROUP BY l.user_id
) AS t JOIN users u ON u.id = t.user_id
WHERE u.enabled AND t.xp > CAST(sqlc.arg(xp) AS INTEGER);

-- name: LeaderboardScoresTotal :many
SELECT p.user_id, p.total_xp AS xp
FROM player_profiles p JOIN users u ON u.id = p.user_id
WHERE u.institution_id = @institution_id AND p.total_xp > 0;

-- name: LeaderboardScoresSubjectTotal :many
SELECT s.user_id, s.total_xp AS xp
FROM player_subject_scores s JOIN users u ON u.id = s.user_id
WHERE s.subject_id = @subject_id AND u.institution_id = @institution_id AND s.total_xp > 0;

-- name: LeaderboardScoresPeriod :many
SELECT user_id, CAST(sum(amount) AS INTEGER) AS xp
FROM xp_ledger
WHERE institution_id = @institution_id AND local_day >= @from_day AND local_day <= @to_day
GROUP BY user_id
HAVING sum(amount) > 0;

-- name: LeaderboardScoresSubjectPeriod :many
SELECT user_id, CAST(sum(amount) AS INTEGER) AS xp
FROM xp_ledger INDEXED BY xp_ledger_subject_board_idx
WHERE institution_id = @institution_id AND subject_id = @subject_id AND local_day >= @from_day AND local_day <= @to_day
GROUP BY user_id
HAVING sum(amount) > 0;

-- name: LeaderboardDisabled :many
SELECT id FROM users WHERE institution_id = ? AND NOT enabled ORDER BY id;

-- name: LeaderboardPlayers :many
SELECT u.id, u.full_name, u.avatar_url, coalesce(p.total_xp, 0) AS profile_xp,
    coalesce(s.total_xp, 0) AS subject_xp
FROM users u
LEFT JOIN player_profiles p ON p.user_id = u.id
LEFT JOIN player_subject_scores s ON s.user_id = u.id AND s.subject_id = sqlc.narg(subject_id)
WHERE u.id IN (SELECT value FROM json_each(@user_ids));

-- name: LeaderboardUserScores :many
-- A user's scores in one round trip: the all-time total (kind 1), the subject scores (kind 2)
-- and the ledger summed per local day and subject over [from, to] (kind 0).
SELECT CAST(1 AS INTEGER) AS kind, CAST(NULL AS TEXT) AS local_day, CAST(NULL AS TEXT) AS subject_id,
    CAST(p.total_xp AS INTEGER) AS xp
FROM player_profiles p WHERE p.user_id = @user_id
UNION ALL
SELECT 2, NULL, s.subject_id, s.total_xp FROM player_subject_scores s WHERE s.user_id = @user_id
UNION ALL
SELECT 0, l.local_day, l.subject_id, sum(l.amount)
FROM xp_ledger l
WHERE l.user_id = @user_id AND l.local_day >= @from_day AND l.local_day <= @to_day
GROUP BY l.local_day, l.subject_id;

-- The in-memory dated boards (boards.go): the ledger's change count and highest id, read in
-- one statement (one snapshot); a board's scores up to an id; the rows appended after it.

-- name: LeaderboardLedgerMark :one
SELECT CAST((SELECT n FROM xp_ledger_changes WHERE id = 1) AS INTEGER) AS changes,
    CAST(coalesce((SELECT max(id) FROM xp_ledger), 0) AS INTEGER) AS last_id;

-- name: LeaderboardBoardPeriod :many
SELECT user_id, CAST(sum(amount) AS INTEGER) AS xp
FROM xp_ledger
WHERE institution_id = @institution_id AND local_day >= @from_day AND local_day <= @to_day AND id <= @upto
GROUP BY user_id;

-- name: LeaderboardBoardSubjectPeriod :many
SELECT user_id, CAST(sum(amount) AS INTEGER) AS xp
FROM xp_ledger INDEXED BY xp_ledger_subject_board_idx
WHERE institution_id = @institution_id AND subject_id = @subject_id AND local_day >= @from_day AND local_day <= @to_day
    AND id <= @upto
GROUP BY user_id;

-- name: LeaderboardLedgerTail :many
SELECT user_id, institution_id, subject_id, local_day, amount
FROM xp_ledger
WHERE id > @after AND id <= @upto
ORDER BY id;
