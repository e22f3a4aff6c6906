// Package textenc sniffs the character set of a text document — UTF-8 with
// or without a byte-order mark, UTF-16 with a byte-order mark (or without
// one, when the zero bytes give it away), and GBK/GB18030, the encodings
// Chinese government sites and Windows editors still produce — and decodes
// it to a Go string.
package textenc

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// An Encoding names a character set that Decode recognised.
type Encoding string

// The encodings Decode recognises.
const (
	UTF8    Encoding = "utf-8"
	UTF8BOM Encoding = "utf-8-bom"
	UTF16LE Encoding = "utf-16le"
	UTF16BE Encoding = "utf-16be"
	GB18030 Encoding = "gb18030" // includes GBK and GB2312
)

// ErrBinary is returned for data that decodes to too many invalid or
// control characters to be text in any recognised encoding.
var ErrBinary = errors.New("textenc: not text in UTF-8, UTF-16 or GB18030 (不是可识别的文本编码)")

var (
	bomUTF8    = []byte{0xEF, 0xBB, 0xBF}
	bomUTF16LE = []byte{0xFF, 0xFE}
	bomUTF16BE = []byte{0xFE, 0xFF}
)

// Sniff returns the encoding of data without decoding all of it. It looks
// at byte-order marks first, then at zero bytes (UTF-16 without a mark),
// then checks whether data is valid UTF-8; anything else is taken as
// GB18030. A UTF-8 sequence cut at the end of data (a truncated sample) is
// still UTF-8.
func Sniff(data []byte) Encoding {
	switch {
	case bytes.HasPrefix(data, bomUTF8):
		return UTF8BOM
	case bytes.HasPrefix(data, bomUTF16LE):
		return UTF16LE
	case bytes.HasPrefix(data, bomUTF16BE):
		return UTF16BE
	}
	if e, ok := sniffUTF16(data); ok {
		return e
	}
	if validUTF8Prefix(data) || mostlyUTF8(data) {
		return UTF8
	}
	return GB18030
}

// mostlyUTF8 reports whether data is UTF-8 with a few damaged bytes: at
// least 20 valid multi-byte runes and at most one invalid byte for every
// 50 of them. GBK text almost never forms valid UTF-8 sequences.
func mostlyUTF8(data []byte) bool {
	var good, bad int
	for i := 0; i < len(data); {
		if data[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 {
			bad++
			i++
			continue
		}
		good++
		i += size
	}
	return good >= 20 && bad*50 <= good
}

// validUTF8Prefix reports whether data is valid UTF-8, allowing the last
// rune to be cut short.
func validUTF8Prefix(data []byte) bool {
	if utf8.Valid(data) {
		return true
	}
	// Allow up to 3 trailing bytes of an incomplete rune.
	for cut := 1; cut <= 3 && cut < len(data); cut++ {
		head, tail := data[:len(data)-cut], data[len(data)-cut:]
		if utf8.Valid(head) && utf8.RuneStart(tail[0]) && !utf8.FullRune(tail) {
			return true
		}
	}
	return false
}

// sniffUTF16 detects UTF-16 without a byte-order mark: in text that is
// mostly ASCII, every other byte is zero.
func sniffUTF16(data []byte) (Encoding, bool) {
	n := len(data)
	if n > 4096 {
		n = 4096
	}
	if n < 4 {
		return "", false
	}
	var even, odd int
	for i := 0; i < n; i++ {
		if data[i] == 0 {
			if i%2 == 0 {
				even++
			} else {
				odd++
			}
		}
	}
	half := n / 2
	switch {
	case odd > half*3/10 && even < half/20:
		return UTF16LE, true
	case even > half*3/10 && odd < half/20:
		return UTF16BE, true
	}
	return "", false
}

// Decode converts data to a string, removing any byte-order mark, and says
// which encoding it found. It returns ErrBinary when the result would be
// mostly replacement or control characters.
func Decode(data []byte) (string, Encoding, error) {
	enc := Sniff(data)
	var s string
	switch enc {
	case UTF8:
		s = string(data)
		if !utf8.ValidString(s) {
			s = strings.ToValidUTF8(s, "\uFFFD")
		}
	case UTF8BOM:
		s = string(data[len(bomUTF8):])
	case UTF16LE, UTF16BE:
		var e encoding.Encoding
		if enc == UTF16LE {
			e = unicode.UTF16(unicode.LittleEndian, unicode.UseBOM)
		} else {
			e = unicode.UTF16(unicode.BigEndian, unicode.UseBOM)
		}
		b, err := e.NewDecoder().Bytes(data)
		if err != nil {
			return "", enc, ErrBinary
		}
		s = string(b)
	default:
		b, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
		if err != nil {
			return "", enc, ErrBinary
		}
		s = string(b)
	}
	if !looksLikeText(s) {
		return "", enc, ErrBinary
	}
	return s, enc, nil
}

// looksLikeText reports whether at most 1 in 10 of the runes in the first
// 64 KiB of s (valid UTF-8) are replacement characters or C0 controls
// other than tab, CR, LF and form feed.
func looksLikeText(s string) bool {
	if len(s) > 65536 {
		s = s[:65536]
	}
	var n, bad int
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c&0xC0 == 0x80 {
			continue // continuation byte
		}
		n++
		switch {
		case c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f':
			bad++
		case c == 0xEF && i+2 < len(s) && s[i+1] == 0xBF && s[i+2] == 0xBD: // U+FFFD
			bad++
		}
	}
	return bad*10 <= n
}

