package casework_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/blob"
	"github.com/gongkai/gongkai/internal/casework"
)

// countRequests is the number of requests stored.
func countRequests(t *testing.T, w *world) int {
	t.Helper()
	var n int
	if err := w.st.DB().QueryRowContext(context.Background(), "SELECT COUNT(*) FROM requests").Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestResubmitShowsFirstReceipt checks the public form's idempotency key
// (#9: reloading the receipt filed the application again): the same
// application sent again with its key within casework.ResubmitWindow gets
// the first receipt — same request, tracking number and query code — and
// files nothing, its files discarded; the receipt is found again by the
// key until the window ends; a changed application under the same key, a
// submission without a key and one after the window are filed.
func TestResubmitShowsFirstReceipt(t *testing.T) {
	run(t, func(t *testing.T, w *world) {
		ctx := context.Background()
		now := w.today.Time().Add(10 * time.Hour)
		w.svc.Now = func() time.Time { return now }
		key := casework.NewSubmissionKey()
		stage := func() casework.File {
			t.Helper()
			f, err := w.svc.Stage(ctx, "身份证明.pdf", "application/pdf", strings.NewReader("%PDF-1.4 scan"))
			if err != nil {
				t.Fatal(err)
			}
			return f
		}
		app := func(content string, k string) casework.Application {
			a := w.application(content)
			a.Key, a.Files = k, []casework.File{stage()}
			return a
		}
		before := countRequests(t, w)
		first := w.rc(w.svc.Submit(ctx, app("2023年法律援助案件统计表", key), "203.0.113.9"))
		if first.Key != key || first.Repeated || first.QueryCode == "" {
			t.Fatalf("first receipt %+v", first)
		}
		now = now.Add(2 * time.Minute)
		copyApp := app("2023年法律援助案件统计表", key)
		again := w.rc(w.svc.Submit(ctx, copyApp, "203.0.113.9"))
		if !again.Repeated || again.RequestID != first.RequestID || again.Tracking != first.Tracking || again.QueryCode != first.QueryCode {
			t.Errorf("second identical submission: %+v; want the first receipt %+v", again, first)
		}
		if n := countRequests(t, w); n != before+1 {
			t.Errorf("%d requests filed by two identical submissions; want 1", n-before)
		}
		if _, err := w.blobs.Get(ctx, copyApp.Files[0].BlobKey); !errors.Is(err, blob.ErrNotFound) {
			t.Errorf("the copy's file was kept: %v", err)
		}
		if got, err := w.svc.ReceiptByKey(ctx, key); err != nil || got.Tracking != first.Tracking || got.QueryCode != first.QueryCode ||
			got.AgencyID != w.a.ID {
			t.Errorf("ReceiptByKey: %+v, %v; want the first receipt", got, err)
		}
		if _, err := w.svc.Lookup(ctx, first.Tracking, first.QueryCode); err != nil {
			t.Errorf("the code shown again does not open the request: %v", err)
		}

		changed := w.rc(w.svc.Submit(ctx, app("2023年法律援助经费", key), "203.0.113.9"))
		if changed.Repeated || changed.Tracking == first.Tracking || changed.Key == key || !casework.ValidSubmissionKey(changed.Key) {
			t.Errorf("a changed application under the same key: %+v; want a new request under a new key", changed)
		}
		if got, err := w.svc.ReceiptByKey(ctx, changed.Key); err != nil || got.Tracking != changed.Tracking {
			t.Errorf("the changed application's receipt: %+v, %v", got, err)
		}
		plain := w.rc(w.svc.Submit(ctx, app("2023年法律援助案件统计表", ""), "203.0.113.9"))
		if plain.Repeated || plain.Tracking == first.Tracking || !casework.ValidSubmissionKey(plain.Key) {
			t.Errorf("a submission without a key: %+v; want a new request with a key of its own", plain)
		}

		now = now.Add(casework.ResubmitWindow + time.Second)
		if _, err := w.svc.ReceiptByKey(ctx, key); !errors.Is(err, apperr.NotFound) {
			t.Errorf("ReceiptByKey after the window: %v; want NotFound", err)
		}
		late := w.rc(w.svc.Submit(ctx, app("2023年法律援助案件统计表", key), "203.0.113.9"))
		if late.Repeated || late.Tracking == first.Tracking {
			t.Errorf("the same application after the window: %+v; want filed", late)
		}
		var left int
		if err := w.st.DB().QueryRowContext(ctx, "SELECT COUNT(*) FROM submission_keys").Scan(&left); err != nil || left != 1 {
			t.Errorf("%d submission keys kept (%v); want only the latest: older ones are deleted with their sealed codes", left, err)
		}
		if _, err := w.svc.ReceiptByKey(ctx, "not-a-key"); !errors.Is(err, apperr.NotFound) {
			t.Errorf("ReceiptByKey of a malformed key: %v; want NotFound", err)
		}
	})
}

// TestResubmitConcurrent sends the same application with the same key
// from two services on one database at once (two server processes, a
// double click reaching both): one request is filed and both answers
// carry its receipt.
func TestResubmitConcurrent(t *testing.T) {
	run(t, func(t *testing.T, w *world) {
		ctx := context.Background()
		other, err := casework.New(w.st, w.log, testKey)
		if err != nil {
			t.Fatal(err)
		}
		other.Now, other.Blobs = w.svc.Now, w.svc.Blobs
		before := countRequests(t, w)
		key := casework.NewSubmissionKey()
		var wg sync.WaitGroup
		out := make([]casework.Receipt, 2)
		errs := make([]error, 2)
		for i, s := range []*casework.Service{w.svc, other} {
			wg.Go(func() {
				a := w.application("2023年行政复议案件统计表")
				a.Key = key
				out[i], errs[i] = s.Submit(ctx, a, "203.0.113.9")
			})
		}
		wg.Wait()
		for i, err := range errs {
			if err != nil {
				t.Fatalf("submission %d: %v", i+1, err)
			}
		}
		if out[0].Tracking != out[1].Tracking || out[0].QueryCode != out[1].QueryCode || out[0].Repeated == out[1].Repeated {
			t.Errorf("receipts %+v and %+v; want the same request, one of them repeated", out[0], out[1])
		}
		if n := countRequests(t, w); n != before+1 {
			t.Errorf("%d requests filed; want 1", n-before)
		}
	})
}
