-- +goose Up
-- Notices to an account holder (#10 item 7): a lockout of their account
-- from some address, an attempt to register their login again. They are
-- shown once, on the first page after the next successful sign-in
-- (seen_at set then). kind is 'staff' (users) or 'public'
-- (public_accounts), as in login_locks.
CREATE TABLE account_notices (
    id         INTEGER PRIMARY KEY,
    kind       TEXT NOT NULL CHECK (kind IN ('staff', 'public')),
    account_id INTEGER NOT NULL,
    topic      TEXT NOT NULL CHECK (topic <> ''),
    detail     TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    seen_at    TEXT
);
CREATE INDEX account_notices_unseen ON account_notices (kind, account_id) WHERE seen_at IS NULL;

-- The e-mail copies of those notices go to a public account's address
-- and belong to no agency: agency_id becomes optional (SQLite rebuilds
-- the table to drop a NOT NULL).
CREATE TABLE mail_outbox_new (
    id            INTEGER PRIMARY KEY,
    agency_id     INTEGER REFERENCES agencies (id),
    request_id    INTEGER REFERENCES requests (id),
    kind          TEXT NOT NULL DEFAULT '',
    recipient_enc TEXT NOT NULL CHECK (recipient_enc <> ''),
    recipient_key TEXT NOT NULL DEFAULT '',
    subject       TEXT NOT NULL,
    body          TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    attempts      INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt  TEXT,
    sent_at       TEXT,
    last_error    TEXT NOT NULL DEFAULT ''
);
INSERT INTO mail_outbox_new SELECT id, agency_id, request_id, kind, recipient_enc, recipient_key, subject, body,
    created_at, attempts, next_attempt, sent_at, last_error FROM mail_outbox;
DROP TABLE mail_outbox;
ALTER TABLE mail_outbox_new RENAME TO mail_outbox;
CREATE INDEX mail_outbox_due ON mail_outbox (next_attempt) WHERE sent_at IS NULL;
CREATE INDEX mail_outbox_request ON mail_outbox (request_id, id);
CREATE INDEX mail_outbox_recipient ON mail_outbox (recipient_key, created_at);

-- +goose Down
DROP TABLE account_notices;
