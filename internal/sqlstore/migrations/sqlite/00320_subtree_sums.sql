-- +goose Up
-- The supervisor overview at the scale of a province (#13). Two tables kept
-- up to date by triggers, so that every path that writes agencies or
-- report_cells (publication, import, correction, the overview's backfill, a
-- bulk load) keeps them right in its own transaction:
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
    ancestor INTEGER NOT NULL REFERENCES agencies (id) ON DELETE CASCADE,
    agency   INTEGER NOT NULL REFERENCES agencies (id) ON DELETE CASCADE,
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
    ancestor INTEGER NOT NULL,
    year     INTEGER NOT NULL,
    cell     TEXT NOT NULL,
    total    INTEGER NOT NULL,
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
CREATE TRIGGER agencies_closure_insert AFTER INSERT ON agencies
BEGIN
    INSERT INTO agency_ancestors (ancestor, agency, depth)
    SELECT NEW.id, NEW.id, 0
    UNION ALL
    SELECT ancestor, NEW.id, depth + 1 FROM agency_ancestors WHERE agency = NEW.parent_id;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER agencies_closure_cycle BEFORE UPDATE OF parent_id ON agencies
WHEN NEW.parent_id IS NOT NULL AND EXISTS (SELECT 1 FROM agency_ancestors WHERE ancestor = NEW.id AND agency = NEW.parent_id)
BEGIN
    SELECT RAISE(ABORT, 'agencies: the new parent is inside the agency''s own subtree');
END;
-- +goose StatementEnd

-- A move: the subtree's sums (its root's sums and own cells) leave its old
-- ancestors, its closure rows above it are replaced, and its sums join its
-- new ancestors.
-- +goose StatementBegin
CREATE TRIGGER agencies_closure_move AFTER UPDATE OF parent_id ON agencies
WHEN OLD.parent_id IS NOT NEW.parent_id
BEGIN
    INSERT INTO report_subtree_sums (ancestor, year, cell, total, n)
    SELECT c.ancestor, m.year, m.cell, -m.total, -m.n FROM agency_ancestors c, (
        SELECT year, cell, SUM(total) AS total, SUM(n) AS n FROM (
            SELECT year, cell, total, n FROM report_subtree_sums WHERE ancestor = NEW.id
            UNION ALL
            SELECT year, cell, value, 1 FROM report_cells WHERE agency_id = NEW.id AND value IS NOT NULL
        ) GROUP BY year, cell
    ) m
    WHERE c.agency = NEW.id AND c.depth > 0
    ON CONFLICT (ancestor, year, cell) DO UPDATE SET total = total + excluded.total, n = n + excluded.n;
    DELETE FROM agency_ancestors
    WHERE agency IN (SELECT agency FROM agency_ancestors WHERE ancestor = NEW.id)
      AND ancestor NOT IN (SELECT agency FROM agency_ancestors WHERE ancestor = NEW.id);
    INSERT INTO agency_ancestors (ancestor, agency, depth)
    SELECT p.ancestor, d.agency, p.depth + d.depth + 1 FROM agency_ancestors p, agency_ancestors d
    WHERE p.agency = NEW.parent_id AND d.ancestor = NEW.id;
    INSERT INTO report_subtree_sums (ancestor, year, cell, total, n)
    SELECT c.ancestor, m.year, m.cell, m.total, m.n FROM agency_ancestors c, (
        SELECT year, cell, SUM(total) AS total, SUM(n) AS n FROM (
            SELECT year, cell, total, n FROM report_subtree_sums WHERE ancestor = NEW.id
            UNION ALL
            SELECT year, cell, value, 1 FROM report_cells WHERE agency_id = NEW.id AND value IS NOT NULL
        ) GROUP BY year, cell
    ) m
    WHERE c.agency = NEW.id AND c.depth > 0
    ON CONFLICT (ancestor, year, cell) DO UPDATE SET total = total + excluded.total, n = n + excluded.n;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER report_cells_sum_insert AFTER INSERT ON report_cells
WHEN NEW.value IS NOT NULL
BEGIN
    INSERT INTO report_subtree_sums (ancestor, year, cell, total, n)
    SELECT ancestor, NEW.year, NEW.cell, NEW.value, 1 FROM agency_ancestors WHERE agency = NEW.agency_id AND depth > 0
    ON CONFLICT (ancestor, year, cell) DO UPDATE SET total = total + excluded.total, n = n + excluded.n;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER report_cells_sum_delete AFTER DELETE ON report_cells
WHEN OLD.value IS NOT NULL
BEGIN
    INSERT INTO report_subtree_sums (ancestor, year, cell, total, n)
    SELECT ancestor, OLD.year, OLD.cell, -OLD.value, -1 FROM agency_ancestors WHERE agency = OLD.agency_id AND depth > 0
    ON CONFLICT (ancestor, year, cell) DO UPDATE SET total = total + excluded.total, n = n + excluded.n;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER report_cells_sum_update AFTER UPDATE ON report_cells
BEGIN
    INSERT INTO report_subtree_sums (ancestor, year, cell, total, n)
    SELECT ancestor, OLD.year, OLD.cell, -OLD.value, -1 FROM agency_ancestors
    WHERE agency = OLD.agency_id AND depth > 0 AND OLD.value IS NOT NULL
    ON CONFLICT (ancestor, year, cell) DO UPDATE SET total = total + excluded.total, n = n + excluded.n;
    INSERT INTO report_subtree_sums (ancestor, year, cell, total, n)
    SELECT ancestor, NEW.year, NEW.cell, NEW.value, 1 FROM agency_ancestors
    WHERE agency = NEW.agency_id AND depth > 0 AND NEW.value IS NOT NULL
    ON CONFLICT (ancestor, year, cell) DO UPDATE SET total = total + excluded.total, n = n + excluded.n;
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER report_cells_sum_update;
DROP TRIGGER report_cells_sum_delete;
DROP TRIGGER report_cells_sum_insert;
DROP TRIGGER agencies_closure_move;
DROP TRIGGER agencies_closure_cycle;
DROP TRIGGER agencies_closure_insert;
DROP INDEX report_cells_absent;
DROP TABLE report_subtree_sums;
DROP TABLE agency_ancestors;
