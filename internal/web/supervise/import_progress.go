package supervise

import (
	"encoding/json"
	"net/http"

	"github.com/gongkai/gongkai/internal/web"
	"github.com/gongkai/gongkai/internal/web/backoffice"
)

// An ImportJob is the progress of an import reading in the background, as
// its page shows it while it runs.
type ImportJob struct {
	ProgressURL string
	Phase       string // reading, storing
	Read, Total int
	File        string // the report file being read
	Text        string // the progress in words
}

// JobProgress is the JSON of GET /admin/reports/import/{id}/progress:
// Read of Total report files read, the one being read, the phase
// (reading, storing, done) and, once done, the result counted — the
// reports imported, the files that could not be (nothing imported then),
// and the status of the result page.
type JobProgress struct {
	Phase    string `json:"phase"`
	Read     int    `json:"read"`
	Total    int    `json:"total"`
	File     string `json:"file"`
	Text     string `json:"text"` // the progress in words, in the page's language (file apart)
	Done     bool   `json:"done"`
	Imported int    `json:"imported"`
	Problems int    `json:"problems"`
	Status   int    `json:"status,omitempty"`
}

// importJobShow is the page of an upload being read: the progress bar
// while it runs (import_progress.js polls importJobProgress and reloads
// the page when done; without JavaScript the page refreshes itself), then
// the result as importUpload showed it before the reading moved to the
// background. Only the supervisor who uploaded it, in the same scope, sees
// it (404 otherwise).
func (s *Site) importJobShow(w http.ResponseWriter, r *http.Request, rq *backoffice.Request) {
	j, err := s.jobs.get(r.PathValue("id"), rq.Subject.UserID, rq.Subject.Scope)
	if err != nil {
		s.bo.Fail(w, r, rq, err)
		return
	}
	pg := s.importPage(r, rq)
	pg.Tried, pg.File, pg.Year = true, j.file, j.year
	st := j.state()
	if st.Phase != phaseDone {
		pg.Job = &ImportJob{ProgressURL: jobPath(j.id) + "/progress", Phase: st.Phase, Read: st.Prog.Read, Total: st.Prog.Total, File: st.Prog.File,
			Text: s.progressText(pg, st)}
		w.Header().Set("Cache-Control", "no-store")
		s.rd.Render(w, r, http.StatusOK, "import", pg)
		return
	}
	status, err := s.result(r, rq, &pg, st)
	if err != nil {
		s.importFailed(w, r, rq, pg, err)
		return
	}
	s.rd.Render(w, r, status, "import", pg)
}

// importJobProgress answers the progress of an upload being read as JSON
// (JobProgress), for its supervisor only (404 otherwise).
func (s *Site) importJobProgress(w http.ResponseWriter, r *http.Request, rq *backoffice.Request) {
	j, err := s.jobs.get(r.PathValue("id"), rq.Subject.UserID, rq.Subject.Scope)
	if err != nil {
		s.bo.Fail(w, r, rq, err)
		return
	}
	st := j.state()
	pg := s.importPage(r, rq)
	p := JobProgress{Phase: st.Phase, Read: st.Prog.Read, Total: st.Prog.Total, File: st.Prog.File, Done: st.Phase == phaseDone,
		Text: s.progressText(pg, st)}
	if p.Done {
		p.Status, err = s.result(r, rq, &pg, st)
		if err != nil {
			p.Status, p.Problems = web.StatusOf(err), 1
		}
		p.Imported, p.Problems = len(pg.Done), p.Problems+len(pg.Problems)
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	_ = json.NewEncoder(w).Encode(p)
}

// progressText says how far a job is, in pg's language.
func (s *Site) progressText(pg ImportPage, st jobState) string {
	switch st.Phase {
	case phaseReading:
		return pg.Format("sup.import.reading", st.Prog.Read, st.Prog.Total)
	case phaseStoring:
		return pg.Format("sup.import.storing", st.Prog.Total)
	}
	return pg.T("sup.import.processing")
}
