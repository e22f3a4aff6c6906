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
