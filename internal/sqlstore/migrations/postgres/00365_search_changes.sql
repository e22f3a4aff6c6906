-- +goose Up
-- The search documents' change log (issue #12, speed at 1,000,000 items):
-- sqlstore keeps the matching part of the index (each key's postings, each
-- document's filter columns) in memory, and brings it up to date before
-- every search outside a transaction by reading the documents changed since
-- the generation it holds. Every insert, update or delete of a search
-- document logs the document under the writing transaction's generation,
-- so a search that starts after a commit sees it (a withdrawn item is gone
-- the moment the withdrawal commits). As for public_generation (00280),
-- the trigger is deferred: the transaction takes its generation (and the
-- lock on the one row) only while it commits, so generations are committed
-- in order and two publishers never deadlock on the row. Changes at or
-- below floor have been pruned (a full reindex prunes them all): a copy
-- older than floor reloads everything.

CREATE TABLE search_generation (
    id    INTEGER PRIMARY KEY CHECK (id = 1),
    gen   BIGINT NOT NULL,
    floor BIGINT NOT NULL
);
INSERT INTO search_generation (id, gen, floor) VALUES (1, 1, 1);

CREATE TABLE search_changes (
    gen    BIGINT NOT NULL,
    doc_id BIGINT NOT NULL
);
CREATE INDEX search_changes_gen ON search_changes (gen);

-- +goose StatementBegin
CREATE FUNCTION search_docs_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    mine text := current_setting('gongkai.search_generation', true);
    g bigint;
BEGIN
    IF mine IS NOT NULL AND split_part(mine, ':', 1) = txid_current()::text THEN
        g := split_part(mine, ':', 2)::bigint;
    ELSE
        UPDATE search_generation SET gen = gen + 1 WHERE id = 1 RETURNING gen INTO g;
        PERFORM set_config('gongkai.search_generation', txid_current()::text || ':' || g::text, true);
    END IF;
    IF TG_OP = 'DELETE' THEN
        INSERT INTO search_changes (gen, doc_id) VALUES (g, OLD.doc_id);
    ELSE
        INSERT INTO search_changes (gen, doc_id) VALUES (g, NEW.doc_id);
    END IF;
    RETURN NULL;
END
$$;
-- +goose StatementEnd

CREATE CONSTRAINT TRIGGER search_docs_change AFTER INSERT OR UPDATE OR DELETE ON search_docs DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION search_docs_change();

-- +goose Down
DROP TRIGGER search_docs_change ON search_docs;
DROP FUNCTION search_docs_change();
DROP TABLE search_changes;
DROP TABLE search_generation;
