package supervise

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"os"
	"slices"
	"sync"
	"time"

	"github.com/gongkai/gongkai/internal/annual"
	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/reportfile"
)

// The phases of an import read in the background: the zip's report files
// read one by one, then the reports matched and stored in one transaction.
const (
	phaseReading = "reading"
	phaseStoring = "storing"
	phaseDone    = "done"
)

// jobTimeout bounds one import in the background; jobKeep is how long a
// finished import's result stays to be seen (its page, its progress).
const (
	jobTimeout = 30 * time.Minute
	jobKeep    = time.Hour
	maxJobs    = 64
)

// An importJob is an uploaded zip being read and imported after the upload
// (#13: the supervisor sees a progress bar), with its result once done. It
// belongs to the supervisor who uploaded it, in the scope it had then.
type importJob struct {
	id    string
	user  int64
	scope []int64
	file  string
	year  int

	mu    sync.Mutex
	phase string
	prog  reportfile.Progress
	ended time.Time
	// The result, once phaseDone: the files the zip could not give
	// (reportfile), the reports the import refused (annual), the reports
	// imported, or an error that refused the whole zip.
	unread  []reportfile.Problem
	refused annual.ImportProblems
	done    []annual.Imported
	fail    error
}

// A jobState is a copy of a job's progress and result, read under its lock.
type jobState struct {
	Phase   string
	Prog    reportfile.Progress
	Unread  []reportfile.Problem
	Refused annual.ImportProblems
	Done    []annual.Imported
	Fail    error
}

func (j *importJob) state() jobState {
	j.mu.Lock()
	defer j.mu.Unlock()
	return jobState{Phase: j.phase, Prog: j.prog, Unread: j.unread, Refused: j.refused, Done: j.done, Fail: j.fail}
}

func (j *importJob) set(fn func(j *importJob)) {
	j.mu.Lock()
	defer j.mu.Unlock()
	fn(j)
}

// importJobs holds the imports of the running server, in memory: a restart
// loses an import in progress (nothing is stored until its one
// transaction commits, so nothing is half-imported) and the results.
type importJobs struct {
	mu sync.Mutex
	m  map[string]*importJob
}

// add registers j under a new random id, dropping results kept longer than
// jobKeep. A supervisor runs one import at a time (apperr.Conflict), and
// the server keeps at most maxJobs.
func (js *importJobs) add(j *importJob, now time.Time) error {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		return err
	}
	js.mu.Lock()
	defer js.mu.Unlock()
	if js.m == nil {
		js.m = map[string]*importJob{}
	}
	for id, o := range js.m {
		st := o.state()
		switch {
		case st.Phase == phaseDone && now.Sub(o.endedAt()) > jobKeep:
			delete(js.m, id)
		case st.Phase != phaseDone && o.user == j.user:
			return apperr.New(apperr.Conflict, "sup.import.busy")
		}
	}
	if len(js.m) >= maxJobs {
		return apperr.New(apperr.Conflict, "sup.import.busy")
	}
	j.id = hex.EncodeToString(b[:])
	js.m[j.id] = j
	return nil
}

func (j *importJob) endedAt() time.Time {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.ended
}

// get returns the job id for the supervisor user in scope: another
// user's job, or the same user's in another scope, is not found.
func (js *importJobs) get(id string, user int64, scope []int64) (*importJob, error) {
	js.mu.Lock()
	j := js.m[id]
	js.mu.Unlock()
	if j == nil || j.user != user || !slices.Equal(j.scope, scope) {
		return nil, apperr.New(apperr.NotFound, "sup.import.job_unknown")
	}
	return j, nil
}

// run reads the spooled zip tmp of size bytes and imports its reports,
// all or nothing, recording the progress and then the result on j; it
// removes tmp when done. It runs on its own goroutine, after the upload's
// response, with ctx detached from the request.
func (s *Site) run(ctx context.Context, j *importJob, by audit.Actor, tmp *os.File, size int64) {
	defer func() {
		tmp.Close()
		os.Remove(tmp.Name())
	}()
	ctx, cancel := context.WithTimeout(ctx, jobTimeout)
	defer cancel()
	var st jobState
	items, unread, err := reportfile.ZipProgress(ctx, tmp, size, reportfile.DefaultLimits, func(p reportfile.Progress) {
		j.set(func(j *importJob) { j.prog = p })
	})
	switch {
	case err != nil:
		st.Fail = err
	case len(unread) > 0: // all or nothing: nothing is imported
		st.Unread = unread
	case len(items) == 0:
		st.Fail = apperr.New(apperr.Invalid, "sup.import.empty")
	default:
		j.set(func(j *importJob) { j.phase = phaseStoring })
		st.Done, err = s.deps.Reports.ImportWithin(ctx, s.deps.Blobs, by, items, j.year, j.scope)
		if !errors.As(err, &st.Refused) {
			st.Fail = err
		}
		if err != nil {
			st.Done = nil
		}
	}
	if st.Fail != nil && unexpected(st.Fail) {
		s.deps.Log.Error("supervise: import in the background", "file", j.file, "err", st.Fail)
	}
	j.set(func(j *importJob) {
		j.phase, j.ended = phaseDone, s.deps.Now()
		j.unread, j.refused, j.done, j.fail = st.Unread, st.Refused, st.Done, st.Fail
	})
}

// unexpected reports whether err is not the user's doing (it is logged).
func unexpected(err error) bool {
	var le *reportfile.LimitError
	k := apperr.KindOf(err)
	return !errors.As(err, &le) && !errors.Is(err, reportfile.ErrNotZip) && k != apperr.Invalid && k != apperr.Conflict
}

// jobPath is the page of an import in the background.
func jobPath(id string) string { return "/admin/reports/import/" + id }
