package catalog

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/calendar"
)

// fieldErrors turns content problems into one apperr.Invalid error whose
// message lists them.
func fieldErrors(errs []FieldError) error {
	if len(errs) == 0 {
		return nil
	}
	msgs := make([]apperr.Msg, len(errs))
	for i, e := range errs {
		msgs[i] = apperr.Msg{Key: e.Key, Args: e.Args}
	}
	return apperr.New(apperr.Invalid, "catalog.content_invalid", msgs)
}

// refusal turns the workflow's refusal of an action into the error to
// show: Conflict when the item's state does not allow it, Invalid when a
// role or rule forbids it, with the refusal's message.
func refusal(err error) error {
	var ce *Error
	if !errors.As(err, &ce) {
		return err
	}
	kind := apperr.Invalid
	if ce.Kind == ErrTransition {
		kind = apperr.Conflict
	}
	return apperr.Wrap(kind, ce.Key, err, ce.Args...)
}

// Create drafts a new item of agencyID (经办人). The content may be
// incomplete; Submit checks it whole.
func (s *Service) Create(ctx context.Context, w Staff, agencyID int64, agencyName string, c Content) (int64, error) {
	role, ok := roleFor(w, ActCreate, "", agencyID)
	if !ok {
		return 0, s.deny(ctx, w, "catalog.create", 0, agencyID, "拟稿须由本机关的经办人办理", apperr.M("catalog.deny.create"))
	}
	c = c.Normalize()
	var id int64
	err := s.tx(ctx, func(ctx context.Context) error {
		_, cols, err := s.ensureProfile(ctx, w.actor(), agencyID, agencyName)
		if err != nil {
			return err
		}
		if err := fieldErrors(c.Check(NewTree(cols), true)); err != nil {
			return err
		}
		now := s.now()
		e := Event{Action: ActCreate, At: now, Actor: Actor{w.Subject.Login, role}}
		it := &Item{}
		if err := it.Apply(e); err != nil {
			return refusal(err)
		}
		draft := c
		rec := Record{AgencyID: agencyID, State: it.State, Shown: stripped(c), Draft: &draft}
		if id, err = s.st.CreateItem(ctx, rec, now); err != nil {
			return err
		}
		if err := s.st.AppendItemEvent(ctx, id, 1, e); err != nil {
			return err
		}
		return s.log.Record(ctx, w.actor().Event("catalog.create", "catalog_item", id, audit.ResultOK, c.Title))
	})
	return id, err
}

// stripped returns c without what Record.Shown leaves out.
func stripped(c Content) Content {
	c.Body, c.Attachments = "", nil
	return c
}

// A step is one workflow action on a stored item: the event to apply and
// what to do around it.
type step struct {
	action Action
	note   string
	// prepare completes the event and the record before Apply (with the
	// item as it stands); it runs inside the transaction.
	prepare func(ctx context.Context, it *Item, rec *Record, e *Event) error
	// after runs once the event is applied and before the record is saved.
	after func(ctx context.Context, it *Item, rec *Record, e Event) error
	// detail is written to the audit log.
	detail func(it *Item, e Event) string
}

// act runs st on item id for w: role and permission check, the workflow's
// rules, then the event, the record, versions and the audit row in one
// transaction.
func (s *Service) act(ctx context.Context, w Staff, id int64, st step) error {
	name := "catalog." + string(st.action)
	var denied error
	err := s.tx(ctx, func(ctx context.Context) error {
		rec, it, err := s.load(ctx, id)
		if apperr.KindOf(err) == apperr.NotFound {
			denied = s.denyLater(w, name, id, 0, "没有该信息", apperr.M("catalog.not_found"))
			return nil
		}
		if err != nil {
			return err
		}
		role, ok := roleFor(w, st.action, it.State, rec.AgencyID)
		if !ok {
			denied = s.denyLater(w, name, id, rec.AgencyID, fmt.Sprintf("信息处于“%s”状态，您不能%s", it.State.Label(), st.action.Label()),
				apperr.M("catalog.deny.action", it.State.Key(), st.action.Key()))
			return nil
		}
		e := Event{Action: st.action, At: s.now(), Actor: Actor{w.Subject.Login, role}, Note: strings.TrimSpace(st.note)}
		return s.apply(ctx, w.actor(), rec, it, e, st)
	})
	if denied != nil {
		return s.finishDeny(ctx, w, denied)
	}
	return err
}

