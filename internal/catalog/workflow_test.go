package catalog

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

var (
	clerk    = Actor{"小王", Clerk}
	reviewer = Actor{"老李", Reviewer}
	head     = Actor{"张主任", Head}
	system   = Actor{"系统", System}
)

var t0 = time.Date(2022, 3, 1, 2, 0, 0, 0, time.UTC)

func at(h int) time.Time { return t0.Add(time.Duration(h) * time.Hour) }

func allTicked() Answers {
	a := Answers{}
	for _, c := range Checklist {
		a[c.ID] = true
	}
	return a
}

var idFinding = Finding{Kind: "id_card", File: "附件1.xlsx", Where: "Sheet1!C4", Masked: "330206******12"}

// run applies events in order and returns the item and the first error.
func run(events ...Event) (*Item, error) {
	it := &Item{ID: 1}
	for _, e := range events {
		if err := it.Apply(e); err != nil {
			return it, err
		}
	}
	return it, nil
}

func TestWorkflowPublishes(t *testing.T) {
	it, err := run(
		Event{Action: ActCreate, At: at(0), Actor: clerk},
		Event{Action: ActScan, At: at(1), Actor: system},
		Event{Action: ActSubmit, At: at(2), Actor: clerk},
		Event{Action: ActReview, At: at(3), Actor: reviewer, Answers: allTicked()},
		Event{Action: ActSign, At: at(4), Actor: head, IndexNo: "X/2022-00001", Version: 1},
	)
	if err != nil {
		t.Fatal(err)
	}
	if it.State != Published || it.Live != 1 || it.IndexNo != "X/2022-00001" || it.ReviewedBy != "老李" {
		t.Errorf("got state %s live %d index %q reviewed by %q; want published 1 X/2022-00001 老李", it.State, it.Live, it.IndexNo, it.ReviewedBy)
	}
	if got := it.FirstPublished(); !got.Equal(at(4)) {
		t.Errorf("first published %v; want %v", got, at(4))
	}
}

func TestFindingBlocksUntilOverriddenOrFixed(t *testing.T) {
	base := []Event{
		{Action: ActCreate, At: at(0), Actor: clerk},
		{Action: ActScan, At: at(1), Actor: system, Findings: []Finding{idFinding}},
		{Action: ActSubmit, At: at(2), Actor: clerk},
		{Action: ActReview, At: at(3), Actor: reviewer, Answers: allTicked()},
	}
	sign := Event{Action: ActSign, At: at(5), Actor: head, IndexNo: "X/2022-00001", Version: 1}

	it, err := run(append(slices.Clone(base), sign)...)
	if !errors.Is(err, ErrRule) || !strings.Contains(err.Error(), "catalog.flow.blocked[1]") {
		t.Fatalf("sign with a finding: err %v; want the finding to block", err)
	}
	if slices.Contains(it.Allowed(Head), ActSign) || !slices.Contains(it.Allowed(Head), ActOverride) {
		t.Errorf("blocked item offers %v to the head; want override and no sign", it.Allowed(Head))
	}

	// The head overrides with a reason.
	if _, err := run(append(slices.Clone(base), Event{Action: ActOverride, At: at(4), Actor: head}, sign)...); !errors.Is(err, ErrRule) {
		t.Errorf("override without a reason: err %v; want ErrRule", err)
	}
	if _, err := run(append(slices.Clone(base), Event{Action: ActOverride, At: at(4), Actor: reviewer, Note: "x"})...); !errors.Is(err, ErrRole) {
		t.Errorf("override by the reviewer: err %v; want ErrRole", err)
	}
	it, err = run(append(slices.Clone(base), Event{Action: ActOverride, At: at(4), Actor: head, Note: "系公示所需的执业证号，不是身份证号"}, sign)...)
	if err != nil || it.State != Published {
		t.Fatalf("override then sign: state %s err %v; want published", it.State, err)
	}

	// Or the clerk fixes the file: returned, edited, rescanned clean.
	fixed := append(slices.Clone(base),
		Event{Action: ActReturn, At: at(4), Actor: head, Note: "附件含身份证号，请脱敏"},
		Event{Action: ActEdit, At: at(5), Actor: clerk},
		Event{Action: ActScan, At: at(6), Actor: system},
		Event{Action: ActSubmit, At: at(7), Actor: clerk},
		Event{Action: ActReview, At: at(8), Actor: reviewer, Answers: allTicked()},
		Event{Action: ActSign, At: at(9), Actor: head, IndexNo: "X/2022-00001", Version: 1},
	)
	if it, err := run(fixed...); err != nil || it.State != Published {
		t.Fatalf("fixed and rescanned: state %s err %v; want published", it.State, err)
	}

	// A new scan after an override needs a new override.
	it, _ = run(append(slices.Clone(base)[:2], Event{Action: ActSubmit, At: at(2), Actor: clerk},
		Event{Action: ActOverride, At: at(3), Actor: head, Note: "理由"},
		Event{Action: ActScan, At: at(4), Actor: system, Findings: []Finding{idFinding}})...)
	if !it.Blocked() {
		t.Error("a rescan with findings kept the earlier override")
	}
}

