-- +goose Up
-- One way to store time (issue 7 item 4; the rule is in the sqlstore
-- package doc). An instant is TIMESTAMPTZ on PostgreSQL. The tables below
-- held their times as fixed-width UTC text (2006-01-02T15:04:05.000000Z)
-- or, in staff_sessions, as Unix seconds and nanoseconds; each value is
-- converted exactly (the text and TIMESTAMPTZ both keep microseconds).
-- audit_events.ts stays text: the SM3 hash chain covers it byte for byte.
-- The scs library's sessions table is not ours and stays as scs made it.
-- Legal dates (*_on, day) stay TEXT YYYY-MM-DD.

ALTER TABLE api_tokens
    ALTER COLUMN created_at TYPE TIMESTAMPTZ USING created_at::timestamptz,
    ALTER COLUMN last_used_at TYPE TIMESTAMPTZ USING last_used_at::timestamptz,
    ALTER COLUMN revoked_at TYPE TIMESTAMPTZ USING revoked_at::timestamptz;

ALTER TABLE requests
    ALTER COLUMN created_at TYPE TIMESTAMPTZ USING created_at::timestamptz,
    ALTER COLUMN updated_at TYPE TIMESTAMPTZ USING updated_at::timestamptz;

-- The append-only triggers fire on UPDATE and DELETE, not on a change of
-- column type.
ALTER TABLE request_events
    ALTER COLUMN at TYPE TIMESTAMPTZ USING at::timestamptz;

ALTER TABLE request_attachments
    ALTER COLUMN created_at TYPE TIMESTAMPTZ USING created_at::timestamptz;

ALTER TABLE calendar_overrides
    ALTER COLUMN created_at TYPE TIMESTAMPTZ USING created_at::timestamptz;

ALTER TABLE request_appeals
    ALTER COLUMN created_at TYPE TIMESTAMPTZ USING created_at::timestamptz;

ALTER TABLE notifications
    ALTER COLUMN created_at TYPE TIMESTAMPTZ USING created_at::timestamptz,
    ALTER COLUMN read_at TYPE TIMESTAMPTZ USING read_at::timestamptz;

ALTER TABLE report_drafts
    ALTER COLUMN updated_at TYPE TIMESTAMPTZ USING updated_at::timestamptz,
    ALTER COLUMN published_at TYPE TIMESTAMPTZ USING published_at::timestamptz;

ALTER TABLE letter_settings
    ALTER COLUMN updated_at TYPE TIMESTAMPTZ USING updated_at::timestamptz;

ALTER TABLE letter_numbers
    ALTER COLUMN issued_at TYPE TIMESTAMPTZ USING issued_at::timestamptz;

ALTER TABLE mail_outbox
    ALTER COLUMN created_at TYPE TIMESTAMPTZ USING created_at::timestamptz,
    ALTER COLUMN next_attempt TYPE TIMESTAMPTZ USING next_attempt::timestamptz,
    ALTER COLUMN sent_at TYPE TIMESTAMPTZ USING sent_at::timestamptz;

-- staff_sessions: Unix seconds (created, last_seen) and the password's
-- change time in Unix nanoseconds (pwat, always whole microseconds: it is
-- users.password_changed_at) become TIMESTAMPTZ under *_at names.
-- to_timestamp of whole seconds is exact; the sub-second part is added as
-- whole microseconds.
ALTER TABLE staff_sessions RENAME COLUMN pwat TO password_changed_at;
ALTER TABLE staff_sessions RENAME COLUMN created TO created_at;
ALTER TABLE staff_sessions RENAME COLUMN last_seen TO last_seen_at;
ALTER TABLE staff_sessions
    ALTER COLUMN password_changed_at TYPE TIMESTAMPTZ USING to_timestamp(password_changed_at / 1000000000)
        + (password_changed_at % 1000000000 / 1000) * INTERVAL '1 microsecond',
    ALTER COLUMN created_at TYPE TIMESTAMPTZ USING to_timestamp(created_at),
    ALTER COLUMN last_seen_at TYPE TIMESTAMPTZ USING to_timestamp(last_seen_at);

-- +goose Down
ALTER TABLE staff_sessions
    ALTER COLUMN password_changed_at TYPE BIGINT USING (EXTRACT(EPOCH FROM date_trunc('second', password_changed_at))::bigint * 1000000000
        + EXTRACT(MICROSECONDS FROM password_changed_at)::bigint % 1000000 * 1000),
    ALTER COLUMN created_at TYPE BIGINT USING EXTRACT(EPOCH FROM date_trunc('second', created_at))::bigint,
    ALTER COLUMN last_seen_at TYPE BIGINT USING EXTRACT(EPOCH FROM date_trunc('second', last_seen_at))::bigint;
ALTER TABLE staff_sessions RENAME COLUMN last_seen_at TO last_seen;
ALTER TABLE staff_sessions RENAME COLUMN created_at TO created;
ALTER TABLE staff_sessions RENAME COLUMN password_changed_at TO pwat;

-- +goose StatementBegin
CREATE OR REPLACE FUNCTION pg_temp.time_text(t TIMESTAMPTZ) RETURNS TEXT LANGUAGE sql IMMUTABLE AS $$
    SELECT to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')
$$;
-- +goose StatementEnd

ALTER TABLE mail_outbox
    ALTER COLUMN created_at TYPE TEXT USING pg_temp.time_text(created_at),
    ALTER COLUMN next_attempt TYPE TEXT USING pg_temp.time_text(next_attempt),
    ALTER COLUMN sent_at TYPE TEXT USING pg_temp.time_text(sent_at);
ALTER TABLE letter_numbers
    ALTER COLUMN issued_at TYPE TEXT USING pg_temp.time_text(issued_at);
ALTER TABLE letter_settings
    ALTER COLUMN updated_at TYPE TEXT USING pg_temp.time_text(updated_at);
ALTER TABLE report_drafts
    ALTER COLUMN updated_at TYPE TEXT USING pg_temp.time_text(updated_at),
    ALTER COLUMN published_at TYPE TEXT USING pg_temp.time_text(published_at);
ALTER TABLE notifications
    ALTER COLUMN created_at TYPE TEXT USING pg_temp.time_text(created_at),
    ALTER COLUMN read_at TYPE TEXT USING pg_temp.time_text(read_at);
ALTER TABLE request_appeals
    ALTER COLUMN created_at TYPE TEXT USING pg_temp.time_text(created_at);
ALTER TABLE calendar_overrides
    ALTER COLUMN created_at TYPE TEXT USING pg_temp.time_text(created_at);
ALTER TABLE request_attachments
    ALTER COLUMN created_at TYPE TEXT USING pg_temp.time_text(created_at);
ALTER TABLE request_events
    ALTER COLUMN at TYPE TEXT USING pg_temp.time_text(at);
ALTER TABLE requests
    ALTER COLUMN created_at TYPE TEXT USING pg_temp.time_text(created_at),
    ALTER COLUMN updated_at TYPE TEXT USING pg_temp.time_text(updated_at);
ALTER TABLE api_tokens
    ALTER COLUMN created_at TYPE TEXT USING pg_temp.time_text(created_at),
    ALTER COLUMN last_used_at TYPE TEXT USING pg_temp.time_text(last_used_at),
    ALTER COLUMN revoked_at TYPE TEXT USING pg_temp.time_text(revoked_at);
DROP FUNCTION pg_temp.time_text(TIMESTAMPTZ);
