package parse

import (
	"bytes"
	"path/filepath"
	"strings"

	"github.com/gongkai/gongkai/internal/textenc"
)

// sniffLen is how much of the input Detect looks at for text signatures.
const sniffLen = 4096

// Detect names the format of a published report by its content first — a
// zip holding word/document.xml is DOCX, one holding xl/workbook.xml is
// XLSX, %PDF is PDF, <html or <table is HTML, a JSON object in the
// gongkai.annual-report schema is JSON — and by the file name's extension
// only when the content says nothing more specific than "text".
func Detect(name string, data []byte) Format {
	ext := strings.ToLower(filepath.Ext(name))
	switch {
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		switch {
		case bytes.Contains(data, []byte("word/document.xml")):
			return FormatDOCX
		case bytes.Contains(data, []byte("xl/workbook.xml")):
			return FormatXLSX
		case ext == ".xlsx":
			return FormatXLSX
		}
		return FormatDOCX // let the DOCX reader say what is wrong with the zip
	case bytes.HasPrefix(data, []byte("%PDF")):
		return FormatPDF
	}
	head := data
	if len(head) > sniffLen {
		head = head[:sniffLen]
	}
	if i := bytes.Index(head, []byte("%PDF-")); i >= 0 && i < 1024 {
		return FormatPDF
	}
	// HTML and JSON need a "<" or "{" (in UTF-16 too, as one of its bytes).
	if bytes.IndexByte(head, '<') >= 0 || bytes.IndexByte(head, '{') >= 0 {
		if s, _, err := textenc.Decode(head); err == nil {
			if f, ok := sniffText(s); ok {
				return f
			}
		}
	}
	switch ext {
	case ".htm", ".html", ".xhtml", ".shtml":
		return FormatHTML
	case ".docx":
		return FormatDOCX
	case ".xlsx":
		return FormatXLSX
	case ".pdf":
		return FormatPDF
	case ".json":
		return FormatJSON
	}
	return FormatText
}

// sniffText recognises HTML and gongkai JSON by their first characters.
func sniffText(s string) (Format, bool) {
	t := strings.TrimLeft(s, " \t\r\n\ufeff")
	if strings.HasPrefix(t, "{") && strings.Contains(t, `"schema"`) && strings.Contains(t, "gongkai.annual-report/") {
		return FormatJSON, true
	}
	low := strings.ToLower(s)
	if strings.HasPrefix(t, "<") {
		for _, tag := range []string{"<html", "<!doctype html", "<table", "<body", "<div", "<head", "<meta", "<p>", "<p "} {
			if strings.Contains(low, tag) {
				return FormatHTML, true
			}
		}
	}
	if strings.Contains(low, "<html") || strings.Contains(low, "<table") {
		return FormatHTML, true
	}
	return "", false
}
