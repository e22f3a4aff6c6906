package pagecache

import (
	"bytes"
	"compress/gzip"
	"strconv"
	"strings"

	"github.com/andybalholm/brotli"

	"github.com/gongkai/gongkai/internal/web"
)

// A representation is one encoding of a cached body, with its headers
// ready to be put into a response.
type representation struct {
	body     []byte
	encoding []string // Content-Encoding, nil for identity
	etag     []string
	length   []string // Content-Length
}

func newRepresentation(body []byte, encoding, etag string) *representation {
	rep := &representation{body: body, etag: []string{etag}, length: []string{strconv.Itoa(len(body))}}
	if encoding != "" {
		rep.encoding = []string{encoding}
	}
	return rep
}

// compressible reports whether a response of this Content-Type is text
// worth compressing (HTML, XML, Atom, JSON, CSV); the report downloads in
// DOCX, XLSX and PDF are compressed already.
func compressible(contentType string) bool {
	ct, _, _ := strings.Cut(contentType, ";")
	ct = strings.TrimSpace(strings.ToLower(ct))
	return strings.HasPrefix(ct, "text/") || strings.HasSuffix(ct, "xml") || strings.HasSuffix(ct, "json") ||
		strings.HasSuffix(ct, "+xml")
}

// gzipBytes compresses b at the best ratio: a page is compressed once per
// generation and sent many times.
func gzipBytes(b []byte) []byte {
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression) // the level is valid
	_, _ = zw.Write(b)                                       // a bytes.Buffer never fails
	_ = zw.Close()
	return buf.Bytes()
}

// BrotliQuality is the brotli quality the cache compresses at: the best
// (11). It costs tens of milliseconds for a page on this project's 2-core
// machine (quality 5: a few; gzip -9: about 2), so brotli is made in the
// background, one page at a time, after the page is first asked for with
// br; until then the reader gets gzip.
const BrotliQuality = 11

// brotliBytes compresses b with brotli at BrotliQuality.
func brotliBytes(b []byte) []byte {
	var buf bytes.Buffer
	bw := brotli.NewWriterLevel(&buf, BrotliQuality)
	_, _ = bw.Write(b)
	_ = bw.Close()
	return buf.Bytes()
}

// Codings are the content codings a request accepts, from its
// Accept-Encoding.
type codings struct{ gzip, br bool }

// acceptedCodings parses Accept-Encoding (web.AcceptedCodings).
func acceptedCodings(header string) codings {
	c := web.AcceptedCodings(header)
	return codings{gzip: c.Gzip, br: c.Br}
}
