-- Institution settings staff edit in the desk: a logo shown in the apps (a URL; empty: none).

-- +goose Up
ALTER TABLE institutions ADD COLUMN logo_url TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE institutions DROP COLUMN logo_url;
