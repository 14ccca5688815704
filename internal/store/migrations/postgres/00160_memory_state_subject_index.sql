-- The player's items of one subject, for the review quests' due test (ProgressDueSubjects):
-- after every review submission it asks, per subject the session touched, whether an item
-- is still due. By the primary key that walks the player's whole season until a due item of
-- the subject turns up (at 10M items, 1,700 buffers per submission); by this index it reads
-- the subject's own items, and usually stops at the first.
--
-- The index holds no column a review changes (due, stability, level...), so the updates
-- of a review stay heap-only (HOT) and never touch it; only new items add an entry.

-- +goose Up
CREATE INDEX memory_state_subject_idx ON memory_state (user_id, season_id, subject_id);

-- +goose Down
DROP INDEX memory_state_subject_idx;
