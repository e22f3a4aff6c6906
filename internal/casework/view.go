package casework

import (
	"context"
	"fmt"
	"strings"

	"github.com/gongkai/gongkai/internal/account"
	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/calendar"
	"github.com/gongkai/gongkai/internal/letter"
	"github.com/gongkai/gongkai/internal/pii"
	"github.com/gongkai/gongkai/internal/request"
)

// A View is a request as staff see it: the record with personal data
// masked, the due date with its explanation, what the viewer may do next,
// findings (late notice, due soon, overdue), hints and the history.
type View struct {
	Record     Record // IDNumber, Phone, Address, Email masked
	StateLabel string
	Deadline   *request.Deadline // nil before the clock starts and after the end
	Allowed    []request.Action
	Findings   []request.Finding
	Hints      Hints
	Events     []StoredEvent
	Appeals    []Appeal
	// ExtensionAsked is the clerk's extension request awaiting the head's
	// decision (条例第三十三条第二款), nil when none is pending.
	ExtensionAsked *request.ExtensionAsk
	// Reviewed is the day the 审核人 (ReviewedBy) passed the current draft;
	// zero until then and after a return.
	Reviewed   calendar.Date
	ReviewedBy string
}

// mask replaces the sealed personal data of rec by masked plaintext; a
// value that cannot be opened shows as ＊＊＊.
func (s *Service) mask(rec *Record) {
	for _, f := range []struct {
		p    *string
		mask func(string) string
	}{{&rec.IDNumber, pii.MaskID}, {&rec.Phone, pii.MaskPhone}, {&rec.Address, pii.MaskAddress}, {&rec.Email, pii.MaskEmail}} {
		plain, err := s.keys.Open(*f.p)
		if err != nil {
			*f.p = "＊＊＊"
			continue
		}
		*f.p = f.mask(plain)
	}
}

// StateLabel is the applicant's name of a stored state (待确认 for an
// online submission not yet confirmed).
func StateLabel(st string) string {
	if st == Submitted {
		return "待确认"
	}
	return request.State(st).Label()
}

// Get returns request id as w may see it. A request of an agency w may not
// read is reported as not found, and the attempt is audited.
func (s *Service) Get(ctx context.Context, w Staffer, id int64) (View, error) {
	v, err := s.view(ctx, w, id)
	return v, s.finish(ctx, err)
}

func (s *Service) view(ctx context.Context, w Staffer, id int64) (View, error) {
	rec, err := s.st.Request(ctx, id)
	if err != nil {
		return View{}, err
	}
	if !canRead(w, rec.AgencyID) {
		return View{}, s.deny(ctx, w, "request.read", rec, "deny.other_agency")
	}
	v := View{StateLabel: StateLabel(rec.State)}
	if v.Events, err = s.st.RequestEvents(ctx, id); err != nil {
		return View{}, err
	}
	if v.Appeals, err = s.st.Appeals(ctx, id); err != nil {
		return View{}, err
	}
	if v.Hints, err = s.hints(ctx, rec); err != nil {
		return View{}, err
	}
	if len(v.Events) > 0 {
		r, err := replay(rec, v.Events)
		if err != nil {
			return View{}, err
		}
		cal, err := s.Calendar(ctx, rec.AgencyID)
		if err != nil {
			return View{}, err
		}
		today := s.Today()
		if !r.State.Ended() {
			if dl, err := r.Deadline(cal, today); err == nil {
				v.Deadline = &dl
			}
		}
		v.Findings = r.Findings(cal, today)
		if ask, ok := r.PendingExtension(); ok {
			v.ExtensionAsked = &ask
		}
		v.Reviewed, v.ReviewedBy = r.Reviewed, r.ReviewedBy
		for _, rr := range requestRoles {
			if w.hasRole(rr.acc) && canActIn(w, rr.perm, rec.AgencyID) {
				for _, a := range r.Allowed(rr.req) {
					if !containsAction(v.Allowed, a) {
						v.Allowed = append(v.Allowed, a)
					}
				}
			}
		}
	} else if rec.State == Submitted && w.hasRole(account.Clerk) && canActIn(w, auth.RequestHandle, rec.AgencyID) {
		v.Allowed = []request.Action{request.ActRegister}
	}
	s.mask(&rec)
	v.Record = rec
	return v, nil
}

func containsAction(as []request.Action, a request.Action) bool {
	for _, x := range as {
		if x == a {
			return true
		}
	}
	return false
}

// List returns an agency's requests, masked, for w.
func (s *Service) List(ctx context.Context, w Staffer, f Filter) ([]Record, error) {
	if f.AgencyID == 0 {
		f.AgencyID = w.Subject.AgencyID
	}
	if !canRead(w, f.AgencyID) {
		return nil, s.finish(ctx, s.deny(ctx, w, "request.list", Record{AgencyID: f.AgencyID}, "deny.other_agency"))
	}
	recs, err := s.st.ListRequests(ctx, f)
	if err != nil {
		return nil, err
	}
	for i := range recs {
		s.mask(&recs[i])
	}
	return recs, nil
}

// Personal is an applicant's personal data in clear.
type Personal struct {
	Name, IDNumber, Phone, Address, Email string
}

