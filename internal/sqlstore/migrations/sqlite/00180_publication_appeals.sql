-- +goose Up
-- 行政复议 and 行政诉讼 about an agency's 主动公开 — what it published, or
-- its failure to publish (条例第五十一条) — that no request gave rise to
-- (#9 item 10). Table 四 of the annual report counts them beside the
-- appeals about requests (request_appeals). Dates are legal days
-- (YYYY-MM-DD); the filing date is required, since there is no request
-- date to fall back on.
CREATE TABLE publication_appeals (
    id           INTEGER PRIMARY KEY,
    agency_id    INTEGER NOT NULL REFERENCES agencies (id),
    kind         TEXT NOT NULL CHECK (kind IN ('review', 'litigation_direct', 'litigation_after_review')),
    subject      TEXT NOT NULL CHECK (subject IN ('published', 'not_published')),
    matter       TEXT NOT NULL CHECK (matter <> ''),
    filed_on     TEXT NOT NULL,
    concluded_on TEXT,
    result       TEXT NOT NULL DEFAULT '' CHECK (result IN ('', 'upheld', 'corrected', 'other')),
    note         TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    CHECK ((result = '') = (concluded_on IS NULL))
);
CREATE INDEX publication_appeals_agency ON publication_appeals (agency_id, filed_on);

-- +goose Down
DROP TABLE publication_appeals;
