package supervise

import (
	"bytes"
	"html/template"
	"net/http"

	"github.com/gongkai/gongkai/internal/season"
	"github.com/gongkai/gongkai/internal/web"
	"github.com/gongkai/gongkai/internal/web/backoffice"
)

// panelTemplate draws the dashboard panel (templates/panels/notices.html).
type panelTemplate struct{ t *template.Template }

func newPanelTemplate() (*panelTemplate, error) {
	t, err := template.New("").Funcs(web.Funcs).ParseFS(templateFS, "templates/panels/notices.html")
	if err != nil {
		return nil, err
	}
	return &panelTemplate{t: t}, nil
}

// NoticePanel is the data of the dashboard panel: the 督办 notices and
// reminders the user's agency has not acknowledged.
type NoticePanel struct {
	web.Page
	Notices []NoticeRow
}

// A NoticeRow is one notice as the panel shows it.
type NoticeRow struct {
	ID             int64
	Urge           bool
	From, By, Body string
	Year           int
	At             string
}

// panelNotices is how many notices the panel shows at most.
const panelNotices = 20

// Panel draws the notices panel (backoffice.Panel); empty when the
// agency has none open.
func (s *Site) Panel(r *http.Request, rq *backoffice.Request, p web.Page) template.HTML {
	ds, err := s.deps.Season.Open(r.Context(), staffer(rq), panelNotices)
	if err != nil {
		s.deps.Log.ErrorContext(r.Context(), "season notices panel", "error", err.Error())
		return ""
	}
	if len(ds) == 0 {
		return ""
	}
	pn := NoticePanel{Page: p}
	for _, d := range ds {
		row := NoticeRow{ID: d.ID, Urge: d.Kind == season.Urge, By: d.SentBy, Body: d.Body, Year: d.Year,
			At: d.CreatedAt.In(web.DisplayZone).Format("2006-01-02 15:04")}
		if len(d.Names) > 0 {
			row.From = d.Names[0]
		}
		pn.Notices = append(pn.Notices, row)
	}
	var buf bytes.Buffer
	if err := s.panel.t.ExecuteTemplate(&buf, "panel", pn); err != nil {
		s.deps.Log.ErrorContext(r.Context(), "render season panel", "error", err.Error())
		return ""
	}
	return template.HTML(buf.String()) // html/template output, already escaped
}

// noticeAck acknowledges a notice for the user's agency and goes back to
// the dashboard.
func (s *Site) noticeAck(w http.ResponseWriter, r *http.Request, rq *backoffice.Request) {
	id, err := backoffice.PathID(r)
	if err == nil {
		err = s.deps.Season.Acknowledge(r.Context(), staffer(rq), id)
	}
	if err != nil {
		s.bo.Fail(w, r, rq, err)
		return
	}
	s.bo.Flash(r.Context(), "sup.notice.acked")
	http.Redirect(w, r, "/admin/", http.StatusSeeOther)
}
