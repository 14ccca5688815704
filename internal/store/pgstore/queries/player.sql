-- name: ProfileGet :one
SELECT * FROM player_profiles WHERE user_id = $1;

-- name: ProfileSetAcademic :exec
INSERT INTO player_profiles (user_id, grade_id, stream_id, season_id, total_xp, gems, hearts, created_at, updated_at)
VALUES (@user_id, @grade_id, @stream_id, @season_id, 0, 0, 5, @now, @now)
ON CONFLICT (user_id) DO UPDATE SET grade_id = excluded.grade_id, stream_id = excluded.stream_id,
    season_id = excluded.season_id, updated_at = excluded.updated_at;

-- name: ProfileUpsert :exec
INSERT INTO player_profiles (user_id, grade_id, stream_id, season_id, total_xp, gems, hearts, created_at, updated_at)
VALUES (@user_id, @grade_id, @stream_id, @season_id, @total_xp, @gems, @hearts, @created_at, @updated_at)
ON CONFLICT (user_id) DO UPDATE SET grade_id = excluded.grade_id, stream_id = excluded.stream_id,
    season_id = excluded.season_id, total_xp = excluded.total_xp, gems = excluded.gems,
    hearts = excluded.hearts, updated_at = excluded.updated_at;

-- name: ProfileAddXP :execrows
UPDATE player_profiles SET total_xp = total_xp + @xp, updated_at = @now WHERE user_id = @user_id;

-- name: SubjectScoreAdd :exec
INSERT INTO player_subject_scores (user_id, subject_id, total_xp, level) VALUES (@user_id, @subject_id, @xp, 1)
ON CONFLICT (user_id, subject_id) DO UPDATE SET total_xp = player_subject_scores.total_xp + excluded.total_xp;

-- name: SubjectScoreSet :exec
INSERT INTO player_subject_scores (user_id, subject_id, total_xp, level) VALUES ($1, $2, $3, $4)
ON CONFLICT (user_id, subject_id) DO UPDATE SET total_xp = excluded.total_xp, level = excluded.level;

-- name: SubjectScoreGet :one
SELECT * FROM player_subject_scores WHERE user_id = $1 AND subject_id = $2;

-- name: SessionInsert :one
INSERT INTO gameplay_sessions (user_id, institution_id, client_session_id, kind, lesson_id, subject_id, topic_id,
    season_id, xp_earned, score, local_day, raw_data, response, created_at)
VALUES (@user_id, @institution_id, @client_session_id, @kind, @lesson_id, @subject_id, @topic_id,
    @season_id, @xp_earned, @score, @local_day, @raw_data, @response, @created_at)
ON CONFLICT (user_id, client_session_id) DO NOTHING
RETURNING id;

-- name: SessionNextID :one
-- Reserves the id of a session row to insert later in the transaction (SessionInsertReserved).
SELECT nextval(pg_get_serial_sequence('gameplay_sessions', 'id'))::bigint AS id;

-- name: SessionInsertReserved :execrows
-- SessionInsert under an id reserved by SessionNextID; no row when the key is stored already.
INSERT INTO gameplay_sessions (id, user_id, institution_id, client_session_id, kind, lesson_id, subject_id, topic_id,
    season_id, xp_earned, score, local_day, raw_data, response, created_at)
VALUES (@id, @user_id, @institution_id, @client_session_id, @kind, @lesson_id, @subject_id, @topic_id,
    @season_id, @xp_earned, @score, @local_day, @raw_data, @response, @created_at)
ON CONFLICT (user_id, client_session_id) DO NOTHING;

-- name: SessionGetByClientID :one
SELECT * FROM gameplay_sessions WHERE user_id = $1 AND client_session_id = $2;

-- name: XPInsert :execrows
INSERT INTO xp_ledger (user_id, institution_id, subject_id, source, ref, amount, local_day, created_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
ON CONFLICT (user_id, source, ref) DO NOTHING;

-- name: XPCredit :one
-- The ledger row, the profile's total and the subject score in one statement; nothing
-- changes when the credit exists or the user has no profile (has_profile tells which).
WITH ins AS (
    INSERT INTO xp_ledger (user_id, institution_id, subject_id, source, ref, amount, local_day, created_at)
    SELECT @user_id, @institution_id, @subject_id, @source, @ref, @amount, @local_day, @created_at
    WHERE EXISTS (SELECT 1 FROM player_profiles pp WHERE pp.user_id = @user_id::bigint)
    ON CONFLICT (user_id, source, ref) DO NOTHING
    RETURNING user_id, subject_id, amount
), profile AS (
    UPDATE player_profiles p SET total_xp = p.total_xp + ins.amount, updated_at = @created_at
    FROM ins WHERE p.user_id = ins.user_id
), subject AS (
    INSERT INTO player_subject_scores (user_id, subject_id, total_xp, level)
    SELECT ins.user_id, ins.subject_id, ins.amount, 1 FROM ins WHERE coalesce(ins.subject_id, '') <> ''
    ON CONFLICT (user_id, subject_id) DO UPDATE SET total_xp = player_subject_scores.total_xp + excluded.total_xp
)
SELECT (SELECT count(*) FROM ins)::int AS inserted,
    EXISTS (SELECT 1 FROM player_profiles pp WHERE pp.user_id = @user_id::bigint) AS has_profile;
