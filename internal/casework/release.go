package casework

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/letter"
	"github.com/gongkai/gongkai/internal/request"
)

// DeliveryOnline is the delivery by which the applicant fetches the
// information from the site (网上获取, 条例第四十条: the form the applicant
// asked for); a reply that discloses then needs the files released.
const DeliveryOnline = "网上获取"

// Released files (#9, 网上获取): the documents a 予以公开 or 部分公开 reply
// discloses, which staff attach to the request before the reply (a clerk of
// the handling agency, while the request is open). They are stored like
// the application's attachments (sealed in the blob store) and marked
// Released. The applicant downloads them once the reply is sent and only
// if it discloses: with the tracking number and query code, or through the
// public account the request is linked to; nobody else, and every
// download is audited. A reply by 网上获取 that discloses needs at least
// one (unless it points to information already published, 第三十六条
// 第（一）项).

// discloses reports whether outcome o gives the applicant information.
func discloses(o request.Outcome) bool { return o == request.Granted || o == request.PartiallyGranted }

// released returns the released files among as.
func released(as []Attachment) []Attachment {
	var out []Attachment
	for _, a := range as {
		if a.Released {
			out = append(out, a)
		}
	}
	return out
}

// AddRelease records a staged file as released by the reply of request id,
// for a clerk (经办人) of the handling agency while the request is open,
// within MaxAttachments files and MaxRequestBytes together (counted apart
// from the application's files); audited. When it fails the file is
// discarded.
func (s *Service) AddRelease(ctx context.Context, w Staffer, id int64, f File) (Attachment, error) {
	var a Attachment
	err := s.tx(ctx, func(ctx context.Context) error {
		rec, err := s.releaseOpen(ctx, w, id, "request.release_add")
		if err != nil {
			return err
		}
		have, err := s.st.Attachments(ctx, id)
		if err != nil {
			return err
		}
		if err := checkFiles([]File{f}, released(have)); err != nil {
			return err
		}
		a, err = s.st.AddAttachment(ctx, Attachment{RequestID: id, Name: f.Name, ContentType: f.ContentType, Size: f.Size,
			SHA256: f.SHA256, BlobKey: f.BlobKey, Hazard: f.Hazard, CreatedAt: s.now(), Released: true})
		if err != nil {
			return err
		}
		return s.log.Record(ctx, w.actor().Event("request.release_add", "request", id, audit.ResultOK,
			fmt.Sprintf("%s %s %d 字节", rec.Tracking, clipText(a.Name, 60), a.Size)))
	})
	if err != nil {
		s.Discard(f)
	}
	return a, err
}

// RemoveRelease deletes a released file of request id before the reply
// (a wrong file must never reach the applicant), for a clerk of the
// handling agency; audited.
func (s *Service) RemoveRelease(ctx context.Context, w Staffer, id, fileID int64) error {
	var key string
	err := s.tx(ctx, func(ctx context.Context) error {
		rec, err := s.releaseOpen(ctx, w, id, "request.release_remove")
		if err != nil {
			return err
		}
		a, err := s.st.Attachment(ctx, fileID)
		if err != nil {
			return err
		}
		if a.RequestID != id || !a.Released {
			return apperr.New(apperr.NotFound, "attachment.not_found")
		}
		if err := s.st.DeleteAttachment(ctx, fileID); err != nil {
			return err
		}
		key = a.BlobKey
		return s.log.Record(ctx, w.actor().Event("request.release_remove", "request", id, audit.ResultOK,
			fmt.Sprintf("%s %s", rec.Tracking, clipText(a.Name, 60))))
	})
	if err == nil {
		s.discard(key)
	}
	return err
}

// releaseOpen loads request id for a change of its released files by w:
// a clerk of the handling agency, while the request is registered and not
// ended (the files go with the reply).
func (s *Service) releaseOpen(ctx context.Context, w Staffer, id int64, action string) (Record, error) {
	rec, err := s.st.Request(ctx, id)
	if err != nil {
		return rec, err
	}
	if !canActIn(w, auth.RequestHandle, rec.AgencyID) {
		return rec, s.deny(ctx, w, action, rec, "deny.attach")
	}
	if rec.State == Submitted || request.State(rec.State).Ended() {
		return rec, apperr.New(apperr.Conflict, "release.closed")
	}
	return rec, nil
}

