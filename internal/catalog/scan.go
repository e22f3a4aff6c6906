package catalog

import (
	"io"
	"strings"
)

// A Finding is something the personal-data scanner saw in an item's text
// or files (catalog.md §4): an ID number, a mobile number, a bank card, an
// e-mail address, a 密级 marking, hidden content.
type Finding struct {
	Kind   string `json:"kind"`   // id_card, mobile, bank_card, email, classified, hidden
	File   string `json:"file"`   // 正文 or the attachment's name
	Where  string `json:"where"`  // line, table cell, sheet!A1, part name
	Masked string `json:"masked"` // at most the first 6 and last 2 characters
}

// String describes f in one line for lists and the audit log.
func (f Finding) String() string {
	return f.File + " " + f.Where + " " + f.Kind + " " + f.Masked
}

// A Scanner looks for personal data and classified markings in one file
// (package scan implements it; catalog.md §4). name carries the extension
// that tells the format; a file it cannot read is an error.
type Scanner interface {
	Scan(name string, r io.Reader) ([]Finding, error)
}

// BodyFile is the name under which an item's title, summary and body are
// scanned, as one HTML document.
const BodyFile = "正文.html"

// BodyDocument returns the item text the scanner reads as BodyFile.
func BodyDocument(c Content) string {
	var b strings.Builder
	b.WriteString("<h1>")
	b.WriteString(escapeText(c.Title))
	b.WriteString("</h1>\n<p>")
	b.WriteString(escapeText(c.Summary))
	b.WriteString("</p>\n")
	b.WriteString(c.Body)
	return b.String()
}

func escapeText(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}
