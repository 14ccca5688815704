-- The Safe-Mode limits of the whole fleet while the schedule cache is down
-- (cache.SharedSafeModeLimiter). Each write checks and counts in one statement and returns
-- no row when the limit refuses the request.

-- name: SafeModeCount :one
-- Counts one request in the current window, or starts a new window at @now when the last
-- one began at or before @expired_before; nothing when the window is full.
UPDATE safe_mode_window SET
    window_start = CASE WHEN window_start <= @expired_before THEN @now ELSE window_start END,
    served = CASE WHEN window_start <= @expired_before THEN 1 ELSE served + 1 END
WHERE id = 1 AND (window_start <= @expired_before OR served < @per_window)
RETURNING window_start, served;

-- name: SafeModeWindow :one
SELECT window_start, served FROM safe_mode_window WHERE id = 1;

-- name: SafeModeServeAgain :one
-- Remembers that a player served before is served at @now unless they were served after
-- @since. (An upsert would do, but parameters in its DO UPDATE are not generated here.)
UPDATE safe_mode_players SET served_at = @now WHERE user_id = @user_id AND served_at <= @since
RETURNING served_at;

-- name: SafeModeServeFirst :one
-- Remembers the first time a player is served; nothing when they were served before.
INSERT INTO safe_mode_players (user_id, served_at) VALUES (@user_id, @now)
ON CONFLICT (user_id) DO NOTHING
RETURNING served_at;

-- name: SafeModeServedAt :one
SELECT served_at FROM safe_mode_players WHERE user_id = @user_id;

-- name: SafeModeForget :exec
-- Forgets the players served at or before @since: their interval has passed.
DELETE FROM safe_mode_players WHERE served_at <= @since;
