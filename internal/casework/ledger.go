package casework

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/calendar"
	"github.com/gongkai/gongkai/internal/ledger"
	"github.com/gongkai/gongkai/internal/report"
	"github.com/gongkai/gongkai/internal/report/compile"
	"github.com/gongkai/gongkai/internal/request"
)

// ledgerMethods maps a ledger's 申请方式 to a channel and back.
var ledgerMethods = map[string]string{
	"网上": string(request.Internet), "信函": string(request.PostSigned), "当面": string(request.InPerson),
	"传真": string(request.Fax), "电子邮件": string(request.Email), "其他": ChannelOther,
}

func methodOf(channel string) string {
	switch request.Channel(channel) {
	case request.Internet:
		return "网上"
	case request.PostSigned, request.PostPlain:
		return "信函"
	case request.InPerson:
		return "当面"
	case request.Fax:
		return "传真"
	case request.Email:
		return "电子邮件"
	case ChannelOther:
		return "其他"
	}
	return ""
}

// ledgerNotes is the JSON of a record's unknown ledger columns.
type ledgerNotes struct {
	Headers []string `json:"headers"`
	Values  []string `json:"values"`
}

// endedState is the stored state of an imported request that has ended.
func endedState(o request.Outcome) string {
	switch o {
	case request.OtherNoCorrection:
		return string(request.EndedNoCorrection)
	case request.OtherFeeUnpaid:
		return string(request.EndedFeeUnpaid)
	}
	return string(request.Closed)
}

// An ImportResult says what ImportLedger stored.
type ImportResult struct {
	Requests, Open, Appeals int
}

// ImportLedger stores every record of a ledger as a request of agencyID, in
// one transaction: all or nothing (spec/ledger.md). A 申请编号 already used
// by the agency is reported as ledger.Problems naming the rows. Ended
// requests are stored as history (read-only); open ones get a register
// event (and the 补正 steps) so that staff can continue them. It is a
// console operation: by is the operator, recorded in the audit log.
func (s *Service) ImportLedger(ctx context.Context, by audit.Actor, agencyID int64, led *ledger.Ledger) (ImportResult, error) {
	if agencyID == 0 {
		return ImportResult{}, errNoAgency
	}
	var res ImportResult
	cal, err := s.Calendar(ctx, agencyID)
	if err != nil {
		return res, err
	}
	s.wmu.Lock()
	defer s.wmu.Unlock()
	err = s.st.InTx(ctx, func(ctx context.Context) error {
		existing, err := s.st.ListRequests(ctx, Filter{AgencyID: agencyID})
		if err != nil {
			return err
		}
		taken := make(map[string]bool, len(existing))
		for _, r := range existing {
			taken[r.Tracking] = true
		}
		var probs ledger.Problems
		for i := range led.Records {
			if lr := &led.Records[i]; taken[lr.ID] {
				probs = append(probs, ledger.Problem{Row: lr.Row, Column: "申请编号", Reason: fmt.Sprintf("“%s”已存在于本机关的申请中", lr.ID)})
			}
		}
		if len(probs) > 0 {
			return probs
		}
		var dates []calendar.Date // the years the import counts in
		for i := range led.Records {
			lr := &led.Records[i]
			rec, err := s.importRecord(ctx, agencyID, led, lr, cal)
			if err != nil {
				return fmt.Errorf("第 %d 行: %w", lr.Row, err)
			}
			dates = append(dates, rec.Received, rec.Ended)
			res.Requests++
			if rec.Ended.IsZero() {
				res.Open++
				if err := s.importEvents(ctx, by, rec, lr); err != nil {
					return err
				}
			}
			for _, a := range []*compile.Appeal{lr.Review, lr.Litigation} {
				if a == nil {
					continue
				}
				ap := appealOf(rec.ID, a)
				ap.CreatedAt = s.now()
				if _, err := s.st.AddAppeal(ctx, ap); err != nil {
					return err
				}
				dates = append(dates, ap.Filed, ap.Concluded)
				res.Appeals++
			}
		}
		if err := s.guardPeriods(ctx, agencyID, dates...); err != nil {
			return err
		}
		return s.log.Record(ctx, by.Event("ledger.import", "agency", agencyID, audit.ResultOK,
			fmt.Sprintf("导入 %d 条申请（%d 条未办结），%d 件复议诉讼", res.Requests, res.Open, res.Appeals)))
	})
	if err != nil {
		return ImportResult{}, err
	}
	return res, nil
}

