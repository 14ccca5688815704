-- Sessions that end at once on every instance, API keys that expire, demo accounts.
-- users.session_version goes up when a password changes, a role is removed or the account
-- is disabled: a server's cached session of an older version is not trusted (issue 13.7).
-- users.demo marks the accounts the demo loader made: they log in only in demo mode (13.11).
-- api_keys.expires_at (NULL: never) ends a key; last_used_at is recorded on use (13.10).

-- +goose Up
ALTER TABLE users ADD COLUMN session_version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN demo BOOLEAN NOT NULL DEFAULT 0;
ALTER TABLE api_keys ADD COLUMN expires_at INTEGER;

-- +goose Down
ALTER TABLE api_keys DROP COLUMN expires_at;
ALTER TABLE users DROP COLUMN demo;
ALTER TABLE users DROP COLUMN session_version;
