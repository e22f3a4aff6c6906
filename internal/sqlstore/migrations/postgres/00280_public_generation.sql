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
-- On PostgreSQL the bump is a deferred constraint trigger, so that the
-- one row is locked only while the transaction commits (never while it
-- holds other locks: no deadlock between two publishers), and it is
-- queued once per transaction: public_generation_mark() is true only the
-- first time a transaction asks (a transaction-local setting remembers
-- it), so an import of 50,000 items bumps the generation once.

CREATE TABLE public_generation (
    id  INTEGER PRIMARY KEY CHECK (id = 1),
    gen BIGINT NOT NULL
);
INSERT INTO public_generation (id, gen) VALUES (1, 1);

-- +goose StatementBegin
CREATE FUNCTION public_generation_mark() RETURNS boolean LANGUAGE plpgsql VOLATILE AS $$
BEGIN
    IF current_setting('gongkai.public_generation', true) IS NOT DISTINCT FROM txid_current()::text THEN
        RETURN false;
    END IF;
    PERFORM set_config('gongkai.public_generation', txid_current()::text, true);
    RETURN true;
END
$$;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE FUNCTION public_generation_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE public_generation SET gen = gen + 1 WHERE id = 1;
    RETURN NULL;
END
$$;
-- +goose StatementEnd
CREATE CONSTRAINT TRIGGER public_generation_agencies_insert AFTER INSERT ON agencies DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW WHEN (public_generation_mark()) EXECUTE FUNCTION public_generation_bump();
CREATE CONSTRAINT TRIGGER public_generation_agencies_update AFTER UPDATE ON agencies DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW WHEN (public_generation_mark()) EXECUTE FUNCTION public_generation_bump();
CREATE CONSTRAINT TRIGGER public_generation_agencies_delete AFTER DELETE ON agencies DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW WHEN (public_generation_mark()) EXECUTE FUNCTION public_generation_bump();
CREATE CONSTRAINT TRIGGER public_generation_catalog_profiles_insert AFTER INSERT ON catalog_profiles DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW WHEN (public_generation_mark()) EXECUTE FUNCTION public_generation_bump();
CREATE CONSTRAINT TRIGGER public_generation_catalog_profiles_update AFTER UPDATE ON catalog_profiles DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW WHEN (public_generation_mark()) EXECUTE FUNCTION public_generation_bump();
CREATE CONSTRAINT TRIGGER public_generation_catalog_profiles_delete AFTER DELETE ON catalog_profiles DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW WHEN (public_generation_mark()) EXECUTE FUNCTION public_generation_bump();
CREATE CONSTRAINT TRIGGER public_generation_catalog_columns_insert AFTER INSERT ON catalog_columns DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW WHEN (public_generation_mark()) EXECUTE FUNCTION public_generation_bump();
CREATE CONSTRAINT TRIGGER public_generation_catalog_columns_update AFTER UPDATE ON catalog_columns DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW WHEN (public_generation_mark()) EXECUTE FUNCTION public_generation_bump();
CREATE CONSTRAINT TRIGGER public_generation_catalog_columns_delete AFTER DELETE ON catalog_columns DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW WHEN (public_generation_mark()) EXECUTE FUNCTION public_generation_bump();
CREATE CONSTRAINT TRIGGER public_generation_catalog_versions_insert AFTER INSERT ON catalog_versions DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW WHEN (public_generation_mark()) EXECUTE FUNCTION public_generation_bump();
CREATE CONSTRAINT TRIGGER public_generation_catalog_versions_update AFTER UPDATE ON catalog_versions DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW WHEN (public_generation_mark()) EXECUTE FUNCTION public_generation_bump();
CREATE CONSTRAINT TRIGGER public_generation_catalog_versions_delete AFTER DELETE ON catalog_versions DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW WHEN (public_generation_mark()) EXECUTE FUNCTION public_generation_bump();
CREATE CONSTRAINT TRIGGER public_generation_catalog_posts_insert AFTER INSERT ON catalog_posts DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW WHEN (public_generation_mark()) EXECUTE FUNCTION public_generation_bump();
CREATE CONSTRAINT TRIGGER public_generation_catalog_posts_update AFTER UPDATE ON catalog_posts DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW WHEN (public_generation_mark()) EXECUTE FUNCTION public_generation_bump();
CREATE CONSTRAINT TRIGGER public_generation_catalog_posts_delete AFTER DELETE ON catalog_posts DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW WHEN (public_generation_mark()) EXECUTE FUNCTION public_generation_bump();
CREATE CONSTRAINT TRIGGER public_generation_catalog_links_insert AFTER INSERT ON catalog_links DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW WHEN (public_generation_mark()) EXECUTE FUNCTION public_generation_bump();
CREATE CONSTRAINT TRIGGER public_generation_catalog_links_update AFTER UPDATE ON catalog_links DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW WHEN (public_generation_mark()) EXECUTE FUNCTION public_generation_bump();
CREATE CONSTRAINT TRIGGER public_generation_catalog_links_delete AFTER DELETE ON catalog_links DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW WHEN (public_generation_mark()) EXECUTE FUNCTION public_generation_bump();
CREATE CONSTRAINT TRIGGER public_generation_search_docs_insert AFTER INSERT ON search_docs DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW WHEN (public_generation_mark()) EXECUTE FUNCTION public_generation_bump();
CREATE CONSTRAINT TRIGGER public_generation_search_docs_update AFTER UPDATE ON search_docs DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW WHEN (public_generation_mark()) EXECUTE FUNCTION public_generation_bump();
CREATE CONSTRAINT TRIGGER public_generation_search_docs_delete AFTER DELETE ON search_docs DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW WHEN (public_generation_mark()) EXECUTE FUNCTION public_generation_bump();
CREATE CONSTRAINT TRIGGER public_generation_report_cells_insert AFTER INSERT ON report_cells DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW WHEN (public_generation_mark()) EXECUTE FUNCTION public_generation_bump();
CREATE CONSTRAINT TRIGGER public_generation_report_cells_update AFTER UPDATE ON report_cells DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW WHEN (public_generation_mark()) EXECUTE FUNCTION public_generation_bump();
CREATE CONSTRAINT TRIGGER public_generation_report_cells_delete AFTER DELETE ON report_cells DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW WHEN (public_generation_mark()) EXECUTE FUNCTION public_generation_bump();
CREATE CONSTRAINT TRIGGER public_generation_report_summaries_insert AFTER INSERT ON report_summaries DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW WHEN (public_generation_mark()) EXECUTE FUNCTION public_generation_bump();
CREATE CONSTRAINT TRIGGER public_generation_report_summaries_update AFTER UPDATE ON report_summaries DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW WHEN (public_generation_mark()) EXECUTE FUNCTION public_generation_bump();
CREATE CONSTRAINT TRIGGER public_generation_report_summaries_delete AFTER DELETE ON report_summaries DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW WHEN (public_generation_mark()) EXECUTE FUNCTION public_generation_bump();
CREATE CONSTRAINT TRIGGER public_generation_report_imports_insert AFTER INSERT ON report_imports DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW WHEN (public_generation_mark()) EXECUTE FUNCTION public_generation_bump();
CREATE CONSTRAINT TRIGGER public_generation_report_imports_update AFTER UPDATE ON report_imports DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW WHEN (public_generation_mark()) EXECUTE FUNCTION public_generation_bump();
CREATE CONSTRAINT TRIGGER public_generation_report_imports_delete AFTER DELETE ON report_imports DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW WHEN (public_generation_mark()) EXECUTE FUNCTION public_generation_bump();
CREATE CONSTRAINT TRIGGER public_generation_site_identity_insert AFTER INSERT ON site_identity DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW WHEN (public_generation_mark()) EXECUTE FUNCTION public_generation_bump();
CREATE CONSTRAINT TRIGGER public_generation_site_identity_update AFTER UPDATE ON site_identity DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW WHEN (public_generation_mark()) EXECUTE FUNCTION public_generation_bump();
CREATE CONSTRAINT TRIGGER public_generation_site_identity_delete AFTER DELETE ON site_identity DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW WHEN (public_generation_mark()) EXECUTE FUNCTION public_generation_bump();
CREATE CONSTRAINT TRIGGER public_generation_agency_docs_insert AFTER INSERT ON agency_docs DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW WHEN (public_generation_mark()) EXECUTE FUNCTION public_generation_bump();
CREATE CONSTRAINT TRIGGER public_generation_agency_docs_update AFTER UPDATE ON agency_docs DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW WHEN (public_generation_mark()) EXECUTE FUNCTION public_generation_bump();
CREATE CONSTRAINT TRIGGER public_generation_agency_docs_delete AFTER DELETE ON agency_docs DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW WHEN (public_generation_mark()) EXECUTE FUNCTION public_generation_bump();
CREATE CONSTRAINT TRIGGER public_generation_calendar_overrides_insert AFTER INSERT ON calendar_overrides DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW WHEN (public_generation_mark()) EXECUTE FUNCTION public_generation_bump();
CREATE CONSTRAINT TRIGGER public_generation_calendar_overrides_update AFTER UPDATE ON calendar_overrides DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW WHEN (public_generation_mark()) EXECUTE FUNCTION public_generation_bump();
CREATE CONSTRAINT TRIGGER public_generation_calendar_overrides_delete AFTER DELETE ON calendar_overrides DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW WHEN (public_generation_mark()) EXECUTE FUNCTION public_generation_bump();
CREATE CONSTRAINT TRIGGER public_generation_catalog_items_insert AFTER INSERT ON catalog_items DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW WHEN (CASE WHEN NEW.live = 1 THEN public_generation_mark() ELSE false END) EXECUTE FUNCTION public_generation_bump();
CREATE CONSTRAINT TRIGGER public_generation_catalog_items_update AFTER UPDATE ON catalog_items DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW WHEN (CASE WHEN OLD.live = 1 OR NEW.live = 1 THEN public_generation_mark() ELSE false END) EXECUTE FUNCTION public_generation_bump();
CREATE CONSTRAINT TRIGGER public_generation_catalog_items_delete AFTER DELETE ON catalog_items DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW WHEN (CASE WHEN OLD.live = 1 THEN public_generation_mark() ELSE false END) EXECUTE FUNCTION public_generation_bump();
CREATE CONSTRAINT TRIGGER public_generation_report_drafts_insert AFTER INSERT ON report_drafts DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW WHEN (CASE WHEN NEW.status = 'published' THEN public_generation_mark() ELSE false END) EXECUTE FUNCTION public_generation_bump();
CREATE CONSTRAINT TRIGGER public_generation_report_drafts_update AFTER UPDATE ON report_drafts DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW WHEN (CASE WHEN OLD.status = 'published' OR NEW.status = 'published' THEN public_generation_mark() ELSE false END) EXECUTE FUNCTION public_generation_bump();
CREATE CONSTRAINT TRIGGER public_generation_report_drafts_delete AFTER DELETE ON report_drafts DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW WHEN (CASE WHEN OLD.status = 'published' THEN public_generation_mark() ELSE false END) EXECUTE FUNCTION public_generation_bump();

