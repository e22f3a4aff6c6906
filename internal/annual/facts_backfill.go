package annual

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/report"
)

// A FactsKey names a published report: its agency and year.
type FactsKey struct {
	Year     int
	AgencyID int64
}

// FactsStore finds the published reports whose facts (cells, findings
// counts, rules) are not stored and stores them; sqlstore implements it.
type FactsStore interface {
	// PendingFacts lists the published reports without stored facts after
	// key, in (year, agency) order, at most limit.
	PendingFacts(ctx context.Context, after FactsKey, limit int) ([]FactsKey, error)
	// CountPendingFacts counts them all.
	CountPendingFacts(ctx context.Context) (int, error)
	// ClaimReportFacts stores f unless the report's facts are stored
	// already (then false): concurrent backfills never collide.
	ClaimReportFacts(ctx context.Context, f Facts) (bool, error)
	// ClaimReportsFacts is ClaimReportFacts of many reports in one
	// transaction, written a few rows a statement; it returns how many
	// it stored.
	ClaimReportsFacts(ctx context.Context, fs []Facts) (int, error)
}

// DefaultInlineBackfill is how many reports without stored facts an
// overview of a scope computes itself (Service.InlineBackfill), as it meets them (a few published by an
// older version, a county after an upgrade). With more, the overview is
// refused until the backfill has run (BackfillFacts: `gongkai migrate`, or
// the pass at `gongkai serve` start), rather than summing without them.
const DefaultInlineBackfill = 100

// BackfillBatch is how many reports one transaction of BackfillFacts
// stores.
const BackfillBatch = 200

// BackfillProgress is what BackfillFacts reports after each batch: the
// reports done (stored, or found stored by another process), the ones
// that failed to decode (left without facts), and how many were pending
// at the start.
type BackfillProgress struct {
	Done, Failed, Total int
	Elapsed             time.Duration
}

// BackfillFacts stores the facts of every published report that has none
// — after migrations 00290 and 00321 emptied them, every report — batch
// reports (BackfillBatch when 0) a transaction, calling progress (if not
// nil) after each. It is idempotent and resumable: a report's facts are
// stored with its summary row, in one transaction per batch, so a run cut
// off (kill -9) leaves each report either done or pending, and the next
// run does the rest. The batch's facts are written a few rows a statement
// (ClaimReportsFacts). A report whose snapshot cannot be decoded is counted
// in Failed and skipped. Until a report is done its old cells stay in the
// sums, and an overview of a scope with more than DefaultInlineBackfill such
// reports is refused (annual.facts_pending), never summed without them.
func BackfillFacts(ctx context.Context, st Store, ag Agencies, batch int, progress func(BackfillProgress)) (BackfillProgress, error) {
	if batch <= 0 {
		batch = BackfillBatch
	}
	start := time.Now()
	var p BackfillProgress
	var err error
	if p.Total, err = st.CountPendingFacts(ctx); err != nil || p.Total == 0 {
		return p, err
	}
	var after FactsKey
	for {
		keys, err := st.PendingFacts(ctx, after, batch)
		if err != nil || len(keys) == 0 {
			return p, err
		}
		after = keys[len(keys)-1]
		var facts []Facts
		for _, k := range keys {
			f, err := computeFacts(ctx, st, ag, k)
			if err != nil {
				if de := (decodeError{}); errors.As(err, &de) {
					p.Failed++
					continue
				}
				return p, err
			}
			facts = append(facts, f)
		}
		if _, err := st.ClaimReportsFacts(ctx, facts); err != nil {
			return p, err
		}
		p.Done += len(facts)
		p.Elapsed = time.Since(start)
		if progress != nil {
			progress(p)
		}
	}
}

// decodeError marks a report whose snapshot cannot be decoded.
type decodeError struct{ err error }

func (e decodeError) Error() string { return e.err.Error() }
func (e decodeError) Unwrap() error { return e.err }

// computeFacts reads a published report and computes its facts, validated
// against the agency's previous year and with its kind (R8).
func computeFacts(ctx context.Context, st Store, ag Agencies, k FactsKey) (Facts, error) {
	a, err := ag.Agency(ctx, k.AgencyID)
	if err != nil {
		return Facts{}, err
	}
	rec, err := st.ReportRecord(ctx, k.AgencyID, k.Year)
	if err != nil {
		return Facts{}, err
	}
	rep, err := rec.Report()
	if err != nil {
		return Facts{}, decodeError{fmt.Errorf("annual: facts of agency %d's %d report: %w", k.AgencyID, k.Year, err)}
	}
	var prev *report.Report
	if p, err := st.ReportRecord(ctx, k.AgencyID, k.Year-1); err == nil && p.Status == Published {
		prev, _ = p.Report()
	}
	return FactsOf(k.AgencyID, k.Year, rep, report.ValidateWith(rep, prev, ValidateOptions(a))), nil
}

// BackfillFacts runs the package's BackfillFacts on the service's store.
func (s *Service) BackfillFacts(ctx context.Context, batch int, progress func(BackfillProgress)) (BackfillProgress, error) {
	return BackfillFacts(ctx, s.st, s.ag, batch, progress)
}

// backfillScope stores the facts of the reports of an overview's scope
// published without them (StatusRow.HasFacts false), when there are at
// most s.InlineBackfill (DefaultInlineBackfill when 0); with more it refuses (annual.facts_pending, a 503)
// so that no sum is shown without them. It returns the rows with their
// findings counts filled in.
func (s *Service) backfillScope(ctx context.Context, sts []StatusRow, year int) error {
	var pending []int
	for i, st := range sts {
		if st.Status == Published && !st.HasFacts && !st.Agency.NoReport {
			pending = append(pending, i)
		}
	}
	if len(pending) == 0 {
		return nil
	}
	ids := make([]int64, len(pending))
	for j, i := range pending {
		ids[j] = sts[i].Agency.ID
	}
	got, err := s.backfillAgencies(ctx, ids, year)
	if err != nil {
		return err
	}
	for j, i := range pending {
		sts[i].HasFacts, sts[i].Errors, sts[i].Warnings = true, got[j].Errors, got[j].Warnings
	}
	return nil
}

// backfillAgencies stores the facts of the reports on year of agencies
// (published without them), when there are at most s.InlineBackfill
// (DefaultInlineBackfill when 0); with more it refuses
// (annual.facts_pending, a 503) so that no sum is shown without them. It
// returns the facts stored, each agency's as read back.
func (s *Service) backfillAgencies(ctx context.Context, agencies []int64, year int) ([]Facts, error) {
	if len(agencies) == 0 {
		return nil, nil
	}
	limit := s.InlineBackfill
	if limit <= 0 {
		limit = DefaultInlineBackfill
	}
	if len(agencies) > limit {
		return nil, apperr.New(apperr.OutdatedSchema, "annual.facts_pending", len(agencies))
	}
	out := make([]Facts, len(agencies))
	for i, id := range agencies {
		f, err := computeFacts(ctx, s.st, s.ag, FactsKey{Year: year, AgencyID: id})
		if err != nil {
			return nil, err
		}
		if _, err := s.st.ClaimReportFacts(ctx, f); err != nil {
			return nil, err
		}
		// Another process may have stored them first: read what is stored.
		if out[i], err = s.st.ReportFacts(ctx, id, year); err != nil {
			return nil, err
		}
	}
	return out, nil
}
