-- +goose Up
-- The postings in blocks (issue #12, 1,000,000 items): a row a posting
-- cost about 96 bytes on disk with its two indexes, 774 postings an item,
-- 74 GB at a million items on PostgreSQL. search_blocks holds a key's
-- postings as the blocks search.AppendBlock writes (ids as distances, a
-- byte of weight each: about 2.5 bytes a posting), a row each from the id
-- first_doc on, n postings long. search_postings keeps the postings
-- written since the blocks were last merged (a publication writes its
-- rows there; MergeSearchPostings moves them into blocks), so a key's
-- list is its blocks and its rows together. A block may still name a
-- document deleted since it was written: readers keep only the ids that
-- search_docs holds, and the next merge of that key drops them.
CREATE TABLE search_blocks (
    gram      TEXT NOT NULL,
    first_doc INTEGER NOT NULL,
    n         INTEGER NOT NULL CHECK (n > 0),
    data      BLOB NOT NULL,
    PRIMARY KEY (gram, first_doc)
);

-- A block outlives the documents it names until the key is merged again,
-- so a document id must never be given twice: with a bare INTEGER PRIMARY
-- KEY SQLite gives a new row the largest id plus one, which is the id of
-- the document deleted last when it was the largest. AUTOINCREMENT gives
-- ids above every id the table ever held (PostgreSQL's identity does so
-- already). The table is copied to get it; its indexes and triggers (00200,
-- 00280, 00351, 00365) are made again.
CREATE TABLE search_docs_new (
    doc_id       INTEGER PRIMARY KEY AUTOINCREMENT,
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
    CHECK ((item_id IS NULL) <> (report_year IS NULL)),
    UNIQUE (agency_id, report_year),
    FOREIGN KEY (agency_id, report_year) REFERENCES report_drafts (agency_id, year)
);
INSERT INTO search_docs_new (doc_id, item_id, report_year, agency_id, version, index_no, category, doc_type, validity, published_at, plain, folded)
    SELECT doc_id, item_id, report_year, agency_id, version, index_no, category, doc_type, validity, published_at, plain, folded FROM search_docs;
-- the ids of documents deleted since the last change log prune are above
-- MAX(doc_id) too: the sequence starts past them
INSERT INTO sqlite_sequence (name, seq) SELECT 'search_docs_new', MAX(m) FROM
    (SELECT MAX(doc_id) AS m FROM search_docs UNION ALL SELECT MAX(doc_id) FROM search_changes UNION ALL SELECT 0)
    WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'search_docs_new');
UPDATE sqlite_sequence SET seq = MAX(seq, (SELECT COALESCE(MAX(doc_id), 0) FROM search_changes)) WHERE name = 'search_docs_new';
DROP TABLE search_docs;
ALTER TABLE search_docs_new RENAME TO search_docs;
CREATE INDEX search_docs_agency ON search_docs (agency_id, published_at);
CREATE INDEX search_docs_published ON search_docs (published_at);
CREATE INDEX search_docs_meta ON search_docs (doc_id, agency_id, category, published_at, doc_type, validity);

-- +goose StatementBegin
CREATE TRIGGER public_generation_search_docs_insert AFTER INSERT ON search_docs
BEGIN
    UPDATE public_generation SET gen = gen + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER public_generation_search_docs_update AFTER UPDATE ON search_docs
BEGIN
    UPDATE public_generation SET gen = gen + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER public_generation_search_docs_delete AFTER DELETE ON search_docs
BEGIN
    UPDATE public_generation SET gen = gen + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER search_docs_change_insert AFTER INSERT ON search_docs
BEGIN
    UPDATE search_generation SET gen = gen + 1 WHERE id = 1;
    INSERT INTO search_changes (gen, doc_id) SELECT gen, NEW.doc_id FROM search_generation WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER search_docs_change_update AFTER UPDATE ON search_docs
BEGIN
    UPDATE search_generation SET gen = gen + 1 WHERE id = 1;
    INSERT INTO search_changes (gen, doc_id) SELECT gen, NEW.doc_id FROM search_generation WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER search_docs_change_delete AFTER DELETE ON search_docs
BEGIN
    UPDATE search_generation SET gen = gen + 1 WHERE id = 1;
    INSERT INTO search_changes (gen, doc_id) SELECT gen, OLD.doc_id FROM search_generation WHERE id = 1;
END;
-- +goose StatementEnd

-- The documents whose postings are in no block yet: those written since
-- the last merge or rebuild. Their postings are not stored at all (a row
-- a posting made publishing an item 7–12× slower than without the index,
-- issue #12): readers cut them from the folded text, which search_docs
-- holds anyway, and MergeSearchPostings writes them into blocks once
-- there are enough. A document is fresh from its insert; the postings of
-- the rows before are dropped, so every document is fresh until the next
-- merge or `gongkai search reindex`.
CREATE TABLE search_fresh (
    doc_id INTEGER PRIMARY KEY
);
INSERT INTO search_fresh (doc_id) SELECT doc_id FROM search_docs;
DROP TABLE search_postings;

-- +goose StatementBegin
CREATE TRIGGER search_docs_fresh_insert AFTER INSERT ON search_docs
BEGIN
    INSERT INTO search_fresh (doc_id) VALUES (NEW.doc_id);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER search_docs_fresh_delete AFTER DELETE ON search_docs
BEGIN
    DELETE FROM search_fresh WHERE doc_id = OLD.doc_id;
END;
-- +goose StatementEnd

-- +goose Down
-- The postings as rows again, cut from the folded texts in SQL: every
-- character and every pair of characters within a paragraph but spaces,
-- weight 1 (`gongkai search reindex` of the older release gives the real
-- weights).
DROP TRIGGER search_docs_fresh_insert;
DROP TRIGGER search_docs_fresh_delete;
DROP TABLE search_fresh;
CREATE TABLE search_postings (
    gram   TEXT NOT NULL,
    doc_id INTEGER NOT NULL,
    w      INTEGER,
    PRIMARY KEY (gram, doc_id)
) WITHOUT ROWID;
CREATE INDEX search_postings_doc ON search_postings (doc_id);
WITH RECURSIVE pos (doc_id, folded, i) AS (
    SELECT doc_id, folded, 1 FROM search_docs WHERE folded <> ''
    UNION ALL SELECT doc_id, folded, i + 1 FROM pos WHERE i < length(folded)
)
INSERT OR IGNORE INTO search_postings (gram, doc_id, w)
    SELECT substr(folded, i, 1), doc_id, 1 FROM pos
        WHERE substr(folded, i, 1) NOT IN (' ', char(9), char(10), char(13), char(12288))
    UNION ALL
    SELECT substr(folded, i, 2), doc_id, 1 FROM pos
        WHERE i < length(folded) AND substr(folded, i, 1) NOT IN (' ', char(9), char(10), char(13), char(12288))
        AND substr(folded, i + 1, 1) NOT IN (' ', char(9), char(10), char(13), char(12288));
DROP TABLE search_blocks;
