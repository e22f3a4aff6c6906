package casework

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/calendar"
	"github.com/gongkai/gongkai/internal/report/compile"
)

// An AppealSubject is what an appeal not tied to a request is about.
type AppealSubject string

// The subjects: 条例第五十一条 lets anyone who holds that an agency's
// 政府信息公开工作 infringed their rights apply for 行政复议 or sue, and
// 主动公开 (第十九~二十六条) is half of that work.
const (
	// SubjectPublished: what the agency published (e.g. a person's data
	// in a published item).
	SubjectPublished AppealSubject = "published"
	// SubjectNotPublished: a failure to publish what 第二十条 or 第二十一条
	// requires, or to publish it in time (第二十六条).
	SubjectNotPublished AppealSubject = "not_published"
)

var subjectLabels = map[AppealSubject]string{SubjectPublished: "主动公开的政府信息", SubjectNotPublished: "未依法主动公开"}

// Label returns the subject's Chinese name.
func (s AppealSubject) Label() string { return subjectLabels[s] }

// Valid reports whether s is a known subject.
func (s AppealSubject) Valid() bool { _, ok := subjectLabels[s]; return ok }

// AppealSubjects lists the subjects a form offers.
func AppealSubjects() []AppealSubject { return []AppealSubject{SubjectPublished, SubjectNotPublished} }

// A PublicationAppeal is a 行政复议 or 行政诉讼 against an agency about its
// 主动公开, recorded against the agency because no request gave rise to it.
// Table 四 counts it like the appeals of requests (regulation.md §7).
type PublicationAppeal struct {
	ID       int64
	AgencyID int64
	Kind     AppealKind
	Subject  AppealSubject
	Matter   string // what it concerns: the item published, or the information not published
	// ItemIndex is the 索引号 of the catalogue item the appeal concerns,
	// when there is one (optional); ItemID is that item, found by it.
	ItemIndex string
	ItemID    int64
	Filed     calendar.Date // required: there is no request date to assume it from
	Concluded calendar.Date
	Result    AppealResult
	Note      string
	CreatedAt time.Time
}

// ReportID is how the annual report lists the appeal behind the cells of
// table 四 it counts in (a request is listed by its tracking number).
func (a PublicationAppeal) ReportID() string { return fmt.Sprintf("主动公开-%d", a.ID) }

// publicationAppealStore is the part of Store for appeals not tied to a
// request.
type publicationAppealStore interface {
	// AddPublicationAppeal inserts a (CreatedAt set) and returns it with
	// its ID.
	AddPublicationAppeal(ctx context.Context, a PublicationAppeal) (PublicationAppeal, error)
	// UpdatePublicationAppeal writes the filing and conclusion dates, the
	// result and the note of a.
	UpdatePublicationAppeal(ctx context.Context, a PublicationAppeal) error
	PublicationAppeal(ctx context.Context, id int64) (PublicationAppeal, error)
	// PublicationAppeals returns an agency's appeals in filing order.
	PublicationAppeals(ctx context.Context, agencyID int64) ([]PublicationAppeal, error)
	// PublicationAppealsOf is PublicationAppeals of many agencies in one
	// read, by agency.
	PublicationAppealsOf(ctx context.Context, agencyIDs []int64) (map[int64][]PublicationAppeal, error)
	// CatalogItemByIndexNo returns the catalogue item holding an 索引号
	// and its agency, or apperr.NotFound.
	CatalogItemByIndexNo(ctx context.Context, indexNo string) (id, agencyID int64, err error)
}

// checkPublicationAppeal validates a: kind, subject, what it concerns, the
// filing date, and the conclusion as for any appeal.
func checkPublicationAppeal(a *PublicationAppeal, today calendar.Date) error {
	a.Matter, a.Note = strings.TrimSpace(a.Matter), strings.TrimSpace(a.Note)
	switch a.Kind {
	case Review, LitigationDirect, LitigationAfterReview:
	default:
		return apperr.New(apperr.Invalid, "appeal.kind_required")
	}
	switch {
	case !a.Subject.Valid():
		return apperr.New(apperr.Invalid, "appeal.subject_required")
	case a.Matter == "":
		return apperr.New(apperr.Invalid, "appeal.matter_required")
	case a.Filed.IsZero():
		return apperr.New(apperr.Invalid, "appeal.filed_required")
	case a.Filed.After(today) || a.Concluded.After(today):
		return apperr.New(apperr.Invalid, "step.date_future", a.Filed, today)
	}
	return checkAppeal(Appeal{Filed: a.Filed, Concluded: a.Concluded, Result: a.Result})
}

