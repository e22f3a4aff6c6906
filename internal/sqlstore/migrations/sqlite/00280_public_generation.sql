-- +goose Up
-- The generation of the public site (#12, the rendered-page cache of
-- internal/web/pagecache): one number that every write to what an
-- anonymous reader can see moves, in the same transaction as the write.
-- The cache keeps a rendered page only while the generation it was
-- rendered at is current, so a publication, a withdrawal, a correction,
-- a report published or imported, a guide, footer or agency edited is
-- seen by the next read. The triggers are on the tables the portal,
-- its feeds, the sitemap and the search page read: agencies, the
-- catalogue (items only once they have been published: live = 1;
-- drafts are never public), search documents, published reports and
-- their facts, site identity, guides and rules, calendar overrides.
-- A new table that public pages read needs its own trigger here.

CREATE TABLE public_generation (
    id  INTEGER PRIMARY KEY CHECK (id = 1),
    gen INTEGER NOT NULL
);
INSERT INTO public_generation (id, gen) VALUES (1, 1);

-- +goose StatementBegin
CREATE TRIGGER public_generation_agencies_insert AFTER INSERT ON agencies
BEGIN
    UPDATE public_generation SET gen = gen + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER public_generation_agencies_update AFTER UPDATE ON agencies
BEGIN
    UPDATE public_generation SET gen = gen + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER public_generation_agencies_delete AFTER DELETE ON agencies
BEGIN
    UPDATE public_generation SET gen = gen + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER public_generation_catalog_profiles_insert AFTER INSERT ON catalog_profiles
BEGIN
    UPDATE public_generation SET gen = gen + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER public_generation_catalog_profiles_update AFTER UPDATE ON catalog_profiles
BEGIN
    UPDATE public_generation SET gen = gen + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER public_generation_catalog_profiles_delete AFTER DELETE ON catalog_profiles
BEGIN
    UPDATE public_generation SET gen = gen + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER public_generation_catalog_columns_insert AFTER INSERT ON catalog_columns
BEGIN
    UPDATE public_generation SET gen = gen + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER public_generation_catalog_columns_update AFTER UPDATE ON catalog_columns
BEGIN
    UPDATE public_generation SET gen = gen + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER public_generation_catalog_columns_delete AFTER DELETE ON catalog_columns
BEGIN
    UPDATE public_generation SET gen = gen + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER public_generation_catalog_versions_insert AFTER INSERT ON catalog_versions
BEGIN
    UPDATE public_generation SET gen = gen + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER public_generation_catalog_versions_update AFTER UPDATE ON catalog_versions
BEGIN
    UPDATE public_generation SET gen = gen + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER public_generation_catalog_versions_delete AFTER DELETE ON catalog_versions
BEGIN
    UPDATE public_generation SET gen = gen + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER public_generation_catalog_posts_insert AFTER INSERT ON catalog_posts
BEGIN
    UPDATE public_generation SET gen = gen + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER public_generation_catalog_posts_update AFTER UPDATE ON catalog_posts
BEGIN
    UPDATE public_generation SET gen = gen + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER public_generation_catalog_posts_delete AFTER DELETE ON catalog_posts
BEGIN
    UPDATE public_generation SET gen = gen + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER public_generation_catalog_links_insert AFTER INSERT ON catalog_links
BEGIN
    UPDATE public_generation SET gen = gen + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER public_generation_catalog_links_update AFTER UPDATE ON catalog_links
BEGIN
    UPDATE public_generation SET gen = gen + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER public_generation_catalog_links_delete AFTER DELETE ON catalog_links
BEGIN
    UPDATE public_generation SET gen = gen + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER public_generation_search_docs_insert AFTER INSERT ON search_docs
BEGIN
    UPDATE public_generation SET gen = gen + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER public_generation_search_docs_update AFTER UPDATE ON search_docs
BEGIN
    UPDATE public_generation SET gen = gen + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER public_generation_search_docs_delete AFTER DELETE ON search_docs
BEGIN
    UPDATE public_generation SET gen = gen + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER public_generation_report_cells_insert AFTER INSERT ON report_cells
BEGIN
    UPDATE public_generation SET gen = gen + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER public_generation_report_cells_update AFTER UPDATE ON report_cells
BEGIN
    UPDATE public_generation SET gen = gen + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER public_generation_report_cells_delete AFTER DELETE ON report_cells
BEGIN
    UPDATE public_generation SET gen = gen + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER public_generation_report_summaries_insert AFTER INSERT ON report_summaries
BEGIN
    UPDATE public_generation SET gen = gen + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER public_generation_report_summaries_update AFTER UPDATE ON report_summaries
BEGIN
    UPDATE public_generation SET gen = gen + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER public_generation_report_summaries_delete AFTER DELETE ON report_summaries
BEGIN
    UPDATE public_generation SET gen = gen + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER public_generation_report_imports_insert AFTER INSERT ON report_imports
BEGIN
    UPDATE public_generation SET gen = gen + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER public_generation_report_imports_update AFTER UPDATE ON report_imports
BEGIN
    UPDATE public_generation SET gen = gen + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER public_generation_report_imports_delete AFTER DELETE ON report_imports
