-- Each player's live memory items of a season counted by level, kept by statement triggers
-- on memory_state, so a review submission reads its mastery buckets in one row lookup
-- instead of walking the player's whole season. PostgreSQL only: the embedded database
-- walks the rows in process, where that costs little.
--
-- The triggers are statement-level with transition tables: an answer's 20-row upsert
-- fires one aggregate, not 20 counter updates. Counts are applied in key order, so two
-- statements never take the same counters in opposite orders. Rows that reach a partition
-- without passing through memory_state (COPY into a partition, a partition detached to
-- the archive) are not seen; the code doing that counts again (loadgen) or drops the
-- season's counts (archiving). A count may fall to 0 and stay.

-- +goose Up
CREATE TABLE memory_level_counts (
    user_id   BIGINT   NOT NULL,
    season_id TEXT     NOT NULL,
    level     SMALLINT NOT NULL,
    n         INTEGER  NOT NULL,
    PRIMARY KEY (user_id, season_id, level)
);

-- +goose StatementBegin
CREATE FUNCTION memory_level_counts_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO memory_level_counts AS c (user_id, season_id, level, n)
        SELECT user_id, season_id, level, count(*) FROM new_rows WHERE NOT retired
        GROUP BY user_id, season_id, level ORDER BY user_id, season_id, level
        ON CONFLICT (user_id, season_id, level) DO UPDATE SET n = c.n + excluded.n;
    ELSIF TG_OP = 'UPDATE' THEN
        INSERT INTO memory_level_counts AS c (user_id, season_id, level, n)
        SELECT user_id, season_id, level, sum(d)::int FROM (
            SELECT user_id, season_id, level, 1 AS d FROM new_rows WHERE NOT retired
            UNION ALL
            SELECT user_id, season_id, level, -1 FROM old_rows WHERE NOT retired) changed
        GROUP BY user_id, season_id, level HAVING sum(d) <> 0 ORDER BY user_id, season_id, level
        ON CONFLICT (user_id, season_id, level) DO UPDATE SET n = c.n + excluded.n;
    ELSE
        INSERT INTO memory_level_counts AS c (user_id, season_id, level, n)
        SELECT user_id, season_id, level, -count(*) FROM old_rows WHERE NOT retired
        GROUP BY user_id, season_id, level ORDER BY user_id, season_id, level
        ON CONFLICT (user_id, season_id, level) DO UPDATE SET n = c.n + excluded.n;
    END IF;
    RETURN NULL;
END $$;
-- +goose StatementEnd

CREATE TRIGGER memory_level_counts_insert AFTER INSERT ON memory_state
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION memory_level_counts_apply();
CREATE TRIGGER memory_level_counts_update AFTER UPDATE ON memory_state
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION memory_level_counts_apply();
CREATE TRIGGER memory_level_counts_delete AFTER DELETE ON memory_state
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION memory_level_counts_apply();

INSERT INTO memory_level_counts (user_id, season_id, level, n)
SELECT user_id, season_id, level, count(*) FROM memory_state WHERE NOT retired
GROUP BY user_id, season_id, level;

-- +goose Down
DROP TRIGGER memory_level_counts_delete ON memory_state;
DROP TRIGGER memory_level_counts_update ON memory_state;
DROP TRIGGER memory_level_counts_insert ON memory_state;
DROP FUNCTION memory_level_counts_apply();
DROP TABLE memory_level_counts;
