-- +goose Up
-- The text of the attachments of public items (条例第二十四条, catalog.md §5:
-- attachment text is searched), extracted in the background: one row per
-- attachment of an item's live version, written with the item's search
-- document. A pending row is due at next_at (NULL: now); the worker claims
-- it by counting an attempt, then marks it done (text kept, the item's
-- document rebuilt with it), pending again after a backoff, failed after
-- the last attempt or for a file that can never be read (a zip or XML
-- bomb, a damaged file), or skipped (a format without text: images, OFD).

CREATE TABLE search_attachments (
    item_id    BIGINT NOT NULL REFERENCES catalog_items (id),
    version    INTEGER NOT NULL CHECK (version > 0),
    n          INTEGER NOT NULL CHECK (n > 0),
    name       TEXT NOT NULL,
    sha256     TEXT NOT NULL,
    blob_key   TEXT NOT NULL,
    state      TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done', 'failed', 'skipped')),
    attempts   INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_at    TIMESTAMPTZ,
    last_error TEXT NOT NULL DEFAULT '',
    text       TEXT,
    CHECK ((state = 'done') = (text IS NOT NULL)),
    PRIMARY KEY (item_id, version, n)
);
CREATE INDEX search_attachments_due ON search_attachments (state, next_at);
CREATE INDEX search_attachments_sha ON search_attachments (sha256, state);

-- +goose Down
DROP TABLE search_attachments;
