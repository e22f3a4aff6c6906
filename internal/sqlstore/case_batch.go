package sqlstore

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/binary"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5/pgtype"
	"github.com/jackc/pgx/v5/stdlib"

	"github.com/gongkai/gongkai/internal/calendar"
	"github.com/gongkai/gongkai/internal/casework"
	"github.com/gongkai/gongkai/internal/request"
)

// inList returns "?, ?, …" for n values and the ids as arguments.
func inList(ids []int64) (string, []any) {
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	return strings.Repeat(", ?", len(ids))[2:], args
}

// caseRowsQuery reads the CaseRows of many agencies; the rows come in
// whatever order the database finds cheapest (on PostgreSQL a bitmap scan
// of the (agency_id, received_on) index, in table order, with no sort —
// a sort by agency and id of a batch spills to disk at the default
// work_mem) and are put in order here.
const caseRowsQuery = `SELECT agency_id, id, tracking, received_on, applicant_type, outcome, ended_on FROM requests
	WHERE agency_id IN (%s) AND received_on <= ?`

// CaseRowsOf implements casework.Store: CaseRows of many agencies in one
// query. On PostgreSQL outside a transaction the rows are decoded from the
// driver's buffers (pgx) without database/sql's conversions, which cost
// more than the query itself at millions of rows.
func (s *Store) CaseRowsOf(ctx context.Context, agencyIDs []int64, receivedTo calendar.Date) (map[int64][]casework.CaseRow, error) {
	const op = "case rows"
	b := caseBuckets{out: make(map[int64][]casework.CaseRow, len(agencyIDs)), strs: map[string]string{}}
	if len(agencyIDs) == 0 {
		return b.out, nil
	}
	in, args := inList(agencyIDs)
	q, args := fmt.Sprintf(caseRowsQuery, in), append(args, receivedTo.String())
	var err error
	if _, inTx := ctx.Value(txKey{s}).(*sql.Tx); !inTx && s.d.name == "postgres" {
		err = s.caseRowsPgx(ctx, q, args, &b)
	} else {
		err = s.caseRowsSQL(ctx, q, args, &b)
	}
	if err != nil {
		return nil, s.mapErr(op, err)
	}
	return b.done(), nil
}

