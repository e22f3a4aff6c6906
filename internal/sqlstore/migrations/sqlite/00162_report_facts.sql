-- +goose Up
-- Each published report's cells in normalized form (#13): one row per
-- whole-number cell, value NULL when the report leaves it empty (an
-- absent cell is listed, never taken as 0), and its findings counted when
-- it was published — so that a supervisor's overview is a few indexed
-- queries instead of a validation per agency.
CREATE TABLE report_cells (
    agency_id INTEGER NOT NULL REFERENCES agencies (id),
    year      INTEGER NOT NULL,
    cell      TEXT NOT NULL,
    value     INTEGER,
    PRIMARY KEY (agency_id, year, cell)
);
CREATE INDEX report_cells_year ON report_cells (year, cell);

CREATE TABLE report_summaries (
    agency_id INTEGER NOT NULL REFERENCES agencies (id),
    year      INTEGER NOT NULL,
    errors    INTEGER NOT NULL,
    warnings  INTEGER NOT NULL,
    PRIMARY KEY (agency_id, year)
);
CREATE INDEX report_summaries_year ON report_summaries (year);

-- +goose Down
DROP TABLE report_summaries;
DROP TABLE report_cells;
