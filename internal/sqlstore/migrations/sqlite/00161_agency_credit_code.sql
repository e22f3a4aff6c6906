-- +goose Up
-- The 统一社会信用代码 of an agency, as `gongkai agency import` reads it;
-- '' when not known.
ALTER TABLE agencies ADD COLUMN credit_code TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE agencies DROP COLUMN credit_code;
