package casework_test

import (
	"bytes"
	"context"
	"encoding/hex"
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/emmansun/gmsm/sm3"

	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/casework"
)

func TestCheckAttachment(t *testing.T) {
	tests := []struct {
		name, ct string
		size     int64
		ok       bool
	}{
		{"身份证明.pdf", "application/pdf", 1000, true},
		{"照片.JPG", "image/jpeg", 1000, true},
		{"说明.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", 1, true},
		{"x.pdf", "application/pdf; charset=binary", 1, true},
		{"x.exe", "application/octet-stream", 1000, false},
		{"x.pdf", "text/html", 1000, false},
		{"x.pdf", "application/pdf", 0, false},
		{"x.pdf", "application/pdf", casework.MaxAttachmentSize + 1, false},
		{"../x.pdf", "application/pdf", 10, false},
		{"", "application/pdf", 10, false},
	}
	for _, tt := range tests {
		err := casework.CheckAttachment(tt.name, tt.ct, tt.size)
		if (err == nil) != tt.ok {
			t.Errorf("%q %q %d: err = %v; want ok=%v", tt.name, tt.ct, tt.size, err, tt.ok)
		}
	}
}

// stage stages data as a file named name, failing the test on an error.
func (w *world) stage(name, ct string, data []byte) casework.File {
	w.t.Helper()
	f, err := w.svc.Stage(context.Background(), name, ct, bytes.NewReader(data))
	if err != nil {
		w.t.Fatalf("stage %s: %v", name, err)
	}
	return f
}

// blobCount counts the files in the blob directory.
func (w *world) blobCount() int {
	n := 0
	w.blobs.List(context.Background(), "", func(string, time.Time) error { n++; return nil })
	return n
}

