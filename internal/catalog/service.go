package catalog

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/gongkai/gongkai/internal/account"
	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/calendar"
)

// A Service keeps agencies' catalogues: it runs the review before
// publication, publishes, corrects and withdraws items, imports and
// exports them, and records every write in the audit log in the same
// transaction. It is safe for concurrent use.
type Service struct {
	st  Store
	log *audit.Log
	// wmu queues this process's write transactions (they serialise in
	// the database anyway; see casework.Service).
	wmu sync.Mutex
	// Scanner looks for personal data in bodies and attachments; nil
	// records each scan as not run ("未启用扫描") with no findings.
	Scanner Scanner
	// Blobs keeps attachment bytes; nil refuses attachments.
	Blobs Blobs
	// Now is the clock; nil means time.Now. Every stored time comes from it.
	Now func() time.Time
}

// NewService returns a service on st that records to log. It refuses a
// nil dependency, so a wiring mistake fails at start-up; Scanner, Blobs
// and Now are optional.
func NewService(st Store, log *audit.Log) (*Service, error) {
	switch {
	case st == nil:
		return nil, errors.New("catalog.NewService: nil Store")
	case log == nil:
		return nil, errors.New("catalog.NewService: nil audit.Log")
	}
	return &Service{st: st, log: log}, nil
}

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now().UTC().Truncate(time.Microsecond)
	}
	return time.Now().UTC().Truncate(time.Microsecond)
}

// Today returns the legal date of now, in Beijing.
func (s *Service) Today() calendar.Date { return calendar.Of(s.now().In(CST)) }

// A Staff is a signed-in member of staff acting through the service.
type Staff struct {
	Subject auth.Subject
	IP      string
}

func (w Staff) actor() audit.Actor {
	return audit.Actor{UserID: w.Subject.UserID, Login: w.Subject.Login, IP: w.IP}
}

// itemRoles maps staff roles to the workflow's roles and the permission
// each needs, weakest first.
var itemRoles = []struct {
	acc  account.Role
	role Role
	perm auth.Action
}{
	{account.Clerk, Clerk, auth.CatalogEdit},
	{account.Reviewer, Reviewer, auth.CatalogReview},
	{account.Head, Head, auth.CatalogPublish},
}

// roleFor picks the workflow role in which w may take a on an item of
// agencyID in state: the first of w's roles that both the permission
// table and the workflow allow.
func roleFor(w Staff, a Action, state State, agencyID int64) (Role, bool) {
	for _, r := range itemRoles {
		if !slices.Contains(w.Subject.Roles, r.acc) || !auth.Can(w.Subject, r.perm, agencyID) {
			continue
		}
		t := transitions[a]
		if slices.Contains(t.roles, r.role) && (t.from == nil || slices.Contains(t.from, state)) {
			return r.role, true
		}
	}
	return "", false
}

// Roles returns the workflow roles w holds at agencyID.
func Roles(w Staff, agencyID int64) []Role {
	var out []Role
	for _, r := range itemRoles {
		if slices.Contains(w.Subject.Roles, r.acc) && auth.Can(w.Subject, r.perm, agencyID) {
			out = append(out, r.role)
		}
	}
	return out
}

// deny records a refused access outside any transaction, with why in the
// audit log, and returns the error to show: NotFound when w may not even
// read the agency's items (so ids reveal nothing), Forbidden with msg
// otherwise.
func (s *Service) deny(ctx context.Context, w Staff, action string, id, agencyID int64, why string, msg apperr.Msg) error {
	if err := s.log.Record(ctx, w.actor().Event(action, "catalog_item", id, audit.ResultDenied, why)); err != nil {
		return err
	}
	if agencyID == 0 || !auth.Can(w.Subject, auth.CatalogRead, agencyID) {
		return apperr.New(apperr.NotFound, "catalog.not_found")
	}
	return apperr.New(apperr.Forbidden, "catalog.forbidden", msg)
}

// tx runs fn in a write transaction, queued behind the others of this process.
func (s *Service) tx(ctx context.Context, fn func(ctx context.Context) error) error {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	return s.st.InTx(ctx, fn)
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
			return nil, fmt.Errorf("catalog: calendar of agency %d: %w", agencyID, err)
		}
	}
	return calendar.New(&set), nil
}

// Profile returns an agency's profile and columns, seeding the
// 法定主动公开内容 tree of its level on first use (catalog.md §1).
func (s *Service) Profile(ctx context.Context, agencyID int64, agencyName string) (Profile, []Column, error) {
	var p Profile
	var cols []Column
	err := s.tx(ctx, func(ctx context.Context) error {
		var err error
		p, cols, err = s.ensureProfile(ctx, audit.CLI, agencyID, agencyName)
		return err
	})
	return p, cols, err
}

// ensureProfile loads or seeds an agency's profile and columns inside a
// transaction; seeding is audited.
func (s *Service) ensureProfile(ctx context.Context, by audit.Actor, agencyID int64, agencyName string) (Profile, []Column, error) {
	p, err := s.st.CatalogProfile(ctx, agencyID)
	if apperr.KindOf(err) == apperr.NotFound {
		p = Profile{AgencyID: agencyID, Level: GuessLevel(agencyName)}
		now := s.now()
		if err := s.st.SaveCatalogProfile(ctx, p, now); err != nil {
			return p, nil, err
		}
		cols := DefaultColumns(agencyID, p.Level)
		if err := s.st.AddColumns(ctx, cols, now); err != nil {
			return p, nil, err
		}
		ev := by.Event("catalog.seed", "agency", agencyID, audit.ResultOK,
			fmt.Sprintf("法定主动公开内容目录 %d 个栏目（%s）", len(cols), p.Level))
		if err := s.log.Record(ctx, ev); err != nil {
			return p, nil, err
		}
	} else if err != nil {
		return p, nil, err
	}
	cols, err := s.st.Columns(ctx, agencyID)
	return p, cols, err
}

