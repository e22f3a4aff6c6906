package audit

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"
	"time"
)

func sample() Event {
	return Event{ID: 7, Time: time.Date(2026, 3, 2, 9, 30, 0, 123456000, time.UTC), ActorID: 3, ActorLogin: "zhangsan",
		IP: "192.0.2.1", Action: ActUserCreate, ObjectType: "user", ObjectID: "9", Result: ResultOK, Detail: "登录名 lisi",
		PrevHash: strings.Repeat("a", 64)}
}

// TestSM3KnownAnswer checks the hash function against GB/T 32905-2016's
// example: SM3("abc").
func TestSM3KnownAnswer(t *testing.T) {
	const want = "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"
	if got := sm3Hex([]byte("abc")); got != want {
		t.Fatalf("SM3(abc) = %s; want %s", got, want)
	}
}

func TestHashCoversEveryField(t *testing.T) {
	base := HashEvent(sample())
	changes := map[string]func(e *Event){
		"id":          func(e *Event) { e.ID++ },
		"time":        func(e *Event) { e.Time = e.Time.Add(time.Microsecond) },
		"actor id":    func(e *Event) { e.ActorID++ },
		"actor login": func(e *Event) { e.ActorLogin += "x" },
		"ip":          func(e *Event) { e.IP = "192.0.2.2" },
		"request id":  func(e *Event) { e.RequestID = "req-2" },
		"action":      func(e *Event) { e.Action = ActUserDisable },
		"object type": func(e *Event) { e.ObjectType = "agency" },
		"object id":   func(e *Event) { e.ObjectID = "10" },
		"result":      func(e *Event) { e.Result = ResultFail },
		"detail":      func(e *Event) { e.Detail = "登录名 lisi " },
		"prev hash":   func(e *Event) { e.PrevHash = strings.Repeat("b", 64) },
	}
	for name, change := range changes {
		t.Run(name, func(t *testing.T) {
			e := sample()
			change(&e)
			if HashEvent(e) == base {
				t.Errorf("changing %s leaves the hash unchanged", name)
			}
		})
	}
	if e := sample(); HashEvent(e) != base {
		t.Error("hash is not deterministic")
	}
}

// TestCanonicalUnambiguous: moving text between neighbouring fields must
// change the encoding (length prefixes, not separators).
func TestCanonicalUnambiguous(t *testing.T) {
	a, b := sample(), sample()
	a.ObjectType, a.ObjectID = "user", "9"
	b.ObjectType, b.ObjectID = "user9", ""
	if bytes.Equal(Canonical(a), Canonical(b)) {
		t.Fatal("two different events share a canonical encoding")
	}
}

func TestCheckChain(t *testing.T) {
	first := sample()
	first.ID, first.PrevHash = 1, ""
	first.Hash = HashEvent(first)
	second := sample()
	second.ID, second.PrevHash = 2, first.Hash
	second.Hash = HashEvent(second)
	key, _, err := GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	other, _, _ := GenerateKey()
	keyed := second
	keyed.Hash = KeyedHash(key, keyed)
	tests := []struct {
		name        string
		key         *Key
		keyedBefore bool
		last        Event
		e           Event
		want        string
	}{
		{"ok", nil, false, first, second, ""},
		{"gap", nil, false, first, func() Event { e := second; e.ID = 4; return e }(), "missing"},
		{"bad link", nil, false, first, func() Event { e := second; e.PrevHash = "00"; return e }(), "prev_hash"},
		{"edited", nil, false, first, func() Event { e := second; e.Detail = "x"; return e }(), "modified"},
		{"legacy row with a key loaded", key, false, first, second, ""},
		{"keyed row", key, true, first, keyed, ""},
		{"keyed row edited", key, true, first, func() Event { e := keyed; e.Detail = "x"; return e }(), "modified"},
		{"keyed row under another key", other, true, first, keyed, "modified"},
		{"keyed row without the key", nil, true, first, keyed, "no audit key"},
		{"unkeyed row after keyed rows", key, true, first, second, "recomputed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, _ := (&Log{Key: tt.key}).check(tt.last, tt.e, tt.keyedBefore)
			if tt.want == "" {
				if b != nil {
					t.Fatalf("check = %+v; want nil", b)
				}
				return
			}
			if b == nil || b.ID != tt.e.ID || !strings.Contains(b.Problem, tt.want) {
				t.Fatalf("check = %+v; want row %d %q", b, tt.e.ID, tt.want)
			}
		})
	}
}

