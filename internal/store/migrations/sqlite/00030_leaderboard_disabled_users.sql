-- Leaderboards leave disabled users out; this finds an institution's few disabled users
-- without walking all of its users.

-- +goose Up
CREATE INDEX users_disabled_idx ON users (institution_id, id) WHERE NOT enabled;

-- +goose Down
DROP INDEX users_disabled_idx;
