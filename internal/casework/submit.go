package casework

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/emmansun/gmsm/sm3"

	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/calendar"
	"github.com/gongkai/gongkai/internal/pii"
	"github.com/gongkai/gongkai/internal/request"
)

// An Application is what an applicant gives (条例第二十九条): who they are
// and how to reach them, what they ask for, and in what form.
type Application struct {
	AgencyID      int64
	ApplicantType request.ApplicantType
	Name          string
	// IDNumber is the 居民身份证 number of a natural person or the 统一社会
	// 信用代码 of an organisation; its check digit is verified unless
	// OtherDocument says it is another document (passport, 港澳通行证 …).
	IDNumber      string
	OtherDocument bool
	Phone         string
	Email         string
	Address       string // required when the information is to be posted
	Content       string
	Form          string // 纸质, 电子 …
	Delivery      string // 邮寄, 电子邮件, 当面领取, 网上查阅
	// Files are attachments (identity document scans, supporting papers)
	// staged by Stage: at most MaxAttachments, MaxRequestBytes together.
	Files []File
	// Suspicious is why the portal thinks the form was filled by a
	// program (honeypot, fill time; SECURITY.md A-07), empty when it
	// does not. The application is recorded all the same (条例第二十九条;
	// 第三十五条 lets staff ask, never drop); staff see it as a hint.
	Suspicious string
	// PIPLNotice is the version of the personal-information notice shown
	// with the form (个人信息保护法第十七条、第三十五条; SECURITY.md P-01).
	PIPLNotice string
	// Key is the public form's idempotency key (NewSubmissionKey): the
	// same application submitted again with it within ResubmitWindow gets
	// the first receipt back. Empty or malformed: a fresh key.
	Key string
}

// DeliveryPost is the delivery that needs a postal address (SECURITY.md
// E-PI-01: the address is asked for only then).
const DeliveryPost = request.DeliveryPost

// validate checks the statutory contents of an application (条例第二十九条
// 第二款, request.Application.Check) and its files. A fault is
// apperr.Invalid with the first field's message; the cause is the
// request.ApplicationErrors of every field, for a form to show by field.
func (a *Application) validate(now calendar.Date) error {
	a.Name, a.Content = strings.TrimSpace(a.Name), strings.TrimSpace(a.Content)
	a.IDNumber, a.Phone = strings.TrimSpace(a.IDNumber), strings.TrimSpace(a.Phone)
	a.Email, a.Address = strings.TrimSpace(a.Email), strings.TrimSpace(a.Address)
	if fe := a.Statutory().Check(now); fe != nil {
		return apperr.Wrap(apperr.Invalid, fe[0].Key, fe, fe[0].Args...)
	}
	if err := checkFiles(a.Files, nil); err != nil {
		return err
	}
	return nil
}

// Statutory is the part of a that 条例第二十九条第二款 speaks of.
func (a Application) Statutory() request.Application {
	return request.Application{Type: a.ApplicantType, Name: a.Name, IDNumber: a.IDNumber, OtherDocument: a.OtherDocument,
		Phone: a.Phone, Email: a.Email, Address: a.Address, Content: a.Content, Form: a.Form, Delivery: a.Delivery}
}

// A Receipt is what the applicant is given on submission or registration:
// the tracking number and the query code to follow the request online.
// The code is shown once; only its hash is stored.
type Receipt struct {
	RequestID int64
	AgencyID  int64
	Tracking  string
	QueryCode string
	Submitted calendar.Date
	Received  calendar.Date // zero until staff confirm an online submission
	// Key retrieves the receipt of an online submission again within
	// ResubmitWindow (ReceiptByKey); Repeated is true when the submission
	// was one already filed under its key, which was not filed again.
	Key      string
	Repeated bool
}

// Hints are what the clerk should look at: the 第三十五条 volume flag and
// likely repeats of answered requests. They never block anything.
type Hints struct {
	Volume  *request.VolumeFlag
	Repeats []request.RepeatMatch
	// Suspicious is the portal's anti-automation reason (SECURITY.md
	// A-07), empty when the form looked filled by a person.
	Suspicious string
}

// codeAlphabet has no 0/O, 1/I/L: codes are read over the phone.
const codeAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"

// newQueryCode returns a random 10-character query code (≈ 49 bits).
func newQueryCode() (string, error) { return queryCodeFrom(rand.Reader) }

