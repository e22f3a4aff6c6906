package main

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// loadSQL is the bench-only shortcut that fills the requests table: it
// inserts the rows the request service would have left behind for n
// requests of each (agency, year), generated in the database with
// generate_series instead of going through registration, the workflow and
// the reply one request at a time (hours for 10 M requests on two cores).
// The rows are valid as the compiler reads them (casework.CaseRows): a
// tracking number unique per agency, a receipt date in the year, one of
// the six applicant types, and either a closed request with one of the
// outcomes (report rows) and its end date — 20 to 45 days later, so the
// requests of late December are carried into the next year — or, for 2 in
// 100 requests of the last year, a request still open. No events,
// letters, personal data or attachments are written: nothing the compiler
// or the overview reads.
const loadSQL = `
INSERT INTO requests (agency_id, tracking, origin, received_on, applicant_type, state, due_on, outcome, ended_on, created_at, updated_at)
SELECT p.agency_id,
       p.year || '-' || lpad(g::text, 6, '0'),
       'staff',
       to_char(r.d, 'YYYY-MM-DD'),
       (ARRAY['natural_person','natural_person','natural_person','natural_person','natural_person','natural_person',
              'commercial','research','social_welfare','legal_service','other_org'])[1 + (g * 7 + p.agency_id) % 11],
       CASE WHEN o.open THEN 'in_progress' ELSE 'closed' END,
       to_char(r.d + 20, 'YYYY-MM-DD'),
       CASE WHEN o.open THEN '' ELSE (ARRAY['granted','granted','granted','granted','partially_granted','partially_granted',
              'withheld_state_secret','withheld_third_party','withheld_internal_affairs','withheld_process_info',
              'unavailable_not_held','unavailable_not_held','unavailable_needs_creation','unavailable_unclear',
              'rejected_petition','rejected_duplicate','rejected_publication','other_no_correction','other_fee_unpaid',
              'other_other'])[1 + (g * 13 + p.agency_id) % 20] END,
       CASE WHEN o.open THEN NULL ELSE to_char(r.d + 20 + (g * 31 % 26), 'YYYY-MM-DD') END,
       (r.d + time '02:00') AT TIME ZONE 'UTC',
       (r.d + time '02:00') AT TIME ZONE 'UTC'
FROM unnest($1::bigint[], $2::int[], $3::int[]) AS p(agency_id, year, n)
CROSS JOIN LATERAL generate_series(1, p.n) AS g
CROSS JOIN LATERAL (SELECT make_date(p.year, 1, 1) + ((g * 7919 + p.agency_id * 31) % 365)::int AS d) AS r
CROSS JOIN LATERAL (SELECT p.year = $4 AND (g * 17 + p.agency_id) % 50 = 0 AS open) AS o`

// A load is one agency's requests of one year.
type load struct {
	agencyID int64
	year, n  int
}

// loadRequests inserts every load, batch loads a statement, each in its
// own transaction, and returns the number of rows.
func loadRequests(ctx context.Context, db *sql.DB, loads []load, lastYear, batch int, progress func(done, total int)) (int, error) {
	rows := 0
	for i := 0; i < len(loads); i += batch {
		part := loads[i:min(i+batch, len(loads))]
		ids, years, ns := make([]int64, len(part)), make([]int32, len(part)), make([]int32, len(part))
		for j, l := range part {
			ids[j], years[j], ns[j] = l.agencyID, int32(l.year), int32(l.n)
		}
		res, err := db.ExecContext(ctx, loadSQL, ids, years, ns, lastYear)
		if err != nil {
			return rows, fmt.Errorf("load requests: %w", err)
		}
		n, _ := res.RowsAffected()
		rows += int(n)
		progress(i+len(part), len(loads))
	}
	return rows, nil
}

// groupBySQL is the bare SQL over the same rows the compiler reads for a
// year (every request of the agency received by its end,
// casework.CaseRows): the counts of tables 三 and 四 by agency, applicant
// type, whether the request is new this year, and its outcome when it
// ended within the year (” when still open at the year's end, '-' when it
// ended before the year began).
const groupBySQL = `
SELECT agency_id, applicant_type, received_on >= $1 AS fresh,
       CASE WHEN ended_on < $1 THEN '-' WHEN ended_on IS NULL OR ended_on > $2 THEN '' ELSE outcome END AS result,
       count(*)
FROM requests WHERE received_on <= $2
GROUP BY 1, 2, 3, 4`

// Totals are the totals of table 三 for one agency and year.
type Totals struct{ New, Carried, Concluded, Forward int64 }

// groupBy runs groupBySQL for year and returns the totals by agency.
func groupBy(ctx context.Context, db *sql.DB, year int) (map[int64]Totals, time.Duration, error) {
	start := time.Now()
	rows, err := db.QueryContext(ctx, groupBySQL, fmt.Sprintf("%d-01-01", year), fmt.Sprintf("%d-12-31", year))
	if err != nil {
		return nil, 0, fmt.Errorf("group by: %w", err)
	}
	defer rows.Close()
	out := map[int64]Totals{}
	for rows.Next() {
		var (
			id            int64
			atype, result string
			fresh         bool
			n             int64
		)
		if err := rows.Scan(&id, &atype, &fresh, &result, &n); err != nil {
			return nil, 0, err
		}
		if result == "-" {
			continue
		}
		t := out[id]
		if fresh {
			t.New += n
		} else {
			t.Carried += n
		}
		if result == "" {
			t.Forward += n
		} else {
			t.Concluded += n
		}
		out[id] = t
	}
	return out, time.Since(start), rows.Err()
}
