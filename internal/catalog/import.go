package catalog

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"strings"

	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/bombcheck"
	"github.com/gongkai/gongkai/internal/calendar"
)

// An ImportFinding is what the scanner saw in one imported item.
type ImportFinding struct {
	Line    int
	IndexNo string
	Finding
}

// An ImportResult says what an import stored.
type ImportResult struct {
	Items       int
	Withdrawn   int
	Attachments int
	Late        int // published after the 20 working days of 第二十六条
	Findings    []ImportFinding
	ScanNote    string // "未启用扫描" when no scanner is configured
}

// MaxAttachmentBytes bounds one attachment of an import.
const MaxAttachmentBytes = 200 << 20

// attachmentKey is where an attachment's bytes live: by content, so the
// same file imported twice is stored once and a failed import leaves
// nothing that a retry does not reuse.
func attachmentKey(sum string) string { return "catalog/sha256/" + sum[:2] + "/" + sum }

// Import stores the items read by ReadItems as published items of the
// agency (catalog.md §2): they keep their 索引号 and dates, are not
// reviewed again, and are scanned, the findings listed but not blocking.
// It is all or nothing: an 索引号 already held, or an attachment that does
// not match its size or SHA-256, imports nothing and returns LineErrors.
// Attachments go to the blob store first (by content, so a failed import
// leaves only reusable objects).
func (s *Service) Import(ctx context.Context, by audit.Actor, agencyID int64, agencyName string, lines []ImportLine, files Files) (ImportResult, error) {
	var res ImportResult
	var errs LineErrors
	contents := make([]Content, len(lines))
	for i, l := range lines {
		c := l.Item.Content
		c.Attachments = nil
		for j, f := range l.Item.Attachments {
			a, err := s.storeAttachment(ctx, files, f)
			if err != nil {
				errs = append(errs, LineError{Line: l.Line, Field: fmt.Sprintf("attachments[%d]", j), Msg: err.Error()})
				continue
			}
			c.Attachments = append(c.Attachments, a)
		}
		contents[i] = c
		if len(errs) >= MaxLineErrors {
			break
		}
	}
	if len(errs) > 0 {
		return res, errs
	}
	for i, l := range lines {
		fs, note, err := s.scanContent(ctx, contents[i])
		if err != nil {
			return res, err
		}
		res.ScanNote = note
		for _, f := range fs {
			res.Findings = append(res.Findings, ImportFinding{l.Line, l.Item.IndexNo, f})
		}
	}
	err := s.tx(ctx, func(ctx context.Context) error {
		p, _, err := s.ensureProfile(ctx, by, agencyID, agencyName)
		if err != nil {
			return err
		}
		for _, l := range lines {
			if _, err := s.st.ItemIDByIndexNo(ctx, l.Item.IndexNo); err == nil {
				errs = append(errs, LineError{Line: l.Line, Field: "index_no", Msg: "索引号 " + l.Item.IndexNo + " 已被使用，索引号不能重复"})
			} else if apperr.KindOf(err) != apperr.NotFound {
				return err
			}
		}
		if len(errs) > 0 {
			return errs
		}
		cal, err := s.Calendar(ctx, agencyID)
		if err != nil {
			return err
		}
		byLine := map[int][]Finding{}
		for _, f := range res.Findings {
			byLine[f.Line] = append(byLine[f.Line], f.Finding)
		}
		for i, l := range lines {
			late, err := s.importOne(ctx, by, cal, p, agencyID, l, contents[i], byLine[l.Line])
			if err != nil {
				return fmt.Errorf("第 %d 行：%w", l.Line, err)
			}
			res.Items++
			res.Attachments += len(contents[i].Attachments)
			if late {
				res.Late++
			}
			if l.Item.Withdrawn != nil {
				res.Withdrawn++
			}
		}
		return s.log.Record(ctx, by.Event("catalog.import", "agency", agencyID, audit.ResultOK,
			fmt.Sprintf("导入 %d 条（撤回 %d 条），附件 %d 个，扫描发现 %d 处", res.Items, res.Withdrawn, res.Attachments, len(res.Findings))))
	})
	if err != nil {
		return ImportResult{}, err
	}
	return res, nil
}

