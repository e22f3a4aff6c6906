-- +goose Up
-- Key check values (package keycheck, #10 item 2): for each key kept
-- outside the database (the personal-data key, the audit key), its id and
-- the HMAC-SM3 of a constant under it. A server started with another key,
-- or with none, refuses to start and names the key id it needs, instead of
-- making a new key and sealing new data with it.
CREATE TABLE key_checks (
    name    TEXT PRIMARY KEY CHECK (name <> ''),
    key_id  TEXT NOT NULL CHECK (key_id <> ''),
    mac     TEXT NOT NULL CHECK (mac <> ''),
    created_at TIMESTAMPTZ NOT NULL
);

-- +goose Down
DROP TABLE key_checks;
