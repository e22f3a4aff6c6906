package audit

import (
	"context"
	"crypto/hmac"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"strconv"
	"time"

	"github.com/emmansun/gmsm/sm3"
)

// TimeFormat is how event times enter the hash: UTC, microseconds, fixed
// width, so that both databases round-trip them exactly.
const TimeFormat = "2006-01-02T15:04:05.000000Z"

// chainVersion starts the canonical encoding; a new encoding gets a new
// version string, never a silent change. Version 1 rows are hashed with
// bare SM3; version 2 rows, written whenever the log has a Key, with
// HMAC-SM3 under it (#10 item 4). The fields are the same.
const (
	chainVersion      = "gongkai-audit-v1"
	keyedChainVersion = "gongkai-audit-v2"
)

// Canonical returns the byte string that e's hash covers: the version and
// every field including PrevHash, each as a 4-byte big-endian length and
// the UTF-8 bytes, in a fixed order. Lengths make the encoding unambiguous
// (no field can borrow bytes from its neighbour).
func Canonical(e Event) []byte { return canonical(chainVersion, e) }

func canonical(version string, e Event) []byte {
	fields := []string{
		version,
		strconv.FormatInt(e.ID, 10),
		e.Time.UTC().Format(TimeFormat),
		strconv.FormatInt(e.ActorID, 10),
		e.ActorLogin,
		e.IP,
		e.RequestID,
		e.Action,
		e.ObjectType,
		e.ObjectID,
		string(e.Result),
		e.Detail,
		e.PrevHash,
	}
	var b []byte
	for _, f := range fields {
		b = binary.BigEndian.AppendUint32(b, uint32(len(f)))
		b = append(b, f...)
	}
	return b
}

// HashEvent returns the SM3 hash (GB/T 32905-2016) of Canonical(e) as
// lower-case hex.
func HashEvent(e Event) string { return sm3Hex(Canonical(e)) }

func sm3Hex(b []byte) string {
	sum := sm3.Sum(b)
	return hex.EncodeToString(sum[:])
}

// KeyedHash returns the HMAC-SM3 under k of e's version-2 canonical
// encoding, as lower-case hex: the hash of a row written by a keyed log.
func KeyedHash(k *Key, e Event) string { return k.mac(canonical(keyedChainVersion, e)) }

// seal links e to last and computes its hash: keyed when the log has a
// key, bare SM3 otherwise.
func (l *Log) seal(last Event, e *Event) error {
	if l.Key == nil && last.ID > 0 && last.Hash != HashEvent(last) {
		// The log is keyed (or damaged): an unkeyed row after it would
		// break the chain, so a writer without the key fails closed.
		return fmt.Errorf("%w: the audit log is keyed and this writer has no audit key", ErrKey)
	}
	e.ID = last.ID + 1
	e.PrevHash = last.Hash
	if l.Key != nil {
		e.Hash = KeyedHash(l.Key, *e)
	} else {
		e.Hash = HashEvent(*e)
	}
	return nil
}

// A Break is the first place where the chain does not hold.
type Break struct {
	ID      int64  // the first row that fails, or the first row after a gap
	Problem string // what is wrong, in Chinese and English
}

// Verification is the result of checking the whole chain.
type Verification struct {
	Rows  int64  // rows checked
	Keyed int64  // of which keyed (HMAC-SM3) rows
	Head  string // hash of the last row checked
	Break *Break // nil when the chain is intact
	// Checkpoints is how many checkpoints were compared (VerifyWith).
	Checkpoints int
}

// Verify walks the whole log in ID order and returns the first row whose
// ID, link to the previous row or own hash is wrong. Rows written without
// a key (before #10 item 4) are accepted only before the first keyed row;
// a keyed row needs the log's Key to be checked.
func (l *Log) Verify(ctx context.Context) (Verification, error) {
	return l.VerifyWith(ctx, nil)
}