// queryCodeFrom draws a query code from r, each character uniform over
// codeAlphabet: bytes at or above the largest multiple of its length are
// drawn again, so no character is likelier than another (a plain modulo
// would favour the first 8).
func queryCodeFrom(r io.Reader) (string, error) {
	const n = len(codeAlphabet)
	limit := 256 - 256%n
	out := make([]byte, 0, 10)
	var b [16]byte
	for len(out) < 10 {
		if _, err := io.ReadFull(r, b[:]); err != nil {
			return "", fmt.Errorf("casework: query code: %w", err)
		}
		for _, c := range b {
			if int(c) < limit && len(out) < 10 {
				out = append(out, codeAlphabet[int(c)%n])
			}
		}
	}
	return string(out), nil
}

// queryCodeMAC names the keyed MAC of query codes (package pii).
const queryCodeMAC = "query-code"

// hashCode returns the stored form of a query code: its HMAC-SM3 under a
// key derived from the personal-data key, which is outside the database,
// so that a copy of the database does not let anyone test the 31¹⁰ codes
// offline (#10 item 7).
func (s *Service) hashCode(code string) string {
	return s.keys.MAC(queryCodeMAC, normCode(code))
}

func normCode(code string) string { return strings.ToUpper(strings.TrimSpace(code)) }

// sameCode compares a query code with a stored hash in constant time: the
// keyed MAC, or the bare SM3 of requests filed before it.
func (s *Service) sameCode(code, hash string) bool {
	if pii.IsMAC(hash) {
		return s.keys.VerifyMAC(queryCodeMAC, normCode(code), hash)
	}
	sum := sm3.Sum([]byte("gongkai-query-code:" + normCode(code)))
	return subtle.ConstantTimeCompare([]byte(hex.EncodeToString(sum[:])), []byte(hash)) == 1
}

// record builds the stored record of an application, sealing its
// personal data.
func (s *Service) record(a Application, origin Origin, channel request.Channel, submitted calendar.Date) (Record, error) {
	r := Record{AgencyID: a.AgencyID, Origin: origin, Channel: string(channel), Submitted: submitted,
		ApplicantType: a.ApplicantType, ApplicantName: a.Name, Content: a.Content, Form: a.Form, Delivery: a.Delivery, State: Submitted,
		Suspicious: clip(strings.TrimSpace(a.Suspicious), 200), PIPLNotice: clip(strings.TrimSpace(a.PIPLNotice), 64)}
	r.ApplicantKey = s.keys.BlindIndex(request.Applicant{Name: a.Name, ID: a.IDNumber}.Key())
	for _, f := range []struct {
		dst *string
		v   string
	}{{&r.IDNumber, a.IDNumber}, {&r.Phone, a.Phone}, {&r.Address, a.Address}, {&r.Email, a.Email}} {
		sealed, err := s.keys.Seal(f.v)
		if err != nil {
			return r, err
		}
		*f.dst = sealed
	}
	return r, nil
}

// create reserves a tracking number and inserts r, in the caller's
// transaction.
func (s *Service) create(ctx context.Context, r Record, year int) (Record, string, error) {
	code, err := newQueryCode()
	if err != nil {
		return r, "", err
	}
	n, err := s.st.NextTracking(ctx, r.AgencyID, year)
	if err != nil {
		return r, "", err
	}
	r.Tracking = fmt.Sprintf("%d-%04d", year, n)
	r.QueryHash = s.hashCode(code)
	r.CreatedAt = s.now()
	r.UpdatedAt = r.CreatedAt
	r, err = s.st.CreateRequest(ctx, r)
	return r, code, err
}

// Submit files an application from the public portal: no account. The
// request waits for staff to confirm it; the confirmation day is its
// receipt date (条例第三十一条第（三）项). The transaction that gives the
// applicant the tracking number and query code is durable when it returns
// (SQLite synchronous=FULL; PostgreSQL synchronous_commit on) and carries
// its audit event.
// The staged files are recorded, or discarded when it fails.
func (s *Service) Submit(ctx context.Context, a Application, ip string) (Receipt, error) {
	rc, err := s.submit(ctx, a, ip)
	if err != nil {
		s.Discard(a.Files...)
	}
	return rc, err
}

