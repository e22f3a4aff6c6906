-- +goose Up
-- Annual reports (条例第四十九条、第五十条) and letter stationery.
--
-- report_drafts holds an agency's report on one year as far as it is
-- entered by hand (table 二, the free text and the date, as JSON in
-- entries), its status, and, once published, the whole report as JSON
-- (snapshot), frozen so that later changes to the request records do not
-- alter what was published. Times are TEXT in UTC, fixed width, as on SQLite (the same code reads both).
CREATE TABLE report_drafts (
    agency_id    BIGINT NOT NULL REFERENCES agencies (id),
    year         INTEGER NOT NULL CHECK (year BETWEEN 2008 AND 2200),
    entries      TEXT NOT NULL,
    status       TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published')),
    updated_by   TEXT NOT NULL DEFAULT '',
    updated_at   TEXT NOT NULL,
    published_by TEXT NOT NULL DEFAULT '',
    published_at TEXT,
    snapshot     TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (agency_id, year),
    CHECK (status = 'draft' OR snapshot <> '')
);
CREATE INDEX report_drafts_published ON report_drafts (year, status);

-- letter_settings is an agency's letterhead and document-number prefix.
CREATE TABLE letter_settings (
    agency_id     BIGINT PRIMARY KEY REFERENCES agencies (id),
    office        TEXT NOT NULL DEFAULT '',
    address       TEXT NOT NULL DEFAULT '',
    postcode      TEXT NOT NULL DEFAULT '',
    phone         TEXT NOT NULL DEFAULT '',
    contact       TEXT NOT NULL DEFAULT '',
    website       TEXT NOT NULL DEFAULT '',
    number_prefix TEXT NOT NULL DEFAULT '',
    query_url     TEXT NOT NULL DEFAULT '',
    payment       TEXT NOT NULL DEFAULT '',
    updated_by    TEXT NOT NULL DEFAULT '',
    updated_at    TEXT NOT NULL
);

-- letter_counters holds the last document number issued per agency and
-- year; letter_numbers the number each letter of a request got, so that
-- downloading a letter again shows the same number.
CREATE TABLE letter_counters (
    agency_id BIGINT NOT NULL REFERENCES agencies (id),
    year      INTEGER NOT NULL,
    last      INTEGER NOT NULL CHECK (last >= 0),
    PRIMARY KEY (agency_id, year)
);

CREATE TABLE letter_numbers (
    request_id BIGINT NOT NULL REFERENCES requests (id),
    kind       TEXT NOT NULL,
    agency_id  BIGINT NOT NULL REFERENCES agencies (id),
    year       INTEGER NOT NULL,
    seq        INTEGER NOT NULL CHECK (seq > 0),
    issued_at  TEXT NOT NULL,
    PRIMARY KEY (request_id, kind),
    UNIQUE (agency_id, year, seq)
);

-- +goose Down
DROP TABLE letter_numbers;
DROP TABLE letter_counters;
DROP TABLE letter_settings;
DROP TABLE report_drafts;
