-- A student's own purchase requests, newest first (the web store lists them with their status).

-- +goose Up
CREATE INDEX purchase_requests_user_idx ON purchase_requests (user_id, created_at);

-- +goose Down
DROP INDEX purchase_requests_user_idx;
