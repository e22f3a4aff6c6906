-- +goose Up
-- Whole-area reports (#13): a 人民政府 compiles the aggregate of its subtree
-- as its draft report on a year (annual.Service.CompileArea). One row per
-- report that is an area report: the summed tables as compiled (base, a
-- gongkai.annual-report/v1 JSON), and in detail the source of each agency
-- of the area, the cells some agencies lack and the government's own
-- tables as compiled from its records then (the period lock compares
-- them). Compiling again replaces the row; publishing freezes the report
-- in report_drafts as for any report.
CREATE TABLE report_areas (
    agency_id   INTEGER NOT NULL,
    year        INTEGER NOT NULL,
    base        TEXT NOT NULL,
    detail      TEXT NOT NULL,
    compiled_by TEXT NOT NULL,
    compiled_at TEXT NOT NULL,
    PRIMARY KEY (agency_id, year),
    FOREIGN KEY (agency_id, year) REFERENCES report_drafts (agency_id, year)
);

-- +goose Down
DROP TABLE report_areas;
