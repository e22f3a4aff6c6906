package audit

import (
	"context"
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
// version string, never a silent change.
const chainVersion = "gongkai-audit-v1"

// Canonical returns the byte string that e's hash covers: the version and
// every field including PrevHash, each as a 4-byte big-endian length and
// the UTF-8 bytes, in a fixed order. Lengths make the encoding unambiguous
// (no field can borrow bytes from its neighbour).
func Canonical(e Event) []byte {
	fields := []string{
		chainVersion,
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

// seal links e to last and computes its hash.
func seal(last Event, e *Event) error {
	e.ID = last.ID + 1
	e.PrevHash = last.Hash
	e.Hash = HashEvent(*e)
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
	Head  string // hash of the last row checked
	Break *Break // nil when the chain is intact
}

// Verify walks the whole log in ID order and returns the first row whose
// ID, link to the previous row or own hash is wrong.
func (l *Log) Verify(ctx context.Context) (Verification, error) {
	var v Verification
	var last Event
	const batch = 1000
	for {
		evs, err := l.Store.AuditEvents(ctx, last.ID, batch)
		if err != nil {
			return v, fmt.Errorf("audit: verify after row %d: %w", last.ID, err)
		}
		for _, e := range evs {
			if b := check(last, e); b != nil {
				v.Break = b
				return v, nil
			}
			v.Rows++
			v.Head = e.Hash
			last = e
		}
		if len(evs) < batch {
			return v, nil
		}
	}
}

// check returns the problem with e given the row before it, or nil.
func check(last, e Event) *Break {
	switch {
	case e.ID != last.ID+1:
		return &Break{ID: e.ID, Problem: fmt.Sprintf("第 %d 至 %d 行缺失 / rows %d to %d are missing", last.ID+1, e.ID-1, last.ID+1, e.ID-1)}
	case e.PrevHash != last.Hash:
		return &Break{ID: e.ID, Problem: "前一行哈希不匹配 / prev_hash does not match the previous row"}
	case e.Hash != HashEvent(e):
		return &Break{ID: e.ID, Problem: "本行内容与哈希不符, 记录被修改 / row content does not match its hash (row was modified)"}
	}
	return nil
}

// now returns the clock used for new events, UTC and truncated to
// microseconds.
func (l *Log) now() time.Time {
	if l.Now != nil {
		return l.Now().UTC().Truncate(time.Microsecond)
	}
	return time.Now().UTC().Truncate(time.Microsecond)
}
