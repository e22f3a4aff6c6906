package casework

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/gongkai/gongkai/internal/account"
	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/calendar"
	"github.com/gongkai/gongkai/internal/pii"
	"github.com/gongkai/gongkai/internal/request"
)

// A Service runs requests for the public and for staff. It is safe for
// concurrent use.
type Service struct {
	st Store
	// wmu queues this process's write transactions. They serialise in
	// the database anyway (SQLite has one writer; the audit chain takes a
	// lock on PostgreSQL); queuing here avoids SQLite's busy-handler sleeps
	// and PostgreSQL lock waits, which made 8 concurrent submitters 2–6
	// times slower than one.
	wmu  sync.Mutex
	log  *audit.Log
	keys *pii.Keyring
	// Blobs holds the attachments' bytes, sealed (package blob); Stage
	// fails without it.
	Blobs Blobs
	// Now is the clock; nil means time.Now. Legal dates default to the
	// day of Now in China Standard Time.
	Now func() time.Time
	// Volume is the 第三十五条 threshold for flagging an applicant.
	Volume request.VolumeThreshold
	// RepeatThreshold is the similarity above which an answered request
	// of the same applicant is pointed out as a likely repeat.
	RepeatThreshold float64
	// Stationery gives letters their letterhead and document numbers;
	// nil: no letters.
	Stationery Stationery
	// Periods locks the records behind published annual reports (#13);
	// nil: no lock (annual.Service is one; set after both are built).
	Periods PeriodGuard
	// mail queues e-mail copies of applicants' notices; nil: e-mail off
	// (EnableMail).
	mail *mailing
}

// New returns a service on st that records to log and seals personal data
// with keys. It refuses a nil dependency, so a wiring mistake fails at
// start-up; Blobs, Stationery and Now are optional and set afterwards.
func New(st Store, log *audit.Log, keys *pii.Keyring) (*Service, error) {
	switch {
	case st == nil:
		return nil, errors.New("casework.New: nil Store")
	case log == nil:
		return nil, errors.New("casework.New: nil audit.Log")
	case keys == nil:
		return nil, errors.New("casework.New: nil pii.Keyring")
	}
	return &Service{st: st, log: log, keys: keys, Volume: request.DefaultVolumeThreshold,
		RepeatThreshold: request.DefaultRepeatThreshold}, nil
}

// cst is China Standard Time: a legal day is a day in Beijing.
var cst = time.FixedZone("CST", 8*3600)

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

// Today returns the legal date of now.
func (s *Service) Today() calendar.Date { return calendar.Of(s.now().In(cst)) }

// A Staffer is a signed-in member of staff acting through the service:
// who they are for the permission check and where they act from.
type Staffer struct {
	Subject auth.Subject
	IP      string
}

func (w Staffer) actor() audit.Actor {
	return audit.Actor{UserID: w.Subject.UserID, Login: w.Subject.Login, IP: w.IP}
}

// Calendar returns the working-day calendar of an agency: the national
// data with the agency's local closures and openings.
func (s *Service) Calendar(ctx context.Context, agencyID int64) (*calendar.Calendar, error) {
	os, err := s.st.CalendarOverrides(ctx, agencyID)
	if err != nil {
		return nil, err
	}
	if len(os) == 0 {
		return calendar.National(), nil
	}
	var set calendar.Overrides
	for _, o := range os {
		if err := set.Add(o); err != nil {
			return nil, fmt.Errorf("casework: calendar of agency %d: %w", agencyID, err)
		}
	}
	return calendar.New(&set), nil
}

// requestRoles maps staff roles to the workflow's roles, strongest last.
var requestRoles = []struct {
	acc  account.Role
	req  request.Role
	perm auth.Action
}{
	{account.Clerk, request.Clerk, auth.RequestHandle},
	{account.Reviewer, request.Reviewer, auth.RequestReview},
	{account.Head, request.Head, auth.RequestApprove},
}