BEGIN
    UPDATE public_generation SET gen = gen + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER public_generation_site_identity_insert AFTER INSERT ON site_identity
BEGIN
    UPDATE public_generation SET gen = gen + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER public_generation_site_identity_update AFTER UPDATE ON site_identity
BEGIN
    UPDATE public_generation SET gen = gen + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER public_generation_site_identity_delete AFTER DELETE ON site_identity
BEGIN
    UPDATE public_generation SET gen = gen + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER public_generation_agency_docs_insert AFTER INSERT ON agency_docs
BEGIN
    UPDATE public_generation SET gen = gen + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER public_generation_agency_docs_update AFTER UPDATE ON agency_docs
BEGIN
    UPDATE public_generation SET gen = gen + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER public_generation_agency_docs_delete AFTER DELETE ON agency_docs
BEGIN
    UPDATE public_generation SET gen = gen + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER public_generation_calendar_overrides_insert AFTER INSERT ON calendar_overrides
BEGIN
    UPDATE public_generation SET gen = gen + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER public_generation_calendar_overrides_update AFTER UPDATE ON calendar_overrides
BEGIN
    UPDATE public_generation SET gen = gen + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER public_generation_calendar_overrides_delete AFTER DELETE ON calendar_overrides
BEGIN
    UPDATE public_generation SET gen = gen + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER public_generation_catalog_items_insert AFTER INSERT ON catalog_items WHEN NEW.live = 1
BEGIN
    UPDATE public_generation SET gen = gen + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER public_generation_catalog_items_update AFTER UPDATE ON catalog_items WHEN OLD.live = 1 OR NEW.live = 1
BEGIN
    UPDATE public_generation SET gen = gen + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER public_generation_catalog_items_delete AFTER DELETE ON catalog_items WHEN OLD.live = 1
BEGIN
    UPDATE public_generation SET gen = gen + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER public_generation_report_drafts_insert AFTER INSERT ON report_drafts WHEN NEW.status = 'published'
BEGIN
    UPDATE public_generation SET gen = gen + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER public_generation_report_drafts_update AFTER UPDATE ON report_drafts WHEN OLD.status = 'published' OR NEW.status = 'published'
BEGIN
    UPDATE public_generation SET gen = gen + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER public_generation_report_drafts_delete AFTER DELETE ON report_drafts WHEN OLD.status = 'published'
BEGIN
    UPDATE public_generation SET gen = gen + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER public_generation_agencies_insert;
DROP TRIGGER public_generation_agencies_update;
DROP TRIGGER public_generation_agencies_delete;
DROP TRIGGER public_generation_catalog_profiles_insert;
DROP TRIGGER public_generation_catalog_profiles_update;
DROP TRIGGER public_generation_catalog_profiles_delete;
DROP TRIGGER public_generation_catalog_columns_insert;
DROP TRIGGER public_generation_catalog_columns_update;
DROP TRIGGER public_generation_catalog_columns_delete;
DROP TRIGGER public_generation_catalog_versions_insert;
DROP TRIGGER public_generation_catalog_versions_update;
DROP TRIGGER public_generation_catalog_versions_delete;
DROP TRIGGER public_generation_catalog_posts_insert;
DROP TRIGGER public_generation_catalog_posts_update;
DROP TRIGGER public_generation_catalog_posts_delete;
DROP TRIGGER public_generation_catalog_links_insert;
DROP TRIGGER public_generation_catalog_links_update;
DROP TRIGGER public_generation_catalog_links_delete;
DROP TRIGGER public_generation_search_docs_insert;
DROP TRIGGER public_generation_search_docs_update;
DROP TRIGGER public_generation_search_docs_delete;
DROP TRIGGER public_generation_report_cells_insert;
DROP TRIGGER public_generation_report_cells_update;
DROP TRIGGER public_generation_report_cells_delete;
DROP TRIGGER public_generation_report_summaries_insert;
DROP TRIGGER public_generation_report_summaries_update;
DROP TRIGGER public_generation_report_summaries_delete;
DROP TRIGGER public_generation_report_imports_insert;
DROP TRIGGER public_generation_report_imports_update;
DROP TRIGGER public_generation_report_imports_delete;
DROP TRIGGER public_generation_site_identity_insert;
DROP TRIGGER public_generation_site_identity_update;
DROP TRIGGER public_generation_site_identity_delete;
DROP TRIGGER public_generation_agency_docs_insert;
DROP TRIGGER public_generation_agency_docs_update;
DROP TRIGGER public_generation_agency_docs_delete;
DROP TRIGGER public_generation_calendar_overrides_insert;
DROP TRIGGER public_generation_calendar_overrides_update;
DROP TRIGGER public_generation_calendar_overrides_delete;
DROP TRIGGER public_generation_catalog_items_insert;
DROP TRIGGER public_generation_catalog_items_update;
DROP TRIGGER public_generation_catalog_items_delete;
DROP TRIGGER public_generation_report_drafts_insert;
DROP TRIGGER public_generation_report_drafts_update;
DROP TRIGGER public_generation_report_drafts_delete;
DROP TABLE public_generation;
