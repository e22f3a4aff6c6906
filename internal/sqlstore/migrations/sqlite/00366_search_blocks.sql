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

-- postings from before 00301 had no weight: they count as one
-- occurrence in the body (a full reindex gives them their real weight),
-- so every posting is ranked from its weight and none from the text
UPDATE search_postings SET w = 1 WHERE w IS NULL;

-- +goose Down
DROP TABLE search_blocks;
