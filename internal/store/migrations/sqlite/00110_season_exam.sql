-- A season's exam: its calendar date (NULL: none) and the recall the scheduler aims for on
-- that day (srs.md §10; 0: the default, 0.95). Items whose next review would pass the exam
-- get one before it.

-- +goose Up
ALTER TABLE seasons ADD COLUMN exam_date TEXT;
ALTER TABLE seasons ADD COLUMN exam_target REAL NOT NULL DEFAULT 0.95 CHECK (exam_target = 0 OR exam_target BETWEEN 0.70 AND 0.97);

-- +goose Down
ALTER TABLE seasons DROP COLUMN exam_target;
ALTER TABLE seasons DROP COLUMN exam_date;
