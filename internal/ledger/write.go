package ledger

import (
	"encoding/csv"
	"fmt"
	"io"
	"strings"

	"github.com/gongkai/gongkai/internal/calendar"
	"github.com/gongkai/gongkai/internal/ooxml"
	"github.com/gongkai/gongkai/internal/report"
	"github.com/gongkai/gongkai/internal/report/compile"
)

// SheetName is the name of the sheet WriteXLSX writes.
const SheetName = "依申请公开登记台账"

// header returns the columns the writer writes: the spec's columns, the
// optional filing-date columns when some record has one, then the notes.
func (l *Ledger) header() ([]field, []string) {
	var hasFiled [numFields]bool
	for i := range l.Records {
		r := &l.Records[i]
		if r.Review != nil && !r.Review.Filed.IsZero() {
			hasFiled[fReviewFiled] = true
		}
		if r.Litigation != nil && !r.Litigation.Filed.IsZero() {
			hasFiled[fLitigationFiled] = true
		}
	}
	var fs []field
	var hs []string
	for f, c := range columns {
		if c.optional && !hasFiled[f] {
			continue
		}
		fs = append(fs, field(f))
		hs = append(hs, c.header)
	}
	return fs, append(hs, l.NoteHeaders...)
}

// values returns a record's cells for the given fields, then its notes.
func (r *Record) values(fs []field, notes int) []string {
	out := make([]string, 0, len(fs)+notes)
	ds := func(d calendar.Date) string { return d.String() }
	appeal := func(a *compile.Appeal) (res, filed, done string) {
		if a == nil {
			return "", "", ""
		}
		return appealResults[a.Result], ds(a.Filed), ds(a.Concluded)
	}
	rv, rvFiled, rvDone := appeal(r.Review)
	lt, ltFiled, ltDone := appeal(r.Litigation)
	kind := ""
	if r.Litigation != nil {
		kind = litigationKind[0]
		if r.Litigation.Kind == compile.LitigationAfterReview {
			kind = litigationKind[1]
		}
	}
	for _, f := range fs {
		var v string
		switch f {
		case fID:
			v = r.ID
		case fReceived:
			v = ds(r.Received)
		case fApplicantType:
			v = applicantTypes[r.ApplicantType]
		case fApplicant:
			v = r.Applicant
		case fContent:
			v = r.Content
		case fMethod:
			v = r.Method
		case fCorrected:
			v = ds(r.Corrected)
		case fExtended:
			v = r.Extended
		case fResult:
			if r.HasResult {
				v = resultLabel(r.Result)
			}
		case fReplied:
			v = ds(r.Replied)
		case fFee:
			v = r.Fee
		case fReview:
			v = rv
		case fReviewFiled:
			v = rvFiled
		case fReviewConcluded:
			v = rvDone
		case fLitigation:
			v = lt
		case fLitigationKind:
			v = kind
		case fLitigationFiled:
			v = ltFiled
		case fLitigationConcluded:
			v = ltDone
		}
		out = append(out, v)
	}
	for i := 0; i < notes; i++ {
		v := ""
		if i < len(r.Notes) {
			v = r.Notes[i]
		}
		out = append(out, v)
	}
	return out
}

// resultLabel is the leaf label the writer uses for a result row: the
// template's label without numbering; 其他处理 3 is written 3.其他 so that
// it cannot be mistaken for another group's 其他.
func resultLabel(r report.RowID) string {
	if r == report.OtherOther {
		return "3.其他"
	}
	return resultLabels[r-report.Granted]
}

// formulaStart are the first characters that make a spreadsheet treat a
// CSV cell as a formula (OWASP CSV injection: = + - @, tab, carriage return).
const formulaStart = "=+-@\t\r"

// defuseCells gives every cell of vals that starts like a formula a
// leading apostrophe, in place, and returns vals.
func defuseCells(vals []string) []string {
	for j, v := range vals {
		if v != "" && strings.ContainsRune(formulaStart, rune(v[0])) {
			vals[j] = "'" + v
		}
	}
	return vals
}

// WriteCSV writes the ledger as CSV in UTF-8 with a byte order mark, so that
// Excel opens it with the right encoding. A cell starting like a formula
// (formulaStart), the note headers included, gets a leading apostrophe
// (formula injection, SECURITY.md O-IV-02), which ReadCSV removes again.
func WriteCSV(w io.Writer, l *Ledger) error {
	if _, err := io.WriteString(w, "\xef\xbb\xbf"); err != nil {
		return fmt.Errorf("ledger: write csv: %w", err)
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	fs, hs := l.header()
	if err := cw.Write(defuseCells(hs)); err != nil {
		return fmt.Errorf("ledger: write csv: %w", err)
	}
	for i := range l.Records {
		vals := defuseCells(l.Records[i].values(fs, len(l.NoteHeaders)))
		if err := cw.Write(vals); err != nil {
			return fmt.Errorf("ledger: write csv: %w", err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("ledger: write csv: %w", err)
	}
	return nil
}

// WriteXLSX writes the ledger as an XLSX workbook with one sheet; every
// cell is text, so nothing is taken for a formula or reformatted.
func WriteXLSX(w io.Writer, l *Ledger) error {
	b := ooxml.NewBook()
	defer b.Close()
	fs, hs := l.header()
	sw, err := b.TextSheet(SheetName, len(hs), 14)
	if err != nil {
		return fmt.Errorf("ledger: write xlsx: %w", err)
	}
	if err := sw.Row(hs); err != nil {
		return fmt.Errorf("ledger: write xlsx: %w", err)
	}
	for i := range l.Records {
		if err := sw.Row(l.Records[i].values(fs, len(l.NoteHeaders))); err != nil {
			return fmt.Errorf("ledger: write xlsx: %w", err)
		}
	}
	if err := sw.Flush(); err != nil {
		return fmt.Errorf("ledger: write xlsx: %w", err)
	}
	if _, err := b.WriteTo(w); err != nil {
		return fmt.Errorf("ledger: write xlsx: %w", err)
	}
	return nil
}
