package web

import (
	"bytes"
	"net/http"

	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/letter"
	"github.com/gongkai/gongkai/internal/report"
	"github.com/gongkai/gongkai/internal/report/render"
)

// StandaloneCSP lets a standalone printable page (a letter, a report)
// apply its own inline stylesheet and nothing else: no script and no
// external resource (the site-wide policy forbids inline styles).
const StandaloneCSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

// LetterLabels name each kind of letter on the pages that link to it.
var LetterLabels = map[letter.Kind]string{
	letter.KindReceipt:     "登记回执",
	letter.KindCorrection:  "补正告知书",
	letter.KindThirdParty:  "征求第三方意见书",
	letter.KindExtension:   "延期答复告知书",
	letter.KindFee:         "收费通知书",
	letter.KindReasons:     "说明理由通知书",
	letter.KindDelay:       "延迟答复告知书",
	letter.KindReply:       "答复告知书",
	letter.KindWithdrawal:  "撤回确认书",
	letter.KindDisclosure:  "决定公开告知书（致第三方）",
	letter.KindOtherAgency: "征求意见函（致其他机关）",
}

const docxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

// Attachment marks the response as a download named name (RFC 6266,
// UTF-8 so that Chinese titles survive; see ContentDisposition).
func Attachment(w http.ResponseWriter, name string) {
	w.Header().Set("Content-Disposition", ContentDisposition(name))
}

// WriteLetter sends l as a printable HTML page, or as a DOCX download
// named by its tracking number and title (letter.FileName) when format
// is "docx". Nothing is written when
// rendering fails.
func WriteLetter(w http.ResponseWriter, l *letter.Letter, format string) error {
	var buf bytes.Buffer
	if format == "docx" {
		if err := letter.DOCX(&buf, l); err != nil {
			return err
		}
		w.Header().Set("Content-Type", docxType)
		Attachment(w, l.FileName(".docx"))
	} else {
		if err := letter.HTML(&buf, l); err != nil {
			return err
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Content-Security-Policy", StandaloneCSP)
	}
	_, err := buf.WriteTo(w)
	return err
}

// reportFormats are the formats a report is sent in.
var reportFormats = map[string]struct{ ext, ctype string }{
	"docx": {".docx", docxType},
	"xlsx": {".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
	"json": {".json", "application/json; charset=utf-8"},
	"html": {".html", "text/html; charset=utf-8"},
}

// WriteReport sends rep in format: "html" is the standalone printable
// page (with findings, under StandaloneCSP); "docx", "xlsx" and "json"
// are downloads named after the report's title plus suffix. An unknown
// format is apperr.NotFound. Nothing is written when rendering fails.
func WriteReport(w http.ResponseWriter, rep *report.Report, findings []report.Finding, format, suffix string) error {
	f, ok := reportFormats[format]
	if !ok {
		return apperr.New(apperr.NotFound, "download.format_unknown")
	}
	var buf bytes.Buffer
	var err error
	switch format {
	case "docx":
		err = render.DOCX(&buf, rep)
	case "xlsx":
		err = render.XLSX(&buf, rep)
	case "json":
		err = render.JSON(&buf, rep)
	default:
		err = render.HTML(&buf, rep, findings)
	}
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", f.ctype)
	if format == "html" {
		w.Header().Set("Content-Security-Policy", StandaloneCSP)
	} else {
		Attachment(w, render.Title(rep)+suffix+f.ext)
	}
	_, err = buf.WriteTo(w)
	return err
}
