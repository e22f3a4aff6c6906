package office

import (
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// FuzzReadStep feeds arbitrary form values to the step form reader: it
// must never panic, and a date it accepts must print back as itself.
func FuzzReadStep(f *testing.F) {
	f.Add("2026-03-02", "2026-03-20", "20", "150", "third_party", "per_page", "granted", "ok", "甲公司", "说明")
	f.Add("", "", "", "", "", "", "", "", "", "")
	f.Add("2026-13-40", "x", "-1", "9999999999999999999", "\x00", "per_request", "nope", "back", "", "")
	f.Fuzz(func(t *testing.T, on, until, days, pages, kind, method, outcome, result, party, note string) {
		form := url.Values{"on": {on}, "until": {until}, "days": {days}, "pages": {pages}, "kind": {kind},
			"method": {method}, "outcome": {outcome}, "result": {result}, "party": {party}, "note": {note}}
		r := httptest.NewRequest("POST", "/admin/requests/1/steps/x", strings.NewReader(form.Encode()))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		in, err := readStep(r)
		if err != nil {
			return
		}
		if !in.On.IsZero() && in.On.String() != strings.TrimSpace(on) {
			t.Errorf("on %q read as %s", on, in.On)
		}
		if in.Party != strings.TrimSpace(party) || in.Note != strings.TrimSpace(note) {
			t.Errorf("party %q, note %q read as party %q, note %q", party, note, in.Party, in.Note)
		}
	})
}
