package audit

import (
	"strings"
	"testing"
	"time"
)

// FuzzParseCheckpoint: any line either parses into a checkpoint whose
// MAC verifies (so re-signing it gives the same line) or is refused with
// an error; it never panics.
func FuzzParseCheckpoint(f *testing.F) {
	k, err := ParseKey(strings.Repeat("ab", KeySize))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(Checkpoint{Time: time.Date(2026, 12, 6, 10, 0, 0, 0, time.UTC), Rows: 120, Head: strings.Repeat("c", 64)}.Line(k))
	f.Add("gongkai-audit-checkpoint/v1 2026-12-06T10:00:00.000000Z rows=-1 head= key= mac=")
	f.Add("")
	f.Add(" mac=")
	f.Fuzz(func(t *testing.T, line string) {
		cp, err := ParseCheckpoint(line, k)
		if err != nil {
			return
		}
		if cp.Rows < 0 || cp.KeyID != k.ID {
			t.Fatalf("accepted %q as %+v", line, cp)
		}
		if again, err := ParseCheckpoint(cp.Line(k), k); err != nil || again != cp {
			t.Fatalf("re-signed %+v parses as %+v, %v", cp, again, err)
		}
	})
}
