-- +goose Up
-- Request attachments now live in the blob store (package blob), named by
-- blob_key; rows stored before keep blob_key 'db' and their sealed bytes in
-- request_attachment_data. The orphan sweep looks blobs up by key.
CREATE INDEX request_attachments_blob_key ON request_attachments (blob_key);

-- +goose Down
DROP INDEX request_attachments_blob_key;
