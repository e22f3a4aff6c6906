package web

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"path"
	"strings"
	"time"

	"github.com/gongkai/gongkai/internal/apperr"
)

//go:embed templates
var frameFS embed.FS

// Funcs are the template functions every page may use.
var Funcs = template.FuncMap{
	"datetime": func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.In(DisplayZone).Format("2006-01-02 15:04")
	},
	"date": func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.In(DisplayZone).Format("2006-01-02")
	},
}

// DisplayZone is China Standard Time, in which dates are shown and
// entered; a fixed offset (China has no daylight saving) avoids
// depending on tzdata.
var DisplayZone = time.FixedZone("CST", 8*3600)

// A Renderer holds one parsed template per page of a site: the shared
// frame (templates/layout.html), the site's partials (files whose name
// starts with "_") and the page file, which defines "content".
type Renderer struct {
	pages map[string]*template.Template
	log   *slog.Logger
}

// ErrorPage is the data of the shared error page.
type ErrorPage struct {
	Page
	Message string
}

// NewRenderer parses the shared frame and error page plus every *.html
// file at the top of site. A page is named by its file name without
// ".html"; the error page is named "error".
func NewRenderer(site fs.FS, log *slog.Logger) (*Renderer, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	base, err := template.New("layout").Funcs(Funcs).ParseFS(frameFS, "templates/layout.html")
	if err != nil {
		return nil, fmt.Errorf("web: parse layout: %w", err)
	}
	files, err := fs.Glob(site, "*.html")
	if err != nil {
		return nil, fmt.Errorf("web: list templates: %w", err)
	}
	var pages, partials []string
	for _, f := range files {
		if strings.HasPrefix(f, "_") {
			partials = append(partials, f)
		} else {
			pages = append(pages, f)
		}
	}
	if len(partials) > 0 {
		if base, err = base.ParseFS(site, partials...); err != nil {
			return nil, fmt.Errorf("web: parse partials: %w", err)
		}
	}
	r := &Renderer{pages: map[string]*template.Template{}, log: log}
	add := func(name string, fsys fs.FS, file string) error {
		t, err := template.Must(base.Clone()).ParseFS(fsys, file)
		if err != nil {
			return fmt.Errorf("web: parse %s: %w", file, err)
		}
		if t.Lookup("content") == nil {
			return fmt.Errorf("web: %s defines no \"content\" template", file)
		}
		r.pages[name] = t
		return nil
	}
	if err := add("error", frameFS, "templates/error.html"); err != nil {
		return nil, err
	}
	for _, f := range pages {
		if err := add(strings.TrimSuffix(path.Base(f), ".html"), site, f); err != nil {
			return nil, err
		}
	}
	return r, nil
}

// Names lists the pages the renderer knows.
func (rd *Renderer) Names() []string {
	var out []string
	for n := range rd.pages {
		out = append(out, n)
	}
	return out
}

// Render executes page name with data into a buffer and writes it with
// status; a template error becomes a plain 500 that names the request id.
func (rd *Renderer) Render(w http.ResponseWriter, r *http.Request, status int, name string, data any) {
	t, ok := rd.pages[name]
	var buf bytes.Buffer
	var err error
	if !ok {
		err = fmt.Errorf("no page %q", name)
	} else {
		err = t.ExecuteTemplate(&buf, "layout", data)
	}
	if err != nil {
		id := RequestID(r.Context())
		rd.log.ErrorContext(r.Context(), "render page", slog.String("page", name),
			slog.String("request_id", id), slog.String("error", err.Error()))
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusInternalServerError)
		fmt.Fprintf(w, internalErrorHTML, id)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_, _ = buf.WriteTo(w)
}

// Error renders the shared error page for status on top of the frame p,
// with the standard message for the status.
func (rd *Renderer) Error(w http.ResponseWriter, r *http.Request, status int, p Page) {
	msg := p.T(fmt.Sprintf("error.%d", status))
	if strings.HasPrefix(msg, "error.") {
		msg = http.StatusText(status)
	}
	p.Title = p.T("error.title")
	rd.Render(w, r, status, "error", ErrorPage{Page: p, Message: msg})
}

// StatusOf maps an error's kind to an HTTP status. It is the one place
// where apperr kinds become statuses.
func StatusOf(err error) int {
	switch {
	case err == nil:
		return http.StatusOK
	case IsTooLarge(err):
		return http.StatusRequestEntityTooLarge
	case errors.Is(err, ErrUploadBudget):
		return http.StatusTooManyRequests
	case errors.Is(err, apperr.NotFound):
		return http.StatusNotFound
	case errors.Is(err, apperr.Conflict):
		return http.StatusConflict
	case errors.Is(err, apperr.Invalid):
		return http.StatusBadRequest
	case errors.Is(err, apperr.Forbidden):
		return http.StatusForbidden
	case errors.Is(err, apperr.Unauthenticated):
		return http.StatusUnauthorized
	case errors.Is(err, apperr.OutdatedSchema):
		return http.StatusServiceUnavailable
	}
	return http.StatusInternalServerError
}

// IsTooLarge reports whether err is a body over its limit: an
// http.MaxBytesError, or an error with a TooLarge method that says so (a
// file or an application over its size limit).
func IsTooLarge(err error) bool {
	var mb *http.MaxBytesError
	var tl interface{ TooLarge() bool }
	return errors.As(err, &mb) || errors.As(err, &tl) && tl.TooLarge()
}

// FrameFS returns the shared frame templates (for tests).
func FrameFS() fs.FS {
	sub, _ := fs.Sub(frameFS, "templates")
	return sub
}
