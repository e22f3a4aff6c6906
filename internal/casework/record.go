// Package casework runs disclosure requests (依申请公开) on the statutory
// clock for the people who handle them: the public submits and follows a
// request with a tracking number and a query code; staff register letters,
// faxes, e-mails and visits, confirm online submissions, and take every
// step of package request's workflow. Each step checks the member of
// staff's role and agency (package auth), appends the step to the
// request's history, writes an audit event, tells the applicant, and
// recomputes the due date with its explanation. Applicants' personal data
// is sealed at rest (package pii) and revealed only to staff of the
// handling agency by an audited Reveal. It also imports and exports
// ledgers and compiles the annual report's tables 三 and 四 from the
// stored requests (package compile).
//
// casework stores nothing itself: it declares the Store it needs, which
// package sqlstore implements.
package casework

import (
	"fmt"
	"time"

	"github.com/gongkai/gongkai/internal/calendar"
	"github.com/gongkai/gongkai/internal/request"
)

// An Origin says how a request came into the system.
type Origin string

// The origins.
const (
	Online Origin = "online" // submitted by the applicant on the portal
	Staff  Origin = "staff"  // registered by staff from a letter, fax, e-mail or visit
	Ledger Origin = "ledger" // imported from a ledger (historic, read-only once ended)
)

// Submitted is the stored state of an online or fax submission that staff
// have not confirmed yet: the clock has not started (条例第三十一条第（三）项).
const Submitted = "submitted"

// ChannelOther is the stored channel of a ledger row whose 申请方式 is 其他.
const ChannelOther = "other"

// A Record is one stored request: the columns the store keeps beside the
// event history, so that lists, reminders and reports need no replay.
// IDNumber, Phone, Address and Email hold pii ciphertext in the store;
// Service methods return them masked unless Reveal is called.
type Record struct {
	ID            int64
	AgencyID      int64
	Tracking      string // 2026-0001: per agency and year of submission
	QueryHash     string // keyed MAC of the query code given to the applicant (bare SM3 before #10)
	Origin        Origin
	Channel       string // a request.Channel, or ChannelOther for ledgers
	Submitted     calendar.Date
	Received      calendar.Date // receipt date under 条例第三十一条; zero until confirmed
	ApplicantType request.ApplicantType
	ApplicantName string
	ApplicantKey  string // blind index of request.Applicant.Key(), for volume and repeat checks
	IDNumber      string
	Phone         string
	Address       string
	Email         string
	Content       string
	Form          string // preferred form of the information (第二十九条（三）)
	Delivery      string // preferred delivery: 邮寄, 电子邮件, 当面领取, 网上查阅 …
	State         string // a request.State, or Submitted
	Due           calendar.Date
	Corrected     calendar.Date
	Extended      bool
	Outcome       request.Outcome
	Ended         calendar.Date
	Fee           string // 信息处理费 in 元, as a decimal
	Notes         string // ledger columns gongkai does not know, as JSON
	// Suspicious is why the portal form looked automated (SECURITY.md
	// A-07), empty when it did not; a hint for staff, never a refusal.
	Suspicious string
	// PIPLNotice is the version of the personal-information notice the
	// applicant was shown online (个人信息保护法第十七条、第三十五条).
	PIPLNotice string
	CreatedAt  time.Time
	UpdatedAt  time.Time
}

// A StoredEvent is one step of a request's history as stored: the domain
// event (without personal data) with its place and the account that took it.
type StoredEvent struct {
	Seq        int
	ActorID    int64
	ActorLogin string
	Event      request.Event
}

// An AppealKind is a 行政复议 or one of the two kinds of 行政诉讼.
type AppealKind string

// The appeal kinds (table 四 groups).
const (
	Review                AppealKind = "review"                  // 行政复议
	LitigationDirect      AppealKind = "litigation_direct"       // 行政诉讼 直接起诉
	LitigationAfterReview AppealKind = "litigation_after_review" // 行政诉讼 复议后起诉
)

// An AppealResult is how a concluded case ended; "" while it is open.
type AppealResult string

// The results of table 四.
const (
	Upheld    AppealResult = "upheld"    // 维持
	Corrected AppealResult = "corrected" // 纠正
	OtherEnd  AppealResult = "other"     // 其他
)

// An Appeal is a 行政复议 or 行政诉讼 case about a request.
type Appeal struct {
	ID        int64
	RequestID int64
	Kind      AppealKind
	Filed     calendar.Date
	Concluded calendar.Date
	Result    AppealResult
	Note      string
	CreatedAt time.Time
}

// Audiences of a notification.
const (
	ToApplicant = "applicant"
	ToStaff     = "staff"
)

// A Notification is an in-app message: to the applicant of a request (shown
// on the public lookup) or to staff of an agency (UserID 0: everyone there).
type Notification struct {
	ID        int64
	AgencyID  int64
	RequestID int64
	Audience  string
	UserID    int64
	Kind      string
	Dedupe    string // a key that makes a second identical notification a no-op; "" for none
	Body      string
	CreatedAt time.Time
	ReadAt    time.Time
}

// An Attachment is a file an applicant or clerk added to a request; only
// its metadata is stored here.
type Attachment struct {
	ID          int64
	RequestID   int64
	Name        string
	ContentType string
	Size        int64
	SHA256      string
	BlobKey     string
	// Hazard is the bombcheck flag of a zip or XML bomb ("code: detail"),
	// empty for a file that passed: staff are warned before they open it.
	Hazard    string
	CreatedAt time.Time
	// Released marks a file disclosed by the reply, which the applicant
	// downloads once a reply that discloses is sent (网上获取, release.go).
	Released bool
}

// A Filter selects requests for lists. Zero fields match all.
type Filter struct {
	AgencyID   int64
	States     []string
	OpenOnly   bool          // not ended
	ReceivedTo calendar.Date // received on or before (also matches unconfirmed when zero)
	AfterID    int64
	Limit      int // 0: no limit
	// Trackings, when not nil, keeps only the requests with one of these
	// tracking numbers (an empty, non-nil list keeps none): the requests a
	// report cell counted, without loading the whole agency.
	Trackings []string
}

// A NotificationFilter selects notifications.
type NotificationFilter struct {
	AgencyID  int64
	RequestID int64
	Audience  string
	Limit     int
}

// A CaseRow is what the annual report counts of a stored request.
type CaseRow struct {
	ID            int64
	AgencyID      int64 // set by CaseRowsOf only
	Tracking      string
	Received      calendar.Date
	ApplicantType request.ApplicantType
	Outcome       request.Outcome
	Ended         calendar.Date
}

// replay rebuilds the domain request of rec from its stored history.
func replay(rec Record, stored []StoredEvent) (*request.Request, error) {
	evs := make([]request.Event, len(stored))
	for i, e := range stored {
		evs[i] = e.Event
	}
	r, err := request.Load(rec.Tracking, evs)
	if err != nil {
		return nil, fmt.Errorf("casework: request %d: %w", rec.ID, err)
	}
	return r, nil
}
