package catalog

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/gongkai/gongkai/internal/audit"
)

// ExportResult says what an export wrote.
type ExportResult struct {
	Items       int
	Attachments int
}

// exportPage is how many items an export reads at a time.
const exportPage = 500

// Export writes every published item of the agency (withdrawn ones too,
// with their reason) as JSON Lines of gongkai.item/v1, oldest first, and
// hands each attachment to put under the relative path the line names
// (the CLI writes them into a zip beside the file). The export is audited.
func (s *Service) Export(ctx context.Context, by audit.Actor, agencyID int64, agencyName string, w io.Writer,
	put func(path string, r io.Reader) error) (ExportResult, error) {
	var res ExportResult
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	var after int64
	for {
		recs, err := s.st.ListItems(ctx, Filter{AgencyID: agencyID, AfterID: after, Limit: exportPage})
		if err != nil {
			return res, err
		}
		if len(recs) == 0 {
			break
		}
		for _, r := range recs {
			after = r.ID
			if r.Live == 0 {
				continue
			}
			ij, err := s.exportOne(ctx, r, agencyName, put)
			if err != nil {
				return res, err
			}
			if err := enc.Encode(ij); err != nil {
				return res, fmt.Errorf("catalog: export: %w", err)
			}
			res.Items++
			res.Attachments += len(ij.Attachments)
		}
	}
	err := s.log.Record(ctx, by.Event("catalog.export", "agency", agencyID, audit.ResultOK,
		fmt.Sprintf("导出 %d 条，附件 %d 个", res.Items, res.Attachments)))
	return res, err
}

// exportOne builds the gongkai.item/v1 object of a published item.
func (s *Service) exportOne(ctx context.Context, r Record, agencyName string, put func(string, io.Reader) error) (ItemJSON, error) {
	_, it, err := s.load(ctx, r.ID)
	if err != nil {
		return ItemJSON{}, err
	}
	v, ok := it.LiveVersion()
	if !ok {
		return ItemJSON{}, fmt.Errorf("catalog: item %d: live version %d missing", r.ID, it.Live)
	}
	ij := ItemJSON{Schema: Schema, IndexNo: it.IndexNo, Agency: agencyName, Content: v.Content, PublishedAt: r.FirstPublished}
	ij.Content.Attachments = nil
	dir := "attachments/" + strings.NewReplacer("/", "_", "\\", "_").Replace(it.IndexNo) + "/"
	for _, a := range v.Content.Attachments {
		p := dir + a.Name
		if s.Blobs != nil && put != nil {
			rc, err := s.Blobs.Get(ctx, a.BlobKey)
			if err != nil {
				return ij, fmt.Errorf("catalog: export %s: attachment %s: %w", it.IndexNo, a.Name, err)
			}
			err = put(p, rc)
			rc.Close()
			if err != nil {
				return ij, err
			}
		}
		ij.Attachments = append(ij.Attachments, FileJSON{Name: a.Name, Path: p, ContentType: a.ContentType, Size: a.Size, SHA256: a.SHA256})
	}
	links, err := s.st.Links(ctx, it.IndexNo)
	if err != nil {
		return ij, err
	}
	for _, l := range links {
		if l.To == it.IndexNo {
			ij.InterpretedBy = append(ij.InterpretedBy, l.From)
		}
	}
	if it.Withdrawal != nil {
		ij.Withdrawn = &WithdrawnJSON{At: it.Withdrawal.At, Reason: it.Withdrawal.Reason}
	}
	for _, e := range it.Events {
		ij.History = append(ij.History, e.Imported...)
		if e.Action == ActScan {
			continue
		}
		ij.History = append(ij.History, HistoryJSON{Action: string(e.Action), At: e.At, By: e.Actor.Name,
			Role: string(e.Actor.Role), Version: e.Version, Note: e.Note})
	}
	return ij, nil
}
