-- +goose Up
-- The HTTP request id of each audit event (SECURITY.md E-AUD-02), so an
-- event can be joined with the access log. Covered by the row hash.
ALTER TABLE audit_events ADD COLUMN request_id TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE audit_events DROP COLUMN request_id;