func TestWorkflowRefusals(t *testing.T) {
	created := Event{Action: ActCreate, At: at(0), Actor: clerk}
	scanned := Event{Action: ActScan, At: at(1), Actor: system}
	submitted := Event{Action: ActSubmit, At: at(2), Actor: clerk}
	tests := []struct {
		name   string
		events []Event
		want   error
		msg    string
	}{
		{"submit unscanned", []Event{created, {Action: ActSubmit, At: at(1), Actor: clerk}}, ErrRule, "catalog.flow.not_scanned"},
		{"reviewer drafts", []Event{{Action: ActCreate, At: at(0), Actor: reviewer}}, ErrRole, "catalog.role.clerk"},
		{"clerk reviews", []Event{created, scanned, submitted, {Action: ActReview, At: at(3), Actor: clerk, Answers: allTicked()}}, ErrRole, "catalog.role.reviewer"},
		{"checklist incomplete", []Event{created, scanned, submitted, {Action: ActReview, At: at(3), Actor: reviewer, Answers: Answers{"no_secret": true}}}, ErrRule, "catalog.check.no_third_party"},
		{"sign unreviewed", []Event{created, scanned, submitted, {Action: ActSign, At: at(3), Actor: head, Version: 1, IndexNo: "X"}}, ErrTransition, "catalog.state.in_review"},
		{"reviewer signs", []Event{created, scanned, submitted, {Action: ActReview, At: at(3), Actor: reviewer, Answers: allTicked()},
			{Action: ActSign, At: at(4), Actor: reviewer, Version: 1, IndexNo: "X"}}, ErrRole, "catalog.role.head"},
		{"publish without index number", []Event{created, scanned, submitted, {Action: ActReview, At: at(3), Actor: reviewer, Answers: allTicked()},
			{Action: ActSign, At: at(4), Actor: head, Version: 1}}, ErrRule, "catalog.flow.index_no_missing"},
		{"return without reason", []Event{created, scanned, submitted, {Action: ActReturn, At: at(3), Actor: reviewer}}, ErrRule, "catalog.flow.no_reason"},
		{"withdraw a draft", []Event{created, {Action: ActWithdraw, At: at(1), Actor: head, Note: "x"}}, ErrRule, "catalog.flow.withdraw_draft"},
		{"time goes back", []Event{created, {Action: ActScan, At: at(-1), Actor: system}}, ErrRule, "catalog.flow.time_back"},
		{"create twice", []Event{created, created}, ErrTransition, "catalog.flow.exists"},
		{"unknown action", []Event{{Action: "delete", At: at(0), Actor: head}}, ErrTransition, "catalog.flow.unknown_action"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := run(tt.events...)
			var ce *Error
			if !errors.Is(err, tt.want) || !errors.As(err, &ce) || !strings.Contains(fmt.Sprint(ce.Key, ce.Args), tt.msg) {
				t.Errorf("err %v; want %v with %q", err, tt.want, tt.msg)
			}
		})
	}
}

func published(extra ...Event) []Event {
	return append([]Event{
		{Action: ActImport, At: at(0), Actor: system, IndexNo: "X/2021-00003", Version: 1},
	}, extra...)
}