func (s *Service) submit(ctx context.Context, a Application, ip string) (Receipt, error) {
	today := s.Today()
	if err := a.validate(today); err != nil {
		return Receipt{}, err
	}
	if a.AgencyID == 0 {
		return Receipt{}, apperr.New(apperr.Invalid, "request.agency_required")
	}
	rec, err := s.record(a, Online, request.Internet, today)
	if err != nil {
		return Receipt{}, err
	}
	var code string
	digest := s.digest(a)
	var again Receipt
	err = s.tx(ctx, func(ctx context.Context) error {
		var err error
		if ok := ValidSubmissionKey(a.Key); ok {
			// The same application sent again with its form's key (a
			// reload, a double click): the first receipt, not a second
			// request.
			if again, ok, err = s.earlier(ctx, a.Key, digest); err != nil || ok {
				if err == nil {
					err = s.repeated(ctx, again, ip)
				}
				return err
			}
		}
		if rec, code, err = s.create(ctx, rec, today.Year()); err != nil {
			return err
		}
		if _, err := s.addFiles(ctx, rec.ID, a.Files); err != nil {
			return err
		}
		actor := audit.Actor{Login: "anonymous", IP: ip}
		if err := s.log.Record(ctx, actor.Event("request.submit", "request", rec.ID, audit.ResultOK, rec.Tracking)); err != nil {
			return err
		}
		again = Receipt{RequestID: rec.ID, AgencyID: rec.AgencyID, Tracking: rec.Tracking, QueryCode: code, Submitted: today, Key: a.Key}
		if err := s.remember(ctx, &again, digest); err != nil {
			return err
		}
		return s.notify(ctx, rec, receiptKind, fmt.Sprintf("已收到您于 %s 在线提交的政府信息公开申请（编号 %s）。工作人员确认后开始计算答复期限，确认之日为收到申请之日（条例第三十一条第（三）项）。",
			today, rec.Tracking))
	})
	if err != nil && errors.Is(err, apperr.Conflict) && ValidSubmissionKey(a.Key) {
		// Another process filed the same application under the key
		// between our look-up and our insert: its receipt is ours.
		if rc, ok, err2 := s.earlierTx(ctx, a.Key, digest); err2 == nil && ok {
			s.Discard(a.Files...)
			return rc, nil
		}
	}
	if err != nil {
		return Receipt{}, fmt.Errorf("casework: submit: %w", err)
	}
	if again.Repeated {
		// The files of the copy are not recorded: the first has its own.
		s.Discard(a.Files...)
	}
	return again, nil
}

// A Registration is an application staff register from a letter, fax,
// e-mail or visit, with the dates 条例第三十一条 needs for its channel.
type Registration struct {
	Application
	Submission request.Submission
	Note       string
}

// Register records an application received by the agency of w (a clerk)
// and starts its clock on the receipt date of 第三十一条. It returns the
// receipt for the applicant and the hints for the clerk.
// The staged files are recorded, or discarded when it fails.
func (s *Service) Register(ctx context.Context, w Staffer, g Registration) (Receipt, Hints, error) {
	rc, h, err := s.register(ctx, w, g)
	if err != nil {
		s.Discard(g.Files...)
	}
	return rc, h, err
}

func (s *Service) register(ctx context.Context, w Staffer, g Registration) (Receipt, Hints, error) {
	g.AgencyID = w.Subject.AgencyID
	probe := Record{AgencyID: g.AgencyID}
	if _, ok := roleFor(w, request.ActRegister, "", g.AgencyID); !ok {
		return Receipt{}, Hints{}, s.finish(ctx, s.deny(ctx, w, "request.register", probe, "deny.register"))
	}
	if err := g.validate(s.Today()); err != nil {
		return Receipt{}, Hints{}, err
	}
	received, err := g.Submission.ReceiptDate()
	if err != nil {
		return Receipt{}, Hints{}, domainErr("register", err)
	}
	submitted := g.Submission.Submitted
	if submitted.IsZero() {
		submitted = received
	}
	rec, err := s.record(g.Application, Staff, g.Submission.Channel, submitted)
	if err != nil {
		return Receipt{}, Hints{}, err
	}
	var code string
	var hints Hints
	digest := s.registrationDigest(g)
	var rc Receipt
	err = s.tx(ctx, func(ctx context.Context) error {
		var err error
		if ValidSubmissionKey(g.Key) {
			// The registration form sent again (a reload of its receipt, a
			// double click): the first receipt, not a second request.
			var ok bool
			if rc, ok, err = s.earlier(ctx, g.Key, digest); err != nil || ok {
				if err == nil {
					err = s.log.Record(ctx, w.actor().Event("request.resubmit", "request", rc.RequestID, audit.ResultOK, rc.Tracking+" 重复登记，未再登记"))
				}
				return err
			}
		}
		if rec, code, err = s.create(ctx, rec, submitted.Year()); err != nil {
			return err
		}
		if _, err := s.addFiles(ctx, rec.ID, g.Files); err != nil {
			return err
		}
		if hints, err = s.registerEvent(ctx, w, rec, received, g.Note); err != nil {
			return err
		}
		rc = Receipt{RequestID: rec.ID, AgencyID: rec.AgencyID, Tracking: rec.Tracking, QueryCode: code, Submitted: submitted, Received: received, Key: g.Key}
		return s.remember(ctx, &rc, digest)
	})
	if err != nil && errors.Is(err, apperr.Conflict) && ValidSubmissionKey(g.Key) {
		// Another process registered the same application under the key
		// between our look-up and our insert: its receipt is ours.
		if again, ok, err2 := s.earlierTx(ctx, g.Key, digest); err2 == nil && ok {
			s.Discard(g.Files...)
			return again, Hints{}, nil
		}
	}
	if err != nil {
		return Receipt{}, Hints{}, err
	}
	if rc.Repeated {
		s.Discard(g.Files...) // the first registration has its own
	}
	return rc, hints, nil
}

