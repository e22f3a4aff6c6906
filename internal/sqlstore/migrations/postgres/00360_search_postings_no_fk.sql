-- +goose Up
-- SQLite drops the postings' foreign key here (its statement journal); on
-- PostgreSQL 00350 did.
SELECT 1;

-- +goose Down
SELECT 1;
