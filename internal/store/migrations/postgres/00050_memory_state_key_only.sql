-- Every query of memory_state reads one player's items: the primary key's (user_id,
-- season_id) prefix finds them (a few hundred at most) and the due or topic condition is
-- checked on those. The due and topic indexes saved little there, but every answer had to
-- write an entry in each, and since an answer always moves `due`, no update could be HOT.
-- With the primary key alone, and 10 % of each page left free, an answer's update usually
-- stays on its page and writes no index entry at all.

-- +goose Up
DROP INDEX IF EXISTS memory_state_due_idx;
DROP INDEX IF EXISTS memory_state_topic_idx;
-- +goose StatementBegin
DO $$
DECLARE part regclass;
BEGIN
    FOR part IN SELECT inhrelid::regclass FROM pg_inherits WHERE inhparent = 'memory_state'::regclass LOOP
        EXECUTE format('ALTER TABLE %s SET (fillfactor = 90)', part);
    END LOOP;
END $$;
-- +goose StatementEnd

-- +goose Down
CREATE INDEX memory_state_due_idx ON memory_state (user_id, season_id, due);
CREATE INDEX memory_state_topic_idx ON memory_state (user_id, topic_id);
-- +goose StatementBegin
DO $$
DECLARE part regclass;
BEGIN
    FOR part IN SELECT inhrelid::regclass FROM pg_inherits WHERE inhparent = 'memory_state'::regclass LOOP
        EXECUTE format('ALTER TABLE %s RESET (fillfactor)', part);
    END LOOP;
END $$;
-- +goose StatementEnd
