-- +goose Up
-- Reports from outside (#13, `gongkai report import`): a report that an
-- agency published elsewhere is stored as published in report_drafts like
-- one compiled in gongkai (so the overview treats both alike), and its
-- source file here: the file's name and format as given, its key in the
-- blob store (content-addressed: reports/imported/<sha256>), its SHA-256
-- and size, and who imported it when. imported_at is TIMESTAMPTZ.
CREATE TABLE report_imports (
    agency_id   BIGINT NOT NULL,
    year        INTEGER NOT NULL,
    file_name   TEXT NOT NULL,
    format      TEXT NOT NULL,
    blob_key    TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    size        BIGINT NOT NULL,
    imported_by TEXT NOT NULL,
    imported_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (agency_id, year),
    FOREIGN KEY (agency_id, year) REFERENCES report_drafts (agency_id, year)
);

-- +goose Down
DROP TABLE report_imports;
