package parse

import (
	"bytes"
	"fmt"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// decodeHTML returns a HTML page's text as UTF-8 and the name of the
// encoding it was read in. A byte-order mark wins; then the page's own
// <meta> declaration, except that a page declared UTF-8 or Latin-1 that is
// not valid UTF-8 is read as GB18030 (Chinese government pages are often
// mislabelled), and a page declared GBK that is valid UTF-8 is UTF-8; a
// page that declares nothing is UTF-8 when valid and GB18030 (a superset
// of GBK and GB2312) otherwise.
func decodeHTML(data []byte) (string, string, error) {
	enc, name, _ := charset.DetermineEncoding(data, "")
	switch name {
	case "utf-8", "windows-1252", "iso-8859-1", "":
		data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
		if utf8.Valid(data) {
			return string(data), "utf-8", nil
		}
		name = "gb18030"
	case "gbk", "gb2312", "gb18030":
		// Long Chinese text in GBK is practically never valid UTF-8; a page
		// that is, was converted to UTF-8 and kept its old declaration.
		if utf8.Valid(data) && htmlHighBit(data) {
			return string(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))), "utf-8", nil
		}
		name = "gb18030"
	}
	if name == "gb18030" {
		enc = simplifiedchinese.GB18030
	}
	if enc == nil {
		return "", "", fmt.Errorf("unsupported encoding %q", name)
	}
	out, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		return "", "", fmt.Errorf("decode %s: %w", name, err)
	}
	// A BOM survives decoding as U+FEFF.
	return string(bytes.TrimPrefix(out, []byte("\uFEFF"))), name, nil
}

func htmlHighBit(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 {
			return true
		}
	}
	return false
}
