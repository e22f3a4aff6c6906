package season

import (
	"context"
	"fmt"
	"net/mail"
	"strings"
	"time"

	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/calendar"
	"github.com/gongkai/gongkai/internal/casework"
	"github.com/gongkai/gongkai/internal/report"
)

// ReminderDays are the working days before its deadline at which an
// agency that has not published its report is reminded (#13).
var ReminderDays = []int{1, 5, 15}

// Deadline is the 条例第四十九条 deadline of a's report on year: 31 March
// of the next year for a 人民政府, 31 January for every other kind.
func Deadline(a agency.Agency, year int) calendar.Date {
	d := report.DeadlineOf(a.Kind == agency.Government, year)
	return calendar.D(d.Year(), d.Month(), d.Day())
}

// Due returns the reminder an agency is due on today, with its deadline
// dl on cal: the tightest of ReminderDays that the working days left
// (cal.WorkdaysBetween(today, dl)) have reached, and the days left. ok is
// false after the deadline and more than the widest one before it. A
// reminder whose day passed while the server was down is not sent late
// once a tighter one is due: each run sends only the tightest.
func Due(cal *calendar.Calendar, today, dl calendar.Date) (days, left int, ok bool) {
	if today.After(dl) {
		return 0, 0, false
	}
	left = cal.WorkdaysBetween(today, dl)
	for _, d := range ReminderDays {
		if left <= d {
			return d, left, true
		}
	}
	return 0, left, false
}

// RunReminders reminds every agency that owes a report and has not
// published it, 15, 5 and 1 working days before its deadline (its own
// calendar: national holidays, 调休 and local closures), in-app and by
// mail where configured. Each reminder is recorded once under the key
// remind:<agency>:<year>:<days>, in the transaction of its mail, so a
// restart or a second run the same day sends nothing twice. It returns how
// many it sent. A ticker in `gongkai serve` calls it.
func (s *Service) RunReminders(ctx context.Context, now time.Time) (int, error) {
	today := calendar.Of(now.In(cst))
	n := 0
	// The reports on last year are due in January and March; a deadline
	// in January can put the 15th working day before it in December.
	for _, year := range []int{today.Year() - 1, today.Year()} {
		if !seasonNear(today, year) {
			continue
		}
		ags, err := s.st.UnpublishedAgencies(ctx, year)
		if err != nil {
			return n, err
		}
		for _, a := range ags {
			k, err := s.remind(ctx, a, year, today, now)
			if err != nil {
				return n, err
			}
			n += k
		}
	}
	return n, nil
}

// seasonNear is a cheap guard: whether today is within two months before
// either deadline on year (so the agencies are listed only then).
func seasonNear(today calendar.Date, year int) bool {
	from := calendar.D(year+1, time.January, 31).AddDays(-62)
	return !today.Before(from) && !today.After(calendar.D(year+1, time.March, 31))
}

func (s *Service) remind(ctx context.Context, a agency.Agency, year int, today calendar.Date, now time.Time) (int, error) {
	cal, err := s.cal.Calendar(ctx, a.ID)
	if err != nil {
		return 0, err
	}
	dl := Deadline(a, year)
	days, left, ok := Due(cal, today, dl)
	if !ok {
		return 0, nil
	}
	body := fmt.Sprintf("%s：%d 年度政府信息公开工作年度报告应于 %s 前公布（条例第四十九条），距期限还有 %d 个工作日，请及时编制并公布。",
		a.Name, year, dl, left)
	added := false
	err = s.st.InTx(ctx, func(ctx context.Context) error {
		var err error
		_, added, err = s.st.AddSeasonNotice(ctx, Notice{Kind: Remind, Year: year, Body: body,
			Dedupe: fmt.Sprintf("remind:%d:%d:%d", a.ID, year, days), CreatedAt: now.UTC(), Agencies: []int64{a.ID}})
		if err != nil || !added {
			return err
		}
		return s.queueMail(ctx, a.ID, "season.remind", fmt.Sprintf("政府信息公开工作年度报告公布期限提醒（%d 年度）", year), body, now.UTC())
	})
	if err != nil || !added {
		return 0, err
	}
	return 1, nil
}

// queueMail queues the mail of a notice to the address of the agency's
// 政府信息公开指南, in the caller's transaction, when mail is on and the
// address is one a relay would take.
func (s *Service) queueMail(ctx context.Context, agencyID int64, kind, subject, body string, now time.Time) error {
	if s.mail == nil {
		return nil
	}
	addr, err := s.st.AgencyMail(ctx, agencyID)
	if err != nil {
		return err
	}
	addr = strings.TrimSpace(addr)
	if a, err := mail.ParseAddress(addr); addr == "" || err != nil || a.Address == "" || strings.ContainsAny(addr, "\r\n") {
		return nil // no address: the notice stays in-app
	}
	sealed, err := s.mail.seal.Seal(addr)
	if err != nil {
		return fmt.Errorf("season: mail to agency %d: %w", agencyID, err)
	}
	return s.mail.queue.EnqueueMail(ctx, casework.Mail{AgencyID: agencyID, Kind: kind, RecipientEnc: sealed,
		RecipientKey: s.mail.seal.BlindIndex("mail:" + strings.ToLower(addr)), Subject: subject, Body: body, CreatedAt: now})
}