// SetProfile sets an agency's 统一社会信用代码 and level; by must be a
// 负责人 of the agency, or the console.
func (s *Service) SetProfile(ctx context.Context, by audit.Actor, p Profile, agencyName string) error {
	if !p.Level.Valid() {
		return apperr.New(apperr.Invalid, "catalog.level_invalid", string(p.Level))
	}
	if p.CreditCode != "" {
		if err := checkCreditCode(p.CreditCode); err != nil {
			return apperr.Wrap(apperr.Invalid, "catalog.credit_code_invalid", err, creditCodeReason(err))
		}
	}
	return s.tx(ctx, func(ctx context.Context) error {
		old, _, err := s.ensureProfile(ctx, by, p.AgencyID, agencyName)
		if err != nil {
			return err
		}
		if old.CreditCode != "" && old.CreditCode != p.CreditCode {
			return apperr.New(apperr.Conflict, "catalog.credit_code_fixed", old.CreditCode)
		}
		if old.Level != p.Level {
			// The seeded tree stays: a level change adds the other level's
			// 第二十一条 columns that are missing.
			cols, err := s.st.Columns(ctx, p.AgencyID)
			if err != nil {
				return err
			}
			have := NewTree(cols)
			var add []Column
			for _, c := range DefaultColumns(p.AgencyID, p.Level) {
				if _, ok := have[c.Path]; !ok {
					add = append(add, c)
				}
			}
			if err := s.st.AddColumns(ctx, add, s.now()); err != nil {
				return err
			}
		}
		if err := s.st.SaveCatalogProfile(ctx, p, s.now()); err != nil {
			return err
		}
		return s.log.Record(ctx, by.Event("catalog.profile", "agency", p.AgencyID, audit.ResultOK,
			"统一社会信用代码 "+p.CreditCode+"，层级 "+string(p.Level)))
	})
}

// AddColumn adds an agency's own sub-column under parent (第二十一条
// and the agency's practice); w must be a 负责人 of the agency.
func (s *Service) AddColumn(ctx context.Context, w Staff, agencyID int64, parent, code, name string) (Column, error) {
	if !auth.Can(w.Subject, auth.CatalogPublish, agencyID) {
		return Column{}, s.deny(ctx, w, "catalog.column", 0, agencyID, "添加栏目须由负责人办理", apperr.M("catalog.deny.column"))
	}
	var c Column
	err := s.tx(ctx, func(ctx context.Context) error {
		cols, err := s.st.Columns(ctx, agencyID)
		if err != nil {
			return err
		}
		c, err = NewTree(cols).NewSubColumn(parent, code, name)
		if err != nil {
			return err
		}
		if err := s.st.AddColumns(ctx, []Column{c}, s.now()); err != nil {
			return err
		}
		return s.log.Record(ctx, w.actor().Event("catalog.column", "agency", agencyID, audit.ResultOK, c.Path+" "+c.Name))
	})
	return c, err
}

// load reads an item's record and replays its workflow; the item's
// Content is the working copy, or the live content when there is none.
func (s *Service) load(ctx context.Context, id int64) (Record, *Item, error) {
	rec, err := s.st.Item(ctx, id)
	if err != nil {
		return rec, nil, err
	}
	evs, err := s.st.ItemEvents(ctx, id)
	if err != nil {
		return rec, nil, err
	}
	it, err := Load(id, evs)
	if err != nil {
		return rec, nil, fmt.Errorf("catalog: load item %d: %w", id, err)
	}
	it.AgencyID = rec.AgencyID
	if it.Versions, err = s.st.Versions(ctx, id); err != nil {
		return rec, nil, err
	}
	switch {
	case rec.Draft != nil:
		it.Content = *rec.Draft
	default:
		if v, ok := it.LiveVersion(); ok {
			it.Content = v.Content
		} else {
			it.Content = rec.Shown
		}
	}
	return rec, it, nil
}

// Get returns an item with its history, for staff who may read the
// agency's items.
func (s *Service) Get(ctx context.Context, w Staff, id int64) (*Item, error) {
	rec, it, err := s.load(ctx, id)
	if apperr.KindOf(err) == apperr.NotFound {
		return nil, apperr.New(apperr.NotFound, "catalog.not_found")
	}
	if err != nil {
		return nil, err
	}
	if !auth.Can(w.Subject, auth.CatalogRead, rec.AgencyID) {
		return nil, s.deny(ctx, w, "catalog.read", id, rec.AgencyID, "无权查看本机关以外的信息", apperr.M("catalog.deny.other_agency"))
	}
	return it, nil
}

// List returns the items f selects of an agency w may read.
func (s *Service) List(ctx context.Context, w Staff, f Filter) ([]Record, error) {
	if !auth.Can(w.Subject, auth.CatalogRead, f.AgencyID) {
		return nil, s.deny(ctx, w, "catalog.list", 0, f.AgencyID, "无权查看本机关以外的信息", apperr.M("catalog.deny.other_agency"))
	}
	return s.st.ListItems(ctx, f)
}

func itoa(n int) string { return strconv.Itoa(n) }

var errNoCreditCode = errors.New("no credit code")
