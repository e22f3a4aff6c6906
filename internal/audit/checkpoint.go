package audit

import (
	"bufio"
	"context"
	"crypto/hmac"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"
)

// DefaultCheckpointFile is the checkpoint file's name in the data
// directory.
const DefaultCheckpointFile = "audit.checkpoints"

// CheckpointEvery is how often the server writes a checkpoint when the
// log has grown (#10 item 4: at least every minute).
const CheckpointEvery = time.Minute

// A Checkpoint anchors the chain's head outside the database: after Rows
// rows the last hash was Head. Each line of the checkpoint file carries
// the HMAC-SM3 of its text under the audit key, so a line cannot be made
// up without it.
type Checkpoint struct {
	Time  time.Time
	Rows  int64
	Head  string
	KeyID string // the audit key that signed the line
}

const checkpointTag = "gongkai-audit-checkpoint/v1"

// body is the signed part of a checkpoint line.
func (cp Checkpoint) body() string {
	return fmt.Sprintf("%s %s rows=%d head=%s key=%s", checkpointTag, cp.Time.UTC().Format(TimeFormat), cp.Rows, cp.Head, cp.KeyID)
}

// Line returns the checkpoint as one line of the file (with its newline),
// signed with k.
func (cp Checkpoint) Line(k *Key) string {
	cp.KeyID = k.ID
	b := cp.body()
	return b + " mac=" + k.mac([]byte(b)) + "\n"
}

// ParseCheckpoint reads one line written by Line and checks its MAC with
// k; k nil skips the MAC (no audit key loaded).
func ParseCheckpoint(line string, k *Key) (Checkpoint, error) {
	var cp Checkpoint
	body, mac, ok := strings.Cut(strings.TrimRight(line, "\r\n"), " mac=")
	f := strings.Fields(body)
	if !ok || len(f) != 5 || f[0] != checkpointTag {
		return cp, errors.New("不是检查点记录 / not a checkpoint line")
	}
	t, err := time.Parse(TimeFormat, f[1])
	if err != nil {
		return cp, fmt.Errorf("时间无效 / bad time %q", f[1])
	}
	rows, err1 := strconv.ParseInt(strings.TrimPrefix(f[2], "rows="), 10, 64)
	head, ok2 := strings.CutPrefix(f[3], "head=")
	kid, ok3 := strings.CutPrefix(f[4], "key=")
	if err1 != nil || rows < 0 || !ok2 || !ok3 {
		return cp, errors.New("字段无效 / bad fields")
	}
	cp = Checkpoint{Time: t, Rows: rows, Head: head, KeyID: kid}
	if k != nil {
		if kid != k.ID {
			return cp, fmt.Errorf("由另一把审计密钥 %s 签名（当前为 %s）/ signed with another audit key %s (loaded: %s)", kid, k.ID, kid, k.ID)
		}
		if !hmac.Equal([]byte(mac), []byte(k.mac([]byte(cp.body())))) {
			return cp, errors.New("签名不符：检查点被伪造或改动 / the MAC does not match: the line was forged or edited")
		}
	}
	return cp, nil
}

// ReadCheckpoints reads the checkpoint file at path. A missing file gives
// no checkpoints and no error. Each line that does not parse or verify
// is returned in bad as "line N: problem".
func ReadCheckpoints(path string, k *Key) (cps []Checkpoint, bad []string, err error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, fmt.Errorf("audit: read checkpoints: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		n++
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		cp, err := ParseCheckpoint(sc.Text(), k)
		if err != nil {
			bad = append(bad, fmt.Sprintf("第 %d 行 / line %d: %v", n, n, err))
			continue
		}
		cps = append(cps, cp)
	}
	if err := sc.Err(); err != nil {
		return cps, bad, fmt.Errorf("audit: read checkpoints: %w", err)
	}
	return cps, bad, nil
}

// AppendCheckpoint appends line to the file at path, creating it with
// mode 0600, and syncs it. The file is only ever appended to; `chattr +a`
// lets the operating system hold it to that.
func AppendCheckpoint(path, line string) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return fmt.Errorf("audit: checkpoint: %w", err)
	}
	if _, err := f.WriteString(line); err != nil {
		f.Close()
		return fmt.Errorf("audit: checkpoint: %w", err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("audit: checkpoint: %w", err)
	}
	return f.Close()
}

// A Checkpointer writes checkpoints of a keyed log to a file and, when
// Syslog is set, to syslog.
type Checkpointer struct {
	Log  *Log
	Path string
	// Syslog, when not nil, receives every checkpoint line too.
	Syslog io.Writer

	mu   sync.Mutex
	last string // head of the last checkpoint written
}

// Write appends a checkpoint of the current head unless it equals the
// last one written (or the log is empty) and reports whether it wrote.
func (c *Checkpointer) Write(ctx context.Context) (bool, error) {
	if c.Log.Key == nil {
		return false, fmt.Errorf("%w: checkpoints need the audit key", ErrKey)
	}
	head, err := c.Log.Store.AuditHead(ctx)
	if err != nil {
		return false, fmt.Errorf("audit: checkpoint: %w", err)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if head.ID == 0 || head.Hash == c.last {
		return false, nil
	}
	line := Checkpoint{Time: c.Log.now(), Rows: head.ID, Head: head.Hash}.Line(c.Log.Key)
	if err := AppendCheckpoint(c.Path, line); err != nil {
		return false, err
	}
	c.last = head.Hash
	if c.Syslog != nil {
		// Syslog is a second copy; the file is the record.
		_, _ = io.WriteString(c.Syslog, strings.TrimSuffix(line, "\n"))
	}
	return true, nil
}

// Run writes a checkpoint now, then every `every` while the log grows,
// and a last one when ctx ends (the server's shutdown). Errors go to
// report (with "at shutdown" set for the last one): the caller logs them,
// as domain packages do not log.
func (c *Checkpointer) Run(ctx context.Context, every time.Duration, report func(err error, atShutdown bool)) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		if _, err := c.Write(ctx); err != nil && ctx.Err() == nil {
			report(err, false)
		}
		select {
		case <-ctx.Done():
			// The final checkpoint outlives the cancelled context.
			fin, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
			if _, err := c.Write(fin); err != nil {
				report(err, true)
			}
			cancel()
			return
		case <-t.C:
		}
	}
}
