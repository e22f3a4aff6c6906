-- +goose Up
-- PostgreSQL only (00323 there: room on each page of report_subtree_sums for
-- HOT updates, and autovacuum settings). SQLite updates its rows in place.
SELECT 1;

-- +goose Down
SELECT 1;
