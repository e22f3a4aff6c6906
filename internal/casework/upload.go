package casework

import (
	"bufio"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/bombcheck"
)

// Blobs is where attachment bytes live (package blob, sealed): written
// as they arrive, so an upload holds a buffer, never a whole file, in
// memory.
type Blobs interface {
	// Put stores r under key and returns the bytes it read; the object is
	// durable when Put returns.
	Put(ctx context.Context, key string, r io.Reader) (int64, error)
	Get(ctx context.Context, key string) (io.ReadCloser, error)
	Delete(ctx context.Context, key string) error
	// List calls fn with every object under prefix.
	List(ctx context.Context, prefix string, fn func(key string, modified time.Time) error) error
}

// MaxRequestBytes bounds the attachments of one request together: an
// application with every file at MaxAttachmentSize would be 100 MiB; 40
// MiB holds the scans and papers of any real application.
const MaxRequestBytes = 40 << 20

// blobPrefix starts the key of every request attachment in the store.
const blobPrefix = "requests/"

// legacyBlob is the blob key of attachments stored before the blob store,
// sealed whole in request_attachment_data.
const legacyBlob = "db"

// ErrTooLarge is wrapped by the errors of a file or an application larger
// than its limit; its TooLarge method lets the web layer answer 413.
var ErrTooLarge error = tooLarge{}

type tooLarge struct{}

func (tooLarge) Error() string { return "casework: attachment too large" }

// TooLarge marks the error as a body over its limit (HTTP 413).
func (tooLarge) TooLarge() bool { return true }

// A File is an uploaded file staged in the blob store by Stage: an
// applicant's ID scan or supporting document, or a clerk's scan of a
// letter. Submit, Register and AddAttachment record it or, when they
// fail, delete it.
type File struct {
	Name        string
	ContentType string
	Size        int64
	SHA256      string
	BlobKey     string
	Hazard      string // the bombcheck flag, empty when the file passed
}

// newBlobKey returns a fresh random key under blobPrefix. It names no
// request: the file is stored before its request exists.
func newBlobKey() (string, error) {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("casework: blob key: %w", err)
	}
	h := hex.EncodeToString(b)
	return blobPrefix + h[:2] + "/" + h, nil
}

// Stage checks a file's name and declared type, then streams r into the
// blob store (sealed), checking its leading bytes against the type, its
// size against MaxAttachmentSize and a text file's encoding as the bytes
// pass. A zip (DOCX, XLSX, OFD) is then checked for a zip or XML bomb
// (package bombcheck: its directory from the tail kept while it streamed,
// its entries read back once as a bounded stream) and flagged in
// File.Hazard, never refused: staff are warned before they open it. On
// any problem nothing is left in the store.
func (s *Service) Stage(ctx context.Context, name, contentType string, r io.Reader) (File, error) {
	if s.Blobs == nil {
		return File{}, errors.New("casework: no blob store configured")
	}
	if err := CheckAttachment(name, contentType, 1); err != nil {
		return File{}, err
	}
	name = strings.TrimSpace(name)
	ext := strings.ToLower(path.Ext(name))
	br := bufio.NewReaderSize(r, 4096)
	head, err := br.Peek(16)
	if err != nil && !errors.Is(err, io.EOF) {
		return File{}, fmt.Errorf("casework: read %s: %w", clipText(name, 40), err)
	}
	if len(head) == 0 {
		return File{}, apperr.New(apperr.Invalid, "attachment.empty", clipText(name, 40))
	}
	if err := checkMagic(name, ext, head); err != nil {
		return File{}, err
	}
	key, err := newBlobKey()
	if err != nil {
		return File{}, err
	}
	sum := sha256.New()
	lim := &limitReader{r: br, n: MaxAttachmentSize}
	var src io.Reader = io.TeeReader(lim, sum)
	src, watch := bombcheck.NewWatch(src) // a zip keeps its tail for the bomb check
	var text *utf8Check
	if ext == ".txt" {
		text = &utf8Check{r: src}
		src = text
	}
	n, err := s.Blobs.Put(ctx, key, src)
	switch {
	case lim.over:
		err = apperr.Wrap(apperr.Invalid, "attachment.file_too_large", ErrTooLarge, clipText(name, 40), MaxAttachmentSize>>20)
	case text != nil && text.bad:
		err = apperr.New(apperr.Invalid, "attachment.text_not_utf8")
	case err != nil:
		err = fmt.Errorf("casework: stage %s: %w", clipText(name, 40), err)
	}
	var hazard bombcheck.Flag
	if err == nil {
		hazard, err = watch.Inspect(func() (io.ReadCloser, error) { return s.Blobs.Get(ctx, key) })
	}
	if err != nil {
		s.discard(key)
		return File{}, err
	}
	ct, _, _ := strings.Cut(contentType, ";")
	return File{Name: name, ContentType: strings.TrimSpace(ct), Size: n, SHA256: hex.EncodeToString(sum.Sum(nil)), BlobKey: key,
		Hazard: hazard.String()}, nil
}

