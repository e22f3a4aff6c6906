-- +goose Up
-- The foreign key from search_postings to search_docs goes on SQLite too
-- (00350 dropped it on PostgreSQL; issue #12, speed). SQLite checks it
-- cheaply, but a foreign key that is not DEFERRABLE makes every
-- multi-row INSERT of postings keep a statement journal (a copy of each
-- page it changes, in case the statement fails halfway): three quarters
-- of the time of a reindex (5,000 items: 140 s of 150) and of writing a
-- published item's postings. The postings are derived data, written right
-- after their document in its transaction and deleted before it
-- (dropSearchDoc); the reindex test compares them row by row. SQLite
-- cannot drop a constraint: the table is copied.
CREATE TABLE search_postings_new (
    gram   TEXT NOT NULL,
    doc_id INTEGER NOT NULL,
    w      INTEGER,
    PRIMARY KEY (gram, doc_id)
) WITHOUT ROWID;
INSERT INTO search_postings_new (gram, doc_id, w) SELECT gram, doc_id, w FROM search_postings ORDER BY gram, doc_id;
DROP TABLE search_postings;
ALTER TABLE search_postings_new RENAME TO search_postings;
CREATE INDEX search_postings_doc ON search_postings (doc_id);

-- +goose Down
CREATE TABLE search_postings_old (
    gram   TEXT NOT NULL,
    doc_id INTEGER NOT NULL REFERENCES search_docs (doc_id),
    w      INTEGER,
    PRIMARY KEY (gram, doc_id)
) WITHOUT ROWID;
INSERT INTO search_postings_old (gram, doc_id, w) SELECT gram, doc_id, w FROM search_postings ORDER BY gram, doc_id;
DROP TABLE search_postings;
ALTER TABLE search_postings_old RENAME TO search_postings;
CREATE INDEX search_postings_doc ON search_postings (doc_id);