-- +goose Down
DROP TRIGGER public_generation_agencies_insert ON agencies;
DROP TRIGGER public_generation_agencies_update ON agencies;
DROP TRIGGER public_generation_agencies_delete ON agencies;
DROP TRIGGER public_generation_catalog_profiles_insert ON catalog_profiles;
DROP TRIGGER public_generation_catalog_profiles_update ON catalog_profiles;
DROP TRIGGER public_generation_catalog_profiles_delete ON catalog_profiles;
DROP TRIGGER public_generation_catalog_columns_insert ON catalog_columns;
DROP TRIGGER public_generation_catalog_columns_update ON catalog_columns;
DROP TRIGGER public_generation_catalog_columns_delete ON catalog_columns;
DROP TRIGGER public_generation_catalog_versions_insert ON catalog_versions;
DROP TRIGGER public_generation_catalog_versions_update ON catalog_versions;
DROP TRIGGER public_generation_catalog_versions_delete ON catalog_versions;
DROP TRIGGER public_generation_catalog_posts_insert ON catalog_posts;
DROP TRIGGER public_generation_catalog_posts_update ON catalog_posts;
DROP TRIGGER public_generation_catalog_posts_delete ON catalog_posts;
DROP TRIGGER public_generation_catalog_links_insert ON catalog_links;
DROP TRIGGER public_generation_catalog_links_update ON catalog_links;
DROP TRIGGER public_generation_catalog_links_delete ON catalog_links;
DROP TRIGGER public_generation_search_docs_insert ON search_docs;
DROP TRIGGER public_generation_search_docs_update ON search_docs;
DROP TRIGGER public_generation_search_docs_delete ON search_docs;
DROP TRIGGER public_generation_report_cells_insert ON report_cells;
DROP TRIGGER public_generation_report_cells_update ON report_cells;
DROP TRIGGER public_generation_report_cells_delete ON report_cells;
DROP TRIGGER public_generation_report_summaries_insert ON report_summaries;
DROP TRIGGER public_generation_report_summaries_update ON report_summaries;
DROP TRIGGER public_generation_report_summaries_delete ON report_summaries;
DROP TRIGGER public_generation_report_imports_insert ON report_imports;
DROP TRIGGER public_generation_report_imports_update ON report_imports;
DROP TRIGGER public_generation_report_imports_delete ON report_imports;
DROP TRIGGER public_generation_site_identity_insert ON site_identity;
DROP TRIGGER public_generation_site_identity_update ON site_identity;
DROP TRIGGER public_generation_site_identity_delete ON site_identity;
DROP TRIGGER public_generation_agency_docs_insert ON agency_docs;
DROP TRIGGER public_generation_agency_docs_update ON agency_docs;
DROP TRIGGER public_generation_agency_docs_delete ON agency_docs;
DROP TRIGGER public_generation_calendar_overrides_insert ON calendar_overrides;
DROP TRIGGER public_generation_calendar_overrides_update ON calendar_overrides;
DROP TRIGGER public_generation_calendar_overrides_delete ON calendar_overrides;
DROP TRIGGER public_generation_catalog_items_insert ON catalog_items;
DROP TRIGGER public_generation_catalog_items_update ON catalog_items;
DROP TRIGGER public_generation_catalog_items_delete ON catalog_items;
DROP TRIGGER public_generation_report_drafts_insert ON report_drafts;
DROP TRIGGER public_generation_report_drafts_update ON report_drafts;
DROP TRIGGER public_generation_report_drafts_delete ON report_drafts;
DROP FUNCTION public_generation_bump();
DROP FUNCTION public_generation_mark();
DROP TABLE public_generation;
