-- +goose Up
-- Each posting keeps how often its key occurs in the title, the 文号 and
-- the rest of its document, capped and packed (search.Posting.Weight), so a
-- query of one- and two-character terms is ranked from the postings without
-- reading any text (issue #12, speed). Postings written before have none
-- (NULL): a query that meets one ranks from the text as before, and
-- `gongkai search reindex` gives them their weights.
ALTER TABLE search_postings ADD COLUMN w SMALLINT;

-- +goose Down
ALTER TABLE search_postings DROP COLUMN w;
