package sqlstore_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/attachtext"
	"github.com/gongkai/gongkai/internal/blob"
	"github.com/gongkai/gongkai/internal/catalog"
	"github.com/gongkai/gongkai/internal/doctext/doctexttest"
	"github.com/gongkai/gongkai/internal/ooxml/ooxmltest"
	"github.com/gongkai/gongkai/internal/search"
	"github.com/gongkai/gongkai/internal/sqlstore"
	"github.com/gongkai/gongkai/internal/sqlstore/sqlstoretest"
)

// TestSearchAttachments: an item whose attachments are not yet extracted
// is found by its title at once and not by a word only in an attachment;
// after the worker ran, the word in its DOCX and in its XLSX find it (with
// the passage as snippet); a zip bomb fails at once; a file flagged as a
// bomb when stored is skipped unopened; a file that cannot
// be read is retried after the backoff and marked failed after the last
// attempt; a withdrawal removes the jobs.
func TestSearchAttachments(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		a, err := s.CreateAgency(ctx, agency.Agency{Name: "区民政局", CreatedAt: testNow})
		if err != nil {
			t.Fatal(err)
		}
		bs, err := blob.Open(ctx, "", t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		defer bs.Close()
		put := func(name string, data []byte) catalog.Attachment {
			key := "t/" + hex.EncodeToString([]byte(name))
			if _, err := bs.Put(ctx, key, bytes.NewReader(data)); err != nil {
				t.Fatal(err)
			}
			sum := sha256.Sum256(data)
			return catalog.Attachment{Name: name, Size: int64(len(data)), SHA256: hex.EncodeToString(sum[:]), BlobKey: key}
		}
		atts := []catalog.Attachment{
			put("名单.docx", doctexttest.DOCX("第一段", "附件里才有的词：蔬菜基地补贴")),
			put("表.xlsx", doctexttest.XLSX("汇总", [][]string{{"项目", "金额"}, {"渔船燃油补助", "1200"}})),
			put("bomb.docx", ooxmltest.ZipBomb(1, 300<<20)),
			{Name: "lost.pdf", SHA256: strings.Repeat("0", 64), BlobKey: "t/lost.pdf"}, // its bytes were never stored
			put("photo.png", []byte("\x89PNG\r\n\x1a\n....")),
		}
		// flagged as a bomb when stored (bombcheck): never opened, though its bytes would read
		flagged := put("flagged.docx", doctexttest.DOCX("标记文件里的词"))
		flagged.Hazard = "zip_ratio: test"
		atts = append(atts, flagged)
		at := testNow
		c := catalog.Content{Title: "关于发放农业补贴的通知", Body: "<p>正文</p>", DocType: catalog.Notice, Category: "other",
			Disclosure: catalog.Proactive, Attachments: atts}
		rec := catalog.Record{AgencyID: a.ID, IndexNo: "X/2026-00001", State: catalog.Published, Live: 1, Shown: c, FirstPublished: at}
		var id int64
		err = s.InTx(ctx, func(ctx context.Context) error {
			if id, err = s.CreateItem(ctx, rec, at); err != nil {
				return err
			}
			return s.AddVersion(ctx, id, catalog.Version{N: 1, Kind: catalog.Imported, Content: c, PublishedAt: at, By: "t"})
		})
		if err != nil {
			t.Fatal(err)
		}
		total := func(q string) int {
			t.Helper()
			p, err := search.Search(ctx, s, q, search.Filter{}, 1, 20)
			if err != nil {
				t.Fatal(err)
			}
			return p.Total
		}
		if total("农业补贴") != 1 || total("蔬菜基地") != 0 || total("渔船燃油") != 0 {
			t.Fatal("before extraction: want the title found and the attachments' words not")
		}
		now := at
		w := &attachtext.Worker{Queue: s, Blobs: bs, Now: func() time.Time { return now }, MaxAttempts: 3}
		p, err := w.RunOnce(ctx, false, nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		if counts(p) != [4]int{2, 1, 1, 1} || len(p.Errors) != 2 {
			t.Errorf("first pass %+v", p)
		}
		if total("蔬菜基地") != 1 || total("渔船燃油 1200") != 1 || total("农业补贴 蔬菜基地") != 1 || total("标记文件") != 0 {
			t.Error("after extraction: the attachments' words do not find the item")
		}
		pg, _ := search.Search(ctx, s, "蔬菜基地", search.Filter{}, 1, 20)
		if len(pg.Items) != 1 || !strings.Contains(pg.Items[0].Snippet.HTML(), "<mark>蔬菜基地</mark>补贴") {
			t.Errorf("snippet %+v", pg.Items)
		}
		if total("第一段 渔船燃油") != 1 || total("补贴1200") != 0 {
			t.Error("attachment text: want every file searched, no term across two cells")
		}
		// the lost file: not due before its backoff, retried after it,
		// failed after the third attempt
		if p, _ := w.RunOnce(ctx, false, nil, nil); p.Total() != 0 {
			t.Errorf("a job was retried before its backoff: %+v", p)
		}
		for attempt := 2; attempt <= 3; attempt++ {
			now = now.Add(attachtext.Backoff(attempt - 1))
			p, err := w.RunOnce(ctx, false, nil, nil)
			want := [4]int{0, 1, 0, 0} // retry
			if attempt == 3 {
				want = [4]int{0, 0, 1, 0} // failed
			}
			if err != nil || counts(p) != want {
				t.Errorf("attempt %d: %+v, %v; want %+v", attempt, p, err, want)
			}
		}
		st, err := s.AttachmentStatus(ctx, []int64{a.ID})
		if err != nil {
			t.Fatal(err)
		}
		if st.Counts[attachtext.Done] != 2 || st.Counts[attachtext.Failed] != 2 || st.Counts[attachtext.Skipped] != 2 ||
			st.Counts[attachtext.Pending] != 0 || len(st.Failed) != 2 {
			t.Errorf("status %+v", st)
		}
		for _, f := range st.Failed {
			if f.IndexNo != "X/2026-00001" || f.Error == "" || (f.Name == "lost.pdf") != (f.Attempts == 3) {
				t.Errorf("failure %+v", f)
			}
		}
		// withdrawn: found by nothing, no jobs left
		rec.ID, rec.State = id, catalog.Withdrawn
		if err := s.UpdateItem(ctx, rec, now); err != nil {
			t.Fatal(err)
		}
		if total("蔬菜基地") != 0 || total("农业补贴") != 0 {
			t.Error("a withdrawn item is still found")
		}
		if st, _ := s.AttachmentStatus(ctx, nil); len(st.Counts) != 0 {
			t.Errorf("jobs of a withdrawn item remain: %+v", st.Counts)
		}
	})
}

