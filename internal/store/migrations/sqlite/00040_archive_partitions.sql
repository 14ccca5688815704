-- One archived row per (player, season, question), as on PostgreSQL: re-archiving a key
-- overwrites the older archived row.

-- +goose Up
CREATE UNIQUE INDEX archived_memory_state_key_idx ON archived_memory_state (user_id, season_id, question_id);

-- +goose Down
DROP INDEX archived_memory_state_key_idx;