// caseRowsSQL reads the rows through database/sql.
func (s *Store) caseRowsSQL(ctx context.Context, q string, args []any, b *caseBuckets) error {
	rows, err := s.query(ctx, q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	var atype, outcome, received string
	var ended sql.NullString
	for rows.Next() {
		var c casework.CaseRow
		if err := rows.Scan(&c.AgencyID, &c.ID, &c.Tracking, &received, &atype, &outcome, &ended); err != nil {
			return err
		}
		if c.Received, err = storedDate([]byte(received)); err != nil {
			return err
		}
		if ended.Valid {
			if c.Ended, err = storedDate([]byte(ended.String)); err != nil {
				return err
			}
		}
		c.ApplicantType, c.Outcome = request.ApplicantType(b.str([]byte(atype))), request.Outcome(b.str([]byte(outcome)))
		b.add(c)
	}
	return rows.Err()
}

// caseRowsPgx reads the rows on the pool's pgx connection, from the raw
// values of each row.
func (s *Store) caseRowsPgx(ctx context.Context, q string, args []any, b *caseBuckets) error {
	if err := checkText(args); err != nil {
		return err
	}
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	return conn.Raw(func(dc any) error {
		pc, ok := dc.(*stdlib.Conn)
		if !ok {
			return fmt.Errorf("sqlstore: a PostgreSQL connection of type %T", dc)
		}
		rows, err := pc.Conn().Query(ctx, s.d.rebind(q), args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			v, fd := rows.RawValues(), rows.FieldDescriptions()
			if len(v) != 7 || v[0] == nil || v[1] == nil || v[2] == nil || v[3] == nil {
				return fmt.Errorf("sqlstore: case row of %d columns", len(v))
			}
			var c casework.CaseRow
			if c.AgencyID, err = rawInt(v[0], fd[0].Format); err != nil {
				return err
			}
			if c.ID, err = rawInt(v[1], fd[1].Format); err != nil {
				return err
			}
			c.Tracking = string(v[2])
			if c.Received, err = storedDate(v[3]); err != nil {
				return err
			}
			if v[6] != nil {
				if c.Ended, err = storedDate(v[6]); err != nil {
					return err
				}
			}
			c.ApplicantType, c.Outcome = request.ApplicantType(b.str(v[4])), request.Outcome(b.str(v[5]))
			b.add(c)
		}
		return rows.Err()
	})
}

// rawInt decodes a bigint in the text or binary format.
func rawInt(v []byte, format int16) (int64, error) {
	if format == pgtype.BinaryFormatCode {
		if len(v) != 8 {
			return 0, fmt.Errorf("sqlstore: a bigint of %d bytes", len(v))
		}
		return int64(binary.BigEndian.Uint64(v)), nil
	}
	return strconv.ParseInt(string(v), 10, 64)
}

// caseBuckets gathers CaseRows by agency as they are read.
type caseBuckets struct {
	out  map[int64][]casework.CaseRow
	cur  []casework.CaseRow // the rows of agency id, not yet in out
	id   int64
	strs map[string]string // the few distinct applicant types and outcomes, each kept once
}

// add appends c to its agency's rows (rows of one agency mostly come
// together: the map is looked up when the agency changes).
func (b *caseBuckets) add(c casework.CaseRow) {
	if c.AgencyID != b.id || b.cur == nil {
		if b.cur != nil {
			b.out[b.id] = b.cur
		}
		b.id, b.cur = c.AgencyID, b.out[c.AgencyID]
	}
	b.cur = append(b.cur, c)
}

// str returns v as a string, the same string for the same bytes.
func (b *caseBuckets) str(v []byte) string {
	if s, ok := b.strs[string(v)]; ok {
		return s
	}
	s := string(v)
	b.strs[s] = s
	return s
}

// done returns the rows by agency, each agency's in id order.
func (b *caseBuckets) done() map[int64][]casework.CaseRow {
	if b.cur != nil {
		b.out[b.id] = b.cur
	}
	for id, rows := range b.out {
		if !slices.IsSortedFunc(rows, byID) {
			slices.SortFunc(rows, byID)
		}
		b.out[id] = rows
	}
	return b.out
}

// byID orders CaseRows by id.
func byID(a, b casework.CaseRow) int { return cmp.Compare(a.ID, b.ID) }

// storedDate reads a stored YYYY-MM-DD date.
func storedDate(v []byte) (calendar.Date, error) {
	d, err := calendar.ParseBytes(v)
	if err != nil {
		return d, fmt.Errorf("sqlstore: bad stored date %q: %w", v, err)
	}
	return d, nil
}

// AppealsOf implements casework.Store: the appeals of every request of
// each agency, by agency, in id order.
func (s *Store) AppealsOf(ctx context.Context, agencyIDs []int64) (map[int64][]casework.Appeal, error) {
	const op = "agency appeals"
	out := make(map[int64][]casework.Appeal)
	if len(agencyIDs) == 0 {
		return out, nil
	}
	in, args := inList(agencyIDs)
	rows, err := s.query(ctx, "SELECT r.agency_id, "+appealCols+
		" FROM request_appeals a JOIN requests r ON r.id = a.request_id WHERE r.agency_id IN ("+in+") ORDER BY a.id", args...)
	if err != nil {
		return nil, s.mapErr(op, err)
	}
	defer rows.Close()
	for rows.Next() {
		var a casework.Appeal
		var agencyID int64
		var kind, result string
		if err := rows.Scan(&agencyID, &a.ID, &a.RequestID, &kind, reqDateScan{&a.Filed}, reqDateScan{&a.Concluded}, &result, &a.Note,
			dbTime{&a.CreatedAt}); err != nil {
			return nil, s.mapErr(op, err)
		}
		a.Kind, a.Result = casework.AppealKind(kind), casework.AppealResult(result)
		out[agencyID] = append(out[agencyID], a)
	}
	return out, s.mapErr(op, rows.Err())
}

// PublicationAppealsOf implements casework.Store: PublicationAppeals of
// many agencies in one query, by agency.
func (s *Store) PublicationAppealsOf(ctx context.Context, agencyIDs []int64) (map[int64][]casework.PublicationAppeal, error) {
	out := make(map[int64][]casework.PublicationAppeal)
	if len(agencyIDs) == 0 {
		return out, nil
	}
	in, args := inList(agencyIDs)
	as, err := s.publicationAppeals(ctx, "publication appeals", "SELECT "+publicationAppealCols+
		publicationAppealFrom+" WHERE p.agency_id IN ("+in+") ORDER BY p.agency_id, p.filed_on, p.id", args...)
	if err != nil {
		return nil, err
	}
	for _, a := range as {
		out[a.AgencyID] = append(out[a.AgencyID], a)
	}
	return out, nil
}
