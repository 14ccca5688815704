-- Fitted FSRS-6 parameters per institution and season (docs/srs.md, section 12). One fit is one
-- version: the institution's row (player_id NULL) and the rows of the students fitted in
-- the same run, shrunk toward it. srs_parameter_state says which set the scheduler uses:
-- 'auto' (the latest version), 'pinned' (pinned_version) or 'defaults' (none).
-- review_log_season_user_idx lets the fit read a season's log in pages by student.

-- +goose Up
CREATE TABLE srs_parameters (
    id               INTEGER PRIMARY KEY,
    institution_id   TEXT NOT NULL REFERENCES institutions (id),
    season_id        TEXT NOT NULL,
    player_id        BIGINT,
    version          INTEGER NOT NULL CHECK (version > 0),
    weights          TEXT NOT NULL,
    reviews_used     INTEGER NOT NULL DEFAULT 0,
    log_loss_before  REAL NOT NULL DEFAULT 0,
    log_loss_after   REAL NOT NULL DEFAULT 0,
    source           TEXT NOT NULL CHECK (source IN ('fit', 'manual')),
    created_at       INTEGER NOT NULL
);
CREATE UNIQUE INDEX srs_parameters_version_idx ON srs_parameters (institution_id, season_id, version, COALESCE(player_id, 0));

CREATE TABLE srs_parameter_state (
    institution_id TEXT NOT NULL REFERENCES institutions (id),
    season_id      TEXT NOT NULL,
    mode           TEXT NOT NULL CHECK (mode IN ('auto', 'pinned', 'defaults')),
    pinned_version INTEGER,
    updated_by     TEXT NOT NULL DEFAULT '',
    updated_at     INTEGER NOT NULL,
    PRIMARY KEY (institution_id, season_id),
    CHECK ((mode = 'pinned') = (pinned_version IS NOT NULL))
);

CREATE INDEX review_log_season_user_idx ON review_log (season_id, user_id, id);

-- +goose Down
DROP INDEX review_log_season_user_idx;
DROP TABLE srs_parameter_state;
DROP TABLE srs_parameters;
