-- +goose Up
-- The public site beside the catalogue (#8): the identity its footer shows
-- (网站标识码, ICP备案号, 公安备案号, 主办单位, 联系方式 and the site's name),
-- for the whole site (agency_id 0) and overridden per agency; and each
-- agency's 政府信息公开指南 and 政府信息公开制度 (条例第十二条, 国办公开办函
-- 〔2019〕61号) as append-only versions, each with the date it took effect.

CREATE TABLE site_identity (
    agency_id     BIGINT PRIMARY KEY CHECK (agency_id >= 0),
    site_name     TEXT NOT NULL DEFAULT '',
    site_code     TEXT NOT NULL DEFAULT '',
    icp           TEXT NOT NULL DEFAULT '',
    police_record TEXT NOT NULL DEFAULT '',
    sponsor       TEXT NOT NULL DEFAULT '',
    contact       TEXT NOT NULL DEFAULT '',
    updated_by    TEXT NOT NULL DEFAULT '',
    updated_at    TIMESTAMPTZ NOT NULL
);

CREATE TABLE agency_docs (
    agency_id    BIGINT NOT NULL REFERENCES agencies (id),
    kind         TEXT NOT NULL CHECK (kind IN ('guide', 'rules')),
    n            INTEGER NOT NULL CHECK (n > 0),
    effective_on TEXT NOT NULL,
    office       TEXT NOT NULL DEFAULT '',
    address      TEXT NOT NULL DEFAULT '',
    hours        TEXT NOT NULL DEFAULT '',
    phone        TEXT NOT NULL DEFAULT '',
    fax          TEXT NOT NULL DEFAULT '',
    email        TEXT NOT NULL DEFAULT '',
    postcode     TEXT NOT NULL DEFAULT '',
    body         TEXT NOT NULL DEFAULT '',
    saved_by     TEXT NOT NULL DEFAULT '',
    saved_at     TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (agency_id, kind, n)
);

CREATE TRIGGER agency_docs_no_update BEFORE UPDATE ON agency_docs
    FOR EACH ROW EXECUTE FUNCTION catalog_refuse();
CREATE TRIGGER agency_docs_no_delete BEFORE DELETE ON agency_docs
    FOR EACH ROW EXECUTE FUNCTION catalog_refuse();

-- The public lists read published items newest first.
CREATE INDEX catalog_items_public ON catalog_items (first_published_at, id);

-- +goose Down
DROP INDEX catalog_items_public;
DROP TABLE agency_docs;
DROP TABLE site_identity;
