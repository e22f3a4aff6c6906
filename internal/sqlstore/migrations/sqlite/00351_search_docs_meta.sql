-- +goose Up
-- Every column of a search document but its two texts, by doc_id (issue
-- #12, speed): the reads of a search that need no text (the matches of
-- one- and two-character terms with their agency, column and date, the
-- filtered counts) go through this narrow index, which stays in the page
-- cache, instead of the documents' wide rows (≈6 KB each with the display
-- and folded text), which at 100,000 items no longer do.
CREATE INDEX search_docs_meta ON search_docs (doc_id, agency_id, category, published_at, doc_type, validity);

-- +goose Down
DROP INDEX search_docs_meta;
