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
// remind:<agency>:<year>:<days> (UNIQUE), in the transaction of its mail,
// so a restart or a second run the same day sends nothing twice. It
// returns how many it sent. A ticker in `gongkai serve` calls it hourly.
//
// A run is a few set-based queries whatever the number of agencies: the
// unpublished agencies of each year in season (one query a year), every
// agency's local calendar changes (one), the reminders already recorded
// (one a year), the mail addresses of the agencies due (one, when mail is
// on), then the new reminders written reminderTx a transaction, many an
// INSERT. Catch-up: only the tightest threshold reached is sent (Due), so
// a first start, or a restart after downtime, sends at most one reminder
// per agency and year, never the stale wider ones.
func (s *Service) RunReminders(ctx context.Context, now time.Time) (int, error) {
	today := calendar.Of(now.In(cst))
	var due []Notice
	var cals map[int64]*calendar.Calendar
	// The reports on last year are due in January and March; a deadline
	// in January can put the 15th working day before it in December.
	for _, year := range []int{today.Year() - 1, today.Year()} {
		if !seasonNear(today, year) {
			continue
		}
		ags, err := s.st.UnpublishedAgencies(ctx, year)
		if err != nil || len(ags) == 0 {
			if err != nil {
				return 0, err
			}
			continue
		}
		if cals == nil {
			if cals, err = s.calendars(ctx); err != nil {
				return 0, err
			}
		}
		sent, err := s.st.ReminderKeys(ctx, year)
		if err != nil {
			return 0, err
		}
		for _, a := range ags {
			cal := cals[a.ID]
			if cal == nil {
				cal = calendar.National()
			}
			dl := Deadline(a, year)
			days, left, ok := Due(cal, today, dl)
			key := fmt.Sprintf("remind:%d:%d:%d", a.ID, year, days)
			if !ok || sent[key] {
				continue
			}
			due = append(due, Notice{Kind: Remind, Year: year, Dedupe: key, CreatedAt: now.UTC(), Agencies: []int64{a.ID},
				Body: fmt.Sprintf("%s：%d 年度政府信息公开工作年度报告应于 %s 前公布（条例第四十九条），距期限还有 %d 个工作日，请及时编制并公布。",
					a.Name, year, dl, left)})
		}
	}
	if len(due) == 0 {
		return 0, nil
	}
	var addrs map[int64]string
	if s.mail != nil {
		ids := make([]int64, len(due))
		for i, n := range due {
			ids[i] = n.Agencies[0]
		}
		var err error
		if addrs, err = s.st.AgencyMails(ctx, ids); err != nil {
			return 0, err
		}
	}
	n := 0
	for start := 0; start < len(due); start += reminderTx {
		part := due[start:min(start+reminderTx, len(due))]
		err := s.st.InTx(ctx, func(ctx context.Context) error {
			added, err := s.st.AddReminders(ctx, part)
			if err != nil {
				return err
			}
			for _, r := range added {
				subject := fmt.Sprintf("政府信息公开工作年度报告公布期限提醒（%d 年度）", r.Year)
				if err := s.queueMailTo(ctx, r.Agencies[0], addrs[r.Agencies[0]], "season.remind", subject, r.Body, r.CreatedAt); err != nil {
					return err
				}
			}
			n += len(added)
			return nil
		})
		if err != nil {
			return n, err
		}
	}
	return n, nil
}

// reminderTx is how many reminders (and their mails) one transaction of
// RunReminders writes.
const reminderTx = 2000

// seasonNear is a cheap guard: whether today is within two months before
// either deadline on year (so the agencies are listed only then).
func seasonNear(today calendar.Date, year int) bool {
	from := calendar.D(year+1, time.January, 31).AddDays(-62)
	return !today.Before(from) && !today.After(calendar.D(year+1, time.March, 31))
}

// calendars returns the calendar of every agency with local changes (the
// others keep the national calendar), built as casework.Service.Calendar
// builds one, from one read.
func (s *Service) calendars(ctx context.Context) (map[int64]*calendar.Calendar, error) {
	all, err := s.st.AllCalendarOverrides(ctx)
	if err != nil {
		return nil, err
	}
	out := make(map[int64]*calendar.Calendar, len(all))
	for id, os := range all {
		var set calendar.Overrides
		for _, o := range os {
			if err := set.Add(o); err != nil {
				return nil, fmt.Errorf("season: calendar of agency %d: %w", id, err)
			}
		}
		out[id] = calendar.New(&set)
	}
	return out, nil
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
	return s.queueMailTo(ctx, agencyID, addr, kind, subject, body, now)
}

// queueMailTo queues the mail to addr, the agency's 指南 address read
// beforehand, as queueMail does.
func (s *Service) queueMailTo(ctx context.Context, agencyID int64, addr, kind, subject, body string, now time.Time) error {
	if s.mail == nil {
		return nil
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
