package casework

import (
	"context"
	"time"

	"github.com/gongkai/gongkai/internal/calendar"
)

// Store is what casework needs from storage. Every method joins the
// transaction the context carries (InTx). Missing rows are apperr.NotFound.
// The store reads no clock: the times it writes (CreatedAt, UpdatedAt, an
// event's At, the at arguments) come from the service's Now.
type Store interface {
	InTx(ctx context.Context, fn func(ctx context.Context) error) error

	// NextTracking reserves the next number of an agency's year: 1, 2, …
	NextTracking(ctx context.Context, agencyID int64, year int) (int, error)
	// InheritPublicLink links request childID to the public account
	// (我的申请) request parentID is linked to, the same way, at at; nothing
	// when parentID is linked to none.
	InheritPublicLink(ctx context.Context, parentID, childID int64, at time.Time) error
	// CreateRequest inserts r (CreatedAt and UpdatedAt set) and returns it
	// with its ID; a tracking number taken in the agency is apperr.Conflict.
	CreateRequest(ctx context.Context, r Record) (Record, error)
	// UpdateRequest writes the derived columns of r (state, dates,
	// outcome, due date, fee, received, channel, and the content a
	// 拆分登记 narrows) and UpdatedAt; the rest never changes.
	UpdateRequest(ctx context.Context, r Record) error
	Request(ctx context.Context, id int64) (Record, error)
	// RequestsByTracking returns every request with that tracking number,
	// in any agency (the public lookup then checks the query code).
	RequestsByTracking(ctx context.Context, tracking string) ([]Record, error)
	ListRequests(ctx context.Context, f Filter) ([]Record, error)
	// CountByState counts an agency's requests by stored state.
	CountByState(ctx context.Context, agencyID int64) (map[string]int, error)
	// CaseRows returns the few columns the report counts of an agency's
	// requests received on or before receivedTo, in id order.
	CaseRows(ctx context.Context, agencyID int64, receivedTo calendar.Date) ([]CaseRow, error)
	// CaseRowsOf is CaseRows of many agencies in one read, by agency
	// (AgencyID set; an agency without such requests is absent).
	CaseRowsOf(ctx context.Context, agencyIDs []int64, receivedTo calendar.Date) (map[int64][]CaseRow, error)
	// ApplicantRequests returns an agency's requests with the given
	// applicant key, oldest first.
	ApplicantRequests(ctx context.Context, agencyID int64, key string) ([]Record, error)

	AppendRequestEvent(ctx context.Context, requestID int64, e StoredEvent) error
	RequestEvents(ctx context.Context, requestID int64) ([]StoredEvent, error)

	AddAttachment(ctx context.Context, a Attachment) (Attachment, error)
	Attachments(ctx context.Context, requestID int64) ([]Attachment, error)
	Attachment(ctx context.Context, id int64) (Attachment, error)
	// AttachmentData returns the sealed bytes of an attachment stored
	// before the blob store (blob key "db").
	AttachmentData(ctx context.Context, attachmentID int64) ([]byte, error)
	// AttachmentBlobExists reports whether an attachment row names the
	// blob key (the orphan sweep keeps those).
	AttachmentBlobExists(ctx context.Context, key string) (bool, error)
	// DeleteAttachment deletes an attachment row (a released file taken
	// back before the reply); the caller deletes its blob.
	DeleteAttachment(ctx context.Context, id int64) error

	CalendarOverrides(ctx context.Context, agencyID int64) ([]calendar.Override, error)
	// SetCalendarOverride records o, made at time at, replacing any
	// override of the same day.
	SetCalendarOverride(ctx context.Context, agencyID int64, o calendar.Override, at time.Time) error
	DeleteCalendarOverride(ctx context.Context, agencyID int64, d calendar.Date) error

	AddAppeal(ctx context.Context, a Appeal) (Appeal, error)
	UpdateAppeal(ctx context.Context, a Appeal) error
	Appeals(ctx context.Context, requestID int64) ([]Appeal, error)
	// AgencyAppeals returns the appeals of every request of an agency.
	AgencyAppeals(ctx context.Context, agencyID int64) ([]Appeal, error)
	// AppealsOf is AgencyAppeals of many agencies in one read, by agency.
	AppealsOf(ctx context.Context, agencyIDs []int64) (map[int64][]Appeal, error)
	publicationAppealStore
	submissionKeyStore

	// AddNotification inserts n and reports whether it did: a Dedupe key
	// seen before makes it a no-op.
	AddNotification(ctx context.Context, n Notification) (bool, error)
	Notifications(ctx context.Context, f NotificationFilter) ([]Notification, error)
	Notification(ctx context.Context, id int64) (Notification, error)
	// MarkNotificationRead sets the read time of a notification not yet read.
	MarkNotificationRead(ctx context.Context, id int64, at time.Time) error
}