func (s *Service) importRecord(ctx context.Context, agencyID int64, led *ledger.Ledger, lr *ledger.Record, cal *calendar.Calendar) (Record, error) {
	types := request.ApplicantTypes()
	if int(lr.ApplicantType) < 0 || int(lr.ApplicantType) >= len(types) {
		return Record{}, apperr.New(apperr.Invalid, "request.applicant_type_invalid")
	}
	rec := Record{AgencyID: agencyID, Tracking: lr.ID, Origin: Ledger, Channel: ledgerMethods[lr.Method],
		Submitted: lr.Received, Received: lr.Received, ApplicantType: types[lr.ApplicantType], ApplicantName: lr.Applicant,
		Content: lr.Content, Corrected: lr.Corrected, Extended: lr.Extended == "是", Fee: lr.Fee, State: string(request.Registered)}
	if lr.Applicant != "" {
		rec.ApplicantKey = s.keys.BlindIndex(request.Applicant{Name: lr.Applicant}.Key())
	}
	if len(led.NoteHeaders) > 0 {
		b, _ := json.Marshal(ledgerNotes{led.NoteHeaders, lr.Notes})
		rec.Notes = string(b)
	}
	if lr.HasResult {
		rec.Outcome, rec.Ended = request.Outcome(lr.Result.Info().ID), lr.Replied
		rec.State = endedState(rec.Outcome)
	} else {
		if !lr.Corrected.IsZero() {
			rec.State = string(request.Corrected)
		}
		// The ledger does not say how long an extension was: the due date
		// is the unextended one, so reminders come early rather than late.
		if due, err := request.DueDate(cal, request.Clock{Received: lr.Received, Corrected: lr.Corrected}); err == nil {
			rec.Due = due
		}
	}
	rec.CreatedAt = s.now()
	rec.UpdatedAt = rec.CreatedAt
	return s.st.CreateRequest(ctx, rec)
}

// importEvents gives an open imported request the history it needs to go
// on in the workflow: its registration and, if any, its correction.
func (s *Service) importEvents(ctx context.Context, by audit.Actor, rec Record, lr *ledger.Record) error {
	actor := request.Actor{Name: by.Login, Role: request.Clerk}
	ch := request.Channel(rec.Channel)
	if !ch.Valid() {
		ch = request.InPerson
	}
	evs := []request.Event{{Action: request.ActRegister, On: rec.Received, Actor: actor, Note: "台账导入",
		Applicant: request.Applicant{Type: rec.ApplicantType, Name: rec.ApplicantName}, Channel: ch, Content: rec.Content}}
	if !lr.Corrected.IsZero() {
		evs = append(evs,
			request.Event{Action: request.ActRequestCorrection, On: rec.Received, Until: lr.Corrected.AddDays(1), Actor: actor, Note: "台账导入：已补正"},
			request.Event{Action: request.ActReceiveCorrection, On: lr.Corrected, Actor: actor, Note: "台账导入"})
	}
	if evs[0].Applicant.Name == "" {
		evs[0].Applicant.Name = "（台账未记载）"
	}
	if evs[0].Content == "" {
		evs[0].Content = "（台账未记载）"
	}
	for i, e := range evs {
		e.At = s.now().UTC()
		if err := s.st.AppendRequestEvent(ctx, rec.ID, StoredEvent{Seq: i + 1, ActorID: by.UserID, ActorLogin: by.Login, Event: e}); err != nil {
			return err
		}
	}
	return nil
}

