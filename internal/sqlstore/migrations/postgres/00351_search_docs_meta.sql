-- +goose Up
-- Every column of a search document but its two texts, by doc_id (issue
-- #12, speed): the reads of a search that need no text (the matches of
-- one- and two-character terms with their agency, column and date, the
-- filtered counts) are index-only scans of this narrow index instead of
-- reads of the documents' heap.
CREATE INDEX search_docs_meta ON search_docs (doc_id) INCLUDE (agency_id, category, published_at, doc_type, validity);

-- +goose Down
DROP INDEX search_docs_meta;
