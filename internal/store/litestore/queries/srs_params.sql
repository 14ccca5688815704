-- Fitted FSRS-6 parameters (docs/srs.md, section 12) and the review-log reads of the fit.

-- name: SRSParamsInsert :exec
INSERT INTO srs_parameters (institution_id, season_id, player_id, version, weights, reviews_used,
    log_loss_before, log_loss_after, source, created_at)
VALUES (@institution_id, @season_id, @player_id, @version, @weights, @reviews_used,
    @log_loss_before, @log_loss_after, @source, @created_at);

-- name: SRSParamsLatestVersion :one
SELECT CAST(COALESCE(max(version), 0) AS INTEGER) AS version FROM srs_parameters
WHERE institution_id = @institution_id AND season_id = @season_id;

-- name: SRSParamsList :many
SELECT p.id, p.institution_id, p.season_id, p.version, p.weights, p.reviews_used, p.log_loss_before,
    p.log_loss_after, p.source, p.created_at,
    (SELECT count(*) FROM srs_parameters s WHERE s.institution_id = p.institution_id AND s.season_id = p.season_id
        AND s.version = p.version AND s.player_id IS NOT NULL) AS students
FROM srs_parameters p
WHERE p.institution_id = @institution_id AND p.season_id = @season_id AND p.player_id IS NULL
ORDER BY p.version DESC
LIMIT @lim;

-- SRSParamsCurrent: the rows of the version in use: the pinned one, none for 'defaults',
-- else (auto, or no state row) the latest.
-- name: SRSParamsCurrent :many
SELECT p.player_id, p.version, p.weights
FROM srs_parameters p
WHERE p.institution_id = @institution_id AND p.season_id = @season_id
  AND p.version = COALESCE(
      (SELECT CASE WHEN st.mode = 'pinned' THEN st.pinned_version WHEN st.mode = 'defaults' THEN 0 END
       FROM srs_parameter_state st WHERE st.institution_id = @institution_id AND st.season_id = @season_id),
      (SELECT max(l.version) FROM srs_parameters l WHERE l.institution_id = @institution_id AND l.season_id = @season_id));

-- SRSParamsInUse: the version SRSParamsCurrent would read (0: none), one row by key and
-- one index probe: what a server checks its cached set against when no invalidation
-- channel is live (docs/srs.md, section 12).
-- name: SRSParamsInUse :one
SELECT CAST(COALESCE(
    (SELECT CASE WHEN st.mode = 'pinned' THEN st.pinned_version WHEN st.mode = 'defaults' THEN 0 END
     FROM srs_parameter_state st WHERE st.institution_id = @institution_id AND st.season_id = @season_id),
    (SELECT max(l.version) FROM srs_parameters l WHERE l.institution_id = @institution_id AND l.season_id = @season_id),
    0) AS INTEGER) AS version;

-- name: SRSParamStateGet :one
SELECT * FROM srs_parameter_state WHERE institution_id = @institution_id AND season_id = @season_id;

-- name: SRSParamStateSet :exec
INSERT INTO srs_parameter_state (institution_id, season_id, mode, pinned_version, updated_by, updated_at)
VALUES (@institution_id, @season_id, @mode, @pinned_version, @updated_by, @updated_at)
ON CONFLICT (institution_id, season_id) DO UPDATE SET mode = excluded.mode, pinned_version = excluded.pinned_version,
    updated_by = excluded.updated_by, updated_at = excluded.updated_at;

-- name: ReviewLogFitStats :one
SELECT count(*) AS reviews, count(DISTINCT r.user_id) AS students
FROM review_log r JOIN users u ON u.id = r.user_id
WHERE r.season_id = @season_id AND u.institution_id = @institution_id;

-- name: ReviewLogFitPage :many
SELECT r.id, r.user_id, r.question_id, r.rating, r.reviewed_at
FROM review_log r JOIN users u ON u.id = r.user_id
WHERE r.season_id = @season_id AND u.institution_id = @institution_id
  AND (r.user_id > @after_user_id OR (r.user_id = @after_user_id AND r.id > @after_id))
ORDER BY r.user_id, r.id
LIMIT @lim;

-- SRSParamsPrunePlayers drops the student sets of versions below below_version (each
-- version keeps its institution row).
-- name: SRSParamsPrunePlayers :execrows
DELETE FROM srs_parameters
WHERE institution_id = @institution_id AND season_id = @season_id AND player_id IS NOT NULL
  AND version < @below_version;
