package gen

import (
	"reflect"
	"testing"

	"github.com/gongkai/gongkai/internal/calendar"
)

func TestLedgerDeterministic(t *testing.T) {
	o := Options{Seed: 5, N: 200, From: calendar.MustParse("2022-01-01"), To: calendar.MustParse("2023-12-31"), Notes: true}
	a, b := Ledger(o), Ledger(o)
	if !reflect.DeepEqual(a, b) {
		t.Errorf("the same options gave two different ledgers")
	}
	o.Seed = 6
	if c := Ledger(o); reflect.DeepEqual(a, c) {
		t.Errorf("seeds 5 and 6 gave the same ledger")
	}
	for _, r := range a.Records {
		if r.Received.Before(o.From) || r.Received.After(o.To) {
			t.Errorf("%s received %s outside %s–%s", r.ID, r.Received, o.From, o.To)
		}
		if r.HasResult && (r.Replied.Before(r.Received) || r.Replied.After(o.To)) {
			t.Errorf("%s replied %s, received %s, as of %s", r.ID, r.Replied, r.Received, o.To)
		}
		if len(r.Notes) != 1 {
			t.Errorf("%s has %d notes; want 1 (one note column)", r.ID, len(r.Notes))
		}
	}
}
