// Package audit is gongkai's append-only, tamper-evident event log. It is
// domain data, not logging: statutory disputes and 等保 reviews are decided
// on it (GB/T 22239-2019 8.1.4.3 安全审计).
//
// Every row records who (actor), when, from where (IP), what (action), on
// which object, with what result, and is hash-chained with SM3 over a
// canonical encoding that includes the previous row's hash, so editing or
// deleting a row in the database file is detected by Verify. The database
// refuses UPDATE and DELETE on the table with triggers.
package audit

import (
	"context"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gongkai/gongkai/internal/apperr"
)

// An Event is one row of the audit log.
type Event struct {
	ID         int64     // position in the chain, 1, 2, 3, … without gaps
	Time       time.Time // UTC, microsecond precision
	ActorID    int64     // the user, or 0 for anonymous / the command line
	ActorLogin string    // the login name at the time, "cli" or "anonymous"
	IP         string    // source address, empty for the command line
	RequestID  string    // the HTTP request id, to join with the access log
	Action     string    // one of the Act* constants, or another dotted name
	ObjectType string    // "user", "agency", "request", …
	ObjectID   string    // the object's id as text; empty when none
	Result     Result
	Detail     string // short free text; never a password or a full ID number
	PrevHash   string // Hash of the row before, "" for the first row
	Hash       string // SM3 of the canonical encoding, lower-case hex
}

// A Result says how the action ended.
type Result string

// The results.
const (
	ResultOK     Result = "ok"     // done
	ResultFail   Result = "fail"   // attempted and failed (wrong password, invalid input)
	ResultDenied Result = "denied" // refused by access control or lockout
)

// Actions recorded by the platform core. Other packages add their own
// dotted names ("request.submit", "catalog.publish").
const (
	ActLoginOK          = "login.ok"
	ActLoginFail        = "login.fail"
	ActLoginLockout     = "login.lockout" // the failure that locked the account
	ActLoginLocked      = "login.locked"  // an attempt while locked
	ActLogout           = "logout"
	ActPasswordChange   = "password.change"
	ActTOTPEnable       = "totp.enable"
	ActUserCreate       = "user.create"
	ActUserDisable      = "user.disable"
	ActUserReset        = "user.reset"
	ActUserUnlock       = "user.unlock"
	ActRoleChange       = "user.roles"
	ActAgencyCreate     = "agency.create"
	ActAgencyUpdate     = "agency.update"
	ActAgencyImport     = "agency.import"
	ActBootstrapIssue   = "bootstrap.issue"
	ActBootstrapConsume = "bootstrap.consume"
	ActAuditSearch      = "audit.search"
	ActAuditExport      = "audit.export"
	ActAuditVerify      = "audit.verify"
	ActBackup           = "backup.run"
	ActMigrate          = "schema.migrate"
)

// An Actor is who does something, from where, and in which HTTP request.
type Actor struct {
	UserID    int64
	Login     string
	IP        string
	RequestID string
}

// CLI is the actor for commands run on the server's console.
var CLI = Actor{Login: "cli"}

// Event returns an event by a on an object, ready for Log.Record.
func (a Actor) Event(action, objectType string, objectID int64, result Result, detail string) Event {
	id := ""
	if objectID != 0 {
		id = strconv.FormatInt(objectID, 10)
	}
	return Event{ActorID: a.UserID, ActorLogin: a.Login, IP: a.IP, RequestID: a.RequestID, Action: action,
		ObjectType: objectType, ObjectID: id, Result: result, Detail: detail}
}

// A TxRunner runs fn in one database transaction carried by the context
// it passes to fn; store calls made with that context join it. Calls made
// while a transaction is already running join the outer one.
type TxRunner interface {
	InTx(ctx context.Context, fn func(ctx context.Context) error) error
}

// Store is what the audit log needs from storage.
type Store interface {
	// AppendAudit serialises writers of the chain, reads the last event
	// (a zero Event when the log is empty), lets seal fill in ID, PrevHash
	// and Hash of e, and inserts e, all in one transaction.
	AppendAudit(ctx context.Context, e Event, seal func(last Event, e *Event) error) (Event, error)
	// AppendAudits is AppendAudit of several events under one lock and
	// one read of the last event: seal links each to the one before it,
	// and all are inserted, in order, in the same transaction.
	AppendAudits(ctx context.Context, es []Event, seal func(last Event, e *Event) error) ([]Event, error)
	// AuditHead returns the last event, or a zero Event when the log is
	// empty.
	AuditHead(ctx context.Context) (Event, error)
	// AuditEvents returns up to limit events with ID > afterID in ID order.
	AuditEvents(ctx context.Context, afterID int64, limit int) ([]Event, error)
	// SearchAudit returns the events matching f, newest first.
	SearchAudit(ctx context.Context, f Filter) ([]Event, error)
}

// A Filter selects events for Search and ExportCSV. Zero fields match all.
type Filter struct {
	From, To   time.Time // From ≤ Time < To
	ActorLogin string    // exact login
	Action     string    // exact action, or a prefix ending in "." ("login.")
	ObjectType string
	ObjectID   string
	Result     Result
	IP         string
	RequestID  string
	BeforeID   int64 // only events with ID < BeforeID (paging backwards)
	Limit      int   // at most this many; 0 means DefaultLimit, capped at MaxLimit
}

// DefaultLimit and MaxLimit bound one Search.
const (
	DefaultLimit = 100
	MaxLimit     = 10000
)

// Normalized returns f with Limit set within bounds.
func (f Filter) Normalized() Filter {
	if f.Limit <= 0 {
		f.Limit = DefaultLimit
	}
	if f.Limit > MaxLimit {
		f.Limit = MaxLimit
	}
	return f
}

// Limits on field lengths, in characters; longer values are cut.
const (
	maxDetail = 2000
	maxField  = 200
)

func clip(s string, n int) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n])
}

// validate checks e and normalises its text and time.
func (e *Event) validate() error {
	if e.Action == "" {
		return apperr.New(apperr.Invalid, "audit.action_missing")
	}
	switch e.Result {
	case ResultOK, ResultFail, ResultDenied:
	default:
		return apperr.New(apperr.Invalid, "audit.result_invalid", string(e.Result))
	}
	if e.ActorLogin == "" {
		e.ActorLogin = "anonymous"
	}
	e.Time = e.Time.UTC().Truncate(time.Microsecond)
	e.ActorLogin = clip(e.ActorLogin, maxField)
	e.IP = clip(e.IP, maxField)
	e.RequestID = clip(e.RequestID, maxField)
	e.Action = clip(e.Action, maxField)
	e.ObjectType = clip(e.ObjectType, maxField)
	e.ObjectID = clip(e.ObjectID, maxField)
	e.Detail = clip(e.Detail, maxDetail)
	return nil
}
