-- +goose Up
-- 主动公开 (catalog.md): each agency's profile and column tree, items with
-- their append-only events and versions, the channels each live version
-- went out on, and the links between documents and their 政策解读.
-- Legal dates are TEXT YYYY-MM-DD; times are fixed-width UTC TEXT here and
-- TIMESTAMPTZ on PostgreSQL, always from the service's clock.

CREATE TABLE catalog_profiles (
    agency_id   INTEGER PRIMARY KEY REFERENCES agencies (id),
    credit_code TEXT NOT NULL DEFAULT '',
    level       TEXT NOT NULL CHECK (level IN ('county', 'township', 'other')),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

CREATE TABLE catalog_columns (
    id         INTEGER PRIMARY KEY,
    agency_id  INTEGER NOT NULL REFERENCES agencies (id),
    path       TEXT NOT NULL CHECK (path <> ''),
    name       TEXT NOT NULL CHECK (name <> ''),
    art        INTEGER NOT NULL CHECK (art IN (20, 21)),
    art_item   INTEGER NOT NULL CHECK (art_item BETWEEN 0 AND 15),
    ord        INTEGER NOT NULL,
    builtin    INTEGER NOT NULL CHECK (builtin IN (0, 1)),
    created_at TEXT NOT NULL,
    UNIQUE (agency_id, path)
);

CREATE TABLE catalog_counters (
    agency_id INTEGER NOT NULL REFERENCES agencies (id),
    year      INTEGER NOT NULL,
    last      INTEGER NOT NULL,
    PRIMARY KEY (agency_id, year)
);

CREATE TABLE catalog_items (
    id                  INTEGER PRIMARY KEY,
    agency_id           INTEGER NOT NULL REFERENCES agencies (id),
    index_no            TEXT UNIQUE,
    state               TEXT NOT NULL,
    live                INTEGER NOT NULL DEFAULT 0,
    title               TEXT NOT NULL,
    doc_no              TEXT NOT NULL DEFAULT '',
    category            TEXT NOT NULL DEFAULT '',
    doc_type            TEXT NOT NULL DEFAULT '',
    formed_on           TEXT,
    changed_on          TEXT,
    validity            TEXT NOT NULL DEFAULT '',
    validity_changed_on TEXT,
    replaced_by         TEXT NOT NULL DEFAULT '',
    disclosure          TEXT NOT NULL DEFAULT 'proactive',
    shown               TEXT NOT NULL DEFAULT '{}',
    draft               TEXT,
    first_published_at  TEXT,
    publish_at          TEXT,
    late                INTEGER NOT NULL DEFAULT 0 CHECK (late IN (0, 1)),
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL,
    CHECK ((live = 0) = (first_published_at IS NULL))
);
CREATE INDEX catalog_items_agency ON catalog_items (agency_id, state, first_published_at);
CREATE INDEX catalog_items_agency_type ON catalog_items (agency_id, doc_type, formed_on);
CREATE INDEX catalog_items_category ON catalog_items (agency_id, category);

CREATE TABLE catalog_events (
    item_id     INTEGER NOT NULL REFERENCES catalog_items (id),
    seq         INTEGER NOT NULL,
    action      TEXT NOT NULL CHECK (action <> ''),
    at          TEXT NOT NULL,
    actor       TEXT NOT NULL DEFAULT '',
    role        TEXT NOT NULL DEFAULT '',
    payload     TEXT NOT NULL DEFAULT '{}',
    PRIMARY KEY (item_id, seq)
);

CREATE TABLE catalog_versions (
    item_id      INTEGER NOT NULL REFERENCES catalog_items (id),
    n            INTEGER NOT NULL CHECK (n > 0),
    kind         TEXT NOT NULL,
    content      TEXT NOT NULL,
    published_at TEXT NOT NULL,
    by_login     TEXT NOT NULL DEFAULT '',
    note         TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (item_id, n)
);

-- +goose StatementBegin
CREATE TRIGGER catalog_events_no_update BEFORE UPDATE ON catalog_events
BEGIN
    SELECT RAISE(ABORT, 'catalog_events is append-only: UPDATE refused');
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER catalog_events_no_delete BEFORE DELETE ON catalog_events
BEGIN
    SELECT RAISE(ABORT, 'catalog_events is append-only: DELETE refused');
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER catalog_versions_no_update BEFORE UPDATE ON catalog_versions
BEGIN
    SELECT RAISE(ABORT, 'catalog_versions is append-only: UPDATE refused');
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER catalog_versions_no_delete BEFORE DELETE ON catalog_versions
BEGIN
    SELECT RAISE(ABORT, 'catalog_versions is append-only: DELETE refused');
END;
-- +goose StatementEnd

-- A published item is never deleted (catalog.md §2).
-- +goose StatementBegin
CREATE TRIGGER catalog_items_no_delete BEFORE DELETE ON catalog_items
BEGIN
    SELECT RAISE(ABORT, 'catalog_items are never deleted');
END;
-- +goose StatementEnd

CREATE TABLE catalog_posts (
    item_id INTEGER NOT NULL REFERENCES catalog_items (id),
    channel TEXT NOT NULL CHECK (channel <> ''),
    on_date TEXT NOT NULL,
    PRIMARY KEY (item_id, channel, on_date)
);
CREATE INDEX catalog_posts_channel ON catalog_posts (channel, on_date);

CREATE TABLE catalog_links (
    agency_id INTEGER NOT NULL REFERENCES agencies (id),
    from_no   TEXT NOT NULL,
    to_no     TEXT NOT NULL,
    PRIMARY KEY (from_no, to_no)
);
CREATE INDEX catalog_links_to ON catalog_links (to_no);

-- +goose Down
DROP TABLE catalog_links;
DROP TABLE catalog_posts;
DROP TABLE catalog_versions;
DROP TABLE catalog_events;
DROP TABLE catalog_items;
DROP TABLE catalog_counters;
DROP TABLE catalog_columns;
DROP TABLE catalog_profiles;
