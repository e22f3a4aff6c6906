package pii

import (
	"bufio"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/rand"
	"encoding/binary"
	"errors"
	"fmt"
	"io"

	"github.com/emmansun/gmsm/sm3"
	"github.com/emmansun/gmsm/sm4"
)

// Streams: files of any size sealed with SM4-GCM in segments, so that
// sealing and opening hold one segment in memory whatever the file's size
// (attachments, SECURITY.md E-DC-02).
//
// A sealed stream is a header, then segments:
//
//	header  = "GKS1" ‖ len(keyID) (1 byte) ‖ keyID ‖ salt (16 bytes)
//	segment = SM4-GCM(fileKey, nonce = 0⁴ ‖ index (8 bytes, big-endian),
//	                  plain (SegmentSize bytes, the last 0…SegmentSize),
//	                  aad = header ‖ len(ad) (4 bytes) ‖ ad ‖ index ‖ final (1 byte))
//
// fileKey = HMAC-SM3(key, "gongkai-stream-key:" ‖ salt)[:16] is fresh for
// every stream, so the counter nonce never repeats under one key. The
// index and final flag in the authenticated data make a reordered,
// dropped, duplicated or truncated segment fail to open, and ad (the
// blob's name) binds the stream to where it is stored: a file swapped for
// another one's fails too.
const (
	// SegmentSize is the plain bytes of every segment but the last.
	SegmentSize = 64 << 10
	streamMagic = "GKS1"
	saltSize    = 16
)

// ErrStream is wrapped by every error opening a sealed stream.
var ErrStream = errors.New("pii: cannot open sealed stream")

// SealReader returns a reader of plain sealed as a stream under the
// primary key, bound to ad. It reads plain as it is read.
func (kr *Keyring) SealReader(plain io.Reader, ad []byte) (io.Reader, error) {
	k := kr.primary
	salt := make([]byte, saltSize)
	if _, err := rand.Read(salt); err != nil {
		return nil, fmt.Errorf("pii: seal stream: %w", err)
	}
	head := append(append([]byte(streamMagic), byte(len(k.ID))), k.ID...)
	head = append(head, salt...)
	aead, err := k.streamAEAD(salt)
	if err != nil {
		return nil, err
	}
	return &sealReader{src: bufio.NewReaderSize(plain, SegmentSize), seg: newSegmenter(aead, head, ad),
		out: head, plain: make([]byte, SegmentSize), buf: make([]byte, 0, SegmentSize+aead.Overhead())}, nil
}

// OpenReader returns a reader of the plain bytes of a stream sealed by
// SealReader with any key of the ring and the same ad. A Read returns an
// error wrapping ErrStream at the first segment that does not
// authenticate, before giving any of its bytes.
func (kr *Keyring) OpenReader(sealed io.Reader, ad []byte) (io.Reader, error) {
	br := bufio.NewReaderSize(sealed, SegmentSize+64)
	pre := make([]byte, len(streamMagic)+1)
	if _, err := io.ReadFull(br, pre); err != nil || string(pre[:len(streamMagic)]) != streamMagic {
		return nil, fmt.Errorf("%w: not a sealed stream", ErrStream)
	}
	rest := make([]byte, int(pre[len(streamMagic)])+saltSize)
	if _, err := io.ReadFull(br, rest); err != nil {
		return nil, fmt.Errorf("%w: short header", ErrStream)
	}
	id, salt := string(rest[:len(rest)-saltSize]), rest[len(rest)-saltSize:]
	k := kr.byID[id]
	if k == nil {
		return nil, fmt.Errorf("%w: key %s is not loaded", ErrStream, id)
	}
	aead, err := k.streamAEAD(salt)
	if err != nil {
		return nil, err
	}
	head := append(pre, rest...)
	return &openReader{src: br, seg: newSegmenter(aead, head, ad), ct: make([]byte, SegmentSize+aead.Overhead())}, nil
}

// SealedSize returns the size of a sealed stream of n plain bytes under
// the primary key.
func (kr *Keyring) SealedSize(n int64) int64 {
	segs := n/SegmentSize + 1
	if n > 0 && n%SegmentSize == 0 {
		segs--
	}
	return int64(len(streamMagic)+1+len(kr.primary.ID)+saltSize) + n + segs*16
}