// Reveal returns the personal data of request id in clear to staff of the
// handling agency only (never to a supervisor or another agency), with a
// reason, and records the reveal in the audit log (个人信息保护法第五十一条;
// SECURITY.md E-AUD-01, P-05). A refusal is audited too.
func (s *Service) Reveal(ctx context.Context, w Staffer, id int64, reason string) (Personal, error) {
	rec, err := s.st.Request(ctx, id)
	if err != nil {
		return Personal{}, err
	}
	if !staffOf(w, rec.AgencyID) {
		return Personal{}, s.finish(ctx, s.deny(ctx, w, "request.reveal", rec, "deny.reveal"))
	}
	reason = strings.TrimSpace(reason)
	if reason == "" {
		// A refused reveal is audited like every refusal (#10 item 7).
		ev := w.actor().Event("request.reveal", "request", rec.ID, audit.ResultDenied, rec.Tracking+" request.reveal_reason")
		return Personal{}, s.finish(ctx, &auditedError{ev: ev, err: apperr.New(apperr.Invalid, "request.reveal_reason")})
	}
	p := Personal{Name: rec.ApplicantName}
	for _, f := range []struct {
		dst *string
		v   string
	}{{&p.IDNumber, rec.IDNumber}, {&p.Phone, rec.Phone}, {&p.Address, rec.Address}, {&p.Email, rec.Email}} {
		if *f.dst, err = s.keys.Open(f.v); err != nil {
			return Personal{}, fmt.Errorf("casework: reveal request %d: %w", id, err)
		}
	}
	if err := s.log.Record(ctx, w.actor().Event("request.reveal", "request", rec.ID, audit.ResultOK,
		rec.Tracking+" 事由："+clipText(reason, 100))); err != nil {
		return Personal{}, err
	}
	return p, nil
}

// A PublicView is what the applicant sees with the tracking number and
// query code: never personal data.
type PublicView struct {
	AgencyID   int64 // the handling agency, for its letterhead
	Tracking   string
	State      string // the stored state (request.State or Submitted)
	StateLabel string
	Submitted  calendar.Date
	Received   calendar.Date
	Due        calendar.Date
	// Explanation is how the due date was reached, one line each.
	Explanation []request.Line
	Outcome     string          // the outcome's label once ended
	OutcomeID   request.Outcome // the outcome once ended, for the reply letter
	Ended       calendar.Date
	Notices     []Notification
	// Letters are the letters sent to the applicant so far, in sending
	// order: what PublicLetter writes for them.
	Letters []letter.Kind
	// Released are the files the reply released (网上获取), once a reply
	// that discloses was sent: what OpenRelease opens.
	Released []ReleasedFile
}

// Lookup finds a request by tracking number and query code for the public.
// A wrong code and an unknown number give the same NotFound.
func (s *Service) Lookup(ctx context.Context, tracking, code string) (PublicView, error) {
	rec, err := s.lookup(ctx, tracking, code)
	if err != nil {
		return PublicView{}, err
	}
	return s.PublicViewOf(ctx, rec)
}

// lookup finds the request with the tracking number whose query code is
// code, in any agency.
func (s *Service) lookup(ctx context.Context, tracking, code string) (Record, error) {
	recs, err := s.st.RequestsByTracking(ctx, strings.TrimSpace(tracking))
	if err != nil {
		return Record{}, err
	}
	for _, r := range recs {
		if s.sameCode(code, r.QueryHash) {
			return r, nil
		}
	}
	return Record{}, apperr.New(apperr.NotFound, "public.claim_wrong")
}

// PublicViewOf is what the applicant sees of rec: state, dates, the due
// date with its explanation and the notices addressed to the applicant,
// never personal data. The caller has established the applicant's right to
// see it (Lookup by the query code; an account that the request is linked
// to).
func (s *Service) PublicViewOf(ctx context.Context, rec Record) (PublicView, error) {
	v := PublicView{AgencyID: rec.AgencyID, Tracking: rec.Tracking, State: rec.State, StateLabel: StateLabel(rec.State), Submitted: rec.Submitted,
		Received: rec.Received, Ended: rec.Ended}
	if !rec.Ended.IsZero() {
		v.Outcome, v.OutcomeID = rec.Outcome.Label(), rec.Outcome
	}
	stored, err := s.st.RequestEvents(ctx, rec.ID)
	if err != nil {
		return PublicView{}, err
	}
	if len(stored) > 0 && rec.Ended.IsZero() {
		r, err := replay(rec, stored)
		if err != nil {
			return PublicView{}, err
		}
		cal, err := s.Calendar(ctx, rec.AgencyID)
		if err != nil {
			return PublicView{}, err
		}
		if dl, err := r.Deadline(cal, s.Today()); err == nil {
			v.Due, v.Explanation = dl.Due, dl.Lines
		}
	}
	v.Letters = sentLetters(stored)
	if v.Released, err = s.releasedFiles(ctx, rec, stored); err != nil {
		return PublicView{}, err
	}
	if v.Notices, err = s.st.Notifications(ctx, NotificationFilter{RequestID: rec.ID, Audience: ToApplicant}); err != nil {
		return PublicView{}, err
	}
	return v, nil
}
