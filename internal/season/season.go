// Package season runs the annual-report season (#13): reminders to each
// agency 15, 5 and 1 working days before its 条例第四十九条 deadline, and
// the 督办 notices a supervising office sends to late or failing agencies
// (条例第五十条: the 政府信息公开工作主管部门 supervises and urges). Both are
// recorded, shown to the agency's staff until they acknowledge them, and
// mailed through the outbox where mail is configured.
package season

import (
	"context"
	"errors"
	"time"

	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/calendar"
	"github.com/gongkai/gongkai/internal/casework"
)

// Audit actions of this package.
const (
	ActUrge = "season.urge"
	ActAck  = "season.ack"
)

// A Kind is what a notice is.
type Kind string

// The kinds of notice.
const (
	Urge   Kind = "urge"   // a supervisor's 督办 notice
	Remind Kind = "remind" // a reminder before the deadline
)

// A Notice is a 督办 notice or a reminder, with the agencies it went to.
type Notice struct {
	ID         int64
	Kind       Kind
	Year       int // the year the reports are on
	Body       string
	SentBy     string // the supervisor's login; "" for a reminder
	FromAgency int64  // the supervising office; 0 for a reminder
	// Dedupe makes a notice recorded once (a reminder's
	// remind:<agency>:<year>:<days>); "" for a 督办 notice.
	Dedupe    string
	CreatedAt time.Time
	Agencies  []int64
	// Names of Agencies, when read back (Sent).
	Names []string
	// Acked counts the agencies that acknowledged it (Sent).
	Acked int
}

// A Delivery is a notice as one agency received it.
type Delivery struct {
	Notice
	AgencyID int64
	AckedBy  string
	AckedAt  time.Time
}

// Store keeps notices; sqlstore implements it.
type Store interface {
	InTx(ctx context.Context, fn func(ctx context.Context) error) error
	// AddSeasonNotice records n and its agencies; added is false (and
	// nothing is stored) when a notice with n's Dedupe exists.
	AddSeasonNotice(ctx context.Context, n Notice) (id int64, added bool, err error)
	// OpenSeasonNotices lists the notices agencyID has not acknowledged,
	// newest first, at most limit.
	OpenSeasonNotices(ctx context.Context, agencyID int64, limit int) ([]Delivery, error)
	// AckSeasonNotice marks notice id acknowledged by agencyID; false
	// when it was not sent there or is already acknowledged.
	AckSeasonNotice(ctx context.Context, id, agencyID int64, by string, at time.Time) (bool, error)
	// SentSeasonNotices lists the 督办 notices fromAgency sent on year,
	// newest first, at most limit, with their agencies' names.
	SentSeasonNotices(ctx context.Context, fromAgency int64, year, limit int) ([]Notice, error)
	// UnpublishedAgencies lists the agencies that owe a report on year
	// (not flagged no-report) and have not published it.
	UnpublishedAgencies(ctx context.Context, year int) ([]agency.Agency, error)
	// AgencyMail returns the e-mail address of the agency's current
	// 政府信息公开指南, "" when it gives none.
	AgencyMail(ctx context.Context, agencyID int64) (string, error)
	// AgencyMails does the same for many agencies in one read, leaving out
	// those with none.
	AgencyMails(ctx context.Context, ids []int64) (map[int64]string, error)
	// AllCalendarOverrides returns the local calendar changes of every
	// agency that has any (the days casework.Service.Calendar adds to the
	// national calendar), in one read.
	AllCalendarOverrides(ctx context.Context) (map[int64][]calendar.Override, error)
	// ReminderKeys returns the dedupe keys of the reminders on year
	// already recorded.
	ReminderKeys(ctx context.Context, year int) (map[string]bool, error)
	// AddReminders records reminders (one agency each, with a dedupe
	// key) in batches, skipping those recorded already, and returns the
	// ones added with their ids.
	AddReminders(ctx context.Context, ns []Notice) ([]Notice, error)
}

// A Sealer seals a mail recipient for the outbox; *pii.Keyring is one.
type Sealer interface {
	Seal(plain string) (string, error)
	BlindIndex(v string) string
}

// A Service runs the season. It is safe for concurrent use once built.
type Service struct {
	st   Store
	log  *audit.Log
	mail *mailing
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

type mailing struct {
	queue casework.MailQueue
	seal  Sealer
}

// New returns a service on st, recording to log. It refuses a nil
// dependency. The agencies' calendars (national days and local closures)
// are read from st, all at once, by each run of the reminders.
func New(st Store, log *audit.Log) (*Service, error) {
	switch {
	case st == nil:
		return nil, errors.New("season.New: nil Store")
	case log == nil:
		return nil, errors.New("season.New: nil audit.Log")
	}
	return &Service{st: st, log: log}, nil
}

// EnableMail makes every later notice also queue a mail in q to the
// address of each agency's 政府信息公开指南 (staff accounts have no
// address), sealed with seal as the outbox requires. Call it once at
// start, before the service is shared.
func (s *Service) EnableMail(q casework.MailQueue, seal Sealer) {
	s.mail = &mailing{queue: q, seal: seal}
}

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

// cst is China Standard Time: a legal day is a day in Beijing.
var cst = time.FixedZone("CST", 8*3600)
