-- +goose Up
-- 依申请公开: disclosure requests, their append-only event history,
-- attachments, per-agency calendar overrides, review and litigation cases,
-- and in-app notifications. Dates (legal days) are TEXT YYYY-MM-DD; times
-- are TEXT in UTC, fixed width. Personal data columns (*_enc) hold SM4-GCM
-- ciphertext "sm4gcm:KEYID:…" (package pii), never plaintext.

CREATE TABLE request_counters (
    agency_id INTEGER NOT NULL REFERENCES agencies (id),
    year      INTEGER NOT NULL,
    last      INTEGER NOT NULL,
    PRIMARY KEY (agency_id, year)
);

CREATE TABLE requests (
    id             INTEGER PRIMARY KEY,
    agency_id      INTEGER NOT NULL REFERENCES agencies (id),
    tracking       TEXT NOT NULL CHECK (tracking <> ''),
    query_hash     TEXT NOT NULL DEFAULT '',
    origin         TEXT NOT NULL CHECK (origin IN ('online', 'staff', 'ledger')),
    channel        TEXT NOT NULL DEFAULT '',
    submitted_on   TEXT,
    received_on    TEXT,
    applicant_type TEXT NOT NULL,
    applicant_name TEXT NOT NULL DEFAULT '',
    applicant_key  TEXT NOT NULL DEFAULT '',
    id_number_enc  TEXT NOT NULL DEFAULT '',
    phone_enc      TEXT NOT NULL DEFAULT '',
    address_enc    TEXT NOT NULL DEFAULT '',
    email_enc      TEXT NOT NULL DEFAULT '',
    content        TEXT NOT NULL DEFAULT '',
    form           TEXT NOT NULL DEFAULT '',
    delivery       TEXT NOT NULL DEFAULT '',
    state          TEXT NOT NULL,
    due_on         TEXT,
    corrected_on   TEXT,
    extended       INTEGER NOT NULL DEFAULT 0,
    outcome        TEXT NOT NULL DEFAULT '',
    ended_on       TEXT,
    fee            TEXT NOT NULL DEFAULT '',
    notes          TEXT NOT NULL DEFAULT '',
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    UNIQUE (agency_id, tracking),
    CHECK ((outcome = '') = (ended_on IS NULL))
);
CREATE INDEX requests_agency_received ON requests (agency_id, received_on);
CREATE INDEX requests_agency_state ON requests (agency_id, state);
CREATE INDEX requests_agency_applicant ON requests (agency_id, applicant_key);

CREATE TABLE request_events (
    id          INTEGER PRIMARY KEY,
    request_id  INTEGER NOT NULL REFERENCES requests (id),
    seq         INTEGER NOT NULL,
    action      TEXT NOT NULL CHECK (action <> ''),
    on_date     TEXT NOT NULL,
    at          TEXT NOT NULL,
    actor_id    INTEGER NOT NULL DEFAULT 0,
    actor_login TEXT NOT NULL DEFAULT '',
    payload     TEXT NOT NULL DEFAULT '{}',
    UNIQUE (request_id, seq)
);

-- +goose StatementBegin
CREATE TRIGGER request_events_no_update BEFORE UPDATE ON request_events
BEGIN
    SELECT RAISE(ABORT, 'request_events is append-only: UPDATE refused');
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER request_events_no_delete BEFORE DELETE ON request_events
BEGIN
    SELECT RAISE(ABORT, 'request_events is append-only: DELETE refused');
END;
-- +goose StatementEnd

CREATE TABLE request_attachments (
    id           INTEGER PRIMARY KEY,
    request_id   INTEGER NOT NULL REFERENCES requests (id),
    name         TEXT NOT NULL CHECK (name <> ''),
    content_type TEXT NOT NULL,
    size         INTEGER NOT NULL CHECK (size >= 0),
    sha256       TEXT NOT NULL,
    blob_key     TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL
);
CREATE INDEX request_attachments_request ON request_attachments (request_id);

CREATE TABLE calendar_overrides (
    agency_id  INTEGER NOT NULL REFERENCES agencies (id),
    day        TEXT NOT NULL,
    open       INTEGER NOT NULL CHECK (open IN (0, 1)),
    reason     TEXT NOT NULL CHECK (reason <> ''),
    created_at TEXT NOT NULL,
    PRIMARY KEY (agency_id, day)
);

CREATE TABLE request_appeals (
    id           INTEGER PRIMARY KEY,
    request_id   INTEGER NOT NULL REFERENCES requests (id),
    kind         TEXT NOT NULL CHECK (kind IN ('review', 'litigation_direct', 'litigation_after_review')),
    filed_on     TEXT,
    concluded_on TEXT,
    result       TEXT NOT NULL DEFAULT '' CHECK (result IN ('', 'upheld', 'corrected', 'other')),
    note         TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    CHECK ((result = '') = (concluded_on IS NULL))
);
CREATE INDEX request_appeals_request ON request_appeals (request_id);

CREATE TABLE notifications (
    id         INTEGER PRIMARY KEY,
    agency_id  INTEGER NOT NULL REFERENCES agencies (id),
    request_id INTEGER REFERENCES requests (id),
    audience   TEXT NOT NULL CHECK (audience IN ('applicant', 'staff')),
    user_id    INTEGER REFERENCES users (id),
    kind       TEXT NOT NULL,
    dedupe     TEXT UNIQUE,
    body       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    read_at    TEXT
);
CREATE INDEX notifications_request ON notifications (request_id, id);
CREATE INDEX notifications_agency ON notifications (agency_id, audience, id);

-- +goose Down
DROP TABLE notifications;
DROP TABLE request_appeals;
DROP TABLE calendar_overrides;
DROP TABLE request_attachments;
DROP TABLE request_events;
DROP TABLE requests;
DROP TABLE request_counters;