// registrationDigest is the digest of a registration: the application
// and how and when it came (channel and the dates of 条例第三十一条).
func (s *Service) registrationDigest(g Registration) string {
	sub := g.Submission
	return s.keys.MAC(submissionDigestMAC, s.digest(g.Application)+"\x00"+string(sub.Channel)+"\x00"+
		sub.Submitted.String()+"\x00"+sub.Signed.String()+"\x00"+sub.Confirmed.String()+"\x00"+g.Note)
}

// Confirm confirms an online (or fax) submission on day on, which becomes
// its receipt date (条例第三十一条第（三）项), and starts the clock.
func (s *Service) Confirm(ctx context.Context, w Staffer, id int64, on calendar.Date) (Hints, error) {
	var hints Hints
	err := s.tx(ctx, func(ctx context.Context) error {
		rec, err := s.st.Request(ctx, id)
		if err != nil {
			return err
		}
		if _, ok := roleFor(w, request.ActRegister, "", rec.AgencyID); !ok {
			return s.deny(ctx, w, "request.confirm", rec, "deny.confirm")
		}
		if rec.State != Submitted {
			return apperr.New(apperr.Conflict, "request.already_confirmed")
		}
		if on.IsZero() {
			on = s.Today()
		}
		if on.Before(rec.Submitted) {
			return apperr.New(apperr.Invalid, "request.confirmed_before_submitted", on, rec.Submitted)
		}
		hints, err = s.registerEvent(ctx, w, rec, on, "在线申请经确认")
		return err
	})
	return hints, err
}

// registerEvent applies the register event of rec received on day on.
func (s *Service) registerEvent(ctx context.Context, w Staffer, rec Record, on calendar.Date, note string) (Hints, error) {
	e := request.Event{Action: request.ActRegister, On: on, Note: note, Channel: request.Channel(rec.Channel),
		Applicant: request.Applicant{Type: rec.ApplicantType, Name: rec.ApplicantName},
		Content:   rec.Content, Form: strings.TrimSpace(rec.Form + " " + rec.Delivery)}
	rec.Received = on
	_, err := s.apply(ctx, w, rec, e, fmt.Sprintf("您的申请（编号 %s）已于 %s 登记，收到申请之日为 %s。", rec.Tracking, s.Today(), on))
	if err != nil {
		return Hints{}, err
	}
	return s.hints(ctx, rec)
}

// hints computes the volume flag and likely repeats of rec.
func (s *Service) hints(ctx context.Context, rec Record) (Hints, error) {
	if rec.ApplicantKey == "" {
		return Hints{Suspicious: rec.Suspicious}, nil
	}
	others, err := s.st.ApplicantRequests(ctx, rec.AgencyID, rec.ApplicantKey)
	if err != nil {
		return Hints{}, err
	}
	var earlier []calendar.Date
	var priors []request.Prior
	for _, o := range others {
		if o.ID == rec.ID || o.Received.IsZero() {
			continue
		}
		earlier = append(earlier, o.Received)
		priors = append(priors, request.Prior{ID: o.Tracking, ApplicantKey: rec.ApplicantKey, Content: o.Content,
			Outcome: o.Outcome, Ended: o.Ended, State: request.State(o.State)})
	}
	d := rec.Received
	if d.IsZero() {
		d = rec.Submitted
	}
	return Hints{Volume: request.CheckVolume(s.Volume, earlier, d),
		Repeats: request.LikelyRepeats(rec.ApplicantKey, rec.Content, priors, s.RepeatThreshold), Suspicious: rec.Suspicious}, nil
}

// clip cuts s to at most n runes: the intake notes come from the portal,
// not from the applicant, but are bounded all the same.
func clip(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n])
	}
	return s
}