// counts is what a pass counted, to compare.
func counts(p attachtext.Pass) [4]int { return [4]int{p.Done, p.Retry, p.Failed, p.Skipped} }

// TestAttachmentTimeout: an extraction that outlasts the worker's timeout
// per file is abandoned and retried later, the item still found by its
// title.
func TestAttachmentTimeout(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		a, err := s.CreateAgency(ctx, agency.Agency{Name: "区民政局", CreatedAt: testNow})
		if err != nil {
			t.Fatal(err)
		}
		bs, err := blob.Open(ctx, "", t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		defer bs.Close()
		if _, err := bs.Put(ctx, "t/slow", strings.NewReader("慢")); err != nil {
			t.Fatal(err)
		}
		c := catalog.Content{Title: "慢文件的通知", DocType: catalog.Notice, Category: "other", Disclosure: catalog.Proactive,
			Attachments: []catalog.Attachment{{Name: "slow.txt", SHA256: strings.Repeat("1", 64), BlobKey: "t/slow"}}}
		err = s.InTx(ctx, func(ctx context.Context) error {
			id, err := s.CreateItem(ctx, catalog.Record{AgencyID: a.ID, IndexNo: "X/1", State: catalog.Published, Live: 1, Shown: c, FirstPublished: testNow}, testNow)
			if err != nil {
				return err
			}
			return s.AddVersion(ctx, id, catalog.Version{N: 1, Kind: catalog.Imported, Content: c, PublishedAt: testNow, By: "t"})
		})
		if err != nil {
			t.Fatal(err)
		}
		block := func(ctx context.Context, _ string, _ []byte) (string, error) {
			<-ctx.Done()
			time.Sleep(10 * time.Millisecond) // returns after the worker gave up on it
			return "too late", nil
		}
		w := &attachtext.Worker{Queue: s, Blobs: bs, Extract: block, Timeout: 50 * time.Millisecond, Now: func() time.Time { return testNow }}
		p, err := w.RunOnce(ctx, false, nil, nil)
		if err != nil || p.Retry != 1 || len(p.Errors) != 1 || !strings.Contains(p.Errors[0], "timed out") {
			t.Fatalf("pass %+v, %v; want one retry after a timeout", p, err)
		}
		if pg, _ := search.Search(ctx, s, "慢文件", search.Filter{}, 1, 20); pg.Total != 1 {
			t.Error("the item is not found by its title while its attachment waits")
		}
		if st, _ := s.AttachmentStatus(ctx, nil); st.Counts[attachtext.Pending] != 1 {
			t.Errorf("status %+v; want the job pending", st.Counts)
		}
	})
}
