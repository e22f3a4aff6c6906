-- +goose Up
-- Tables of the web layer: scs sessions (the layout of scs's sqlite3store)
-- and per-integration API tokens (only their hashes).
-- IF NOT EXISTS: earlier builds created them at start.
CREATE TABLE IF NOT EXISTS sessions (
    token  TEXT PRIMARY KEY,
    data   BLOB NOT NULL,
    expiry REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS sessions_expiry_idx ON sessions (expiry);

CREATE TABLE IF NOT EXISTS api_tokens (
    id           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL CHECK (name <> ''),
    agency_id    INTEGER NOT NULL REFERENCES agencies (id),
    token_hash   TEXT NOT NULL UNIQUE,
    created_at   TEXT NOT NULL,
    last_used_at TEXT,
    revoked_at   TEXT
);

-- +goose Down
DROP TABLE api_tokens;
DROP TABLE sessions;
