-- +goose Up
-- The public application form's idempotency keys (#9, receipt reload):
-- each form carries a random key; the submission that files the request
-- records the key's MAC with a digest of what was filed and the query
-- code sealed under the personal-data key, so that a second identical
-- submission within the window (casework.ResubmitWindow) shows the first
-- receipt instead of filing again, and the receipt page reached by
-- post/redirect/get can be reloaded. Rows older than the window are
-- deleted by the next submission; the sealed code is useless after it.
CREATE TABLE submission_keys (
    key_hash    TEXT NOT NULL PRIMARY KEY,
    digest      TEXT NOT NULL,
    request_id  INTEGER NOT NULL REFERENCES requests (id),
    sealed_code TEXT NOT NULL,
    created_at  TEXT NOT NULL
);
CREATE INDEX submission_keys_created ON submission_keys (created_at);

-- +goose Down
DROP TABLE submission_keys;
