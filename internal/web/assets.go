package web

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"net/http"
	"strings"
)

//go:embed assets
var assetFS embed.FS

// Assets serves the embedded stylesheet, script and icons under /assets/.
// URLs carry a content hash (?v=…) so browsers may cache them for a year;
// nothing is loaded from a CDN or a font service.
type Assets struct {
	fsys    fs.FS
	version map[string]string
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
	http.ServeFileFS(w, r, a.fsys, name)
}