// streamAEAD derives the SM4-GCM of one stream from the key and salt.
func (k *Key) streamAEAD(salt []byte) (cipher.AEAD, error) {
	m := hmac.New(sm3.New, k.raw)
	m.Write([]byte("gongkai-stream-key:"))
	m.Write(salt)
	block, err := sm4.NewCipher(m.Sum(nil)[:KeySize])
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrKey, err)
	}
	return cipher.NewGCM(block)
}

// A segmenter seals and opens the segments of one stream in order.
type segmenter struct {
	aead  cipher.AEAD
	aad   []byte // header ‖ len(ad) ‖ ad, then index ‖ final per segment
	fixed int
	nonce [12]byte
	index uint64
}

func newSegmenter(aead cipher.AEAD, head, ad []byte) *segmenter {
	aad := append([]byte(nil), head...)
	aad = binary.BigEndian.AppendUint32(aad, uint32(len(ad)))
	aad = append(aad, ad...)
	return &segmenter{aead: aead, aad: aad, fixed: len(aad)}
}

// next returns the nonce and authenticated data of the next segment.
func (s *segmenter) next(final bool) ([]byte, []byte) {
	binary.BigEndian.PutUint64(s.nonce[4:], s.index)
	aad := binary.BigEndian.AppendUint64(s.aad[:s.fixed], s.index)
	if final {
		aad = append(aad, 1)
	} else {
		aad = append(aad, 0)
	}
	s.aad = aad
	s.index++
	return s.nonce[:], aad
}

// readSegment fills buf from src as far as it can and says whether this
// is the last segment: a short read, or a full one with nothing after it.
func readSegment(src *bufio.Reader, buf []byte) (n int, final bool, err error) {
	n, err = io.ReadFull(src, buf)
	switch {
	case err == io.EOF || err == io.ErrUnexpectedEOF:
		return n, true, nil
	case err != nil:
		return 0, false, err
	}
	if _, perr := src.Peek(1); perr == io.EOF {
		return n, true, nil
	} else if perr != nil {
		return 0, false, perr
	}
	return n, false, nil
}

// sealReader seals its source a segment at a time.
type sealReader struct {
	src   *bufio.Reader
	seg   *segmenter
	plain []byte
	buf   []byte // one sealed segment
	out   []byte // sealed bytes not yet read
	done  bool   // the final segment is in out
	err   error
}

func (r *sealReader) Read(p []byte) (int, error) {
	for len(r.out) == 0 {
		if r.done {
			return 0, io.EOF
		}
		if r.err != nil {
			return 0, r.err
		}
		n, final, err := readSegment(r.src, r.plain)
		if err != nil {
			r.err = err
			return 0, err
		}
		nonce, aad := r.seg.next(final)
		r.out = r.seg.aead.Seal(r.buf[:0], nonce, r.plain[:n], aad)
		r.done = final
	}
	n := copy(p, r.out)
	r.out = r.out[n:]
	return n, nil
}

// openReader opens a sealed stream a segment at a time.
type openReader struct {
	src   *bufio.Reader
	seg   *segmenter
	ct    []byte
	plain []byte // opened bytes not yet read
	done  bool
	err   error
}

func (r *openReader) Read(p []byte) (int, error) {
	for len(r.plain) == 0 {
		if r.done {
			return 0, io.EOF
		}
		if r.err != nil {
			return 0, r.err
		}
		n, final, err := readSegment(r.src, r.ct)
		if err != nil {
			r.err = err
			return 0, err
		}
		nonce, aad := r.seg.next(final)
		plain, oerr := r.seg.aead.Open(r.ct[:0], nonce, r.ct[:n], aad)
		if oerr != nil {
			r.err = fmt.Errorf("%w: segment %d does not authenticate (tampered, truncated or under another name)", ErrStream, r.seg.index-1)
			return 0, r.err
		}
		r.plain, r.done = plain, final
	}
	n := copy(p, r.plain)
	r.plain = r.plain[n:]
	return n, nil
}