// importOne stores one imported item: its row, its import event (and
// withdrawal), version 1, its channels and links.
func (s *Service) importOne(ctx context.Context, by audit.Actor, cal *calendar.Calendar, p Profile, agencyID int64, l ImportLine, c Content, fs []Finding) (bool, error) {
	ij := l.Item
	at := ij.PublishedAt.UTC()
	if len(c.Channels) == 0 {
		c.Channels = []Post{{Channel: PortalChannel, On: calendar.Of(at.In(CST))}}
	}
	late := CheckTimeliness(cal, c, at, calendar.Date{}).Late
	rec := Record{AgencyID: agencyID, IndexNo: ij.IndexNo, State: Published, Live: 1, Shown: stripped(c),
		FirstPublished: at, Late: late}
	events := []Event{{Action: ActImport, At: at, Actor: Actor{by.Login, System}, IndexNo: ij.IndexNo, Version: 1,
		Findings: fs, Imported: ij.History}}
	if w := ij.Withdrawn; w != nil {
		wat := w.At.UTC()
		if wat.Before(at) {
			wat = at
		}
		events = append(events, Event{Action: ActWithdraw, At: wat, Actor: Actor{by.Login, Head}, Note: strings.TrimSpace(w.Reason)})
	}
	it := &Item{}
	for _, e := range events {
		if err := it.Apply(e); err != nil {
			return false, err
		}
	}
	rec.State = it.State
	id, err := s.st.CreateItem(ctx, rec, s.now())
	if err != nil {
		return false, err
	}
	for i, e := range events {
		if err := s.st.AppendItemEvent(ctx, id, i+1, e); err != nil {
			return false, err
		}
	}
	if err := s.st.AddVersion(ctx, id, Version{N: 1, Kind: Imported, Content: c, PublishedAt: at, By: by.Login}); err != nil {
		return false, err
	}
	if err := s.st.SetPosts(ctx, id, c.Channels); err != nil {
		return false, err
	}
	var links []Link
	for _, to := range c.Interprets {
		links = append(links, Link{From: ij.IndexNo, To: to})
	}
	for _, from := range ij.InterpretedBy {
		links = append(links, Link{From: strings.TrimSpace(from), To: ij.IndexNo})
	}
	if err := s.st.AddLinks(ctx, agencyID, links); err != nil {
		return false, err
	}
	if code, year, seq, ok := ParseIndexNo(ij.IndexNo); ok && code == p.CreditCode {
		// An imported number of our own form is never handed out again.
		if err := s.st.RaiseIndexSeq(ctx, agencyID, year, seq); err != nil {
			return false, err
		}
	}
	return late, nil
}

// storeAttachment reads an attachment from files once to hash it,
// checks its size and SHA-256 when the file gives them, then streams it
// into the blob store by content: memory stays bounded whatever its size.
func (s *Service) storeAttachment(ctx context.Context, files Files, f FileJSON) (Attachment, error) {
	if s.Blobs == nil {
		return Attachment{}, fmt.Errorf("未配置附件存储，不能导入附件")
	}
	rc, err := files.Open(f.Path)
	if err != nil {
		return Attachment{}, fmt.Errorf("找不到附件 %s", f.Path)
	}
	h := sha256.New()
	n, err := io.Copy(h, io.LimitReader(rc, MaxAttachmentBytes+1))
	rc.Close()
	if err != nil {
		return Attachment{}, fmt.Errorf("读取附件 %s 失败：%v", f.Path, err)
	}
	if n > MaxAttachmentBytes {
		return Attachment{}, fmt.Errorf("附件 %s 超过 %d MB", f.Path, MaxAttachmentBytes>>20)
	}
	sum := hex.EncodeToString(h.Sum(nil))
	if f.Size != 0 && f.Size != n {
		return Attachment{}, fmt.Errorf("附件 %s 大小为 %d 字节，与 size %d 不符", f.Path, n, f.Size)
	}
	if f.SHA256 != "" && f.SHA256 != sum {
		return Attachment{}, fmt.Errorf("附件 %s 的 SHA-256 与 sha256 不符", f.Path)
	}
	key := attachmentKey(sum)
	if rc, err = files.Open(f.Path); err != nil {
		return Attachment{}, fmt.Errorf("找不到附件 %s", f.Path)
	}
	defer rc.Close()
	src, watch := bombcheck.NewWatch(io.LimitReader(rc, n))
	if put, err := s.Blobs.Put(ctx, key, src); err != nil || put != n {
		return Attachment{}, fmt.Errorf("保存附件 %s 失败：%v", f.Path, err)
	}
	hazard, err := watch.Inspect(func() (io.ReadCloser, error) { return s.Blobs.Get(ctx, key) })
	if err != nil {
		return Attachment{}, fmt.Errorf("检查附件 %s 失败：%v", f.Path, err)
	}
	return Attachment{Name: strings.TrimSpace(f.Name), ContentType: f.ContentType, Size: n, SHA256: sum, BlobKey: key,
		Hazard: hazard.String()}, nil
}
