-- A review submission of the embedded mode reads the player's memory state (the answered
-- items, the season's level counts, a topic's items) on a reader connection before it
-- takes the one writer, then compares a version under the write lock: the reads stand when
-- it is unchanged, and are made again under the lock otherwise. Every change of a
-- memory_state row, by any statement or process, counts in its own transaction in the
-- version of its player's bucket (user_id % 4096), so an equal version means none of the
-- player's rows changed in between (another player of the bucket changing theirs only
-- makes the reads run again). Buckets hold nothing of a player (erasing one leaves nothing
-- here) and are never deleted, so versions only grow. SQLite only: PostgreSQL reads under
-- its row lock, in one round trip.

-- +goose Up
CREATE TABLE memory_versions (
    bucket INTEGER PRIMARY KEY,
    n      INTEGER NOT NULL
);

-- +goose StatementBegin
CREATE TRIGGER memory_state_inserted AFTER INSERT ON memory_state
BEGIN
    INSERT INTO memory_versions (bucket, n) VALUES (NEW.user_id % 4096, 1)
    ON CONFLICT (bucket) DO UPDATE SET n = n + 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER memory_state_updated AFTER UPDATE ON memory_state
BEGIN
    INSERT INTO memory_versions (bucket, n) VALUES (NEW.user_id % 4096, 1)
    ON CONFLICT (bucket) DO UPDATE SET n = n + 1;
    INSERT INTO memory_versions (bucket, n) SELECT OLD.user_id % 4096, 1 WHERE OLD.user_id <> NEW.user_id
    ON CONFLICT (bucket) DO UPDATE SET n = n + 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER memory_state_deleted AFTER DELETE ON memory_state
BEGIN
    INSERT INTO memory_versions (bucket, n) VALUES (OLD.user_id % 4096, 1)
    ON CONFLICT (bucket) DO UPDATE SET n = n + 1;
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER memory_state_deleted;
DROP TRIGGER memory_state_updated;
DROP TRIGGER memory_state_inserted;
DROP TABLE memory_versions;
