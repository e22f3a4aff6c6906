-- +goose Up
-- An attachment that is a zip or XML bomb is flagged when it is stored
-- (package bombcheck): "code: detail", empty for a file that passed. Staff
-- see the warning before they open it; the server never previews it.
ALTER TABLE request_attachments ADD COLUMN hazard TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE request_attachments DROP COLUMN hazard;
