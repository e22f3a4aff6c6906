// Package agency holds the agencies (机关) that use gongkai and their
// hierarchy: a city government above its districts, a district above its
// departments. A supervisor's view covers everything below its agency.
package agency

import (
	"context"
	"errors"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/audit"
)

// An Agency is one administrative organ (行政机关) or office.
type Agency struct {
	ID int64
	// Name is the full official name; unique across the installation.
	Name string
	// ParentID is the agency directly above, or 0 for a top-level one.
	ParentID int64
	// OverseesID, when not 0, is the agency whose whole subtree this one
	// supervises although it is not above it: a 政务公开办 inside the
	// 人民政府办公厅 oversees the government of its level (条例第三条:
	// 政府办公厅(室) 是本行政区域的政府信息公开工作主管部门).
	OverseesID int64
	// Kind decides the report deadline (条例第四十九条); Create guesses it
	// from the name when it is empty.
	Kind Kind
	// NoReport marks an agency that publishes no annual report of its own
	// (a supervising 政务公开办 whose work its government's report covers):
	// the overview does not count it among those that owe one.
	NoReport bool
	// CreditCode is the 统一社会信用代码, or "" when not known.
	CreditCode string
	CreatedAt  time.Time
}

// Store is what the agency package needs from storage.
type Store interface {
	// CreateAgency inserts a (CreatedAt set by the caller) and returns it
	// with its ID. A taken name is an apperr.Conflict; a missing parent apperr.NotFound.
	CreateAgency(ctx context.Context, a Agency) (Agency, error)
	// Agency returns the agency with id, or an apperr.NotFound error.
	Agency(ctx context.Context, id int64) (Agency, error)
	// AgencyByName returns the agency named name, or apperr.NotFound.
	AgencyByName(ctx context.Context, name string) (Agency, error)
	// ListAgencies returns every agency ordered by ID.
	ListAgencies(ctx context.Context) ([]Agency, error)
	// ParentAgencies returns the agencies that have at least one agency
	// directly below them, ordered by ID: the roots a supervisor can
	// narrow a list to, without reading every agency of a province.
	ParentAgencies(ctx context.Context) ([]Agency, error)
	// SetAgencyKind changes the kind and the no-report flag of agency id
	// (apperr.NotFound when there is none).
	SetAgencyKind(ctx context.Context, id int64, k Kind, noReport bool) error
	// Subtree returns the IDs of agency id and of every agency below it,
	// at any depth, in ascending order.
	Subtree(ctx context.Context, id int64) ([]int64, error)
}

// MaxNameLen is the longest agency name accepted, in characters.
const MaxNameLen = 100

// NormalizeName trims surrounding space and collapses inner runs of space,
// so "北仑区  教育局 " and "北仑区 教育局" are the same name.
func NormalizeName(name string) string {
	return strings.Join(strings.Fields(name), " ")
}

// Validate checks a before it is stored.
func (a Agency) Validate() error {
	if a.Name == "" {
		return apperr.New(apperr.Invalid, "agency.name_required")
	}
	if utf8.RuneCountInString(a.Name) > MaxNameLen {
		return apperr.New(apperr.Invalid, "agency.name_too_long", MaxNameLen)
	}
	if a.Kind != "" && !a.Kind.Valid() { // "" is guessed by Create
		return apperr.New(apperr.Invalid, "agency.kind_invalid", string(a.Kind))
	}
	if a.ParentID < 0 || a.OverseesID < 0 {
		return apperr.New(apperr.Invalid, "agency.parent_invalid")
	}
	return nil
}

// A Service adds agencies, recording each one in the audit log in the same
// transaction. Callers check auth.Can(subject, auth.AgencyManage, 0) first.
type Service struct {
	Store Store
	Tx    audit.TxRunner
	Audit *audit.Log
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

// TxStore is a Store that can run transactions; *sqlstore.Store is one.
type TxStore interface {
	Store
	audit.TxRunner
}

// NewService returns a Service on st writing to log. It refuses a nil
// dependency, so a wiring mistake fails at start-up; Now is optional.
func NewService(st TxStore, log *audit.Log) (*Service, error) {
	switch {
	case st == nil:
		return nil, errors.New("agency.NewService: nil Store")
	case log == nil:
		return nil, errors.New("agency.NewService: nil audit.Log")
	}
	return &Service{Store: st, Tx: st, Audit: log}, nil
}

// Add creates an agency named name under the agency named parent (empty
// for a top-level agency) and records agency.create in the audit log.
func (s *Service) Add(ctx context.Context, by audit.Actor, name, parent string) (Agency, error) {
	a := Agency{Name: name}
	if p := NormalizeName(parent); p != "" {
		pa, err := s.Store.AgencyByName(ctx, p)
		if err != nil {
			return Agency{}, err
		}
		a.ParentID = pa.ID
	}
	return s.Create(ctx, by, a)
}

// Create stores a as given (parent and oversight by ID), created now, and
// records agency.create; the demo seed and the back office use it.
func (s *Service) Create(ctx context.Context, by audit.Actor, a Agency) (Agency, error) {
	a.Name = NormalizeName(a.Name)
	a.CreatedAt = s.now()
	if a.Kind == "" {
		a.Kind = GuessKind(a.Name)
	}
	if err := a.Validate(); err != nil {
		return Agency{}, err
	}
	var out Agency
	err := s.Tx.InTx(ctx, func(ctx context.Context) error {
		var err error
		out, err = s.Store.CreateAgency(ctx, a)
		if err != nil {
			return err
		}
		return s.Audit.Record(ctx, by.Event(audit.ActAgencyCreate, "agency", out.ID, audit.ResultOK, out.Name))
	})
	return out, err
}

// SetKind changes the kind and the no-report flag of agency id and
// records agency.update in the audit log, in one transaction.
func (s *Service) SetKind(ctx context.Context, by audit.Actor, id int64, k Kind, noReport bool) error {
	if !k.Valid() {
		return apperr.New(apperr.Invalid, "agency.kind_invalid", string(k))
	}
	return s.Tx.InTx(ctx, func(ctx context.Context) error {
		if err := s.Store.SetAgencyKind(ctx, id, k, noReport); err != nil {
			return err
		}
		detail := "kind=" + string(k)
		if noReport {
			detail += " no_report"
		}
		return s.Audit.Record(ctx, by.Event(audit.ActAgencyUpdate, "agency", id, audit.ResultOK, detail))
	})
}

// Scope returns the IDs of the agencies a person working at agency id can
// see as a supervisor: the subtree of id, plus the subtree of the agency it
// oversees, if any.
func Scope(ctx context.Context, st Store, id int64) ([]int64, error) {
	ids, err := st.Subtree(ctx, id)
	if err != nil {
		return nil, err
	}
	a, err := st.Agency(ctx, id)
	if err != nil {
		return nil, err
	}
	if a.OverseesID == 0 {
		return ids, nil
	}
	more, err := st.Subtree(ctx, a.OverseesID)
	if err != nil {
		return nil, err
	}
	seen := make(map[int64]bool, len(ids)+len(more))
	var out []int64
	for _, x := range append(ids, more...) {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out, nil
}