func TestAttachments(t *testing.T) {
	run(t, func(t *testing.T, w *world) {
		ctx := context.Background()
		scan := []byte("%PDF-1.7\n身份证 11010519491231002X\n")
		app := w.application("附件测试")
		app.Files = []casework.File{w.stage("身份证明.pdf", "application/pdf", scan)}
		rc := w.rc(w.svc.Submit(ctx, app, "192.0.2.1"))
		if _, err := w.svc.Stage(ctx, "x.pdf", "application/pdf", strings.NewReader("<html>")); !errors.Is(err, apperr.Invalid) {
			t.Errorf("an HTML file named .pdf: %v", err)
		}
		as, err := w.svc.Attachments(ctx, w.clerk, rc.RequestID)
		if err != nil || len(as) != 1 || as[0].Size != int64(len(scan)) || len(as[0].SHA256) != 64 || !strings.HasPrefix(as[0].BlobKey, "requests/") {
			t.Fatalf("attachments %+v, %v", as, err)
		}
		if n := w.blobCount(); n != 1 {
			t.Errorf("%d blobs; want 1 (the HTML file left nothing)", n)
		}
		raw, err := os.ReadFile(filepath.Join(w.blobs.Root(), as[0].BlobKey))
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(raw, []byte("11010519491231002X")) {
			t.Errorf("attachment stored in clear")
		}
		if _, _, err := w.svc.OpenAttachment(ctx, w.super, rc.RequestID, as[0].ID); !errors.Is(err, apperr.Forbidden) {
			t.Errorf("supervisor downloads: %v", err)
		}
		if _, _, err := w.svc.OpenAttachment(ctx, w.clerkB, rc.RequestID, as[0].ID); !errors.Is(err, apperr.NotFound) {
			t.Errorf("other agency downloads: %v", err)
		}
		a, body, err := w.svc.OpenAttachment(ctx, w.clerk, rc.RequestID, as[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(body)
		body.Close()
		if err != nil || string(data) != string(scan) || a.Name != "身份证明.pdf" {
			t.Fatalf("download %q, %v", data, err)
		}
		evs, _ := w.log.Store.SearchAudit(ctx, audit.Filter{Action: "request.attachment_download", Limit: 10})
		if len(evs) != 3 {
			t.Errorf("%d download audit events; want 3 (2 denied, 1 ok)", len(evs))
		}
		png := []byte("\x89PNG\r\n\x1a\nxxxx")
		if _, err := w.svc.AddAttachment(ctx, w.clerkB, rc.RequestID, w.stage("补充.png", "image/png", png)); !errors.Is(err, apperr.NotFound) {
			t.Errorf("other agency adds: %v", err)
		}
		for i := 1; i < casework.MaxAttachments; i++ {
			if _, err := w.svc.AddAttachment(ctx, w.clerk, rc.RequestID, w.stage("补充.png", "image/png", png)); err != nil {
				t.Fatalf("attachment %d: %v", i+1, err)
			}
		}
		if _, err := w.svc.AddAttachment(ctx, w.clerk, rc.RequestID, w.stage("补充.png", "image/png", png)); !errors.Is(err, apperr.Invalid) {
			t.Errorf("one too many: %v", err)
		}
		if n := w.blobCount(); n != casework.MaxAttachments {
			t.Errorf("%d blobs; want %d (refused files are discarded)", n, casework.MaxAttachments)
		}
	})
}

func TestStageRefuses(t *testing.T) {
	run(t, func(t *testing.T, w *world) {
		ctx := context.Background()
		big := append([]byte("%PDF-1.7\n"), make([]byte, casework.MaxAttachmentSize)...)
		cases := []struct {
			name, file string
			data       []byte
			tooLarge   bool
		}{
			{"one byte over the limit", "x.pdf", big[:casework.MaxAttachmentSize+1], true},
			{"not a PNG", "x.png", []byte("GIF89a......."), false},
			{"empty", "x.pdf", nil, false},
			{"Latin-1 text", "x.txt", []byte("caf\xe9 au lait"), false},
			{"text cut inside a rune", "x.txt", []byte("申请\xe4\xbf"), false},
			{"executable", "x.exe", []byte("MZ"), false},
		}
		for _, c := range cases {
			_, err := w.svc.Stage(ctx, c.file, mimeOf(c.file), bytes.NewReader(c.data))
			if !errors.Is(err, apperr.Invalid) || errors.Is(err, casework.ErrTooLarge) != c.tooLarge {
				t.Errorf("%s: %v", c.name, err)
			}
		}
		if n := w.blobCount(); n != 0 {
			t.Errorf("refused files left %d blobs", n)
		}
		// At the limit is fine; a rune split across reads is fine.
		f := w.stage("x.pdf", "application/pdf", big[:casework.MaxAttachmentSize])
		if f.Size != casework.MaxAttachmentSize {
			t.Errorf("size %d", f.Size)
		}
		text := bytes.Repeat([]byte("信息公开"), 40000)
		w.stage("x.txt", "text/plain", text) // 64 KiB reads cut its 3-byte runes
		// Four files of 10 MiB are over the 40 MiB of a request.
		app := w.application("很多附件")
		for range 4 {
			app.Files = append(app.Files, w.stage("x.pdf", "application/pdf", big[:casework.MaxAttachmentSize]))
		}
		app.Files = append(app.Files, w.stage("y.pdf", "application/pdf", big[:100]))
		if _, err := w.svc.Submit(ctx, app, ""); !errors.Is(err, casework.ErrTooLarge) {
			t.Errorf("41 MiB of attachments: %v", err)
		}
		if n := w.blobCount(); n != 2 {
			t.Errorf("%d blobs after a refused application; want 2 (its files discarded)", n)
		}
	})
}

func mimeOf(name string) string {
	switch filepath.Ext(name) {
	case ".pdf":
		return "application/pdf"
	case ".png":
		return "image/png"
	case ".txt":
		return "text/plain"
	}
	return "application/octet-stream"
}

// TestStageMemoryIsBounded stages a 10 MiB file and checks that the heap
// allocated is a few buffers, not the file.
func TestStageMemoryIsBounded(t *testing.T) {
	run(t, func(t *testing.T, w *world) {
		data := append([]byte("%PDF-1.7\n"), make([]byte, casework.MaxAttachmentSize-9)...)
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		w.stage("x.pdf", "application/pdf", data)
		runtime.ReadMemStats(&after)
		if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 3<<20 {
			t.Errorf("staging %d bytes allocated %d bytes; want under 3 MiB", len(data), alloc)
		}
	})
}

// TestLegacyAttachmentStaysReadable reads an attachment stored before the
// blob store: sealed whole in request_attachment_data, blob key "db".
func TestLegacyAttachmentStaysReadable(t *testing.T) {
	run(t, func(t *testing.T, w *world) {
		ctx := context.Background()
		rc := w.rc(w.svc.Submit(ctx, w.application("旧附件"), ""))
		plain := []byte("%PDF-1.4 old scan")
		sealed, err := testKey.SealBytes(plain)
		if err != nil {
			t.Fatal(err)
		}
		a, err := w.st.AddAttachment(ctx, casework.Attachment{RequestID: rc.RequestID, Name: "旧.pdf", ContentType: "application/pdf",
			Size: int64(len(plain)), SHA256: "00", BlobKey: "db", CreatedAt: time.Now()})
		if err != nil {
			t.Fatal(err)
		}
		if err := w.st.PutAttachmentData(ctx, a.ID, sealed); err != nil {
			t.Fatal(err)
		}
		_, body, err := w.svc.OpenAttachment(ctx, w.clerk, rc.RequestID, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		got, _ := io.ReadAll(body)
		if !bytes.Equal(got, plain) {
			t.Errorf("legacy attachment = %q", got)
		}
	})
}

func TestSweepBlobs(t *testing.T) {
	run(t, func(t *testing.T, w *world) {
		ctx := context.Background()
		app := w.application("清理")
		app.Files = []casework.File{w.stage("a.pdf", "application/pdf", []byte("%PDF-kept"))}
		w.rc(w.svc.Submit(ctx, app, ""))
		old := w.stage("b.pdf", "application/pdf", []byte("%PDF-orphan")) // a crash between Put and commit
		fresh := w.stage("c.pdf", "application/pdf", []byte("%PDF-in-progress"))
		past := time.Now().Add(-48 * time.Hour)
		for _, k := range []string{old.BlobKey, app.Files[0].BlobKey} {
			os.Chtimes(filepath.Join(w.blobs.Root(), k), past, past)
		}
		w.svc.Now = time.Now
		n, err := w.svc.SweepBlobs(ctx, 24*time.Hour)
		if err != nil || n != 1 {
			t.Fatalf("SweepBlobs = %d, %v; want 1", n, err)
		}
		for k, want := range map[string]bool{old.BlobKey: false, fresh.BlobKey: true, app.Files[0].BlobKey: true} {
			if ok, _ := w.blobs.Exists(ctx, k); ok != want {
				t.Errorf("%s exists = %v; want %v", k, ok, want)
			}
		}
	})
}

// TestQueryCodeKeyedMAC: the query code is stored as a keyed HMAC-SM3,
// never a bare hash that a copy of the database could be searched with;
// codes stored as bare SM3 before still open their request (#10 item 7).
func TestQueryCodeKeyedMAC(t *testing.T) {
	run(t, func(t *testing.T, w *world) {
		ctx := context.Background()
		rc := w.rc(w.svc.Submit(ctx, w.application("查询码"), ""))
		rec, err := w.st.Request(ctx, rc.RequestID)
		if err != nil {
			t.Fatal(err)
		}
		bare := sm3.Sum([]byte("gongkai-query-code:" + rc.QueryCode))
		if !strings.HasPrefix(rec.QueryHash, "hmac-sm3:") || strings.Contains(rec.QueryHash, hex.EncodeToString(bare[:])) {
			t.Errorf("stored query hash %q; want a keyed MAC", rec.QueryHash)
		}
		if _, err := w.svc.Lookup(ctx, rc.Tracking, strings.ToLower(rc.QueryCode)); err != nil {
			t.Errorf("lookup with the code: %v", err)
		}
		if _, err := w.svc.Lookup(ctx, rc.Tracking, "AAAAAAAAAA"); !errors.Is(err, apperr.NotFound) {
			t.Errorf("lookup with a wrong code: %v", err)
		}
		// A request filed before the keyed MAC.
		q := "UPDATE requests SET query_hash = ? WHERE id = ?"
		if w.st.Dialect() == "postgres" {
			q = "UPDATE requests SET query_hash = $1 WHERE id = $2"
		}
		if _, err := w.st.DB().ExecContext(ctx, q, hex.EncodeToString(bare[:]), rc.RequestID); err != nil {
			t.Fatal(err)
		}
		if _, err := w.svc.Lookup(ctx, rc.Tracking, rc.QueryCode); err != nil {
			t.Errorf("lookup of a legacy request: %v", err)
		}
	})
}
