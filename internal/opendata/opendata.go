// Package opendata writes the platform's public data in bulk (条例第二十四条:
// 检索、查阅、下载; issue #12): `gongkai export --out DIR` writes, as a nightly
// job would, the published 主动公开 items as JSON Lines of gongkai.item/v1,
// the published annual reports as JSON Lines of gongkai.annual-report/v1,
// and tables 二, 三 and 四 of every published report as CSV, one row per
// agency and year and one column per cell id, with a manifest and a short
// README for whoever downloads it.
//
// The export streams: items and reports are read a page at a time and
// written as they come, so memory does not grow with the data. It is
// atomic: everything is written into a temporary directory beside DIR and
// renamed into place at the end, so DIR is always a whole export (the
// previous one or the new one), never half of one.
package opendata

import (
	"context"

	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/annual"
	"github.com/gongkai/gongkai/internal/catalog"
	"github.com/gongkai/gongkai/internal/report"
)

// Items is what the export reads of the catalogue; *catalog.Service is one.
type Items interface {
	PublicList(ctx context.Context, q catalog.PublicQuery) ([]catalog.Record, error)
	PublicItemByID(ctx context.Context, id int64) (catalog.PublicView, error)
}

// Reports is what the export reads of the annual reports; *annual.Service
// is one. It never returns a draft.
type Reports interface {
	PublishedPage(ctx context.Context, q annual.ListQuery) (annual.ListPage, error)
	Published(ctx context.Context, agencyID int64, year int) (annual.Record, *report.Report, error)
}

// Agencies names the agencies; agency.Store (sqlstore) is one.
type Agencies interface {
	ListAgencies(ctx context.Context) ([]agency.Agency, error)
}

// A Source is where an export reads.
type Source struct {
	Items    Items
	Reports  Reports
	Agencies Agencies
}

// The files of an export.
const (
	ItemsFile    = "items.jsonl"
	ReportsFile  = "reports.jsonl"
	Table2File   = "table2.csv"
	Table3File   = "table3.csv"
	Table4File   = "table4.csv"
	ManifestFile = "manifest.json"
	ReadmeFile   = "README.md"
)

// ManifestSchema names the manifest's shape.
const ManifestSchema = "gongkai.export/v1"

// A Manifest says what an export holds: when it was made and, per file,
// its rows (lines of a JSON Lines file, data rows of a CSV), bytes and
// SHA-256.
type Manifest struct {
	Schema      string     `json:"schema"`
	GeneratedAt string     `json:"generated_at"` // RFC 3339, +08:00
	Files       []FileInfo `json:"files"`
}

// A FileInfo is one file of an export.
type FileInfo struct {
	Name   string `json:"name"`
	Rows   int    `json:"rows"`
	Bytes  int64  `json:"bytes"`
	SHA256 string `json:"sha256"`
}

// pageSize is how many items or reports the export reads at a time.
const pageSize = 200

// annualQuery is the page of the report list from off.
func annualQuery(off int) annual.ListQuery { return annual.ListQuery{Offset: off, Limit: annualPage} }

// annualPage is the page size of the report list (its maximum).
const annualPage = annual.MaxListLimit
