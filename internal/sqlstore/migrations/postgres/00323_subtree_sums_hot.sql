-- +goose Up
-- Every publication updates its ancestors' rows of report_subtree_sums (the
-- province's among them), about 200 a year each: at 3,000 reports, ~100,000
-- dead row versions on PostgreSQL. The updated columns (total, n) are in no
-- index, so an update can be HOT (the new version on the same page, no index
-- entry, pruned without a vacuum) when its page has room: a fillfactor of 50
-- leaves that room, and the table is rewritten (CLUSTER) so that its existing
-- pages get it too. Autovacuum is told to visit the table after a fixed
-- number of dead rows rather than a fifth of a small table, and not to
-- sleep; report_sums_pending, inserted and emptied by every writing
-- transaction, likewise.
ALTER TABLE report_subtree_sums SET (fillfactor = 50, autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 2000,
    autovacuum_analyze_scale_factor = 0.05, autovacuum_vacuum_cost_delay = 0);
CLUSTER report_subtree_sums USING report_subtree_sums_pkey;
ALTER TABLE report_sums_pending SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 2000,
    autovacuum_vacuum_cost_delay = 0);

-- +goose Down
ALTER TABLE report_subtree_sums RESET (fillfactor, autovacuum_vacuum_scale_factor, autovacuum_vacuum_threshold,
    autovacuum_analyze_scale_factor, autovacuum_vacuum_cost_delay);
ALTER TABLE report_sums_pending RESET (autovacuum_vacuum_scale_factor, autovacuum_vacuum_threshold, autovacuum_vacuum_cost_delay);
