-- Items a teacher pushed into a student's review queue. The push itself only moves the
-- memory item's due time to the moment of the push (its FSRS state is left alone); this
-- table remembers who pushed it and when, so the review session can say "from your
-- teacher" until the student next reviews the item (last_review after pushed_at).
-- A later push of the same item replaces the row.

-- +goose Up
CREATE TABLE review_pushes (
    user_id     BIGINT NOT NULL,
    season_id   TEXT NOT NULL,
    question_id TEXT NOT NULL,
    pushed_by   BIGINT NOT NULL,
    pushed_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (user_id, season_id, question_id)
);

-- +goose Down
DROP TABLE review_pushes;
