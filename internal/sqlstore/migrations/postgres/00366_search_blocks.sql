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
    gram      TEXT COLLATE "C" NOT NULL,
    first_doc BIGINT NOT NULL,
    n         INTEGER NOT NULL CHECK (n > 0),
    data      BYTEA NOT NULL,
    PRIMARY KEY (gram, first_doc)
);
-- the blocks are varints, which pglz cannot shrink: stored out of line
-- uncompressed rather than tried and given up on each time
ALTER TABLE search_blocks ALTER COLUMN data SET STORAGE EXTERNAL;

-- The documents whose postings are in no block yet: those written since
-- the last merge or rebuild. Their postings are not stored at all (a row
-- a posting made publishing an item 3–6× slower than without the index,
-- issue #12): readers cut them from the folded text, which search_docs
-- holds anyway, and MergeSearchPostings writes them into blocks once
-- there are enough. A document is fresh from its insert; the postings of
-- the rows before are dropped, so every document is fresh until the next
-- merge or `gongkai search reindex`.
CREATE TABLE search_fresh (
    doc_id BIGINT PRIMARY KEY
);
INSERT INTO search_fresh (doc_id) SELECT doc_id FROM search_docs;
DROP TABLE search_postings;

-- +goose StatementBegin
CREATE FUNCTION search_docs_fresh() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO search_fresh (doc_id) VALUES (NEW.doc_id);
    ELSE
        DELETE FROM search_fresh WHERE doc_id = OLD.doc_id;
    END IF;
    RETURN NULL;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER search_docs_fresh AFTER INSERT OR DELETE ON search_docs
    FOR EACH ROW EXECUTE FUNCTION search_docs_fresh();

-- +goose Down
-- The postings as rows again, cut from the folded texts in SQL: every
-- character and every pair of characters within a paragraph but spaces,
-- weight 1 (`gongkai search reindex` of the older release gives the real
-- weights).
DROP TRIGGER search_docs_fresh ON search_docs;
DROP FUNCTION search_docs_fresh();
DROP TABLE search_fresh;
CREATE TABLE search_postings (
    gram   TEXT COLLATE "C" NOT NULL,
    doc_id BIGINT NOT NULL,
    w      SMALLINT,
    PRIMARY KEY (gram, doc_id)
);
CREATE INDEX search_postings_doc ON search_postings (doc_id);
INSERT INTO search_postings (gram, doc_id, w)
    SELECT DISTINCT g, doc_id, 1 FROM (
        SELECT d.doc_id, substr(d.folded, i, 1) AS g FROM search_docs d, generate_series(1, length(d.folded)) AS i
        UNION ALL
        SELECT d.doc_id, substr(d.folded, i, 2) FROM search_docs d, generate_series(1, length(d.folded) - 1) AS i
    ) k WHERE g !~ '[[:space:]]';
DROP TABLE search_blocks;