// apply applies e to it through st and saves everything.
func (s *Service) apply(ctx context.Context, by audit.Actor, rec Record, it *Item, e Event, st step) error {
	if st.prepare != nil {
		if err := st.prepare(ctx, it, &rec, &e); err != nil {
			return err
		}
	}
	if err := it.Apply(e); err != nil {
		return refusal(err)
	}
	if st.after != nil {
		if err := st.after(ctx, it, &rec, e); err != nil {
			return err
		}
	}
	rec.State, rec.Live, rec.IndexNo, rec.PublishAt = it.State, it.Live, it.IndexNo, it.PublishAt
	if !it.State.Working() {
		rec.Draft = nil
	}
	if err := s.st.UpdateItem(ctx, rec, e.At); err != nil {
		return err
	}
	if err := s.st.AppendItemEvent(ctx, rec.ID, len(it.Events), e); err != nil {
		return err
	}
	detail := e.Note
	if st.detail != nil {
		detail = st.detail(it, e)
	}
	return s.log.Record(ctx, by.Event("catalog."+string(e.Action), "catalog_item", rec.ID, audit.ResultOK, detail))
}

// A deferred denial is recorded after the transaction rolls back.
type deferredDeny struct {
	w        Staff
	action   string
	id, agcy int64
	why      string
	msg      apperr.Msg
}

func (d *deferredDeny) Error() string { return d.why }

func (s *Service) denyLater(w Staff, action string, id, agencyID int64, why string, msg apperr.Msg) error {
	return &deferredDeny{w, action, id, agencyID, why, msg}
}

func (s *Service) finishDeny(ctx context.Context, w Staff, err error) error {
	d := err.(*deferredDeny)
	return s.deny(ctx, d.w, d.action, d.id, d.agcy, d.why, d.msg)
}

// Edit replaces the working copy of a draft (经办人).
func (s *Service) Edit(ctx context.Context, w Staff, id int64, c Content) error {
	c = c.Normalize()
	return s.act(ctx, w, id, step{action: ActEdit, prepare: func(ctx context.Context, it *Item, rec *Record, e *Event) error {
		cols, err := s.st.Columns(ctx, rec.AgencyID)
		if err != nil {
			return err
		}
		if err := fieldErrors(c.Check(NewTree(cols), true)); err != nil {
			return err
		}
		if it.Correcting {
			// A correction keeps the identity of the published item.
			c.Category, c.DocType = it.Content.Category, it.Content.DocType
		}
		rec.Draft = &c
		if it.Live == 0 {
			rec.Shown = stripped(c)
		}
		return nil
	}, detail: func(*Item, Event) string { return c.Title }})
}

// scanContent runs the scanner over the body document and every
// attachment of c.
func (s *Service) scanContent(ctx context.Context, c Content) ([]Finding, string, error) {
	if s.Scanner == nil {
		return nil, "未启用扫描", nil
	}
	fs, err := s.Scanner.Scan(BodyFile, strings.NewReader(BodyDocument(c)))
	if err != nil {
		return nil, "", fmt.Errorf("catalog: scan body: %w", err)
	}
	for i := range fs {
		fs[i].File = BodyFile
	}
	for _, a := range c.Attachments {
		if s.Blobs == nil || a.BlobKey == "" {
			continue
		}
		if a.Hazard != "" {
			// A zip or XML bomb is never opened by the server: a person
			// must look at it (with care) instead.
			fs = append(fs, Finding{Kind: "hazard", File: a.Name, Where: a.Hazard})
			continue
		}
		r, err := s.Blobs.Get(ctx, a.BlobKey)
		if err != nil {
			return nil, "", err
		}
		got, err := s.Scanner.Scan(a.Name, r)
		r.Close()
		if err != nil {
			// An unreadable attachment is a finding a person must look at.
			got = []Finding{{Kind: "unreadable", Where: err.Error()}}
		}
		for i := range got {
			got[i].File = a.Name
		}
		fs = append(fs, got...)
	}
	return fs, "", nil
}

