-- +goose Up
-- The report season (#13, 条例第四十九条、第五十条): the 督办 notices a
-- supervisor sends to late or failing agencies, and the reminders sent to
-- each agency 15, 5 and 1 working days before its deadline. A notice is
-- recorded once, with who sent it, when and its text; each agency it went
-- to has a row that its staff acknowledge. A reminder's dedupe key
-- (remind:<agency>:<year>:<days>) makes it sent once however often the
-- server restarts.
CREATE TABLE season_notices (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('urge', 'remind')),
    year        INTEGER NOT NULL,
    body        TEXT NOT NULL CHECK (body <> ''),
    sent_by     TEXT NOT NULL DEFAULT '',
    from_agency INTEGER REFERENCES agencies (id),
    dedupe      TEXT UNIQUE,
    created_at  TEXT NOT NULL
);
CREATE INDEX season_notices_from ON season_notices (from_agency, year, id);

CREATE TABLE season_notice_agencies (
    notice_id INTEGER NOT NULL REFERENCES season_notices (id),
    agency_id INTEGER NOT NULL REFERENCES agencies (id),
    acked_by  TEXT NOT NULL DEFAULT '',
    acked_at  TEXT,
    PRIMARY KEY (notice_id, agency_id)
);
CREATE INDEX season_notice_agencies_open ON season_notice_agencies (agency_id, acked_at);

-- +goose Down
DROP TABLE season_notice_agencies;
DROP TABLE season_notices;
