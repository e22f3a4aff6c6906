package casework

import (
	"context"
	"fmt"
	"net/mail"
	"strings"
	"time"
)

// A Mail is an e-mail copy of an applicant's notice, queued in the same
// transaction as the notice, so that exactly the committed notices are
// mailed. Package mailer sends it later.
type Mail struct {
	ID           int64
	AgencyID     int64
	RequestID    int64
	Kind         string // the notice's kind
	RecipientEnc string // the applicant's address as pii ciphertext, never plaintext
	RecipientKey string // blind index of the address, to count mails per address
	Subject      string
	Body         string
	CreatedAt    time.Time
}

// A MailQueue stores mails to send; its methods join the transaction the
// context carries (InTx), like every Store method.
type MailQueue interface {
	EnqueueMail(ctx context.Context, m Mail) error
	// MailCount counts the mails of one kind queued for the address with
	// blind index key since a time.
	MailCount(ctx context.Context, key, kind string, since time.Time) (int, error)
}

// MaxReceiptMailsPerDay caps the receipts of online submissions mailed
// to one address in 24 hours. Anyone can submit with any address, so
// without it the portal could be used to flood a stranger's mailbox
// (SECURITY.md O-BL-01: limits on e-mail sending). Notices of steps staff
// take are always mailed.
const MaxReceiptMailsPerDay = 5

// mailing is the e-mail setting of a Service: nil when e-mail is off.
type mailing struct {
	queue     MailQueue
	statusURL string
}

// EnableMail makes every later notice to an applicant who gave an e-mail
// address also queue a mail in q (e-mail is off until then, and stays off
// without an SMTP relay). portalURL is the public site's base URL
// (config public_url, else the address served); the mail links its
// status page. Call it once at start, before the service is shared.
func (s *Service) EnableMail(q MailQueue, portalURL string) {
	s.mail = &mailing{queue: q, statusURL: strings.TrimRight(portalURL, "/") + "/apply/status"}
}

// OpenRecipient decrypts the recipient of a queued mail for the mailer.
func (s *Service) OpenRecipient(sealed string) (string, error) { return s.keys.Open(sealed) }

// queueMail queues the e-mail copy of notice body to the applicant of rec,
// in the caller's transaction, when e-mail is on and the applicant gave
// an address. The mail holds what the notice says, the tracking number
// and the status page, never the query code (it opens the request and
// its letters) nor other personal data.
func (s *Service) queueMail(ctx context.Context, rec Record, kind, body string, now time.Time) error {
	if s.mail == nil || rec.Email == "" {
		return nil
	}
	addr, err := s.keys.Open(rec.Email)
	if err != nil {
		return fmt.Errorf("casework: mail for request %d: %w", rec.ID, err)
	}
	if a, err := mail.ParseAddress(strings.TrimSpace(addr)); err != nil || strings.ContainsAny(addr, "\r\n") || a.Address == "" {
		return nil // not an address a relay would take; the notice stays in-app
	}
	key := s.keys.BlindIndex("mail:" + strings.ToLower(strings.TrimSpace(addr)))
	if kind == receiptKind {
		// The service clock's time, which the outbox's created_at holds
		// (a real time, not a legal date).
		n, err := s.mail.queue.MailCount(ctx, key, kind, now.Add(-24*time.Hour))
		if err != nil {
			return err
		}
		if n >= MaxReceiptMailsPerDay {
			return nil // the receipt stays in-app; the submission itself is not refused
		}
	}
	return s.mail.queue.EnqueueMail(ctx, Mail{AgencyID: rec.AgencyID, RequestID: rec.ID, Kind: kind,
		RecipientEnc: rec.Email, RecipientKey: key, Subject: mailSubject(rec), Body: s.mailBody(rec, body), CreatedAt: now})
}

// receiptKind is the kind of the notice of an online submission, the one
// notice anyone can trigger.
const receiptKind = "submitted"

func mailSubject(rec Record) string {
	return fmt.Sprintf("政府信息公开申请 %s 办理通知 / Notice on request %s", rec.Tracking, rec.Tracking)
}

func (s *Service) mailBody(rec Record, notice string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "您好：\n\n%s\n\n", strings.TrimSpace(notice))
	fmt.Fprintf(&b, "申请编号：%s\n", rec.Tracking)
	fmt.Fprintf(&b, "查询办理进度和告知书：%s\n", s.mail.statusURL)
	b.WriteString("（请输入申请编号和提交申请时取得的查询码。为保护您的信息，查询码不会通过邮件发送。）\n\n")
	b.WriteString("本邮件由系统自动发送，请勿直接回复。\n\n")
	b.WriteString("-- \n")
	fmt.Fprintf(&b, "There is news on your government information disclosure request %s (the notice above is in Chinese).\n", rec.Tracking)
	fmt.Fprintf(&b, "Follow it at %s with your tracking number and the query code you received when applying; the query code is never sent by e-mail.\n", s.mail.statusURL)
	b.WriteString("This message was sent automatically; please do not reply.\n")
	return b.String()
}
