package pagecache

import (
	"bytes"
	"compress/gzip"
	"strconv"
	"strings"

	"github.com/andybalholm/brotli"
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

// acceptedCodings parses Accept-Encoding (RFC 9110 §12.5.3): a coding is
// accepted when listed, or covered by "*", with a q-value above zero.
func acceptedCodings(header string) codings {
	var c codings
	if header == "" {
		return c
	}
	star, gz, br := -1, -1, -1 // -1: not listed; 0: refused; 1: accepted
	for part := range strings.SplitSeq(header, ",") {
		name, params, _ := strings.Cut(part, ";")
		name = strings.ToLower(strings.TrimSpace(name))
		ok := 1
		if q, found := qValue(params); found && q <= 0 {
			ok = 0
		}
		switch name {
		case "gzip", "x-gzip":
			gz = ok
		case "br":
			br = ok
		case "*":
			star = ok
		}
	}
	c.gzip = gz == 1 || gz == -1 && star == 1
	c.br = br == 1 || br == -1 && star == 1
	return c
}

// qValue returns the q parameter of a list member's parameters.
func qValue(params string) (float64, bool) {
	for p := range strings.SplitSeq(params, ";") {
		k, v, ok := strings.Cut(strings.TrimSpace(p), "=")
		if ok && strings.EqualFold(strings.TrimSpace(k), "q") {
			q, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
			if err != nil {
				return 0, true // a q-value that is no number accepts nothing
			}
			return q, true
		}
	}
	return 0, false
}
