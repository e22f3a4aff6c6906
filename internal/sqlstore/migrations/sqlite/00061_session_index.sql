-- +goose Up
-- An index of the back office's scs sessions, so a staff user can list
-- and end their own (SECURITY.md O-SES-02). scs keeps sessions as opaque
-- blobs keyed by token; this table holds only the SHA-256 of the token.
-- Times are Unix seconds; pwat is the user's PasswordChangedAt (Unix
-- nanoseconds) when the session began: a later password change ends it.
CREATE TABLE staff_sessions (
    token_hash TEXT PRIMARY KEY,
    user_id    INTEGER NOT NULL,
    pwat       INTEGER NOT NULL,
    created    INTEGER NOT NULL,
    last_seen  INTEGER NOT NULL,
    ip         TEXT NOT NULL,
    user_agent TEXT NOT NULL
);
CREATE INDEX staff_sessions_user_idx ON staff_sessions (user_id);

-- +goose Down
DROP TABLE staff_sessions;
