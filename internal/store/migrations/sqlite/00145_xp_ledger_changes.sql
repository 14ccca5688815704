-- The SQL leaderboard of the embedded mode keeps each dated board it served in memory and
-- folds in the ledger rows appended since (ids above the last one it read: one writer
-- appends them in commit order). A row deleted or changed (erasing a player, deleting a
-- user) cannot be seen that way, so every such change counts here, and a board built
-- under another count is built again. SQLite only: PostgreSQL boards are Redis sets.

-- +goose Up
CREATE TABLE xp_ledger_changes (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    n  INTEGER NOT NULL
);
INSERT INTO xp_ledger_changes (id, n) VALUES (1, 0);

-- +goose StatementBegin
CREATE TRIGGER xp_ledger_deleted AFTER DELETE ON xp_ledger
BEGIN
    UPDATE xp_ledger_changes SET n = n + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER xp_ledger_updated AFTER UPDATE ON xp_ledger
BEGIN
    UPDATE xp_ledger_changes SET n = n + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER xp_ledger_updated;
DROP TRIGGER xp_ledger_deleted;
DROP TABLE xp_ledger_changes;
