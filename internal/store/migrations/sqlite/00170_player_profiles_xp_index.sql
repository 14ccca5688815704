-- The all-time leaderboard of the embedded mode ranks player_profiles.total_xp: without an
-- index each request scanned every user, looked up the profile and sorted them (about 7 ms
-- at 10,000 players, on one of the two reader connections). With the index the top is a
-- walk of its first rows and the count above a player a range of it. SQLite only:
-- PostgreSQL boards are Redis sets.

-- +goose Up
CREATE INDEX player_profiles_xp_idx ON player_profiles (total_xp DESC, user_id DESC);

-- +goose Down
DROP INDEX player_profiles_xp_idx;
