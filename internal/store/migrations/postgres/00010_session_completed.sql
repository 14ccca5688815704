-- A lesson counts as completed on the map only when a session of it was completed (every
-- scored stage answered correctly at least once), so an empty submission unlocks nothing.
-- Rows written before this column (imports, history) keep the original's meaning: a session
-- of a lesson completes it.

-- +goose Up
ALTER TABLE gameplay_sessions ADD COLUMN completed BOOLEAN NOT NULL DEFAULT true;
CREATE INDEX gameplay_sessions_user_completed_idx ON gameplay_sessions (user_id, lesson_id)
    WHERE lesson_id IS NOT NULL AND completed;

-- +goose Down
DROP INDEX gameplay_sessions_user_completed_idx;
ALTER TABLE gameplay_sessions DROP COLUMN completed;