// Discard deletes staged files that will not be recorded (the form had
// errors). Submit, Register and AddAttachment discard their files
// themselves when they fail.
func (s *Service) Discard(files ...File) {
	for _, f := range files {
		s.discard(f.BlobKey)
	}
}

// discard deletes a staged blob, without the caller's context (which may
// have ended with the request); what it cannot delete, SweepBlobs will.
func (s *Service) discard(key string) {
	if s.Blobs == nil || !strings.HasPrefix(key, blobPrefix) {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	_ = s.Blobs.Delete(ctx, key)
}

// checkMagic checks the leading bytes of a file against its extension.
func checkMagic(name, ext string, head []byte) error {
	if ext == ".txt" {
		return nil
	}
	for _, m := range magic[ext] {
		if strings.HasPrefix(string(head), m) {
			return nil
		}
	}
	return apperr.New(apperr.Invalid, "attachment.content_mismatch", clipText(name, 40), strings.ToUpper(ext[1:]))
}

// checkFiles checks staged files against the per-request limits, with
// have already attached.
func checkFiles(files []File, have []Attachment) error {
	if len(files)+len(have) > MaxAttachments {
		return apperr.New(apperr.Invalid, "attachment.too_many", MaxAttachments)
	}
	var total int64
	for _, a := range have {
		total += a.Size
	}
	for _, f := range files {
		if !strings.HasPrefix(f.BlobKey, blobPrefix) {
			return fmt.Errorf("casework: file %q was not staged", f.Name)
		}
		total += f.Size
	}
	if total > MaxRequestBytes {
		return apperr.Wrap(apperr.Invalid, "attachment.request_too_large", ErrTooLarge, MaxRequestBytes>>20)
	}
	return nil
}

// SweepBlobs deletes attachment blobs older than age that no attachment
// row names: files staged by a request that crashed or failed before its
// transaction committed. age must exceed the longest upload.
func (s *Service) SweepBlobs(ctx context.Context, age time.Duration) (int, error) {
	if s.Blobs == nil {
		return 0, nil
	}
	cutoff := s.now().Add(-age)
	var orphans []string
	err := s.Blobs.List(ctx, blobPrefix, func(key string, modified time.Time) error {
		if modified.After(cutoff) {
			return nil
		}
		ok, err := s.st.AttachmentBlobExists(ctx, key)
		if err == nil && !ok {
			orphans = append(orphans, key)
		}
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("casework: sweep blobs: %w", err)
	}
	n := 0
	for _, k := range orphans {
		if err := s.Blobs.Delete(ctx, k); err == nil {
			n++
		}
	}
	return n, nil
}

// limitReader reads at most n bytes and notes when more followed.
type limitReader struct {
	r    io.Reader
	n    int64
	over bool
}

func (l *limitReader) Read(p []byte) (int, error) {
	if l.n <= 0 {
		var one [1]byte
		if k, _ := io.ReadFull(l.r, one[:]); k > 0 {
			l.over = true
			return 0, ErrTooLarge
		}
		return 0, io.EOF
	}
	if int64(len(p)) > l.n {
		p = p[:l.n]
	}
	n, err := l.r.Read(p)
	l.n -= int64(n)
	return n, err
}

// utf8Check notes whether the bytes through it are valid UTF-8, a rune
// split between two reads included; it stops the copy at the first bad
// byte.
type utf8Check struct {
	r    io.Reader
	tail []byte // the bytes of a rune cut by the end of the last read
	bad  bool
}

func (u *utf8Check) Read(p []byte) (int, error) {
	n, err := u.r.Read(p)
	b := p[:n]
	if len(u.tail) > 0 && len(b) > 0 {
		// Complete the rune the last read cut.
		t := append(u.tail, b[:min(len(b), utf8.UTFMax-len(u.tail))]...)
		if !utf8.FullRune(t) {
			u.tail, b = t, nil
		} else {
			r, size := utf8.DecodeRune(t)
			if r == utf8.RuneError && size <= 1 {
				return n, u.fail()
			}
			b, u.tail = b[size-len(u.tail):], nil
		}
	}
	// Keep a rune cut by the end of this read for the next one.
	cut := len(b)
	for i := len(b) - 1; i >= 0 && i >= len(b)-utf8.UTFMax+1; i-- {
		if utf8.RuneStart(b[i]) {
			if !utf8.FullRune(b[i:]) {
				cut = i
			}
			break
		}
	}
	if !utf8.Valid(b[:cut]) {
		return n, u.fail()
	}
	u.tail = append(u.tail, b[cut:]...)
	if errors.Is(err, io.EOF) && len(u.tail) > 0 {
		return n, u.fail()
	}
	return n, err
}

func (u *utf8Check) fail() error {
	u.bad = true
	return errors.New("casework: text attachment is not UTF-8")
}
