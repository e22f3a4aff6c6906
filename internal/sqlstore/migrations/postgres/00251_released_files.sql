-- +goose Up
-- Files released to the applicant by a reply (#9: 网上获取, 条例第四十条):
-- staff attach the documents disclosed to the request before the reply;
-- once a 予以公开 or 部分公开 reply is sent the applicant downloads them
-- (tracking number and query code, or the public account). They live in
-- the blob store like the other attachments, so the orphan sweep keeps
-- them; released marks them apart from the application's own files.
ALTER TABLE request_attachments ADD COLUMN released BOOLEAN NOT NULL DEFAULT FALSE;

-- +goose Down
ALTER TABLE request_attachments DROP COLUMN released;
