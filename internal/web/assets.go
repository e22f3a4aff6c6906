package web

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strconv"
	"strings"
	"sync"
)

//go:embed assets
var assetFS embed.FS

// Assets serves the embedded stylesheet, scripts (ECharts among them)
// and icons under /assets/. URLs carry a content hash (?v=…) so browsers
// may cache them for a year; nothing is loaded from a CDN or a font
// service. Text assets go gzipped to a browser that accepts it, each
// compressed once, on its first request.
type Assets struct {
	fsys    fs.FS
	version map[string]string
	gz      sync.Map // name → *gzipped
}

// gzipped is an asset compressed once; body is nil when gzip does not
// make it smaller.
type gzipped struct {
	once sync.Once
	body []byte
}

// NewAssets indexes the embedded assets.
func NewAssets() (*Assets, error) {
	sub, err := fs.Sub(assetFS, "assets")
	if err != nil {
		return nil, err
	}
	a := &Assets{fsys: sub, version: map[string]string{}}
	err = fs.WalkDir(sub, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(sub, p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		a.version[p] = hex.EncodeToString(sum[:6])
		return nil
	})
	if err != nil {
		return nil, err
	}
	return a, nil
}

// URL returns the versioned URL of an asset, e.g. "/assets/app.css?v=…".
func (a *Assets) URL(name string) string {
	if a == nil {
		return "/assets/" + name
	}
	return "/assets/" + name + "?v=" + a.version[name]
}

// ServeHTTP serves one asset. Directory paths get 404: there is no
// directory listing (SECURITY.md O-AC-05).
func (a *Assets) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	name := strings.TrimPrefix(r.URL.Path, "/assets/")
	if _, ok := a.version[name]; !ok {
		http.NotFound(w, r)
		return
	}
	if r.URL.Query().Get("v") == a.version[name] {
		w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		w.Header().Set("Cache-Control", "public, max-age=300")
	}
	w.Header().Add("Vary", "Accept-Encoding")
	if gz := a.gzipped(name); gz != nil && AcceptedCodings(r.Header.Get("Accept-Encoding")).Gzip {
		h := w.Header()
		h.Set("Content-Type", contentType(name))
		h.Set("Content-Encoding", "gzip")
		h.Set("Content-Length", strconv.Itoa(len(gz)))
		w.WriteHeader(http.StatusOK)
		if r.Method != http.MethodHead {
			_, _ = w.Write(gz)
		}
		return
	}
	http.ServeFileFS(w, r, a.fsys, name)
}

// compressedTypes are the extensions of the assets worth gzipping: text.
var compressedTypes = map[string]bool{".js": true, ".css": true, ".svg": true, "": true}

// contentType is the asset's media type; an asset without an extension
// (LICENSE) is plain text.
func contentType(name string) string {
	if t := mime.TypeByExtension(path.Ext(name)); t != "" {
		return t
	}
	return "text/plain; charset=utf-8"
}

// gzipped returns the asset compressed, or nil when it is not text or
// gzip does not make it smaller.
func (a *Assets) gzipped(name string) []byte {
	if !compressedTypes[path.Ext(name)] {
		return nil
	}
	v, _ := a.gz.LoadOrStore(name, &gzipped{})
	g := v.(*gzipped)
	g.once.Do(func() {
		b, err := fs.ReadFile(a.fsys, name)
		if err != nil {
			return
		}
		var buf bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression) // a valid level
		_, _ = zw.Write(b)
		if zw.Close() == nil && buf.Len() < len(b) {
			g.body = buf.Bytes()
		}
	})
	return g.body
}