// SampleSize is how much of a stream NewReader reads ahead to sniff its
// encoding.
const SampleSize = 256 << 10

// NewReader returns a reader of r's text as UTF-8 without a byte-order
// mark, and the encoding it found, having read at most SampleSize bytes
// ahead: the encoding is sniffed from that sample (as Sniff), invalid
// sequences later in the stream become U+FFFD, and ErrBinary is returned
// at once when the sample does not look like text. It is Decode for
// inputs too large to hold whole.
func NewReader(r io.Reader) (io.Reader, Encoding, error) {
	br := bufio.NewReaderSize(r, SampleSize)
	sample, err := br.Peek(SampleSize)
	if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
		return nil, "", err
	}
	enc := Sniff(sample)
	var dec *encoding.Decoder
	switch enc {
	case UTF8, UTF8BOM:
		dec = unicode.UTF8BOM.NewDecoder() // drops a leading mark, replaces invalid bytes
	case UTF16LE:
		dec = unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewDecoder()
	case UTF16BE:
		dec = unicode.UTF16(unicode.BigEndian, unicode.UseBOM).NewDecoder()
	default:
		dec = simplifiedchinese.GB18030.NewDecoder()
	}
	whole := sample
	if len(sample) == SampleSize { // more follows: a character may be cut
		whole = sample[:len(sample)-incomplete(sample, enc)]
	}
	head, err := dec.Bytes(whole)
	if err != nil || !looksLikeText(string(head)) {
		return nil, enc, ErrBinary
	}
	dec.Reset()
	return transform.NewReader(br, dec), enc, nil
}

// incomplete is the number of bytes at the end of sample that may be the
// start of a character cut by the sample's end (decoders report those as
// errors or replacement characters).
func incomplete(sample []byte, enc Encoding) int {
	switch enc {
	case UTF16LE, UTF16BE:
		return min(len(sample)%2+2, len(sample))
	case UTF8, UTF8BOM:
		for cut := 1; cut <= 3 && cut <= len(sample); cut++ {
			if utf8.RuneStart(sample[len(sample)-cut]) {
				if !utf8.FullRune(sample[len(sample)-cut:]) {
					return cut
				}
				return 0
			}
		}
		return 0
	}
	return min(3, len(sample)) // GB18030 characters are at most 4 bytes
}
