-- The class view: an institution's students (or one of them) in four set-based queries.

-- name: ClassStudents :many
SELECT u.id, u.email, u.full_name, u.enabled, coalesce(p.total_xp, 0)::bigint AS total_xp,
    p.grade_id, p.stream_id, p.season_id
FROM users u
JOIN user_roles r ON r.user_id = u.id AND r.role = 'Student'
LEFT JOIN player_profiles p ON p.user_id = u.id
WHERE u.institution_id = @institution_id AND (@user_id::bigint = 0 OR u.id = @user_id::bigint)
ORDER BY u.full_name, u.email
LIMIT @lim;

-- name: ClassActiveDays :many
SELECT DISTINCT user_id, local_day FROM gameplay_sessions
WHERE institution_id = @institution_id AND local_day >= @since AND (@user_id::bigint = 0 OR user_id = @user_id::bigint)
ORDER BY user_id, local_day DESC;

-- name: ClassLastActivity :many
SELECT user_id, max(created_at)::timestamptz AS last_at FROM gameplay_sessions
WHERE institution_id = @institution_id AND (@user_id::bigint = 0 OR user_id = @user_id::bigint)
GROUP BY user_id;

-- name: ClassMemory :many
SELECT m.user_id, m.subject_id, m.topic_id, m.stability, m.due, m.last_review
FROM memory_state m
JOIN users u ON u.id = m.user_id
JOIN player_profiles p ON p.user_id = m.user_id AND p.season_id = m.season_id
WHERE u.institution_id = @institution_id AND NOT m.retired AND (@user_id::bigint = 0 OR m.user_id = @user_id::bigint);
