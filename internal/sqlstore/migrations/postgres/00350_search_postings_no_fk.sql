-- +goose Up
-- The postings are derived data: sqlstore writes a document's postings
-- right after the document, in the same transaction, and deletes them
-- before it (dropSearchDoc), and `gongkai search reindex` rebuilds them all.
-- The foreign key from search_postings to search_docs checked that again,
-- row by row, through a trigger: it doubled the cost of writing postings
-- (issue #12: 167,000 postings, 2.8 s with it, 1.3 s without), which is
-- most of the cost of publishing an item and of a reindex. It goes.
-- (SQLite checks the key in its B-tree walk, ≈1% of the insert: kept.)
ALTER TABLE search_postings DROP CONSTRAINT IF EXISTS search_postings_new_doc_id_fkey;

-- +goose Down
ALTER TABLE search_postings ADD CONSTRAINT search_postings_new_doc_id_fkey FOREIGN KEY (doc_id) REFERENCES search_docs (doc_id);
