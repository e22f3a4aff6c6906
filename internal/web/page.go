package web

import (
	"net/http"
	"net/url"

	"github.com/gongkai/gongkai/internal/apperr"
)

// A NavItem is one link of a site's main navigation.
type NavItem struct {
	Href    string
	Label   string
	Current bool
}

// A Viewer is the signed-in staff member as the page frame shows them.
type Viewer struct {
	Name  string
	Roles string
}

// Page is the part of every page's data that the shared frame
// (templates/layout.html) uses. Each page struct embeds it and adds its
// own typed fields; templates never receive a map.
type Page struct {
	Lang     Lang
	Title    string // the page's own title, already translated
	SiteName string
	// SiteNameLang is the language of SiteName when it is data (a name
	// an administrator set, kept in Chinese): "zh-CN" marks it on an
	// English page; "" when SiteName is the translated default.
	SiteNameLang string
	SiteHome     string
	Nav          []NavItem
	Viewer       *Viewer // nil on the public site and before login
	LogoutURL    string
	LargeText    bool
	Path         string
	RequestID    string
	Flash        string   // a one-time success notice
	Errors       []string // form-level errors, already translated
	Assets       *Assets
	// Footer is the site identity a public page shows at its foot; nil
	// shows none (the back office).
	Footer *Footer
	// Feeds are the Atom feeds the page announces (<link rel="alternate">).
	Feeds []FeedLink
	// Search is the path of the site's search page: when set, the frame
	// shows a search box on every page (the portal's, 条例第二十四条), with
	// SearchQuery in it.
	Search      string
	SearchQuery string

	cat *Catalog
}

// A Footer is what 《政府网站发展指引》(国办发〔2017〕47号) asks every page of a
// government website to show at its foot: the 主办单位, a way to contact
// it, the 网站标识码, the ICP备案号 and the 公安机关备案号. Empty fields are
// left out.
type Footer struct {
	Sponsor      string
	Contact      string
	SiteCode     string
	ICP          string
	PoliceRecord string
}

// A FeedLink is an Atom feed a page announces.
type FeedLink struct {
	Href  string
	Title string
}

// NewPage fills the frame fields of a page from the request: language and
// text size preferences, request id, current path. titleKey is looked up
// in cat.
func NewPage(r *http.Request, cat *Catalog, assets *Assets, titleKey string) Page {
	p := PrefsFrom(r.Context())
	pg := Page{
		Lang: p.Lang, LargeText: p.LargeText, Path: r.URL.Path,
		RequestID: RequestID(r.Context()), Assets: assets, cat: cat,
	}
	pg.Title = pg.T(titleKey)
	return pg
}

// T translates a message key into the page's language.
func (p Page) T(key string) string {
	if p.cat == nil {
		return key
	}
	return p.cat.T(p.Lang, key)
}

// Format translates a message key with its arguments (fmt values; an
// apperr.Key or apperr.Msg among them is translated too) into the page's
// language.
func (p Page) Format(key string, args ...any) string {
	if p.cat == nil {
		return key
	}
	return p.cat.Format(p.Lang, key, args...)
}

// Err translates an error's safe message into the page's language.
func (p Page) Err(err error) string {
	if p.cat == nil {
		key, _ := apperr.MessageOf(err)
		return key
	}
	return p.cat.Err(p.Lang, err)
}

// LangURL links to the current page in the other language.
func (p Page) LangURL() string {
	return p.Path + "?lang=" + url.QueryEscape(p.T("lang.switch.code"))
}

// TextURL links to the current page with the large-text mode toggled.
func (p Page) TextURL() string {
	if p.LargeText {
		return p.Path + "?text=normal"
	}
	return p.Path + "?text=large"
}

// SetNav marks the item whose Href is a prefix match of the current path
// as current and stores the navigation.
func (p *Page) SetNav(items []NavItem) {
	best := -1
	for i, it := range items {
		if it.Href == p.Path || (it.Href != "/" && it.Href != p.SiteHome && len(p.Path) > len(it.Href) &&
			p.Path[:len(it.Href)] == it.Href && p.Path[len(it.Href)] == '/') {
			best = i
		}
	}
	if best >= 0 {
		items[best].Current = true
	}
	p.Nav = items
}
