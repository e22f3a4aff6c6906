package ooxml

import (
	"encoding/xml"
	"fmt"
	"io"
	"path"
	"strings"
)

// MainPart returns the name of the package's main part (the target of the
// officeDocument relationship in _rels/.rels), or def when the package does
// not say.
func MainPart(a *Archive, def string) (string, error) {
	if !a.Has("_rels/.rels") {
		return def, nil
	}
	rc, err := a.Open("_rels/.rels")
	if err != nil {
		return "", err
	}
	defer rc.Close()
	var rels struct {
		Rel []struct {
			Type   string `xml:"Type,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if err := xml.NewDecoder(io.LimitReader(rc, 1<<20)).Decode(&rels); err != nil {
		return "", fmt.Errorf("_rels/.rels: %w", err)
	}
	for _, r := range rels.Rel {
		if strings.HasSuffix(r.Type, "/officeDocument") && r.Target != "" {
			return strings.TrimPrefix(path.Clean("/"+r.Target), "/"), nil
		}
	}
	return def, nil
}

// Rels returns the relationships of a part (from _rels/<name>.rels beside
// it) as id → target part name; external targets are left out.
func Rels(a *Archive, part string) (map[string]string, error) {
	dir, file := path.Split(part)
	name := dir + "_rels/" + file + ".rels"
	out := map[string]string{}
	if !a.Has(name) {
		return out, nil
	}
	rc, err := a.Open(name)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	var rels struct {
		Rel []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
			Mode   string `xml:"TargetMode,attr"`
		} `xml:"Relationship"`
	}
	if err := xml.NewDecoder(io.LimitReader(rc, 4<<20)).Decode(&rels); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	for _, r := range rels.Rel {
		if r.Mode == "External" || r.Target == "" {
			continue
		}
		t := r.Target
		if !strings.HasPrefix(t, "/") {
			t = dir + t
		}
		out[r.ID] = strings.TrimPrefix(path.Clean("/"+t), "/")
	}
	return out, nil
}