// releaseReady checks, before the reply step, that a reply by 网上获取 that
// discloses has its files: otherwise the applicant would get a letter
// saying the information is provided and nothing to download.
func (s *Service) releaseReady(ctx context.Context, rec Record) error {
	stored, err := s.st.RequestEvents(ctx, rec.ID)
	if err != nil {
		return err
	}
	evs := make([]request.Event, len(stored))
	for i, e := range stored {
		evs[i] = e.Event
	}
	d := lastDraft(evs)
	if rec.Delivery != DeliveryOnline || d == nil || !discloses(d.Outcome) || d.Outcome == request.Granted && d.Reply.Published {
		return nil
	}
	as, err := s.st.Attachments(ctx, rec.ID)
	if err != nil {
		return err
	}
	if len(released(as)) == 0 {
		return apperr.New(apperr.Invalid, "release.missing")
	}
	return nil
}

// onlineWhere names where an applicant downloads released files: the
// agency's query address when set.
func onlineWhere(s letter.Settings) string {
	if u := strings.TrimSpace(s.QueryURL); u != "" {
		return "政府信息公开申请平台（" + u + "）"
	}
	return "政府信息公开申请平台"
}

// A ReleasedFile is a file the applicant may download: its id, name and
// size.
type ReleasedFile struct {
	ID   int64
	Name string
	Size int64
}

// releasedFiles lists the files rec's applicant may download (PublicView).
func (s *Service) releasedFiles(ctx context.Context, rec Record, evs []StoredEvent) ([]ReleasedFile, error) {
	as, err := s.publicReleases(ctx, rec, evs)
	var out []ReleasedFile
	for _, a := range as {
		out = append(out, ReleasedFile{ID: a.ID, Name: a.Name, Size: a.Size})
	}
	return out, err
}

// publicReleases returns the files rec's applicant may download: the
// released files, once a reply that discloses was sent.
func (s *Service) publicReleases(ctx context.Context, rec Record, evs []StoredEvent) ([]Attachment, error) {
	replied := false
	for _, e := range evs {
		replied = replied || e.Event.Action == request.ActReply
	}
	if !replied || !discloses(rec.Outcome) {
		return nil, nil
	}
	as, err := s.st.Attachments(ctx, rec.ID)
	return released(as), err
}

// PublicRelease opens a released file of the request with the tracking
// number and query code (checked as in Lookup), for its applicant only,
// and audits the download. A file that is not released to the applicant,
// a wrong code and an unknown number all give NotFound.
func (s *Service) PublicRelease(ctx context.Context, tracking, code string, fileID int64, ip string) (Attachment, io.ReadCloser, error) {
	rec, err := s.lookup(ctx, tracking, code)
	if err != nil {
		return Attachment{}, nil, err
	}
	return s.OpenRelease(ctx, rec, fileID, audit.Actor{Login: "anonymous", IP: ip})
}

// OpenRelease opens released file fileID of rec for its applicant, whose
// right to the request the caller has established (the query code, or
// the public account it is linked to), and audits the download as by
// actor. The caller closes the reader.
func (s *Service) OpenRelease(ctx context.Context, rec Record, fileID int64, actor audit.Actor) (Attachment, io.ReadCloser, error) {
	evs, err := s.st.RequestEvents(ctx, rec.ID)
	if err != nil {
		return Attachment{}, nil, err
	}
	files, err := s.publicReleases(ctx, rec, evs)
	if err != nil {
		return Attachment{}, nil, err
	}
	for _, a := range files {
		if a.ID != fileID {
			continue
		}
		if err := s.log.Record(ctx, actor.Event("request.release_download", "request", rec.ID, audit.ResultOK,
			fmt.Sprintf("%s %s", rec.Tracking, clipText(a.Name, 60)))); err != nil {
			return a, nil, err
		}
		body, err := s.openBlob(ctx, a)
		if err != nil {
			return a, nil, fmt.Errorf("casework: released file %d: %w", fileID, err)
		}
		return a, body, nil
	}
	return Attachment{}, nil, apperr.New(apperr.NotFound, "attachment.not_found")
}
