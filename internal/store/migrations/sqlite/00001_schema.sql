-- The whole Generation-1 schema. Later migrations add behaviour, not tables.
-- SQLite flavour: times are INTEGER Unix microseconds, dates TEXT YYYY-MM-DD, JSON TEXT.
-- Content and academic ids are stable text keys (as the original's document names), so
-- imports are idempotent and API ids stay readable; players are bigint for compact SRS rows.

-- +goose Up
CREATE TABLE institutions (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    name_en    TEXT NOT NULL DEFAULT '',
    time_zone  TEXT NOT NULL DEFAULT 'UTC',
    created_at INTEGER NOT NULL DEFAULT (CAST(unixepoch('subsec')*1000000 AS INTEGER))
);

CREATE TABLE users (
    id             INTEGER PRIMARY KEY,
    institution_id TEXT NOT NULL REFERENCES institutions (id),
    email          TEXT NOT NULL UNIQUE,
    full_name      TEXT NOT NULL DEFAULT '',
    avatar_url     TEXT NOT NULL DEFAULT '',
    password_hash  TEXT NOT NULL DEFAULT '',
    enabled        BOOLEAN NOT NULL DEFAULT 1,
    created_at     INTEGER NOT NULL DEFAULT (CAST(unixepoch('subsec')*1000000 AS INTEGER))
);
CREATE INDEX users_institution_idx ON users (institution_id, id);

CREATE TABLE user_roles (
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role    TEXT NOT NULL CHECK (role IN ('Student', 'Teacher', 'Content Manager', 'Institution Admin', 'System Manager')),
    PRIMARY KEY (user_id, role)
);

CREATE TABLE auth_sessions (
    token_hash   BLOB PRIMARY KEY,
    user_id      BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at   INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL
);
CREATE INDEX auth_sessions_user_idx ON auth_sessions (user_id);
CREATE INDEX auth_sessions_expiry_idx ON auth_sessions (expires_at);

CREATE TABLE api_keys (
    api_key      TEXT PRIMARY KEY,
    user_id      BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    secret_hash  BLOB NOT NULL,
    label        TEXT NOT NULL DEFAULT '',
    created_at   INTEGER NOT NULL,
    last_used_at INTEGER
);
CREATE INDEX api_keys_user_idx ON api_keys (user_id);

-- Academic structure.
CREATE TABLE streams (
    id         TEXT PRIMARY KEY,
    title      TEXT NOT NULL,
    title_en   TEXT NOT NULL DEFAULT '',
    position   INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL DEFAULT (CAST(unixepoch('subsec')*1000000 AS INTEGER))
);

CREATE TABLE grades (
    id         TEXT PRIMARY KEY,
    title      TEXT NOT NULL,
    title_en   TEXT NOT NULL DEFAULT '',
    position   INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL DEFAULT (CAST(unixepoch('subsec')*1000000 AS INTEGER))
);

CREATE TABLE grade_streams (
    grade_id  TEXT NOT NULL REFERENCES grades (id) ON DELETE CASCADE,
    stream_id TEXT NOT NULL REFERENCES streams (id),
    position  INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (grade_id, stream_id)
);

CREATE TABLE seasons (
    id                TEXT PRIMARY KEY,
    title             TEXT NOT NULL DEFAULT '',
    title_en          TEXT NOT NULL DEFAULT '',
    start_date        TEXT NOT NULL,
    end_date          TEXT NOT NULL,
    is_active         BOOLEAN NOT NULL DEFAULT 0,
    enable_redis      BOOLEAN NOT NULL DEFAULT 1,
    auto_archive      BOOLEAN NOT NULL DEFAULT 0,
    partition_created BOOLEAN NOT NULL DEFAULT 0,
    archived_at       INTEGER,
    scheduler         TEXT NOT NULL DEFAULT 'fsrs' CHECK (scheduler IN ('fsrs', 'classic')),
    desired_retention REAL NOT NULL DEFAULT 0.9 CHECK (desired_retention BETWEEN 0.70 AND 0.97),
    grade_mapping     TEXT NOT NULL DEFAULT 'binary' CHECK (grade_mapping IN ('binary', 'speed')),
    fsrs_weights      TEXT NOT NULL DEFAULT '',
    created_at        INTEGER NOT NULL DEFAULT (CAST(unixepoch('subsec')*1000000 AS INTEGER)),
    CHECK (end_date >= start_date)
);

-- Content: subject -> track -> unit -> (topic) -> lesson -> stages.
-- institution_id NULL means shared by every institution.
CREATE TABLE subjects (
    id                     TEXT PRIMARY KEY,
    institution_id         TEXT REFERENCES institutions (id),
    title                  TEXT NOT NULL,
    title_en               TEXT NOT NULL DEFAULT '',
    icon                   TEXT NOT NULL DEFAULT '',
    is_published           BOOLEAN NOT NULL DEFAULT 0,
    is_paid                BOOLEAN NOT NULL DEFAULT 0,
    full_price_cents       BIGINT,
    discounted_price_cents BIGINT,
    position               INTEGER NOT NULL DEFAULT 0,
    created_at             INTEGER NOT NULL DEFAULT (CAST(unixepoch('subsec')*1000000 AS INTEGER))
);

CREATE TABLE tracks (
    id                     TEXT PRIMARY KEY,
    subject_id             TEXT NOT NULL REFERENCES subjects (id),
    title                  TEXT NOT NULL,
    title_en               TEXT NOT NULL DEFAULT '',
    is_default             BOOLEAN NOT NULL DEFAULT 0,
    unlock_level           INTEGER NOT NULL DEFAULT 0,
    icon                   TEXT NOT NULL DEFAULT '',
    description            TEXT NOT NULL DEFAULT '',
    is_paid                BOOLEAN NOT NULL DEFAULT 0,
    is_sold_separately     BOOLEAN NOT NULL DEFAULT 0,
    standalone_price_cents BIGINT,
    discounted_price_cents BIGINT,
    is_published           BOOLEAN NOT NULL DEFAULT 0,
    position               INTEGER NOT NULL DEFAULT 0,
    created_at             INTEGER NOT NULL DEFAULT (CAST(unixepoch('subsec')*1000000 AS INTEGER))
);
CREATE INDEX tracks_subject_idx ON tracks (subject_id, position);

CREATE TABLE units (
    id               TEXT PRIMARY KEY,
    subject_id       TEXT NOT NULL REFERENCES subjects (id),
    track_id         TEXT NOT NULL REFERENCES tracks (id),
    title            TEXT NOT NULL,
    title_en         TEXT NOT NULL DEFAULT '',
    structure_type   TEXT NOT NULL DEFAULT 'topic_based' CHECK (structure_type IN ('topic_based', 'lesson_based')),
    is_free_preview  BOOLEAN NOT NULL DEFAULT 0,
    is_linear_topics BOOLEAN NOT NULL DEFAULT 0,
    is_published     BOOLEAN NOT NULL DEFAULT 0,
    position         INTEGER NOT NULL DEFAULT 0,
    created_at       INTEGER NOT NULL DEFAULT (CAST(unixepoch('subsec')*1000000 AS INTEGER))
);
CREATE INDEX units_subject_idx ON units (subject_id, position);
CREATE INDEX units_track_idx ON units (track_id, position);

CREATE TABLE topics (
    id              TEXT PRIMARY KEY,
    unit_id         TEXT NOT NULL REFERENCES units (id),
    title           TEXT NOT NULL,
    title_en        TEXT NOT NULL DEFAULT '',
    description     TEXT NOT NULL DEFAULT '',
    is_free_preview BOOLEAN NOT NULL DEFAULT 0,
    is_linear       BOOLEAN NOT NULL DEFAULT 1,
    is_published    BOOLEAN NOT NULL DEFAULT 0,
    position        INTEGER NOT NULL DEFAULT 0,
    created_at      INTEGER NOT NULL DEFAULT (CAST(unixepoch('subsec')*1000000 AS INTEGER))
);
CREATE INDEX topics_unit_idx ON topics (unit_id, position);

CREATE TABLE lessons (
    id           TEXT PRIMARY KEY,
    unit_id      TEXT NOT NULL REFERENCES units (id),
    topic_id     TEXT REFERENCES topics (id),
    title        TEXT NOT NULL UNIQUE,
    title_en     TEXT NOT NULL DEFAULT '',
    xp_reward    INTEGER NOT NULL DEFAULT 10 CHECK (xp_reward >= 0),
    is_published BOOLEAN NOT NULL DEFAULT 0,
    position     INTEGER NOT NULL DEFAULT 0,
    created_at   INTEGER NOT NULL DEFAULT (CAST(unixepoch('subsec')*1000000 AS INTEGER))
);
CREATE INDEX lessons_unit_idx ON lessons (unit_id, position);
CREATE INDEX lessons_topic_idx ON lessons (topic_id, position);

CREATE TABLE stages (
    id        TEXT PRIMARY KEY,
    lesson_id TEXT NOT NULL REFERENCES lessons (id) ON DELETE CASCADE,
    position  INTEGER NOT NULL DEFAULT 0,
    title     TEXT NOT NULL,
    type      TEXT NOT NULL CHECK (type IN ('reveal', 'matching', 'quiz', 'video', 'reading')),
    config    TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX stages_lesson_idx ON stages (lesson_id, position);

CREATE TABLE academic_plans (
    id             TEXT PRIMARY KEY,
    institution_id TEXT REFERENCES institutions (id),
    grade_id       TEXT NOT NULL REFERENCES grades (id),
    stream_id      TEXT REFERENCES streams (id),
    season_id      TEXT NOT NULL REFERENCES seasons (id),
    created_at     INTEGER NOT NULL DEFAULT (CAST(unixepoch('subsec')*1000000 AS INTEGER)),
    updated_at     INTEGER NOT NULL DEFAULT (CAST(unixepoch('subsec')*1000000 AS INTEGER))
);
CREATE UNIQUE INDEX academic_plans_key_idx
    ON academic_plans (COALESCE(institution_id, ''), grade_id, COALESCE(stream_id, ''), season_id);

CREATE TABLE plan_subjects (
    plan_id          TEXT NOT NULL REFERENCES academic_plans (id) ON DELETE CASCADE,
    position         INTEGER NOT NULL,
    subject_id       TEXT NOT NULL REFERENCES subjects (id),
    display_name     TEXT NOT NULL DEFAULT '',
    is_mandatory     BOOLEAN NOT NULL DEFAULT 1,
    selection_type   TEXT NOT NULL DEFAULT 'all_units' CHECK (selection_type IN ('all_units', 'specific_unit')),
    specific_unit_id TEXT REFERENCES units (id),
    PRIMARY KEY (plan_id, position)
);

-- Commerce.
CREATE TABLE sales_items (
    id                     TEXT PRIMARY KEY,
    institution_id         TEXT REFERENCES institutions (id),
    name                   TEXT NOT NULL,
    name_en                TEXT NOT NULL DEFAULT '',
    description            TEXT NOT NULL DEFAULT '',
    season_id              TEXT REFERENCES seasons (id),
    target_grade_id        TEXT REFERENCES grades (id),
    price_cents            BIGINT NOT NULL DEFAULT 0 CHECK (price_cents >= 0),
    discounted_price_cents BIGINT CHECK (discounted_price_cents >= 0),
    image                  TEXT NOT NULL DEFAULT '',
    sku                    TEXT NOT NULL DEFAULT '',
    is_active              BOOLEAN NOT NULL DEFAULT 1,
    created_at             INTEGER NOT NULL DEFAULT (CAST(unixepoch('subsec')*1000000 AS INTEGER))
);

CREATE TABLE sales_item_streams (
    item_id   TEXT NOT NULL REFERENCES sales_items (id) ON DELETE CASCADE,
    stream_id TEXT NOT NULL REFERENCES streams (id),
    PRIMARY KEY (item_id, stream_id)
);

CREATE TABLE sales_item_bundle (
    item_id    TEXT NOT NULL REFERENCES sales_items (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    type       TEXT NOT NULL CHECK (type IN ('subject', 'track')),
    subject_id TEXT REFERENCES subjects (id),
    track_id   TEXT REFERENCES tracks (id),
    PRIMARY KEY (item_id, position)
);

CREATE TABLE purchase_requests (
    id             INTEGER PRIMARY KEY,
    user_id        BIGINT NOT NULL REFERENCES users (id),
    item_id        TEXT NOT NULL REFERENCES sales_items (id),
    status         TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
    price_cents    BIGINT NOT NULL DEFAULT 0,
    transaction_id TEXT NOT NULL DEFAULT '',
    created_at     INTEGER NOT NULL,
    decided_at     INTEGER,
    decided_by     BIGINT REFERENCES users (id)
);
CREATE UNIQUE INDEX purchase_requests_one_pending_idx ON purchase_requests (user_id, item_id) WHERE status = 'pending';
CREATE INDEX purchase_requests_status_idx ON purchase_requests (status, created_at);

CREATE TABLE subscriptions (
    id                  INTEGER PRIMARY KEY,
    user_id             BIGINT NOT NULL REFERENCES users (id),
    season_id           TEXT NOT NULL REFERENCES seasons (id),
    type                TEXT NOT NULL CHECK (type IN ('global', 'specific')),
    status              TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended', 'expired')),
    purchase_request_id BIGINT UNIQUE REFERENCES purchase_requests (id),
    created_at          INTEGER NOT NULL DEFAULT (CAST(unixepoch('subsec')*1000000 AS INTEGER))
);
CREATE INDEX subscriptions_user_idx ON subscriptions (user_id, status);

CREATE TABLE subscription_access (
    subscription_id BIGINT NOT NULL REFERENCES subscriptions (id) ON DELETE CASCADE,
    position        INTEGER NOT NULL,
    type            TEXT NOT NULL CHECK (type IN ('global', 'subject', 'track')),
    subject_id      TEXT REFERENCES subjects (id),
    track_id        TEXT REFERENCES tracks (id),
    PRIMARY KEY (subscription_id, position)
);

-- Players.
CREATE TABLE player_profiles (
    user_id    BIGINT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    grade_id   TEXT REFERENCES grades (id),
    stream_id  TEXT REFERENCES streams (id),
    season_id  TEXT REFERENCES seasons (id),
    total_xp   BIGINT NOT NULL DEFAULT 0 CHECK (total_xp >= 0),
    gems       INTEGER NOT NULL DEFAULT 0,
    hearts     INTEGER NOT NULL DEFAULT 5,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);

CREATE TABLE player_subject_scores (
    user_id    BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    subject_id TEXT NOT NULL REFERENCES subjects (id),
    total_xp   BIGINT NOT NULL DEFAULT 0 CHECK (total_xp >= 0),
    level      INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (user_id, subject_id)
);
CREATE INDEX player_subject_scores_board_idx ON player_subject_scores (subject_id, total_xp DESC);

-- Gameplay sessions: one row per played lesson or review session. client_session_id makes
-- a retried submission a no-op; response keeps the first answer to return it again.
CREATE TABLE gameplay_sessions (
    id                INTEGER PRIMARY KEY,
    user_id           BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    institution_id    TEXT NOT NULL REFERENCES institutions (id),
    client_session_id TEXT NOT NULL,
    kind              TEXT NOT NULL CHECK (kind IN ('lesson', 'review')),
    lesson_id         TEXT REFERENCES lessons (id),
    subject_id        TEXT REFERENCES subjects (id),
    topic_id          TEXT REFERENCES topics (id),
    season_id         TEXT REFERENCES seasons (id),
    xp_earned         INTEGER NOT NULL DEFAULT 0 CHECK (xp_earned >= 0),
    score             INTEGER NOT NULL DEFAULT 0,
    local_day         TEXT NOT NULL,
    raw_data          TEXT NOT NULL DEFAULT '{}',
    response          TEXT NOT NULL DEFAULT '{}',
    created_at        INTEGER NOT NULL,
    UNIQUE (user_id, client_session_id)
);
CREATE INDEX gameplay_sessions_user_day_idx ON gameplay_sessions (user_id, local_day);
CREATE INDEX gameplay_sessions_user_lesson_idx ON gameplay_sessions (user_id, lesson_id) WHERE lesson_id IS NOT NULL;

-- XP ledger: every XP credit (lesson, review, quest reward), the source of period leaderboards.
CREATE TABLE xp_ledger (
    id             INTEGER PRIMARY KEY,
    user_id        BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    institution_id TEXT NOT NULL REFERENCES institutions (id),
    subject_id     TEXT REFERENCES subjects (id),
    source         TEXT NOT NULL CHECK (source IN ('lesson', 'review', 'quest', 'import')),
    ref            TEXT NOT NULL,
    amount         INTEGER NOT NULL CHECK (amount >= 0),
    local_day      TEXT NOT NULL,
    created_at     INTEGER NOT NULL,
    UNIQUE (user_id, source, ref)
);
CREATE INDEX xp_ledger_board_idx ON xp_ledger (institution_id, local_day, user_id);
CREATE INDEX xp_ledger_subject_board_idx ON xp_ledger (institution_id, subject_id, local_day, user_id);
CREATE INDEX xp_ledger_user_day_idx ON xp_ledger (user_id, local_day);

-- Spaced repetition memory state per (player, season, question). Times are Unix microseconds.
CREATE TABLE memory_state (
    user_id     BIGINT NOT NULL,
    season_id   TEXT NOT NULL,
    question_id TEXT NOT NULL,
    subject_id  TEXT,
    topic_id    TEXT,
    stability   REAL NOT NULL DEFAULT 0,
    difficulty  REAL NOT NULL DEFAULT 0,
    state       INTEGER NOT NULL DEFAULT 0,
    step        INTEGER NOT NULL DEFAULT 0,
    level       INTEGER NOT NULL DEFAULT 0,
    due         INTEGER NOT NULL,
    last_review INTEGER,
    reps        INTEGER NOT NULL DEFAULT 0,
    lapses      INTEGER NOT NULL DEFAULT 0,
    retired     BOOLEAN NOT NULL DEFAULT 0,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    PRIMARY KEY (user_id, season_id, question_id)
);
CREATE INDEX memory_state_due_idx ON memory_state (user_id, season_id, due);
CREATE INDEX memory_state_topic_idx ON memory_state (user_id, topic_id);

CREATE TABLE archived_memory_state (
    user_id               BIGINT NOT NULL,
    season_id             TEXT NOT NULL,
    question_id           TEXT NOT NULL,
    subject_id            TEXT,
    topic_id              TEXT,
    stability             REAL NOT NULL DEFAULT 0,
    difficulty            REAL NOT NULL DEFAULT 0,
    state                 INTEGER NOT NULL DEFAULT 0,
    step                  INTEGER NOT NULL DEFAULT 0,
    level                 INTEGER NOT NULL DEFAULT 0,
    due                   INTEGER NOT NULL,
    last_review           INTEGER,
    reps                  INTEGER NOT NULL DEFAULT 0,
    lapses                INTEGER NOT NULL DEFAULT 0,
    retired               BOOLEAN NOT NULL DEFAULT 0,
    created_at            INTEGER NOT NULL,
    updated_at            INTEGER NOT NULL,
    archived_at           INTEGER NOT NULL,
    eligible_for_deletion BOOLEAN NOT NULL DEFAULT 0
);
CREATE INDEX archived_memory_state_season_idx ON archived_memory_state (season_id, archived_at);

-- Every answer, as the FSRS optimizer and the evaluation read it.
CREATE TABLE review_log (
    id               INTEGER PRIMARY KEY,
    user_id          BIGINT NOT NULL,
    season_id        TEXT NOT NULL,
    question_id      TEXT NOT NULL,
    session_id       BIGINT,
    source           TEXT NOT NULL CHECK (source IN ('lesson', 'review', 'import')),
    rating           INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 4),
    correct          BOOLEAN NOT NULL,
    duration_ms      INTEGER NOT NULL DEFAULT 0,
    elapsed_days     REAL NOT NULL DEFAULT 0,
    state_before     INTEGER NOT NULL,
    state_after      INTEGER NOT NULL,
    stability_before REAL NOT NULL DEFAULT 0,
    stability_after  REAL NOT NULL DEFAULT 0,
    difficulty_after REAL NOT NULL DEFAULT 0,
    due_after        INTEGER NOT NULL,
    reviewed_at      INTEGER NOT NULL
);
CREATE INDEX review_log_user_idx ON review_log (user_id, reviewed_at);

-- Operations.
CREATE TABLE audit_log (
    id             INTEGER PRIMARY KEY,
    institution_id TEXT,
    actor_user_id  BIGINT,
    actor_email    TEXT NOT NULL DEFAULT '',
    action         TEXT NOT NULL,
    target         TEXT NOT NULL DEFAULT '',
    detail         TEXT NOT NULL DEFAULT '{}',
    remote_addr    TEXT NOT NULL DEFAULT '',
    created_at     INTEGER NOT NULL
);
CREATE INDEX audit_log_time_idx ON audit_log (created_at);
CREATE INDEX audit_log_institution_idx ON audit_log (institution_id, created_at);
CREATE INDEX audit_log_actor_idx ON audit_log (actor_user_id, created_at);
CREATE INDEX audit_log_action_idx ON audit_log (action, created_at);

CREATE TABLE admin_alerts (
    id              INTEGER PRIMARY KEY,
    institution_id  TEXT,
    kind            TEXT NOT NULL,
    message         TEXT NOT NULL,
    detail          TEXT NOT NULL DEFAULT '{}',
    created_at      INTEGER NOT NULL,
    acknowledged_at INTEGER
);
CREATE INDEX admin_alerts_open_idx ON admin_alerts (created_at) WHERE acknowledged_at IS NULL;

-- Progress of season cache rebuilds, readable while the job runs.
CREATE TABLE cache_rebuilds (
    id          INTEGER PRIMARY KEY,
    season_id   TEXT NOT NULL,
    status      TEXT NOT NULL CHECK (status IN ('queued', 'running', 'completed', 'failed')),
    total       BIGINT NOT NULL DEFAULT 0,
    processed   BIGINT NOT NULL DEFAULT 0,
    users       BIGINT NOT NULL DEFAULT 0,
    last_key    TEXT NOT NULL DEFAULT '',
    error       TEXT NOT NULL DEFAULT '',
    started_at  INTEGER NOT NULL,
    finished_at INTEGER
);
CREATE INDEX cache_rebuilds_season_idx ON cache_rebuilds (season_id, id DESC);

-- +goose Down
DROP TABLE cache_rebuilds;
DROP TABLE admin_alerts;
DROP TABLE audit_log;
DROP TABLE review_log;
DROP TABLE archived_memory_state;
DROP TABLE memory_state;
DROP TABLE xp_ledger;
DROP TABLE gameplay_sessions;
DROP TABLE player_subject_scores;
DROP TABLE player_profiles;
DROP TABLE subscription_access;
DROP TABLE subscriptions;
DROP TABLE purchase_requests;
DROP TABLE sales_item_bundle;
DROP TABLE sales_item_streams;
DROP TABLE sales_items;
DROP TABLE plan_subjects;
DROP TABLE academic_plans;
DROP TABLE stages;
DROP TABLE lessons;
DROP TABLE topics;
DROP TABLE units;
DROP TABLE tracks;
DROP TABLE subjects;
DROP TABLE seasons;
DROP TABLE grade_streams;
DROP TABLE grades;
DROP TABLE streams;
DROP TABLE api_keys;
DROP TABLE auth_sessions;
DROP TABLE user_roles;
DROP TABLE users;
DROP TABLE institutions;
