-- name: MemoryVersion :one
-- The player's lock of a batched record (PlayerLock: their profile exists) and the version
-- of their memory state (memory_versions: every change of a memory_state row counts in its
-- player's bucket); 0 when nothing counted yet.
SELECT p.user_id, CAST(coalesce(v.n, 0) AS INTEGER) AS version
FROM player_profiles p
LEFT JOIN memory_versions v ON v.bucket = p.user_id % 4096
WHERE p.user_id = @user_id;