// VerifyWith is Verify that also compares the chain with checkpoints
// written outside the database (ReadCheckpoints): every checkpoint's row
// must exist and carry the checkpoint's head hash, so rows deleted from
// the end, a chain rewritten and recomputed, and an old backup restored
// are all named, even though each leaves a chain that holds by itself.
func (l *Log) VerifyWith(ctx context.Context, cps []Checkpoint) (Verification, error) {
	var v Verification
	want := map[int64]Checkpoint{}
	var latest Checkpoint
	for _, cp := range cps {
		want[cp.Rows] = cp
		if cp.Rows >= latest.Rows {
			latest = cp
		}
	}
	v.Checkpoints = len(cps)
	var last Event
	keyed := false
	const batch = 1000
	for {
		evs, err := l.Store.AuditEvents(ctx, last.ID, batch)
		if err != nil {
			return v, fmt.Errorf("audit: verify after row %d: %w", last.ID, err)
		}
		for _, e := range evs {
			b, isKeyed := l.check(last, e, keyed)
			if b == nil {
				if cp, ok := want[e.ID]; ok && cp.Head != e.Hash {
					b = &Break{ID: e.ID, Problem: fmt.Sprintf("第 %d 行与 %s 的检查点不符：该行及之前的记录被改写 / row %d differs from the checkpoint of %s: the chain up to it was rewritten",
						e.ID, cp.Time.Format(time.RFC3339), e.ID, cp.Time.Format(time.RFC3339))}
				}
			}
			if b != nil {
				v.Break = b
				return v, nil
			}
			keyed = keyed || isKeyed
			if isKeyed {
				v.Keyed++
			}
			v.Rows++
			v.Head = e.Hash
			last = e
		}
		if len(evs) < batch {
			break
		}
	}
	if latest.Rows > v.Rows {
		v.Break = &Break{ID: v.Rows + 1, Problem: fmt.Sprintf(
			"第 %d 至 %d 行缺失：%s 的检查点记录了 %d 行（末行哈希 %s），数据库只有 %d 行（被截断或恢复了旧备份）/ rows %d to %d are missing: the checkpoint of %s recorded %d rows (head %s), the database has %d (truncated, or an old backup restored)",
			v.Rows+1, latest.Rows, latest.Time.Format(time.RFC3339), latest.Rows, shortHash(latest.Head), v.Rows,
			v.Rows+1, latest.Rows, latest.Time.Format(time.RFC3339), latest.Rows, shortHash(latest.Head), v.Rows)}
	}
	return v, nil
}

func shortHash(h string) string {
	if len(h) > 16 {
		return h[:16] + "…"
	}
	return h
}

// check returns the problem with e given the row before it, or nil, and
// whether e is a keyed row. keyedBefore says a keyed row came before.
func (l *Log) check(last, e Event, keyedBefore bool) (*Break, bool) {
	switch {
	case e.ID != last.ID+1:
		return &Break{ID: e.ID, Problem: fmt.Sprintf("第 %d 至 %d 行缺失 / rows %d to %d are missing", last.ID+1, e.ID-1, last.ID+1, e.ID-1)}, false
	case e.PrevHash != last.Hash:
		return &Break{ID: e.ID, Problem: "前一行哈希不匹配 / prev_hash does not match the previous row"}, false
	}
	if l.Key != nil && hmac.Equal([]byte(e.Hash), []byte(KeyedHash(l.Key, e))) {
		return nil, true
	}
	if e.Hash == HashEvent(e) {
		if keyedBefore {
			return &Break{ID: e.ID, Problem: "带密钥的记录之后出现无密钥哈希：该行被改写并重新计算了链 / an unkeyed hash after keyed rows: the row was rewritten and the chain recomputed"}, false
		}
		return nil, false
	}
	if l.Key == nil {
		return &Break{ID: e.ID, Problem: "本行内容与哈希不符（记录被修改），或为带密钥的记录而未加载审计密钥 / row content does not match its hash (row was modified), or the row is keyed and no audit key is loaded"}, false
	}
	return &Break{ID: e.ID, Problem: "本行内容与哈希不符, 记录被修改 / row content does not match its hash (row was modified)"}, false
}

// now returns the clock used for new events, UTC and truncated to
// microseconds.
func (l *Log) now() time.Time {
	if l.Now != nil {
		return l.Now().UTC().Truncate(time.Microsecond)
	}
	return time.Now().UTC().Truncate(time.Microsecond)
}
