-- +goose Up
-- The outbox of e-mail to applicants (optional; only filled when smtp_addr
-- is configured). A row is queued in the same transaction as the in-app
-- notice it repeats, so a mail is sent exactly for the notices that were
-- committed; the mailer worker sends it later with retries.
--
-- recipient_enc holds the address as SM4-GCM ciphertext (package pii),
-- never plaintext; recipient_key is its blind index (HMAC-SM3), which
-- lets the per-address limit on receipts of anonymous submissions count
-- without decrypting. Times are TEXT in UTC, fixed width, so that they
-- compare as text. A row is pending (sent_at NULL, next_attempt set), sent
-- (sent_at set), given up (both NULL; last_error says why).
CREATE TABLE mail_outbox (
    id            INTEGER PRIMARY KEY,
    agency_id     INTEGER NOT NULL REFERENCES agencies (id),
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
CREATE INDEX mail_outbox_due ON mail_outbox (next_attempt) WHERE sent_at IS NULL;
CREATE INDEX mail_outbox_request ON mail_outbox (request_id, id);
CREATE INDEX mail_outbox_recipient ON mail_outbox (recipient_key, created_at);

-- +goose Down
DROP TABLE mail_outbox;
