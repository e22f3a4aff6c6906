-- +goose Up
-- Agencies, staff accounts and their roles, bootstrap tokens.
-- Times are TEXT in UTC, fixed width: 2006-01-02T15:04:05.000000Z.

CREATE TABLE agencies (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE CHECK (name <> ''),
    parent_id   INTEGER REFERENCES agencies (id),
    oversees_id INTEGER REFERENCES agencies (id),
    created_at  TEXT NOT NULL,
    CHECK (parent_id IS NULL OR parent_id <> id)
);
CREATE INDEX agencies_parent ON agencies (parent_id);

CREATE TABLE users (
    id                   INTEGER PRIMARY KEY,
    agency_id            INTEGER NOT NULL REFERENCES agencies (id),
    login                TEXT NOT NULL UNIQUE CHECK (login <> ''),
    display_name         TEXT NOT NULL DEFAULT '',
    password_hash        TEXT NOT NULL CHECK (password_hash <> ''),
    must_change_password INTEGER NOT NULL DEFAULT 1,
    password_changed_at  TEXT NOT NULL,
    disabled             INTEGER NOT NULL DEFAULT 0,
    failed_logins        INTEGER NOT NULL DEFAULT 0,
    locked_until         TEXT,
    totp_secret          TEXT NOT NULL DEFAULT '',
    totp_enabled         INTEGER NOT NULL DEFAULT 0,
    totp_last_step       INTEGER NOT NULL DEFAULT 0,
    created_at           TEXT NOT NULL,
    last_login_at        TEXT
);
CREATE INDEX users_agency ON users (agency_id);

CREATE TABLE user_roles (
    user_id INTEGER NOT NULL REFERENCES users (id),
    role    TEXT NOT NULL CHECK (role IN ('clerk', 'reviewer', 'head', 'supervisor', 'sysadmin', 'secadmin', 'auditadmin')),
    PRIMARY KEY (user_id, role)
);
-- 三员分立 (GB/T 22239-2019 8.1.4.2 d): at most one administrator role per account.
CREATE UNIQUE INDEX user_roles_one_admin ON user_roles (user_id)
    WHERE role IN ('sysadmin', 'secadmin', 'auditadmin');

CREATE TABLE bootstrap_tokens (
    id         INTEGER PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at    TEXT
);

-- +goose Down
DROP TABLE bootstrap_tokens;
DROP TABLE user_roles;
DROP TABLE users;
DROP TABLE agencies;
