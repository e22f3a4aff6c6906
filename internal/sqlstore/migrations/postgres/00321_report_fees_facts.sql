-- +goose Up
-- Table 二's fees cell (万元, a decimal) joins the stored facts (#13): it is
-- kept in report_cells as a whole number of millionths of 万元 (分, so that
-- SQL sums it exactly; report.DecScale). The stored summaries are dropped so
-- that the next overview stores every published report's facts again, fees
-- included (annual.Service.backfill, once per report, as after 00290); the
-- old cells stay until then, so the sums stay right meanwhile.
DELETE FROM report_summaries;

-- +goose Down
SELECT 1;
