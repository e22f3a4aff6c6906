package portal

import (
	"fmt"
	"html/template"
	"io"
	"mime"
	"net/http"
	"strconv"

	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/catalog"
	"github.com/gongkai/gongkai/internal/web"
)

// ItemPage is one published item (条例第二十四条: read and download): the
// metadata table of 61号 (索引号, 发布机构, 文号, dates, validity), the
// summary and body, the attachments, the 解读 links both ways and the
// corrections; a withdrawn item's page says so and shows neither body nor
// files.
type ItemPage struct {
	Page
	Z             Zhuanlan
	IndexNo       string
	Agency        string
	CoAgencies    string
	Column        string
	ColumnHref    string
	DocType       string
	DocNo         string
	Formed        string
	Changed       string
	Published     string
	Validity      string
	ValidityOn    string
	Summary       string
	Body          template.HTML
	Files         []FileRow
	Interprets    []LinkRow
	InterpretedBy []LinkRow
	ReplacedBy    *LinkRow
	Corrections   []string
	Withdrawn     string // the notice, when withdrawn
	Reason        string
}

// A FileRow is one attachment to download.
type FileRow struct {
	Name, Href, Size string
}

// A LinkRow links to another item, or names it when it is not public.
type LinkRow struct {
	Title, Href string
}

func (s *Site) itemShow(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	pv, err := s.deps.Catalog.PublicItem(ctx, r.PathValue("index"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	_, byID, err := s.agencies(ctx)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	a := byID[pv.Record.AgencyID]
	p, z := s.zhuanlanPage(r, "zl.items", a, byID)
	c := pv.Version.Content
	pg := ItemPage{Page: p, Z: z, IndexNo: pv.Record.IndexNo, Agency: a.Name, DocNo: c.DocNo, Summary: c.Summary,
		Formed: dateOr(c.FormedOn.IsZero(), c.FormedOn.String()), Changed: dateOr(c.ChangedOn.IsZero(), c.ChangedOn.String()),
		Published: pv.Record.FirstPublished.In(web.DisplayZone).Format("2006-01-02")}
	pg.Title = c.Title
	for i, co := range c.CoAgencies {
		if i > 0 {
			pg.CoAgencies += "、"
		}
		pg.CoAgencies += co
	}
	if c.DocType != "" {
		pg.DocType = pg.T(docTypeKeys[c.DocType])
	}
	if cols, err := s.deps.Catalog.PublicColumns(ctx, a.ID, a.Name); err == nil {
		if col, ok := catalog.NewTree(cols)[c.Category]; ok {
			pg.Column, pg.ColumnHref = col.Name, z.Href+"/items?column="+col.Path
		}
	}
	if c.Validity != "" {
		pg.Validity = pg.T(validityKeys[c.Validity])
		if !c.ValidityChangedOn.IsZero() {
			pg.ValidityOn = pg.Format("item.validity_on", c.ValidityChangedOn.String())
		}
	}
	if pv.Withdrawal != nil {
		pg.Withdrawn = pg.Format("item.withdrawn", pv.Withdrawal.At.In(web.DisplayZone).Format("2006-01-02"))
		if pv.Withdrawal.Reason != "" {
			pg.Reason = pg.Format("item.reason", pv.Withdrawal.Reason)
		}
		s.rd.Render(w, r, http.StatusOK, "item", pg)
		return
	}
	pg.Body = template.HTML(catalog.Sanitize(c.Body)) // sanitized when stored, and again here
	for i, f := range c.Attachments {
		pg.Files = append(pg.Files, FileRow{Name: f.Name, Href: fileHref(pv.Record.IndexNo, i+1), Size: byteSize(f.Size)})
	}
	link := func(l catalog.Linked) LinkRow {
		row := LinkRow{Title: l.Title}
		if l.Title == "" {
			row.Title = l.IndexNo
		}
		if l.Public {
			row.Href = itemHref(l.IndexNo)
		} else {
			row.Title += pg.T("item.unavailable")
		}
		return row
	}
	for _, l := range pv.Interprets {
		pg.Interprets = append(pg.Interprets, link(l))
	}
	for _, l := range pv.InterpretedBy {
		pg.InterpretedBy = append(pg.InterpretedBy, link(l))
	}
	if pv.ReplacedBy != nil {
		l := link(*pv.ReplacedBy)
		pg.ReplacedBy = &l
	}
	for _, v := range pv.Versions {
		if v.Kind == catalog.Correction {
			pg.Corrections = append(pg.Corrections, pg.Format("item.correction", v.PublishedAt.In(web.DisplayZone).Format("2006-01-02"), v.N, v.Note))
		}
	}
	s.rd.Render(w, r, http.StatusOK, "item", pg)
}

func dateOr(zero bool, s string) string {
	if zero {
		return ""
	}
	return s
}

// byteSize formats a file size for people: 12 KB, 1.3 MB.
func byteSize(n int64) string {
	switch {
	case n < 1024:
		return strconv.FormatInt(n, 10) + " B"
	case n < 1024*1024:
		return strconv.FormatInt((n+512)/1024, 10) + " KB"
	}
	return fmt.Sprintf("%.1f MB", float64(n)/(1024*1024))
}

// fileDownload sends an attachment of a public item's live version.
func (s *Site) fileDownload(w http.ResponseWriter, r *http.Request) {
	n, err := strconv.Atoi(r.PathValue("n"))
	if err != nil || n < 1 {
		s.fail(w, r, apperr.New(apperr.NotFound, "catalog.not_found"))
		return
	}
	att, rc, err := s.deps.Catalog.PublicAttachment(r.Context(), r.PathValue("index"), n)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	defer rc.Close()
	ctype := att.ContentType
	if ctype == "" {
		ctype = "application/octet-stream"
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": att.Name}))
	w.Header().Set("X-Content-Type-Options", "nosniff")
	if att.Size > 0 {
		w.Header().Set("Content-Length", strconv.FormatInt(att.Size, 10))
	}
	if _, err := io.Copy(w, rc); err != nil {
		s.log.WarnContext(r.Context(), "portal: attachment download", "error", err.Error())
	}
}
