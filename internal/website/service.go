package website

import (
	"context"
	"errors"
	"fmt"
	"net/mail"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/calendar"
	"github.com/gongkai/gongkai/internal/catalog"
)

// A Service keeps the site's identity and the agencies' 指南 and 制度,
// recording every change in the audit log in the same transaction. The
// caller checks who may make a change (the console, or a 负责人 of the
// agency in the back office).
type Service struct {
	st  Store
	log *audit.Log
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

// NewService returns a service on st that records to log. It refuses a
// nil dependency, so a wiring mistake fails at start-up.
func NewService(st Store, log *audit.Log) (*Service, error) {
	switch {
	case st == nil:
		return nil, errors.New("website.NewService: nil Store")
	case log == nil:
		return nil, errors.New("website.NewService: nil audit.Log")
	}
	return &Service{st: st, log: log}, nil
}

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now().UTC().Truncate(time.Microsecond)
	}
	return time.Now().UTC().Truncate(time.Microsecond)
}

// Identity returns the identity a page of agencyID's 专栏 shows: the
// site's, with the fields the agency sets in their place. agencyID SiteID
// returns the site's own.
func (s *Service) Identity(ctx context.Context, agencyID int64) (Identity, error) {
	site, err := s.st.SiteIdentity(ctx, SiteID)
	if err != nil || agencyID == SiteID {
		return site, err
	}
	own, err := s.st.SiteIdentity(ctx, agencyID)
	if err != nil {
		return site, err
	}
	return site.Over(own), nil
}

// Stored returns the identity kept for agencyID alone (SiteID: the site).
func (s *Service) Stored(ctx context.Context, agencyID int64) (Identity, error) {
	return s.st.SiteIdentity(ctx, agencyID)
}

// SetIdentity replaces the identity kept for id.AgencyID.
func (s *Service) SetIdentity(ctx context.Context, by audit.Actor, id Identity) error {
	id = id.normalize()
	if err := id.Check(); err != nil {
		return err
	}
	id.UpdatedBy, id.UpdatedAt = by.Login, s.now()
	return s.st.InTx(ctx, func(ctx context.Context) error {
		if err := s.st.SaveSiteIdentity(ctx, id); err != nil {
			return err
		}
		return s.log.Record(ctx, by.Event("website.identity", "agency", id.AgencyID, audit.ResultOK,
			fmt.Sprintf("网站标识码 %s；ICP %s；公安备案 %s；主办 %s", id.SiteCode, id.ICP, id.PoliceRecord, id.Sponsor)))
	})
}

// Docs returns every version of an agency's 指南 or 制度, newest first.
func (s *Service) Docs(ctx context.Context, agencyID int64, kind Kind) ([]Doc, error) {
	if !kind.Valid() {
		return nil, apperr.New(apperr.Invalid, "website.kind_invalid", string(kind))
	}
	return s.st.Docs(ctx, agencyID, kind)
}

// Current returns the version of an agency's text in effect on day: the
// newest whose EffectiveOn is not after it (a version saved ahead of its
// date waits). ok is false when there is none.
func Current(docs []Doc, day calendar.Date) (Doc, bool) {
	for _, d := range docs {
		if !d.EffectiveOn.After(day) {
			return d, true
		}
	}
	return Doc{}, false
}

// SaveDoc stores d as the next version of the agency's text of its kind:
// the body is sanitized, the fields trimmed and checked; an unset
// EffectiveOn is today (Beijing). It returns the version stored.
func (s *Service) SaveDoc(ctx context.Context, by audit.Actor, d Doc) (Doc, error) {
	if !d.Kind.Valid() {
		return d, apperr.New(apperr.Invalid, "website.kind_invalid", string(d.Kind))
	}
	for _, f := range []*string{&d.Office, &d.Address, &d.Hours, &d.Phone, &d.Fax, &d.Email, &d.Postcode} {
		*f = strings.TrimSpace(*f)
		if utf8.RuneCountInString(*f) > MaxField {
			return d, apperr.New(apperr.Invalid, "website.field_too_long", MaxField)
		}
	}
	if d.Email != "" {
		if a, err := mail.ParseAddress(d.Email); err != nil || a.Address != d.Email {
			return d, apperr.New(apperr.Invalid, "website.email_invalid", d.Email)
		}
	}
	if d.Postcode != "" && (len(d.Postcode) != 6 || strings.Trim(d.Postcode, "0123456789") != "") {
		return d, apperr.New(apperr.Invalid, "website.postcode_invalid", d.Postcode)
	}
	d.Body = catalog.Sanitize(d.Body)
	if d.Kind == Guide && d.Office == "" && d.Address == "" && d.Phone == "" && strings.TrimSpace(d.Body) == "" {
		return d, apperr.New(apperr.Invalid, "website.guide_empty")
	}
	if d.Kind == Rules && strings.TrimSpace(d.Body) == "" {
		return d, apperr.New(apperr.Invalid, "website.rules_empty")
	}
	now := s.now()
	if d.EffectiveOn.IsZero() {
		d.EffectiveOn = calendar.Of(now.In(catalog.CST))
	}
	d.SavedBy, d.SavedAt = by.Login, now
	err := s.st.InTx(ctx, func(ctx context.Context) error {
		old, err := s.st.Docs(ctx, d.AgencyID, d.Kind)
		if err != nil {
			return err
		}
		d.N = 1
		if len(old) > 0 {
			d.N = old[0].N + 1
		}
		if err := s.st.AddDoc(ctx, d); err != nil {
			return err
		}
		return s.log.Record(ctx, by.Event("website."+string(d.Kind), "agency", d.AgencyID, audit.ResultOK,
			fmt.Sprintf("第 %d 版，自 %s 起施行", d.N, d.EffectiveOn)))
	})
	return d, err
}
