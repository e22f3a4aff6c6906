-- +goose Up
-- The pending deltas of the subtree sums (00320) are applied at each
-- writing transaction's commit and then deleted. The apply read the whole
-- of report_sums_pending, a sequential scan over every row deleted by the
-- earlier transactions that autovacuum had not yet removed: at 3,000
-- reports published, 600,800 dead rows read again by every publication, so
-- publishing slowed as it went (bench/province: 33 s, then 120 s a
-- thousand reports). Each row now carries its transaction, and the apply
-- and the deletes go through an index on it, so they touch only their
-- own transaction's rows.
ALTER TABLE report_sums_pending ADD COLUMN tx BIGINT NOT NULL DEFAULT txid_current();
CREATE INDEX report_sums_pending_tx ON report_sums_pending (tx);

-- +goose StatementBegin
CREATE OR REPLACE FUNCTION report_sums_apply() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO report_subtree_sums AS t (ancestor, year, cell, total, n)
    SELECT c.ancestor, p.year, p.cell, SUM(p.total), SUM(p.n)
    FROM report_sums_pending p JOIN agency_ancestors c ON c.agency = p.agency_id AND c.depth > 0
    WHERE p.tx = txid_current()
    GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (ancestor, year, cell) DO UPDATE SET total = t.total + excluded.total, n = t.n + excluded.n;
    DELETE FROM report_sums_pending WHERE tx = txid_current();
    DELETE FROM report_sums_flush WHERE tx = txid_current();
END;
$$;
-- +goose StatementEnd

-- +goose Down
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION report_sums_apply() RETURNS void LANGUAGE plpgsql AS $$
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
DROP INDEX report_sums_pending_tx;
ALTER TABLE report_sums_pending DROP COLUMN tx;
