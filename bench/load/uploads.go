package main

import (
	"archive/zip"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// The uploads scenario: Uploaders clients post maximal applications
// (UploadFiles files of UploadFileSize each, the 40 MiB a request may
// carry) without pause, while the scenario's workers post small
// applications beside them. It reports the server's peak resident memory
// (VmHWM, reset at the start) and the small applications' latency, to be
// read against the submit scenario of the same run (small applications
// alone). Each upload comes from its own address (X-Forwarded-For through
// the trusted loopback proxy), as twenty applicants would, so the
// per-address byte budget does not refuse them.
const (
	Uploaders      = 20
	UploadFiles    = 4
	UploadFileSize = 10 << 20
)

// An UploadStats is what the uploaders did.
type UploadStats struct {
	Done, Failed, Refused int
	Bytes                 int64
	PeakRSS               int64 // bytes, VmHWM of the server during the scenario
	BaseRSS               int64 // bytes, VmRSS before it
	FirstErr              string
	Latency               []time.Duration
}

var forwarded atomic.Int64

// nextAddr returns a fresh client address for X-Forwarded-For.
func nextAddr() string {
	n := forwarded.Add(1)
	return fmt.Sprintf("10.%d.%d.%d", (n>>16)&255, (n>>8)&255, n&255)
}

// uploadsScenario runs the uploaders and small applications for lim and
// returns the small applications' result with the uploads in its note.
//
// With docx the files are DOCX packages (a zip of one stored 10 MiB
// part): each goes through the server's zip and XML bomb check
// (package bombcheck), which keeps the upload's last 1 MiB and reads the
// stored file back once.
func (t *target) uploadsScenario(ctx context.Context, lim Limits, scenario string, docx bool) *Result {
	pid := t.srv.cmd.Process.Pid
	st := &UploadStats{BaseRSS: procStatus(pid, "VmRSS")}
	resetPeak(pid)
	ctx, cancel := context.WithTimeout(ctx, lim.Duration)
	defer cancel()
	var wg sync.WaitGroup
	var mu sync.Mutex
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: Uploaders}}
	for i := 0; i < Uploaders; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(uint64(i)+7, uint64(time.Now().UnixNano())))
			for ctx.Err() == nil {
				t0 := time.Now()
				status, n, err := t.postMaximal(ctx, client, rng, int(t.receipts.seq.Add(1)), docx)
				d := time.Since(t0)
				if ctx.Err() != nil {
					return // cut off by the deadline: neither success nor failure
				}
				mu.Lock()
				switch {
				case err == nil && status == http.StatusOK:
					st.Done++
					st.Bytes += n
					st.Latency = append(st.Latency, d)
				case err == nil && (status == http.StatusTooManyRequests || status == http.StatusServiceUnavailable):
					st.Refused++
				default:
					st.Failed++
					if st.FirstErr == "" {
						st.FirstErr = fmt.Sprintf("status %d, %v", status, err)
					}
				}
				mu.Unlock()
			}
		}(i)
	}
	small := run(ctx, t.backend, scenario, lim, smallOp(t.client, t.form, t.receipts))
	cancel()
	wg.Wait()
	st.PeakRSS = procStatus(pid, "VmHWM")
	up := &Result{Samples: st.Latency}
	small.Note = fmt.Sprintf("beside the small applications, %d uploaders posted %d maximal applications (%d × %d MiB, %.0f MiB in all, %d refused 429/503, %d failed; upload p50 %s s); server RSS %d MiB before, peak %d MiB during",
		Uploaders, st.Done, UploadFiles, UploadFileSize>>20, float64(st.Bytes)/(1<<20), st.Refused, st.Failed,
		secs(up.Percentile(50)), st.BaseRSS>>20, st.PeakRSS>>20)
	if st.FirstErr != "" {
		small.Note += "; first upload error: " + st.FirstErr
	}
	if st.Failed > 0 {
		small.Errors += st.Failed
	}
	return small
}

func secs(d time.Duration) string { return strconv.FormatFloat(d.Seconds(), 'f', 1, 64) }

// smallOp is submitOp from a fresh address each time, so that the flood
// flag and ceiling of one address play no part.
func smallOp(c *Client, f Form, rs *Receipts) op {
	return func(ctx context.Context, w *worker) (outcome, error) {
		v := fillApplication(f, w.rng, int(rs.seq.Add(1)))
		st, b, err := c.do(ctx, http.MethodPost, "/apply", v, http.Header{"X-Forwarded-For": {nextAddr()}})
		out, err := expect(st, b, err, http.StatusOK, "")
		if out != ok {
			return out, err
		}
		tr, code, found := parseReceipt(b)
		if !found {
			return failed, fmt.Errorf("200 without a tracking number and query code")
		}
		rs.add(Receipt{Tracking: tr, Code: code})
		return ok, nil
	}
}