// AddPublicationAppeal records a 行政复议 or 行政诉讼 about the 主动公开 of
// the agency of w (a clerk or the 负责人 there), not tied to a request.
func (s *Service) AddPublicationAppeal(ctx context.Context, w Staffer, a PublicationAppeal) (PublicationAppeal, error) {
	a.AgencyID = w.Subject.AgencyID
	if err := checkPublicationAppeal(&a, s.Today()); err != nil {
		return a, err
	}
	a.CreatedAt = s.now()
	err := s.tx(ctx, func(ctx context.Context) error {
		if !canActIn(w, auth.RequestHandle, a.AgencyID) && !canActIn(w, auth.RequestApprove, a.AgencyID) {
			return s.deny(ctx, w, "agency.appeal", Record{AgencyID: a.AgencyID}, "deny.appeal")
		}
		if err := s.appealItem(ctx, &a); err != nil {
			return err
		}
		var err error
		if a, err = s.st.AddPublicationAppeal(ctx, a); err != nil {
			return err
		}
		if err := s.guardPeriods(ctx, a.AgencyID, a.Filed, a.Concluded); err != nil {
			return err
		}
		return s.log.Record(ctx, w.actor().Event("agency.appeal", "agency", a.AgencyID, audit.ResultOK,
			fmt.Sprintf("%s %s %s 提起 %s：%s", a.ReportID(), a.Kind, a.Subject, a.Filed, clipText(a.Matter, 80))))
	})
	return a, err
}

// appealItem finds the catalogue item a names by its 索引号, which must
// be one of a's agency: an appeal concerns what that agency published.
func (s *Service) appealItem(ctx context.Context, a *PublicationAppeal) error {
	a.ItemIndex, a.ItemID = strings.TrimSpace(a.ItemIndex), 0
	if a.ItemIndex == "" {
		return nil
	}
	id, agencyID, err := s.st.CatalogItemByIndexNo(ctx, a.ItemIndex)
	if err != nil && !errors.Is(err, apperr.NotFound) {
		return err
	}
	if err != nil || agencyID != a.AgencyID {
		return apperr.New(apperr.Invalid, "appeal.item_unknown", a.ItemIndex)
	}
	a.ItemID = id
	return nil
}

// ConcludePublicationAppeal records the conclusion date and result (and
// may correct the filing date and note) of appeal a.ID, for staff of its
// agency.
func (s *Service) ConcludePublicationAppeal(ctx context.Context, w Staffer, a PublicationAppeal) error {
	return s.tx(ctx, func(ctx context.Context) error {
		old, err := s.st.PublicationAppeal(ctx, a.ID)
		if err != nil {
			return err
		}
		// Whose it is first: another agency's appeal is not found, whatever
		// the form says.
		if !canActIn(w, auth.RequestHandle, old.AgencyID) && !canActIn(w, auth.RequestApprove, old.AgencyID) {
			return s.deny(ctx, w, "agency.appeal", Record{AgencyID: old.AgencyID}, "deny.appeal")
		}
		if a.Concluded.IsZero() || a.Result == "" {
			return apperr.New(apperr.Invalid, "appeal.conclusion_required")
		}
		upd := old
		upd.Concluded, upd.Result = a.Concluded, a.Result
		if !a.Filed.IsZero() {
			upd.Filed = a.Filed
		}
		if strings.TrimSpace(a.Note) != "" {
			upd.Note = a.Note
		}
		if err := checkPublicationAppeal(&upd, s.Today()); err != nil {
			return err
		}
		if err := s.st.UpdatePublicationAppeal(ctx, upd); err != nil {
			return err
		}
		if err := s.guardPeriods(ctx, old.AgencyID, old.Filed, old.Concluded, upd.Filed, upd.Concluded); err != nil {
			return err
		}
		return s.log.Record(ctx, w.actor().Event("agency.appeal_concluded", "agency", old.AgencyID, audit.ResultOK,
			fmt.Sprintf("%s %s %s %s", upd.ReportID(), upd.Kind, upd.Concluded, upd.Result)))
	})
}

// PublicationAppeals lists the appeals not tied to a request of agencyID,
// for w who may read its requests.
func (s *Service) PublicationAppeals(ctx context.Context, w Staffer, agencyID int64) ([]PublicationAppeal, error) {
	if !canRead(w, agencyID) {
		return nil, s.finish(ctx, s.deny(ctx, w, "agency.appeal", Record{AgencyID: agencyID}, "deny.other_agency"))
	}
	return s.st.PublicationAppeals(ctx, agencyID)
}

// matters returns the appeals not tied to a request of agencyID as the
// compiler counts them.
func (s *Service) matters(ctx context.Context, agencyID int64) ([]compile.Matter, error) {
	as, err := s.st.PublicationAppeals(ctx, agencyID)
	if err != nil {
		return nil, err
	}
	return mattersOf(as), nil
}

// mattersOf returns the publication appeals as the compiler counts them.
func mattersOf(as []PublicationAppeal) []compile.Matter {
	out := make([]compile.Matter, 0, len(as))
	for _, a := range as {
		out = append(out, compile.Matter{ID: a.ReportID(),
			Appeal: compileAppeal(Appeal{Kind: a.Kind, Filed: a.Filed, Concluded: a.Concluded, Result: a.Result})})
	}
	return out
}