// appealOf converts a ledger's appeal to a stored one.
func appealOf(requestID int64, a *compile.Appeal) Appeal {
	out := Appeal{RequestID: requestID, Kind: [...]AppealKind{Review, LitigationDirect, LitigationAfterReview}[a.Kind],
		Filed: a.Filed, Concluded: a.Concluded}
	if !a.Concluded.IsZero() {
		out.Result = [...]AppealResult{Upheld, Corrected, OtherEnd, OtherEnd}[a.Result]
	}
	return out
}

// compileAppeal converts a stored appeal to the compiler's.
func compileAppeal(a Appeal) compile.Appeal {
	out := compile.Appeal{Filed: a.Filed, Concluded: a.Concluded, Result: compile.Pending}
	switch a.Kind {
	case LitigationDirect:
		out.Kind = compile.LitigationDirect
	case LitigationAfterReview:
		out.Kind = compile.LitigationAfterReview
	default:
		out.Kind = compile.Review
	}
	switch a.Result {
	case Upheld:
		out.Result = compile.Upheld
	case Corrected:
		out.Result = compile.Corrected
	case OtherEnd:
		out.Result = compile.OtherResult
	}
	return out
}

// counted reports whether rec counts in the report on year: received by
// its end and not ended before its start, or with an appeal still open at
// the start of the year or concluded in it (regulation.md §7).
func counted(rec Record, appeals []Appeal, year int) bool {
	if rec.Received.IsZero() || rec.Received.Year() > year {
		return false
	}
	if rec.Ended.IsZero() || rec.Ended.Year() >= year {
		return true
	}
	for _, a := range appeals {
		if a.Concluded.IsZero() || a.Concluded.Year() >= year {
			return true
		}
	}
	return false
}

// ExportLedger returns the requests of agencyID that count in the report
// on year — received in the year, earlier and still open on 1 January, or
// with a review or lawsuit that counts in table 四 —
// as a ledger, so that `report build --ledger` on the file compiles the
// same tables as from the database — except the appeals about 主动公开 not
// tied to a request (PublicationAppeal), for which the ledger format of
// spec/ledger.md has no row.
func (s *Service) ExportLedger(ctx context.Context, by audit.Actor, agencyID int64, year int) (*ledger.Ledger, error) {
	recs, err := s.st.ListRequests(ctx, Filter{AgencyID: agencyID, ReceivedTo: calendar.D(year, 12, 31)})
	if err != nil {
		return nil, err
	}
	appeals, err := s.st.AgencyAppeals(ctx, agencyID)
	if err != nil {
		return nil, err
	}
	byReq := map[int64][]Appeal{}
	for _, a := range appeals {
		byReq[a.RequestID] = append(byReq[a.RequestID], a)
	}
	led := &ledger.Ledger{}
	noteCol := map[string]int{}
	for _, rec := range recs {
		if !counted(rec, byReq[rec.ID], year) {
			continue
		}
		c, err := CaseRow{ID: rec.ID, Tracking: rec.Tracking, Received: rec.Received, ApplicantType: rec.ApplicantType,
			Outcome: rec.Outcome, Ended: rec.Ended}.caseOf(nil)
		if err != nil {
			return nil, fmt.Errorf("casework: export: %w", err)
		}
		lr := ledger.Record{ID: c.ID, Received: c.Received, ApplicantType: c.Applicant,
			Applicant: rec.ApplicantName, Content: rec.Content, Method: methodOf(rec.Channel), Corrected: rec.Corrected, Fee: rec.Fee}
		if rec.Extended {
			lr.Extended = "是"
		}
		if !c.Open() {
			lr.Result, lr.HasResult, lr.Replied = c.Outcome, true, c.Ended
		}
		for _, a := range byReq[rec.ID] {
			ca := compileAppeal(a)
			if a.Kind == Review && lr.Review == nil {
				lr.Review = &ca
			} else if a.Kind != Review && lr.Litigation == nil {
				lr.Litigation = &ca
			}
		}
		if rec.Notes != "" {
			var n ledgerNotes
			if json.Unmarshal([]byte(rec.Notes), &n) == nil {
				for i, h := range n.Headers {
					j, ok := noteCol[h]
					if !ok {
						j = len(led.NoteHeaders)
						noteCol[h] = j
						led.NoteHeaders = append(led.NoteHeaders, h)
					}
					for len(lr.Notes) <= j {
						lr.Notes = append(lr.Notes, "")
					}
					if i < len(n.Values) {
						lr.Notes[j] = n.Values[i]
					}
				}
			}
		}
		led.Records = append(led.Records, lr)
	}
	for i := range led.Records {
		for len(led.Records[i].Notes) < len(led.NoteHeaders) {
			led.Records[i].Notes = append(led.Records[i].Notes, "")
		}
	}
	if err := s.log.Record(ctx, by.Event("ledger.export", "agency", agencyID, audit.ResultOK,
		fmt.Sprintf("%d 年度，%d 条", year, len(led.Records)))); err != nil {
		return nil, err
	}
	return led, nil
}

