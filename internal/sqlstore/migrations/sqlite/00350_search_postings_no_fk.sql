-- +goose Up
-- PostgreSQL drops the foreign key from search_postings to search_docs here
-- (a trigger a row that doubled the cost of writing postings, issue #12).
-- SQLite checks the key in its B-tree walk at ≈1% of the insert, and
-- dropping it would mean copying the whole postings table: it is kept.
SELECT 1;

-- +goose Down
SELECT 1;
