-- Sign-up with an institution's join code, and forgotten passwords.
--
-- join_codes: a code lets anyone who knows it create a Student account in its institution,
-- until it expires, runs out of uses or is disabled. Codes are stored upper-case.
-- password_resets: one row per reset link sent; only the SHA-256 of the link's token is
-- kept, and a token works once, within its expiry. Times are microseconds since the epoch.

-- +goose Up
CREATE TABLE join_codes (
    code           TEXT PRIMARY KEY,
    institution_id TEXT NOT NULL REFERENCES institutions (id),
    role           TEXT NOT NULL DEFAULT 'Student' CHECK (role = 'Student'),
    expires_at     INTEGER,
    max_uses       INTEGER CHECK (max_uses IS NULL OR max_uses > 0),
    uses           INTEGER NOT NULL DEFAULT 0,
    created_by     TEXT NOT NULL DEFAULT '',
    disabled_at    INTEGER,
    created_at     INTEGER NOT NULL
);
CREATE INDEX join_codes_institution_idx ON join_codes (institution_id, created_at);

CREATE TABLE password_resets (
    token_hash BLOB PRIMARY KEY,
    user_id    BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at    INTEGER
);
CREATE INDEX password_resets_user_idx ON password_resets (user_id);
CREATE INDEX password_resets_expiry_idx ON password_resets (expires_at);

-- +goose Down
DROP TABLE password_resets;
DROP TABLE join_codes;