// Cases returns the requests of agencyID received by the end of year as
// the compiler counts them, with their appeals.
func (s *Service) Cases(ctx context.Context, agencyID int64, year int) ([]compile.Case, error) {
	rows, err := s.st.CaseRows(ctx, agencyID, calendar.D(year, 12, 31))
	if err != nil {
		return nil, err
	}
	appeals, err := s.st.AgencyAppeals(ctx, agencyID)
	if err != nil {
		return nil, err
	}
	return casesOf(rows, appeals)
}

// casesOf returns the rows as the compiler counts them, each with its
// appeals (the appeals of the rows' agency).
func casesOf(rows []CaseRow, appeals []Appeal) ([]compile.Case, error) {
	var byReq map[int64][]compile.Appeal
	if len(appeals) > 0 {
		byReq = map[int64][]compile.Appeal{}
	}
	for _, a := range appeals {
		byReq[a.RequestID] = append(byReq[a.RequestID], compileAppeal(a))
	}
	cases := make([]compile.Case, 0, len(rows))
	for _, rec := range rows {
		if rec.Received.IsZero() {
			continue
		}
		c, err := rec.caseOf(byReq[rec.ID])
		if err != nil {
			return nil, fmt.Errorf("casework: cases: %w", err)
		}
		cases = append(cases, c)
	}
	return cases, nil
}

// caseOf returns r as the compiler counts it, with its appeals: the one
// conversion of a stored request to a compile.Case, for Cases and for
// ExportLedger.
func (r CaseRow) caseOf(appeals []compile.Appeal) (compile.Case, error) {
	c := compile.Case{ID: r.Tracking, Received: r.Received, Applicant: report.Col(r.ApplicantType.Column()), Appeals: appeals}
	if !r.Ended.IsZero() {
		row, ok := report.RowByID(string(r.Outcome))
		if !ok {
			return compile.Case{}, fmt.Errorf("request %s has outcome %q", r.Tracking, r.Outcome)
		}
		c.Outcome, c.Ended = row, r.Ended
	}
	return c, nil
}

// Compile compiles tables 三 and 四 of the report on year for agencyID
// (named name in the report) from the stored requests (package compile,
// regulation.md §7). It is a console and back-office operation; the caller
// checks report.edit.
func (s *Service) Compile(ctx context.Context, agencyID int64, name string, year int) (*compile.Result, int, error) {
	cases, err := s.Cases(ctx, agencyID, year)
	if err != nil {
		return nil, 0, err
	}
	// Table 四 also counts the appeals about the agency's 主动公开 that no
	// request gave rise to (条例第五十一条).
	matters, err := s.matters(ctx, agencyID)
	if err != nil {
		return nil, 0, err
	}
	res, err := compile.CompileWith(name, year, cases, matters)
	if err != nil {
		return nil, 0, fmt.Errorf("casework: compile: %w", err)
	}
	return res, len(cases), nil
}
