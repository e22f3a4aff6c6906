-- +goose Up
-- PostgreSQL only (00322 there: the pending subtree-sum deltas carry their
-- transaction). SQLite keeps its sums with row triggers and has no pending table.
SELECT 1;

-- +goose Down
SELECT 1;
