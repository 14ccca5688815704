-- The Safe-Mode limits, counted for the whole fleet while the schedule cache (Redis) is
-- down: safe_mode_window is one row, the global counter of the current window (a fixed
-- window that begins at the first request after the last one ended); safe_mode_players is
-- the last time each player was served a degraded session. Both are written with
-- conditional statements that check and count at once, so concurrent instances can never
-- overshoot. Players whose interval has passed are deleted when a new window begins.

-- +goose Up
CREATE TABLE safe_mode_window (
    id           INTEGER PRIMARY KEY CHECK (id = 1),
    window_start INTEGER NOT NULL,
    served       INTEGER NOT NULL
);
INSERT INTO safe_mode_window (id, window_start, served) VALUES (1, 0, 0);

CREATE TABLE safe_mode_players (
    user_id   BIGINT PRIMARY KEY,
    served_at INTEGER NOT NULL
);

-- +goose Down
DROP TABLE safe_mode_players;
DROP TABLE safe_mode_window;
