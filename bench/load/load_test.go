package main

import (
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

// These tests cover the driver's own logic only; they start no server
// and take milliseconds, so they are harmless in `go test ./...`.

func TestPercentile(t *testing.T) {
	samples := make([]time.Duration, 100)
	for i := range samples {
		samples[i] = time.Duration(i+1) * time.Millisecond
	}
	tests := []struct {
		name    string
		samples []time.Duration
		p       float64
		want    time.Duration
	}{
		{"none", nil, 50, 0},
		{"one", []time.Duration{7}, 99, 7},
		{"p50 of 100", samples, 50, 50 * time.Millisecond},
		{"p95 of 100", samples, 95, 95 * time.Millisecond},
		{"p99 of 100", samples, 99, 99 * time.Millisecond},
		{"p100 of 100", samples, 100, 100 * time.Millisecond},
		{"p50 of 3", []time.Duration{1, 2, 3}, 50, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := percentile(tt.samples, tt.p); got != tt.want {
				t.Errorf("got %v; want %v", got, tt.want)
			}
		})
	}
}

func TestResultMergeAndThroughput(t *testing.T) {
	a := &Result{Requests: 10, Errors: 1, Elapsed: time.Second, Samples: []time.Duration{3, 1}}
	a.merge(&Result{Requests: 30, Limited: 2, Elapsed: time.Second, Samples: []time.Duration{2}})
	a.merge(&Result{Skipped: "no form"})
	if a.Requests != 40 || a.Errors != 1 || a.Limited != 2 || a.Throughput() != 20 {
		t.Errorf("got %+v, %v/s; want 40 requests, 1 error, 2 limited, 20/s", a, a.Throughput())
	}
	if got := a.Percentile(50); got != 2 {
		t.Errorf("p50 got %v; want 2", got)
	}
	s := &Result{Skipped: "later"}
	s.merge(&Result{Requests: 5, Elapsed: time.Second})
	if s.Skipped != "" || s.Requests != 5 {
		t.Errorf("a skipped first round was not replaced: %+v", s)
	}
}

func TestResidentCheck(t *testing.T) {
	// The two examples printed in GB 11643-1999.
	for _, id := range []string{"11010519491231002X", "440524188001010014"} {
		if got := residentCheck(id[:17]); got != id[17] {
			t.Errorf("%s: got check %c; want %c", id, got, id[17])
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 100; i++ {
		id := fakeResidentID(rng)
		if len(id) != 18 || !strings.HasPrefix(id, "330206") || residentCheck(id[:17]) != id[17] {
			t.Fatalf("fakeResidentID gave %q", id)
		}
	}
}

const applyPage = `<!doctype html><html><body>
<form method="get" action="/search"><input name="q" value="x"></form>
<form class="stack" method="post" action="/apply" novalidate>
<input type="hidden" name="csrf" value="t0k">
<select id="agency" name="agency" required>
  <option value="">请选择</option><option value="3">北仑区司法局</option><option value="5" selected>北仑区教育局</option>
</select>
<label><input type="radio" name="type" value="natural_person" checked> 自然人</label>
<label><input type="radio" name="type" value="commercial"> 商业企业</label>
<input type="text" name="name" value="">
<input type="checkbox" name="other_document" value="1">
<textarea name="content">默认</textarea>
<label><input type="radio" name="form" value="电子" checked></label>
<button type="submit">提交</button>
</form></body></html>`

func TestParseForm(t *testing.T) {
	f, found, err := parseForm(strings.NewReader(applyPage), "/apply")
	if err != nil || !found {
		t.Fatalf("got found %v, %v; want the form", found, err)
	}
	want := map[string]string{"csrf": "t0k", "agency": "5", "type": "natural_person", "name": "", "content": "默认", "form": "电子"}
	for k, v := range want {
		if got := f.Values.Get(k); got != v {
			t.Errorf("%s: got %q; want %q", k, got, v)
		}
	}
	if f.Values.Has("other_document") || f.Values.Has("q") {
		t.Errorf("unchecked box or another form's field sent: %v", f.Values)
	}
	if got := strings.Join(f.Options["agency"], ","); got != "3,5" || f.Method != "POST" {
		t.Errorf("options %q method %q; want 3,5 and POST", got, f.Method)
	}
	v := fillApplication(f, rand.New(rand.NewPCG(3, 4)), 7)
	if v.Get("csrf") != "t0k" || v.Get("type") != "natural_person" || v.Get("name") == "" || len(v.Get("id_number")) != 18 {
		t.Errorf("filled form lost defaults or lacks fields: %v", v)
	}
	if _, found, _ := parseForm(strings.NewReader(`<p>即将上线</p>`), "/apply"); found {
		t.Error("found a form on a page without one")
	}
}

func TestParseReceipt(t *testing.T) {
	page := []byte(`<td><strong id="tracking">BLSF-2026-00042</strong></td><td><p class="secret" id="query-code">K7&amp;Q-22</p></td>`)
	tr, code, found := parseReceipt(page)
	if !found || tr != "BLSF-2026-00042" || code != "K7&Q-22" {
		t.Errorf("got %q %q %v", tr, code, found)
	}
	if _, _, found := parseReceipt([]byte(`<p>错误</p>`)); found {
		t.Error("a page without a receipt gave one")
	}
}

func TestFlags(t *testing.T) {
	tests := []struct {
		args []string
		ok   bool
	}{
		{[]string{"-root", "/x"}, true},
		{[]string{"-root", "/x", "-scenarios", "home,api", "-backends", "sqlite"}, true},
		{[]string{"-root", "/x", "-scenarios", "home,nope"}, false},
		{[]string{"-root", "/x", "-workers", "0"}, false},
		{[]string{"-root", "/x", "-duration", "0s"}, false},
		{[]string{"-root", "/x", "-rounds", "0"}, false},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			_, err := parseFlags(tt.args)
			if (err == nil) != tt.ok {
				t.Errorf("got %v; want ok=%v", err, tt.ok)
			}
		})
	}
}
