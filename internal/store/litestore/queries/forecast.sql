-- The review forecast of the profile page: a player's live memory items counted per
-- quarter hour of their due time (every real time zone's offset is a whole number of
-- quarter hours, so the caller can sum them into local days). Items due before @from are
-- counted at @from (overdue items fall on today).

-- name: MemoryDueQuarterHours :many
SELECT CAST((CASE WHEN due < @from_due THEN CAST(@from_due AS INTEGER) ELSE due END) / 900000000 AS INTEGER) AS quarter,
       count(*) AS n
FROM memory_state
WHERE user_id = @user_id AND season_id = @season_id AND NOT retired AND due < @until_due
GROUP BY quarter
ORDER BY quarter;
