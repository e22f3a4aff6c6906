package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// A SealedTable names the columns of a table that hold values sealed with
// the personal-data key, for key rotation (`gongkai keys rotate`): Sealed
// are sealed text columns, Blind the blind-index column computed from
// Plain and the opened Sealed values (empty when none), Binary a sealed
// BLOB column (request attachments).
type SealedTable struct {
	Table, ID string
	Sealed    []string
	Plain     []string
	Blind     string
	Binary    string
}

// SealedTables are every table with sealed values.
var SealedTables = []SealedTable{
	{Table: "requests", ID: "id", Sealed: []string{"id_number_enc", "phone_enc", "address_enc", "email_enc"},
		Plain: []string{"applicant_name"}, Blind: "applicant_key"},
	{Table: "public_accounts", ID: "id", Sealed: []string{"login_enc"}, Blind: "login_key"},
	{Table: "users", ID: "id", Sealed: []string{"totp_secret"}},
	{Table: "request_attachment_data", ID: "attachment_id", Binary: "sealed"},
}

// A SealedRow is one row of a SealedTable: its id and its values by
// column name (Binary as a string of bytes).
type SealedRow struct {
	ID     int64
	Values map[string]string
}

func (t SealedTable) columns() []string {
	cols := append(append([]string{}, t.Sealed...), t.Plain...)
	if t.Blind != "" {
		cols = append(cols, t.Blind)
	}
	if t.Binary != "" {
		cols = append(cols, t.Binary)
	}
	return cols
}

// SealedRows returns up to limit rows of t with id > afterID in id order.
func (s *Store) SealedRows(ctx context.Context, t SealedTable, afterID int64, limit int) ([]SealedRow, error) {
	cols := t.columns()
	rows, err := s.query(ctx, "SELECT "+t.ID+", "+strings.Join(cols, ", ")+" FROM "+t.Table+" WHERE "+t.ID+" > ? ORDER BY "+t.ID+" LIMIT ?", afterID, limit)
	if err != nil {
		return nil, s.mapErr("read sealed "+t.Table, err)
	}
	defer rows.Close()
	var out []SealedRow
	for rows.Next() {
		r := SealedRow{Values: map[string]string{}}
		dst := make([]any, len(cols)+1)
		dst[0] = &r.ID
		vals := make([]sql.RawBytes, len(cols))
		for i := range cols {
			dst[i+1] = &vals[i]
		}
		if err := rows.Scan(dst...); err != nil {
			return nil, s.mapErr("read sealed "+t.Table, err)
		}
		for i, c := range cols {
			r.Values[c] = string(vals[i])
		}
		out = append(out, r)
	}
	return out, s.mapErr("read sealed "+t.Table, rows.Err())
}

// UpdateSealedRows writes the Sealed, Blind and Binary values of rows
// back into t, all in one transaction.
func (s *Store) UpdateSealedRows(ctx context.Context, t SealedTable, rows []SealedRow) error {
	set := append([]string{}, t.Sealed...)
	if t.Blind != "" {
		set = append(set, t.Blind)
	}
	if t.Binary != "" {
		set = append(set, t.Binary)
	}
	parts := make([]string, len(set))
	for i, c := range set {
		parts[i] = c + " = ?"
	}
	q := "UPDATE " + t.Table + " SET " + strings.Join(parts, ", ") + " WHERE " + t.ID + " = ?"
	return s.InTx(ctx, func(ctx context.Context) error {
		for _, r := range rows {
			args := make([]any, 0, len(set)+1)
			for _, c := range set {
				if c == t.Binary {
					args = append(args, []byte(r.Values[c]))
				} else {
					args = append(args, r.Values[c])
				}
			}
			args = append(args, r.ID)
			if err := s.execOne(ctx, fmt.Sprintf("re-seal %s %d", t.Table, r.ID), "store.reference_missing", q, args...); err != nil {
				return err
			}
		}
		return nil
	})
}
