package portal

import (
	"html/template"
	"net/http"
	"strconv"
	"time"

	"github.com/gongkai/gongkai/internal/calendar"
	"github.com/gongkai/gongkai/internal/catalog"
	"github.com/gongkai/gongkai/internal/website"
)

// GuidePage shows an agency's 政府信息公开指南 or 政府信息公开制度 (条例第十二条):
// the version in effect, or an older one asked for with ?version=N, and
// the list of versions with their dates.
type GuidePage struct {
	Page
	Z        Zhuanlan
	Kind     website.Kind
	Doc      *website.Doc
	Body     template.HTML
	Old      bool // Doc is not the version in effect
	Versions []DocVersion
	ApplyURL string
	None     string // what the page says when there is no version
}

// docKeys are the title and "none yet" messages of each kind of text.
var docKeys = map[website.Kind][2]string{website.Guide: {"zl.guide", "zl.guide.none"}, website.Rules: {"zl.rules", "zl.rules.none"}}

// A DocVersion links to one version.
type DocVersion struct {
	Label   string
	Href    string
	Current bool
}

func (s *Site) guideShow(w http.ResponseWriter, r *http.Request) { s.docShow(w, r, website.Guide) }
func (s *Site) rulesShow(w http.ResponseWriter, r *http.Request) { s.docShow(w, r, website.Rules) }

func (s *Site) docShow(w http.ResponseWriter, r *http.Request, kind website.Kind) {
	a, byID, err := s.agencyOf(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	keys := docKeys[kind]
	p, z := s.zhuanlanPage(r, keys[0], a, byID)
	pg := GuidePage{Page: p, Z: z, Kind: kind, ApplyURL: "/apply?agency=" + strconv.FormatInt(a.ID, 10)}
	pg.Title, pg.None = a.Name+" "+pg.T(keys[0]), pg.T(keys[1])
	docs, err := s.deps.Website.Docs(r.Context(), a.ID, kind)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	cur, ok := website.Current(docs, calendar.Of(s.now().In(catalog.CST)))
	want := 0
	if v := r.URL.Query().Get("version"); v != "" {
		if want, err = strconv.Atoi(v); err != nil || want < 1 {
			s.notFound(w, r)
			return
		}
	}
	for i := range docs {
		d := &docs[i]
		if (want == 0 && ok && d.N == cur.N) || d.N == want {
			pg.Doc = d
		}
		pg.Versions = append(pg.Versions, DocVersion{Label: pg.Format("zl.version", d.N, d.EffectiveOn.String()),
			Href: z.Href + "/" + string(kind) + "?version=" + strconv.Itoa(d.N), Current: ok && d.N == cur.N})
	}
	if want != 0 && pg.Doc == nil {
		s.notFound(w, r)
		return
	}
	if pg.Doc != nil {
		pg.Old = !ok || pg.Doc.N != cur.N
		// stored sanitized (website.SaveDoc); sanitized again on the way out
		pg.Body = template.HTML(catalog.Sanitize(pg.Doc.Body))
	}
	s.rd.Render(w, r, http.StatusOK, "guide", pg)
}

// now is the portal's clock.
func (s *Site) now() time.Time {
	if s.deps.Now != nil {
		return s.deps.Now()
	}
	return time.Now()
}
