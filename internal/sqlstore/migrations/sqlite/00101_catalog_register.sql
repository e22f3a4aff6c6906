-- +goose Up
-- Table 二's records (catalog.md §3): administrative decisions (one per
-- 决定书) and fee entries, in 分 so that sums are exact.

CREATE TABLE catalog_decisions (
    id         INTEGER PRIMARY KEY,
    agency_id  INTEGER NOT NULL REFERENCES agencies (id),
    doc_no     TEXT NOT NULL CHECK (doc_no <> ''),
    decided_on TEXT NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('licensing', 'penalty', 'coercion')),
    matter     TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    UNIQUE (agency_id, doc_no)
);
CREATE INDEX catalog_decisions_date ON catalog_decisions (agency_id, decided_on);

CREATE TABLE catalog_fees (
    id         INTEGER PRIMARY KEY,
    agency_id  INTEGER NOT NULL REFERENCES agencies (id),
    paid_on    TEXT NOT NULL,
    fen        INTEGER NOT NULL CHECK (fen >= 0),
    item       TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);
CREATE INDEX catalog_fees_date ON catalog_fees (agency_id, paid_on);

-- +goose Down
DROP TABLE catalog_fees;
DROP TABLE catalog_decisions;
