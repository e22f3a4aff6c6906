-- +goose Up
-- Search (条例第二十四条, catalog.md §5): one row per public item with its
-- display text (paragraphs joined by line breaks) and the same text folded
-- (package search), and the postings of its keys (characters and
-- within-paragraph bigrams). Both are written in the transaction that
-- publishes, corrects or withdraws the item.

CREATE TABLE search_docs (
    item_id      INTEGER PRIMARY KEY REFERENCES catalog_items (id),
    agency_id    INTEGER NOT NULL REFERENCES agencies (id),
    version      INTEGER NOT NULL CHECK (version > 0),
    index_no     TEXT NOT NULL,
    category     TEXT NOT NULL DEFAULT '',
    doc_type     TEXT NOT NULL DEFAULT '',
    validity     TEXT NOT NULL DEFAULT '',
    published_at TEXT NOT NULL,
    plain        TEXT NOT NULL,
    folded       TEXT NOT NULL
);
CREATE INDEX search_docs_agency ON search_docs (agency_id, published_at);
CREATE INDEX search_docs_published ON search_docs (published_at);

CREATE TABLE search_postings (
    gram    TEXT NOT NULL,
    item_id INTEGER NOT NULL REFERENCES search_docs (item_id),
    PRIMARY KEY (gram, item_id)
) WITHOUT ROWID;
CREATE INDEX search_postings_item ON search_postings (item_id);

-- +goose Down
DROP TABLE search_postings;
DROP TABLE search_docs;
