-- +goose Up
-- An agency's publication channels (catalog.md §6, 条例第二十三条): each
-- channel code an agency's items go out on may have its own name and the
-- interval it is expected to carry an item within (interval_days; 0: not
-- watched). The stale-channel alarm reads it; a channel without a row
-- keeps the default (14 days for 政务新媒体, catalog.DefaultStaleDays).

CREATE TABLE catalog_channels (
    agency_id     BIGINT NOT NULL REFERENCES agencies (id),
    code          TEXT NOT NULL CHECK (code <> ''),
    name          TEXT NOT NULL DEFAULT '',
    interval_days INTEGER NOT NULL CHECK (interval_days >= 0 AND interval_days <= 3660),
    updated_by    TEXT NOT NULL DEFAULT '',
    updated_at    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (agency_id, code)
);

-- +goose Down
DROP TABLE catalog_channels;
