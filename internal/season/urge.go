package season

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/gongkai/gongkai/internal/account"
	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/casework"
)

// MaxBody is the longest 督办 text, in characters.
const MaxBody = 2000

// MaxUrged is how many agencies one 督办 notice may go to.
const MaxUrged = 20000

// Urge records a 督办 notice (条例第五十条) from w's office to agencies on
// the reports of year, in one transaction with its audit event and, where
// mail is on, the mails to the agencies' 指南 addresses. Only a 监督员 may
// send one, and only to agencies in its scope; the text is required.
// Which agencies are urged is the supervisor's choice (the overview's
// late and failing ones, usually): it is not checked against their status.
func (s *Service) Urge(ctx context.Context, w casework.Staffer, year int, agencies []int64, body string) (Notice, error) {
	sub := w.Subject
	if !slices.Contains(sub.Roles, account.Supervisor) || sub.Disabled {
		return Notice{}, apperr.New(apperr.Forbidden, "season.urge_forbidden")
	}
	if year < 2008 || year > 2200 {
		return Notice{}, apperr.New(apperr.Invalid, "annual.year_range")
	}
	body = strings.TrimSpace(body)
	switch n := utf8.RuneCountInString(body); {
	case n == 0:
		return Notice{}, apperr.New(apperr.Invalid, "season.body_required")
	case n > MaxBody:
		return Notice{}, apperr.New(apperr.Invalid, "season.body_long", MaxBody)
	case strings.ContainsFunc(body, func(r rune) bool { return unicode.IsControl(r) && r != '\n' && r != '\r' && r != '\t' }):
		return Notice{}, apperr.New(apperr.Invalid, "season.body_control")
	}
	ids := slices.Clone(agencies)
	slices.Sort(ids)
	ids = slices.Compact(ids)
	switch {
	case len(ids) == 0:
		return Notice{}, apperr.New(apperr.Invalid, "season.no_agencies")
	case len(ids) > MaxUrged:
		return Notice{}, apperr.New(apperr.Invalid, "season.too_many", MaxUrged)
	}
	for _, id := range ids {
		if !slices.Contains(sub.Scope, id) {
			return Notice{}, apperr.New(apperr.NotFound, "agency.not_found")
		}
	}
	n := Notice{Kind: Urge, Year: year, Body: body, SentBy: sub.Login, FromAgency: sub.AgencyID,
		CreatedAt: s.now().UTC(), Agencies: ids}
	err := s.st.InTx(ctx, func(ctx context.Context) error {
		id, _, err := s.st.AddSeasonNotice(ctx, n)
		if err != nil {
			return err
		}
		n.ID = id
		by := audit.Actor{UserID: sub.UserID, Login: sub.Login, IP: w.IP}
		if err := s.log.Record(ctx, by.Event(ActUrge, "season_notice", id, audit.ResultOK,
			fmt.Sprintf("year=%d agencies=%d", year, len(ids)))); err != nil {
			return err
		}
		subject := fmt.Sprintf("政府信息公开工作年度报告督办通知（%d 年度）", year)
		for _, ag := range ids {
			if err := s.queueMail(ctx, ag, "season.urge", subject, body, n.CreatedAt); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return Notice{}, err
	}
	return n, nil
}

// Open lists the notices w's agency has not acknowledged, newest first:
// what its staff see on their dashboard.
func (s *Service) Open(ctx context.Context, w casework.Staffer, limit int) ([]Delivery, error) {
	if w.Subject.Disabled || w.Subject.AgencyID == 0 {
		return nil, nil
	}
	return s.st.OpenSeasonNotices(ctx, w.Subject.AgencyID, limit)
}

// Acknowledge marks notice id read by w's agency, audited. A notice not
// sent to w's agency, or already acknowledged, is not found.
func (s *Service) Acknowledge(ctx context.Context, w casework.Staffer, id int64) error {
	sub := w.Subject
	if sub.Disabled || sub.AgencyID == 0 {
		return apperr.New(apperr.Forbidden, "season.ack_forbidden")
	}
	return s.st.InTx(ctx, func(ctx context.Context) error {
		ok, err := s.st.AckSeasonNotice(ctx, id, sub.AgencyID, sub.Login, s.now().UTC())
		if err != nil {
			return err
		}
		if !ok {
			return apperr.New(apperr.NotFound, "season.notice_not_found")
		}
		by := audit.Actor{UserID: sub.UserID, Login: sub.Login, IP: w.IP}
		return s.log.Record(ctx, by.Event(ActAck, "season_notice", id, audit.ResultOK, fmt.Sprintf("agency=%d", sub.AgencyID)))
	})
}

// Sent lists the 督办 notices w's office sent on year, newest first, at
// most limit: who sent each, when, its text and the agencies.
func (s *Service) Sent(ctx context.Context, w casework.Staffer, year, limit int) ([]Notice, error) {
	if !slices.Contains(w.Subject.Roles, account.Supervisor) || w.Subject.Disabled {
		return nil, apperr.New(apperr.Forbidden, "season.urge_forbidden")
	}
	return s.st.SentSeasonNotices(ctx, w.Subject.AgencyID, year, limit)
}