// roleFor picks the workflow role in which w may take action a on a
// request of agencyID in state: the first of w's roles that both the
// permission table (auth) and the workflow (request) allow.
func roleFor(w Staffer, a request.Action, state request.State, agencyID int64) (request.Role, bool) {
	for _, r := range requestRoles {
		if !slices.Contains(w.Subject.Roles, r.acc) || !auth.Can(w.Subject, r.perm, agencyID) {
			continue
		}
		if a == request.ActRegister {
			if r.req == request.Clerk {
				return r.req, true
			}
			continue
		}
		if slices.Contains(request.Allowed(state, r.req), a) {
			return r.req, true
		}
	}
	return "", false
}

// canRead reports whether w may see requests of agencyID.
func canRead(w Staffer, agencyID int64) bool { return auth.Can(w.Subject, auth.RequestRead, agencyID) }

// staffOf reports whether w works at the handling agency in a business
// role: who may see personal data (not a supervisor of another agency).
func staffOf(w Staffer, agencyID int64) bool {
	if w.Subject.AgencyID != agencyID {
		return false
	}
	for _, r := range requestRoles {
		if slices.Contains(w.Subject.Roles, r.acc) && auth.Can(w.Subject, r.perm, agencyID) {
			return true
		}
	}
	return false
}

// deny records a refused access and returns the error to show: NotFound
// when w may not even read the agency's requests (so ids reveal nothing),
// Forbidden otherwise.
//
// The reason is a message key with its arguments; the audit event records
// the key, which reads the same in every language.
func (s *Service) deny(ctx context.Context, w Staffer, action string, rec Record, why string, args ...any) error {
	ev := w.actor().Event(action, "request", rec.ID, audit.ResultDenied, why)
	if rec.AgencyID == 0 || !canRead(w, rec.AgencyID) {
		return &auditedError{ev: ev, err: apperr.Wrap(apperr.NotFound, "request.not_found",
			fmt.Errorf("casework: %s request %d: denied: %s", action, rec.ID, why))}
	}
	return &auditedError{ev: ev, err: apperr.Wrap(apperr.Forbidden, why, fmt.Errorf("casework: %s request %d: %s", action, rec.ID, why), args...)}
}

// An auditedError is a refusal or failure whose audit event must survive
// the rollback of the transaction it happened in: finish records it once
// the transaction is over (GB/T 22239-2019 8.1.4.3: failed and refused
// attempts are audited too).
type auditedError struct {
	ev       audit.Event
	err      error
	recorded bool
}

// Error returns the error shown to the caller.
func (e *auditedError) Error() string { return e.err.Error() }

// Unwrap returns the error shown to the caller, for errors.Is and As.
func (e *auditedError) Unwrap() error { return e.err }

// finish records the audit event of an auditedError in err, outside any
// transaction; every public method returns through it.
func (s *Service) finish(ctx context.Context, err error) error {
	var ae *auditedError
	if errors.As(err, &ae) && !ae.recorded {
		ae.recorded = true
		if rerr := s.log.Record(ctx, ae.ev); rerr != nil {
			return fmt.Errorf("%w (audit: %v)", err, rerr)
		}
	}
	return err
}

// tx runs fn in a write transaction, queued behind the others of this
// process, and records any refusal after it.
func (s *Service) tx(ctx context.Context, fn func(ctx context.Context) error) error {
	s.wmu.Lock()
	err := s.st.InTx(ctx, fn)
	s.wmu.Unlock()
	return s.finish(ctx, err)
}

// domainErr turns a refused workflow step into an apperr with its Chinese
// message.
func domainErr(op string, err error) error {
	var re *request.Error
	if errors.As(err, &re) {
		k := apperr.Invalid
		switch {
		case errors.Is(err, request.ErrTransition):
			k = apperr.Conflict
		case errors.Is(err, request.ErrRole):
			k = apperr.Forbidden
		}
		return apperr.Wrap(k, re.Key, fmt.Errorf("casework: %s: %w", op, err), re.Args...)
	}
	var fe *request.FieldError
	if errors.As(err, &fe) {
		return apperr.Wrap(apperr.Invalid, fe.Key, fmt.Errorf("casework: %s: %w", op, err), fe.Args...)
	}
	return fmt.Errorf("casework: %s: %w", op, err)
}

func (w Staffer) hasRole(r account.Role) bool { return slices.Contains(w.Subject.Roles, r) }

func canActIn(w Staffer, a auth.Action, agencyID int64) bool { return auth.Can(w.Subject, a, agencyID) }