// Submit scans the working copy and sends it to review (经办人): the
// content must be complete.
func (s *Service) Submit(ctx context.Context, w Staff, id int64) error {
	return s.act(ctx, w, id, step{action: ActSubmit, prepare: func(ctx context.Context, it *Item, rec *Record, e *Event) error {
		cols, err := s.st.Columns(ctx, rec.AgencyID)
		if err != nil {
			return err
		}
		if err := fieldErrors(it.Content.Check(NewTree(cols), false)); err != nil {
			return err
		}
		return s.rescan(ctx, it, rec, e.At)
	}, detail: func(it *Item, e Event) string { return fmt.Sprintf("扫描发现 %d 处", len(it.Findings)) }})
}

// rescan records a scan event before the step's own event when the working
// copy changed since the last scan.
func (s *Service) rescan(ctx context.Context, it *Item, rec *Record, at time.Time) error {
	if it.Scanned {
		return nil
	}
	fs, note, err := s.scanContent(ctx, it.Content)
	if err != nil {
		return err
	}
	scan := Event{Action: ActScan, At: at, Actor: Actor{"system", System}, Findings: fs, Note: note}
	if err := it.Apply(scan); err != nil {
		return err
	}
	if err := s.st.AppendItemEvent(ctx, rec.ID, len(it.Events), scan); err != nil {
		return err
	}
	ev := audit.Actor{Login: "system"}.Event("catalog.scan", "catalog_item", rec.ID, audit.ResultOK, findingsDetail(fs, note))
	return s.log.Record(ctx, ev)
}

func findingsDetail(fs []Finding, note string) string {
	if note != "" {
		return note
	}
	if len(fs) == 0 {
		return "未发现个人信息或涉密标识"
	}
	kinds := map[string]int{}
	for _, f := range fs {
		kinds[f.Kind]++
	}
	var parts []string
	for _, k := range []string{"id_card", "mobile", "bank_card", "email", "classified", "hidden", "unreadable", "hazard"} {
		if n := kinds[k]; n > 0 {
			parts = append(parts, fmt.Sprintf("%s×%d", k, n))
		}
	}
	return "扫描发现 " + strings.Join(parts, " ")
}

// Review records the 审核人's 保密审查: every check ticked sends the item to
// the 负责人.
func (s *Service) Review(ctx context.Context, w Staff, id int64, answers Answers) error {
	return s.act(ctx, w, id, step{action: ActReview, prepare: func(_ context.Context, _ *Item, _ *Record, e *Event) error {
		e.Answers = answers
		return nil
	}, detail: func(it *Item, e Event) string { return "保密审查 " + e.Answers.String() }})
}

// Return sends the working copy back to the 经办人 with a reason.
func (s *Service) Return(ctx context.Context, w Staff, id int64, reason string) error {
	return s.act(ctx, w, id, step{action: ActReturn, note: reason})
}

// Override lets the 负责人 release the scanner's findings with a reason
// (catalog.md §4).
func (s *Service) Override(ctx context.Context, w Staff, id int64, reason string) error {
	return s.act(ctx, w, id, step{action: ActOverride, note: reason, detail: func(it *Item, e Event) string {
		return fmt.Sprintf("放行 %d 处扫描发现：%s", len(it.Findings), e.Note)
	}})
}

// Discard abandons a never-published draft; the record stays.
func (s *Service) Discard(ctx context.Context, w Staff, id int64, reason string) error {
	return s.act(ctx, w, id, step{action: ActDiscard, note: reason})
}

