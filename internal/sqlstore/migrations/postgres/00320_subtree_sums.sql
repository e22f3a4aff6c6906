-- +goose Up
-- The supervisor overview at the scale of a province (#13). Two tables kept
-- up to date by triggers, so that every path that writes agencies or
-- report_cells (publication, import, correction, the overview's backfill, a
-- bulk load or COPY) keeps them right in its own transaction:
--
-- agency_ancestors is the closure of the hierarchy: one row per agency and
-- each of its ancestors, itself included at depth 0. A subtree is one index
-- range (ancestor = ?), never a recursive query or a list of ids.
--
-- report_subtree_sums holds, per agency, year and cell, the sum of the cell
-- over the reports of the agencies below it (its own report left out: it is
-- one row away in report_cells) and how many of them have it (n = 0: none
-- has, the cell is absent, never 0). The overview of a subtree reads about
-- 250 rows instead of summing 250 cells per agency.
CREATE TABLE agency_ancestors (
    ancestor BIGINT NOT NULL REFERENCES agencies (id) ON DELETE CASCADE,
    agency   BIGINT NOT NULL REFERENCES agencies (id) ON DELETE CASCADE,
    depth    INTEGER NOT NULL CHECK (depth >= 0),
    PRIMARY KEY (ancestor, agency)
);
CREATE INDEX agency_ancestors_agency ON agency_ancestors (agency, ancestor, depth);

INSERT INTO agency_ancestors (ancestor, agency, depth)
WITH RECURSIVE up (agency, ancestor, depth) AS (
    SELECT id, id, 0 FROM agencies
    UNION ALL
    SELECT up.agency, a.parent_id, up.depth + 1 FROM up JOIN agencies a ON a.id = up.ancestor
    WHERE a.parent_id IS NOT NULL
) SELECT ancestor, agency, depth FROM up;

-- Derived data, written only by the triggers below: no foreign key, whose
-- check per row would cost more than the upsert itself.
CREATE TABLE report_subtree_sums (
    ancestor BIGINT NOT NULL,
    year     INTEGER NOT NULL,
    cell     TEXT NOT NULL,
    total    BIGINT NOT NULL,
    n        INTEGER NOT NULL, -- no CHECK: an upsert's proposed row holds a negative delta
    PRIMARY KEY (ancestor, year, cell)
);

INSERT INTO report_subtree_sums (ancestor, year, cell, total, n)
SELECT c.ancestor, r.year, r.cell, SUM(r.value), COUNT(*)
FROM report_cells r JOIN agency_ancestors c ON c.agency = r.agency_id
WHERE r.value IS NOT NULL AND c.depth > 0 GROUP BY c.ancestor, r.year, r.cell;

-- The overview lists the cells each report leaves empty: an index of those
-- alone, so that listing them reads the absences, not every cell.
CREATE INDEX report_cells_absent ON report_cells (year, agency_id, cell) WHERE value IS NULL;

-- +goose StatementBegin
CREATE FUNCTION agencies_closure_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO agency_ancestors (ancestor, agency, depth)
    SELECT NEW.id, NEW.id, 0
    UNION ALL
    SELECT ancestor, NEW.id, depth + 1 FROM agency_ancestors WHERE agency = NEW.parent_id;
    RETURN NULL;
END;
$$;
-- +goose StatementEnd

-- Changes to report_cells reach the sums at commit, once per transaction:
-- updating the same sums rows once per statement would leave, in a long
-- transaction (an import of thousands of reports), a chain of row versions
-- that each later update walks again. Each statement appends its changes
-- per agency to report_sums_pending (one statement-level trigger per event:
-- a transition table serves one event) and marks its transaction in
-- report_sums_flush; the deferred trigger on that mark adds the pending
-- changes to every ancestor's sums in key order (concurrent transactions
-- lock the rows in one order) and empties both tables. The closure is read
-- at commit, so a move in the same transaction is taken into account.
CREATE TABLE report_sums_pending (
    agency_id BIGINT NOT NULL,
    year      INTEGER NOT NULL,
    cell      TEXT NOT NULL,
    total     BIGINT NOT NULL,
    n         INTEGER NOT NULL
);
CREATE TABLE report_sums_flush (tx BIGINT PRIMARY KEY);

-- +goose StatementBegin
CREATE FUNCTION report_cells_pending() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO report_sums_pending (agency_id, year, cell, total, n)
        SELECT agency_id, year, cell, value, 1 FROM new_rows WHERE value IS NOT NULL;
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO report_sums_pending (agency_id, year, cell, total, n)
        SELECT agency_id, year, cell, -value, -1 FROM old_rows WHERE value IS NOT NULL;
    ELSE
        INSERT INTO report_sums_pending (agency_id, year, cell, total, n)
        SELECT agency_id, year, cell, value, 1 FROM new_rows WHERE value IS NOT NULL
        UNION ALL
        SELECT agency_id, year, cell, -value, -1 FROM old_rows WHERE value IS NOT NULL;
    END IF;
    INSERT INTO report_sums_flush (tx) VALUES (txid_current()) ON CONFLICT DO NOTHING;
    RETURN NULL;
