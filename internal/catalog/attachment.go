package catalog

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"path"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/bombcheck"
)

// attachmentTypes are the files an item may carry (catalog.md §2: PDF,
// DOCX, XLSX, images, OFD as a file), by extension.
var attachmentTypes = map[string]string{
	".pdf":  "application/pdf",
	".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	".doc":  "application/msword",
	".xls":  "application/vnd.ms-excel",
	".ofd":  "application/ofd",
	".png":  "image/png",
	".jpg":  "image/jpeg",
	".jpeg": "image/jpeg",
	".txt":  "text/plain; charset=utf-8",
	".zip":  "application/zip",
}

// AttachmentType returns the content type of a file name the catalogue
// accepts, or false.
func AttachmentType(name string) (string, bool) {
	t, ok := attachmentTypes[strings.ToLower(path.Ext(name))]
	return t, ok
}

// Attach adds a file to the working copy of a draft (经办人): the bytes
// stream into the blob store under a new key while their SHA-256 is
// computed, and the working copy must be scanned again before it is
// submitted. A zip or XML bomb is stored with its flag (Attachment.Hazard),
// never scanned. At most MaxAttachmentBytes are accepted. A file of the
// same name as one the working copy holds replaces it there (the clerk
// uploading a corrected file); published versions keep their own.
func (s *Service) Attach(ctx context.Context, w Staff, id int64, name string, r io.Reader) error {
	name = strings.TrimSpace(path.Base(strings.ReplaceAll(name, "\\", "/")))
	ctype, ok := AttachmentType(name)
	switch {
	case s.Blobs == nil:
		return apperr.New(apperr.Invalid, "catalog.attachment.no_store")
	case name == "" || name == "." || utf8.RuneCountInString(name) > MaxAttachName:
		return apperr.New(apperr.Invalid, "catalog.attachment.name")
	case !ok:
		return apperr.New(apperr.Invalid, "catalog.attachment.type")
	}
	// Check before storing anything: a refused upload leaves no object.
	it, err := s.Get(ctx, w, id)
	if err != nil {
		return err
	}
	if _, ok := roleFor(w, ActEdit, it.State, it.AgencyID); !ok {
		return s.deny(ctx, w, "catalog.edit", id, it.AgencyID, fmt.Sprintf("信息处于“%s”状态，您不能上传附件", it.State.Label()),
			apperr.M("catalog.deny.attach", it.State.Key()))
	}
	var rnd [16]byte
	if _, err := rand.Read(rnd[:]); err != nil {
		return err
	}
	key := "catalog/upload/" + hex.EncodeToString(rnd[:])
	h := sha256.New()
	src, watch := bombcheck.NewWatch(io.TeeReader(io.LimitReader(r, MaxAttachmentBytes+1), h))
	n, err := s.Blobs.Put(ctx, key, src)
	if err != nil {
		return fmt.Errorf("catalog: store attachment: %w", err)
	}
	if n > MaxAttachmentBytes {
		return apperr.New(apperr.Invalid, "catalog.attachment.too_large", MaxAttachmentBytes>>20)
	}
	hazard, err := watch.Inspect(func() (io.ReadCloser, error) { return s.Blobs.Get(ctx, key) })
	if err != nil {
		return fmt.Errorf("catalog: check attachment: %w", err)
	}
	a := Attachment{Name: name, ContentType: ctype, Size: n, SHA256: hex.EncodeToString(h.Sum(nil)), BlobKey: key, Hazard: hazard.String()}
	replaced := -1 // the position of a file of the same name the upload replaces
	return s.act(ctx, w, id, step{action: ActEdit, prepare: func(_ context.Context, it *Item, rec *Record, _ *Event) error {
		c := it.Content
		c.Attachments = append([]Attachment(nil), c.Attachments...)
		replaced = slices.IndexFunc(c.Attachments, func(old Attachment) bool { return old.Name == a.Name })
		if replaced >= 0 {
			c.Attachments[replaced] = a
		} else {
			c.Attachments = append(c.Attachments, a)
		}
		rec.Draft = &c
		if it.Live == 0 {
			rec.Shown = stripped(c)
		}
		return nil
	}, detail: func(*Item, Event) string {
		verb := "上传附件"
		if replaced >= 0 {
			verb = "替换附件"
		}
		d := fmt.Sprintf("%s %s（%d 字节，SHA-256 %s）", verb, a.Name, a.Size, a.SHA256[:12])
		if a.Hazard != "" {
			d += " 风险标记 hazard " + bombcheck.Parse(a.Hazard).Code
		}
		return d
	}})
}

// OpenAttachment returns the n-th attachment (from 1) of an item's working
// copy or live version, for staff who may read the agency's items.
func (s *Service) OpenAttachment(ctx context.Context, w Staff, id int64, n int) (Attachment, io.ReadCloser, error) {
	it, err := s.Get(ctx, w, id)
	if err != nil {
		return Attachment{}, nil, err
	}
	if n < 1 || n > len(it.Content.Attachments) || s.Blobs == nil {
		return Attachment{}, nil, apperr.New(apperr.NotFound, "catalog.attachment.not_found")
	}
	a := it.Content.Attachments[n-1]
	rc, err := s.Blobs.Get(ctx, a.BlobKey)
	if err != nil {
		return a, nil, err
	}
	if err := s.log.Record(ctx, w.actor().Event("catalog.attachment_open", "catalog_item", id, audit.ResultOK, a.Name)); err != nil {
		rc.Close()
		return a, nil, err
	}
	return a, rc, nil
}