func TestValidateEvent(t *testing.T) {
	e := Event{Action: "x", Result: "maybe"}
	if err := e.validate(); err == nil {
		t.Error("unknown result accepted")
	}
	e = Event{Result: ResultOK}
	if err := e.validate(); err == nil {
		t.Error("empty action accepted")
	}
	e = Event{Action: "x", Result: ResultOK, Detail: strings.Repeat("长", 3000), Time: time.Date(2026, 1, 1, 0, 0, 0, 999, time.FixedZone("CST", 8*3600))}
	if err := e.validate(); err != nil {
		t.Fatal(err)
	}
	if len([]rune(e.Detail)) != maxDetail || e.ActorLogin != "anonymous" || e.Time.Location() != time.UTC || e.Time.Nanosecond() != 0 {
		t.Errorf("validate did not normalise: detail %d runes, actor %q, time %v", len([]rune(e.Detail)), e.ActorLogin, e.Time)
	}
}

func TestWriteCSV(t *testing.T) {
	e := sample()
	e.Detail = "=HYPERLINK(\"http://evil\")"
	var b bytes.Buffer
	if err := WriteCSV(&b, []Event{e}); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b.Bytes(), []byte("\uFEFF")) {
		t.Error("no UTF-8 BOM")
	}
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(b.String(), "\uFEFF"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 2 || len(recs[0]) != len(CSVHeader) {
		t.Fatalf("csv = %v; want header and one row", recs)
	}
	row := recs[1]
	if row[0] != "7" || row[1] != "2026-03-02T09:30:00.123456Z" || row[3] != "zhangsan" || row[10] != "'=HYPERLINK(\"http://evil\")" {
		t.Errorf("row = %q; want id, time, actor and a defused formula", row)
	}
}

func BenchmarkHashEvent(b *testing.B) {
	e := sample()
	for b.Loop() {
		HashEvent(e)
	}
}

// TestCheckpointLine: a checkpoint line round-trips, and one edited or
// signed with another key is refused.
func TestCheckpointLine(t *testing.T) {
	k, _, _ := GenerateKey()
	other, _, _ := GenerateKey()
	cp := Checkpoint{Time: time.Date(2026, 12, 6, 10, 0, 0, 0, time.UTC), Rows: 120, Head: strings.Repeat("c", 64)}
	line := cp.Line(k)
	got, err := ParseCheckpoint(line, k)
	if err != nil || got.Rows != 120 || got.Head != cp.Head || !got.Time.Equal(cp.Time) || got.KeyID != k.ID {
		t.Fatalf("ParseCheckpoint(%q) = %+v, %v", line, got, err)
	}
	for name, bad := range map[string]string{
		"rows edited":  strings.Replace(line, "rows=120", "rows=70", 1),
		"head edited":  strings.Replace(line, "head=c", "head=d", 1),
		"other key":    cp.Line(other),
		"not a line":   "hello\n",
		"no mac":       strings.Split(line, " mac=")[0],
		"bad time":     strings.Replace(line, "2026-12-06T", "2026-13-06T", 1),
		"rows not int": strings.Replace(line, "rows=120", "rows=x", 1),
	} {
		if _, err := ParseCheckpoint(bad, k); err == nil {
			t.Errorf("%s: %q accepted", name, bad)
		}
	}
}
