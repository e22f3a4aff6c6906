-- +goose Up
-- The period lock (#13 "After publication"): once an agency's report on a
-- year is published, the request records behind its tables 三 and 四 are
-- locked: a step, an appeal or an import that would change a published
-- cell is refused. The 负责人 reopens the year with a reason (one row
-- here, open while closed_at is NULL; at most one open per agency-year),
-- the records are edited, and the correction that follows (or a relock
-- when nothing changed) closes it; version is the report version the
-- correction published (NULL for a relock).
CREATE TABLE report_reopens (
    agency_id  INTEGER NOT NULL,
    year       INTEGER NOT NULL,
    n          INTEGER NOT NULL CHECK (n >= 1),
    reason     TEXT NOT NULL CHECK (reason <> ''),
    opened_by  TEXT NOT NULL,
    opened_at  TEXT NOT NULL,
    closed_by  TEXT NOT NULL DEFAULT '',
    closed_at  TEXT,
    version    INTEGER,
    PRIMARY KEY (agency_id, year, n),
    FOREIGN KEY (agency_id, year) REFERENCES report_drafts (agency_id, year)
);
CREATE UNIQUE INDEX report_reopens_open ON report_reopens (agency_id, year) WHERE closed_at IS NULL;

-- +goose Down
DROP TABLE report_reopens;
