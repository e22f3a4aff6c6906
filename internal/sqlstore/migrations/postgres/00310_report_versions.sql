-- +goose Up
-- Versions of a published annual report (#13 "After publication"): a
-- published report is never changed silently. Version 1 is the report as
-- first published (or imported); each correction (更正) adds the next
-- version with its 更正说明 (note, required from version 2 on), who
-- published it and when. report_drafts keeps the latest snapshot, which
-- the portal, the API, search and the overview read; its published_at
-- stays the first publication's (the 条例第四十九条 deadline is judged on
-- it). published_at is TIMESTAMPTZ.
CREATE TABLE report_versions (
    agency_id    BIGINT NOT NULL,
    year         INTEGER NOT NULL,
    version      INTEGER NOT NULL CHECK (version >= 1),
    snapshot     TEXT NOT NULL CHECK (snapshot <> ''),
    note         TEXT NOT NULL DEFAULT '',
    published_by TEXT NOT NULL DEFAULT '',
    published_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (agency_id, year, version),
    FOREIGN KEY (agency_id, year) REFERENCES report_drafts (agency_id, year),
    CHECK (version = 1 OR note <> '')
);

-- Reports published before this migration become their version 1.
INSERT INTO report_versions (agency_id, year, version, snapshot, note, published_by, published_at)
SELECT agency_id, year, 1, snapshot, '', published_by, published_at
FROM report_drafts WHERE status = 'published' AND published_at IS NOT NULL;

-- +goose Down
DROP TABLE report_versions;
