// Package reportfile reads published annual reports for import (#13,
// reports from outside): one file already read (Parse), as `gongkai report
// import` reads them from disk, or every report in a zip a supervisor
// uploads (Zip), entry by entry, with the zip-bomb limits of Limits.
package reportfile

import (
	"context"
	"fmt"
	"strings"

	"github.com/gongkai/gongkai/internal/annual"
	"github.com/gongkai/gongkai/internal/report/parse"
)

// Parse reads one report file named name for annual.Service.Import: the
// report with its format, without its provenance (where each value was
// read: some tens of kilobytes per report that import does not store).
// The error names the file once.
func Parse(ctx context.Context, name string, data []byte) (annual.Import, error) {
	it := annual.Import{File: name}
	if len(data) > parse.MaxSize {
		return it, fmt.Errorf("%s: %w", name, parse.ErrTooLarge)
	}
	r, err := parse.ParseContext(ctx, name, data)
	if err != nil {
		if !strings.HasPrefix(err.Error(), name) {
			err = fmt.Errorf("%s: %w", name, err)
		}
		return it, err
	}
	if r.Source != nil {
		it.Format = r.Source.Format
	}
	r.Source = nil
	it.Data, it.Report = data, r
	return it, nil
}
