-- +goose Up
-- Search covers the published annual reports too (条例第二十四条, 第五十条;
-- issue #12): a search document is an item or a report, with an id of its
-- own. The rows 00150 wrote are kept (an item's document keeps its item's
-- id as doc_id), so nothing needs reindexing after the upgrade.

CREATE TABLE search_docs_new (
    doc_id       INTEGER PRIMARY KEY,
    item_id      INTEGER UNIQUE REFERENCES catalog_items (id),
    report_year  INTEGER,
    agency_id    INTEGER NOT NULL REFERENCES agencies (id),
    version      INTEGER NOT NULL CHECK (version > 0),
    index_no     TEXT NOT NULL,
    category     TEXT NOT NULL DEFAULT '',
    doc_type     TEXT NOT NULL DEFAULT '',
    validity     TEXT NOT NULL DEFAULT '',
    published_at TEXT NOT NULL,
    plain        TEXT NOT NULL,
    folded       TEXT NOT NULL,
    -- an item's document, or the report of (agency_id, report_year)
    CHECK ((item_id IS NULL) <> (report_year IS NULL)),
    UNIQUE (agency_id, report_year),
    FOREIGN KEY (agency_id, report_year) REFERENCES report_drafts (agency_id, year)
);
INSERT INTO search_docs_new (doc_id, item_id, agency_id, version, index_no, category, doc_type, validity, published_at, plain, folded)
    SELECT item_id, item_id, agency_id, version, index_no, category, doc_type, validity, published_at, plain, folded FROM search_docs;

CREATE TABLE search_postings_new (
    gram   TEXT NOT NULL,
    doc_id INTEGER NOT NULL REFERENCES search_docs_new (doc_id),
    PRIMARY KEY (gram, doc_id)
) WITHOUT ROWID;
INSERT INTO search_postings_new (gram, doc_id) SELECT gram, item_id FROM search_postings;

DROP TABLE search_postings;
DROP TABLE search_docs;
ALTER TABLE search_docs_new RENAME TO search_docs;
ALTER TABLE search_postings_new RENAME TO search_postings;
CREATE INDEX search_docs_agency ON search_docs (agency_id, published_at);
CREATE INDEX search_docs_published ON search_docs (published_at);
CREATE INDEX search_postings_doc ON search_postings (doc_id);

-- +goose Down
DELETE FROM search_postings WHERE doc_id IN (SELECT doc_id FROM search_docs WHERE item_id IS NULL);
DELETE FROM search_docs WHERE item_id IS NULL;
CREATE TABLE search_docs_old (
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
INSERT INTO search_docs_old SELECT item_id, agency_id, version, index_no, category, doc_type, validity, published_at, plain, folded FROM search_docs;
CREATE TABLE search_postings_old (
    gram    TEXT NOT NULL,
    item_id INTEGER NOT NULL REFERENCES search_docs_old (item_id),
    PRIMARY KEY (gram, item_id)
) WITHOUT ROWID;
INSERT INTO search_postings_old SELECT p.gram, d.item_id FROM search_postings p JOIN search_docs d ON d.doc_id = p.doc_id;
DROP TABLE search_postings;
DROP TABLE search_docs;
ALTER TABLE search_docs_old RENAME TO search_docs;
ALTER TABLE search_postings_old RENAME TO search_postings;
CREATE INDEX search_docs_agency ON search_docs (agency_id, published_at);
CREATE INDEX search_docs_published ON search_docs (published_at);
CREATE INDEX search_postings_item ON search_postings (item_id);
