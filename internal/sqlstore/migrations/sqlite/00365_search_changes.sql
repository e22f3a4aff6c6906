-- +goose Up
-- The search documents' change log (issue #12, speed at 1,000,000 items):
-- sqlstore keeps the matching part of the index (each key's postings, each
-- document's filter columns) in memory, and brings it up to date before
-- every search outside a transaction by reading the documents changed since
-- the generation it holds. Every insert, update or delete of a search
-- document moves search_generation.gen and logs the document under the new
-- generation, in the writing transaction, so a search that starts after a
-- commit sees it (a withdrawn item is gone the moment the withdrawal
-- commits). Changes at or below floor have been pruned (a full reindex
-- prunes them all): a copy older than floor reloads everything. SQLite runs
-- one writer at a time, so generations are committed in order.

CREATE TABLE search_generation (
    id    INTEGER PRIMARY KEY CHECK (id = 1),
    gen   INTEGER NOT NULL,
    floor INTEGER NOT NULL
);
INSERT INTO search_generation (id, gen, floor) VALUES (1, 1, 1);

CREATE TABLE search_changes (
    gen    INTEGER NOT NULL,
    doc_id INTEGER NOT NULL
);
CREATE INDEX search_changes_gen ON search_changes (gen);

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

-- +goose Down
DROP TRIGGER search_docs_change_insert;
DROP TRIGGER search_docs_change_update;
DROP TRIGGER search_docs_change_delete;
DROP TABLE search_changes;
DROP TABLE search_generation;