// postMaximal streams one application with UploadFiles PDF files of
// UploadFileSize pseudo-random bytes each (nothing held in the driver's
// memory) and returns the status and the file bytes sent.
func (t *target) postMaximal(ctx context.Context, c *http.Client, rng *rand.Rand, n int, docx bool) (int, int64, error) {
	pr, pw := io.Pipe()
	mw := multipart.NewWriter(pw)
	v := fillApplication(t.form, rng, n)
	fill := rand.New(rand.NewPCG(rng.Uint64(), rng.Uint64()))
	defer pr.Close() // unblocks the writer when the server answered early
	go func() {
		err := writeMaximal(mw, v, fill, docx)
		if err == nil {
			err = mw.Close()
		}
		pw.CloseWithError(err)
	}()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, t.client.Base+"/apply", pr)
	if err != nil {
		return 0, 0, err
	}
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Origin", t.client.Base)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	req.Header.Set("X-Forwarded-For", nextAddr())
	resp, err := c.Do(req)
	if err != nil {
		return 0, 0, err
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode == http.StatusOK {
		if _, _, found := parseReceipt(b); !found {
			return resp.StatusCode, 0, fmt.Errorf("200 without a receipt: %.200s", b)
		}
	}
	return resp.StatusCode, UploadFiles * UploadFileSize, nil
}

func writeMaximal(mw *multipart.Writer, v url.Values, rng *rand.Rand, docx bool) error {
	for k, vs := range v {
		for _, s := range vs {
			if err := mw.WriteField(k, s); err != nil {
				return err
			}
		}
	}
	for i := 0; i < UploadFiles; i++ {
		h := make(map[string][]string)
		name, ct := fmt.Sprintf("扫描件%d.pdf", i+1), "application/pdf"
		if docx {
			name, ct = fmt.Sprintf("材料%d.docx", i+1), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
		}
		h["Content-Disposition"] = []string{fmt.Sprintf(`form-data; name="files"; filename="%s"`, name)}
		h["Content-Type"] = []string{ct}
		w, err := mw.CreatePart(h)
		if err != nil {
			return err
		}
		if !docx {
			if _, err := io.WriteString(w, "%PDF-1.7\n"); err != nil {
				return err
			}
			if err := writeRandom(w, rng, UploadFileSize-9); err != nil {
				return err
			}
			continue
		}
		// One stored part of random bytes, leaving room for the zip's
		// headers and directory within the 10 MiB a file may have.
		zw := zip.NewWriter(w)
		pw, err := zw.CreateHeader(&zip.FileHeader{Name: "word/media/image1.png", Method: zip.Store})
		if err != nil {
			return err
		}
		if err := writeRandom(pw, rng, UploadFileSize-512); err != nil {
			return err
		}
		if err := zw.Close(); err != nil {
			return err
		}
	}
	return nil
}

// writeRandom writes n pseudo-random bytes to w, 64 KiB at a time.
func writeRandom(w io.Writer, rng *rand.Rand, n int) error {
	buf := make([]byte, 64<<10)
	for left := n; left > 0; {
		k := min(left, len(buf))
		for j := 0; j+8 <= k; j += 8 {
			x := rng.Uint64()
			for b := 0; b < 8; b++ {
				buf[j+b] = byte(x >> (8 * b))
			}
		}
		if _, err := w.Write(buf[:k]); err != nil {
			return err
		}
		left -= k
	}
	return nil
}

// procStatus reads a "Vm…" line of /proc/PID/status in bytes, 0 when it
// cannot.
func procStatus(pid int, field string) int64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, field+":"); ok {
			f := strings.Fields(rest)
			if len(f) > 0 {
				kb, _ := strconv.ParseInt(f[0], 10, 64)
				return kb << 10
			}
		}
	}
	return 0
}

// resetPeak resets the server's VmHWM to its current RSS (Linux: writing
// 5 to clear_refs), so the peak read after the scenario is the scenario's.
func resetPeak(pid int) {
	_ = os.WriteFile(fmt.Sprintf("/proc/%d/clear_refs", pid), []byte("5"), 0)
}
