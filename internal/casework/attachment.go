package casework

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"
	"unicode"

	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/bombcheck"
	"github.com/gongkai/gongkai/internal/calendar"
)

// Attachment limits: what an applicant or clerk may attach to a request.
const (
	MaxAttachmentSize = 10 << 20 // bytes per file
	MaxAttachments    = 10       // files per request
)

// attachmentTypes are the accepted file types by extension, with the
// content types a browser may send for them.
var attachmentTypes = map[string][]string{
	".pdf":  {"application/pdf"},
	".jpg":  {"image/jpeg"},
	".jpeg": {"image/jpeg"},
	".png":  {"image/png"},
	".ofd":  {"application/ofd", "application/octet-stream"},
	".docx": {"application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
	".xlsx": {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
	".txt":  {"text/plain"},
}

// CheckAttachment checks a file's name, declared type and size against
// the limits, with a Chinese reason.
func CheckAttachment(name, contentType string, size int64) error {
	name = strings.TrimSpace(name)
	ext := strings.ToLower(path.Ext(name))
	types, ok := attachmentTypes[ext]
	switch {
	case name == "" || len([]rune(name)) > 200 || strings.ContainsAny(name, "/\\\x00") || spoofing(name):
		return apperr.New(apperr.Invalid, "attachment.name_invalid")
	case !ok:
		return apperr.New(apperr.Invalid, "attachment.type_not_allowed")
	case size <= 0 || size > MaxAttachmentSize:
		return apperr.New(apperr.Invalid, "attachment.too_large", size)
	}
	ct, _, _ := strings.Cut(contentType, ";")
	for _, t := range types {
		if strings.EqualFold(strings.TrimSpace(ct), t) {
			return nil
		}
	}
	return apperr.New(apperr.Invalid, "attachment.type_mismatch", ct, ext)
}

// spoofing reports whether a file name holds characters that change how
// it reads: control characters and the bidirectional marks and overrides
// (U+200E/F, U+202A–E, U+2066–9) that make "scan\u202Efdp.exe" show as
// "scanexe.pdf" (SECURITY.md O-FU-05).
func spoofing(name string) bool {
	for _, r := range name {
		switch {
		case unicode.IsControl(r), r == '\u200e', r == '\u200f', r >= '\u202a' && r <= '\u202e', r >= '\u2066' && r <= '\u2069':
			return true
		}
	}
	return false
}

// magic are the leading bytes each type must start with.
var magic = map[string][]string{
	".pdf": {"%PDF-"}, ".png": {"\x89PNG\r\n\x1a\n"}, ".jpg": {"\xff\xd8\xff"}, ".jpeg": {"\xff\xd8\xff"},
	".docx": {"PK\x03\x04"}, ".xlsx": {"PK\x03\x04"}, ".ofd": {"PK\x03\x04"},
}

// addFiles records staged files for request id, in the caller's
// transaction, within the per-request limits.
func (s *Service) addFiles(ctx context.Context, id int64, files []File) ([]Attachment, error) {
	if len(files) == 0 {
		return nil, nil
	}
	have, err := s.st.Attachments(ctx, id)
	if err != nil {
		return nil, err
	}
	if err := checkFiles(files, have); err != nil {
		return nil, err
	}
	out := make([]Attachment, 0, len(files))
	for _, f := range files {
		a, err := s.st.AddAttachment(ctx, Attachment{RequestID: id, Name: f.Name, ContentType: f.ContentType,
			Size: f.Size, SHA256: f.SHA256, BlobKey: f.BlobKey, Hazard: f.Hazard, CreatedAt: s.now()})
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, nil
}

// AddAttachment records a staged file for request id for staff of the
// handling agency (a 经办人), within the count and size limits, audited.
// When it fails the file is discarded.
func (s *Service) AddAttachment(ctx context.Context, w Staffer, id int64, f File) (Attachment, error) {
	var a Attachment
	err := s.tx(ctx, func(ctx context.Context) error {
		rec, err := s.st.Request(ctx, id)
		if err != nil {
			return err
		}
		if !canActIn(w, auth.RequestHandle, rec.AgencyID) {
			return s.deny(ctx, w, "request.attach", rec, "deny.attach")
		}
		as, err := s.addFiles(ctx, id, []File{f})
		if err != nil {
			return err
		}
		a = as[0]
		detail := fmt.Sprintf("%s %s %d 字节", rec.Tracking, clipText(a.Name, 60), a.Size)
		if a.Hazard != "" {
			detail += " 风险标记 hazard " + bombcheck.Parse(a.Hazard).Code
		}
		return s.log.Record(ctx, w.actor().Event("request.attach", "request", id, audit.ResultOK, detail))
	})
	if err != nil {
		s.Discard(f)
	}
	return a, err
}

// Attachments lists the files of request id for w.
func (s *Service) Attachments(ctx context.Context, w Staffer, id int64) ([]Attachment, error) {
	rec, err := s.st.Request(ctx, id)
	if err != nil {
		return nil, err
	}
	if !canRead(w, rec.AgencyID) {
		return nil, s.finish(ctx, s.deny(ctx, w, "request.attachments", rec, "deny.other_agency"))
	}
	return s.st.Attachments(ctx, id)
}

// OpenAttachment opens a file of request id for staff of the handling
// agency only (attachments may hold personal data), and audits the
// download (SECURITY.md E-AUD-01). The caller closes the reader, whose
// Read fails at the first segment that does not authenticate.
func (s *Service) OpenAttachment(ctx context.Context, w Staffer, id, attachmentID int64) (Attachment, io.ReadCloser, error) {
	rec, err := s.st.Request(ctx, id)
	if err != nil {
		return Attachment{}, nil, err
	}
	if !staffOf(w, rec.AgencyID) {
		return Attachment{}, nil, s.finish(ctx, s.deny(ctx, w, "request.attachment_download", rec, "deny.attachment_download"))
	}
	a, err := s.st.Attachment(ctx, attachmentID)
	if err != nil {
		return a, nil, err
	}
	if a.RequestID != id {
		return Attachment{}, nil, apperr.New(apperr.NotFound, "attachment.not_found")
	}
	if err := s.log.Record(ctx, w.actor().Event("request.attachment_download", "request", id, audit.ResultOK,
		fmt.Sprintf("%s %s", rec.Tracking, clipText(a.Name, 60)))); err != nil {
		return a, nil, err
	}
	body, err := s.openBlob(ctx, a)
	if err != nil {
		return a, nil, fmt.Errorf("casework: attachment %d: %w", attachmentID, err)
	}
	return a, body, nil
}

// openBlob opens an attachment's bytes: from the blob store, or, for one
// stored before it, sealed whole in the database.
func (s *Service) openBlob(ctx context.Context, a Attachment) (io.ReadCloser, error) {
	if a.BlobKey != legacyBlob && a.BlobKey != "" {
		if s.Blobs == nil {
			return nil, errors.New("no blob store configured")
		}
		return s.Blobs.Get(ctx, a.BlobKey)
	}
	sealed, err := s.st.AttachmentData(ctx, a.ID)
	if err != nil {
		return nil, err
	}
	data, err := s.keys.OpenBytes(sealed)
	if err != nil {
		return nil, err
	}
	return io.NopCloser(bytes.NewReader(data)), nil
}

// StaffNotices returns the in-app notices for the staff of an agency w may
// read (reminders, reviews), oldest first.
func (s *Service) StaffNotices(ctx context.Context, w Staffer, agencyID int64, limit int) ([]Notification, error) {
	if !canRead(w, agencyID) {
		return nil, s.finish(ctx, s.deny(ctx, w, "request.notices", Record{AgencyID: agencyID}, "deny.other_notices"))
	}
	return s.st.Notifications(ctx, NotificationFilter{AgencyID: agencyID, Audience: ToStaff, Limit: limit})
}

// MarkNoticeRead marks a staff notice of w's agency as read.
func (s *Service) MarkNoticeRead(ctx context.Context, w Staffer, id int64) error {
	n, err := s.st.Notification(ctx, id)
	if err != nil {
		return err
	}
	if n.Audience != ToStaff || !canRead(w, n.AgencyID) {
		return apperr.Wrap(apperr.NotFound, "notice.not_found", fmt.Errorf("casework: notice %d: not for %s", id, w.Subject.Login))
	}
	return s.st.MarkNotificationRead(ctx, id, s.now())
}

// RemoveOverride deletes a local closure or opening of w's agency (its
// 负责人), audited.
func (s *Service) RemoveOverride(ctx context.Context, w Staffer, d calendar.Date) error {
	return s.tx(ctx, func(ctx context.Context) error {
		ag := w.Subject.AgencyID
		if !canActIn(w, auth.RequestApprove, ag) {
			return s.deny(ctx, w, "calendar.override_remove", Record{AgencyID: ag}, "deny.calendar")
		}
		if err := s.st.DeleteCalendarOverride(ctx, ag, d); err != nil {
			return err
		}
		if err := s.redue(ctx, ag); err != nil {
			return err
		}
		return s.log.Record(ctx, w.actor().Event("calendar.override_remove", "agency", ag, audit.ResultOK, d.String()))
	})
}
