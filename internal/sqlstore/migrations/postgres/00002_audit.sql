-- +goose Up
-- The append-only, SM3 hash-chained audit log (GB/T 22239-2019 8.1.4.3).
-- ts is TEXT in the fixed format the hash covers (UTC, microseconds), the
-- same on both databases.
CREATE TABLE audit_events (
    id          BIGINT PRIMARY KEY,
    ts          TEXT NOT NULL,
    actor_id    BIGINT NOT NULL DEFAULT 0,
    actor_login TEXT NOT NULL,
    ip          TEXT NOT NULL DEFAULT '',
    action      TEXT NOT NULL CHECK (action <> ''),
    object_type TEXT NOT NULL DEFAULT '',
    object_id   TEXT NOT NULL DEFAULT '',
    result      TEXT NOT NULL CHECK (result IN ('ok', 'fail', 'denied')),
    detail      TEXT NOT NULL DEFAULT '',
    prev_hash   TEXT NOT NULL,
    hash        TEXT NOT NULL
);
CREATE INDEX audit_events_ts ON audit_events (ts);
CREATE INDEX audit_events_actor ON audit_events (actor_login, id);
CREATE INDEX audit_events_object ON audit_events (object_type, object_id, id);

-- +goose StatementBegin
CREATE FUNCTION audit_events_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP;
END;
$$;
-- +goose StatementEnd

CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION audit_events_refuse();
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION audit_events_refuse();
-- TRUNCATE bypasses row triggers; refuse it with a statement trigger.
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
    FOR EACH STATEMENT EXECUTE FUNCTION audit_events_refuse();

-- +goose Down
DROP TABLE audit_events;
DROP FUNCTION audit_events_refuse();