func TestCorrectionKeepsTheLiveVersion(t *testing.T) {
	it, err := run(published(
		Event{Action: ActCorrect, At: at(1), Actor: clerk, Note: "文号有误"},
		Event{Action: ActEdit, At: at(2), Actor: clerk},
	)...)
	if err != nil {
		t.Fatal(err)
	}
	if it.State != Draft || !it.Correcting || !it.Public() || it.Live != 1 {
		t.Fatalf("during a correction: state %s correcting %v public %v live %d; want a draft with version 1 still public", it.State, it.Correcting, it.Public(), it.Live)
	}
	if slices.Contains(it.Allowed(Clerk), ActDiscard) {
		t.Error("a published item offers discard")
	}
	for _, e := range []Event{
		{Action: ActScan, At: at(3), Actor: system},
		{Action: ActSubmit, At: at(4), Actor: clerk},
		{Action: ActReview, At: at(5), Actor: reviewer, Answers: allTicked()},
		{Action: ActSign, At: at(6), Actor: head, PublishAt: at(30), Version: 2},
	} {
		if err := it.Apply(e); err != nil {
			t.Fatal(err)
		}
	}
	if it.State != Scheduled || it.Live != 1 {
		t.Fatalf("signed for later: state %s live %d; want scheduled with version 1 live", it.State, it.Live)
	}
	if err := it.Apply(Event{Action: ActPublish, At: at(29), Actor: system, Version: 2}); !errors.Is(err, ErrRule) {
		t.Errorf("publish before its time: err %v; want ErrRule", err)
	}
	if err := it.Apply(Event{Action: ActPublish, At: at(30), Actor: system, Version: 2, IndexNo: "Y"}); !errors.Is(err, ErrRule) {
		t.Errorf("publish with another index number: err %v; want ErrRule", err)
	}
	if err := it.Apply(Event{Action: ActPublish, At: at(30), Actor: system, Version: 2}); err != nil {
		t.Fatal(err)
	}
	if it.State != Published || it.Live != 2 || it.IndexNo != "X/2021-00003" || it.Correcting {
		t.Errorf("after the correction: state %s live %d index %s; want published 2 with the same index number", it.State, it.Live, it.IndexNo)
	}
}

func TestWithdrawalKeepsTheRecord(t *testing.T) {
	it, err := run(published(Event{Action: ActWithdraw, At: at(1), Actor: head, Note: "内容已过时"})...)
	if err != nil {
		t.Fatal(err)
	}
	if it.State != Withdrawn || it.Public() || it.Withdrawal == nil || it.Withdrawal.Reason != "内容已过时" || it.Live != 1 {
		t.Errorf("withdrawn: %+v; want the record, its version and the reason kept", it)
	}
	if got := it.Allowed(Head); len(got) != 0 {
		t.Errorf("a withdrawn item offers %v; want nothing", got)
	}
	if _, err := run(published(Event{Action: ActDiscard, At: at(1), Actor: head, Note: "x"})...); !errors.Is(err, ErrTransition) {
		t.Errorf("discard a published item: err %v; want refused", err)
	}
}

func TestSetValidity(t *testing.T) {
	tests := []struct {
		name string
		e    Event
		ok   bool
	}{
		{"repealed with successor", Event{Validity: Repealed, ValidityOn: d("2022-06-01"), ReplacedBy: "X/2022-00009", Version: 2}, true},
		{"repealed without successor", Event{Validity: Repealed, ValidityOn: d("2022-06-01"), Version: 2}, true},
		{"amended without successor", Event{Validity: Amended, ValidityOn: d("2022-06-01"), Version: 2}, false},
		{"expired with successor", Event{Validity: Expired, ValidityOn: d("2022-06-01"), ReplacedBy: "Y", Version: 2}, false},
		{"no date", Event{Validity: Expired, Version: 2}, false},
		{"wrong version", Event{Validity: Expired, ValidityOn: d("2022-06-01"), Version: 1}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := tt.e
			e.Action, e.At, e.Actor = ActSetValidity, at(1), head
			it, err := run(published(e)...)
			if (err == nil) != tt.ok {
				t.Fatalf("err %v; want ok %v", err, tt.ok)
			}
			if tt.ok && it.Live != 2 {
				t.Errorf("live %d; want 2", it.Live)
			}
		})
	}
}

func TestLoadReplays(t *testing.T) {
	events := published(Event{Action: ActCorrect, At: at(1), Actor: clerk, Note: "错字"})
	it, err := Load(7, events)
	if err != nil || it.ID != 7 || it.State != Draft || len(it.Events) != 2 {
		t.Fatalf("Load: %+v, %v", it, err)
	}
	if _, err := Load(7, append(events, Event{Action: ActImport, At: at(2), Actor: system})); err == nil {
		t.Error("Load accepted a second import")
	}
}
