-- Archival attaches a season's memory-state partition to archived_memory_state as is
-- (partition exchange, weak point 31). ATTACH builds every index of the parent that the
-- partition lacks, so the archive's only index is the key the partition already has: its
-- primary key. Re-archiving a key overwrites the older archived row.

-- +goose Up
DROP INDEX IF EXISTS archived_memory_state_season_idx;
ALTER TABLE archived_memory_state ADD PRIMARY KEY (user_id, season_id, question_id);

-- +goose Down
ALTER TABLE archived_memory_state DROP CONSTRAINT archived_memory_state_pkey;
CREATE INDEX archived_memory_state_season_idx ON archived_memory_state (season_id, archived_at);
