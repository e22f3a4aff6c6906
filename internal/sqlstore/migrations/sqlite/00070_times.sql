-- +goose Up
-- One way to store time (issue 7 item 4; the rule is in the sqlstore
-- package doc). On SQLite an instant is TEXT in UTC at fixed width,
-- 2006-01-02T15:04:05.000000Z, as every other table already holds it.
-- staff_sessions held Unix seconds (created, last_seen) and the password's
-- change time in Unix nanoseconds (pwat, always whole microseconds: it is
-- users.password_changed_at); the table is rebuilt with those as text
-- under *_at names, and token_hash NOT NULL as on PostgreSQL. The scs
-- library's sessions table is not ours and stays as scs made it.
CREATE TABLE staff_sessions_new (
    token_hash          TEXT NOT NULL PRIMARY KEY,
    user_id             INTEGER NOT NULL,
    password_changed_at TEXT NOT NULL,
    created_at          TEXT NOT NULL,
    last_seen_at        TEXT NOT NULL,
    ip                  TEXT NOT NULL,
    user_agent          TEXT NOT NULL
);
INSERT INTO staff_sessions_new (token_hash, user_id, password_changed_at, created_at, last_seen_at, ip, user_agent)
SELECT token_hash, user_id,
    strftime('%Y-%m-%dT%H:%M:%S', pwat / 1000000000, 'unixepoch') || printf('.%06dZ', pwat % 1000000000 / 1000),
    strftime('%Y-%m-%dT%H:%M:%S', created, 'unixepoch') || '.000000Z',
    strftime('%Y-%m-%dT%H:%M:%S', last_seen, 'unixepoch') || '.000000Z',
    ip, user_agent
FROM staff_sessions;
DROP TABLE staff_sessions;
ALTER TABLE staff_sessions_new RENAME TO staff_sessions;
CREATE INDEX staff_sessions_user_idx ON staff_sessions (user_id);

-- +goose Down
CREATE TABLE staff_sessions_old (
    token_hash TEXT PRIMARY KEY,
    user_id    INTEGER NOT NULL,
    pwat       INTEGER NOT NULL,
    created    INTEGER NOT NULL,
    last_seen  INTEGER NOT NULL,
    ip         TEXT NOT NULL,
    user_agent TEXT NOT NULL
);
INSERT INTO staff_sessions_old (token_hash, user_id, pwat, created, last_seen, ip, user_agent)
SELECT token_hash, user_id,
    CAST(strftime('%s', substr(password_changed_at, 1, 19)) AS INTEGER) * 1000000000
        + CAST(substr(password_changed_at, 21, 6) AS INTEGER) * 1000,
    CAST(strftime('%s', substr(created_at, 1, 19)) AS INTEGER),
    CAST(strftime('%s', substr(last_seen_at, 1, 19)) AS INTEGER),
    ip, user_agent
FROM staff_sessions;
DROP TABLE staff_sessions;
ALTER TABLE staff_sessions_old RENAME TO staff_sessions;
CREATE INDEX staff_sessions_user_idx ON staff_sessions (user_id);