END;
$$;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE FUNCTION report_sums_apply() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO report_subtree_sums AS t (ancestor, year, cell, total, n)
    SELECT c.ancestor, p.year, p.cell, SUM(p.total), SUM(p.n)
    FROM report_sums_pending p JOIN agency_ancestors c ON c.agency = p.agency_id AND c.depth > 0
    GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (ancestor, year, cell) DO UPDATE SET total = t.total + excluded.total, n = t.n + excluded.n;
    DELETE FROM report_sums_pending;
    DELETE FROM report_sums_flush;
END;
$$;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE FUNCTION report_sums_flush() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM report_sums_apply();
    RETURN NULL;
END;
$$;
-- +goose StatementEnd

-- A move: the changes pending in the transaction are applied first; then
-- the subtree's sums (its root's sums and own cells) leave its old
-- ancestors, its closure rows above it are replaced, and its sums join its
-- new ancestors.
-- +goose StatementBegin
CREATE FUNCTION agencies_closure_move() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.parent_id IS NOT NULL AND EXISTS (SELECT 1 FROM agency_ancestors WHERE ancestor = NEW.id AND agency = NEW.parent_id) THEN
        RAISE EXCEPTION 'agencies: the new parent is inside the agency''s own subtree';
    END IF;
    PERFORM report_sums_apply();
    INSERT INTO report_subtree_sums AS t (ancestor, year, cell, total, n)
    SELECT c.ancestor, m.year, m.cell, -m.total, -m.n FROM agency_ancestors c, (
        SELECT year, cell, SUM(total) AS total, SUM(n) AS n FROM (
            SELECT year, cell, total, n FROM report_subtree_sums WHERE ancestor = NEW.id
            UNION ALL
            SELECT year, cell, value, 1 FROM report_cells WHERE agency_id = NEW.id AND value IS NOT NULL
        ) u GROUP BY year, cell
    ) m
    WHERE c.agency = NEW.id AND c.depth > 0 ORDER BY 1, 2, 3
    ON CONFLICT (ancestor, year, cell) DO UPDATE SET total = t.total + excluded.total, n = t.n + excluded.n;
    DELETE FROM agency_ancestors
    WHERE agency IN (SELECT agency FROM agency_ancestors WHERE ancestor = NEW.id)
      AND ancestor NOT IN (SELECT agency FROM agency_ancestors WHERE ancestor = NEW.id);
    INSERT INTO agency_ancestors (ancestor, agency, depth)
    SELECT p.ancestor, d.agency, p.depth + d.depth + 1 FROM agency_ancestors p, agency_ancestors d
    WHERE p.agency = NEW.parent_id AND d.ancestor = NEW.id;
    INSERT INTO report_subtree_sums AS t (ancestor, year, cell, total, n)
    SELECT c.ancestor, m.year, m.cell, m.total, m.n FROM agency_ancestors c, (
        SELECT year, cell, SUM(total) AS total, SUM(n) AS n FROM (
            SELECT year, cell, total, n FROM report_subtree_sums WHERE ancestor = NEW.id
            UNION ALL
            SELECT year, cell, value, 1 FROM report_cells WHERE agency_id = NEW.id AND value IS NOT NULL
        ) u GROUP BY year, cell
    ) m
    WHERE c.agency = NEW.id AND c.depth > 0 ORDER BY 1, 2, 3
    ON CONFLICT (ancestor, year, cell) DO UPDATE SET total = t.total + excluded.total, n = t.n + excluded.n;
    RETURN NULL;
END;
$$;
-- +goose StatementEnd

CREATE TRIGGER agencies_closure_insert AFTER INSERT ON agencies
    FOR EACH ROW EXECUTE FUNCTION agencies_closure_insert();
CREATE TRIGGER agencies_closure_move AFTER UPDATE OF parent_id ON agencies
    FOR EACH ROW WHEN (OLD.parent_id IS DISTINCT FROM NEW.parent_id) EXECUTE FUNCTION agencies_closure_move();
CREATE TRIGGER report_cells_sum_insert AFTER INSERT ON report_cells
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_cells_pending();
CREATE TRIGGER report_cells_sum_delete AFTER DELETE ON report_cells
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION report_cells_pending();
CREATE TRIGGER report_cells_sum_update AFTER UPDATE ON report_cells
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_cells_pending();
CREATE CONSTRAINT TRIGGER report_sums_flush AFTER INSERT ON report_sums_flush
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION report_sums_flush();

-- +goose Down
DROP TRIGGER report_sums_flush ON report_sums_flush;
DROP TRIGGER report_cells_sum_update ON report_cells;
DROP TRIGGER report_cells_sum_delete ON report_cells;
DROP TRIGGER report_cells_sum_insert ON report_cells;
DROP TRIGGER agencies_closure_move ON agencies;
DROP TRIGGER agencies_closure_insert ON agencies;
DROP FUNCTION report_sums_flush();
DROP FUNCTION report_sums_apply();
DROP FUNCTION report_cells_pending();
DROP TABLE report_sums_flush;
DROP TABLE report_sums_pending;
DROP FUNCTION agencies_closure_move();
DROP FUNCTION agencies_closure_insert();
DROP INDEX report_cells_absent;
DROP TABLE report_subtree_sums;
DROP TABLE agency_ancestors;