// Withdraw takes a published item down (负责人): the record, its
// versions and the reason stay, and its public page says it was withdrawn.
func (s *Service) Withdraw(ctx context.Context, w Staff, id int64, reason string) error {
	return s.act(ctx, w, id, step{action: ActWithdraw, note: reason})
}

// Correct starts a 勘误 of a published item (经办人): the live version
// becomes the working copy and stays public until the correction is
// signed as the next version.
func (s *Service) Correct(ctx context.Context, w Staff, id int64, reason string) error {
	return s.act(ctx, w, id, step{action: ActCorrect, note: reason, prepare: func(_ context.Context, it *Item, rec *Record, _ *Event) error {
		c := it.Content
		rec.Draft = &c
		return nil
	}})
}

// Sign is the 负责人's signature: the item is published now, or at
// publishAt when that is later.
func (s *Service) Sign(ctx context.Context, w Staff, id int64, publishAt time.Time) error {
	return s.act(ctx, w, id, step{action: ActSign,
		prepare: func(ctx context.Context, it *Item, rec *Record, e *Event) error {
			if err := s.rescan(ctx, it, rec, e.At); err != nil {
				return err
			}
			e.PublishAt = publishAt.UTC().Truncate(time.Microsecond)
			if publishAt.IsZero() || !publishAt.After(e.At) {
				e.PublishAt = time.Time{}
				return s.preparePublication(ctx, it, rec, e)
			}
			return nil
		},
		after: s.publishVersion,
		detail: func(it *Item, e Event) string {
			if it.State == Scheduled {
				return "定时发布 " + e.PublishAt.In(CST).Format("2006-01-02 15:04")
			}
			return "发布 " + it.IndexNo + " 第 " + itoa(it.Live) + " 版"
		}})
}

// preparePublication gives a first publication its 索引号 and sets the
// version number.
func (s *Service) preparePublication(ctx context.Context, it *Item, rec *Record, e *Event) error {
	e.Version = it.Live + 1
	if it.IndexNo != "" {
		return nil
	}
	p, err := s.st.CatalogProfile(ctx, rec.AgencyID)
	if err != nil && apperr.KindOf(err) != apperr.NotFound {
		return err
	}
	if p.CreditCode == "" {
		return apperr.Wrap(apperr.Invalid, "catalog.credit_code_missing", errNoCreditCode)
	}
	year := e.At.In(CST).Year()
	seq, err := s.st.NextIndexSeq(ctx, rec.AgencyID, year)
	if err != nil {
		return err
	}
	e.IndexNo = IndexNo(p.CreditCode, year, seq)
	return nil
}

// publishVersion stores the version a publication made, with its posts,
// links and the 第二十六条 check. It does nothing when e made none.
func (s *Service) publishVersion(ctx context.Context, it *Item, rec *Record, e Event) error {
	if it.State != Published || e.Version == 0 {
		return nil
	}
	c := it.Content
	kind := FirstPublication
	switch {
	case e.Action == ActImport:
		kind = Imported
	case e.Action == ActSetValidity:
		kind = ValidityChange
	case e.Version > 1:
		kind = Correction
	}
	if rec.FirstPublished.IsZero() {
		rec.FirstPublished = e.At
	}
	day := calendar.Of(e.At.In(CST))
	if e.Action != ActImport && !hasChannel(c.Channels, PortalChannel) {
		c.Channels = append(c.Channels, Post{Channel: PortalChannel, On: day})
	}
	note := ""
	if kind == Correction {
		note = correctionNote(it)
	}
	v := Version{N: e.Version, Kind: kind, Content: c, PublishedAt: e.At, By: e.Actor.Name, Note: note}
	if err := s.st.AddVersion(ctx, rec.ID, v); err != nil {
		return err
	}
	it.Versions = append(it.Versions, v)
	it.Content = c
	rec.Shown = stripped(c)
	cal, err := s.Calendar(ctx, rec.AgencyID)
	if err != nil {
		return err
	}
	rec.Late = CheckTimeliness(cal, c, it.startPublished(c), calendar.Date{}).Late
	if err := s.st.SetPosts(ctx, rec.ID, c.Channels); err != nil {
		return err
	}
	var links []Link
	for _, to := range c.Interprets {
		links = append(links, Link{From: it.IndexNo, To: to})
	}
	return s.st.SetLinks(ctx, rec.AgencyID, it.IndexNo, links)
}

