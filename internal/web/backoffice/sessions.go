package backoffice

import (
	"net/http"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/web"
)

// ActSessionEnd is the audit action of a user ending one or all other of
// their own sessions (SECURITY.md O-SES-02, O-LOG-02).
const ActSessionEnd = "session.end"

// SessionsPage is "我的会话 / My sessions": the signed-in user's live
// sessions, each of which can be ended.
type SessionsPage struct {
	web.Page
	Rows   []SessionRow
	Others int // sessions besides this one
}

// A SessionRow is one session as its owner sees it.
type SessionRow struct {
	ID        string
	Created   time.Time
	LastSeen  time.Time
	IP        string
	UserAgent string // shortened
	Current   bool
}

// shortUA shortens a user agent for the list.
func shortUA(ua string) string {
	const n = 80
	if utf8.RuneCountInString(ua) <= n {
		return ua
	}
	return string([]rune(ua)[:n-1]) + "…"
}

func (s *Site) sessionsList(w http.ResponseWriter, r *http.Request, rq *Request) {
	ctx := r.Context()
	cur := web.SessionID(s.deps.Sessions.Token(ctx))
	list, err := s.deps.SessionIndex.List(ctx, rq.User.ID, rq.User.PasswordChangedAt.UnixNano(), s.deps.Now())
	if err != nil {
		s.Fail(w, r, rq, err)
		return
	}
	pg := SessionsPage{Page: s.Page(r, rq, "sessions.title")}
	for _, si := range list {
		row := SessionRow{ID: si.ID, Created: si.Created, LastSeen: si.LastSeen, IP: si.IP,
			UserAgent: shortUA(si.UserAgent), Current: si.ID == cur}
		if !row.Current {
			pg.Others++
		}
		pg.Rows = append(pg.Rows, row)
	}
	s.rd.Render(w, r, http.StatusOK, "sessions", pg)
}

// sessionEnd ends one of the user's other sessions: its cookie is dead
// at its next request. Another user's session, an unknown id and the
// current session (use sign-out) are all 404.
func (s *Site) sessionEnd(w http.ResponseWriter, r *http.Request, rq *Request) {
	ctx := r.Context()
	id := r.PathValue("id")
	ok := len(id) == 64 && id != web.SessionID(s.deps.Sessions.Token(ctx))
	var err error
	if ok {
		ok, err = s.deps.SessionIndex.End(ctx, rq.User.ID, id)
	}
	if err == nil && !ok {
		err = apperr.New(apperr.NotFound, "")
	}
	if err == nil {
		err = s.deps.Audit.Record(ctx, rq.Actor.Event(ActSessionEnd, "session", 0, audit.ResultOK, "session "+id[:12]))
	}
	if err != nil {
		s.Fail(w, r, rq, err)
		return
	}
	s.Flash(ctx, "sessions.ended")
	http.Redirect(w, r, "/admin/sessions", http.StatusSeeOther)
}

// sessionsEndOthers ends every session of the user but this one.
func (s *Site) sessionsEndOthers(w http.ResponseWriter, r *http.Request, rq *Request) {
	ctx := r.Context()
	n, err := s.deps.SessionIndex.EndOthers(ctx, rq.User.ID, web.SessionID(s.deps.Sessions.Token(ctx)))
	if err == nil {
		err = s.deps.Audit.Record(ctx, rq.Actor.Event(ActSessionEnd, "session", 0, audit.ResultOK,
			"other sessions: "+strconv.FormatInt(n, 10)))
	}
	if err != nil {
		s.Fail(w, r, rq, err)
		return
	}
	s.Flash(ctx, "sessions.ended")
	http.Redirect(w, r, "/admin/sessions", http.StatusSeeOther)
}
