package portal

import (
	"context"
	"io"

	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/catalog"
	"github.com/gongkai/gongkai/internal/website"
)

// emptyCatalog is a catalogue with nothing published.
type emptyCatalog struct{}

func (emptyCatalog) PublicList(context.Context, catalog.PublicQuery) ([]catalog.Record, error) {
	return nil, nil
}
func (emptyCatalog) PublicCount(context.Context, catalog.PublicQuery) (int, error) { return 0, nil }
func (emptyCatalog) PublicCategoryCounts(context.Context, []int64) (map[string]int, error) {
	return map[string]int{}, nil
}
func (emptyCatalog) PublicColumns(_ context.Context, id int64, name string) ([]catalog.Column, error) {
	return catalog.DefaultColumns(id, catalog.GuessLevel(name)), nil
}
func (emptyCatalog) PublicItem(context.Context, string) (catalog.PublicView, error) {
	return catalog.PublicView{}, apperr.New(apperr.NotFound, "catalog.not_found")
}
func (emptyCatalog) PublicAttachment(context.Context, string, int) (catalog.Attachment, io.ReadCloser, error) {
	return catalog.Attachment{}, nil, apperr.New(apperr.NotFound, "catalog.not_found")
}

// noWebsite is a site with no identity set and no 指南.
type noWebsite struct{}

func (noWebsite) Identity(_ context.Context, id int64) (website.Identity, error) {
	return website.Identity{AgencyID: id}, nil
}
func (noWebsite) Docs(context.Context, int64, website.Kind) ([]website.Doc, error) { return nil, nil }
