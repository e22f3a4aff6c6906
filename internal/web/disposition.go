package web

import (
	"strings"
	"unicode/utf8"
)

// ContentDisposition returns the Content-Disposition value of a download
// named name (RFC 6266): an ASCII filename for old clients (every byte
// outside printable ASCII, the quote and the backslash replaced by "_")
// and the UTF-8 filename* of RFC 8187 that every current browser reads, so
// that 2026-0012-政府信息公开申请答复书.docx survives. filename* escapes
// every byte that is not an attr-char (RFC 8187 §3.2.1), so ":", "=",
// "@", ";" and "," never reach the header raw.
func ContentDisposition(name string) string {
	name = strings.ToValidUTF8(name, "_")
	var ascii, ext strings.Builder
	for i := 0; i < len(name); i++ {
		c := name[i]
		switch {
		case c >= 0x80:
			if utf8.RuneStart(c) {
				ascii.WriteByte('_')
			}
		case c < 0x20 || c == 0x7f || c == '"' || c == '\\':
			ascii.WriteByte('_')
		default:
			ascii.WriteByte(c)
		}
		if attrChar(c) {
			ext.WriteByte(c)
		} else {
			const hex = "0123456789ABCDEF"
			ext.WriteByte('%')
			ext.WriteByte(hex[c>>4])
			ext.WriteByte(hex[c&15])
		}
	}
	return `attachment; filename="` + ascii.String() + `"; filename*=UTF-8''` + ext.String()
}

// attrChar reports whether c may stand unescaped in an RFC 8187
// ext-value: ALPHA, DIGIT and !#$&+-.^_`|~.
func attrChar(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("!#$&+-.^_`|~", c) >= 0
}