// startPublished returns when the content's start date (成文 or 变更) first
// went public: the publication of the earliest version with that start.
func (it *Item) startPublished(c Content) time.Time {
	for _, v := range it.Versions {
		if v.Content.StartOn() == c.StartOn() {
			return v.PublishedAt
		}
	}
	return time.Time{}
}

// correctionNote returns the reason given when the correction now
// published was started.
func correctionNote(it *Item) string {
	for i := len(it.Events) - 1; i >= 0; i-- {
		if it.Events[i].Action == ActCorrect {
			return it.Events[i].Note
		}
	}
	return ""
}

func hasChannel(ps []Post, ch string) bool {
	for _, p := range ps {
		if p.Channel == ch {
			return true
		}
	}
	return false
}

// ValidityChange is the kind of a version that changes a 规章's or
// 规范性文件's validity.
const ValidityChange VersionKind = "validity" // 有效性变更

// SetValidity records that a published 规章 or 行政规范性文件 was amended,
// expired or repealed on a date (负责人), as a new version.
func (s *Service) SetValidity(ctx context.Context, w Staff, id int64, v Validity, on calendar.Date, replacedBy, note string) error {
	return s.act(ctx, w, id, step{action: ActSetValidity, note: note,
		prepare: func(_ context.Context, it *Item, rec *Record, e *Event) error {
			if !it.Content.DocType.HasValidity() {
				return apperr.New(apperr.Invalid, "catalog.validity_not_applicable")
			}
			if !on.IsZero() && on.Before(it.Content.FormedOn) {
				return apperr.New(apperr.Invalid, "catalog.validity_before_formed", on.String(), it.Content.FormedOn.String())
			}
			e.Validity, e.ValidityOn, e.ReplacedBy, e.Version = v, on, strings.TrimSpace(replacedBy), it.Live+1
			return nil
		},
		after: func(ctx context.Context, it *Item, rec *Record, e Event) error {
			it.Content.Validity, it.Content.ValidityChangedOn, it.Content.ReplacedBy = e.Validity, e.ValidityOn, e.ReplacedBy
			if e.Validity == InForce {
				it.Content.ValidityChangedOn = calendar.Date{}
			}
			return s.publishVersion(ctx, it, rec, e)
		},
		detail: func(it *Item, e Event) string {
			return e.Validity.Label() + " " + e.ValidityOn.String() + " " + e.ReplacedBy
		}})
}

// PublishDue publishes the scheduled items whose time has come and
// returns how many it published. The scheduler calls it.
func (s *Service) PublishDue(ctx context.Context) (int, error) {
	now := s.now()
	recs, err := s.st.ListItems(ctx, Filter{States: []State{Scheduled}})
	if err != nil {
		return 0, err
	}
	n := 0
	for _, r := range recs {
		if r.PublishAt.After(now) {
			continue
		}
		err := s.tx(ctx, func(ctx context.Context) error {
			rec, it, err := s.load(ctx, r.ID)
			if err != nil || it.State != Scheduled {
				return err
			}
			e := Event{Action: ActPublish, At: s.now(), Actor: Actor{"system", System}}
			return s.apply(ctx, audit.Actor{Login: "system"}, rec, it, e, step{action: ActPublish,
				prepare: s.preparePublication, after: s.publishVersion,
				detail: func(it *Item, e Event) string { return "定时发布 " + it.IndexNo }})
		})
		if err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}
