// Package stationery keeps each agency's letter settings — the letterhead
// printed on its 依申请公开 letters (office, address, phone, contact) and
// the 机关代字 of its document numbers, e.g. 北司公开 — and issues
// document numbers (北司公开〔2026〕12号, no 第: GB/T 9704) once per letter, in sequence per
// agency and year, atomically.
//
// Settings are edited by the agency's 负责人 or a 系统管理员, audited.
package stationery

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/letter"
	"github.com/gongkai/gongkai/internal/request"
)

// ActSave is the audit action of a change of settings.
const ActSave = "letter.settings"

// Settings are an agency's stored letter settings. The agency's name
// (the letterhead's first line) is the agency's own, not stored here.
type Settings struct {
	AgencyID int64
	Office   string
	Address  string
	Postcode string
	Phone    string
	Contact  string
	Website  string
	Prefix   string // 机关代字 of document numbers
	QueryURL string
	Payment  string
	// Remedies: the 复议机关, the competent court and the 复议前置
	// outcomes its letters state (regulation.md §8).
	ReviewBody  string
	Court       string
	ReviewFirst []request.Outcome // with CustomReviewFirst; otherwise letter.DefaultReviewFirst
	// CustomReviewFirst is set once the agency chose its 复议前置 outcomes.
	CustomReviewFirst bool
	UpdatedBy         string
	UpdatedAt         time.Time
}

// Letter returns the settings as package letter uses them, with the
// agency's name as the letterhead.
func (s Settings) Letter(agencyName string) letter.Settings {
	return letter.Settings{Letterhead: letter.Letterhead{Agency: agencyName, Office: s.Office, Address: s.Address,
		Postcode: s.Postcode, Phone: s.Phone, Contact: s.Contact, Website: s.Website},
		NumberPrefix: s.Prefix, QueryURL: s.QueryURL, Payment: s.Payment,
		Remedies: letter.Remedies{ReviewBody: s.ReviewBody, Court: s.Court, ReviewFirst: s.ReviewFirst, Custom: s.CustomReviewFirst}}
}

// Check validates settings before they are stored.
func (s Settings) Check() error {
	for _, f := range []struct {
		v    string
		name apperr.Key
	}{{s.Office, apperr.Key("stationery.office")}, {s.Address, apperr.Key("stationery.address")}, {s.Postcode, apperr.Key("stationery.postcode")},
		{s.Phone, apperr.Key("stationery.phone")}, {s.Contact, apperr.Key("stationery.contact")}, {s.Website, apperr.Key("stationery.website")}, {s.Prefix, apperr.Key("stationery.prefix_field")},
		{s.QueryURL, apperr.Key("stationery.query_url")}, {s.Payment, apperr.Key("stationery.payment")},
		{s.ReviewBody, apperr.Key("stationery.review_body")}, {s.Court, apperr.Key("stationery.court")}} {
		if utf8.RuneCountInString(f.v) > 200 {
			return apperr.New(apperr.Invalid, "stationery.too_long", f.name)
		}
		if strings.ContainsAny(f.v, "\r\n") {
			return apperr.New(apperr.Invalid, "stationery.one_line", f.name)
		}
	}
	if strings.ContainsAny(s.Prefix, "〔〕[]第号 ") {
		return apperr.New(apperr.Invalid, "stationery.prefix")
	}
	// Only an outcome that a reply decides can be 复议前置; the two
	// endings without a reply (逾期不补正, 逾期未缴费) have no letter of
	// their own to carry it.
	for _, o := range s.ReviewFirst {
		if info, ok := o.Info(); !ok || !info.Reply {
			return apperr.New(apperr.Invalid, "stationery.review_first", string(o))
		}
	}
	return nil
}

// Store keeps settings and document numbers; sqlstore implements it.
type Store interface {
	InTx(ctx context.Context, fn func(ctx context.Context) error) error
	// LetterSettings returns an agency's settings; an agency without any
	// gets zero settings (with AgencyID set), not an error.
	LetterSettings(ctx context.Context, agencyID int64) (Settings, error)
	SaveLetterSettings(ctx context.Context, s Settings) error
	// LetterNumber returns the number already issued to letter kind of a
	// request, or issues the next one of the agency's year at time at;
	// concurrent calls never issue one number twice.
	LetterNumber(ctx context.Context, agencyID, requestID int64, kind string, year int, at time.Time) (int, error)
	// NextLetterNumber is the number the next new letter of the year gets.
	NextLetterNumber(ctx context.Context, agencyID int64, year int) (int, error)
	// RaiseLetterNumber makes the next number of the year at least next
	// (an office that numbered on paper so far continues its series).
	RaiseLetterNumber(ctx context.Context, agencyID int64, year, next int) error
}

// A Service reads, saves and numbers.
type Service struct {
	st  Store
	log *audit.Log
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

// New returns a service on st recording to log. It refuses a nil
// dependency, so a wiring mistake fails at start-up; Now is optional.
func New(st Store, log *audit.Log) (*Service, error) {
	switch {
	case st == nil:
		return nil, errors.New("stationery.New: nil Store")
	case log == nil:
		return nil, errors.New("stationery.New: nil audit.Log")
	}
	return &Service{st: st, log: log}, nil
}

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

// CanEdit reports whether s may change agencyID's settings: its 负责人
// (who signs its letters) or a 系统管理员 (settings.manage).
func CanEdit(s auth.Subject, agencyID int64) bool {
	return auth.Can(s, auth.SettingsManage, agencyID) || auth.Can(s, auth.RequestApprove, agencyID)
}

// Get returns an agency's settings and the next document number of year.
func (s *Service) Get(ctx context.Context, agencyID int64, year int) (Settings, int, error) {
	st, err := s.st.LetterSettings(ctx, agencyID)
	if err != nil {
		return Settings{}, 0, err
	}
	next, err := s.st.NextLetterNumber(ctx, agencyID, year)
	return st, next, err
}

// Save stores settings for by (checked with CanEdit) and, when next is
// above the current next number of year, raises it. Audited.
func (s *Service) Save(ctx context.Context, subj auth.Subject, by audit.Actor, set Settings, year, next int) error {
	if !CanEdit(subj, set.AgencyID) {
		_ = s.log.Record(ctx, by.Event(ActSave, "agency", set.AgencyID, audit.ResultDenied, ""))
		return apperr.New(apperr.Forbidden, "stationery.forbidden")
	}
	if err := set.Check(); err != nil {
		return err
	}
	set.UpdatedBy, set.UpdatedAt = by.Login, s.now()
	return s.st.InTx(ctx, func(ctx context.Context) error {
		if err := s.st.SaveLetterSettings(ctx, set); err != nil {
			return err
		}
		detail := "prefix=" + set.Prefix
		if next > 0 {
			if err := s.st.RaiseLetterNumber(ctx, set.AgencyID, year, next); err != nil {
				return err
			}
			detail += fmt.Sprintf(" next%d>=%d", year, next)
		}
		return s.log.Record(ctx, by.Event(ActSave, "agency", set.AgencyID, audit.ResultOK, detail))
	})
}

// Number returns the document number of letter kind of a request, issuing
// it on first use; "" when the agency has no prefix (no numbers issued).
func (s *Service) Number(ctx context.Context, set Settings, requestID int64, kind string, year int) (string, int, error) {
	if set.Prefix == "" {
		return "", 0, nil
	}
	seq, err := s.st.LetterNumber(ctx, set.AgencyID, requestID, kind, year, s.now())
	if err != nil {
		return "", 0, err
	}
	return letter.DocNumber(set.Prefix, year, seq), seq, nil
}
