-- +goose Up
-- The bytes of request attachments, sealed with SM4-GCM (package pii) like
-- the applicant's personal data: an ID card scan is personal data
-- (SECURITY.md E-DC-02). Kept in the database so that backups hold them.
CREATE TABLE request_attachment_data (
    attachment_id INTEGER PRIMARY KEY REFERENCES request_attachments (id),
    sealed        BLOB NOT NULL
);

-- +goose Down
DROP TABLE request_attachment_data;
