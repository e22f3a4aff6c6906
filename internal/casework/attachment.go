package casework

import (
	"context"
	"fmt"
	"path"
	"regexp"
	"strings"

	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/auth"
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

var sha256Hex = regexp.MustCompile(`^[0-9a-f]{64}$`)

// CheckAttachment checks a file's name, declared type and size against
// the limits, with a Chinese reason.
func CheckAttachment(name, contentType string, size int64) error {
	name = strings.TrimSpace(name)
	ext := strings.ToLower(path.Ext(name))
	types, ok := attachmentTypes[ext]
	switch {
	case name == "" || len([]rune(name)) > 200 || strings.ContainsAny(name, "/\\\x00"):
		return apperr.New(apperr.Invalid, "附件文件名无效")
	case !ok:
		return apperr.New(apperr.Invalid, "附件只接受 PDF、OFD、JPG、PNG、DOCX、XLSX、TXT 文件")
	case size <= 0 || size > MaxAttachmentSize:
		return apperr.Errorf(apperr.Invalid, "附件大小应在 10 MB 以内（%d 字节）", size)
	}
	ct, _, _ := strings.Cut(contentType, ";")
	for _, t := range types {
		if strings.EqualFold(strings.TrimSpace(ct), t) {
			return nil
		}
	}
	return apperr.Errorf(apperr.Invalid, "附件类型 %q 与文件扩展名 %s 不符", ct, ext)
}

// AddAttachment records the metadata of a file attached to request id by
// staff of the handling agency (the bytes are kept by the caller under
// blobKey). It checks the limits and audits the upload.
func (s *Service) AddAttachment(ctx context.Context, w Staffer, id int64, a Attachment) (Attachment, error) {
	if err := CheckAttachment(a.Name, a.ContentType, a.Size); err != nil {
		return a, err
	}
	if !sha256Hex.MatchString(a.SHA256) {
		return a, apperr.New(apperr.Invalid, "附件校验值无效")
	}
	err := s.tx(ctx, func(ctx context.Context) error {
		rec, err := s.st.Request(ctx, id)
		if err != nil {
			return err
		}
		if !canActIn(w, auth.RequestHandle, rec.AgencyID) {
			return s.deny(ctx, w, "request.attach", rec, "只有办理机关的承办人可以添加附件")
		}
		have, err := s.st.Attachments(ctx, id)
		if err != nil {
			return err
		}
		if len(have) >= MaxAttachments {
			return apperr.Errorf(apperr.Invalid, "每件申请最多 %d 个附件", MaxAttachments)
		}
		a.RequestID = id
		if a, err = s.st.AddAttachment(ctx, a); err != nil {
			return err
		}
		return s.log.Record(ctx, w.actor().Event("request.attach", "request", id, audit.ResultOK,
			fmt.Sprintf("%s %s %d 字节", rec.Tracking, clipText(a.Name, 60), a.Size)))
	})
	return a, err
}

// StaffNotices returns the in-app notices for the staff of an agency w may
// read (reminders, reviews), oldest first.
func (s *Service) StaffNotices(ctx context.Context, w Staffer, agencyID int64, limit int) ([]Notification, error) {
	if !canRead(w, agencyID) {
		return nil, s.finish(ctx, s.deny(ctx, w, "request.notices", Record{AgencyID: agencyID}, "无权查看其他机关的通知"))
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
		return apperr.Wrap(apperr.NotFound, "未找到该通知 / no such notice", fmt.Errorf("casework: notice %d: not for %s", id, w.Subject.Login))
	}
	return s.st.MarkNotificationRead(ctx, id, s.now())
}
